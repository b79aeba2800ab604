"""Batches: memory stays flat as the orders grow tenfold, and workers share the work.

The orders are the seed order and its plan on every line, made lazily, as lines of a file
would be read; outcomes are written to nowhere, as ``orderpack split --batch`` writes them out.
"""

from __future__ import annotations

import itertools
import time
import tracemalloc
from typing import TYPE_CHECKING

from _timing import machine, table

from orderpack.batch import split_batch, to_json_line
from orderpack.contract import dumps
from orderpack.demo import seed_order, seed_plan

if TYPE_CHECKING:
    from collections.abc import Iterator

ORDER, PLAN = dumps(seed_order()), dumps(seed_plan())


def lines(text: str, count: int) -> Iterator[str]:
    """*count* lines of *text*, made one at a time."""
    return itertools.repeat(text, count)


def run(count: int, workers: int) -> int:
    """Split *count* orders; return how many outcomes came back."""
    return sum(
        1
        for outcome in split_batch(lines(ORDER, count), lines(PLAN, count), workers=workers)
        if to_json_line(outcome)
    )


def peak(count: int) -> int:
    """The peak memory traced while splitting *count* orders in this process."""
    tracemalloc.start()
    run(count, workers=1)
    highest = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return highest


def seconds(count: int, workers: int) -> float:
    """Wall time of splitting *count* orders on *workers* processes, start-up included."""
    start = time.perf_counter()
    assert run(count, workers) == count
    return time.perf_counter() - start


def main() -> None:
    """Print peak memory at 1x and 10x the orders, and the time on one and two workers."""
    # Warm: generated code, caches and first-use allocations are not the batch's memory.
    peak(2_000)
    small, large = peak(200), peak(2_000)
    table(
        f"Peak memory of a batch ({machine()}; tracemalloc)",
        ("orders", "peak", "/ peak at 200"),
        [
            ("200", f"{small / 1e3:,.0f} kB", "1.00x"),
            ("2,000", f"{large / 1e3:,.0f} kB", f"{large / small:.2f}x"),
        ],
    )
    count = 4_000
    one = seconds(count, 1)
    two = seconds(count, 2)
    table(
        f"Wall time of {count:,} orders ({machine()}, 2 cores)",
        ("workers", "time", "/ one worker"),
        [("1", f"{one:.2f} s", "1.00x"), ("2", f"{two:.2f} s", f"{two / one:.2f}x")],
    )


if __name__ == "__main__":
    main()
