"""Collect every problem with a value before raising, so one error names them all."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Clamped, Context, Decimal, Rounded
from typing import TYPE_CHECKING, Any, Final

from orderpack.errors import ModelError, Problem, ValidationError

if TYPE_CHECKING:
    import attrs


def to_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """Freeze a collection field, so callers may pass a list.

    It takes ``Iterable[Any]`` because mypy's attrs plugin cannot bind a generic converter's
    type variable; each field's own annotation still types what is read back. Text, bytes, a
    mapping or anything that is not a collection is left as it is, for the class's type check
    to name.
    """
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        return values  # type: ignore[return-value]  # refused by the type check
    return tuple(values)


def to_optional_tuple(values: Iterable[Any] | None) -> tuple[Any, ...] | None:
    """Freeze a collection field whose ``None`` means "not given" (P9, section 6.4)."""
    return None if values is None else to_tuple(values)


_OPTIONAL_TEXT: Final = frozenset({"str|None", "None|str", "Optional[str]", "typing.Optional[str]"})
"""How an optional text field may be annotated, as text (PEP 563) without its spaces."""


def _is_optional_text(annotation: object) -> bool:
    # attrs types Attribute.type as a class, but under PEP 563 it is the annotation's text.
    if isinstance(annotation, str):
        return annotation.replace(" ", "") in _OPTIONAL_TEXT
    return annotation == str | None


def none_if_empty(value: str | None) -> str | None:
    """Read empty optional text as none: PRO sends ``""`` for an absent value."""
    return None if value == "" else value


def optional_text(_cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """Give every optional text field of a class the converter :func:`none_if_empty`.

    An attrs ``field_transformer``: one rule for empty optional text in every class, so ``""``
    and ``None`` are one value (one consignment key, one JSON document) wherever they appear.
    """
    return [
        field.evolve(converter=none_if_empty)
        if _is_optional_text(field.type) and field.converter is None
        else field
        for field in fields
    ]


LARGEST: Final = Decimal(2**96 - 1)
"""The largest measure or amount: .NET's ``decimal``, the type PRO holds numbers in."""

FINEST: Final = -28
"""The exponent of the finest measure or amount: 28 decimal places, as .NET's ``decimal``."""

_ZERO: Final = Decimal(0)
"""Zero, as a Decimal: compared with one without converting an int each time."""

LARGEST_QUANTITY: Final = 2**31 - 1
"""The largest quantity: .NET's ``int``, the type of PRO's ``Quantity``."""


def is_amount(value: object) -> bool:
    """Whether *value* is what :meth:`Checks.decimal` passes with its default minimum.

    That is a finite Decimal from 0 to :data:`LARGEST`, with at most 28 decimal places: the
    cheap test that valid values take; only a value that fails it is checked in full, to name
    its problem.
    """
    # Finite first: comparing a NaN would flag InvalidOperation in the caller's context.
    if not (isinstance(value, Decimal) and value.is_finite() and _ZERO <= value <= LARGEST):
        return False
    try:
        _PRO_DIGITS.plus(value)
    except (Rounded, Clamped):
        return False
    return True


_PRO_DIGITS: Final = Context(prec=-FINEST, Emax=-FINEST, Emin=-1, traps=[Rounded, Clamped])
"""A context that holds a value as it is exactly when it has at most 28 digits (28 always fit
PRO's 96 bits; a value with a 29th is checked in full) at exponents from -28 to 28.

Its tiniest exponent is ``Emin - prec + 1``, -28: a value with more digits, or finer, would
be rounded (``Rounded``), and a zero finer than -28 or coarser than 28 clamped (``Clamped``).
``is_amount`` asks it by ``plus``, which rounds and clamps as ``create_decimal`` does, in
under half its time, instead of reading the exponent and digits from ``as_tuple``, which
makes a named tuple of every digit (a property holds the two equal).
"""


def is_day(value: object) -> bool:
    """Whether *value* is a calendar date and not a datetime: what :meth:`Checks.day` passes."""
    return isinstance(value, date) and not isinstance(value, datetime)


def is_quantity(value: object) -> bool:
    """Whether *value* is an int of at least 1, the common case of :meth:`Checks.positive_int`."""
    return type(value) is int and 1 <= value <= LARGEST_QUANTITY


_LONG_INT: Final = 200
"""Bits past which a whole number is described rather than shown."""

SHOWN: Final = 60
"""How many characters of a value a message shows."""


def shown(value: object) -> str:
    r"""*value* as a message shows it: its repr (control characters escaped), cut short.

    At most :data:`SHOWN` characters, so a message never carries a whole document.

    >>> print(shown("x" * 100))
    'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... (102 characters)
    >>> shown("\x1b[2J")
    "'\\x1b[2J'"
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > _LONG_INT:
        # Its repr could be refused (more than 4,300 digits) and would be long anyway.
        return f"a whole number of about {int(value.bit_length() * 0.30103) + 1} digits"
    text = repr(value)  # escapes control characters and lone surrogates
    if len(text) <= SHOWN:
        return text
    return f"{text[: SHOWN - 2]}... ({len(text)} characters)"


_UNPRINTABLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""Control characters, line separators, bidirectional overrides and lone surrogates."""


