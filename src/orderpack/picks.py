r"""Picks as a warehouse system exports them: a CSV, one row per pick, read into a plan.

Each row says how many units of an order line ship from where, on which day, by which
service, in which parcel; the parcel's size (or weight and sides) is given on any of its
rows, and must not differ between them. Headers are matched without regard to case or
spacing or punctuation (``Ship Date`` is ``ship_date``, ``Weight (kg)`` is ``weight_kg``),
a byte-order mark is read past, and columns
orderpack does not know are reported in :attr:`Picks.unknown`, never silently dropped.

>>> from orderpack import split_order
>>> from orderpack.demo import seed_order
>>> order = seed_order()
>>> picks = read_picks(
...     "Line,Quantity,Origin,Ship Date,Package,Package Size,Picker\n"
...     "1,1,WH-A,2026-12-01,A1,SMALL-BOX,Sam\n"
...     "2,1,WH-A,2026-12-01,A1,,Sam\n",
...     order,
... )
>>> [(a.sku, a.package) for a in picks.plan.allocations], picks.unknown
([('NECK-01', 'A1'), ('BRAC-01', 'A1')], ('Picker',))
>>> len(split_order(order, picks.plan).consignments)
1

Every problem in the file is named at once, by line (the header is line 1) and column:

>>> try:
...     read_picks("line,quantity,origin,ship_date,package\n9,x,WH-A,,A1\n", order)
... except PicksError as error:
...     print(error)
4 problems:
- item_not_on_order at line 2 column line: line 9 is not on the order (lines 1 to 4)
- bad_value at line 2 column quantity: expected a whole number, got 'x'
- empty_cell at line 2 column ship_date: expected a date like 2026-12-01, found nothing
- package_unmeasured at line 2 column package: package 'A1' needs a package_size, or weight_kg
  and dimensions_cm, on one of its rows (P6)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Final

import attrs

from orderpack.errors import ModelError, PicksError, Problem
from orderpack.model.arguments import checked
from orderpack.model.checks import shown, to_tuple
from orderpack.model.order import Order
from orderpack.model.values import Dimensions, Weight
from orderpack.packing.split import Allocation, Plan, PlannedPackage
from orderpack.planning.table import Row, read_table, same, three_sides

__all__ = ["COLUMNS", "Picks", "PicksError", "read_picks"]


COLUMNS: Final[Mapping[str, str]] = {
    "line": "the order line's 1-based number; or name the item by the next three",
    "reference": "the order item's reference",
    "sku": "the order item's SKU",
    "customer_reference": "the order item's reference provided by the customer",
    "quantity": "units picked, a whole number above zero",
    "origin": "the shipping location the units leave from",
    "ship_date": "the day they ship, 2026-12-01",
    "carrier_service": "the carrier service (optional)",
    "package": "the parcel's label; rows with one label fill one parcel",
    "package_size": "the parcel's package size reference",
    "weight_kg": "the parcel's weight in kilograms, with dimensions_cm",
    "dimensions_cm": "the parcel's width, length and height in centimetres, 40x50x10",
}
"""Every column a picks file may have, with what it holds."""

REQUIRED: Final = ("quantity", "origin", "ship_date", "package")
"""The columns every picks file has, besides one naming the item."""

_IDENTIFIERS: Final = ("line", "reference", "sku", "customer_reference")
_MEASURES: Final = ("package_size", "weight_kg", "dimensions_cm")
_FIELD_COLUMNS: Final = {
    "allocations": {
        "quantity": "quantity",
        "origin": "origin",
        "ship_day": "ship_date",
        "carrier_service": "carrier_service",
        "package": "package",
    },
    "packages": {
        "label": "package",
        "weight": "weight_kg",
        "dimensions": "dimensions_cm",
        "package_size_reference": "package_size",
    },
}
"""The column each plan field is read from, for naming a problem where the file has it."""


@attrs.frozen(kw_only=True)
class Picks:
    """A picks file read: the plan it describes, and where in the file each part came from.

    Attributes:
        plan: One allocation per row, in the file's order, and one planned package per label.
        rows: The file line of each allocation (the header is line 1).
        package_rows: The file line where each planned package is first named.
        unknown: The columns orderpack does not know, as the header spells them.
    """

    plan: Plan
    rows: tuple[int, ...] = attrs.field(converter=to_tuple)
    package_rows: tuple[int, ...] = attrs.field(converter=to_tuple)
    unknown: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)

    @checked
    def locate(self, problem: Problem) -> Problem:
        """Return *problem*, found in :attr:`plan`, at the line and column it was read from.

        A problem at ``allocations[2].quantity`` is at ``line 4 column quantity``; one about
        several allocations names their lines in its message.

        Args:
            problem: A problem found in :attr:`plan`, at a path like ``allocations[2].quantity``.
        """
        message = re.sub(
            r"allocations \[([\d, ]+)\]",
            lambda found: (
                "lines " + ", ".join(str(self.rows[int(n)]) for n in found.group(1).split(", "))
            ),
            problem.message,
        )
        matched = re.fullmatch(r"(allocations|packages)\[(\d+)\](?:\.(\w+))?.*", problem.path)
        if matched is None:
            return attrs.evolve(problem, path="", message=message)
        part, index, field = matched.groups()
        line = (self.rows if part == "allocations" else self.package_rows)[int(index)]
        column = _FIELD_COLUMNS[part].get(field or "")
        path = f"line {line}" + (f" column {column}" if column else "")
        return attrs.evolve(problem, path=path, message=message)


@checked
def read_picks(data: str | bytes, order: Order) -> Picks:
    """Read a picks CSV (*data*, text or UTF-8 bytes) as a plan for splitting *order*.

    Args:
        data: The CSV, as text or UTF-8 bytes; a leading byte-order mark is skipped.
        order: The order the picks are for; a ``line`` column counts its lines from 1.

    Raises:
        PicksError: Naming every problem in the file, each at ``line N`` or ``line N column
            C``: a header without the columns a plan needs (``missing_column``, naming each
            one and the columns found), an empty cell (``empty_cell``), a value that is not
            one (``bad_value``), a row naming a line the order does not have
            (``item_not_on_order``), a package given different measures on two rows
            (``measures_differ``) or none (``package_unmeasured``), and text the csv module
            cannot read (``invalid_csv``).
    """
    table = read_table(
        data, known=COLUMNS, required=REQUIRED, one_of=_IDENTIFIERS, error=PicksError
    )
    reader = _Rows(order, table.columns)
    for row in table.rows:
        reader.read(row)
    return reader.picks(table.unknown)


@attrs.define
class _Rows:
    """The rows read so far: allocations, packages, and every problem found."""

    order: Order
    columns: Mapping[str, int]
    allocations: list[Allocation] = attrs.field(factory=list)
    rows: list[int] = attrs.field(factory=list)
    packages: dict[str, tuple[int, dict[str, str]]] = attrs.field(factory=dict)
    problems: dict[int, list[Problem]] = attrs.field(factory=dict)
    """Problems by file line, so that they are reported in the file's order."""

    def read(self, row: Row) -> None:
        line = row.line
        identifiers = self._identifiers(row)
        quantity = row.parsed("quantity", int, "a whole number")
        origin = row.text("origin", "a shipping location reference")
        ship_day = row.parsed("ship_date", date.fromisoformat, "a date like 2026-12-01")
        package = row.text("package", "a parcel label")
        if package is not None:
            self._measures(row, package)
        # Each of these is None only where a problem names why.
        if (
            identifiers is not None
            and quantity is not None
            and origin
            and ship_day
            and package
            and not row.problems
        ):
            try:
                self.allocations.append(
                    Allocation(
                        **identifiers,
                        quantity=quantity,
                        origin=origin,
                        ship_day=ship_day,
                        package=package,
                        carrier_service=row.cells.get("carrier_service") or None,
                    )
                )
                self.rows.append(line)
            except ModelError as error:
                columns = _FIELD_COLUMNS["allocations"]
                row.problems += [_at_row(p, line, columns) for p in error.problems]
        self.problems.setdefault(line, []).extend(row.problems)

    def _identifiers(self, row: Row) -> dict[str, str | None] | None:
        given = {
            "reference": row.cells.get("reference") or None,
            "sku": row.cells.get("sku") or None,
            "item_reference_provided_by_customer": row.cells.get("customer_reference") or None,
        }
        if not row.cells.get("line"):
            if any(given.values()):
                return given
            named = min(_IDENTIFIERS, key=lambda name: self.columns.get(name, len(self.columns)))
            row.empty(named, "an order line or an item identifier")
            return None
        number = row.parsed("line", int, "a whole number")
        if number is None:
            return None
        if not 1 <= number <= len(self.order.items):
            row.add(
                "item_not_on_order",
                "line",
                f"line {number} is not on the order (lines 1 to {len(self.order.items)})",
            )
            return None
        item = self.order.items[number - 1]
        line_names = {
            "reference": item.reference,
            "sku": item.sku,
            "item_reference_provided_by_customer": item.item_reference_provided_by_customer,
        }
        for field, column in zip(given, ("reference", "sku", "customer_reference"), strict=True):
            if given[field] is not None and given[field] != line_names[field]:
                row.add(
                    "item_identifiers_disagree",
                    column,
                    f"line {number} is {field} {shown(line_names[field])}, not "
                    f"{shown(given[field])}; expected them to agree (Q4)",
                )
        return None if row.problems else line_names

    def _measures(self, row: Row, label: str) -> None:
        """Keep the package's measures from the first row giving any; refuse others."""
        given = {name: row.cells[name] for name in _MEASURES if row.cells.get(name)}
        first = self.packages.get(label)
        if first is None or (given and not first[1]):
            self.packages[label] = (first[0] if first else row.line, given)
        elif given and not _same_measures(given, first[1]):
            row.add(
                "measures_differ",
                next(
                    name
                    for name in _MEASURES
                    if not same(given.get(name, ""), first[1].get(name, ""))
                ),
                f"package {shown(label)} is given {_measures_text(given)} here and "
                f"{_measures_text(first[1])} at line {first[0]}",
            )

    def picks(self, unknown: tuple[str, ...]) -> Picks:
        packages: list[PlannedPackage] = []
        package_rows: list[int] = []
        for label, (line, measures) in self.packages.items():
            row = Row(line, measures)
            package = _planned_package(row, label)
            self.problems.setdefault(line, []).extend(row.problems)
            if package is not None:
                packages.append(package)
                package_rows.append(line)
        if problems := [p for line in sorted(self.problems) for p in self.problems[line]]:
            raise PicksError(problems)
        plan = Plan(allocations=self.allocations, packages=packages)
        return Picks(plan=plan, rows=self.rows, package_rows=package_rows, unknown=unknown)


