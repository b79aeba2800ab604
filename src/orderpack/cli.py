"""The ``orderpack`` command line: demo, split, pack, plan, check and status, over JSON and CSV.

Exit codes: 0 for success (a valid split), 1 when problems are found, 2 for a usage error or
unreadable input. Bad input gets one message naming the file and each problem's path in that
file; never a traceback. A file named ``-`` is read from standard input.

>>> main(["demo"])  # doctest: +ELLIPSIS
Order EO-000-002-0TS: 1 order, 2 consignments, 3 packages, 4 items
...
0
"""

from __future__ import annotations

import argparse
import contextlib
import contextvars
import gc
import json
import os
import re
import sys
import textwrap
import typing
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Final, TextIO, TypeVar

import attrs

from orderpack import __version__
from orderpack.batch import split_batch, to_envelope, to_json_line, usable_cpus
from orderpack.contract import (
    KINDS,
    Read,
    dumps,
    from_wire,
    parse,
    read,
    to_wire,
    wire_path,
    write_json,
)
from orderpack.demo import seed_boxes, seed_order, seed_plan, seed_stock
from orderpack.errors import (
    ContractError,
    LedgerError,
    PackError,
    PicksError,
    PlanningError,
    Problem,
    SplitError,
    ValidationError,
)
from orderpack.model.checks import printable, shown
from orderpack.model.consignment import Consignment, Package
from orderpack.model.order import Order
from orderpack.model.values import Address
from orderpack.packing.pack import PackOrderRequest, pack_order
from orderpack.packing.split import Plan, check_split, split_order
from orderpack.picks import COLUMNS, read_picks
from orderpack.planning import (
    BOX_COLUMNS,
    PRESETS,
    STOCK_COLUMNS,
    Catalogue,
    Objective,
    Policy,
    Stock,
    propose,
    read_catalogue,
    read_stock,
    remaining,
)
from orderpack.render import render_consignments, render_split
from orderpack.tracking.ledger import OrderLedger, OrderStatus
from orderpack.tracking.lifecycle import ConsignmentUpdate
from orderpack.tracking.management import OrderUpdate
from orderpack.tracking.responses import PackOrderResponse

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from contextlib import AbstractContextManager

__all__ = ["main"]

T = TypeVar("T")

OK, PROBLEMS, USAGE = 0, 1, 2
UNWRITABLE, INTERRUPTED, CLOSED = 74, 130, 141
"""The output cannot be written (sysexits' EX_IOERR); Ctrl-C; the reader closed the pipe."""


@dataclass
class _Refused(Exception):  # noqa: N818 - internal: turns into an exit code and a message
    """Input the command cannot use: one message, and the exit code to leave with."""

    message: str
    code: int = USAGE


def _stdin() -> TextIO:
    if sys.stdin is None or sys.stdin.closed:
        raise _Refused("cannot read standard input: it is closed")
    return sys.stdin


