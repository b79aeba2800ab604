"""Hypothesis strategies for orderpack's values, valid by construction.

Services that embed orderpack can test their own code with the generators orderpack's own
property tests use. They need the ``hypothesis`` extra (``orderpack[hypothesis]``); without
it, importing this module says so.

Options follow Hypothesis's own style: keyword-only, and a strategy wherever a caller may want
to constrain a part (``currencies=st.just("EUR")``). Shared parts are drawn first (an order's
currency, a plan's consignment keys), so nothing is generated and then filtered away.

>>> from hypothesis import given
>>> from orderpack import check_split, split_order
>>> @given(data=st.data())
... def test_every_plan_splits_cleanly(data):
...     order = data.draw(orders())
...     split = split_order(order, data.draw(plans(order)))
...     assert check_split(order, split.consignments, lines=split.lines) == ()
>>> test_every_plan_splits_cleanly()
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ModuleNotFoundError as missing:  # pragma: no cover - `make package` checks this
    raise ModuleNotFoundError(
        "orderpack.strategies needs Hypothesis: install orderpack[hypothesis] "
        '(in a checkout: pip install -e ".[hypothesis]")',
        name=missing.name,
    ) from missing

from orderpack.contract import dumps
from orderpack.model.checks import none_if_empty
from orderpack.model.consignment import (
    CarrierAllocation,
    Consignment,
    ConsignmentState,
    FailedCarrierAllocation,
    Package,
)
from orderpack.model.order import Order, OrderItem, OrderPackage
from orderpack.model.references import SequentialReferences
from orderpack.model.values import (
    Address,
    AddressType,
    Barcode,
    BarcodeType,
    CategoryType,
    Contact,
    ContentClassification,
    Country,
    CustomsDocumentation,
    Dimensions,
    LatLong,
    MetaData,
    Money,
    RequestedDeliveryDate,
    ShippingTerms,
    Weight,
    WeightUnit,
    calendar_day,
)
from orderpack.packing.pack import PackItem, PackOrderRequest, PackPackage, pack_order
from orderpack.packing.split import Allocation, Plan, PlannedPackage
from orderpack.planning import Box, Catalogue, Location, Objective, Policy, Stock, StockLevel
from orderpack.tracking.ledger import OrderLedger
from orderpack.tracking.lifecycle import ConsignmentUpdate
from orderpack.tracking.management import OrderUpdate
from orderpack.tracking.responses import ApiError, ApiErrorDetail, PackOrderResponse, pack_response
from orderpack.tracking.status import StatusReport

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "addresses",
    "barcodes",
    "catalogues",
    "consignments",
    "contacts",
    "countries",
    "customs_documentation",
    "dimensions",
    "ledgers",
    "metadata",
    "money",
    "order_items",
    "orders",
    "pack_requests",
    "payloads",
    "plans",
    "policies",
    "stocks",
    "weights",
]

_EPOCH = date(2026, 1, 1)


def _amounts(*, places: int, high: int) -> st.SearchStrategy[Decimal]:
    """Decimals from 0 to *high* with *places* decimal places, drawn as scaled integers.

    Scaled integers are cheaper to draw than ``st.decimals(places=...)`` and shrink towards
    round numbers.
    """
    return st.integers(0, high * 10**places).map(lambda n: Decimal(n).scaleb(-places))


_WEIGHT_VALUES = _amounts(places=3, high=50)
_SIDES = _amounts(places=1, high=200)
_AMOUNTS = _amounts(places=2, high=10_000)
_ITEM_REFERENCES = st.integers(0, 16**32 - 1).map(lambda n: f"{n:032x}")


def weights(*, units: st.SearchStrategy[WeightUnit] | None = None) -> st.SearchStrategy[Weight]:
    """Generate weights up to 50 of their unit, to the gram or finer.

    Args:
        units: A strategy for the unit; by default any :class:`~orderpack.WeightUnit`.
    """
    return st.builds(
        Weight,
        value=_WEIGHT_VALUES,
        unit=st.sampled_from(WeightUnit) if units is None else units,
    )


def dimensions() -> st.SearchStrategy[Dimensions]:
    """Generate dimensions in centimetres, each side up to 200 to the millimetre."""
    return _DIMENSIONS


def money(*, currencies: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Money]:
    """Generate amounts to the penny, up to 10,000, in one of *currencies* (GBP by default).

    Args:
        currencies: A strategy for the currency code; by default always ``GBP``.
    """
    return st.builds(
        Money,
        amount=_AMOUNTS,
        currency=st.just("GBP") if currencies is None else currencies,
    )


_TEXT = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-", min_size=1, max_size=12)
_MAYBE_TEXT = st.none() | _TEXT
_DESCRIPTIONS = st.none() | st.sampled_from(["Necklace", "Coat", "Hat", "Bolts"])
_QUANTITIES = st.integers(1, 5)
_GBP = st.just("GBP")
_DIMENSIONS = st.builds(Dimensions, width=_SIDES, length=_SIDES, height=_SIDES)
_POSITIONS = st.builds(  # around Europe, to the hundredth of a degree
    LatLong,
    latitude=st.integers(3500, 6000).map(lambda n: Decimal(n).scaleb(-2)),
    longitude=st.integers(-1000, 2000).map(lambda n: Decimal(n).scaleb(-2)),
)


def metadata() -> st.SearchStrategy[MetaData]:
    """Generate metadata entries, each with at most one value of each type (M1)."""
    return _METADATA


_METADATA = st.builds(
    MetaData,
    key=_TEXT,
    string_value=st.none() | st.text(min_size=1, max_size=20),
    int_value=st.none() | st.integers(-(2**63), 2**63 - 1),
    decimal_value=st.none() | st.integers(-(10**24), 10**24).map(lambda n: Decimal(n).scaleb(-4)),
    bool_value=st.none() | st.booleans(),
)


def countries() -> st.SearchStrategy[Country]:
    """Generate countries by ISO 3166-1 code, sometimes with the name PRO fills in."""
    return _COUNTRIES


def contacts() -> st.SearchStrategy[Contact]:
    """Generate contacts; every field is optional, as PRO's are (A4)."""
    return _CONTACTS


