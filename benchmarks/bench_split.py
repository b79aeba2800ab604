"""split_order against a bare baseline that groups the same allocations with dicts and tuples.

Each figure is a ratio to the baseline measured in the same run (median of several rounds), so
it means something on a noisy machine. Run with ``make bench``.
"""

from __future__ import annotations

import functools
import platform
import statistics
import sys
import time
from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from orderpack import (
    Address,
    AddressType,
    Allocation,
    Dimensions,
    Money,
    Order,
    OrderItem,
    OrderPackage,
    Plan,
    PlannedPackage,
    Weight,
    split_order,
)

if TYPE_CHECKING:
    from collections.abc import Callable

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


def median_seconds(run: Callable[[], object], rounds: int) -> float:
    """The median wall time of *rounds* calls of *run*."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Print the table: time per allocation, ratio to the baseline, and growth with size."""
    print(
        f"split_order vs a dict-and-tuple baseline on {platform.machine()}, "
        f"Python {sys.version.split()[0]}; median of rounds; ratios are what to read"
    )
    print(f"{'allocations':>11}  {'orderpack/alloc':>15}  {'baseline/alloc':>14}  {'ratio':>7}")
    per_allocation = {}
    for size, rounds in ((10, 50), (1_000, 7), (10_000, 5), (100_000, 3)):
        order, plan = order_and_plan(size)
        ours = median_seconds(functools.partial(split_order, order, plan), rounds) / size
        base = median_seconds(functools.partial(baseline, plan), rounds) / size
        per_allocation[size] = ours
        print(f"{size:>11,}  {ours * 1e6:>12.1f} us  {base * 1e6:>11.2f} us  {ours / base:>6.0f}x")
    print(
        "time per allocation at 100,000 / at 1,000: "
        f"{per_allocation[100_000] / per_allocation[1_000]:.2f}x (1.0 is linear)"
    )


if __name__ == "__main__":
    main()
