"""Score a mutmut run by module, and name every mutant that lived (``make mutate``).

Reads mutmut's results in ``mutants/`` and the equivalent mutants listed in
``docs/quality.md``. A mutant is killed when a test failed under it, or it hung or crashed
the tests; it survived when every test that runs its function passed. The score of a module
is killed / (mutants - equivalent ones). Exits 1 when a module scores under the target or a
survivor is neither killed nor listed as equivalent.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

TARGET = 0.95
ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "mutants" / "src" / "orderpack"
QUALITY = ROOT / "docs" / "quality.md"
SURVIVED, NO_TESTS, NOT_RUN = (0,), (5, 33), (None,)


def tally(equivalent: set[str]) -> tuple[dict[str, dict[str, int]], list[str]]:
    """Each module's mutants by outcome, and the names of the survivors."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    survivors: list[str] = []
    for meta in sorted(RESULTS.rglob("*.py.meta")):
        module = ".".join(
            meta.relative_to(RESULTS).with_name(meta.name.removesuffix(".py.meta")).parts
        )
        for name, code in json.loads(meta.read_text())["exit_code_by_key"].items():
            kind = _outcome(code, equivalent=name in equivalent)
            if kind == "survived":
                survivors.append(name)
            counts[module][kind] += 1
            counts[module]["mutants"] += 1
    return counts, survivors


def _outcome(code: int | None, *, equivalent: bool) -> str:
    if code in NOT_RUN:
        return "not run"
    if code in NO_TESTS:
        return "no tests"
    if code in SURVIVED:
        return "equivalent" if equivalent else "survived"
    return "killed"  # a test failed, or the tests hung or crashed under the mutant


def main() -> int:
    """Print the per-module table and the survivors; return the exit code."""
    equivalent = set(re.findall(r"`(orderpack\.[\w.ǁ]+__mutmut_\d+)`", QUALITY.read_text()))
    counts, survivors = tally(equivalent)
    totals: dict[str, int] = defaultdict(int)
    for row in counts.values():
        for key, value in row.items():
            totals[key] += value
    print("| module | mutants | killed | equivalent | survived | no tests | not run | score |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    failing = bool(survivors)
    for module, row in [*sorted(counts.items()), ("all", totals)]:
        scored = row["mutants"] - row["equivalent"]
        score = row["killed"] / scored if scored else 1.0
        failing |= score < TARGET or row["not run"] > 0
        print(
            f"| {module} | {row['mutants']} | {row['killed']} | {row['equivalent']} "
            f"| {row['survived']} | {row['no tests']} | {row['not run']} | {score:.1%} |"
        )
    for name in survivors:
        print(f"survived: {name}")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
