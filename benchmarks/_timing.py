"""Timing for the benchmarks: ratios to a baseline measured in the same run, never single times.

Cases are timed in interleaved rounds (A, B, C, A, B, C, ...) and each gets the median of its
rounds, so a machine that speeds up or slows down mid-run moves every case alike.
"""

from __future__ import annotations

import gc
import platform
import statistics
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence


def machine() -> str:
    """The machine and Python a run was on, for the heading of a table."""
    return f"{platform.machine()}, Python {sys.version.split()[0]}"


def interleaved(cases: Mapping[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """The median wall time of each case over *rounds* interleaved rounds, in seconds."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    for run in cases.values():  # warm: generated code, caches
        run()
    for _ in range(rounds):
        for name, run in cases.items():
            gc.collect()
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(spent) for name, spent in times.items()}


def table(heading: str, columns: tuple[str, ...], rows: Sequence[tuple[object, ...]]) -> None:
    """Print a Markdown table under *heading*, ready for docs/performance.md."""
    print(f"\n{heading}\n")
    print("| " + " | ".join(columns) + " |")
    print("|" + "|".join(" ---: " for _ in columns) + "|")
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")
