"""The seed example: a necklace, a bracelet, a coat and a hat, from two warehouses.

The necklace and the bracelet are small and share one package in warehouse A; the coat and
the hat are in warehouse B, in separate packages. That is 1 order, 2 consignments, 3 packages
and 4 items, and Pack Order runs twice.

>>> from orderpack import split_order
>>> split = split_order(seed_order(), seed_plan())
>>> len(split.consignments), sum(len(c.packages) for c in split.consignments)
(2, 3)

:func:`seed_stock` and :func:`seed_boxes` are what the warehouses hold and pack into, so
that the same split can be proposed rather than written by hand:

>>> from orderpack.planning import propose
>>> proposal = propose(seed_order(), seed_stock(), catalogue=seed_boxes())
>>> split_order(seed_order(), proposal.plan).consignments == split.consignments
False
>>> [p.package_size_reference for p in proposal.plan.packages]
['SMALL-BOX', 'MEDIUM-BOX', 'LARGE-BOX']
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from orderpack.model.order import Order, OrderItem, OrderPackage
from orderpack.model.values import Address, AddressType, Contact, Country, Dimensions, Money, Weight
from orderpack.packing.split import Allocation, Plan, PlannedPackage
from orderpack.planning import Box, Catalogue, Location, Stock, StockLevel

__all__ = ["SHIP_DAY", "seed_boxes", "seed_order", "seed_plan", "seed_stock"]

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


def seed_stock() -> Stock:
    """Three warehouses: A holds the jewellery, B the coat and hat, C (farther, a day later) more.

    C could ship the coat, the hat and a necklace too; the default policy ships from A and B,
    as fewest consignments ties and A and B rank higher.
    """
    return Stock(
        locations=[
            Location(
                reference="WH-A", ship_day=SHIP_DAY, carrier_services=["ROYAL-MAIL-24"], rank=1
            ),
            Location(
                reference="WH-B", ship_day=SHIP_DAY, carrier_services=["DPD-NEXT-DAY"], rank=2
            ),
            Location(
                reference="WH-C",
                ship_day=date(2026, 12, 2),
                carrier_services=["DPD-NEXT-DAY"],
                rank=3,
            ),
        ],
        levels=[
            StockLevel(location="WH-A", sku="NECK-01", quantity=12),
            StockLevel(location="WH-A", sku="BRAC-01", quantity=8),
            StockLevel(location="WH-B", sku="COAT-01", quantity=3),
            StockLevel(location="WH-B", sku="HAT-01", quantity=5),
            StockLevel(location="WH-C", sku="COAT-01", quantity=10),
            StockLevel(location="WH-C", sku="HAT-01", quantity=10),
            StockLevel(location="WH-C", sku="NECK-01", quantity=1),
        ],
    )


def seed_boxes() -> Catalogue:
    """The warehouses' three boxes, the sizes of the seed plan's parcels."""

    def box(reference: str, sides: str, most: str, tare: str) -> Box:
        width, length, height = (Decimal(side) for side in sides.split("x"))
        return Box(
            reference=reference,
            inner=Dimensions(width=width, length=length, height=height),
            max_weight=Weight(value=Decimal(most)),
            tare=Weight(value=Decimal(tare)),
        )

    return Catalogue(
        boxes=[
            box("SMALL-BOX", "15x20x5", "2", "0.05"),
            box("MEDIUM-BOX", "30x30x20", "5", "0.10"),
            box("LARGE-BOX", "40x50x10", "10", "0.15"),
        ]
    )
