"""pack_order, the ledger and the split checker, each against a bare baseline in the same run.

Each baseline does the counting the operation is about with dicts and tuples (no values built,
nothing checked), so the ratio is the price of the model and its rules.
"""

from __future__ import annotations

import functools
from collections import Counter
from typing import TYPE_CHECKING

from _timing import interleaved, machine, table
from bench_split import order_and_plan

from orderpack import (
    OrderLedger,
    PackItem,
    PackOrderRequest,
    PackPackage,
    SequentialReferences,
    check_split,
    pack_order,
    split_order,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from orderpack import Consignment, Order


def pack_request(order: Order) -> PackOrderRequest:
    """One unit of every line, ten lines to a package, each named by SKU."""
    items = [PackItem(sku=item.sku, quantity=1) for item in order.items]
    return PackOrderRequest(
        packages=[
            PackPackage(items=items[n : n + 10], package_size_reference="BOX")
            for n in range(0, len(items), 10)
        ]
    )


def pack_baseline(order: Order, request: PackOrderRequest) -> list[list[tuple[int, int]]]:
    """Each request item's order line by a dict of SKUs, grouped per package."""
    lines = {item.sku: n for n, item in enumerate(order.items)}
    return [[(lines[i.sku], i.quantity) for i in p.items] for p in request.packages]


def count_baseline(order: Order, consignments: tuple[Consignment, ...]) -> Counter[int]:
    """Units packed per order line by a dict of references: the ledger's and checker's count."""
    lines = {item.reference: n for n, item in enumerate(order.items)}
    packed: Counter[int] = Counter()
    for consignment in consignments:
        for item in consignment.items:
            packed[lines[item.reference]] += item.quantity
    return packed


def fold(order: Order, requests: list[PackOrderRequest]) -> OrderLedger:
    """The ledger after packing *requests* one by one, as a service records them."""
    ledger = OrderLedger.open(order)
    for request in requests:
        ledger = ledger.pack(request).ledger
    return ledger


def main() -> None:
    """Print one table: each operation, its baseline, and the ratio."""
    rows: list[tuple[object, ...]] = []

    def measure(label: str, ours: Callable[[], object], base: Callable[[], object]) -> None:
        spent = interleaved({"ours": ours, "base": base}, rounds=5)
        rows.append(
            (
                label,
                f"{spent['ours'] * 1e3:.1f} ms",
                f"{spent['base'] * 1e3:.2f} ms",
                f"{spent['ours'] / spent['base']:.0f}x",
            )
        )

    order, _ = order_and_plan(1_000)
    request = pack_request(order)
    measure(
        "pack_order, 1,000 lines in 100 packages",
        functools.partial(pack_order, order, request),
        functools.partial(pack_baseline, order, request),
    )
    order, plan = order_and_plan(10_000)
    consignments = split_order(order, plan).consignments
    measure(
        "check_split, 10,000 items in 12 consignments",
        functools.partial(check_split, order, consignments),
        functools.partial(count_baseline, order, consignments),
    )
    # 10,000 consignments of one package of one item each, one per order line.
    references = SequentialReferences()  # one source: every consignment its own reference
    singles = tuple(
        pack_order(
            order,
            PackOrderRequest(packages=[PackPackage(items=[item], package_size_reference="BOX")]),
            references=references,
        ).consignment
        for item in (PackItem(reference=line.reference, quantity=1) for line in order.items)
    )
    measure(
        "OrderLedger.rebuild, 10,000 consignments",
        functools.partial(OrderLedger.rebuild, order, singles),
        functools.partial(count_baseline, order, singles),
    )
    table(
        f"Operations against bare baselines ({machine()}; medians)",
        ("operation", "orderpack", "baseline", "ratio"),
        rows,
    )
    growth: list[tuple[object, ...]] = []
    for packs in (100, 400):
        requests = [
            PackOrderRequest(
                packages=[
                    PackPackage(
                        items=[PackItem(reference=line.reference, quantity=1)],
                        package_size_reference="BOX",
                    )
                ]
            )
            for line in order.items[:packs]
        ]
        spent = interleaved({"fold": functools.partial(fold, order, requests)}, rounds=3)
        growth.append((f"{packs:,}", f"{spent['fold'] / packs * 1e3:.2f} ms"))
    table(
        "OrderLedger.pack one request at a time (each of one item)",
        ("packs", "per pack"),
        growth,
    )


if __name__ == "__main__":
    main()
