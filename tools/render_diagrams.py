"""Draw each Mermaid diagram in docs/diagrams as an SVG beside it, for a site that needs no script.

The site shows the SVGs, so a page draws offline and without JavaScript. Each SVG starts with
the SHA-256 of the source it was drawn from; ``tests/test_docs.py`` checks it against the
source, so an edited diagram that was not drawn again fails ``make test``. Labels are SVG
text, not HTML, so they draw wherever an SVG does. A diagram named in ``LAYOUT`` is laid out
with the settings given there; the others with Mermaid's default layout (dagre).

Run by ``make diagrams``, which installs mermaid-cli (Node) and uses the system's Chromium.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

DIAGRAMS = Path(__file__).parent.parent / "docs" / "diagrams"
CONFIG = {
    "theme": "neutral",
    "themeVariables": {"fontSize": "16px", "fontFamily": "sans-serif"},
    "htmlLabels": False,
    "flowchart": {"htmlLabels": False},
    "state": {"htmlLabels": False},
}
LAYOUT: dict[str, dict[str, object]] = {
    # The lifecycle's graph is not planar, so some edges must cross. ELK's layered layout,
    # breaking its cycles depth first from the start, draws it with 2 crossings where dagre
    # draws 11, keeps Unallocated at the top and is narrower (695 px against 1028).
    "lifecycle": {"layout": "elk", "elk": {"cycleBreakingStrategy": "DEPTH_FIRST"}},
}


def stamp(source: str) -> str:
    """The first line of an SVG drawn from *source*."""
    return f"<!-- drawn from sha256 {hashlib.sha256(source.encode()).hexdigest()} -->"


def draw(mmdc: str, source: Path, chromium: str) -> None:
    """Draw *source* (a .mmd file) as the .svg beside it."""
    target = source.with_suffix(".svg")
    with tempfile.TemporaryDirectory() as scratch:
        config = Path(scratch) / "config.json"
        config.write_text(json.dumps(CONFIG | LAYOUT.get(source.stem, {})))
        browser = Path(scratch) / "puppeteer.json"
        browser.write_text(json.dumps({"executablePath": chromium, "args": ["--no-sandbox"]}))
        drawn = Path(scratch) / "drawn.svg"
        subprocess.run(  # noqa: S603 - the mermaid-cli named by the caller
            [mmdc, "-i", source, "-o", drawn, "-c", config, "-p", browser, "-b", "white", "-q"],
            check=True,
        )
        target.write_text(stamp(source.read_text()) + "\n" + drawn.read_text())
    print(f"drew {target}")


def main() -> int:
    """Draw every diagram; the mermaid-cli and Chromium paths come from the environment."""
    mmdc = os.environ.get("MMDC", "mmdc")
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for source in sorted(DIAGRAMS.glob("*.mmd")):
        draw(mmdc, source, chromium)
    return 0


if __name__ == "__main__":
    sys.exit(main())
