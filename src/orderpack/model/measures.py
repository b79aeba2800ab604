"""Measures and money: weights, dimensions and amounts, exact, with their units and sums.

Every measure and amount is a :class:`~decimal.Decimal`; a float is refused, because it cannot
hold ``0.1`` exactly. Units are converted in one place (:attr:`Weight.kilograms`,
:attr:`Dimensions.centimetres`), and money of different currencies never adds silently.
:mod:`orderpack.model.values` exports every public name of this module.
"""

from __future__ import annotations

import functools
import re
import typing
from decimal import (
    MAX_EMAX,
    MAX_PREC,
    MIN_EMIN,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
)
from enum import StrEnum
from typing import TYPE_CHECKING, Final, Self, TypeVar

from orderpack.errors import CurrencyMismatchError, ModelError, Problem
from orderpack.model.arguments import checked, each_item
from orderpack.model.checks import Checks, is_amount
from orderpack.model.classes import model
from orderpack.model.trusted import trusted

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

_Measure = TypeVar("_Measure", "Weight", "Money")


__all__ = [
    "EXACT",
    "DimensionUnit",
    "Dimensions",
    "Money",
    "Weight",
    "WeightUnit",
    "exact_sum",
    "money_of_lines",
    "weight_of_lines",
]


class WeightUnit(StrEnum):
    """Unit of a :class:`Weight`. PRO shows only ``Kg`` (Q9); the others are orderpack's."""

    KG = "Kg"
    G = "G"
    LB = "Lb"


class DimensionUnit(StrEnum):
    """Unit of :class:`Dimensions`. PRO shows only ``Cm``; its glossary names mm, m and inches."""

    MM = "Mm"
    CM = "Cm"
    M = "M"
    IN = "Inches"


EXACT: Final = Context(
    prec=MAX_PREC,
    Emax=MAX_EMAX,
    Emin=MIN_EMIN,
    traps=[Inexact, Overflow, InvalidOperation, DivisionByZero],
)
"""The context of every sum and product of measures and amounts: exact, or an error.

The default context keeps 28 digits and would round ``10 + 1E-27`` to ``10``. With the
largest precision and exponents Decimal has, adding and multiplying are exact (they never
divide), and any rounding that could still happen raises instead of passing unseen.
"""


def exact_sum(values: Iterable[Decimal], start: Decimal = Decimal(0)) -> Decimal:
    """Return *start* plus every one of *values*, exactly.

    >>> exact_sum([Decimal(10), Decimal("1E-27")])
    Decimal('10.000000000000000000000000001')
    """
    return functools.reduce(EXACT.add, values, start)


def _sum_of_products(values: list[Decimal], quantities: Sequence[int], *, whole: bool) -> Decimal:
    """The exact sum of each of *values* times its quantity, in C's loops.

    With *whole* (every quantity a model's checked int), where each quantity is 1 the sum of
    the values themselves: a finite Decimal times one is that Decimal, coefficient, exponent
    and sign (``-0 * 1`` is ``-0``, ``0E+5 * 1`` is ``0E+5``), and a plain one, as a product
    is. A caller's own quantities are multiplied as given.
    """
    if whole and quantities.count(1) == len(quantities):
        total = functools.reduce(EXACT.add, values)
        return Decimal(total) if len(values) == 1 else total
    return functools.reduce(EXACT.add, map(EXACT.multiply, values, quantities))


# The one place where units meet: exact factors to the base unit (international definitions).
_KILOGRAMS_PER = {
    WeightUnit.KG: Decimal(1),
    WeightUnit.G: Decimal("0.001"),
    WeightUnit.LB: Decimal("0.45359237"),
}
_CENTIMETRES_PER = {
    DimensionUnit.MM: Decimal("0.1"),
    DimensionUnit.CM: Decimal(1),
    DimensionUnit.M: Decimal(100),
    DimensionUnit.IN: Decimal("2.54"),
}


