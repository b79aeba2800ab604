"""The commands: demo, split, pack, check, status and plan, one function each."""

from __future__ import annotations

import gc
import json
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Final, TypeVar

import attrs

from orderpack.batch import to_envelope, usable_cpus, write_batch
from orderpack.cli._codes import NO_WORKERS, OK, PROBLEMS
from orderpack.cli._io import (
    _document,
    _documents,
    _json_lines,
    _lines,
    _plan,
    _policy,
    _sheet,
    _UnknownKeys,
)
from orderpack.cli._out import (
    _COMMAND,
    COLLECT_EVERY,
    _print,
    _Refused,
    _say,
    _warn,
)
from orderpack.contract import (
    dumps,
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
    SplitError,
    ValidationError,
)
from orderpack.model.checks import printable
from orderpack.model.consignment import Consignment
from orderpack.model.order import Order
from orderpack.packing.pack import PackOrderRequest, pack_order
from orderpack.packing.split import check_split, split_order
from orderpack.planning import (
    Catalogue,
    Policy,
    Stock,
    propose,
    read_catalogue,
    read_stock,
    remaining,
)
from orderpack.render import render_consignments, render_split
from orderpack.tracking.ledger import OrderLedger
from orderpack.tracking.status import OrderStatus

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

T = TypeVar("T")


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
    unknown = _UnknownKeys()
    with _lines(arguments.order) as orders, _lines(arguments.plan) as plans:
        outcomes = write_batch(
            _json_lines(arguments.order, orders),
            _json_lines(arguments.plan, plans),
            workers=arguments.workers,
        )
        try:
            for outcome in outcomes:
                total += 1
                if not total % COLLECT_EVERY:
                    gc.collect()
                _print(outcome.text)
                unknown.warn(outcome.line, outcome.unknown)
                if not outcome.ok:
                    bad += 1
                    for problem in outcome.problems:
                        _say(f"{_COMMAND.get()}: line {outcome.line}: {problem}")
        except BrokenProcessPool:
            raise _Refused(
                f"the worker processes die as they start (after {total:,} lines); "
                "--workers 1 splits in this process",
                NO_WORKERS,
            ) from None
    unknown.done()
    if bad:
        _say(f"{_COMMAND.get()}: {bad:,} of {total:,} lines had problems")
    return PROBLEMS if bad else OK


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
        _print(dumps(ledger.report(), indent=2))
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
    # A usage error before any file is read.
    policy = _policy(arguments.policy, arguments.fill, hold=arguments.hold_for_restock)
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
    unknown = _UnknownKeys()
    with _lines(arguments.order) as lines:
        for number, text in enumerate(_json_lines(arguments.order, lines), start=1):
            if not text.strip():
                continue
            total += 1
            if not total % COLLECT_EVERY:
                gc.collect()
            try:
                found = read(text, Order)
            except ContractError as error:
                bad += 1
                problems = [p.within("order") for p in error.problems]
                wire: dict[str, object] = {"Line": number, "OrderReference": None}
                wire["Problems"] = [p.to_wire() for p in problems]
                _print(write_json(wire))
                for problem in problems:
                    _say(f"{_COMMAND.get()}: line {number}: {problem}")
                continue
            order = found.value
            unknown.warn(number, [f"order.{path}" for path in found.unknown])
            proposal = propose(order, stock, catalogue=catalogue, policy=policy)
            stock = remaining(order, stock, proposal.plan, hold_for_restock=policy.hold_for_restock)
            report = to_wire(proposal)
            _print(write_json({"Line": number, "OrderReference": order.reference, **report}))
    unknown.done()
    if bad:
        _say(f"{_COMMAND.get()}: {bad:,} of {total:,} lines had problems")
    return PROBLEMS if bad else OK
