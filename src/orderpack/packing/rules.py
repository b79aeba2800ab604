"""The rules of a valid split, S1 to S8, each stated once.

:func:`~orderpack.split_order` checks a plan by these functions and
:func:`~orderpack.check_split` checks consignments by them, so the library has one definition
of a valid split. Each function takes what its rule is about, in the terms both callers have,
and returns the problem at the path the caller names (or ``None``, or no problems, when the
rule holds). The rules' ids are those of the rules page.

A plan that keeps every rule is seen to keep them by one quicker pass over its allocations
(``split._prove``), which only ever says "valid" or "in doubt": it asks :func:`exceeds` (S1),
:func:`package_underweight` (S3) and :func:`latest_ship_day` (S5) here, and reads S4 and S6
as it groups the allocations, a package's key and currency at a time. In doubt, the functions
here judge the plan and name its problems. Properties hold the two readings to the same
verdict on valid plans and on every kind of broken one. The planner asks
:func:`latest_ship_day` too and searches only among sources that keep S4; its proposals are
proved by :func:`~orderpack.split_order`.
"""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING, Final, Protocol

import attrs

from orderpack.errors import Problem
from orderpack.model.checks import Checks, shown
from orderpack.model.generated import compile_function
from orderpack.model.order import OrderItem
from orderpack.model.values import Weight, calendar_day

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable, Sequence
    from datetime import date

    from orderpack.model.consignment import Consignment
    from orderpack.model.order import Order
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


def exceeds(packed: Sequence[int], limits: Sequence[int]) -> bool:
    """S1 at a glance: whether some line's packed units exceed its limit, line by line."""
    return any(map(operator.gt, packed, limits))


class Stated(Balance, Protocol):
    """A line's balance as a caller states it, naming its line by index."""

    @property
    def line(self) -> int:
        """The order line's index."""


def balances_disagree(balances: Sequence[Stated], stated: Sequence[Stated]) -> list[Problem]:
    """S1 with stated balances: one per order line, each agreeing with what was counted.

    *balances* are counted from the consignments, one per line in order; *stated* are the
    caller's (a split's ``lines``).
    """
    checks = Checks()
    claimed: dict[int, int] = {}
    for n, given in enumerate(stated):
        if not 0 <= given.line < len(balances):  # a LineBalance's line is an int
            checks.add(
                "line_not_on_order",
                f"lines[{n}].line",
                f"the order has lines 0 to {len(balances) - 1}; "
                f"expected a balance for one of them, got line {shown(given.line)}",
            )
            continue
        earlier = claimed.setdefault(given.line, n)
        if earlier != n:
            checks.add(
                "duplicate_line",
                f"lines[{n}]",
                f"lines[{earlier}] already gives the balance of order line {given.line}; "
                "expected one balance per line",
            )
    for balance in balances:
        at = claimed.get(balance.line)
        if at is None:
            checks.add(
                "quantity_not_conserved",
                "lines",
                f"order item {balance.path}: ordered {balance.ordered}, packed "
                f"{balance.packed} in the consignments, but no balance is given for line "
                f"{balance.line}",
            )
        elif ((given := stated[at]).path, given.ordered, given.packed) != (
            balance.path,
            balance.ordered,
            balance.packed,
        ):
            checks.add(
                "quantity_not_conserved",
                f"lines[{at}]",
                f"order item {balance.path}: ordered {balance.ordered}, packed "
                f"{balance.packed} in the consignments, but the balance says ordered "
                f"{given.ordered}, packed {given.packed} at {given.path}",
            )
    return checks.problems


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


def latest_ship_day(required: RequestedDeliveryDate | None) -> date | None:
    """S5: the last day anything may ship, the required delivery date's own calendar day."""
    return None if required is None else calendar_day(required.date)


def ship_day_too_late(
    ship_day: date | None, required: RequestedDeliveryDate | None, *, path: str
) -> Problem | None:
    """S5 (C3): nothing ships after the order's required delivery date."""
    latest = latest_ship_day(required)
    if ship_day is None or latest is None or ship_day <= latest:
        return None
    return Problem(
        code="ship_day_after_required_delivery",
        path=path,
        message=f"ship day {ship_day} is after the required delivery date {latest}; "
        "expected it on or before (C3)",
    )


def package_spans_keys(described: Sequence[str], *, label: str, path: str) -> Problem | None:
    """S6: a package ships under one consignment key; *described* names each key it holds."""
    if len(described) <= 1:
        return None
    return Problem(
        code="package_spans_consignments",
        path=path,
        message=f"package {label} holds allocations for "
        + "; ".join(described)
        + "; a parcel ships from one origin, on one day, by one carrier service",
    )


def key_repeated(earlier: int, index: int, *, described: str, path: str) -> Problem | None:
    """S6: one consignment per key; *earlier* is the first consignment's index with the key."""
    if earlier == index:
        return None
    return Problem(
        code="duplicate_consignment_key",
        path=path,
        message=f"consignments[{earlier}] already ships for {described}; "
        "expected one consignment per key",
    )


def not_the_orders(order: Order, consignment: Consignment, *, at: str) -> list[Problem]:
    """S7: the consignment is the order's, to its destination, in its direction."""
    return [
        Problem(
            code=f"{name}_mismatch",
            path=f"{at}.{name}",
            message=f"expected the order's {name} {shown(expected)}, got {shown(found)}",
        )
        for name, expected, found in (
            ("order_reference", order.reference, consignment.order_reference),
            ("destination", order.destination, consignment.destination),
            ("direction", order.direction.value, consignment.direction.value),
        )
        if found != expected
    ]


CARRIED: Final = tuple(a.name for a in attrs.fields(OrderItem) if a.name != "quantity")
"""What a consignment item takes from its order item: every field but the quantity (S8)."""


def agreeing(names: Sequence[str]) -> Callable[[object, object], bool]:
    """A function telling whether two values are equal in each of the attributes *names*.

    Generated, so that each attribute is read where the interpreter can learn where it lies
    (an ``operator.attrgetter`` looks every one up by name, and took three times as long).
    """
    ours = ", ".join(f"ours.{name}" for name in names)
    theirs = ", ".join(f"theirs.{name}" for name in names)
    source = f"def agree(ours, theirs):\n    return ({ours},) == ({theirs},)\n"
    return compile_function(f"agreement on {', '.join(names)}", source, {}, "agree")


same_details: Final = agreeing(CARRIED)
"""S8: whether a consignment item has its order item's details, all it takes from it."""


def details_differ(*, path: str, line: str) -> Problem:
    """S8 broken: the item at *path* lacks the details of the order line it names, *line*.

    Whether it has them is :data:`same_details`, asked first, so that a valid item costs no
    path made for a problem it does not have.
    """
    return Problem(
        code="item_details_differ",
        path=path,
        message=f"expected the details of order item {line}",
    )