def barcodes() -> st.SearchStrategy[Barcode]:
    """Generate barcodes of any symbology."""
    return _BARCODES


def customs_documentation() -> st.SearchStrategy[CustomsDocumentation]:
    """Generate customs documentation with some of its optional fields set."""
    return _CUSTOMS


_NAMES = st.none() | st.sampled_from(["Ada", "Grace", "Alan", "Edsger"])
_COUNTRIES = st.builds(
    Country,
    iso_code=st.sampled_from(["GB", "FR", "DE", "IE", "US"]),
    name=st.none() | st.sampled_from(["United Kingdom", "France", "Germany"]),
)
_CONTACTS = st.builds(
    Contact,
    title=st.none() | st.sampled_from(["Ms", "Mr", "Dr"]),
    first_name=_NAMES,
    last_name=_NAMES,
    email=st.none() | st.just("someone@example.com"),
    mobile=st.none() | st.just("07700900123"),
)
_BARCODES = st.builds(Barcode, code=_TEXT, barcode_type=st.sampled_from(BarcodeType))
_CUSTOMS = st.builds(
    CustomsDocumentation,
    category_type=st.none() | st.sampled_from(CategoryType),
    shipping_terms=st.none() | st.sampled_from(ShippingTerms),
    reason_for_export=st.none() | st.sampled_from(["Sale", "Gift", "Repair"]),
    references_of_attached_invoices=st.lists(_TEXT, max_size=2),
    declaration_date=st.none()
    | st.builds(
        lambda d: datetime.combine(d, time(), tzinfo=UTC),
        st.dates(min_value=_EPOCH, max_value=date(2026, 12, 31)),
    ),
    receivers_shipping_cost=st.none() | _AMOUNTS,
)


