"""Strategies for what plans are proposed from: stock, box catalogues and policies."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from orderpack.model.values import (
    Dimensions,
    Weight,
)
from orderpack.planning import Box, Catalogue, Location, Objective, Policy, Stock, StockLevel
from orderpack.strategies._values import _EPOCH, _POSITIONS, _amounts

if TYPE_CHECKING:
    from orderpack.model.order import Order

_LOCATIONS = ("WH-1", "WH-2", "WH-3", "WH-4", "WH-5", "WH-6")


@st.composite
def stocks(draw: st.DrawFn, order: Order, *, max_locations: int = 4) -> Stock:
    """Generate stock for *order*: up to *max_locations* locations, each holding some lines.

    Locations have ship days around the strategies' orders' dates (some after an order's
    required delivery date), ranks, positions or distances, countries and carrier
    services, each maybe missing; a level names its line by one of the line's identifiers
    and may hold more or fewer units than ordered, some arriving later.

    Args:
        order: The order the stock is for.
        max_locations: The most locations, 1 to 6.
    """
    if not 1 <= max_locations <= len(_LOCATIONS):
        raise InvalidArgument(f"need 1 <= max_locations <= 6, got {max_locations}")
    references = draw(
        st.lists(st.sampled_from(_LOCATIONS), min_size=1, max_size=max_locations, unique=True)
    )
    day = st.dates(min_value=_EPOCH - timedelta(days=60), max_value=_EPOCH + timedelta(days=40))
    locations = [
        Location(
            reference=reference,
            ship_day=draw(day),
            carrier_services=draw(
                st.lists(
                    st.sampled_from(["ROYAL-MAIL-24", "DPD-NEXT-DAY"]), max_size=2, unique=True
                )
            ),
            rank=draw(st.none() | st.integers(1, 4)),
            position=draw(st.none() | _POSITIONS),
            distance_km=draw(st.none() | _amounts(places=1, high=900)),
            country=draw(st.sampled_from([None, "GB", "FR", "DE"])),
        )
        for reference in references
    ]
    levels = []
    for location in locations:
        for item in order.items:
            if not draw(st.booleans()):
                continue
            name = draw(
                st.sampled_from(
                    [
                        n
                        for n in ("reference", "sku", "item_reference_provided_by_customer")
                        if getattr(item, n)
                    ]
                )
            )
            arriving = draw(
                st.none() | st.just(location.ship_day + timedelta(days=draw(st.integers(1, 20))))
            )
            levels.append(
                StockLevel(
                    location=location.reference,
                    quantity=draw(st.integers(0, item.quantity + 1)),
                    available_from=arriving,
                    **{name: getattr(item, name)},
                )
            )
    return Stock(locations=draw(st.permutations(locations)), levels=draw(st.permutations(levels)))


@st.composite
def catalogues(draw: st.DrawFn, *, max_boxes: int = 4) -> Catalogue:
    """Generate box catalogues of 1 to *max_boxes* boxes, sides to 150 cm, up to 60 kg.

    Args:
        max_boxes: The most boxes, at least 1.
    """
    if max_boxes < 1:
        raise InvalidArgument(f"need max_boxes >= 1, got {max_boxes}")
    count = draw(st.integers(1, max_boxes))
    boxes = []
    for n in range(count):
        side = st.integers(5, 150).map(Decimal)
        tare = draw(_amounts(places=2, high=1))
        boxes.append(
            Box(
                reference=f"BOX-{n + 1}",
                inner=Dimensions(width=draw(side), length=draw(side), height=draw(side)),
                max_weight=Weight(value=tare + draw(st.integers(1, 60).map(Decimal))),
                tare=Weight(value=tare),
            )
        )
    return Catalogue(boxes=boxes)


def policies() -> st.SearchStrategy[Policy]:
    """Generate policies: any objectives in any order, a fill factor from 0.5 to 1, hold or not."""
    return st.builds(
        Policy,
        objectives=st.lists(st.sampled_from(Objective), unique=True, max_size=len(Objective)),
        fill_factor=st.integers(50, 100).map(lambda n: Decimal(n) / 100),
        hold_for_restock=st.booleans(),
    )
