"""CSV files as warehouse systems and spreadsheets write them, read row by row.

Shared by the readers of picks (:mod:`orderpack.picks`) and of stock and boxes
(:mod:`orderpack.planning`): the header matched whatever its case, spacing or punctuation, a
byte-order mark read past, every problem named at ``line N`` or ``line N column C`` (the
header is line 1), and what the csv module cannot read named rather than raised.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Final, TypeVar

import attrs

from orderpack.errors import ModelError, Problem, ValidationError
from orderpack.model.checks import shown

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Sequence

T = TypeVar("T")


def header_name(name: str) -> str:
    """A column's name as matched: lower case, punctuation and spaces as one underscore.

    ``Ship Date`` and ``ship-date`` are ``ship_date``; ``Weight (kg)`` is ``weight_kg``.
    """
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


@attrs.define
class Row:
    """One row's cells by column, and the problems found in them."""

    line: int
    cells: Mapping[str, str]
    problems: list[Problem] = attrs.field(factory=list)

    def add(self, code: str, column: str, message: str) -> None:
        """Note a problem at *column* of this row (the whole row, for ``""``)."""
        path = f"line {self.line}" + (f" column {column}" if column else "")
        self.problems.append(Problem(code=code, path=path, message=message))

    def empty(self, column: str, expected: str) -> None:
        """Note that *column* is empty where *expected* belongs."""
        self.add("empty_cell", column, f"expected {expected}, found nothing")

    def text(self, column: str, expected: str) -> str | None:
        """The cell of *column*, or ``None`` and a problem when it is empty."""
        value = self.cells.get(column, "")
        if not value:
            self.empty(column, expected)
            return None
        return value

    def parsed(self, column: str, convert: Callable[[str], T], expected: str) -> T | None:
        """The cell of *column* converted, or ``None`` and a problem when it is not one."""
        text = self.text(column, expected)
        if text is None:
            return None
        try:
            return convert(written_as_json(text))
        except (ValueError, ArithmeticError):
            self.add("bad_value", column, f"expected {expected}, got {shown(text)}")
            return None

    def optional(self, column: str, convert: Callable[[str], T], expected: str) -> T | None:
        """The cell of *column* converted, ``None`` when empty, a problem when not one."""
        return self.parsed(column, convert, expected) if self.cells.get(column) else None

    def built(self, column: str, build: Callable[..., T], **fields: object) -> T | None:
        """``build(**fields)``, made from the column's cell, or its problems at the column."""
        try:
            return build(**fields)
        except ModelError as error:
            where = f"line {self.line}" + (f" column {column}" if column else "")
            self.problems += [attrs.evolve(p, path=where) for p in error.problems]
            return None


@attrs.frozen
class Table:
    """A CSV read: where each known column is, its rows, and the columns it did not know."""

    columns: Mapping[str, int]
    rows: tuple[Row, ...]
    unknown: tuple[str, ...]


def read_table(
    data: str | bytes,
    *,
    known: Collection[str],
    required: Sequence[str],
    one_of: Sequence[str] = (),
    error: type[ValidationError],
) -> Table:
    """Read *data* as a CSV with the *known* columns, refusing a header without *required*.

    With *one_of*, the header must also have at least one of those columns. Blank rows are
    skipped; a row with cells past the header's last column has an ``invalid_csv`` problem.

    Raises:
        ValidationError: Of the class *error*, for text that is not UTF-8 or that the csv
            module cannot read (``invalid_csv``) and for the header's problems
            (``missing_column``, ``duplicate_column``).
    """
    reader = csv.reader(io.StringIO(_decoded(data, error), newline=""))
    try:
        header = next(reader, [])
        problems, columns, unknown = _columns(header, known, required, one_of)
        if problems:
            raise error(problems)
        rows = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue  # a blank row, as a spreadsheet leaves at the end
            row = Row(reader.line_num, {name: _cell(cells, n) for name, n in columns.items()})
            if any(cell.strip() for cell in cells[len(header) :]):
                row.add(
                    "invalid_csv",
                    "",
                    f"expected at most {len(header)} cells, as the header has, found {len(cells)}",
                )
            rows.append(row)
    except csv.Error as failure:
        path = f"line {reader.line_num}"
        raise error([Problem(code="invalid_csv", path=path, message=f"{failure}")]) from None
    return Table(columns=columns, rows=tuple(rows), unknown=unknown)


