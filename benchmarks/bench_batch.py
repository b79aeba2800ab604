"""Batches: memory stays flat as the orders grow tenfold, and workers share the work.

The orders are the seed order and its plan on every line. Memory is traced in this process,
lines made lazily as a file's would be read. Throughput is of the command itself,
``orderpack split --batch`` on files of that many lines with ``--workers 1`` and ``2``, its
output written to nowhere: what a user of the command waits for, start-up included.
"""

from __future__ import annotations

import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import TYPE_CHECKING

from _timing import machine, table

from orderpack.batch import split_batch, to_json_line
from orderpack.contract import dumps
from orderpack.demo import seed_order, seed_plan

if TYPE_CHECKING:
    from collections.abc import Iterator

ORDER, PLAN = dumps(seed_order()), dumps(seed_plan())
SIZES = (200, 1_000, 4_000, 20_000)
ROUNDS = 3


def lines(text: str, count: int) -> Iterator[str]:
    """*count* lines of *text*, made one at a time."""
    return itertools.repeat(text, count)


def peak(count: int) -> int:
    """The peak memory traced while splitting *count* orders in this process."""
    tracemalloc.start()
    assert sum(1 for o in split_batch(lines(ORDER, count), lines(PLAN, count)) if to_json_line(o))
    highest = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return highest


def command(folder: Path, count: int, workers: int) -> float:
    """Wall time of ``orderpack split --batch`` of *count* lines on *workers* processes."""
    argv = [sys.executable, "-m", "orderpack", "split", "--batch"]
    files = [str(folder / f"orders-{count}.jsonl"), str(folder / f"plans-{count}.jsonl")]
    start = time.perf_counter()
    subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [*argv, *files, "--workers", str(workers)],
        stdout=subprocess.DEVNULL,
        check=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    return time.perf_counter() - start


def main() -> None:
    """Print peak memory at 1x and 10x the orders, and the command's throughput on 1 and 2."""
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
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        where = Path(folder)
        for count in SIZES:
            (where / f"orders-{count}.jsonl").write_text((ORDER + "\n") * count)
            (where / f"plans-{count}.jsonl").write_text((PLAN + "\n") * count)
        for count in SIZES:
            one: list[float] = []
            two: list[float] = []
            for _ in range(ROUNDS):  # interleaved: one worker, then two, then again
                one.append(command(where, count, 1))
                two.append(command(where, count, 2))
            a, b = statistics.median(one), statistics.median(two)
            rows.append((f"{count:,}", f"{a:.2f} s", f"{b:.2f} s", f"{a / b:.2f}x"))
    table(
        f"`orderpack split --batch`, wall time, median of {ROUNDS} interleaved rounds "
        f"({machine()}, {os.cpu_count()} CPUs)",
        ("lines", "--workers 1", "--workers 2", "throughput of 2 / of 1"),
        rows,
    )


if __name__ == "__main__":
    main()