def _text(path: str) -> str:
    if path == "-":
        return _stdin().read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise _Refused(f"cannot read {path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise _Refused(f"cannot read {path}: not UTF-8 text") from None


_SPLIT = "orderpack split"
_COMMAND: contextvars.ContextVar[str] = contextvars.ContextVar("command", default="orderpack")
"""The command running, ``orderpack split``, as every message starts."""


def _say(line: str) -> None:
    """Write one line to standard error, if there is one to write to."""
    if sys.stderr is not None:
        sys.stderr.write(line + "\n")


def _warn(message: str) -> None:
    _say(f"{_COMMAND.get()}: warning: {message}")


_NAMES: dict[type, str] = {
    Order: "an order",
    OrderUpdate: "an Update Order request",
    Address: "an address",
    PackOrderRequest: "a Pack Order request",
    PackOrderResponse: "a Pack Order response",
    Consignment: "a consignment",
    ConsignmentUpdate: "an Update Consignment request",
    Package: "a consignment package",
    Plan: "a split plan",
    Stock: "stock",
    Catalogue: "a box catalogue",
}
"""Each document of the contract as a message names it."""


def _read_as(obj: object, cls: type[T]) -> Read[T] | ContractError:
    try:
        return from_wire(obj, cls)
    except ContractError as error:
        return error


def _plainly(obj: object, expected: type, found: Read[object] | ContractError) -> type | None:
    """The other kind of document *obj* plainly is, if it is not the *expected* kind.

    Read as *expected*, a document of another kind often reads, tolerantly, with keys left
    over, or fails. It is plainly another kind when that kind reads it with fewer keys left
    over (none at all, when the expected kind fails).
    """
    if isinstance(found, Read) and not found.unknown:
        return None
    most = len(found.unknown) - 1 if isinstance(found, Read) else 0
    for kind in dict.fromkeys(KINDS.values()):
        if kind is expected:
            continue
        other: Read[object] | ContractError = _read_as(obj, kind)
        if isinstance(other, Read) and len(other.unknown) <= most:
            return kind
    return None


def _one(obj: object, cls: type[T], where: str) -> T:
    """Read *obj* as a *cls*, refusing a document that is plainly of another kind."""
    found = _read_as(obj, cls)
    other = _plainly(obj, cls, typing.cast("Read[object] | ContractError", found))
    if other is not None:
        raise _Refused(f"{where}: this is {_NAMES[other]}, not {_NAMES[cls]}")
    if isinstance(found, ContractError):
        raise _Refused(f"{where}: {found}")
    if found.unknown:  # read past, never silently
        _warn(f"{where}: ignored unknown keys {', '.join(found.unknown)}")
    return found.value


def _json(path: str, text: str | None = None) -> object:
    """The JSON document at *path* (its *text*, if read already), or why it is none."""
    if text is None:
        text = _text(path)
    if not text.strip():
        raise _Refused(f"{path}: the file is empty; expected JSON")
    try:
        return parse(text)
    except ContractError as error:
        if path.lower().endswith(".csv") or _looks_like_csv(text):
            hint = " (for picks from standard input, add --format csv)" * (path == "-")
            raise _Refused(f"{path}: this is CSV; JSON belongs here{hint}") from None
        if _is_json_lines(text):
            hint = "; to split one order per line, use split --batch" * (_COMMAND.get() == _SPLIT)
            raise _Refused(
                f"{path}: this is JSON Lines (a document on each line), not one JSON document{hint}"
            ) from None
        raise _Refused(f"{path}: {error}") from None


def _looks_like_csv(text: str) -> bool:
    """Whether *text* starts with a line of comma-separated names, as a CSV header does."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return "," in first and not first.lstrip().startswith(("{", "[", '"'))


def _is_json_lines(text: str) -> bool:
    """Whether *text* has more than one line and its first is a whole JSON document."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 2:  # noqa: PLR2004 - one line is a document, not JSON Lines
        return False
    try:
        parse(lines[0])
    except ContractError:
        return False
    return True


def _document(path: str, cls: type[T]) -> T:
    """The *cls* at *path*, read as :func:`_one` reads it, or why it is none.

    A document that reads as a *cls* with no key left over is plainly one, and nothing is
    to be said of it: :func:`~orderpack.contract.read` reads it (by its quick path, for what
    PRO and orderpack write). Anything else is parsed and judged by :func:`_one`.
    """
    text = _text(path)
    with contextlib.suppress(ContractError):
        found = read(text, cls)
        if not found.unknown:
            return found.value
    return _one(_json(path, text), cls, path)


def _documents(path: str, cls: type[T]) -> tuple[list[T], Callable[[Problem], Problem]]:
    """A JSON array of documents, or a single one; and how to name a problem where it is.

    A problem found among the documents is at ``consignments[3].packages[0]``; in the file
    it is at ``[3].Packages[0]`` (or ``Packages[0]``, when the file holds one document).
    """
    parsed = _json(path)
    if isinstance(parsed, list):
        documents = [_one(item, cls, f"{path}[{n}]") for n, item in enumerate(parsed)]
    else:
        documents = [_one(parsed, cls, path)]

    def locate(problem: Problem) -> Problem:
        matched = re.fullmatch(r"consignments\[(\d+)\]\.?(.*)", problem.path)
        if matched is None:  # about them all: the file as a whole
            return attrs.evolve(problem, path="")
        index, inner = matched.groups()
        keys = wire_path(cls, inner)
        if not isinstance(parsed, list):
            return attrs.evolve(problem, path=keys)
        return attrs.evolve(problem, path=f"[{index}]" + (f".{keys}" if keys else ""))

    return documents, locate


def _plan(arguments: argparse.Namespace, order: Order) -> tuple[Plan, Callable[[Problem], Problem]]:
    """The plan a split names, and how to name a problem of it where its file has it."""
    path = arguments.plan
    if (arguments.format or ("csv" if path.lower().endswith(".csv") else "json")) == "json":
        return _document(path, Plan), lambda p: attrs.evolve(p, path=wire_path(Plan, p.path))
    try:
        picks = read_picks(_text(path), order)
    except PicksError as error:
        raise _Refused(f"{path}: {error}") from None
    if picks.unknown:
        _warn(f"{path}: ignored unknown columns {', '.join(map(shown, picks.unknown))}")
    return picks.plan, picks.locate


def _print(text: str) -> None:
    if sys.stdout is None:  # started with standard output closed (>&-)
        raise _Refused("cannot write the output: standard output is closed", UNWRITABLE)
    sys.stdout.write(text + "\n")


def _demo(_: argparse.Namespace) -> int:
    order = seed_order()
    split = split_order(order, seed_plan())
    proposal = propose(order, seed_stock(), catalogue=seed_boxes())
    lines = [
        render_split(order, split),
        "(The references are made up, numbered as PRO numbers them; PRO gives the real ones.)",
        "",
        "The split proposed from the warehouses' stock and boxes instead (orderpack plan):",
        proposal.explain(),
    ]
    for n, request in enumerate(split.requests, start=1):
        envelope = to_envelope(request)
        lines += [
            "",
            (
                f"Pack Order {n} of {len(split.requests)}: {envelope['Method']} "
                f"{envelope['Path']} (from {envelope['Origin']} on {envelope['ShipDay']} "
                f"by {envelope['CarrierService']})"
            ),
            write_json(envelope["Body"], indent=2),
        ]
    _print("\n".join(lines))
    return OK


def _split(arguments: argparse.Namespace) -> int:
    if arguments.batch:
        return _split_batch(arguments)
    if arguments.workers != 1:
        raise _Refused("--workers needs --batch")
    if arguments.format and arguments.plan != "-":
        raise _Refused("--format is for a plan read from standard input (-)")
    order = _document(arguments.order, Order)
    plan, locate = _plan(arguments, order)
    try:
        split = split_order(order, plan)
    except SplitError as error:
        located = SplitError(map(locate, error.problems))
        raise _Refused(f"{arguments.plan}: {located}", PROBLEMS) from None
    if arguments.json:
        _print(write_json([to_envelope(r) for r in split.requests], indent=2))
    else:
        _print(render_split(order, split))
    return OK


def _split_batch(arguments: argparse.Namespace) -> int:
    """One JSON line out per line in: the requests, or the problems; bad lines also on stderr."""
    if arguments.workers < 1:
        raise _Refused(f"--workers must be at least 1, got {arguments.workers}")
    if arguments.workers > (cpus := usable_cpus()):
        _warn(
            f"--workers {arguments.workers}: this machine gives orderpack {cpus} "
            f"CPU{'' if cpus == 1 else 's'}, so at most {cpus} worker{'' if cpus == 1 else 's'}",
        )
    bad = total = 0
    with _lines(arguments.order) as orders, _lines(arguments.plan) as plans:
        outcomes = split_batch(
            _json_lines(arguments.order, orders),
            _json_lines(arguments.plan, plans),
            workers=arguments.workers,
        )
        for outcome in outcomes:
            total += 1
            if not total % COLLECT_EVERY:
                gc.collect()
            _print(to_json_line(outcome))
            if not outcome.ok:
                bad += 1
                for problem in outcome.problems:
                    _say(f"{_COMMAND.get()}: line {outcome.line}: {problem}")
    if bad:
        _say(f"{_COMMAND.get()}: {bad:,} of {total:,} lines had problems")
    return PROBLEMS if bad else OK


def _lines(path: str) -> AbstractContextManager[BinaryIO | TextIO]:
    """An open file to read line by line; standard input is left open after.

    Binary where it can be, so that each line is decoded on its own: a line that is not
    UTF-8 is that line's problem, not the end of the run. (A standard input replaced by a
    text stream, as an application embedding the command line may do, is read as text.)
    """
    if path == "-":
        stdin = _stdin()
        return contextlib.nullcontext(getattr(stdin, "buffer", stdin))
    try:
        return Path(path).open("rb")
    except OSError as error:
        raise _Refused(f"cannot read {path}: {error.strerror or error}") from None


def _json_lines(path: str, lines: Iterable[str | bytes]) -> Iterator[str | bytes]:
    """The lines of a JSON Lines file, refused at once if it is pretty-printed JSON instead."""
    lines = iter(lines)
    first = next(lines, "")
    if _goes_on(first):
        raise _Refused(
            f"{path}: line 1 starts a JSON document that goes on over the next lines; "
            "--batch reads JSON Lines, one whole document on each line (without --batch, "
            "split reads one order and its plan, pretty-printed or not)"
        )
    yield first
    yield from lines


def _goes_on(line: str | bytes) -> bool:
    """Whether *line* is the start of a JSON document cut short at the end of the line."""
    text = (line.decode("utf-8", "replace") if isinstance(line, bytes) else line).strip()
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return bool(text) and error.pos >= len(text)
    except RecursionError:
        return False
    return False


def _pack(arguments: argparse.Namespace) -> int:
    order = _document(arguments.order, Order)
    request = _document(arguments.request, PackOrderRequest)
    try:
        made = pack_order(order, request).consignments
    except PackError as error:
        located = PackError(
            attrs.evolve(p, path=wire_path(PackOrderRequest, p.path)) for p in error.problems
        )
        raise _Refused(f"{arguments.request}: {located}", PROBLEMS) from None
    if arguments.json:
        _print(write_json([to_wire(c) for c in made], indent=2))
    else:
        _print(render_consignments(made))
    return OK


def _check(arguments: argparse.Namespace) -> int:
    order = _document(arguments.order, Order)
    consignments, locate = _documents(arguments.consignments, Consignment)
    problems = [locate(problem) for problem in check_split(order, consignments)]
    if arguments.json:
        report = {
            "Valid": not problems,
            "Problems": [p.to_wire() for p in problems],
            "Outstanding": None if problems else _outstanding(order, consignments),
        }
        _print(json.dumps(report, indent=2))
    elif problems:
        _print(f"not a valid split of {order.reference or 'the order'}:")
        _print("\n".join(f"- {p}" for p in problems))
    else:
        count = len(consignments)
        left = _left(order, consignments)
        _print(f"a valid split: {count} consignment{'' if count == 1 else 's'}{left}")
    return PROBLEMS if problems else OK


def _outstanding(order: Order, consignments: Sequence[Consignment]) -> int | None:
    """The units a valid split leaves outstanding; None if no ledger can count them."""
    try:
        lines = OrderLedger.rebuild(order, consignments).lines
    except ValidationError:  # valid as a split, not as a ledger (a reference used twice)
        return None
    return sum(line.outstanding for line in lines)


def _left(order: Order, consignments: Sequence[Consignment]) -> str:
    """What a valid split leaves outstanding, said plainly: a partial split is not all of it."""
    outstanding = _outstanding(order, consignments)
    if outstanding is None:
        return ""
    if not outstanding:
        return ", nothing outstanding"
    ordered = sum(item.quantity for item in order.items)
    return f"; partial: {outstanding:,} of {_units(ordered)} still outstanding (see status)"


def _units(count: int) -> str:
    return f"{count:,} unit{'' if count == 1 else 's'}"


_PLAINLY: Final = {
    OrderStatus.UNPACKED: "not packed",
    OrderStatus.PARTIALLY_PACKED: "partially packed",
    OrderStatus.PACKED: "packed",
    OrderStatus.OVER_PACKED: "over-packed",
}


def _status(arguments: argparse.Namespace) -> int:
    order = _document(arguments.order, Order)
    consignments, locate = _documents(arguments.consignments, Consignment)
    try:
        ledger = OrderLedger.rebuild(order, consignments)
    except ValidationError as error:
        located = LedgerError(map(locate, error.problems))
        raise _Refused(f"{arguments.consignments}: {located}", PROBLEMS) from None
    if arguments.json:
        report = {
            "Status": ledger.status.value,
            "Lines": [
                {
                    "Path": line.path,
                    "Sku": line.sku,
                    "Description": line.description,
                    "Ordered": line.ordered,
                    "Packed": line.packed,
                    "Outstanding": line.outstanding,
                    "OverPacked": line.over_packed,
                }
                for line in ledger.lines
            ],
        }
        _print(json.dumps(report, indent=2))
        return OK
    names = [
        printable(" ".join(filter(None, (line.sku, line.description))) or "-")
        for line in ledger.lines
    ]
    width = max(len(line.path) for line in ledger.lines)
    named = max(4, *(len(name) for name in names))
    outstanding = sum(line.outstanding for line in ledger.lines)
    over = sum(line.over_packed for line in ledger.lines)
    said = [f"{_units(outstanding)} outstanding"] if outstanding else []
    said += [f"{_units(over)} packed beyond what was ordered"] if over else []
    detail = f" ({', '.join(said)})" if said else ""
    _print(f"Order {printable(order.reference or '(new)')}: {_PLAINLY[ledger.status]}{detail}")
    _print(f"{'line':<{width}}  {'item':<{named}}  ordered  packed  outstanding  over-packed")
    for line, name in zip(ledger.lines, names, strict=True):
        _print(
            f"{line.path:<{width}}  {name:<{named}}  {line.ordered:>7}  {line.packed:>6}  "
            f"{line.outstanding:>11}  {line.over_packed:>11}"
        )
    return OK


def _propose(arguments: argparse.Namespace) -> int:
    """Propose a plan from stock: the tree and why, or the plan as JSON, or every outcome."""
    if arguments.batch and (arguments.json or arguments.report):
        raise _Refused("--batch prints a JSON report per order already; drop --json or --report")
    policy = _policy(arguments.policy, arguments.fill)  # a usage error before any file is read
    stock = _sheet(arguments.stock, read_stock, Stock)
    catalogue = (
        None if arguments.boxes is None else _sheet(arguments.boxes, read_catalogue, Catalogue)
    )
    if arguments.batch:
        return _plan_batch(arguments, stock, catalogue, policy)
    order = _document(arguments.order, Order)
    proposal = propose(order, stock, catalogue=catalogue, policy=policy)
    if arguments.json:
        _print(dumps(proposal.plan, indent=2))
        for short in proposal.short:  # the plan alone cannot say what it leaves out
            _warn(f"{short.path} {printable(short.item)}: {short.quantity} short, {short.reason}")
    elif arguments.report:
        _print(write_json(to_wire(proposal), indent=2))
    else:
        _print(render_split(order, split_order(order, proposal.plan)))
        _print("\n".join(map(printable, proposal.explain().splitlines())))
    return OK


def _plan_batch(
    arguments: argparse.Namespace, stock: Stock, catalogue: Catalogue | None, policy: Policy
) -> int:
    """One JSON line per order, each planned from what the orders before it left."""
    bad = total = 0
    with _lines(arguments.order) as lines:
        for number, text in enumerate(_json_lines(arguments.order, lines), start=1):
            if not text.strip():
                continue
            total += 1
            if not total % COLLECT_EVERY:
                gc.collect()
            try:
                order = read(text, Order).value
            except ContractError as error:
                bad += 1
                problems = [p.within("order") for p in error.problems]
                wire: dict[str, object] = {"Line": number, "OrderReference": None}
                wire["Problems"] = [p.to_wire() for p in problems]
                _print(write_json(wire))
                for problem in problems:
                    _say(f"{_COMMAND.get()}: line {number}: {problem}")
                continue
            proposal = propose(order, stock, catalogue=catalogue, policy=policy)
            stock = remaining(order, stock, proposal.plan)
            report = to_wire(proposal)
            _print(write_json({"Line": number, "OrderReference": order.reference, **report}))
    if bad:
        _say(f"{_COMMAND.get()}: {bad:,} of {total:,} lines had problems")
    return PROBLEMS if bad else OK


def _sheet(path: str, read_csv: Callable[[str], Read[T]], cls: type[T]) -> T:
    """Stock or boxes: a CSV (a file ending in .csv), or the JSON document."""
    if not path.lower().endswith(".csv"):
        return _document(path, cls)
    try:
        sheet = read_csv(_text(path))
    except PlanningError as error:
        raise _Refused(f"{path}: {error}") from None
    if sheet.unknown:
        _warn(f"{path}: ignored unknown columns {', '.join(map(shown, sheet.unknown))}")
    return sheet.value


def _policy(named: str, fill: str | None) -> Policy:
    """A preset by name, or objectives by name separated by commas, with a fill factor."""
    if named in PRESETS:
        policy = PRESETS[named]
    else:
        known = {objective.value.lower(): objective for objective in Objective}
        wanted = [part.strip() for part in named.split(",") if part.strip()]
        unknown = [part for part in wanted if part.lower() not in known]
        if unknown or not wanted:
            names = ", ".join([*PRESETS, *(o.value for o in Objective)])
            which = f"no preset or objective is called {', '.join(map(repr, unknown))}; " * bool(
                unknown
            )
            raise _Refused(
                f"--policy {named!r}: {which}expected a preset or objectives from {names}"
            )
        try:
            policy = Policy(objectives=[known[part.lower()] for part in wanted])
        except ValidationError as error:
            raise _Refused(f"--policy {named!r}: {error}") from None
    if fill is None:
        return policy
    try:
        return attrs.evolve(policy, fill_factor=Decimal(fill))
    except (ValidationError, ArithmeticError):
        raise _Refused(f"--fill {fill!r}: expected a number above 0 and at most 1") from None


_PLAN_HELP = (
    "stock CSV columns (one row per item and location; a location's facts on any row):\n"
    + "\n".join(f"  {name:<20}{meaning}" for name, meaning in STOCK_COLUMNS.items())
    + "\n\nbox catalogue CSV columns (one row per box):\n"
    + "\n".join(f"  {name:<20}{meaning}" for name, meaning in BOX_COLUMNS.items())
)

_PICKS_HELP = "picks CSV columns (headers in any case; one row per pick):\n" + "\n".join(
    f"  {name:<20}{meaning}" for name, meaning in COLUMNS.items()
)


def _command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    text: str,
    run: Callable[[argparse.Namespace], int],
    **options: object,
) -> argparse.ArgumentParser:
    """A subcommand whose --help starts with what it does, as the command list says it."""
    command = commands.add_parser(
        name,
        help=text,
        description=textwrap.fill(text[0].upper() + text[1:] + ".", 79),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        **options,  # type: ignore[arg-type]
    )
    command.set_defaults(run=run, parser=command)
    return command


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="orderpack",
        description="Split shipping orders into consignments by SortedPRO's Orders rules.",
        epilog="Exit codes: 0 success, 1 problems found, 2 usage error or unreadable input, "
        "74 output unwritable, 130 interrupted, 141 output closed early. A file named - is "
        "read from standard input. 'orderpack COMMAND --help' says more of each command.",
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
        _demo,
    )
    split = _command(
        commands,
        "split",
        "split an order by a plan (JSON, or CSV of picks), or many orders with --batch",
        _split,
        usage="%(prog)s ORDER.json PLAN [--json] [--format {json,csv}]\n"
        "       %(prog)s --batch ORDERS.jsonl PLANS.jsonl [--workers N]",
        epilog=_PICKS_HELP,
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
        type=int,
        default=1,
        metavar="N",
        help="with --batch, split in up to N processes (default 1; at most the CPUs)",
    )
    pack = _command(
        commands,
        "pack",
        "make what one Pack Order makes: its consignment, and the return consignment too "
        "when the request asks for one (GenerateReturn)",
        _pack,
    )
    pack.add_argument("order", metavar="ORDER.json", help="PRO's Get Order JSON")
    pack.add_argument("request", metavar="REQUEST.json", help="a Pack Order request")
    pack.add_argument("--json", action="store_true", help="print the consignments as JSON")
    plan = _command(
        commands,
        "plan",
        "propose a plan from stock, boxed from a catalogue, by a policy, and say why",
        _propose,
        usage="%(prog)s ORDER.json STOCK [--boxes BOXES] [--policy POLICY] [--fill F] "
        "[--json | --report]\n"
        "       %(prog)s --batch ORDERS.jsonl STOCK [--boxes BOXES] [--policy POLICY] [--fill F]",
        epilog=_PLAN_HELP,
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
        help=f"a preset ({', '.join(PRESETS)}; default fewest-shipments) or objectives in "
        f"order, comma-separated ({', '.join(o.value for o in Objective)})",
    )
    plan.add_argument(
        "--fill",
        metavar="F",
        help="the share of a box's volume its contents may take (default 0.9)",
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
        ("check", _check, "is this a valid split of the order; every problem listed"),
        ("status", _status, "per line ordered, packed, outstanding; the order's status"),
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (the process's arguments by default).

    Returns the exit code: 0 for success, 1 when problems are found, 2 for a usage error
    (argparse exits with 2 itself) or unreadable input.
    """
    arguments = _arguments(argv)
    where = f"orderpack {arguments.command}"
    _COMMAND.set(where)
    files = [v for k, v in vars(arguments).items() if k in _FILES]
    if files.count("-") > 1:
        _say(f"{where}: standard input (-) can be read once; give the other as a file")
        return USAGE
    try:
        with _collector_paused():
            code: int = arguments.run(arguments)
        getattr(sys.stdout, "flush", _nothing)()  # no standard output: nothing was written
    except _Refused as refused:
        _say(f"{where}: {refused.message}")
        return refused.code
    except KeyboardInterrupt:
        _say(f"{where}: interrupted")
        return INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        _say(f"{where}: the output was closed before it was all written")
        return CLOSED
    except OSError as error:
        _silence_stdout()
        _say(f"{where}: cannot write the output: {error.strerror or error}")
        return UNWRITABLE
    return code


_FILES: Final = frozenset({"order", "plan", "request", "consignments", "stock", "boxes"})
"""The arguments that name files: of them, one at most may be standard input."""


def _nothing() -> None:
    """Do nothing: what flushing a standard output that is not there does."""


COLLECT_EVERY: Final = 1000
"""Batch lines between two runs of the cycle collector while a command has it paused."""


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a command runs, and restore it as it was.

    The command line owns its process, so it may: orderpack's values hold no reference
    cycles (reference counting frees them), and the collector would otherwise walk the
    growing heap again and again while a large order is read and split (about 40% of the
    time of a 100,000-allocation split). Batches run it every :data:`COLLECT_EVERY` lines,
    so that anything cyclic is still freed. The library itself never changes the
    collector: a caller of ``split_order`` keeps the state it chose.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _silence_stdout() -> None:
    """Point standard output at nothing, so its buffer is not written again as Python exits.

    What is left in the buffer would fail again, with a traceback of Python's own.
    """
    with contextlib.suppress(OSError, ValueError, AttributeError):  # not a file: nothing to do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
