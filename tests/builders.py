"""Small builders for example tests: memorable values with only what a test cares about."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import jsonschema

from orderpack import (
    Address,
    AddressType,
    Allocation,
    Dimensions,
    Money,
    Order,
    OrderItem,
    OrderPackage,
    PackItem,
    PackOrderRequest,
    PackPackage,
    PlannedPackage,
    Weight,
)
from orderpack.contract import json_schema

DAY = date(2026, 12, 1)


def kg(value: str) -> Weight:
    """A weight in kilograms."""
    return Weight(value=Decimal(value))


def box(side: str = "10") -> Dimensions:
    """A cube in centimetres."""
    return Dimensions(width=Decimal(side), length=Decimal(side), height=Decimal(side))


def gbp(amount: str) -> Money:
    """An amount in pounds sterling."""
    return Money(amount=Decimal(amount), currency="GBP")


def item(sku: str = "LAMP-01", **fields: Any) -> OrderItem:
    """An order item of one unit weighing 1 kg and worth 10 GBP, unless told otherwise."""
    defaults: dict[str, Any] = {"weight": kg("1"), "dimensions": box(), "value": gbp("10")}
    return OrderItem(sku=sku, **{**defaults, **fields})


def origin(location: str = "WH-A") -> Address:
    """An origin named by its shipping location."""
    return Address(address_type=AddressType.ORIGIN, shipping_location_reference=location)


def destination() -> Address:
    """A customer's address in London."""
    return Address(
        address_type=AddressType.DESTINATION, address_line1="1 High Street", town="London"
    )


def order(*items: OrderItem, **fields: Any) -> Order:
    """An order holding *items* in one package, from WH-A to London."""
    defaults: dict[str, Any] = {
        "reference": "EO-000-002-0TS",
        "addresses": [origin(), destination()],
        "packages": [OrderPackage(items=items or [item()], package_size_reference="BOX")],
    }
    return Order(**{**defaults, **fields})


def allocate(sku: str = "LAMP-01", **fields: Any) -> Allocation:
    """One unit of *sku* from WH-A on DAY by ROYAL-MAIL-24 in package P1."""
    defaults: dict[str, Any] = {
        "quantity": 1,
        "origin": "WH-A",
        "ship_day": DAY,
        "package": "P1",
        "carrier_service": "ROYAL-MAIL-24",
    }
    return Allocation(sku=sku, **{**defaults, **fields})


def parcel(label: str = "P1", **fields: Any) -> PlannedPackage:
    """A planned package named by a package size, unless measures are given."""
    if "weight" not in fields and "dimensions" not in fields:
        fields.setdefault("package_size_reference", "BOX")
    return PlannedPackage(label=label, **fields)


def at(day: date, hour: int = 9) -> datetime:
    """A moment on *day*, in UTC."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


PACK_ORDER_ALLOWS = frozenset(
    {"over_packed", "package_underweight", "ship_day_after_required_delivery"}
)
"""What check_split may find in consignments made by pack_order from the order they name.

Pack Order follows PRO: it counts nothing against the order (P5, Q3), takes a package's
declared weight as given and any shipping date; a split refuses all three.
"""


def lamps(quantity: int = 1) -> PackOrderRequest:
    """A Pack Order of *quantity* lamps in a box."""
    return PackOrderRequest(
        packages=[
            PackPackage(
                items=[PackItem(sku="LAMP-01", quantity=quantity)], package_size_reference="BOX"
            )
        ]
    )


@functools.cache
def _validator(cls: type, *, strict: bool) -> jsonschema.Draft202012Validator:
    """A validator of *cls*'s JSON Schema, formats checked; made once per class and mode."""
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    return jsonschema.Draft202012Validator(json_schema(cls, strict=strict), format_checker=checker)


def schema_errors(document: object, cls: type, *, strict: bool) -> list[str]:
    """What *document* breaks of *cls*'s JSON Schema, each as a message at its path."""
    errors = _validator(cls, strict=strict).iter_errors(document)
    return [f"{list(e.absolute_path)}: {e.message}" for e in errors]