def _planned_package(row: Row, label: str) -> PlannedPackage | None:
    if not row.cells:
        row.add(
            "package_unmeasured",
            "package",
            f"package {shown(label)} needs a package_size, or weight_kg and dimensions_cm, "
            "on one of its rows (P6)",
        )
        return None
    weight = dimensions = None
    if "weight_kg" in row.cells or "dimensions_cm" in row.cells:
        kilograms = row.parsed("weight_kg", Decimal, "a number of kilograms")
        sides = row.parsed(
            "dimensions_cm", three_sides, "three numbers of centimetres like 40x50x10"
        )
        if kilograms is not None:
            weight = row.built("weight_kg", Weight, value=kilograms)
        if sides is not None:
            width, length, height = sides
            dimensions = row.built(
                "dimensions_cm", Dimensions, width=width, length=length, height=height
            )
    if row.problems:
        return None
    return PlannedPackage(
        label=label,
        weight=weight,
        dimensions=dimensions,
        package_size_reference=row.cells.get("package_size"),
    )


def _same_measures(one: Mapping[str, str], other: Mapping[str, str]) -> bool:
    """Whether two rows give a parcel the same measures (``0.3`` is ``0.30``)."""
    return all(same(one.get(name, ""), other.get(name, "")) for name in _MEASURES)


def _measures_text(measures: Mapping[str, str]) -> str:
    return ", ".join(f"{name} {shown(value)}" for name, value in measures.items())


def _at_row(problem: Problem, line: int, columns: Mapping[str, str]) -> Problem:
    """*problem* of an allocation built from row *line*, at the row and its field's column.

    An allocation's fields are flat, so a problem's path is a field's name.
    """
    column = columns.get(problem.path)
    return attrs.evolve(problem, path=f"line {line}" + (f" column {column}" if column else ""))
