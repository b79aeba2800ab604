"""The readable tree for partial splits and sparse packages."""

from decimal import Decimal

import attrs

from builders import allocate, item, order, parcel
from orderpack import (
    Money,
    PackItem,
    PackOrderRequest,
    PackPackage,
    Plan,
    Split,
    pack_order,
    split_order,
)
from orderpack.render import render_consignments, render_split


def test_outstanding_lines_are_listed() -> None:
    """A back-order shows under the tree, with its path, quantity and name."""
    placed = order(item(quantity=3, description="Desk lamp"), item("BULB", quantity=2))
    plan = Plan(allocations=[allocate(quantity=1, carrier_service=None)], packages=[parcel()])

    text = render_split(placed, split_order(placed, plan))

    assert text.splitlines() == [
        "Order EO-000-002-0TS: 1 order, 1 consignment, 1 package, 1 item",
        "└── Consignment EC-000-000-001: from WH-A on 2026-12-01",
        "    └── Package EP-000-000-001: 1 Kg, size BOX, 10 GBP",
        "        └── 1 x Desk lamp (LAMP-01)",
        "Outstanding:",
        "  packages[0].items[0]: 2 of 3 (Desk lamp)",
        "  packages[0].items[1]: 2 of 2 (BULB)",
    ]


def test_an_order_not_yet_created_and_an_unnamed_item() -> None:
    """No references yet: shown as new; an item without description is named by its SKU."""
    placed = order(item(), reference=None)

    text = render_split(placed, split_order(placed, Plan(allocations=[], packages=[])))

    assert text.splitlines() == [
        "Order (new): 1 order, 0 consignments, 0 packages, 0 items",
        "Outstanding:",
        "  packages[0].items[0]: 1 of 1 (LAMP-01)",
    ]


def test_a_package_with_only_a_size_and_no_value_or_day() -> None:
    """Facts a package or consignment lacks are left out, not invented."""
    placed = order(item("A"), item("B", value=Money(amount=Decimal(1), currency="EUR")))
    made = pack_order(
        placed,
        PackOrderRequest(
            packages=[
                PackPackage(
                    items=[PackItem(sku="A", quantity=1), PackItem(sku="B", quantity=1)],
                    package_size_reference="BOX",
                )
            ]
        ),
    ).consignment
    bare = attrs.evolve(made, packages=[attrs.evolve(made.packages[0], weight=None)])

    text = render_split(placed, Split(consignments=(bare,), requests=(), lines=()))

    assert text.splitlines()[1:3] == [
        "└── Consignment EC-000-000-001: from WH-A",
        "    └── Package EP-000-000-001: size BOX",
    ]


def test_a_return_comes_from_the_customer() -> None:
    """GenerateReturn's consignment reads as a return of its outbound, not "from the origin"."""
    placed = order(item())
    request = PackOrderRequest(
        packages=[
            PackPackage(items=[PackItem(sku="LAMP-01", quantity=1)], package_size_reference="S")
        ],
        generate_return=True,
        origin="WH-A",
    )
    made = pack_order(placed, request)

    text = render_consignments([made.consignment, made.return_consignment])  # type: ignore[list-item]

    assert [line for line in text.splitlines() if "──" not in line] == [
        "Consignment EC-000-000-001: from WH-A",
        "Return EC-000-000-002 of EC-000-000-001: from the customer to WH-A",
    ]


def test_text_from_outside_never_reaches_the_terminal_raw() -> None:
    """An escape sequence, a bidirectional override or a line separator is shown escaped."""
    placed = order(item(description="Lamp\x1b[2J\u202e\u2028"))
    plan = Plan(allocations=[allocate(quantity=1)], packages=[parcel()])

    text = render_split(placed, split_order(placed, plan))

    assert "1 x Lamp\\x1b[2J\\u202e\\u2028 (LAMP-01)" in text
    assert not any(ch in text for ch in "\x1b\u202e\u2028")
