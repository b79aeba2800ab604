"""Strategies for orders and their items."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, time, timedelta

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from orderpack.model.order import Order, OrderItem, OrderPackage
from orderpack.model.values import (
    AddressType,
    ContentClassification,
    Money,
    RequestedDeliveryDate,
    Weight,
)
from orderpack.strategies._values import (
    _AMOUNTS,
    _BARCODES,
    _COUNTRIES,
    _CUSTOMS,
    _DESCRIPTIONS,
    _DIMENSIONS,
    _EPOCH,
    _GBP,
    _ITEM_REFERENCES,
    _MAYBE_TEXT,
    _METADATA,
    _QUANTITIES,
    _WEIGHT_VALUES,
    addresses,
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
