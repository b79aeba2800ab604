"""The docs cite real tests and list exactly the problem codes orderpack uses."""

import importlib
import re
from pathlib import Path

from orderpack.errors import CODES

DOCS = Path(__file__).parent.parent / "docs"
CITATION = re.compile(r"`(test_\w+)\.py::([\w:]+)`")


def test_every_cited_test_exists() -> None:
    """A rule pinned by a test that was renamed or removed is a stale promise."""
    cited = [m.groups() for page in DOCS.glob("*.md") for m in CITATION.finditer(page.read_text())]
    missing = []
    for module_name, qualified in cited:
        target: object = importlib.import_module(module_name)
        for part in qualified.split("::"):
            target = getattr(target, part, None)
        if target is None:
            missing.append(f"{module_name}.py::{qualified}")

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
