"""The rules of a valid split, each stated once.

:func:`~orderpack.split_order` checks a plan by these functions and
:func:`~orderpack.check_split` checks consignments by them, so the library has one definition
of a valid split. Each function takes what its rule is about, in the terms both callers have,
and returns the problem at the path the caller names, or ``None`` when the rule holds. The
rules' ids (S1 to S8) are those of the rules page.

A plan that keeps every rule is seen to keep them by one quicker pass over its allocations
(``splitting._proven``), which only ever says "valid" or "in doubt"; in doubt, these functions
judge the plan and name its problems. Properties hold the two readings to the same verdict on
valid plans and on every kind of broken one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import attrs

from orderpack.errors import Problem
from orderpack.model.checks import shown
from orderpack.model.values import Weight, calendar_day

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable
    from datetime import date

    from orderpack.model.values import Address, RequestedDeliveryDate


def describe_key(origin: str | Address | None, ship_day: date | None, service: str | None) -> str:
    """Name a consignment key for a message: its origin, ship day and carrier service."""
    if origin is None or isinstance(origin, str):
        where = f"origin {shown(origin)}"
    else:
        given = (
            origin.company_name,
            origin.address_line1,
            origin.town,
            origin.postcode,
            origin.country,
        )
        parts = [part if isinstance(part, str) else part.iso_code for part in given if part]
        named = ", ".join(parts) or "with no company, street, town or postcode"
        where = f"origin address {shown(named)}"
    return f"{where}, ship day {ship_day}, carrier service {shown(service)}"


class Balance(Protocol):
    """A line's balance, as :class:`~orderpack.LineBalance` gives it."""

    @property
    def path(self) -> str:
        """Where the line sits in the order."""

    @property
    def ordered(self) -> int:
        """Units ordered."""

    @property
    def packed(self) -> int:
        """Units packed."""


@attrs.frozen
class Limit:
    """A line's balance against a limit other than what was ordered (what is outstanding)."""

    path: str
    ordered: int
    packed: int


def over_packed(
    balance: Balance, *, code: str, path: str, packed_by: str, counted: str = "ordered"
) -> Problem | None:
    """S1: no order line is packed beyond what was ordered (or, re-planning, is outstanding).

    *packed_by* says who packed the units, e.g. ``"allocations [0, 3] allocate"``; *counted*
    names the limit.
    """
    if balance.packed <= balance.ordered:
        return None
    return Problem(
        code=code,
        path=path,
        message=f"order item {balance.path} has {balance.ordered} {counted} but {packed_by} "
        f"{balance.packed}; expected at most {balance.ordered}",
    )


def package_empty(count: int, *, code: str, path: str, message: str) -> Problem | None:
    """S2: every package of a split holds something; *count* is what it holds."""
    return None if count else Problem(code=code, path=path, message=message)


def package_underweight(
    declared: Weight | None, contents: Iterable[tuple[Weight, int]], *, named: str, path: str
) -> Problem | None:
    """S3: a package's declared weight is at least the weight of its items.

    *contents* gives each item's unit weight and quantity; the sum is exact, in kilograms.
    """
    if declared is None:
        return None
    items = Weight.total_of_lines(contents).kilograms
    if declared.kilograms >= items:
        return None
    return Problem(
        code="package_underweight",
        path=path,
        message=f"{named} is declared at {declared.value} {declared.unit.value} but its "
        f"items weigh {items} Kg; expected at least the weight of its items",
    )


def mixed_currencies(currencies: Collection[str], *, described: str, path: str) -> Problem | None:
    """S4: a consignment's items are priced in one currency."""
    if len(set(currencies)) <= 1:
        return None
    return Problem(
        code="mixed_currencies",
        path=path,
        message=f"the consignment for {described} mixes currencies {sorted(set(currencies))}; "
        "expected one",
    )


def ship_day_too_late(
    ship_day: date | None, required: RequestedDeliveryDate | None, *, path: str
) -> Problem | None:
    """S5 (C3): nothing ships after the order's required delivery date."""
    if ship_day is None or required is None:
        return None
    latest = calendar_day(required.date)
    if ship_day <= latest:
        return None
    return Problem(
        code="ship_day_after_required_delivery",
        path=path,
        message=f"ship day {ship_day} is after the required delivery date {latest}; "
        "expected it on or before (C3)",
    )