def written_as_json(text: str) -> str:
    """*text*, if its digits are as JSON writes them: ASCII, no ``_`` between them.

    Python's ``int`` and ``Decimal`` also read ``1_0`` as 10 and other scripts' digits
    (Arabic-Indic ones); a CSV cell or an option is held to the JSON reader's rule instead.

    Raises:
        ValueError: For any other text.
    """
    if text.isascii() and "_" not in text:
        return text
    raise ValueError(text)


_CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|[\ud800-\udfff]")
"""What no CSV text holds: control characters but tab and line ends, and lone surrogates (a
``str`` may hold one, which no file can)."""


def _decoded(data: str | bytes, error: type[ValidationError]) -> str:
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as failure:
            byte = failure.object[failure.start]
            message = f"expected UTF-8 text, found byte {byte:#04x} at offset {failure.start}"
            raise error([Problem(code="invalid_csv", path="", message=message)]) from None
    found = _CONTROL.search(data)
    if found is not None:
        line = data.count("\n", 0, found.start()) + 1
        message = (
            f"expected text, found U+{ord(found.group()):04X}: a control character, or half "
            "of a surrogate pair"
        )
        raise error([Problem(code="invalid_csv", path=f"line {line}", message=message)])
    return data.removeprefix("\ufeff")  # a spreadsheet's "CSV UTF-8" starts with one


def _columns(
    header: list[str], known: Collection[str], required: Sequence[str], one_of: Sequence[str]
) -> tuple[list[Problem], dict[str, int], tuple[str, ...]]:
    """The problems of the header, where each known column is, and the unknown columns."""
    columns: dict[str, int] = {}
    unknown: list[str] = []
    problems: list[Problem] = []
    for index, name in enumerate(header):
        matched = header_name(name)
        if matched not in known:
            unknown.append(name)
        elif matched in columns:
            problems.append(
                Problem(
                    code="duplicate_column",
                    path="line 1",
                    message=f"expected each column once, {shown(name)} is given twice",
                )
            )
        else:
            columns[matched] = index
    missing = [name for name in required if name not in columns]
    if one_of and not any(name in columns for name in one_of):
        missing.append(f"{one_of[0]} (or {', '.join(one_of[1:-1])} or {one_of[-1]})")
    if missing:
        found = ", ".join(shown(name) for name in header) or "none"
        problems.append(
            Problem(
                code="missing_column",
                path="line 1",
                message=f"expected the columns {', '.join(missing)}; found {found}",
            )
        )
    return problems, columns, tuple(unknown)


def three_sides(text: str) -> tuple[Decimal, Decimal, Decimal]:
    """Three sides written ``40x50x10`` (or ``40X50X10``), as Decimals."""
    width, length, height = (Decimal(side) for side in text.lower().split("x"))
    return width, length, height


def same(first: str, second: str) -> bool:
    """Whether two cells say the same: numbers (and ``40x50x10`` sides) by value, else text.

    ``1`` and ``1.0``, ``01`` and ``1``, ``40x50x10`` and ``40x50x10.0`` are the same.
    """
    if first == second:
        return True
    try:
        return [Decimal(part) for part in first.lower().split("x")] == [
            Decimal(part) for part in second.lower().split("x")
        ]
    except ArithmeticError:
        return first == second


def _cell(cells: list[str], index: int) -> str:
    return cells[index].strip() if index < len(cells) else ""