def printable(text: object) -> str:
    r"""*text* safe to print: what would move the cursor, recolour or reorder it is escaped.

    Descriptions and references come from outside; a tree must not run an escape sequence.

    >>> printable("Coat \x1b[2J\u202e")
    'Coat \\x1b[2J\\u202e'
    """
    return _UNPRINTABLE.sub(lambda found: ascii(found.group())[1:-1], str(text))


class Checks:
    """A list of problems under construction.

    Model classes run their checks in ``__attrs_post_init__`` and call :meth:`raise_if_any`,
    so a constructor reports every problem of its own fields at once.
    """

    def __init__(self) -> None:
        """Start with no problems."""
        self.problems: list[Problem] = []

    def add(self, code: str, path: str, message: str) -> None:
        """Record one problem."""
        self.problems.append(Problem(code=code, path=path, message=message))

    def include(self, problem: Problem | None) -> None:
        """Record *problem*, if a rule found one."""
        if problem is not None:
            self.problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        """Record problems found elsewhere."""
        self.problems.extend(problems)

    def decimal(self, value: object, path: str, *, minimum: Decimal | None = Decimal(0)) -> None:
        """Check that *value* is a finite Decimal PRO can hold, at least *minimum* if given.

        PRO holds numbers as .NET ``decimal``: at most :data:`LARGEST` either way, and at most
        28 decimal places. Every value in that range sums and multiplies exactly.
        """
        if not isinstance(value, Decimal):
            self.add(
                "not_decimal",
                path,
                f"expected a Decimal, got {shown(value)} ({type(value).__name__}); "
                "measures and amounts are exact",
            )
        elif not value.is_finite():
            self.add("not_finite", path, f"expected a finite number, got {shown(value)}")
        elif minimum is not None and value < minimum:
            self.add("negative", path, f"expected a value >= {minimum}, got {shown(value)}")
        elif value.copy_abs() > LARGEST:
            self.add(
                "out_of_range",
                path,
                f"expected at most {LARGEST} either way (what PRO holds), got {shown(value)}",
            )
        else:
            self._held(value, path)

    def _held(self, value: Decimal, path: str) -> None:
        """Check that a finite *value* within :data:`LARGEST` has digits PRO can hold."""
        _, digits, exponent = value.as_tuple()
        if exponent < FINEST:  # type: ignore[operator]  # finite: an int
            self.add(
                "too_precise",
                path,
                f"expected at most {-FINEST} decimal places (what PRO holds), got {shown(value)}",
            )
        elif exponent > -FINEST:  # type: ignore[operator]  # only a zero gets here
            self.add("out_of_range", path, f"expected an exponent PRO holds, got {shown(value)}")
        elif int("".join(map(str, digits))) > LARGEST:
            self.add(
                "too_precise",
                path,
                "expected no more significant digits than PRO's 96 bits hold (at most "
                f"{LARGEST} without the point), got {shown(value)}",
            )

    def aware(self, value: datetime | None, path: str) -> None:
        """Check that *value*, when present, is a timezone-aware datetime."""
        if value is not None and value.utcoffset() is None:
            self.add(
                "naive_datetime",
                path,
                f"expected a timezone-aware datetime, got {shown(value)}; "
                "PRO's dates carry an offset and orderpack keeps it",
            )

    def day(self, value: object, path: str) -> None:
        """Check that *value* is a calendar day: a ``date``, not a ``datetime`` or text."""
        if not is_day(value):
            self.add(
                "not_date",
                path,
                f"expected a calendar day (a date, not a datetime), got {shown(value)} "
                f"({type(value).__name__}); a ship day has no time of day",
            )

    def pattern(
        self, value: str | None, path: str, regex: re.Pattern[str], expected: str, code: str
    ) -> None:
        """Check that *value*, when present, matches *regex* in full."""
        if value is not None and not regex.fullmatch(value):
            self.add(code, path, f"expected {expected}, got {shown(value)}")

    def positive_int(self, value: object, path: str) -> None:
        """Check that *value* is an int (not a bool) from 1 to :data:`LARGEST_QUANTITY`."""
        self.quantity(value, path, least=1)

    def quantity(self, value: object, path: str, *, least: int) -> None:
        """Check that *value* is an int (not a bool) from *least* to :data:`LARGEST_QUANTITY`."""
        if isinstance(value, bool) or not isinstance(value, int):
            self.add("not_int", path, f"expected a whole number, got {shown(value)}")
        elif value < least:
            self.add(
                "quantity_not_positive" if least else "negative",
                path,
                f"expected a quantity >= {least}, got {shown(value)}",
            )
        elif value > LARGEST_QUANTITY:
            self.add(
                "out_of_range",
                path,
                f"expected a quantity <= {LARGEST_QUANTITY} (what PRO holds), got {shown(value)}",
            )

    def unique(
        self, values: Iterable[object], field: str, *, path: str, code: str, what: str
    ) -> set[object]:
        """Check that no two of *values* share their *field*; return the values of it seen.

        A repeat is *code* at ``path[n].field``: "expected each *what* once, 'X' is given
        twice".
        """
        seen: set[object] = set()
        for n, value in enumerate(values):
            key = getattr(value, field)
            if key in seen:
                self.add(
                    code,
                    f"{path}[{n}].{field}",
                    f"expected each {what} once, {shown(key)} is given twice",
                )
            seen.add(key)
        return seen

    def raise_if_any(self, error: type[ValidationError] = ModelError) -> None:
        """Raise *error* with every problem recorded, if there is one."""
        if self.problems:
            raise error(self.problems)
