"""The docs cite real tests and list exactly the problem codes orderpack uses."""

import ast
import hashlib
import re
from pathlib import Path

from orderpack.errors import CODES

TESTS = Path(__file__).parent
DOCS = TESTS.parent / "docs"
CITATION = re.compile(r"`((?:\w+/)*test_\w+\.py)::([\w:]+)`")


def _names(node: ast.stmt) -> list[str]:
    """The names a statement defines: a class's, a function's, or an assignment's targets."""
    if isinstance(node, ast.FunctionDef | ast.ClassDef):
        return [node.name]
    if isinstance(node, ast.Assign):
        return [target.id for target in node.targets if isinstance(target, ast.Name)]
    return []


def _defines(path: Path, qualified: str) -> bool:
    """Whether the test file at *path* defines *qualified* (``TestClass::test_name``)."""
    if not path.is_file():
        return False
    scope: list[ast.stmt] = ast.parse(path.read_text()).body
    for part in qualified.split("::"):
        found = next((node for node in scope if part in _names(node)), None)
        if found is None:
            return False
        scope = getattr(found, "body", [])
    return True


def test_every_cited_test_exists() -> None:
    """A rule pinned by a test that was renamed, moved or removed is a stale promise."""
    cited = [m.groups() for page in DOCS.glob("*.md") for m in CITATION.finditer(page.read_text())]
    missing = [
        f"{file}::{qualified}" for file, qualified in cited if not _defines(TESTS / file, qualified)
    ]

    assert len(cited) > 50
    assert missing == []


def test_every_rule_id_is_on_the_rules_page() -> None:
    """O1-O7, P1-P12, C1-C4, A1-A4, M1, T1 and Q1-Q12 each have a row."""
    rows = {
        line.split("|")[1].strip().split(":")[0]
        for line in (DOCS / "rules.md").read_text().splitlines()
        if line.startswith("| ")
    }
    expected = {
        *(f"O{n}" for n in range(1, 8)),
        *(f"P{n}" for n in range(1, 13)),
        *(f"C{n}" for n in range(1, 5)),
        *(f"A{n}" for n in range(1, 5)),
        "M1",
        "T1",
        *(f"Q{n}" for n in range(1, 13)),
    }

    assert expected <= rows


def test_the_errors_page_lists_every_code() -> None:
    """The code table and orderpack.errors.CODES name the same codes."""
    text = (DOCS / "errors.md").read_text().split("## Codes")[1]
    listed = set(re.findall(r"^\| `(\w+)` \|", text, flags=re.MULTILINE))

    assert listed == set(CODES)


DIAGRAMS = sorted((DOCS / "diagrams").glob("*.mmd"))
CONTENT_WIDTH = 736
"""The widest a picture is shown in the site's theme (furo: 46em of 16px), in CSS pixels."""


def test_every_diagram_is_drawn_from_its_source_and_shown() -> None:
    """Each SVG names the SHA-256 of the Mermaid source it was drawn from; pages show SVGs.

    So no page needs a script to draw (offline, a CDN's Mermaid showed its source text), and
    an edited source that was not drawn again by ``make diagrams`` fails here.
    """
    pages = "".join(page.read_text() for page in DOCS.glob("*.md"))

    assert [d.stem for d in DIAGRAMS] == ["concepts", "lifecycle"]
    for source in DIAGRAMS:
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        drawn = source.with_suffix(".svg").read_text()
        assert drawn.startswith(f"<!-- drawn from sha256 {digest} -->\n<svg ")
        assert f"](diagrams/{source.stem}.svg)" in pages
    assert "```mermaid" not in pages


def test_every_diagram_is_readable_at_the_width_it_is_shown() -> None:
    """Labels are SVG text (not HTML, which an image does not draw) at 10 CSS px or more.

    A picture wider than the page is scaled down to it; its 16 px labels must stay readable.
    """
    for source in DIAGRAMS:
        drawn = source.with_suffix(".svg").read_text()
        width = float(re.search(r'viewBox="[\d.-]+ [\d.-]+ ([\d.]+) ', drawn).group(1))  # type: ignore[union-attr]
        font = float(re.search(r"font-size:(\d+)px", drawn).group(1))  # type: ignore[union-attr]

        assert "foreignObject" not in drawn
        assert font * min(1, CONTENT_WIDTH / width) >= 10, source.name
