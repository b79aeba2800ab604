"""Split a whole order at once: a plan of allocations in, consignments and requests out.

A plan says, line by line, "n units of this order item ship from origin O on day D by carrier
service S in package P". :func:`split_order` checks the whole plan, listing every problem at
once, and returns one consignment per distinct (origin, ship day, carrier service), the Pack
Order requests that would make them in PRO, and what stays outstanding per order line.
:func:`check_split` states what a valid split is, for any consignments, however they were made.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Final

import attrs

from orderpack.errors import Problem, SplitError
from orderpack.model.arguments import checked
from orderpack.model.checks import Checks, is_day, is_quantity, shown, to_tuple
from orderpack.model.classes import model
from orderpack.model.consignment import Consignment, ConsignmentKey, Item
from orderpack.model.order import Order, check_measured, line_index
from orderpack.model.references import ReferenceSource, SequentialReferences
from orderpack.model.trusted import copier, trusted
from orderpack.model.values import Dimensions, Weight, calendar_day
from orderpack.packing import rules
from orderpack.packing.pack import (
    PackItem,
    PackOrderRequest,
    PackPackage,
    _Identified,
    build_consignments,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "Allocation",
    "LineBalance",
    "Plan",
    "PlannedPackage",
    "Split",
    "check_split",
    "split_order",
]


@model
class PlannedPackage:
    """A package a plan fills: its label, and its measures or a package size (P6)."""

    label: str
    weight: Weight | None = None
    dimensions: Dimensions | None = None
    package_size_reference: str | None = None

    def __attrs_post_init__(self) -> None:
        """Check the label and P6."""
        checks = Checks()
        if not self.label:
            checks.add("empty_label", "label", "expected a non-empty package label")
        check_measured(checks, self.weight, self.dimensions, self.package_size_reference)
        checks.raise_if_any()


@model
class Allocation(_Identified):
    """One plan line: units of an order item, with where, when, how and in what they ship.

    *quantity* units of the item ship from *origin* on *ship_day* by *carrier_service*, in
    the planned package labelled *package*.

    The item is named as in a Pack Order (P3): by reference, customer reference or SKU; all
    that are given must name the same order line (Q4). *origin* is a shipping location
    reference.
    """

    quantity: int
    origin: str
    ship_day: date
    package: str
    carrier_service: str | None = None

    def __attrs_post_init__(self) -> None:
        """Check P3, the quantity, the origin and that the ship day is a date."""
        if is_quantity(self.quantity) and self._named() and self.origin and is_day(self.ship_day):
            return
        checks = self._identifier_checks()
        checks.positive_int(self.quantity, "quantity")
        if not self.origin:
            checks.add("empty_origin", "origin", "expected a shipping location reference")
        checks.day(self.ship_day, "ship_day")
        checks.raise_if_any()

    @property
    def key(self) -> ConsignmentKey:
        """The consignment this allocation belongs to."""
        return ConsignmentKey(
            origin=self.origin, ship_day=self.ship_day, carrier_service=self.carrier_service
        )


@model
class Plan:
    """Allocations and the packages they fill; package labels are unique."""

    allocations: tuple[Allocation, ...] = attrs.field(converter=to_tuple)
    packages: tuple[PlannedPackage, ...] = attrs.field(converter=to_tuple)

    def __attrs_post_init__(self) -> None:
        """Check that no two packages share a label."""
        checks = Checks()
        checks.unique(
            self.packages, "label", path="packages", code="duplicate_package_label", what="label"
        )
        checks.raise_if_any()


@model
class LineBalance:
    """One order line's quantities: ordered, packed, pending, and so outstanding or over-packed.

    The line's identifiers and description come with it, so a report can name the item
    without looking the order up again. ``pending`` counts the units of Pack Orders sent to
    PRO and not yet answered (:meth:`~orderpack.OrderLedger.submit`); a split has none.

    Always ``ordered == packed + pending + outstanding - over_packed``. A split never
    over-packs; a ledger over many packs may.
    """

    line: int
    path: str
    ordered: int
    packed: int
    sku: str | None = None
    reference: str | None = None
    item_reference_provided_by_customer: str | None = None
    description: str | None = None
    pending: int = 0

    @property
    def outstanding(self) -> int:
        """Ordered but neither packed nor pending: a back-order or short pick."""
        return max(self.ordered - self.packed - self.pending, 0)

    @property
    def over_packed(self) -> int:
        """Packed, or pending, beyond what was ordered."""
        return max(self.packed + self.pending - self.ordered, 0)


@model
class Split:
    """The result of :func:`split_order`.

    ``consignments`` and ``requests`` pair up: packing ``requests[n]`` makes
    ``consignments[n]``. ``lines`` holds every order line's balance.
    """

    consignments: tuple[Consignment, ...]
    requests: tuple[PackOrderRequest, ...]
    lines: tuple[LineBalance, ...]

    @property
    def outstanding_lines(self) -> tuple[LineBalance, ...]:
        """The lines with units still to ship (each line's ``outstanding`` says how many)."""
        return tuple(line for line in self.lines if line.outstanding)


_PlanKey = tuple[str, date, str | None]
"""Origin, ship day and carrier service, as a plan gives them (a service may be missing)."""


def _plan_key(allocation: Allocation) -> _PlanKey:
    return (allocation.origin, allocation.ship_day, allocation.carrier_service)


def _plan_order(key: _PlanKey) -> tuple[str, date, str]:
    # By origin, day, then service; a missing carrier service sorts first.
    return (key[0], key[1], key[2] or "")


def _shipping_date(order: Order, day: date) -> datetime:
    """Return the shipping datetime for *day*, by an orderpack rule.

    That is the order's own shipping date if it falls on that day, else midnight in the
    order's offset (UTC when it has none).
    """
    if order.shipping_date is not None and calendar_day(order.shipping_date) == day:
        return order.shipping_date
    tz = UTC if order.shipping_date is None else order.shipping_date.tzinfo
    return datetime.combine(day, time(), tzinfo=tz)


@checked
def split_order(order: Order, plan: Plan, *, references: ReferenceSource | None = None) -> Split:
    """Split *order* as *plan* says.

    Consignments come sorted by (origin, ship day, carrier service); in each, packages are
    sorted by label and items by order line, and allocations of one line to one package are
    merged. So the result does not depend on the order of the plan's lines.

    Args:
        order: The order to split.
        plan: The allocations of the order's lines, and the packages they fill.
        references: The source of new references; by default a fresh ``SequentialReferences()``.

    >>> from orderpack.demo import seed_order, seed_plan
    >>> split = split_order(seed_order(), seed_plan())
    >>> [len(c.packages) for c in split.consignments]
    [1, 2]
    >>> [len(c.items) for c in split.consignments]
    [2, 2]

    Raises:
        SplitError: Listing every problem with the plan; nothing is returned.
    """
    return split_within(order, plan, references=references, outstanding=None)


def split_within(
    order: Order,
    plan: Plan,
    *,
    references: ReferenceSource | None,
    outstanding: Sequence[int] | None,
) -> Split:
    """Split *order* as *plan* says, allocating no line beyond *outstanding* (by line index).

    With no *outstanding*, a line may be allocated up to what was ordered: :func:`split_order`.
    A ledger passes what is still outstanding, to re-plan after a cancellation or a short pick.

    A plan is checked twice over only when it may be wrong: :func:`_prove` sees, in one pass,
    that every rule holds; when it cannot, :func:`_explain` runs the rules one by one and
    names every problem, or finds none and groups the plan itself.
    """
    if outstanding is not None and len(outstanding) != len(order.items):
        message = f"expected {len(order.items)} outstanding quantities, got {len(outstanding)}"
        raise ValueError(message)
    grouped = _prove(order, plan, outstanding)
    if grouped is None:
        grouped = _explain(order, plan, outstanding)
    contents, keys, packed = grouped
    if references is None:
        references = SequentialReferences()
    labels_of: dict[_PlanKey, list[str]] = defaultdict(list)
    for label, key in keys.items():
        labels_of[key].append(label)
    planned = {package.label: package for package in plan.packages}
    every = order.items
    consignments: list[Consignment] = []
    requests: list[PackOrderRequest] = []
    for key in sorted(labels_of, key=_plan_order):
        origin, ship_day, carrier_service = key
        labels = sorted(labels_of[key])
        lines_in = [sorted(contents[label].items()) for label in labels]
        request = PackOrderRequest(
            order_reference=order.reference,
            origin=origin,
            shipping_date=_shipping_date(order, ship_day),
            carrier_service=carrier_service,
            packages=[
                _pack_package_of(
                    planned[label],
                    tuple([_pack_item_of(every[line], quantity) for line, quantity in lines]),
                )
                for label, lines in zip(labels, lines_in, strict=True)
            ],
        )
        requests.append(request)
        consignments.append(build_consignments(order, request, lines_in, references).consignment)
    # Each part is checked or built from checked values, so the whole is not checked again.
    return trusted(
        Split,
        consignments=tuple(consignments),
        requests=tuple(requests),
        lines=line_balances(order, packed),
    )


_Grouped = tuple[dict[str, dict[int, int]], dict[str, _PlanKey], list[int]]
"""Units per order line in each package, by label; each package's consignment key; and the
units of each order line packed in all, by line index."""


_pack_item_of: Final = copier(PackItem, "quantity")
"""A pack item naming an order line by every identifier it has, so it names that line alone."""

_pack_package_of: Final = copier(PackPackage, "items")
"""A pack package with a planned package's measures (checked by it, as P6) and its items."""


def _prove(order: Order, plan: Plan, outstanding: Sequence[int] | None) -> _Grouped | None:
    """The plan grouped, if one pass over it sees every rule hold; ``None`` when in doubt.

    It is a quicker reading of the rules :func:`_explain` checks, for plans that keep them:
    each allocation names its line by identifiers that each name that line alone; each
    package is planned, used, and holds one consignment key; a consignment holds one
    currency; nothing ships after the required delivery date; no line is allocated beyond its
    limit; no declared package weight is below its items'. Anything else is left to
    :func:`_explain`, which names the problems (a test holds the two equal on every plan).
    """
    line_named = line_index(order).named
    items = order.items
    contents: dict[str, dict[int, int]] = {package.label: {} for package in plan.packages}
    priced: dict[str, tuple[str, date, str | None, str]] = {}  # a key and a currency
    packed = [0] * len(items)
    latest = rules.latest_ship_day(order.required_delivery_date)
    for allocation in plan.allocations:
        line = line_named(
            allocation.reference, allocation.item_reference_provided_by_customer, allocation.sku
        )
        held = contents.get(label := allocation.package)
        if line is None or held is None:
            return None
        key = (
            allocation.origin,
            allocation.ship_day,
            allocation.carrier_service,
            items[line].value.currency,
        )
        if priced.setdefault(label, key) != key:  # S6 and S4: one key and currency a package
            return None
        quantity = allocation.quantity
        packed[line] += quantity
        if line in held:  # a second allocation of the line to the package: merged
            held[line] += quantity
        else:
            held[line] = quantity
    limits = order.ordered_quantities if outstanding is None else outstanding
    if len(priced) < len(contents) or rules.exceeds(packed, limits):  # S2, S1
        return None
    keys: dict[str, _PlanKey] = {}
    currency_of: dict[_PlanKey, str] = {}
    for label, (origin, ship_day, carrier_service, currency) in priced.items():
        consignment = keys[label] = (origin, ship_day, carrier_service)
        if currency_of.setdefault(consignment, currency) != currency or (  # S4
            latest is not None and ship_day > latest  # S5, as every allocation to it says
        ):
            return None
    for package in plan.packages:
        if package.weight is not None and rules.package_underweight(
            package.weight,
            ((items[line].weight, quantity) for line, quantity in contents[package.label].items()),
            named="",
            path="",
        ):
            return None
    return contents, keys, packed


def _explain(order: Order, plan: Plan, outstanding: Sequence[int] | None) -> _Grouped:
    """The plan grouped, after checking it rule by rule.

    Raises:
        SplitError: Naming every problem with the plan.
    """
    matched = _match(order, plan)
    checks = Checks()
    checks.extend(matched.problems)
    checks.extend(_line_problems(_balances(order, plan, matched), matched, outstanding))
    checks.extend(_package_problems(order, plan, matched))
    checks.extend(_consignment_problems(order, plan, matched))
    checks.raise_if_any(SplitError)
    contents: dict[str, dict[int, int]] = {package.label: {} for package in plan.packages}
    keys: dict[str, _PlanKey] = {}
    packed = [0] * len(order.items)
    resolved = [line for line in matched.lines if line is not None]  # all, once checked
    for allocation, line in zip(plan.allocations, resolved, strict=True):
        held = contents[allocation.package]
        held[line] = held.get(line, 0) + allocation.quantity
        packed[line] += allocation.quantity
        keys[allocation.package] = _plan_key(allocation)
    return contents, keys, packed


@attrs.frozen(kw_only=True)
class _Matched:
    """Each allocation's order line (``None`` where it names none) and the problems found."""

    lines: tuple[int | None, ...]
    problems: tuple[Problem, ...]


def _match(order: Order, plan: Plan) -> _Matched:
    labels = {package.label for package in plan.packages}
    lines: list[int | None] = []
    checks = Checks()
    for a, allocation in enumerate(plan.allocations):
        found = order.match(allocation)
        if isinstance(found, Problem):
            checks.extend([found.within(f"allocations[{a}]")])
            lines.append(None)
        else:
            lines.append(found)
        if allocation.package not in labels:
            checks.add(
                "package_unknown",
                f"allocations[{a}].package",
                f"expected the label of a planned package, got {shown(allocation.package)}",
            )
    return _Matched(lines=tuple(lines), problems=tuple(checks.problems))


def _balances(order: Order, plan: Plan, matched: _Matched) -> tuple[LineBalance, ...]:
    packed = [0] * len(order.items)
    for allocation, line in zip(plan.allocations, matched.lines, strict=True):
        if line is not None:
            packed[line] += allocation.quantity
    return line_balances(order, packed)


_balance_of: Final = copier(LineBalance, "line", "path", "packed", "pending", ordered="quantity")


def line_balances(
    order: Order, packed: Sequence[int], pending: Sequence[int] | None = None
) -> tuple[LineBalance, ...]:
    """Each line of *order* with the quantity *packed* and *pending* of it, by line index."""
    lines = range(len(order.items))
    balance_of = _balance_of
    return tuple(
        [
            balance_of(item, line, path, count, held)
            for item, line, path, count, held in zip(
                order.items,
                lines,
                line_index(order).paths,
                packed,
                itertools.repeat(0) if pending is None else pending,
                strict=pending is not None,
            )
        ]
    )


def _describe_key(key: _PlanKey | ConsignmentKey) -> str:
    if isinstance(key, tuple):
        return rules.describe_key(*key)
    return rules.describe_key(key.origin_address or key.origin, key.ship_day, key.carrier_service)


def _line_problems(
    lines: Sequence[LineBalance], matched: _Matched, outstanding: Sequence[int] | None
) -> list[Problem]:
    checks = Checks()
    culprits: dict[int | None, list[int]] = defaultdict(list)
    for a, line in enumerate(matched.lines):
        culprits[line].append(a)
    for balance in lines:
        limit = (
            balance
            if outstanding is None
            else rules.Limit(
                path=balance.path, ordered=outstanding[balance.line], packed=balance.packed
            )
        )
        checks.include(
            rules.over_packed(
                limit,
                code="over_allocated",
                path="allocations",
                packed_by=f"allocations {culprits[balance.line]} allocate",
                counted="ordered" if outstanding is None else "outstanding",
            )
        )
    return checks.problems


def _package_problems(order: Order, plan: Plan, matched: _Matched) -> list[Problem]:
    checks = Checks()
    users: dict[str, list[int]] = defaultdict(list)
    for a, allocation in enumerate(plan.allocations):
        users[allocation.package].append(a)
    for p, package in enumerate(plan.packages):
        using = users[package.label]
        empty = rules.package_empty(
            len(using),
            code="package_empty",
            path=f"packages[{p}]",
            message=f"package {shown(package.label)} has no allocations; expected at least one "
            "item",
        )
        if empty is not None:
            checks.include(empty)
            continue
        keys = sorted({_plan_key(plan.allocations[a]) for a in using}, key=_plan_order)
        checks.include(
            rules.package_spans_keys(
                [_describe_key(k) for k in keys], label=shown(package.label), path=f"packages[{p}]"
            )
        )
        lines = [matched.lines[a] for a in using]
        if None in lines:
            continue
        underweight = rules.package_underweight(
            package.weight,
            (
                (order.items[line].weight, plan.allocations[a].quantity)
                for a, line in zip(using, lines, strict=True)
                if line is not None
            ),
            named=f"package {shown(package.label)}",
            path=f"packages[{p}].weight",
        )
        checks.include(underweight)
    return checks.problems


def _consignment_problems(order: Order, plan: Plan, matched: _Matched) -> list[Problem]:
    checks = Checks()
    currencies: dict[_PlanKey, list[str]] = defaultdict(list)
    for allocation, line in zip(plan.allocations, matched.lines, strict=True):
        if line is not None:
            currencies[_plan_key(allocation)].append(order.items[line].value.currency)
    for key in sorted(currencies, key=_plan_order):
        mixed = rules.mixed_currencies(
            currencies[key], described=_describe_key(key), path="allocations"
        )
        checks.include(mixed)
    for a, allocation in enumerate(plan.allocations):
        late = rules.ship_day_too_late(
            allocation.ship_day, order.required_delivery_date, path=f"allocations[{a}].ship_day"
        )
        checks.include(late)
    return checks.problems


@checked
def check_split(
    order: Order,
    consignments: Sequence[Consignment],
    *,
    lines: Sequence[LineBalance] | None = None,
) -> tuple[Problem, ...]:
    """Return every way *consignments* fail to be a valid split of *order*; empty if none.

    This is the same definition of a valid split that :func:`split_order` checks a plan by
    (the rules S1 to S8 of the rules page, each enforced by one function): every consignment
    belongs to the order (its reference, destination and direction); every package holds an
    item, each on the order with the order item's details, and weighs at least its items; a
    consignment's items share one currency and it ships no later than the order's required
    delivery date; no line is packed more than ordered; and no two consignments share a
    :class:`~orderpack.ConsignmentKey`. Each consignment holds one origin, ship day and
    carrier service and at least one package by construction. With *lines*, there is one
    balance per order line, each line's packed quantity matches and packed plus outstanding
    equals ordered: nothing lost, nothing duplicated.

    Args:
        order: The order the consignments are a split of.
        consignments: The consignments to check, however they were made.
        lines: Each order line's stated balance (a split's ``lines``); ``None`` skips these checks.

    >>> from orderpack.demo import seed_order, seed_plan
    >>> order = seed_order()
    >>> split = split_order(order, seed_plan())
    >>> check_split(order, split.consignments, lines=split.lines)
    ()
    >>> problems = check_split(order, split.consignments * 2)
    >>> [p.code for p in problems]
    ['over_packed', 'over_packed', 'over_packed', 'over_packed',
     'duplicate_consignment_key', 'duplicate_consignment_key']
    >>> print(problems[-1])
    duplicate_consignment_key at consignments[3]: consignments[1] already ships for
    origin 'WH-B', ship day 2026-12-01, carrier service 'DPD-NEXT-DAY'; expected one
    consignment per key
    """
    checks = Checks()
    packed = [0] * len(order.items)
    for c, consignment in enumerate(consignments):
        _check_consignment(checks, order, consignment, f"consignments[{c}]", packed)
    balances = line_balances(order, packed)
    for balance in balances:
        checks.include(
            rules.over_packed(
                balance,
                code="over_packed",
                path="consignments",
                packed_by="the consignments pack",
            )
        )
    if lines is not None:
        checks.extend(rules.balances_disagree(balances, lines))
    first: dict[ConsignmentKey, int] = {}
    for c, consignment in enumerate(consignments):
        key = consignment.key
        earlier = first.setdefault(key, c)
        checks.include(
            rules.key_repeated(earlier, c, described=_describe_key(key), path=f"consignments[{c}]")
        )
    return tuple(checks.problems)


def _check_consignment(
    checks: Checks, order: Order, consignment: Consignment, at: str, packed: list[int]
) -> None:
    """Check one consignment against *order* (S2 to S5, S7, S8), counting its items' lines."""
    checks.extend(rules.not_the_orders(order, consignment, at=at))
    currencies: list[str] = []
    for p, package in enumerate(consignment.packages):
        where = f"{at}.packages[{p}]"
        checks.include(
            rules.package_empty(
                len(package.items),
                code="package_without_items",
                path=f"{where}.items",
                message="expected an item",
            )
        )
        matched = [
            _check_item(checks, order, item, (where, i), packed)
            for i, item in enumerate(package.items)
        ]
        currencies.extend(item.value.currency for item in matched if item is not None)
        if None in matched:
            continue
        checks.include(
            rules.package_underweight(
                package.weight,
                ((item.weight, item.quantity) for item in package.items),
                named=f"package {package.reference or where}",
                path=f"{where}.weight",
            )
        )
    checks.include(
        rules.mixed_currencies(currencies, described=_describe_key(consignment.key), path=at)
    )
    if any(package.items for package in consignment.packages):  # what ships, as in a plan
        checks.include(
            rules.ship_day_too_late(
                consignment.ship_day, order.required_delivery_date, path=f"{at}.shipping_date"
            )
        )


def _check_item(
    checks: Checks, order: Order, item: Item, at: tuple[str, int], packed: list[int]
) -> Item | None:
    """Match *item* to its order line, count it there, and check it has the line's details.

    *at* is where its package is and its index there (its path is only made for a problem).
    Return the item if it names one order line, else ``None``.
    """
    found = line_index(order).match(item)
    if isinstance(found, Problem):
        checks.extend([found.within("{}.items[{}]".format(*at))])
        return None
    packed[found] += item.quantity
    if not rules.same_details(item, order.items[found]):
        checks.include(
            rules.details_differ(path="{}.items[{}]".format(*at), line=order.item_path(found))
        )
    return item
