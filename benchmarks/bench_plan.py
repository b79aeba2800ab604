"""Proposing a plan: a checkout, a wave, and how far the heuristic is from the exact search.

- A checkout: a 20-line order over 10 locations (with a box catalogue), against
  ``split_order`` of the proposal's own plan: the target is under 5x.
- A wave: orders of 250, 500 and 1,000 lines over 50 locations, time per line times
  location (flat means linear in lines times locations).
- The gap: on small random orders within the exact bound, the heuristic's proposals against
  the exhaustive search's, by the policy's first objective after units short.

Run with ``make bench``.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from _timing import interleaved, machine, table

from orderpack import (
    Address,
    AddressType,
    Dimensions,
    Money,
    Order,
    OrderItem,
    OrderPackage,
    Weight,
    split_order,
)
from orderpack.planning import (
    PRESETS,
    Box,
    Catalogue,
    Location,
    Stock,
    StockLevel,
    _boxing,
    propose,
)
from orderpack.planning._searching import _search

DAY = date(2026, 12, 1)
BOXES = Catalogue(
    boxes=[
        Box(
            reference=f"BOX-{side}",
            inner=Dimensions(width=Decimal(side), length=Decimal(side), height=Decimal(side)),
            max_weight=Weight(value=Decimal(side) / 2),
            tare=Weight(value=Decimal("0.1")),
        )
        for side in (20, 40, 60)
    ]
)


def order_of(lines: int, rng: random.Random) -> Order:
    """An order of *lines* lines of 1 to 3 units, each of its own SKU."""
    return Order(
        reference="EO-000-002-0TS",
        packages=[
            OrderPackage(
                items=[
                    OrderItem(
                        sku=f"SKU-{line}",
                        quantity=rng.randint(1, 3),
                        weight=Weight(value=Decimal(rng.randint(1, 20)) / 10),
                        dimensions=Dimensions(
                            width=Decimal(rng.randint(5, 30)),
                            length=Decimal(rng.randint(5, 30)),
                            height=Decimal(rng.randint(2, 15)),
                        ),
                        value=Money(amount=Decimal(10), currency="GBP"),
                    )
                    for line in range(lines)
                ],
                package_size_reference="BOX",
            )
        ],
        addresses=[
            Address(address_type=AddressType.ORIGIN, shipping_location_reference="WH-0"),
            Address(address_type=AddressType.DESTINATION, town="London"),
        ],
    )


def stock_for(order: Order, locations: int, rng: random.Random, *, held: float = 0.4) -> Stock:
    """*locations* locations, each holding each line with chance *held*, 0 to 4 units."""
    return Stock(
        locations=[
            Location(
                reference=f"WH-{n}",
                ship_day=DAY + timedelta(days=rng.randint(0, 2)),
                rank=rng.randint(1, 5),
                distance_km=Decimal(rng.randint(5, 800)),
                carrier_services=["DPD-NEXT-DAY"],
            )
            for n in range(locations)
        ],
        levels=[
            StockLevel(location=f"WH-{n}", sku=item.sku, quantity=rng.randint(0, 4))
            for n in range(locations)
            for item in order.items
            if rng.random() < held
        ],
    )


def checkout() -> None:
    """A 20-line order over 10 locations: the proposal against split_order of its plan."""
    rng = random.Random(20)
    order = order_of(20, rng)
    stock = stock_for(order, 10, rng)
    proposal = propose(order, stock, catalogue=BOXES)
    times = interleaved(
        {
            "split": lambda: split_order(order, proposal.plan),
            "propose": lambda: propose(order, stock, catalogue=BOXES),
            "propose, no boxes": lambda: propose(order, stock),
        },
        rounds=15,
    )
    base = times["split"]
    table(
        f"Planning a checkout: 20 lines, 10 locations ({machine()})",
        ("case", "time / split_order of its plan"),
        [(name, f"{spent / base:.1f}x") for name, spent in times.items()],
    )


WAVES = ((250, 50), (500, 50), (1000, 50), (1000, 25), (1000, 100))
"""Lines and locations of each wave."""


def wave() -> None:
    """Orders of 250 to 1,000 lines over 25 to 100 locations: time per line-location."""
    rng = random.Random(50)
    sizes = {f"{lines} x {places}": lines * places for lines, places in WAVES}
    cases = {}
    for lines, places in WAVES:
        order = order_of(lines, rng)
        stock = stock_for(order, places, rng, held=5 / places)
        cases[f"{lines} x {places}"] = lambda o=order, s=stock: propose(o, s, catalogue=BOXES)
    per = {name: spent / sizes[name] for name, spent in interleaved(cases, rounds=3).items()}
    base = per["250 x 50"]
    table(
        f"Planning a wave, 5 locations holding each line ({machine()})",
        ("lines x locations", "time per line-location / at 250 x 50"),
        [(name, f"{spent / base:.2f}") for name, spent in per.items()],
    )


def gap() -> None:
    """The heuristic against the exhaustive search on 300 small random orders."""
    rng = random.Random(7)
    rows = []
    for name, policy in PRESETS.items():
        worse = short = 0
        for _ in range(300):
            order = order_of(rng.randint(2, 8), rng)
            stock = stock_for(order, rng.randint(2, 8), rng, held=0.5)
            need = {n: item.quantity for n, item in enumerate(order.items)}
            search, _, _ = _search(order, stock, policy, need)
            exact, heuristic = search.cost(search.exhaustive()), search.cost(search.heuristic())
            # The exhaustive search tries every set the heuristic could end with: never worse.
            short += heuristic[:1] != exact[:1]
            worse += heuristic[:2] != exact[:2]
        rows.append((name, f"{short / 3:.1f}%", f"{worse / 3:.1f}%"))
    table(
        f"The heuristic's gap on 300 orders of 2-8 lines, 2-8 locations each ({machine()})",
        ("policy", "more units short", "worse first objective"),
        rows,
    )


def boxing() -> None:
    """First fit against the search of every grouping, on 300 random consignments of 9-12 units.

    Up to EXACT_UNITS units ``propose`` searches every grouping itself (a test holds it to a
    brute force); beyond, it boxes first fit. Here the search is let run to 12 units to
    measure what first fit loses where it is used.
    """
    rng = random.Random(11)
    more = extra = measured = 0
    while measured < 300:  # noqa: PLR2004 - the consignments measured
        lines = [
            OrderItem(
                sku=f"SKU-{n}",
                quantity=rng.randint(1, 6),
                weight=Weight(value=Decimal(rng.randint(1, 100)) / 10),
                dimensions=Dimensions(
                    width=Decimal(rng.randint(5, 40)),
                    length=Decimal(rng.randint(5, 40)),
                    height=Decimal(rng.randint(5, 40)),
                ),
                value=Money(amount=Decimal(1), currency="GBP"),
            )
            for n in range(rng.randint(2, 3))
        ]
        units = sum(line.quantity for line in lines)
        if not 9 <= units <= 12:  # noqa: PLR2004 - the sizes measured
            continue
        order = Order(
            addresses=[
                Address(address_type=AddressType.ORIGIN, shipping_location_reference="LEE"),
                Address(address_type=AddressType.DESTINATION, town="London"),
            ],
            packages=[OrderPackage(items=lines, package_size_reference="BOX")],
        )
        stock = Stock(
            locations=[Location(reference="LEE", ship_day=DAY)],
            levels=[StockLevel(location="LEE", sku=f"SKU-{n}", quantity=99) for n in range(3)],
        )
        catalogue = Catalogue(
            boxes=[
                Box(
                    reference=f"BOX-{n}",
                    inner=Dimensions(
                        width=Decimal(rng.randint(10, 60)),
                        length=Decimal(rng.randint(10, 60)),
                        height=Decimal(rng.randint(10, 60)),
                    ),
                    max_weight=Weight(value=Decimal(rng.randint(2, 30))),
                )
                for n in range(rng.randint(1, 3))
            ]
        )
        counted = []
        for most in (_boxing.EXACT_UNITS, 12):
            _boxing.EXACT_UNITS = most  # type: ignore[misc]
            counted.append(len(propose(order, stock, catalogue=catalogue).plan.packages))
        _boxing.EXACT_UNITS = 8  # type: ignore[misc]
        measured += 1
        more += counted[0] > counted[1]
        extra += counted[0] - counted[1]
    table(
        f"First fit's boxes against the fewest, 300 consignments of 9-12 units ({machine()})",
        ("consignments with more boxes", "boxes more in all"),
        [(f"{more} ({more / 3:.1f}%)", f"{extra}")],
    )


if __name__ == "__main__":
    checkout()
    wave()
    gap()
    boxing()
