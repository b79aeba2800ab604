"""Strategies for what is made of an order: plans, Pack Order requests, consignments, ledgers."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import TYPE_CHECKING

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from orderpack.model.checks import none_if_empty
from orderpack.model.consignment import (
    CarrierAllocation,
    Consignment,
    ConsignmentState,
    FailedCarrierAllocation,
)
from orderpack.model.references import SequentialReferences
from orderpack.model.values import (
    Weight,
    calendar_day,
)
from orderpack.packing.pack import PackItem, PackOrderRequest, PackPackage, pack_order
from orderpack.packing.split import Allocation, Plan, PlannedPackage
from orderpack.strategies._orders import _TAGS, _day, orders
from orderpack.strategies._values import (
    _DIMENSIONS,
    _EPOCH,
    _MAYBE_TEXT,
    _METADATA,
    _TEXT,
    dimensions,
    money,
    weights,
)
from orderpack.tracking.ledger import OrderLedger
from orderpack.tracking.responses import pack_response

if TYPE_CHECKING:
    from orderpack.model.order import Order


@st.composite
def plans(
    draw: st.DrawFn,
    order: Order,
    *,
    origins: st.SearchStrategy[str] | None = None,
    ship_days: st.SearchStrategy[date] | None = None,
    carrier_services: st.SearchStrategy[str | None] | None = None,
    partial: bool = True,
) -> Plan:
    """Generate a valid plan for *order*: :func:`~orderpack.split_order` accepts every one.

    Each line gets some of its ordered units (all of them unless *partial*), spread over up to
    three consignment keys and their packages. Lines of different currencies never share a
    consignment (a currency left without a key of its own stays outstanding), and a line that
    no identifier names alone stays outstanding.

    Args:
        order: The order to plan the split of.
        origins: A strategy for the consignments' origins; by default WH-A, WH-B or WH-C.
        ship_days: A strategy for ship days; by default never after the required delivery date.
        carrier_services: A strategy for the carrier service, ``None`` or ``""`` for none; by
            default ``ROYAL-MAIL-24``, ``DPD-NEXT-DAY`` or none.
        partial: Whether a line may get fewer units than ordered; ``False`` plans all it can.
    """
    origin = st.sampled_from(["WH-A", "WH-B", "WH-C"]) if origins is None else origins
    latest = (
        None
        if order.required_delivery_date is None
        else calendar_day(order.required_delivery_date.date)
    )
    day = (
        st.dates(
            min_value=_EPOCH - timedelta(days=60), max_value=latest or _EPOCH + timedelta(days=30)
        )
        if ship_days is None
        else ship_days
    )
    service = (
        st.sampled_from([None, "ROYAL-MAIL-24", "DPD-NEXT-DAY"])
        if carrier_services is None
        else carrier_services.map(none_if_empty)  # "" is no service, as an Allocation reads it
    )
    keys: dict[str, list[tuple[str, date, str | None]]] = {}
    labels: dict[tuple[str, date, str | None], list[str]] = defaultdict(list)
    chosen: list[tuple[int, int, tuple[str, date, str | None], str]] = []
    for line, item in enumerate(order.items):
        if not isinstance(order.match(item), int):
            continue
        wanted = draw(st.integers(0 if partial else item.quantity, item.quantity))
        currency = item.value.currency
        if currency not in keys:
            taken = {key for other in keys.values() for key in other}
            drawn = draw(
                st.lists(st.tuples(origin, day, service), min_size=1, max_size=3, unique=True)
            )
            keys[currency] = [key for key in drawn if key not in taken]
        if not keys[currency]:
            continue  # every key drawn for this currency already ships another currency
        while wanted:
            chunk = draw(st.integers(1, wanted))
            key = draw(st.sampled_from(keys[currency]))
            if not labels[key] or draw(st.booleans()):
                labels[key].append(f"P{sum(map(len, labels.values())) + 1}")
            chosen.append((line, chunk, key, draw(st.sampled_from(labels[key]))))
            wanted -= chunk
    allocations = [
        Allocation(
            reference=order.items[line].reference,
            item_reference_provided_by_customer=order.items[
                line
            ].item_reference_provided_by_customer,
            sku=order.items[line].sku,
            quantity=quantity,
            origin=key[0],
            ship_day=key[1],
            carrier_service=key[2],
            package=label,
        )
        for line, quantity, key, label in chosen
    ]
    contents: dict[str, Weight] = defaultdict(Weight.zero)
    for line, quantity, _, label in chosen:
        contents[label] += order.items[line].weight * quantity
    used = [label for key_labels in labels.values() for label in key_labels if label in contents]
    packages = [
        draw(
            st.builds(
                PlannedPackage,
                label=st.just(label),
                weight=st.just(contents[label]),
                dimensions=dimensions(),
            )
            | st.builds(PlannedPackage, label=st.just(label), package_size_reference=_TEXT)
        )
        for label in used
    ]
    return Plan(allocations=draw(st.permutations(allocations)), packages=packages)


@st.composite
def pack_requests(draw: st.DrawFn, order: Order) -> PackOrderRequest:
    """Generate a Pack Order request that :func:`~orderpack.pack_order` accepts for *order*.

    Items are named by their reference, sometimes with their SKU too; quantities run from 1 to
    twice the ordered quantity, since PRO sets no upper bound (Q3).

    Args:
        order: The order to pack; at least one of its items must have a reference.
    """
    lines = [line for line, item in enumerate(order.items) if item.reference]
    if not lines:
        raise InvalidArgument("pack_requests needs an order whose items have references")

    def pack_item() -> PackItem:
        item = order.items[draw(st.sampled_from(lines))]
        return PackItem(
            reference=item.reference,
            sku=item.sku if draw(st.booleans()) else None,
            quantity=draw(st.integers(1, 2 * item.quantity)),
        )

    def package() -> PackPackage:
        items = [pack_item() for _ in range(draw(st.integers(1, 4)))]
        if draw(st.booleans()):
            return PackPackage(items=items, package_size_reference=draw(_TEXT))
        return PackPackage(items=items, weight=draw(weights()), dimensions=draw(_DIMENSIONS))

    return PackOrderRequest(
        packages=[package() for _ in range(draw(st.integers(1, 3)))],
        order_reference=order.reference,
        order_reference_provided_by_customer=draw(_MAYBE_TEXT),
        generate_return=draw(st.booleans()),
        metadata=draw(st.none() | st.lists(_METADATA, max_size=3)),
        tags=draw(st.none() | _TAGS),
        origin=draw(st.none() | st.sampled_from(["WH-A", "WH-B"])),
        carrier_service=draw(st.none() | st.sampled_from(["ROYAL-MAIL-24", "DPD-NEXT-DAY"])),
    )


@st.composite
def consignments(
    draw: st.DrawFn,
    order: Order | None = None,
    *,
    states: st.SearchStrategy[ConsignmentState] | None = None,
) -> Consignment:
    """Generate a consignment packed from *order* (drawn when not given) by PRO's rules.

    It starts ``Unallocated`` (P12) unless *states* gives another state.

    Args:
        order: The order to pack from; ``None`` draws one from :func:`orders`.
        states: A strategy for the consignment's state; by default it stays ``Unallocated``.
    """
    source = draw(orders()) if order is None else order
    made = pack_order(source, draw(pack_requests(source))).consignment
    if states is None:
        return made
    state = draw(states)
    if state is ConsignmentState.UNALLOCATED:
        return attrs.evolve(made, state=state)
    return attrs.evolve(  # PRO's allocation comes with any later state, or its failure
        made,
        state=state,
        carrier_allocation=draw(st.none() | _carrier_allocations()),
        failed_carrier_allocation=draw(st.none() | _failed_allocations()),
    )


def _carrier_allocations() -> st.SearchStrategy[CarrierAllocation]:
    return st.builds(
        CarrierAllocation,
        carrier_service_group_reference=st.none() | _TEXT,
        mpd_carrier_service_reference=_TEXT,
        mpd_carrier_service_name=st.none() | _TEXT,
        allocation_date=st.none() | st.just(_day(0, 9)),
        price=st.none() | money(),
    )


def _failed_allocations() -> st.SearchStrategy[FailedCarrierAllocation]:
    return st.builds(
        FailedCarrierAllocation,
        mpd_carrier_service_reference=st.none() | _TEXT,
        attempted_allocation_date=st.none() | st.just(_day(0, 8)),
        message=st.none() | _TEXT,
    )


@st.composite
def ledgers(draw: st.DrawFn, order: Order | None = None, *, max_events: int = 8) -> OrderLedger:
    """Generate the ledger of a history of packs, repeats, cancellations and submissions.

    The history runs up to *max_events* steps on *order* (drawn when not given): packs,
    repeated packs and cancellations recorded at once, and Pack Orders submitted to PRO and
    then confirmed, refused or left pending.

    Args:
        order: The order the ledger tracks; ``None`` draws one from :func:`orders`.
        max_events: The most steps in the history, at least 0.
    """
    if max_events < 0:
        raise InvalidArgument(f"max_events must be at least 0, got {max_events}")
    source = draw(orders()) if order is None else order
    ledger, references = OrderLedger.open(source), SequentialReferences()
    sent: list[PackOrderRequest] = []
    for _ in range(draw(st.integers(0, max_events))):
        live = [
            c.reference for c in ledger.consignments if c.state is not ConsignmentState.CANCELLED
        ]
        steps = ["pack", "submit"] + (["repeat", "cancel"] if sent else [])
        step = draw(st.sampled_from(steps + (["answer"] if ledger.in_flight else [])))
        if step == "cancel" and live:
            ledger = ledger.cancel(draw(st.sampled_from(live)) or "")
        elif step == "answer":
            waiting = draw(st.sampled_from(ledger.in_flight))
            if draw(st.booleans()):
                made = pack_order(source, waiting.request or sent[0], references=references)
                ledger = ledger.confirm(waiting.key, pack_response(made))
            else:
                ledger = ledger.refuse(waiting.key, draw(_TEXT))
        else:
            request = (
                draw(st.sampled_from(sent)) if step == "repeat" else draw(pack_requests(source))
            )
            sent.append(request)
            if step == "submit":
                ledger = ledger.submit(request).ledger
            else:
                ledger = ledger.pack(request, references=references).ledger
    return ledger
