"""The command line's arguments: one subcommand per command, with its help.

Nothing of orderpack's model is imported here: the commands are named, and loaded once one is
chosen (:mod:`orderpack.cli._main`), and the help that lists CSV columns, presets and
objectives is written when it is asked for, so that ``orderpack --help`` and a usage error
cost no more than Python and argparse.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from typing import TYPE_CHECKING, Final

from orderpack import __version__
from orderpack.cli._codes import USAGE

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence


def _plan_help() -> str:
    """The stock and box catalogue columns, for ``plan --help``."""
    from orderpack.planning import BOX_COLUMNS, STOCK_COLUMNS  # noqa: PLC0415 - asked for help

    return (
        "stock CSV columns (one row per item and location; a location's facts on any row):\n"
        + "\n".join(f"  {name:<20}{meaning}" for name, meaning in STOCK_COLUMNS.items())
        + "\n\nbox catalogue CSV columns (one row per box):\n"
        + "\n".join(f"  {name:<20}{meaning}" for name, meaning in BOX_COLUMNS.items())
    )


def _picks_help() -> str:
    """The picks columns, for ``split --help``."""
    from orderpack.picks import COLUMNS  # noqa: PLC0415 - asked for help

    return "picks CSV columns (headers in any case; one row per pick):\n" + "\n".join(
        f"  {name:<20}{meaning}" for name, meaning in COLUMNS.items()
    )


def _policy_help() -> str:
    """What ``plan --policy`` takes: the presets and the objectives, by name."""
    from orderpack.planning import PRESETS, Objective  # noqa: PLC0415 - asked for help

    return (
        f"a preset ({', '.join(PRESETS)}; default fewest-shipments) or objectives in order, "
        f"comma-separated ({', '.join(o.value for o in Objective)})"
    )


class _Help(argparse.Action):
    """``-h``/``--help`` of a command: its help written now, from what the command reads."""

    def __init__(self, option_strings: Sequence[str], dest: str, **_: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show this help message and exit")

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,  # noqa: ARG002 - argparse's signature
        values: object,  # noqa: ARG002
        option_string: str | None = None,  # noqa: ARG002
    ) -> None:
        for described in _HELP_LATER.get(parser.prog.rpartition(" ")[2], ()):
            described(parser)
        parser.print_help()
        parser.exit()


def _epilog(write: Callable[[], str]) -> Callable[[argparse.ArgumentParser], None]:
    def describe(parser: argparse.ArgumentParser) -> None:
        parser.epilog = write()

    return describe


def _option_help(dest: str, write: Callable[[], str]) -> Callable[[argparse.ArgumentParser], None]:
    def describe(parser: argparse.ArgumentParser) -> None:
        for action in parser._actions:  # noqa: SLF001 - argparse keeps them there
            if action.dest == dest:
                action.help = write()

    return describe


_HELP_LATER: Final = {
    "split": (_epilog(_picks_help),),
    "plan": (_epilog(_plan_help), _option_help("policy", _policy_help)),
}
"""What each command's --help says that needs orderpack's modules: written when asked for."""


def _command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    text: str,
    run: str,
    **options: object,
) -> argparse.ArgumentParser:
    """A subcommand whose --help starts with what it does, as the command list says it.

    *run* names the function of :mod:`orderpack.cli._commands` that runs it.
    """
    command = commands.add_parser(
        name,
        help=text,
        description=textwrap.fill(text[0].upper() + text[1:] + ".", 79),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        add_help=False,
        **options,  # type: ignore[arg-type]
    )
    command.add_argument("-h", "--help", action=_Help)
    command.set_defaults(run=run, parser=command)
    return command


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="orderpack",
        description="Split shipping orders into consignments by SortedPRO's Orders rules.",
        epilog="Exit codes: 0 success, 1 problems found, 2 usage error or unreadable input, "
        "71 batch workers cannot start, 74 output unwritable, 130 interrupted, 141 output "
        "closed early, 143 terminated. A file named - is read from standard input. "
        "'orderpack COMMAND --help' says more of each command.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", title="commands"
    )
    _command(
        commands,
        "demo",
        "split the seed example (necklace, bracelet, coat, hat) and print the tree, the same "
        "split proposed from stock and why, then the Pack Order request JSON for each "
        "consignment; its references are made up, as PRO would number them",
        "_demo",
    )
    split = _command(
        commands,
        "split",
        "split an order by a plan (JSON, or CSV of picks), or many orders with --batch",
        "_split",
        usage="%(prog)s ORDER.json PLAN [--json] [--format {json,csv}]\n"
        "       %(prog)s --batch ORDERS.jsonl PLANS.jsonl [--workers N]",
    )
    split.add_argument(
        "order",
        metavar="ORDER.json",
        help="PRO's Get Order JSON (--batch: JSON Lines, an order on each line)",
    )
    split.add_argument(
        "plan",
        metavar="PLAN",
        help="a plan as JSON, or picks as .csv "
        "(--batch: JSON Lines, the plan for each order's line)",
    )
    split.add_argument(
        "--json",
        action="store_true",
        help="print the Pack Order requests, each with its origin, ship day and service",
    )
    split.add_argument(
        "--format",
        choices=["json", "csv"],
        help="the plan's format when it is read from standard input (otherwise a file ending "
        "in .csv is picks, any other a JSON plan)",
    )
    split.add_argument(
        "--batch",
        action="store_true",
        help="both files are JSON Lines; prints one JSON line per input line, its requests "
        "or its problems",
    )
    split.add_argument(
        "--workers",
        type=_whole,
        default=1,
        metavar="N",
        help="with --batch, split in up to N processes (default 1; at most the CPUs)",
    )
    pack = _command(
        commands,
        "pack",
        "make what one Pack Order makes: its consignment, and the return consignment too "
        "when the request asks for one (GenerateReturn)",
        "_pack",
    )
    pack.add_argument("order", metavar="ORDER.json", help="PRO's Get Order JSON")
    pack.add_argument("request", metavar="REQUEST.json", help="a Pack Order request")
    pack.add_argument("--json", action="store_true", help="print the consignments as JSON")
    plan = _command(
        commands,
        "plan",
        "propose a plan from stock, boxed from a catalogue, by a policy, and say why",
        "_propose",
        usage="%(prog)s ORDER.json STOCK [--boxes BOXES] [--policy POLICY] [--fill F] "
        "[--hold-for-restock] [--json | --report]\n"
        "       %(prog)s --batch ORDERS.jsonl STOCK [--boxes BOXES] [--policy POLICY] [--fill F] "
        "[--hold-for-restock]",
    )
    plan.add_argument(
        "order",
        metavar="ORDER.json",
        help="PRO's Get Order JSON (--batch: JSON Lines, an order on each line)",
    )
    plan.add_argument("stock", metavar="STOCK", help="stock as .csv, or as JSON")
    plan.add_argument(
        "--boxes",
        metavar="BOXES",
        help="a box catalogue as .csv, or as JSON; without one, a package per consignment",
    )
    plan.add_argument(
        "--policy",
        default="fewest-shipments",
        help="a preset or objectives in order, comma-separated (plan --help names them)",
    )
    plan.add_argument(
        "--fill",
        metavar="F",
        help="the share of a box's volume its contents may take (default 0.9)",
    )
    plan.add_argument(
        "--hold-for-restock",
        action="store_true",
        help="let units on hand wait for a later ship day of their location, to ship with "
        "units restocked there",
    )
    shown_as = plan.add_mutually_exclusive_group()
    shown_as.add_argument("--json", action="store_true", help="print the plan, as split takes it")
    shown_as.add_argument(
        "--report", action="store_true", help="print the plan, what is short and why, as JSON"
    )
    plan.add_argument(
        "--batch",
        action="store_true",
        help="ORDER is JSON Lines; prints one JSON line per order, each planned from the stock "
        "the orders before it left",
    )
    for name, run, text in (
        ("check", "_check", "is this a valid split of the order; every problem listed"),
        ("status", "_status", "per line ordered, packed, outstanding; the order's status"),
    ):
        command = _command(commands, name, text, run)
        command.add_argument("order", metavar="ORDER.json", help="PRO's Get Order JSON")
        command.add_argument(
            "consignments",
            metavar="CONSIGNMENTS.json",
            help="a JSON array of Get Consignment documents, or one",
        )
        command.add_argument("--json", action="store_true", help="print a JSON report")
    return parser


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse *argv*; a mistake is reported by the command it was made in, with its usage.

    ``orderpack`` alone prints the list of commands; an argument a command does not take is
    refused with that command's usage, not the top level's.
    """
    parser = _parser()
    if not (sys.argv[1:] if argv is None else argv):
        parser.print_help(sys.stderr)
        raise SystemExit(USAGE)
    arguments, extra = parser.parse_known_args(argv)
    if extra:
        arguments.parser.error(f"unrecognized arguments: {' '.join(extra)}")
    return arguments


def _whole(text: str) -> int:
    """An option's whole number in ASCII digits, as JSON writes it (not ``1_0``, ``+1``)."""
    if text.isascii() and text.isdigit():
        return int(text)
    raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}")
