"""Collect every problem with a value before raising, so one error names them all."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from orderpack.errors import ModelError, Problem, ValidationError

if TYPE_CHECKING:
    import re
    from collections.abc import Iterable
    from datetime import datetime

    import attrs


def to_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """Freeze a collection field, so callers may pass a list.

    It takes ``Iterable[Any]`` because mypy's attrs plugin cannot bind a generic converter's
    type variable; each field's own annotation still types what is read back.
    """
    return tuple(values)


def to_optional_tuple(values: Iterable[Any] | None) -> tuple[Any, ...] | None:
    """Freeze a collection field whose ``None`` means "not given" (P9, section 6.4)."""
    return None if values is None else tuple(values)


_OPTIONAL_TEXT: Final = "str | None"
"""How an optional text field is annotated (annotations are strings under PEP 563)."""


def _is_optional_text(annotation: object) -> bool:
    # attrs types Attribute.type as a class, but under PEP 563 it is the annotation's text.
    return annotation == _OPTIONAL_TEXT


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


def is_amount(value: object) -> bool:
    """Whether *value* is a finite Decimal of at least 0: what :meth:`Checks.decimal` passes.

    The cheap test that valid values take; only a value that fails it is checked in full, to
    name its problem.
    """
    return isinstance(value, Decimal) and value.is_finite() and value >= 0


def is_day(value: object) -> bool:
    """Whether *value* is a calendar date and not a datetime: what :meth:`Checks.day` passes."""
    return type(value) is date


def is_quantity(value: object) -> bool:
    """Whether *value* is an int of at least 1, the common case of :meth:`Checks.positive_int`."""
    return type(value) is int and value >= 1


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
        """Check that *value* is a finite Decimal, at least *minimum* when one is given."""
        if not isinstance(value, Decimal):
            self.add(
                "not_decimal",
                path,
                f"expected a Decimal, got {value!r} ({type(value).__name__}); "
                "measures and amounts are exact",
            )
        elif not value.is_finite():
            self.add("not_finite", path, f"expected a finite number, got {value!r}")
        elif minimum is not None and value < minimum:
            self.add("negative", path, f"expected a value >= {minimum}, got {value!r}")

    def aware(self, value: datetime | None, path: str) -> None:
        """Check that *value*, when present, is a timezone-aware datetime."""
        if value is not None and value.utcoffset() is None:
            self.add(
                "naive_datetime",
                path,
                f"expected a timezone-aware datetime, got {value!r}; "
                "PRO's dates carry an offset and orderpack keeps it",
            )

    def day(self, value: object, path: str) -> None:
        """Check that *value* is a calendar day: a ``date``, not a ``datetime`` or text."""
        if not is_day(value):
            self.add(
                "not_date",
                path,
                f"expected a calendar day (a datetime.date), got {value!r} "
                f"({type(value).__name__}); a ship day has no time of day",
            )

    def pattern(
        self, value: str | None, path: str, regex: re.Pattern[str], expected: str, code: str
    ) -> None:
        """Check that *value*, when present, matches *regex* in full."""
        if value is not None and not regex.fullmatch(value):
            self.add(code, path, f"expected {expected}, got {value!r}")

    def positive_int(self, value: object, path: str) -> None:
        """Check that *value* is an int (not a bool) of at least 1."""
        if isinstance(value, bool) or not isinstance(value, int):
            self.add("not_int", path, f"expected a whole number, got {value!r}")
        elif value < 1:
            self.add("quantity_not_positive", path, f"expected a quantity >= 1, got {value!r}")

    def raise_if_any(self, error: type[ValidationError] = ModelError) -> None:
        """Raise *error* with every problem recorded, if there is one."""
        if self.problems:
            raise error(self.problems)