def addresses(
    address_type: AddressType, *, locations: st.SearchStrategy[str | None] | None = None
) -> st.SearchStrategy[Address]:
    """Generate an address of *address_type*, named by a shipping location from *locations*.

    With ``locations=st.none()`` the address names no shipping location; its other fields
    are drawn as ever, each of them possibly empty.

    Args:
        address_type: The role of every address generated, such as ``AddressType.ORIGIN``.
        locations: A strategy for the shipping location reference; by default WH-A, WH-B or WH-C.
    """
    location = st.sampled_from(["WH-A", "WH-B", "WH-C"]) if locations is None else locations
    return st.builds(
        Address,
        address_type=st.just(address_type),
        shipping_location_reference=location,
        address_line1=st.none() | st.text(min_size=1, max_size=30),
        town=st.none() | st.sampled_from(["London", "Leeds", "Paris", "Berlin"]),
        postcode=st.none() | _TEXT,
        country=st.none() | _COUNTRIES,
        contact=st.none() | _CONTACTS,
        lat_long=st.none() | _POSITIONS,
    )


@st.composite
def order_items(
    draw: st.DrawFn,
    *,
    currencies: st.SearchStrategy[str] | None = None,
    quantities: st.SearchStrategy[int] | None = None,
) -> OrderItem:
    """Generate order items with a PRO reference, and sometimes a SKU and a customer reference.

    *quantities* defaults to 1 to 5 units.

    Args:
        currencies: A strategy for the value's currency code; by default always ``GBP``.
        quantities: A strategy for the ordered quantity; by default 1 to 5.
    """
    return OrderItem(
        reference=draw(_ITEM_REFERENCES),
        sku=draw(_MAYBE_TEXT),
        item_reference_provided_by_customer=draw(_MAYBE_TEXT),
        description=draw(_DESCRIPTIONS),
        quantity=draw(_QUANTITIES if quantities is None else quantities),
        weight=Weight(value=draw(_WEIGHT_VALUES)),
        dimensions=draw(_DIMENSIONS),
        country_of_origin=draw(st.none() | _COUNTRIES),
        harmonisation_code=draw(st.none() | st.sampled_from(["711319", "620193", "650500"])),
        barcode=draw(st.none() | _BARCODES),
        metadata=draw(st.lists(_METADATA, max_size=2)),
        content_classification=draw(st.none() | st.sampled_from(ContentClassification)),
        value=Money(
            amount=draw(_AMOUNTS), currency=draw(_GBP if currencies is None else currencies)
        ),
    )


@st.composite
def orders(
    draw: st.DrawFn,
    *,
    min_items: int = 1,
    max_items: int = 8,
    currencies: st.SearchStrategy[str] | None = None,
    quantities: st.SearchStrategy[int] | None = None,
    origins: st.SearchStrategy[str] | None = None,
) -> Order:
    """Generate valid orders (O1, A1-A3, O5, O6) of *min_items* to *max_items* lines.

    One currency is drawn per order from *currencies* (GBP by default); item references are
    unique, as PRO assigns them. *origins* gives the origin's shipping location.

    Args:
        min_items: The fewest order lines, at least 1.
        max_items: The most order lines, at least *min_items*.
        currencies: A strategy for the order's one currency code; by default always ``GBP``.
        quantities: A strategy for each line's ordered quantity; by default 1 to 5.
        origins: A strategy for the origin's shipping location; by default WH-A, WH-B or WH-C.
    """
    if not 1 <= min_items <= max_items:
        raise InvalidArgument(f"need 1 <= min_items <= max_items, got {min_items}, {max_items}")
    currency = draw(_GBP if currencies is None else currencies)
    items = draw(
        st.lists(
            order_items(currencies=st.just(currency), quantities=quantities),
            min_size=min_items,
            max_size=max_items,
            unique_by=lambda item: item.reference,
        )
    )
    cuts = (
        sorted(draw(st.sets(st.integers(1, len(items) - 1), max_size=3))) if len(items) > 1 else []
    )
    bounds = [0, *cuts, len(items)]
    packages = [
        OrderPackage(items=items[start:end], package_size_reference="BOX")
        for start, end in itertools.pairwise(bounds)
    ]
    return Order(
        reference=draw(_ORDER_REFERENCES),
        packages=packages,
        addresses=[
            draw(_ORIGINS if origins is None else addresses(AddressType.ORIGIN, locations=origins)),
            draw(_DESTINATIONS),
        ],
        shipping_date=draw(_SHIPPING_DATES),
        order_reference_provided_by_customer=draw(_MAYBE_TEXT),
        required_delivery_date=draw(_REQUIRED_DELIVERY_DATES),
        customs_documentation=draw(st.none() | _CUSTOMS),
        metadata=draw(st.lists(_METADATA, max_size=2)),
        tags=draw(_TAGS),
    )


