"""The ``orderpack`` command line.

>>> main(["demo"])  # doctest: +ELLIPSIS
Order EO-000-002-0TS: 1 order, 2 consignments, 3 packages, 4 items
...
0
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from orderpack import __version__
from orderpack.contract import dumps
from orderpack.demo import seed_order, seed_plan
from orderpack.render import render_split
from orderpack.splitting import split_order

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main"]


def _demo(_: argparse.Namespace) -> int:
    order = seed_order()
    split = split_order(order, seed_plan())
    lines = [render_split(order, split)]
    for n, request in enumerate(split.requests, start=1):
        lines += [
            "",
            f"Pack Order {n} of {len(split.requests)}: POST /orders/{order.reference}/pack",
            dumps(request, extensions=False, indent=2),
        ]
    print("\n".join(lines))  # noqa: T201 - the command's output
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="orderpack",
        description="Split shipping orders into consignments by SortedPRO's Orders rules.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    demo = commands.add_parser(
        "demo",
        help="split the seed example (necklace, bracelet, coat, hat): the tree, then the "
        "Pack Order request JSON for each consignment",
    )
    demo.set_defaults(run=_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (the process's arguments by default).

    Returns the exit code: 0 for success, 2 for a usage error (argparse's own).
    """
    arguments = _parser().parse_args(argv)
    code: int = arguments.run(arguments)
    return code
