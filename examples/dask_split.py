"""Split a JSON Lines data set on a Dask cluster, as ``orderpack split --batch`` does on one host.

The data set is two folders of part files that pair by name: ``orders/part-0000.jsonl`` holds
orders (PRO's Get Order JSON, one per line) and ``plans/part-0000.jsonl`` their plans, line by
line. Each pair of part files is one partition of a Dask bag; each worker splits its partition
one order at a time and writes one JSON line per input line to ``out/part-0000.jsonl``: the
order's Pack Order requests, or every problem with it (the line numbers count within the part).

Needs ``pip install "orderpack[dask]"``. Run it against a scheduler, or with none for a local
cluster of processes::

    python examples/dask_split.py DATA OUT [SCHEDULER-ADDRESS]
"""

from __future__ import annotations

import sys
from pathlib import Path

import dask.bag as db
from distributed import Client, LocalCluster

from orderpack.batch import split_batch, to_json_line


def split_data_set(data: Path, out: Path) -> list[str]:
    """Split every part of *data* into *out*; return the names of the files written."""
    # blocksize=None keeps each part file whole: one partition, its lines in order.
    orders = db.read_text(str(data / "orders" / "part-*.jsonl"), blocksize=None)
    plans = db.read_text(str(data / "plans" / "part-*.jsonl"), blocksize=None)
    outcomes = db.map_partitions(split_batch, orders, plans)
    out.mkdir(parents=True, exist_ok=True)
    written: list[str] = outcomes.map(to_json_line).to_textfiles(
        str(out / "part-*.jsonl"), name_function="{:04d}".format, last_endline=True
    )
    return written


def main(argv: list[str]) -> None:
    """Split DATA into OUT on the scheduler named, or on a local cluster of processes."""
    data, out = Path(argv[0]), Path(argv[1])
    if len(argv) > 2:  # noqa: PLR2004 - the optional scheduler address
        with Client(argv[2]):
            split_data_set(data, out)
        return
    with LocalCluster(processes=True) as cluster, Client(cluster):
        split_data_set(data, out)


if __name__ == "__main__":
    main(sys.argv[1:])
