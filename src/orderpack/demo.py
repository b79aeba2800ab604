"""The seed example: a necklace, a bracelet, a coat and a hat, from two warehouses.

The necklace and the bracelet are small and share one package in warehouse A; the coat and
the hat are in warehouse B, in separate packages. That is 1 order, 2 consignments, 3 packages
and 4 items, and Pack Order runs twice.

>>> from orderpack import split_order
>>> split = split_order(seed_order(), seed_plan())
>>> len(split.consignments), sum(len(c.packages) for c in split.consignments)
(2, 3)
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from orderpack.order import Order, OrderItem, OrderPackage
from orderpack.splitting import Allocation, Plan, PlannedPackage
from orderpack.values import Address, AddressType, Contact, Country, Dimensions, Money, Weight

__all__ = ["SHIP_DAY", "seed_order", "seed_plan"]

SHIP_DAY = date(2026, 12, 1)


def _item(
    reference: str, sku: str, description: str, *, kg: str, sides: str, gbp: str
) -> OrderItem:
    width, length, height = (Decimal(side) for side in sides.split("x"))
    return OrderItem(
        reference=reference,
        sku=sku,
        description=description,
        weight=Weight(value=Decimal(kg)),
        dimensions=Dimensions(width=width, length=length, height=height),
        value=Money(amount=Decimal(gbp), currency="GBP"),
    )


def seed_order() -> Order:
    """The retailer's order, as PRO holds it once created."""
    return Order(
        reference="EO-000-002-0TS",
        order_reference_provided_by_customer="WEB-10042",
        shipping_date=datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
        addresses=[
            Address(address_type=AddressType.ORIGIN, shipping_location_reference="WH-A"),
            Address(
                address_type=AddressType.DESTINATION,
                contact=Contact(first_name="Ada", last_name="Byron", email="ada@example.com"),
                address_line1="12 Marsh Lane",
                town="London",
                postcode="SE1 7PB",
                country=Country(iso_code="GB"),
            ),
        ],
        packages=[
            OrderPackage(
                description="Jewellery",
                package_size_reference="SMALL-BOX",
                items=[
                    _item(
                        "0f0e5b1c2a3d4e5f60718293a4b5c6d7",
                        "NECK-01",
                        "Necklace",
                        kg="0.05",
                        sides="10x10x2",
                        gbp="45.00",
                    ),
                    _item(
                        "1a2b3c4d5e6f708192a3b4c5d6e7f809",
                        "BRAC-01",
                        "Bracelet",
                        kg="0.08",
                        sides="10x10x3",
                        gbp="30.00",
                    ),
                ],
            ),
            OrderPackage(
                description="Clothing",
                weight=Weight(value=Decimal("1.65")),
                dimensions=Dimensions(width=Decimal(40), length=Decimal(50), height=Decimal(30)),
                items=[
                    _item(
                        "2b3c4d5e6f708192a3b4c5d6e7f8091a",
                        "COAT-01",
                        "Coat",
                        kg="1.40",
                        sides="40x50x8",
                        gbp="120.00",
                    ),
                    _item(
                        "3c4d5e6f708192a3b4c5d6e7f8091a2b",
                        "HAT-01",
                        "Hat",
                        kg="0.25",
                        sides="30x30x18",
                        gbp="25.00",
                    ),
                ],
            ),
        ],
    )


def seed_plan() -> Plan:
    """Warehouse A packs the jewellery in one parcel; warehouse B packs coat and hat apart."""

    def parcel(label: str, kg: str, sides: str) -> PlannedPackage:
        width, length, height = (Decimal(side) for side in sides.split("x"))
        return PlannedPackage(
            label=label,
            weight=Weight(value=Decimal(kg)),
            dimensions=Dimensions(width=width, length=length, height=height),
        )

    def line(sku: str, origin: str, package: str, service: str) -> Allocation:
        return Allocation(
            sku=sku,
            quantity=1,
            origin=origin,
            ship_day=SHIP_DAY,
            package=package,
            carrier_service=service,
        )

    return Plan(
        packages=[
            parcel("A1", "0.3", "15x20x5"),
            parcel("B1", "1.6", "40x50x10"),
            parcel("B2", "0.4", "30x30x20"),
        ],
        allocations=[
            line("NECK-01", "WH-A", "A1", "ROYAL-MAIL-24"),
            line("BRAC-01", "WH-A", "A1", "ROYAL-MAIL-24"),
            line("COAT-01", "WH-B", "B1", "DPD-NEXT-DAY"),
            line("HAT-01", "WH-B", "B2", "DPD-NEXT-DAY"),
        ],
    )
