"""Stock and box catalogues read from CSV sheets, every problem at its row and column."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Final, TypeVar

import attrs

from orderpack.errors import ModelError, PlanningError, Problem
from orderpack.model.arguments import checked
from orderpack.model.checks import shown
from orderpack.model.read import Read
from orderpack.model.values import Dimensions, LatLong, Weight
from orderpack.planning._inputs import Box, Catalogue, Location, Stock, StockLevel
from orderpack.planning.table import Row, read_table, same, three_sides

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

T = TypeVar("T")


# --- reading stock and boxes from CSV -------------------------------------------------------

STOCK_COLUMNS: Final[Mapping[str, str]] = {
    "location": "the shipping location reference",
    "ship_date": "the location's next ship day, 2026-12-01",
    "sku": "the item's SKU; or name it by the next two",
    "reference": "the item's reference",
    "customer_reference": "the item's reference provided by the customer",
    "quantity": "units available",
    "available_from": "the day they arrive, if later than the ship date (optional)",
    "carrier_services": "the location's carrier services, the first planned, a;b (optional)",
    "rank": "the location's rank, 1 first (optional)",
    "latitude": "the location's latitude in degrees (optional, with longitude)",
    "longitude": "the location's longitude in degrees (optional, with latitude)",
    "distance_km": "the location's distance to the destination (optional)",
    "country": "the location's country, GB (optional)",
}
"""Every column a stock file may have, one row per item and location."""

_LOCATION_FACTS: Final = (
    "ship_date",
    "carrier_services",
    "rank",
    "latitude",
    "longitude",
    "distance_km",
    "country",
)

BOX_COLUMNS: Final[Mapping[str, str]] = {
    "reference": "the box's package size reference in PRO",
    "inner_cm": "its inner width, length and height in centimetres, 40x30x20",
    "max_weight_kg": "the most it may weigh packed, in kilograms",
    "tare_kg": "its own weight in kilograms (optional)",
}
"""Every column a box catalogue file may have, one row per box."""


@checked
def read_stock(data: str | bytes) -> Read[Stock]:
    """Read stock from a CSV: a row per item and location, the location's facts on any row.

    Args:
        data: The CSV, as text or UTF-8 bytes; headers match whatever their case.

    Raises:
        PlanningError: Naming every problem at ``line N column C``: the header's, empty or
            bad cells, and a location given different facts on two rows
            (``location_differs``).
    """
    table = read_table(
        data,
        known=STOCK_COLUMNS,
        required=("location", "quantity"),
        one_of=("sku", "reference", "customer_reference"),
        error=PlanningError,
    )
    problems: list[Problem] = []
    facts: dict[str, tuple[int, dict[str, tuple[int, str]]]] = {}  # by location: line, facts
    levels: list[StockLevel] = []
    for row in table.rows:
        location = row.text("location", "a shipping location reference")
        quantity = row.parsed("quantity", int, "a whole number of units")
        arriving = row.optional("available_from", date.fromisoformat, "a date like 2026-12-01")
        if location is not None:
            known = facts.setdefault(location, (row.line, {}))[1]
            for name in _LOCATION_FACTS:
                if not (value := row.cells.get(name)):
                    continue
                line, first = known.setdefault(name, (row.line, value))
                if not same(first, value):
                    row.add(
                        "location_differs",
                        name,
                        f"location {shown(location)} has {name} {shown(first)} "
                        f"at line {line}, not {shown(value)}",
                    )
        if location is not None and quantity is not None and not row.problems:
            level = row.built(
                "quantity",
                StockLevel,
                location=location,
                quantity=quantity,
                sku=row.cells.get("sku") or None,
                reference=row.cells.get("reference") or None,
                item_reference_provided_by_customer=row.cells.get("customer_reference") or None,
                available_from=arriving,
            )
            if level is not None:
                levels.append(level)
        problems += row.problems
    locations = [
        _location(reference, line, known, problems) for reference, (line, known) in facts.items()
    ]
    if problems:
        raise PlanningError(problems)
    stock = Stock(locations=[loc for loc in locations if loc is not None], levels=levels)
    return Read(value=stock, unknown=table.unknown)


_FACT_COLUMNS: Final = {
    "ship_day": "ship_date",
    "carrier_services": "carrier_services",
    "rank": "rank",
    "position": "latitude",
    "distance_km": "distance_km",
    "country": "country",
}
"""The column each of a location's fields is read from."""


