"""Boxing: the fewest boxes for a few units, and new boxes chosen by what they carry."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

from builders import box, item, order
from orderpack import Dimensions, Order, OrderItem, Weight, split_order
from orderpack.planning import Box, Catalogue, Location, Stock, StockLevel, propose
from orderpack.planning._boxing import EXACT_UNITS

DAY = date(2026, 12, 1)


@st.composite
def small_boxings(draw: st.DrawFn) -> tuple[Order, Catalogue]:
    """An order of 1 to 3 lines and at most EXACT_UNITS units, and 1 to 3 boxes near their size."""
    sides = st.integers(5, 40).map(Decimal)
    lines = [
        item(
            f"SKU-{n}",
            quantity=draw(st.integers(1, 4)),
            weight=Weight(value=draw(st.integers(1, 100)) / Decimal(10)),
            dimensions=Dimensions(width=draw(sides), length=draw(sides), height=draw(sides)),
        )
        for n in range(draw(st.integers(1, 3)))
    ]
    assume(sum(line.quantity for line in lines) <= EXACT_UNITS)
    inner = st.integers(10, 60).map(Decimal)
    boxes = [
        Box(
            reference=f"BOX-{n}",
            inner=Dimensions(width=draw(inner), length=draw(inner), height=draw(inner)),
            max_weight=Weight(value=Decimal(draw(st.integers(2, 30)))),
            tare=Weight(value=draw(st.integers(0, 5)) / Decimal(10)),
        )
        for n in range(draw(st.integers(1, 3)))
    ]
    return order(*lines), Catalogue(boxes=boxes)


def _holds(boxes: list[Box], units: list[OrderItem], fill: Decimal) -> bool:
    """Whether some box holds all of *units*: each in some rotation, by weight and by volume."""
    for candidate in boxes:
        inner = sorted(candidate.inner.in_centimetres(), reverse=True)
        kilograms = sum((u.weight.kilograms for u in units), candidate.tare.kilograms)
        volume = Decimal(0)
        for unit in units:
            a, b, c = unit.dimensions.in_centimetres()
            volume += a * b * c
        width, length, height = inner
        fit = all(
            all(
                side <= room
                for side, room in zip(
                    sorted(u.dimensions.in_centimetres(), reverse=True), inner, strict=True
                )
            )
            for u in units
        )
        if (
            fit
            and kilograms <= candidate.max_weight.kilograms
            and volume <= width * length * height * fill
        ):
            return True
    return False


def _partitions(units: list[int]) -> list[list[list[int]]]:
    """Every way of splitting *units* (indices) into non-empty groups."""
    if not units:
        return [[]]
    first, rest = units[0], units[1:]
    found = []
    for smaller in _partitions(rest):
        found.append([[first], *smaller])
        found.extend(
            [*smaller[:n], [first, *smaller[n]], *smaller[n + 1 :]] for n in range(len(smaller))
        )
    return found


def _fewest(boxes: list[Box], units: list[OrderItem], fill: Decimal) -> int:
    """The fewest boxes that hold *units*, every grouping of them tried (a brute force).

    Whether a box holds a group is worked out once per group: 2^8 groups, not one per
    grouping that has it.
    """
    held: dict[tuple[int, ...], bool] = {}

    def holds(group: list[int]) -> bool:
        key = tuple(sorted(group))
        if key not in held:
            held[key] = _holds(boxes, [units[n] for n in key], fill)
        return held[key]

    return min(
        len(groups)
        for groups in _partitions(list(range(len(units))))
        if all(holds(group) for group in groups)
    )


@given(case=small_boxings())
def test_a_few_units_take_the_fewest_boxes_any_grouping_could(
    case: tuple[Order, Catalogue],
) -> None:
    """Up to EXACT_UNITS units of a source: as few boxes as a brute force over groupings finds."""
    placed, catalogue = case
    stock = Stock(
        locations=[Location(reference="LEE", ship_day=DAY)],
        levels=[
            StockLevel(location="LEE", sku=line.sku or "", quantity=line.quantity)
            for line in placed.items
        ],
    )

    proposal = propose(placed, stock, catalogue=catalogue)

    boxed = Counter[str]()
    for allocation in proposal.plan.allocations:
        boxed[allocation.sku or ""] += allocation.quantity
    units = [line for line in placed.items for _ in range(boxed[line.sku or ""])]
    assume(units)
    fill = Decimal("0.9")  # the default policy's
    assert len(proposal.plan.packages) == _fewest(list(catalogue.boxes), units, fill)
    split_order(placed, proposal.plan)


def test_a_new_box_is_the_one_that_carries_most_not_the_largest() -> None:
    """Ten 1 kg units: the large box carries 2 kg, the medium 5.5 kg: two boxes, not five.

    Opening the largest box each time put two units in each of five, each then shrunk to a
    medium box.
    """
    units = item("BRICK-01", quantity=10, weight=Weight(value=Decimal(1)), dimensions=box("10"))
    stock = Stock(
        locations=[Location(reference="LEE", ship_day=DAY)],
        levels=[StockLevel(location="LEE", sku="BRICK-01", quantity=10)],
    )
    large = Box(reference="LARGE", inner=box("60"), max_weight=Weight(value=Decimal(2)))
    medium = Box(reference="MEDIUM", inner=box("30"), max_weight=Weight(value=Decimal("5.5")))

    proposal = propose(order(units), stock, catalogue=Catalogue(boxes=[large, medium]))

    assert [c.box for c in proposal.packages] == ["MEDIUM", "MEDIUM"]
    assert sorted(a.quantity for a in proposal.plan.allocations) == [5, 5]


def test_past_the_search_a_line_fills_the_room_left_in_open_boxes_first() -> None:
    """Nine 1 kg bricks take two boxes (5 and 4); three 0.1 kg feathers fit the first's room."""
    bricks = item("BRICK-01", quantity=9, weight=Weight(value=Decimal(1)), dimensions=box("10"))
    feathers = item(
        "FEATHER-01", quantity=3, weight=Weight(value=Decimal("0.1")), dimensions=box("5")
    )
    stock = Stock(
        locations=[Location(reference="LEE", ship_day=DAY)],
        levels=[
            StockLevel(location="LEE", sku="BRICK-01", quantity=9),
            StockLevel(location="LEE", sku="FEATHER-01", quantity=3),
        ],
    )
    medium = Box(reference="MEDIUM", inner=box("30"), max_weight=Weight(value=Decimal("5.5")))

    proposal = propose(order(bricks, feathers), stock, catalogue=Catalogue(boxes=[medium]))

    assert [(a.sku, a.quantity, a.package) for a in proposal.plan.allocations] == [
        ("BRICK-01", 5, "LEE#1"),
        ("FEATHER-01", 3, "LEE#1"),
        ("BRICK-01", 4, "LEE#2"),
    ]
