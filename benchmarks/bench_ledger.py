"""The ledger, pack by pack: does the 1,000th pack cost what the 10th did?

On an order of 200 lines and one of 10,000, a thousand one-line packs go through
``OrderLedger.pack``, each timed. The figures are ratios in the same run: the median time of
the packs around the 100th and the 1,000th to those around the 10th (flat is 1.0), and a
pack on the ledger to ``pack_order`` of the same request alone (the price of keeping count).
Run with ``make bench``.
"""

from __future__ import annotations

import gc
import statistics
import time
from decimal import Decimal

from _timing import machine, table

from orderpack import (
    Address,
    AddressType,
    Dimensions,
    Money,
    Order,
    OrderItem,
    OrderLedger,
    OrderPackage,
    PackItem,
    PackOrderRequest,
    PackPackage,
    Weight,
    pack_order,
)

PACKS = 1000
AROUND = 10
"""How many packs either side of the 10th, 100th and 1,000th make up its median."""


def order_of(lines: int) -> Order:
    """An order of *lines* lines, each of a million units, so no pack over-packs."""
    return Order(
        reference="EO-000-002-0TS",
        packages=[
            OrderPackage(
                items=[
                    OrderItem(
                        sku=f"SKU-{line}",
                        quantity=10**6,
                        weight=Weight(value=Decimal("0.1")),
                        dimensions=Dimensions(
                            width=Decimal(1), length=Decimal(1), height=Decimal(1)
                        ),
                        value=Money(amount=Decimal(1), currency="GBP"),
                    )
                    for line in range(lines)
                ],
                package_size_reference="BOX",
            )
        ],
        addresses=[
            Address(address_type=AddressType.ORIGIN, shipping_location_reference="WH-A"),
            Address(address_type=AddressType.DESTINATION, town="London"),
        ],
    )


def one_line(line: int) -> PackOrderRequest:
    """A Pack Order of one unit of one line."""
    return PackOrderRequest(
        packages=[
            PackPackage(
                items=[PackItem(sku=f"SKU-{line}", quantity=1)], package_size_reference="BOX"
            )
        ]
    )


def main() -> None:
    """Time a thousand packs on each order and print the ratios."""
    rows = []
    for lines in (200, 10_000):
        order = order_of(lines)
        requests = [one_line(n % lines) for n in range(PACKS)]
        ledger = OrderLedger.open(order)
        spent = []
        gc.disable()  # the collector's pauses land on whichever pack is running
        try:
            for request in requests:
                start = time.perf_counter()
                ledger = ledger.pack(request).ledger
                spent.append(time.perf_counter() - start)
            alone = []
            for request in requests[:200]:
                start = time.perf_counter()
                pack_order(order, request)
                alone.append(time.perf_counter() - start)
        finally:
            gc.enable()

        def around(nth: int, spent: list[float] = spent) -> float:
            return statistics.median(spent[max(nth - AROUND, 0) : nth + AROUND])

        tenth = around(10)
        rows.append(
            (
                f"{lines:,}",
                f"{around(100) / tenth:.2f}",
                f"{around(PACKS - AROUND) / tenth:.2f}",
                f"{statistics.median(spent) / statistics.median(alone):.1f}",
                f"{statistics.median(spent) * 1e6:.0f} µs",
            )
        )
    table(
        f"The ledger over {PACKS:,} one-line packs ({machine()})",
        ("order lines", "100th / 10th", "1,000th / 10th", "pack / pack_order", "median pack"),
        rows,
    )


if __name__ == "__main__":
    main()
