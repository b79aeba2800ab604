"""split_order against a bare baseline that groups the same allocations with dicts and tuples.

Each figure is a ratio to the baseline measured in the same run (median of several rounds), so
it means something on a noisy machine. Run with ``make bench``.
"""

from __future__ import annotations

import functools
import gc
from collections import defaultdict
from datetime import date
from decimal import Decimal

import attrs
from _timing import interleaved, machine, table

from orderpack import (
    Address,
    AddressType,
    Allocation,
    Dimensions,
    Item,
    LineBalance,
    Money,
    Order,
    OrderItem,
    OrderPackage,
    PackItem,
    Plan,
    PlannedPackage,
    Weight,
    split_order,
)
from orderpack.model.trusted import copier

ORIGINS = ("WH-A", "WH-B", "WH-C")
DAYS = (date(2026, 12, 1), date(2026, 12, 2))
SERVICES = ("ROYAL-MAIL-24", "DPD-NEXT-DAY")
PER_PACKAGE = 10


def order_and_plan(size: int) -> tuple[Order, Plan]:
    """An order of *size* lines and a plan allocating each once, ten to a package."""
    item = OrderItem(
        weight=Weight(value=Decimal("0.5")),
        dimensions=Dimensions(width=Decimal(10), length=Decimal(10), height=Decimal(10)),
        value=Money(amount=Decimal("9.99"), currency="GBP"),
        quantity=2,
    )
    items = [attrs.evolve(item, reference=f"{n:032x}", sku=f"SKU-{n}") for n in range(size)]
    order = Order(
        addresses=[
            Address(address_type=AddressType.ORIGIN, shipping_location_reference="WH-A"),
            Address(address_type=AddressType.DESTINATION, town="London"),
        ],
        packages=[
            OrderPackage(items=items[n : n + 100], package_size_reference="BOX")
            for n in range(0, size, 100)
        ],
    )
    allocations = []
    for n in range(size):
        group = n // PER_PACKAGE
        allocations.append(
            Allocation(
                reference=f"{n:032x}",
                quantity=1,
                origin=ORIGINS[group % 3],
                ship_day=DAYS[group // 3 % 2],
                carrier_service=SERVICES[group // 6 % 2],
                package=f"P{group}",
            )
        )
    packages = [
        PlannedPackage(label=f"P{g}", package_size_reference="BOX")
        for g in range((size + PER_PACKAGE - 1) // PER_PACKAGE)
    ]
    return order, Plan(allocations=allocations, packages=packages)


def baseline(plan: Plan) -> dict[tuple[str, date, str | None], dict[str, list[tuple[str, int]]]]:
    """The same grouping with plain dicts and tuples: no matching, no checks, no values."""
    grouped: dict[tuple[str, date, str | None], dict[str, list[tuple[str, int]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for a in plan.allocations:
        grouped[(a.origin, a.ship_day, a.carrier_service)][a.package].append(
            (a.reference or "", a.quantity)
        )
    return grouped


_ITEM = copier(Item, "quantity", "status")
_PACK_ITEM = copier(PackItem, "quantity")
_BALANCE = copier(LineBalance, "line", "path", "packed", ordered="quantity")


def floor(order: Order, plan: Plan) -> object:
    """The three values a split returns per allocation, built the fastest way, and no more.

    A consignment item, a pack item and a line balance per allocation, each built by the
    builders split_order itself uses for values already checked, grouped as the baseline
    groups: no checks, no packages, no consignments. What any split returning these
    immutable values must pay.
    """
    lines = {item.reference: n for n, item in enumerate(order.items)}
    items = order.items
    grouped: dict[tuple[str, date, str | None], dict[str, list[object]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for a in plan.allocations:
        line = lines[a.reference]
        item = items[line]
        grouped[(a.origin, a.ship_day, a.carrier_service)][a.package].append(
            (
                _ITEM(item, a.quantity, None),
                _PACK_ITEM(item, a.quantity),
                _BALANCE(item, line, "", a.quantity),
            )
        )
    return grouped


def paused(order: Order, plan: Plan) -> object:
    """split_order with the cycle collector paused, as the command line runs it."""
    gc.disable()
    try:
        return split_order(order, plan)
    finally:
        gc.enable()


def main() -> None:
    """Print the table: time per allocation, ratio to the baseline, and growth with size."""
    rows: list[tuple[object, ...]] = []
    per_allocation = {}
    for size, rounds in ((10, 51), (1_000, 9), (10_000, 5), (100_000, 3)):
        order, plan = order_and_plan(size)
        spent = interleaved(
            {
                "orderpack": functools.partial(split_order, order, plan),
                "paused": functools.partial(paused, order, plan),
                "baseline": functools.partial(baseline, plan),
                "floor": functools.partial(floor, order, plan),
            },
            rounds,
        )
        ours, base = spent["orderpack"] / size, spent["baseline"] / size
        per_allocation[size] = ours
        rows.append(
            (
                f"{size:,}",
                f"{ours * 1e6:.1f} µs",
                f"{base * 1e6:.2f} µs",
                f"{ours / base:.0f}x",
                f"{spent['paused'] / size / base:.0f}x",
                f"{spent['floor'] / size / base:.1f}x",
            )
        )
    table(
        f"split_order against a dict-and-tuple baseline ({machine()}; medians)",
        (
            "allocations",
            "orderpack",
            "baseline",
            "orderpack / baseline",
            "collector paused / baseline",
            "floor / baseline",
        ),
        rows,
    )
    growth = per_allocation[100_000] / per_allocation[1_000]
    print(f"\nTime per allocation at 100,000 / at 1,000: {growth:.2f}x (1.00 is linear)")


if __name__ == "__main__":
    main()
