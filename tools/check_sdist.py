"""Check what the built wheel and sdist in a folder hold: all of orderpack, nothing of ours.

Run by ``make package`` after the build: each archive must hold the package with its
``py.typed`` marker (so a caller's mypy reads its types), the sdist its README and
pyproject, and neither the local environment, build output or caches.
"""

from __future__ import annotations

import sys
import tarfile
import zipfile
from pathlib import Path

NEEDED = {
    "wheel": ("orderpack/__init__.py", "orderpack/py.typed", "orderpack/picks.py"),
    "sdist": ("pyproject.toml", "README.md", "src/orderpack/__init__.py", "src/orderpack/py.typed"),
}
UNWANTED = (".venv/", "docs/_build/", "build/", "mutants/", ".hypothesis/", "__pycache__/")


def names(archive: Path) -> list[str]:
    """The files in *archive*, without the sdist's leading ``orderpack-1.0/`` folder."""
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as wheel:
            return wheel.namelist()
    with tarfile.open(archive) as sdist:
        return [name.partition("/")[2] for name in sdist.getnames()]


def problems(kind: str, archive: Path) -> list[str]:
    """What *archive* lacks or holds that it should not."""
    held = names(archive)
    missing = [f"{archive.name}: lacks {name}" for name in NEEDED[kind] if name not in held]
    extra = [
        f"{archive.name}: holds {name}"
        for name in held
        if any(part in f"{name}/" for part in UNWANTED)
    ]
    return missing + extra


def main(folder: str) -> int:
    """Check the one wheel and one sdist in *folder*; say what is wrong, exit 1 if anything."""
    found = {
        "wheel": sorted(Path(folder).glob("*.whl")),
        "sdist": sorted(Path(folder).glob("*.tar.gz")),
    }
    wrong = [
        f"expected one {kind} in {folder}, found {len(got)}"
        for kind, got in found.items()
        if len(got) != 1
    ]
    wrong += [p for kind, got in found.items() for archive in got for p in problems(kind, archive)]
    for line in wrong:
        print(line, file=sys.stderr)
    if not wrong:
        print(f"the wheel and sdist in {folder} hold orderpack and nothing else of ours")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
