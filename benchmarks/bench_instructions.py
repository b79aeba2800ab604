"""Instructions per allocation, counted by callgrind: a measure the machine's mood cannot move.

Each case runs in a fresh interpreter under ``valgrind --tool=callgrind`` twice, with one hash
seed: once making its inputs and running the case once (which warms what a first call warms),
once doing the same and then running it again; the difference, over the size, is the count of
a run per allocation (or per line, for pack_order and the checker). Each is shown
against its baseline from ``bench_split`` and ``bench_ops``. Reading PRO's JSON is counted
per item of ``bench_json``'s Get Order, whole and by the quick path's phases, against
pydantic v2 and msgspec reading the same text. The counts include the cycle collector's work,
as a library call leaves it running. Where valgrind is not installed, this says so and
stops. Run with ``make bench``, or alone: ``python benchmarks/bench_instructions.py``.
"""

from __future__ import annotations

import gc
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from _timing import machine, table
from bench_json import big_order
from bench_ops import count_baseline, pack_baseline, pack_request
from bench_split import baseline, order_and_plan
from mirrors import MSGSPEC_DECODER, POrder

from orderpack import (
    Order,
    SequentialReferences,
    check_split,
    contract,
    pack_order,
    split_order,
)
from orderpack.contract import _quick_path
from orderpack.packing import split as splitting
from orderpack.packing.pack import build_consignments, find_line

if TYPE_CHECKING:
    from collections.abc import Callable

SIZE = 10_000
ITEMS = 2_000
"""Items of the Get Order read: counts per item hardly move with the size, and valgrind is slow."""


def _cases() -> dict[str, Callable[[], object]]:
    """Every case of splitting and packing, its inputs made: a call runs it once."""
    order, plan = order_and_plan(SIZE)
    split = split_order(order, plan)
    request = pack_request(order)
    contents = [
        [[(find_line(order, item), item.quantity) for item in p.items] for p in r.packages]
        for r in split.requests
    ]
    packed = [balance.packed for balance in split.lines]

    def consignments() -> object:
        references = SequentialReferences()
        return [
            build_consignments(order, request, lines, references)
            for request, lines in zip(split.requests, contents, strict=True)
        ]

    return {
        "split_order": lambda: split_order(order, plan),
        "proving the plan": lambda: splitting._prove(order, plan, None),  # noqa: SLF001
        "building the consignments": consignments,
        "the line balances": lambda: splitting.line_balances(order, packed),
        "split baseline": lambda: baseline(plan),
        "pack_order": lambda: pack_order(order, request),
        "pack baseline": lambda: pack_baseline(order, request),
        "check_split": lambda: check_split(order, split.consignments),
        "count baseline": lambda: count_baseline(order, split.consignments),
    }


def _reading() -> dict[str, Callable[[], object]]:
    """Every case of reading, its inputs made: a call runs it once."""
    text = contract.dumps(big_order(ITEMS)).encode()
    unknown = text.replace(b'"Quantity":', b'"Colour":"red","Quantity":')
    decoder, build = _quick_path._quick_readers(strict=False)[Order]  # noqa: SLF001
    struct = decoder.decode(text)
    write = _quick_path._WRITE_STRUCTS  # noqa: SLF001
    return {
        "read": lambda: contract.read(text, Order),
        "read, strict": lambda: contract.read(text, Order, strict=True),
        "read, unknown keys": lambda: contract.read(unknown, Order),
        "decoding into structs": lambda: decoder.decode(text),
        "building the values": lambda: build(struct),
        "counting colons (strict)": lambda: text.count(b":") - write(struct).count(b":"),
        "walking for unknown keys": lambda: _quick_path._quick_unknown(unknown, Order),  # noqa: SLF001
        "pydantic v2": lambda: POrder.model_validate_json(text),
        "msgspec": lambda: MSGSPEC_DECODER.decode(text),
    }


READING = (
    "read",
    "read, strict",
    "read, unknown keys",
    "decoding into structs",
    "building the values",
    "counting colons (strict)",
    "walking for unknown keys",
)


PAIRS = (
    ("split_order", "split baseline"),
    ("proving the plan", "split baseline"),
    ("building the consignments", "split baseline"),
    ("the line balances", "split baseline"),
    ("pack_order", "pack baseline"),
    ("check_split", "count baseline"),
)


def _child(case: str, runs: int) -> None:
    """Make every case's inputs; then run *case* *runs* times.

    The inputs are frozen out of the cycle collector's reach first, so that a run's count
    holds the collector's work on what the run makes, not a walk of the inputs that happens
    to fall in one run and not the other.
    """
    run = (_reading() if case in (*READING, "pydantic v2", "msgspec") else _cases())[case]
    gc.collect()
    gc.freeze()
    for _ in range(runs):
        run()


def _instructions(valgrind: str, case: str, runs: int) -> int:
    completed = subprocess.run(  # noqa: S603 - our own interpreter and script
        [
            valgrind,
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            str(Path(__file__).resolve()),
            "--child",
            case,
            str(runs),
        ],
        env={**os.environ, "PYTHONHASHSEED": "0"},
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"Collected : (\d+)", completed.stderr)
    if found is None:
        message = f"callgrind gave no count for {case}:\n{completed.stderr}"
        raise RuntimeError(message)
    return int(found.group(1))


def main() -> None:
    """Print each case's instructions per allocation and its ratio to its baseline."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        print("\nInstruction counts: valgrind is not installed here; skipped.")
        return
    counts = {
        case: (_instructions(valgrind, case, 2) - _instructions(valgrind, case, 1)) / SIZE
        for case in dict.fromkeys(case for pair in PAIRS for case in pair)
    }
    per_item = {
        case: (_instructions(valgrind, case, 2) - _instructions(valgrind, case, 1)) / ITEMS
        for case in (*READING, "pydantic v2", "msgspec")
    }
    table(
        f"Instructions per allocation at {SIZE:,} (callgrind, {machine()})",
        ("case", "instructions", "baseline", "case / baseline"),
        [
            (
                case,
                f"{counts[case]:,.0f}",
                f"{counts[base]:,.0f}",
                f"{counts[case] / counts[base]:.1f}x",
            )
            for case, base in PAIRS
        ],
    )
    table(
        f"Instructions per item reading a Get Order of {ITEMS:,} items (callgrind, {machine()})",
        ("case", "instructions", "/ pydantic v2", "/ msgspec"),
        [
            (
                case,
                f"{per_item[case]:,.0f}",
                f"{per_item[case] / per_item['pydantic v2']:.2f}x",
                f"{per_item[case] / per_item['msgspec']:.2f}x",
            )
            for case in (*READING, "pydantic v2", "msgspec")
        ],
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2], int(sys.argv[3]))
    else:
        main()