def _day(offset: int, hour: int = 0) -> datetime:
    return datetime.combine(_EPOCH + timedelta(days=offset), time(hour), tzinfo=UTC)


_ORDER_REFERENCES = st.none() | st.from_regex(
    r"EO-[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}", fullmatch=True
)
_ORIGINS = addresses(AddressType.ORIGIN)
_DESTINATIONS = addresses(AddressType.DESTINATION, locations=st.none())
_SHIPPING_DATES = st.none() | st.builds(_day, st.integers(0, 30), st.integers(0, 23))
_REQUIRED_DELIVERY_DATES = st.none() | st.builds(
    RequestedDeliveryDate,
    date=st.builds(_day, st.integers(0, 40)),
    is_to_be_exactly_on_the_date_specified=st.booleans(),
)
_TAG_NAMES = st.sampled_from(["Alcohol", "Flammables", "Oil"])
_TAGS = st.lists(_TAG_NAMES, unique=True)


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


_PAYLOADS: dict[type, Callable[[], st.SearchStrategy[object]]] = {
    Order: orders,
    PackOrderRequest: lambda: orders().flatmap(pack_requests),
    Consignment: lambda: consignments(states=st.sampled_from(ConsignmentState)),
    Package: lambda: consignments().map(lambda made: made.packages[0]),
    ConsignmentUpdate: lambda: consignments().map(
        lambda made: ConsignmentUpdate(
            reference=made.reference or "",
            shipping_date=made.shipping_date,
            metadata=made.metadata,
            tags=made.tags,
            packages=made.packages,
        )
    ),
    Address: lambda: addresses(AddressType.DESTINATION, locations=st.none()),
    Plan: lambda: orders().flatmap(plans),
    PackOrderResponse: lambda: orders().flatmap(
        lambda o: pack_requests(o).map(lambda r: pack_response(pack_order(o, r)))
    ),
    OrderUpdate: lambda: orders().map(
        lambda o: OrderUpdate(order_reference=o.reference or "", tags=o.tags, addresses=o.addresses)
    ),
    OrderLedger: lambda: ledgers(max_events=4),
    StatusReport: lambda: ledgers(max_events=4).map(OrderLedger.report),
    ApiError: lambda: st.builds(
        ApiError,
        code=_TEXT,
        message=_TEXT,
        correlation_id=st.uuids().map(str),
        details=st.lists(
            st.builds(ApiErrorDetail, code=_TEXT, target=_TEXT, message=_TEXT), max_size=2
        ),
    ),
}


def payloads(kind: type, *, extensions: bool = True) -> st.SearchStrategy[str]:
    """Generate PRO v1 JSON documents of *kind*, one of :data:`orderpack.contract.KINDS`.

    Each is what :func:`orderpack.contract.dumps` writes for a generated value, so it reads
    back to that value. Without *extensions*, orderpack's own fields are left out.

    Args:
        kind: The class of document to generate, one of the values of ``contract.KINDS``.
        extensions: Whether documents include orderpack's own fields.
    """
    if kind not in _PAYLOADS:
        raise InvalidArgument(f"no payloads of {kind!r}; expected one of contract.KINDS")
    return _PAYLOADS[kind]().map(lambda value: dumps(value, extensions=extensions))


