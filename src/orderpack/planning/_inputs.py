"""What a proposal is made from: locations, stock levels, boxes, and the policy."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Final

import attrs

from orderpack.model.checks import Checks, shown, to_tuple
from orderpack.model.classes import model
from orderpack.model.measures import EXACT
from orderpack.model.order import identifiers
from orderpack.model.values import Dimensions, LatLong, Weight

if TYPE_CHECKING:
    from collections.abc import Mapping


_COUNTRY: Final = re.compile(r"[A-Za-z]{2}")

EXACT_SOURCES: Final = 8
"""The most sources (location and ship day) the exhaustive search takes on."""
EXACT_LINES: Final = 12
"""The most order lines the exhaustive search takes on."""


@model
class Location:
    """A shipping location that holds stock: when it ships next, by what, how near, how ranked.

    Attributes:
        reference: Its shipping location reference, as an allocation's ``origin`` names it.
        ship_day: The next day it ships.
        carrier_services: The carrier services it ships with; the first is planned.
        rank: Its place in a ranked list, 1 first; ``None`` ranks after every ranked one.
        position: Where it is, for the straight-line distance to the order's destination.
        distance_km: Its distance to the destination, when known better than by position.
        country: Its country (ISO 3166-1 two-letter), for staying in the destination's.
    """

    reference: str
    ship_day: date
    carrier_services: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    rank: int | None = None
    position: LatLong | None = None
    distance_km: Decimal | None = None
    country: str | None = None

    def __attrs_post_init__(self) -> None:
        """Check the reference, the rank and the distance."""
        checks = Checks()
        if not self.reference.strip():
            checks.add("empty_origin", "reference", "expected a shipping location reference")
        checks.day(self.ship_day, "ship_day")
        checks.pattern(
            self.country, "country", _COUNTRY, "a two-letter country code", "bad_country"
        )
        if self.rank is not None and self.rank < 1:
            checks.add("negative", "rank", f"expected a rank of 1 or more, got {self.rank}")
        if self.distance_km is not None:
            checks.decimal(self.distance_km, "distance_km", minimum=Decimal(0))
        checks.raise_if_any()


@model
class StockLevel:
    """Units of an item available at a location: now, or from a later day when they arrive.

    The item is named as in a Pack Order (P3), by any of its identifiers; a level applies to
    every order line whose identifiers agree with the ones it gives.

    Attributes:
        location: The location's reference.
        quantity: The units available.
        reference: The item's reference.
        sku: The item's SKU.
        item_reference_provided_by_customer: The item's customer reference.
        available_from: The day the units arrive, if later than the location's ship day; they
            ship that day.
    """

    location: str
    quantity: int
    reference: str | None = None
    sku: str | None = None
    item_reference_provided_by_customer: str | None = None
    available_from: date | None = None

    def __attrs_post_init__(self) -> None:
        """Check the quantity and that the item is named."""
        checks = Checks()
        checks.quantity(self.quantity, "quantity", least=0)
        if not identifiers(self):
            checks.add("item_unidentified", "", "expected a reference, customer reference or sku")
        checks.raise_if_any()


@model
class Stock:
    """The locations and what each holds.

    Attributes:
        locations: Each location once.
        levels: The stock levels, each at one of the locations.
    """

    locations: tuple[Location, ...] = attrs.field(converter=to_tuple)
    levels: tuple[StockLevel, ...] = attrs.field(converter=to_tuple)

    def __attrs_post_init__(self) -> None:
        """Check that locations are named once and levels name one of them."""
        checks = Checks()
        seen = checks.unique(
            self.locations,
            "reference",
            path="locations",
            code="duplicate_location",
            what="location",
        )
        for n, level in enumerate(self.levels):
            if level.location not in seen:
                checks.add(
                    "location_unknown",
                    f"levels[{n}].location",
                    f"no location has reference {shown(level.location)}",
                )
        checks.raise_if_any()


@model
class Box:
    """A box of a catalogue: a PRO package size, its inner dimensions, what it may weigh.

    Attributes:
        reference: Its package size reference in PRO.
        inner: Its inner dimensions.
        max_weight: The most it may weigh, packed, its own weight included.
        tare: Its own weight.
    """

    reference: str
    inner: Dimensions
    max_weight: Weight
    tare: Weight = attrs.field(factory=Weight.zero)

    def __attrs_post_init__(self) -> None:
        """Check the reference and that the box can hold something."""
        checks = Checks()
        if not self.reference:
            checks.add("empty_label", "reference", "expected a package size reference")
        if not all(self.inner.in_centimetres()):
            checks.add(
                "out_of_range", "inner", "expected inner sides above 0: a box holds something"
            )
        if self.tare.kilograms >= self.max_weight.kilograms:
            checks.add(
                "box_overweight",
                "tare",
                f"box {shown(self.reference)} weighs {self.tare.kilograms} kg empty, "
                f"its maximum is {self.max_weight.kilograms} kg",
            )
        checks.raise_if_any()

    @property
    def volume(self) -> Decimal:
        """Its inner volume in cubic centimetres."""
        width, length, height = self.inner.in_centimetres()
        return EXACT.multiply(EXACT.multiply(width, length), height)


@model
class Catalogue:
    """The boxes a packer may use.

    Attributes:
        boxes: Each box, its reference once.
    """

    boxes: tuple[Box, ...] = attrs.field(converter=to_tuple)

    def __attrs_post_init__(self) -> None:
        """Check that references are unique."""
        checks = Checks()
        checks.unique(
            self.boxes, "reference", path="boxes", code="duplicate_package_label", what="box"
        )
        checks.raise_if_any()


class Objective(StrEnum):
    """What a policy prefers, each breaking the ties of the one before."""

    FEWEST_CONSIGNMENTS = "FewestConsignments"
    """Ship from as few locations and days as can."""
    FEWEST_SPLIT_LINES = "FewestSplitLines"
    """Ship each line from one place where one place can."""
    RANKED = "Ranked"
    """Ship from the best-ranked locations (rank 1 first)."""
    NEAREST = "Nearest"
    """Ship from the locations nearest the destination (unit by unit)."""
    EARLIEST = "Earliest"
    """Ship all of it as early as can: the latest ship day as early as can be."""
    DOMESTIC = "Domestic"
    """Ship from the destination's country."""
    MOST_STOCK = "MostStock"
    """Ship from the locations holding the most stock."""


