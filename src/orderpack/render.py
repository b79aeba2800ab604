"""Readable text for people: a split as a tree, with totals.

>>> from orderpack import split_order
>>> from orderpack.demo import seed_order, seed_plan
>>> order = seed_order()
>>> print(render_split(order, split_order(order, seed_plan())))
Order EO-000-002-0TS: 1 order, 2 consignments, 3 packages, 4 items
├── Consignment EC-000-000-001: from WH-A on 2026-12-01 by ROYAL-MAIL-24
│   └── Package EP-000-000-001: 0.3 Kg, 15 x 20 x 5 Cm, 75.00 GBP
│       ├── 1 x Necklace (NECK-01)
│       └── 1 x Bracelet (BRAC-01)
└── Consignment EC-000-000-002: from WH-B on 2026-12-01 by DPD-NEXT-DAY
    ├── Package EP-000-000-002: 1.6 Kg, 40 x 50 x 10 Cm, 120.00 GBP
    │   └── 1 x Coat (COAT-01)
    └── Package EP-000-000-003: 0.4 Kg, 30 x 30 x 20 Cm, 25.00 GBP
        └── 1 x Hat (HAT-01)
Outstanding: nothing
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orderpack.model.arguments import checked
from orderpack.model.checks import printable

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from orderpack.model.consignment import Consignment, Item, Package
    from orderpack.model.order import Order
    from orderpack.packing.split import Split

__all__ = ["render_consignments", "render_split"]


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _branches(children: Sequence[str | list[str]]) -> Iterator[str]:
    """Draw *children* (a line, or a line followed by its own drawn subtree) as tree rows."""
    for n, child in enumerate(children):
        last = n == len(children) - 1
        head, *rest = [child] if isinstance(child, str) else child
        yield ("└── " if last else "├── ") + head
        yield from (("    " if last else "│   ") + row for row in rest)


def _item(item: Item) -> str:
    names = [name for name in (item.sku, item.item_reference_provided_by_customer) if name]
    label = item.description or item.reference or "item"
    return printable(f"{item.quantity} x {label}" + (f" ({', '.join(names)})" if names else ""))


def _package(package: Package) -> list[str]:
    facts = []
    if package.weight is not None:
        facts.append(f"{package.weight.value} {package.weight.unit.value}")
    if package.dimensions is not None:
        d = package.dimensions
        facts.append(f"{d.width} x {d.length} x {d.height} {d.unit.value}")
    if package.package_size_reference:
        facts.append(f"size {package.package_size_reference}")
    if package.value is not None:
        facts.append(f"{package.value.amount} {package.value.currency}")
    head = printable(f"Package {package.reference or '(new)'}: {', '.join(facts)}")
    return [head, *_branches([_item(item) for item in package.items])]


def _consignment(consignment: Consignment) -> list[str]:
    key = consignment.key
    reference = consignment.reference or "(new)"
    if consignment.return_for is not None:  # made by GenerateReturn (P10): it comes back
        to = consignment.destination.shipping_location_reference or "the origin"
        head = f"Return {reference} of {consignment.return_for}: from the customer to {to}"
    else:
        head = f"Consignment {reference}: from {key.origin or 'the origin'}"
    if key.ship_day is not None:
        head += f" on {key.ship_day}"
    if key.carrier_service:
        head += f" by {key.carrier_service}"
    return [printable(head), *_branches([_package(p) for p in consignment.packages])]


@checked
def render_consignments(consignments: Sequence[Consignment]) -> str:
    """Draw *consignments* as a tree: packages, then items.

    Args:
        consignments: The consignments to draw, one tree after another, in the order given.

    >>> from orderpack import pack_order
    >>> from orderpack.demo import seed_order
    >>> from orderpack import split_order
    >>> from orderpack.demo import seed_plan
    >>> order = seed_order()
    >>> made = pack_order(order, split_order(order, seed_plan()).requests[1])
    >>> print(render_consignments(made.consignments))
    Consignment EC-000-000-001: from WH-B on 2026-12-01 by DPD-NEXT-DAY
    ├── Package EP-000-000-001: 1.6 Kg, 40 x 50 x 10 Cm, 120.00 GBP
    │   └── 1 x Coat (COAT-01)
    └── Package EP-000-000-002: 0.4 Kg, 30 x 30 x 20 Cm, 25.00 GBP
        └── 1 x Hat (HAT-01)
    """
    return "\n".join(line for c in consignments for line in _consignment(c))


@checked
def render_split(order: Order, split: Split) -> str:
    """Draw *split* of *order* as a tree: consignments, packages, items, then what is left.

    Args:
        order: The order split, for its reference and the names of outstanding items.
        split: The split of *order* to draw, as :func:`~orderpack.split_order` returns it.
    """
    consignments = split.consignments
    packages = sum(len(c.packages) for c in consignments)
    items = sum(len(c.items) for c in consignments)
    lines = [
        (
            f"Order {printable(order.reference or '(new)')}: 1 order, "
            f"{_plural(len(consignments), 'consignment')}, "
            f"{_plural(packages, 'package')}, {_plural(items, 'item')}"
        ),
        *_branches([_consignment(c) for c in consignments]),
    ]
    if split.outstanding_lines:
        lines.append("Outstanding:")
        lines.extend(
            printable(f"  {b.path}: {b.outstanding} of {b.ordered} ({_item_name(order, b.line)})")
            for b in split.outstanding_lines
        )
    else:
        lines.append("Outstanding: nothing")
    return "\n".join(lines)


def _item_name(order: Order, line: int) -> str:
    item = order.items[line]
    return item.description or item.sku or item.reference or "item"