_LOCATIONS = ("WH-1", "WH-2", "WH-3", "WH-4", "WH-5", "WH-6")


@st.composite
def stocks(draw: st.DrawFn, order: Order, *, max_locations: int = 4) -> Stock:
    """Generate stock for *order*: up to *max_locations* locations, each holding some lines.

    Locations have ship days around the strategies' orders' dates (some after an order's
    required delivery date), ranks, positions or distances, countries and carrier
    services, each maybe missing; a level names its line by one of the line's identifiers
    and may hold more or fewer units than ordered, some arriving later.

    Args:
        order: The order the stock is for.
        max_locations: The most locations, 1 to 6.
    """
    if not 1 <= max_locations <= len(_LOCATIONS):
        raise InvalidArgument(f"need 1 <= max_locations <= 6, got {max_locations}")
    references = draw(
        st.lists(st.sampled_from(_LOCATIONS), min_size=1, max_size=max_locations, unique=True)
    )
    day = st.dates(min_value=_EPOCH - timedelta(days=60), max_value=_EPOCH + timedelta(days=40))
    locations = [
        Location(
            reference=reference,
            ship_day=draw(day),
            carrier_services=draw(
                st.lists(
                    st.sampled_from(["ROYAL-MAIL-24", "DPD-NEXT-DAY"]), max_size=2, unique=True
                )
            ),
            rank=draw(st.none() | st.integers(1, 4)),
            position=draw(st.none() | _POSITIONS),
            distance_km=draw(st.none() | _amounts(places=1, high=900)),
            country=draw(st.sampled_from([None, "GB", "FR", "DE"])),
        )
        for reference in references
    ]
    levels = []
    for location in locations:
        for item in order.items:
            if not draw(st.booleans()):
                continue
            name = draw(
                st.sampled_from(
                    [
                        n
                        for n in ("reference", "sku", "item_reference_provided_by_customer")
                        if getattr(item, n)
                    ]
                )
            )
            arriving = draw(
                st.none() | st.just(location.ship_day + timedelta(days=draw(st.integers(1, 20))))
            )
            levels.append(
                StockLevel(
                    location=location.reference,
                    quantity=draw(st.integers(0, item.quantity + 1)),
                    available_from=arriving,
                    **{name: getattr(item, name)},
                )
            )
    return Stock(locations=draw(st.permutations(locations)), levels=draw(st.permutations(levels)))


@st.composite
def catalogues(draw: st.DrawFn, *, max_boxes: int = 4) -> Catalogue:
    """Generate box catalogues of 1 to *max_boxes* boxes, sides to 150 cm, up to 60 kg.

    Args:
        max_boxes: The most boxes, at least 1.
    """
    if max_boxes < 1:
        raise InvalidArgument(f"need max_boxes >= 1, got {max_boxes}")
    count = draw(st.integers(1, max_boxes))
    boxes = []
    for n in range(count):
        side = st.integers(5, 150).map(Decimal)
        tare = draw(_amounts(places=2, high=1))
        boxes.append(
            Box(
                reference=f"BOX-{n + 1}",
                inner=Dimensions(width=draw(side), length=draw(side), height=draw(side)),
                max_weight=Weight(value=tare + draw(st.integers(1, 60).map(Decimal))),
                tare=Weight(value=tare),
            )
        )
    return Catalogue(boxes=boxes)


def policies() -> st.SearchStrategy[Policy]:
    """Generate policies: any objectives in any order, and a fill factor from 0.5 to 1."""
    return st.builds(
        Policy,
        objectives=st.lists(st.sampled_from(Objective), unique=True, max_size=len(Objective)),
        fill_factor=st.integers(50, 100).map(lambda n: Decimal(n) / 100),
    )


_PAYLOADS[Stock] = lambda: orders().flatmap(stocks)
_PAYLOADS[Catalogue] = catalogues