@model
class Policy:
    """Objectives in order, and how full a box may be.

    Attributes:
        objectives: Each breaks the ties of the one before.
        fill_factor: The share of a box's volume its contents may take, above 0 and at most 1.
        hold_for_restock: Whether units on hand at a location may wait for a later ship day
            of the same location, to travel with units restocked there by then. Off by
            default: held units ship later than they could, which a policy asks for.
    """

    objectives: tuple[Objective, ...] = attrs.field(converter=to_tuple)
    fill_factor: Decimal = Decimal("0.9")
    hold_for_restock: bool = False

    def __attrs_post_init__(self) -> None:
        """Check the fill factor and that no objective is given twice."""
        checks = Checks()
        checks.decimal(self.fill_factor, "fill_factor")
        if checks.problems:
            pass  # the fill factor is no number: its range cannot be said
        elif not Decimal(0) < self.fill_factor <= 1:
            checks.add(
                "out_of_range",
                "fill_factor",
                f"expected above 0 and at most 1, got {self.fill_factor}",
            )
        if len(set(self.objectives)) != len(self.objectives):
            checks.add("bad_value", "objectives", "expected each objective once")
        checks.raise_if_any()


PRESETS: Final[Mapping[str, Policy]] = {
    "fewest-shipments": Policy(
        objectives=(
            Objective.FEWEST_CONSIGNMENTS,
            Objective.FEWEST_SPLIT_LINES,
            Objective.RANKED,
            Objective.NEAREST,
            Objective.EARLIEST,
        )
    ),
    "priority": Policy(
        objectives=(Objective.RANKED, Objective.FEWEST_CONSIGNMENTS, Objective.EARLIEST)
    ),
    "closest": Policy(
        objectives=(Objective.NEAREST, Objective.FEWEST_CONSIGNMENTS, Objective.EARLIEST)
    ),
    "same-market": Policy(
        objectives=(
            Objective.DOMESTIC,
            Objective.FEWEST_CONSIGNMENTS,
            Objective.RANKED,
            Objective.NEAREST,
        )
    ),
    "highest-stock": Policy(
        objectives=(Objective.MOST_STOCK, Objective.FEWEST_CONSIGNMENTS, Objective.RANKED)
    ),
}
"""Named policies after the peers': Shopify's "minimise split fulfilments" (the default),
Magento's source priority and Saleor's warehouse order (``priority``), Shopify's and Magento's
closest location (``closest``), Shopify's destination market (``same-market``) and Saleor's
highest stock (``highest-stock``). No preset is spelt as an objective is, so ``--policy``
on the command line takes either without doubt."""