@model
class Weight:
    """A non-negative weight.

    Weights compare and add across units through :attr:`kilograms`, an exact conversion;
    a sum keeps the unit when both sides share it and is in kilograms otherwise.

    >>> Weight(value=Decimal("1"), unit=WeightUnit.LB).kilograms
    Decimal('0.45359237')
    >>> Weight(value=Decimal("500"), unit=WeightUnit.G) + Weight(value=Decimal("1"))
    Weight(value=Decimal('1.500'), unit=<WeightUnit.KG: 'Kg'>)
    """

    value: Decimal
    unit: WeightUnit = WeightUnit.KG

    def __attrs_post_init__(self) -> None:
        """Refuse floats, non-finite and negative values."""
        if not is_amount(self.value):
            checks = Checks()
            checks.decimal(self.value, "value")
            checks.raise_if_any()

    @property
    def kilograms(self) -> Decimal:
        """This weight in kilograms, exactly."""
        return EXACT.multiply(self.value, _KILOGRAMS_PER[self.unit])

    def __add__(self, other: Weight) -> Weight:
        """Add two weights exactly; see the class docstring for the unit of the result."""
        if self.unit is other.unit:
            return trusted(Weight, value=EXACT.add(self.value, other.value), unit=self.unit)
        return trusted(Weight, value=EXACT.add(self.kilograms, other.kilograms), unit=WeightUnit.KG)

    def __mul__(self, times: int) -> Weight:
        """Scale by a whole number exactly, as a quantity of identical units does."""
        return trusted(Weight, value=EXACT.multiply(self.value, times), unit=self.unit)

    @classmethod
    def zero(cls) -> Self:
        """The empty weight, a start value for sums.

        >>> sum([Weight(value=Decimal("0.2"))] * 3, Weight.zero())
        Weight(value=Decimal('0.6'), unit=<WeightUnit.KG: 'Kg'>)
        """
        return cls(value=Decimal(0))

    @classmethod
    @checked
    def total(cls, weights: Iterable[Weight]) -> Self:
        """The exact sum of *weights*, as adding them one by one gives it, built once.

        The unit is theirs when they share one, else kilograms; no weights weigh 0 Kg.

        >>> Weight.total([Weight(value=Decimal("500"), unit=WeightUnit.G)] * 3)
        Weight(value=Decimal('1500'), unit=<WeightUnit.G: 'G'>)
        >>> Weight.total([Weight(value=Decimal("500"), unit=WeightUnit.G), Weight.zero()])
        Weight(value=Decimal('0.500'), unit=<WeightUnit.KG: 'Kg'>)
        >>> Weight.total([])
        Weight(value=Decimal('0'), unit=<WeightUnit.KG: 'Kg'>)
        """
        every = _items(weights, Weight, "weights")
        if not every:
            return trusted(cls, value=Decimal(0), unit=WeightUnit.KG)
        value, unit = weight_of_lines(every, (1,) * len(every))
        return trusted(cls, value=value, unit=unit)

    @classmethod
    @checked
    def total_of_lines(cls, lines: Iterable[tuple[Weight, int]]) -> Self:
        """The exact sum of each unit weight times its quantity, without a weight per line.

        Equal, value and unit, to ``Weight.total(weight * quantity for weight, quantity in
        lines)``, with the same operations in the same order.

        >>> Weight.total_of_lines([(Weight(value=Decimal("0.25")), 3), (Weight.zero(), 2)])
        Weight(value=Decimal('0.75'), unit=<WeightUnit.KG: 'Kg'>)
        """
        weights, quantities = _lines(lines, Weight)
        if not weights:
            return trusted(cls, value=Decimal(0), unit=WeightUnit.KG)
        value, unit = weight_of_lines(weights, quantities)
        return trusted(cls, value=value, unit=unit)


def weight_of_lines(
    weights: Sequence[Weight], quantities: Sequence[int], *, whole: bool = False
) -> tuple[Decimal, WeightUnit]:
    """The value and unit of :meth:`Weight.total_of_lines` of one or more weights, by column.

    For a caller that holds the unit weights and the quantities apart, so that no pairs are
    made only to be taken apart again; *whole* says every quantity is a checked int.
    """
    unit = weights[0].unit
    values = [weight.value for weight in weights if weight.unit is unit]
    if len(values) == len(weights):  # one unit
        return _sum_of_products(values, quantities, whole=whole), unit
    products = map(EXACT.multiply, [weight.value for weight in weights], quantities)
    factors = [_KILOGRAMS_PER[weight.unit] for weight in weights]
    return exact_sum(map(EXACT.multiply, products, factors)), WeightUnit.KG


@model
class Dimensions:
    """The three sides of a parcel or an item, all non-negative, in one unit."""

    width: Decimal
    length: Decimal
    height: Decimal
    unit: DimensionUnit = DimensionUnit.CM

    def __attrs_post_init__(self) -> None:
        """Refuse floats, non-finite and negative sides."""
        if not (is_amount(self.width) and is_amount(self.length) and is_amount(self.height)):
            checks = Checks()
            for side in ("width", "length", "height"):
                checks.decimal(getattr(self, side), side)
            checks.raise_if_any()

    def in_centimetres(self) -> tuple[Decimal, Decimal, Decimal]:
        """Return (width, length, height) in centimetres, exactly.

        >>> Dimensions(width=Decimal(1), length=Decimal(2), height=Decimal(3),
        ...            unit=DimensionUnit.IN).in_centimetres()
        (Decimal('2.54'), Decimal('5.08'), Decimal('7.62'))
        """
        factor = _CENTIMETRES_PER[self.unit]
        return (
            EXACT.multiply(self.width, factor),
            EXACT.multiply(self.length, factor),
            EXACT.multiply(self.height, factor),
        )


_CURRENCY = re.compile(r"[A-Z]{3}")


def _is_code(value: object, pattern: re.Pattern[str]) -> bool:
    return isinstance(value, str) and pattern.fullmatch(value) is not None