def _location(
    reference: str, line: int, known: Mapping[str, tuple[int, str]], problems: list[Problem]
) -> Location | None:
    """The location named *reference* from the facts its rows gave, each at its own line.

    *line* is the location's first row, where a fact no row gave is missed.
    """
    rows = {name: Row(at, {name: value}) for name, (at, value) in known.items()}

    def fact(
        name: str, convert: Callable[[str], T], expected: str, *, needed: bool = False
    ) -> T | None:
        row = rows.setdefault(name, Row(line, {}))
        return (row.parsed if needed else row.optional)(name, convert, expected)

    ship_day = fact("ship_date", date.fromisoformat, "a date like 2026-12-01", needed=True)
    rank = fact("rank", int, "a whole number")
    distance = fact("distance_km", Decimal, "a number of kilometres")
    latitude = fact("latitude", Decimal, "a number of degrees")
    longitude = fact("longitude", Decimal, "a number of degrees")
    position = None
    if (latitude is None) != (longitude is None):
        missing = "longitude" if longitude is None else "latitude"
        rows[missing].empty(missing, "both latitude and longitude")
    elif latitude is not None and longitude is not None:
        position = rows["latitude"].built(
            "latitude", LatLong, latitude=latitude, longitude=longitude
        )
    named = fact("carrier_services", str, "services") or ""
    services = [service.strip() for service in named.split(";") if service.strip()]
    located = None
    problems += [p for row in rows.values() for p in row.problems]
    if ship_day is not None and not any(row.problems for row in rows.values()):
        try:
            located = Location(
                reference=reference,
                ship_day=ship_day,
                carrier_services=services,
                rank=rank,
                position=position,
                distance_km=distance,
                country=fact("country", str, "a country"),
            )
        except ModelError as error:
            for problem in error.problems:
                column = _FACT_COLUMNS.get(problem.path, "location")
                at = known.get(column, (line, ""))[0]
                problems.append(attrs.evolve(problem, path=f"line {at} column {column}"))
    return located


@checked
def read_catalogue(data: str | bytes) -> Read[Catalogue]:
    """Read a box catalogue from a CSV: one row per box.

    Args:
        data: The CSV, as text or UTF-8 bytes; headers match whatever their case.

    Raises:
        PlanningError: Naming every problem at ``line N column C``.
    """
    table = read_table(
        data,
        known=BOX_COLUMNS,
        required=("reference", "inner_cm", "max_weight_kg"),
        error=PlanningError,
    )
    problems: list[Problem] = []
    boxes: list[Box] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        reference = row.text("reference", "a package size reference")
        inner = row.parsed("inner_cm", three_sides, "three numbers of centimetres like 40x30x20")
        most = row.parsed("max_weight_kg", Decimal, "a number of kilograms")
        tare = row.optional("tare_kg", Decimal, "a number of kilograms") or Decimal(0)
        sides = (
            None if inner is None else dict(zip(("width", "length", "height"), inner, strict=True))
        )
        measured = (
            None if sides is None else row.built("inner_cm", Dimensions, **sides),
            None if most is None else row.built("max_weight_kg", Weight, value=most),
            row.built("tare_kg", Weight, value=tare),
        )
        if reference is not None and (first := seen.setdefault(reference, row.line)) != row.line:
            row.add(
                "duplicate_package_label",
                "reference",
                f"expected each box once, {shown(reference)} is given at line {first} too",
            )
        if reference is not None and not row.problems:
            inside, heaviest, own = measured
            box = row.built(
                "", Box, reference=reference, inner=inside, max_weight=heaviest, tare=own
            )
            if box is not None:
                boxes.append(box)
        problems += row.problems
    if problems:
        raise PlanningError(problems)
    return Read(value=Catalogue(boxes=boxes), unknown=table.unknown)