@model
class Money:
    """A non-negative amount in one ISO 4217 currency.

    Amounts of different currencies never add:

    >>> Money(amount=Decimal(1), currency="GBP") + Money(amount=Decimal(1), currency="EUR")
    Traceback (most recent call last):
    ...
    orderpack.errors.CurrencyMismatchError: cannot add 'EUR' to 'GBP'
    """

    amount: Decimal
    currency: str

    def __attrs_post_init__(self) -> None:
        """Refuse floats, negative amounts and malformed currency codes."""
        if not (is_amount(self.amount) and _is_code(self.currency, _CURRENCY)):
            checks = Checks()
            checks.decimal(self.amount, "amount")
            checks.pattern(
                self.currency, "currency", _CURRENCY, "a three-letter ISO 4217 code", "bad_currency"
            )
            checks.raise_if_any()

    def __add__(self, other: Money) -> Money:
        """Add two amounts of the same currency."""
        if other.currency != self.currency:
            raise CurrencyMismatchError(f"cannot add {other.currency!r} to {self.currency!r}")
        return trusted(Money, amount=EXACT.add(self.amount, other.amount), currency=self.currency)

    def __mul__(self, times: int) -> Money:
        """Scale by a whole number exactly, as a quantity of identical units does."""
        return trusted(Money, amount=EXACT.multiply(self.amount, times), currency=self.currency)

    @classmethod
    @checked
    def total(cls, amounts: Iterable[Money]) -> Self:
        """The exact sum of one or more *amounts* of one currency, built once.

        >>> Money.total([Money(amount=Decimal("2.50"), currency="GBP")] * 2)
        Money(amount=Decimal('5.00'), currency='GBP')

        Raises:
            CurrencyMismatchError: If the amounts are in more than one currency.
            ModelError: ``empty_sum`` if there are none: an empty sum has no currency.
        """
        every = _items(amounts, Money, "amounts")
        if not every:
            raise _empty("amounts")
        amount, currency = money_of_lines(every, (1,) * len(every))
        return trusted(cls, amount=amount, currency=currency)

    @classmethod
    @checked
    def total_of_lines(cls, lines: Iterable[tuple[Money, int]]) -> Self:
        """The exact sum of each unit value times its quantity, without an amount per line.

        Equal to ``Money.total(value * quantity for value, quantity in lines)``, with the same
        operations in the same order, and refusing what it refuses.

        >>> Money.total_of_lines([(Money(amount=Decimal("2.50"), currency="GBP"), 2)])
        Money(amount=Decimal('5.00'), currency='GBP')

        Raises:
            CurrencyMismatchError: If the values are in more than one currency.
            ModelError: ``empty_sum`` if there are none: an empty sum has no currency.
        """
        values, quantities = _lines(lines, Money)
        if not values:
            raise _empty("lines")
        amount, currency = money_of_lines(values, quantities)
        return trusted(cls, amount=amount, currency=currency)


def _empty(name: str) -> ModelError:
    """The error of a sum of no money: ``empty_sum`` at the argument *name*."""
    message = "expected an amount: an empty sum has no currency"
    return ModelError([Problem(code="empty_sum", path=name, message=message)])


def _items(given: Iterable[object], kind: type[_Measure], name: str) -> tuple[_Measure, ...]:
    """*given*, each a *kind*: an iterator's items, which no argument check could look at.

    Raises:
        ModelError: ``wrong_type`` at ``name[n]`` for each item that is not.
    """
    every = each_item(given, lambda item: isinstance(item, kind), name, f"a {kind.__name__}")
    return typing.cast("tuple[_Measure, ...]", every)


def _lines(
    lines: Iterable[object], kind: type[_Measure]
) -> tuple[tuple[_Measure, ...], tuple[int, ...]]:
    """The measures and quantities of *lines*, each a pair of a *kind* and a whole number.

    Raises:
        ModelError: ``wrong_type`` at ``lines[n]`` for each line that is not.
    """

    def is_line(line: object) -> bool:
        return (
            type(line) is tuple
            and len(line) == 2  # noqa: PLR2004 - a pair
            and isinstance(line[0], kind)
            and type(line[1]) is int
        )

    every = each_item(lines, is_line, "lines", f"a pair of a {kind.__name__} and an int")
    if not every:
        return (), ()
    measures, quantities = zip(*typing.cast("tuple[tuple[_Measure, int], ...]", every), strict=True)
    return measures, quantities


def money_of_lines(
    values: Sequence[Money], quantities: Sequence[int], *, whole: bool = False
) -> tuple[Decimal, str]:
    """The amount and currency of :meth:`Money.total_of_lines` of one or more values, by column.

    *whole* says every quantity is a checked int, as :func:`weight_of_lines`.

    Raises:
        CurrencyMismatchError: If the values are in more than one currency.
    """
    currency = values[0].currency
    amounts = [value.amount for value in values if value.currency == currency]
    if len(amounts) < len(values):
        other = next(value.currency for value in values if value.currency != currency)
        raise CurrencyMismatchError(f"cannot add {other!r} to {currency!r}")
    return _sum_of_products(amounts, quantities, whole=whole), currency
