"""Propose a split: source each line from stock, box the units, and say why.

:func:`propose` takes an order (or what a ledger still has outstanding), the stock at each
shipping location and, optionally, a catalogue of boxes, and returns a :class:`Proposal`: a
:class:`~orderpack.Plan` that :func:`~orderpack.split_order` accepts, what cannot be sourced,
and an explanation a person can read.

>>> from datetime import date
>>> from orderpack import split_order
>>> from orderpack.demo import seed_order
>>> stock = Stock(
...     locations=[Location(reference="WH-A", ship_day=date(2026, 12, 1)),
...                Location(reference="WH-B", ship_day=date(2026, 12, 2))],
...     levels=[StockLevel(location="WH-A", sku="NECK-01", quantity=5),
...             StockLevel(location="WH-A", sku="BRAC-01", quantity=5),
...             StockLevel(location="WH-B", sku="COAT-01", quantity=2),
...             StockLevel(location="WH-B", sku="HAT-01", quantity=9)],
... )
>>> proposal = propose(seed_order(), stock)
>>> [(a.sku, a.origin, str(a.ship_day)) for a in proposal.plan.allocations]
[('NECK-01', 'WH-A', '2026-12-01'), ('BRAC-01', 'WH-A', '2026-12-01'),
 ('COAT-01', 'WH-B', '2026-12-02'), ('HAT-01', 'WH-B', '2026-12-02')]
>>> len(split_order(seed_order(), proposal.plan).consignments), proposal.short
(2, ())

**Policies.** Every proposal ships on time (no unit ships after the order's required
delivery date; split_order's rule S5) and sources as many units as the on-time stock allows.
Among the proposals that do, the policy's objectives choose, in order, each breaking the
ties of the one before (as Shopify's routing rules do); the last tie-break compares the
allocations themselves, so the same inputs always give the same plan, whatever the order of
the locations, stock levels or boxes. :data:`PRESETS` names the peers' usual policies.

**Optimality.** Up to :data:`EXACT_SOURCES` sources (a location's ship day, or a later day
when more stock arrives) and :data:`EXACT_LINES` lines, the search is exhaustive over which
sources ship: when the lines name distinct items, no plan sources more units, and none of
those does better by the policy's first objective. The later objectives break ties as the
fill meets them, in the policy's order of sources, and are not searched for their best.
Beyond the bound a heuristic fills each line from the sources in the policy's order, then
drops lightly used sources while that does not cost a unit; ``make bench`` measures its gap.

**Boxing.** With a catalogue, each consignment's units go into boxes first-fit by volume,
each unit in a box it fits in some rotation, no box over its maximum weight counting its tare
nor over its volume times the policy's fill factor; each box is then the smallest that holds
what it got. A unit too big or too heavy for every box is short, with the reason. Without a
catalogue, each consignment is one package, measured as its units stacked.
"""

from __future__ import annotations

import itertools
import math
import re
import typing
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Final, Generic, TypeVar

import attrs

from orderpack._checks import Checks, shown, to_tuple
from orderpack._csv import Row, read_table, same, three_sides
from orderpack._types import model_fields, type_checked
from orderpack.errors import ModelError, PlanningError, Problem
from orderpack.order import Order, identifiers
from orderpack.splitting import Allocation, Plan, PlannedPackage
from orderpack.values import EXACT, Dimensions, LatLong, Weight

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

__all__ = [
    "BOX_COLUMNS",
    "EXACT_LINES",
    "EXACT_SOURCES",
    "PRESETS",
    "STOCK_COLUMNS",
    "Box",
    "Catalogue",
    "LineChoice",
    "Location",
    "Objective",
    "PackageChoice",
    "Policy",
    "Proposal",
    "Sheet",
    "Shortfall",
    "Source",
    "Stock",
    "StockLevel",
    "Taken",
    "propose",
    "read_catalogue",
    "read_stock",
    "remaining",
]

T = TypeVar("T")

_COUNTRY: Final = re.compile(r"[A-Za-z]{2}")

EXACT_SOURCES: Final = 8
"""The most sources (location and ship day) the exhaustive search takes on."""
EXACT_LINES: Final = 12
"""The most order lines the exhaustive search takes on."""


# --- inputs ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, field_transformer=model_fields)
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

    @type_checked
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


@attrs.frozen(kw_only=True, field_transformer=model_fields)
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

    @type_checked
    def __attrs_post_init__(self) -> None:
        """Check the quantity and that the item is named."""
        checks = Checks()
        checks.quantity(self.quantity, "quantity", least=0)
        if not identifiers(self):
            checks.add("item_unidentified", "", "expected a reference, customer reference or sku")
        checks.raise_if_any()


@attrs.frozen(kw_only=True, field_transformer=model_fields)
class Stock:
    """The locations and what each holds.

    Attributes:
        locations: Each location once.
        levels: The stock levels, each at one of the locations.
    """

    locations: tuple[Location, ...] = attrs.field(converter=to_tuple)
    levels: tuple[StockLevel, ...] = attrs.field(converter=to_tuple)

    @type_checked
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


@attrs.frozen(kw_only=True, field_transformer=model_fields)
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

    @type_checked
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


@attrs.frozen(kw_only=True, field_transformer=model_fields)
class Catalogue:
    """The boxes a packer may use.

    Attributes:
        boxes: Each box, its reference once.
    """

    boxes: tuple[Box, ...] = attrs.field(converter=to_tuple)

    @type_checked
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


@attrs.frozen(kw_only=True, field_transformer=model_fields)
class Policy:
    """Objectives in order, and how full a box may be.

    Attributes:
        objectives: Each breaks the ties of the one before.
        fill_factor: The share of a box's volume its contents may take, above 0 and at most 1.
    """

    objectives: tuple[Objective, ...] = attrs.field(converter=to_tuple)
    fill_factor: Decimal = Decimal("0.9")

    @type_checked
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


# --- outputs --------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, field_transformer=model_fields)
class Source:
    """Where and when units ship: a location on one day."""

    location: str
    ship_day: date
    carrier_service: str | None = None


@attrs.frozen(kw_only=True, field_transformer=model_fields)
class Taken:
    """Units of a line from one source."""

    source: Source
    quantity: int


@attrs.frozen(kw_only=True, field_transformer=model_fields)
class LineChoice:
    """Where one order line ships from, and why.

    Attributes:
        line: The line's index in ``order.items``.
        path: The line's path in the order, ``packages[1].items[0]``.
        quantity: The units to plan (ordered, or outstanding).
        item: The line's SKU and description, to name it by.
        sources: The units from each source, best first.
        reason: Why, in words.
    """

    line: int
    path: str
    quantity: int
    item: str
    sources: tuple[Taken, ...] = attrs.field(converter=to_tuple)
    reason: str


@attrs.frozen(kw_only=True, field_transformer=model_fields)
class PackageChoice:
    """One planned package: its box and contents, and why that box.

    Attributes:
        label: The planned package's label.
        source: Where and when it ships.
        box: The box's package size reference; ``None`` without a catalogue.
        units: The units in it.
        weight: What it weighs, the box included.
        reason: Why, in words.
    """

    label: str
    source: Source
    box: str | None
    units: int
    weight: Weight
    reason: str


@attrs.frozen(kw_only=True, field_transformer=model_fields)
class Shortfall:
    """Units of a line the proposal cannot source, and why.

    Attributes:
        line: The line's index in ``order.items``.
        path: The line's path in the order.
        quantity: The units short.
        item: The line's SKU and description, to name it by.
        reason: Why, in words.
    """

    line: int
    path: str
    quantity: int
    item: str
    reason: str


@attrs.frozen(kw_only=True, field_transformer=model_fields)
class Proposal:
    """A plan proposed for an order, what it leaves short, and why.

    Attributes:
        plan: A plan :func:`~orderpack.split_order` accepts for the order.
        short: The units that cannot be sourced, by line.
        lines: Per line planned: where it ships from and why.
        packages: Per planned package: its box and why.
        policy: The policy the proposal follows.
        scores: What the plan scores by each of the policy's objectives, in words.
        exact: Whether the search was exhaustive (see the module's docs).
    """

    plan: Plan
    short: tuple[Shortfall, ...] = attrs.field(converter=to_tuple)
    lines: tuple[LineChoice, ...] = attrs.field(converter=to_tuple)
    packages: tuple[PackageChoice, ...] = attrs.field(converter=to_tuple)
    policy: Policy
    scores: tuple[str, ...] = attrs.field(converter=to_tuple)
    exact: bool

    def explain(self) -> str:
        """The explanation as text, a line per choice."""
        objectives = ", then ".join(o.value for o in self.policy.objectives) or "none"
        searched = "exhaustive search" if self.exact else "heuristic"
        out = [f"Policy: {objectives} ({searched})"]
        if self.scores:
            out.append(f"Scores: {'; '.join(self.scores)}")
        out += [f"- {c.path} {c.item}: {c.reason}" for c in self.lines]
        out += [f"- package {c.label}: {c.reason}" for c in self.packages]
        out += [f"- short {s.path} {s.item}: {s.quantity}, {s.reason}" for s in self.short]
        return "\n".join(out)


# --- the search -----------------------------------------------------------------------------


@attrs.frozen
class _Candidate:
    """A source with the facts the objectives weigh."""

    source: Source
    location: Location
    distance: Decimal | None
    domestic: bool
    held: int


@attrs.frozen
class _Pool:
    """Units at a source that any of some lines may take."""

    source: int
    lines: frozenset[int]
    quantity: int


Assignment = dict[int, list[tuple[int, int]]]
"""Per line, the units from each source (by index), in the order taken."""


@attrs.define
class _Search:
    """One planning problem: the lines, their needs, the sources and their pools."""

    order: Order
    policy: Policy
    lines: list[int]
    need: dict[int, int]
    candidates: list[_Candidate]
    pools: list[_Pool]
    keys: dict[int, tuple[str, str, str]]
    currencies: dict[int, str]
    """Each line's currency: a consignment ships one (rule S4)."""

    serving: dict[int, dict[int, list[int]]] = attrs.field(init=False)
    """Per line, per source holding it, the pools (by index) it may take from."""
    preferences: dict[int, tuple[object, ...]] = attrs.field(init=False)
    """How good each source is by the policy, on its own: the fill takes the best first."""
    unit_preferences: dict[int, tuple[object, ...]] = attrs.field(init=False)
    """The preferences by the objectives that weigh units alone (rank, distance, ...)."""

    def __attrs_post_init__(self) -> None:
        self.serving = {line: {} for line in self.lines}
        for n, pool in enumerate(self.pools):
            for line in pool.lines:
                self.serving[line].setdefault(pool.source, []).append(n)
        self.preferences = {s: self._preference(s) for s in range(len(self.candidates))}
        self.unit_preferences = {
            s: self._preference(s, sets=False) for s in range(len(self.candidates))
        }

    def fill(self, chosen: Sequence[int], *, consolidate: bool) -> Assignment:
        """Fill each line from the *chosen* sources, taken in the order given.

        Consolidating, a line goes first to a source already used that holds all of it,
        then to any that does, before it is split. A source ships the currency of the first
        line it ships, and no other (S4).
        """
        left = [pool.quantity for pool in self.pools]
        position = {source: n for n, source in enumerate(chosen)}
        shipping: dict[int, str] = {}  # the currency each source used ships
        assignment: Assignment = {}
        for line in self.lines:
            need = self.need[line]
            holding = self.serving[line]
            currency = self.currencies[line]
            order = sorted(
                (s for s in holding if s in position and shipping.get(s, currency) == currency),
                key=position.__getitem__,
            )
            if consolidate:
                whole = {s for s in order if sum(left[n] for n in holding[s]) >= need}
                order.sort(key=lambda s: (s not in whole, s not in shipping, position[s]))
            taken: list[tuple[int, int]] = []
            for source in order:
                for n in holding[source]:
                    if need and left[n]:
                        take = min(need, left[n])
                        left[n] -= take
                        need -= take
                        if taken and taken[-1][0] == source:
                            taken[-1] = (source, taken[-1][1] + take)
                        else:
                            taken.append((source, take))
            if taken:
                assignment[line] = taken
                shipping.update((source, currency) for source, _ in taken)
        return assignment

    def cost(self, assignment: Assignment) -> tuple[object, ...]:
        """The objectives' values, best lowest: units short first, the allocations last."""
        units: dict[int, int] = defaultdict(int)
        for taken in assignment.values():
            for source, quantity in taken:
                units[source] += quantity
        short = sum(self.need.values()) - sum(units.values())
        values: list[object] = [short]
        ranked = max((c.location.rank or 0 for c in self.candidates), default=0) + 1
        for objective in self.policy.objectives:
            if objective is Objective.FEWEST_CONSIGNMENTS:
                values.append(len(units))
            elif objective is Objective.FEWEST_SPLIT_LINES:
                values.append(sum(len(taken) > 1 for taken in assignment.values()))
            elif objective is Objective.RANKED:
                values.append(
                    sum(q * (self.candidates[s].location.rank or ranked) for s, q in units.items())
                )
            elif objective is Objective.NEAREST:
                unknown = sum(q for s, q in units.items() if self.candidates[s].distance is None)
                known = sum(
                    (
                        EXACT.multiply(self.candidates[s].distance or Decimal(0), q)
                        for s, q in units.items()
                    ),
                    Decimal(0),
                )
                values.append((unknown, known))
            elif objective is Objective.EARLIEST:
                values.append(
                    max((self.candidates[s].source.ship_day for s in units), default=date.min)
                )
            elif objective is Objective.DOMESTIC:
                values.append(sum(q for s, q in units.items() if not self.candidates[s].domestic))
            else:  # MOST_STOCK
                values.append(-sum(q * self.candidates[s].held for s, q in units.items()))
        values.append(
            tuple(
                sorted(
                    (self.keys[line], s, q) for line, taken in assignment.items() for s, q in taken
                )
            )
        )
        return tuple(values)

    def _preference(self, source: int, *, sets: bool = True) -> tuple[object, ...]:
        candidate = self.candidates[source]
        key: list[object] = []
        for objective in self.policy.objectives:
            if objective in {Objective.FEWEST_CONSIGNMENTS, Objective.FEWEST_SPLIT_LINES}:
                if sets:  # a source's worth to a set of sources is what it could supply
                    key.append(-self.coverage(source))
            elif objective is Objective.RANKED:
                key.append((candidate.location.rank is None, candidate.location.rank or 0))
            elif objective is Objective.NEAREST:
                key.append((candidate.distance is None, candidate.distance or Decimal(0)))
            elif objective is Objective.EARLIEST:
                key.append(candidate.source.ship_day)
            elif objective is Objective.DOMESTIC:
                key.append(not candidate.domestic)
            else:  # MOST_STOCK
                key.append(-candidate.held)
        return (*key, source)

    def coverage(self, source: int) -> int:
        """The units of the lines' needs this source could supply on its own."""
        return sum(
            min(self.need[line], sum(self.pools[n].quantity for n in holding[source]))
            for line, holding in self.serving.items()
            if source in holding
        )

    def best(self, subsets: Sequence[Sequence[int]], *, thorough: bool = True) -> Assignment:
        """The best filling of any of *subsets*: each in two orders, each two ways.

        The orders (one, if not *thorough*) are the policy's, where a source that could supply
        more comes first for the objectives that count sources, and the one by the objectives
        that weigh units alone (rank, distance, ...): once the sources are chosen, which ships
        what is theirs to say.
        """
        found: tuple[tuple[object, ...], Assignment] | None = None
        for chosen in subsets:
            orders = {tuple(sorted(chosen, key=self.preferences.__getitem__))}
            if thorough:
                orders.add(tuple(sorted(chosen, key=self.unit_preferences.__getitem__)))
            for ordered in sorted(orders):
                for consolidate in (False, True):
                    assignment = self.fill(ordered, consolidate=consolidate)
                    cost = self.cost(assignment)
                    if found is None or cost < found[0]:
                        found = (cost, assignment)
        return {} if found is None else found[1]

    def exhaustive(self) -> Assignment:
        """The best filling of every set of sources."""
        everything = range(len(self.candidates))
        return self.best(
            [
                list(c)
                for size in range(len(self.candidates) + 1)
                for c in itertools.combinations(everything, size)
            ]
        )

    def heuristic(self, attempts: int = 8) -> Assignment:
        """Fill from every source, then drop the least used while that costs nothing.

        At most *attempts* sources are tried for dropping, so the work stays a fixed number
        of fillings, each in proportion to lines times sources.
        """
        chosen = set(range(len(self.candidates)))
        assignment = self.best([sorted(chosen)])
        cost = self.cost(assignment)
        tries = 0
        improved = True
        while improved and tries < attempts:
            improved = False
            units: dict[int, int] = defaultdict(int)
            for taken in assignment.values():
                for source, quantity in taken:
                    units[source] += quantity
            for source in sorted(units, key=lambda s: (units[s], s))[: attempts - tries]:
                tries += 1
                fewer = self.best([sorted(chosen - {source})], thorough=False)
                if (fewer_cost := self.cost(fewer)) < cost:
                    chosen.discard(source)
                    assignment, cost, improved = fewer, fewer_cost, True
                    break
        final = self.best([sorted(chosen)])  # the sources settled: each order, each way
        return final if self.cost(final) < cost else assignment


# --- proposing ------------------------------------------------------------------------------


def propose(
    order: Order,
    stock: Stock,
    *,
    catalogue: Catalogue | None = None,
    policy: Policy = PRESETS["fewest-shipments"],
    outstanding: Sequence[int] | None = None,
    exact: bool | None = None,
) -> Proposal:
    """Propose a plan for *order* from *stock*, boxed from *catalogue*, by *policy*.

    Args:
        order: The order to plan.
        stock: The locations and the stock each holds.
        catalogue: The boxes to pack into; without one, each consignment is one package.
        policy: The objectives, in order; :data:`PRESETS` has the usual ones.
        outstanding: The units left to plan of each line, by line index, as
            ``OrderLedger.outstanding`` gives them (a re-plan after a cancellation or a short
            pick); every line's ordered quantity by default.
        exact: Search exhaustively (``True``) or by the heuristic (``False``); by default,
            exhaustively within :data:`EXACT_SOURCES` and :data:`EXACT_LINES`.

    Raises:
        PlanningError: If *outstanding* does not give one whole count per line, from zero to
            what the line ordered.
    """
    need = _needs(order, outstanding)
    search, unnamed, late = _search(order, stock, policy, need)
    small = len(search.candidates) <= EXACT_SOURCES and len(search.lines) <= EXACT_LINES
    exhaustive = small if exact is None else exact
    assignment = search.exhaustive() if exhaustive else search.heuristic()
    boxed = _Boxing(search, catalogue, policy)
    for source in sorted({s for taken in assignment.values() for s, _ in taken}):
        boxed.pack(
            source,
            [(line, q) for line, taken in assignment.items() for s, q in taken if s == source],
        )
    return Proposal(
        plan=Plan(allocations=boxed.allocations(), packages=[p for p, _ in boxed.packages]),
        short=_shortfalls(search, boxed, unnamed, late),
        lines=_choices(search, boxed),
        packages=[choice for _, choice in boxed.packages],
        policy=policy,
        scores=_scores(policy, search.cost(boxed.planned())),
        exact=exhaustive,
    )


def _scores(policy: Policy, cost: tuple[object, ...]) -> list[str]:
    """The sourcing's value by each objective, in words (the cost's middle values)."""
    words: list[str] = []
    for objective, value in zip(policy.objectives, cost[1:-1], strict=True):
        if objective is Objective.FEWEST_CONSIGNMENTS:
            words.append(f"{value} consignment{'' if value == 1 else 's'}")
        elif objective is Objective.FEWEST_SPLIT_LINES:
            words.append(f"{value} line{'' if value == 1 else 's'} split")
        elif objective is Objective.RANKED:
            words.append(f"{value} rank-units")
        elif objective is Objective.NEAREST:
            unknown, known = typing.cast("tuple[int, Decimal]", value)
            far = [f"{known} unit-km"] if known or not unknown else []
            if unknown:
                far.append(f"{unknown} unit{'' if unknown == 1 else 's'} from unknown distances")
            words.append(", ".join(far))
        elif objective is Objective.EARLIEST:
            words.append("nothing shipped" if value == date.min else f"all shipped by {value}")
        elif objective is Objective.DOMESTIC:
            words.append(f"{value} unit{'' if value == 1 else 's'} from abroad")
        else:  # MOST_STOCK
            words.append(f"{-typing.cast('int', value)} stock-units")
    return words


def _needs(order: Order, outstanding: Sequence[int] | None) -> dict[int, int]:
    """Units to plan per line index."""
    if outstanding is None:
        return {n: item.quantity for n, item in enumerate(order.items)}
    checks = Checks()
    if len(outstanding) != len(order.items):
        checks.add(
            "bad_value",
            "outstanding",
            f"expected a count for each of the order's {len(order.items)} lines, "
            f"got {len(outstanding)}",
        )
    for n, count in enumerate(outstanding):
        checks.quantity(count, f"outstanding[{n}]", least=0)
        ordered = order.items[n].quantity if n < len(order.items) else count
        if type(count) is int and count > ordered:
            checks.add(
                "over_allocated",
                f"outstanding[{n}]",
                f"expected at most the {ordered} ordered, got {count}",
            )
    if checks.problems:
        raise PlanningError(checks.problems)
    return dict(enumerate(outstanding))


def _search(
    order: Order, stock: Stock, policy: Policy, need: dict[int, int]
) -> tuple[_Search, list[int], dict[int, date]]:
    """The search for *order*, the lines no identifier names alone, and each line's late stock."""
    keys = {
        n: (item.reference or "", item.sku or "", item.item_reference_provided_by_customer or "")
        for n, item in enumerate(order.items)
    }
    unnamed = [n for n in need if need[n] and not isinstance(order.match(order.items[n]), int)]
    lines = sorted((n for n in need if need[n] and n not in unnamed), key=lambda n: (keys[n], n))
    latest = order.required_delivery_date
    last_day = None if latest is None else latest.date.date()
    located = {location.reference: location for location in stock.locations}
    destination = order.destination
    country = destination.country.iso_code.upper() if destination.country else None
    # Units at a source that the same lines may take are one pool, whatever levels they are on.
    raw: dict[tuple[str, date], dict[frozenset[int], int]] = defaultdict(lambda: defaultdict(int))
    late: dict[int, date] = {}
    for level, served in zip(stock.levels, _served(order, lines, stock.levels), strict=True):
        location = located[level.location]
        day = _ship_day(location, level)
        if not served or not level.quantity:
            continue
        if last_day is not None and day > last_day:
            for n in served:
                late[n] = min(late.get(n, day), day)
            continue
        raw[(location.reference, day)][served] += level.quantity
    candidates: list[_Candidate] = []
    pools: list[_Pool] = []
    for index, (reference, day) in enumerate(sorted(raw)):
        location = located[reference]
        service = location.carrier_services[0] if location.carrier_services else None
        candidates.append(
            _Candidate(
                source=Source(location=reference, ship_day=day, carrier_service=service),
                location=location,
                distance=_distance(location, destination.lat_long),
                domestic=country is not None and (location.country or "").upper() == country,
                held=sum(raw[(reference, day)].values()),
            )
        )
        # A line takes from the pools that fewest other lines may take from first, so that
        # stock named by one line's own reference is not left while its SKU's is used up.
        pools += [
            _Pool(source=index, lines=served, quantity=q)
            for served, q in sorted(
                raw[(reference, day)].items(),
                key=lambda pool: (len(pool[0]), sorted(keys[n] for n in pool[0])),
            )
        ]
    search = _Search(
        order=order,
        policy=policy,
        lines=lines,
        need=need,
        candidates=candidates,
        pools=pools,
        keys=keys,
        currencies={n: order.items[n].value.currency for n in lines},
    )
    return search, unnamed, late


def _served(
    order: Order, lines: Iterable[int], levels: Sequence[StockLevel]
) -> list[frozenset[int]]:
    """For each level, the lines among *lines* it may serve: those all its identifiers name."""
    named: dict[tuple[str, str], set[int]] = defaultdict(set)
    for n in lines:
        for pair in identifiers(order.items[n]):
            named[pair].add(n)
    return [
        frozenset.intersection(*(frozenset(named[pair]) for pair in identifiers(level)))
        for level in levels
    ]


def _ship_day(location: Location, level: StockLevel) -> date:
    """The day a level's units ship: the location's next, or the later day they arrive."""
    return max(location.ship_day, level.available_from or location.ship_day)


def _distance(location: Location, destination: LatLong | None) -> Decimal | None:
    """Kilometres from *location* to *destination*: given, or by the haversine formula.

    The great-circle distance on a sphere of 6,371 km, to the metre: a ranking of locations,
    not a measure anyone is billed by, so it is worked out in floating point.
    """
    if location.distance_km is not None:
        return location.distance_km
    if location.position is None or destination is None:
        return None
    lat1, lon1, lat2, lon2 = (
        math.radians(float(v))
        for v in (
            location.position.latitude,
            location.position.longitude,
            destination.latitude,
            destination.longitude,
        )
    )
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return Decimal(f"{2 * 6371 * math.asin(math.sqrt(min(1.0, a))):.3f}")


@attrs.frozen
class _Kind:
    """The units of one line from one source, each weighed and measured alike (kg, cm)."""

    line: int
    quantity: int
    kilograms: Decimal
    sides: tuple[Decimal, Decimal, Decimal]
    volume: Decimal


def _sides(dimensions: Dimensions) -> tuple[Decimal, Decimal, Decimal]:
    """Sides in centimetres, longest first."""
    a, b, c = sorted(dimensions.in_centimetres(), reverse=True)
    return a, b, c


def _fits(kind: _Kind, box: Box) -> bool:
    """Whether a unit of *kind* goes into *box* in some rotation (longest side first)."""
    return all(side <= inner for side, inner in zip(kind.sides, _sides(box.inner), strict=True))


@attrs.define
class _Open:
    """A box being filled: the units of each line in it, their weight and their volume."""

    box: Box
    counts: Counter[int] = attrs.field(factory=Counter)
    kilograms: Decimal = Decimal(0)
    volume: Decimal = Decimal(0)

    def add(self, kind: _Kind, units: int) -> None:
        self.counts[kind.line] += units
        self.kilograms = EXACT.add(self.kilograms, EXACT.multiply(kind.kilograms, units))
        self.volume = EXACT.add(self.volume, EXACT.multiply(kind.volume, units))


@attrs.define
class _Boxing:
    """The units of each source, in packages: boxes from a catalogue, or one stacked package.

    Boxing works a line at a time, not a unit at a time: the units of a line are alike, so
    first fit puts as many of them as a box takes into it at once. The work grows with lines
    and boxes, not with units.
    """

    search: _Search
    catalogue: Catalogue | None
    policy: Policy
    packages: list[tuple[PlannedPackage, PackageChoice]] = attrs.field(factory=list)
    contents: list[tuple[int, str, Counter[int]]] = attrs.field(factory=list)
    unboxed: dict[int, list[str]] = attrs.field(factory=lambda: defaultdict(list))
    numbered: dict[str, int] = attrs.field(factory=lambda: defaultdict(int))

    def pack(self, source: int, taken: list[tuple[int, int]]) -> None:
        """Put the units *taken* from *source* into packages."""
        items = self.search.order.items
        kinds = []
        for line, quantity in sorted(taken, key=lambda t: self.search.keys[t[0]]):
            sides = _sides(items[line].dimensions)
            volume = EXACT.multiply(EXACT.multiply(sides[0], sides[1]), sides[2])
            kilograms = items[line].weight.kilograms
            kinds.append(_Kind(line, quantity, kilograms, sides, volume))
        if self.catalogue is None:
            self._stacked(source, kinds)
        else:
            self._boxed(source, kinds, self.catalogue)

    def _label(self, source: int) -> str:
        location = self.search.candidates[source].source.location
        self.numbered[location] += 1
        return f"{location}#{self.numbered[location]}"

    def _stacked(self, source: int, kinds: list[_Kind]) -> None:
        """One package of every unit, measured as they stand stacked, largest face down."""
        length = max(k.sides[0] for k in kinds)
        width = max(k.sides[1] for k in kinds)
        height = Decimal(0)
        kilograms = Decimal(0)
        for kind in kinds:
            height = EXACT.add(height, EXACT.multiply(kind.sides[2], kind.quantity))
            kilograms = EXACT.add(kilograms, EXACT.multiply(kind.kilograms, kind.quantity))
        weight = Weight(value=kilograms)
        package = PlannedPackage(
            label=self._label(source),
            weight=weight,
            dimensions=Dimensions(width=width, length=length, height=height),
        )
        units = sum(kind.quantity for kind in kinds)
        reason = (
            f"one package for the consignment, no box catalogue given: {units} "
            f"unit{'' if units == 1 else 's'} stacked, {weight.value} kg"
        )
        counts = Counter({kind.line: kind.quantity for kind in kinds})
        self._add(source, package, box=None, counts=counts, weight=weight, reason=reason)

    def _boxed(self, source: int, kinds: list[_Kind], catalogue: Catalogue) -> None:
        """First fit by volume into the largest box a unit fits, then each box made smallest."""
        fill = self.policy.fill_factor
        cap = {box.reference: EXACT.multiply(box.volume, fill) for box in catalogue.boxes}
        boxes = sorted(
            catalogue.boxes, key=lambda b: (b.volume, b.max_weight.kilograms, b.reference)
        )

        def room(box: Box, kind: _Kind, kilograms: Decimal, volume: Decimal) -> int:
            """How many more units of *kind* a *box* holding *kilograms* and *volume* takes."""
            spare_kg = box.max_weight.kilograms - EXACT.add(kilograms, box.tare.kilograms)
            spare_volume = cap[box.reference] - volume
            if not _fits(kind, box) or spare_kg < 0 or spare_volume < 0:
                return 0
            by_weight = EXACT.divide_int(spare_kg, kind.kilograms) if kind.kilograms else None
            by_volume = EXACT.divide_int(spare_volume, kind.volume) if kind.volume else None
            limits = [int(n) for n in (by_weight, by_volume) if n is not None]
            return min([kind.quantity, *limits])

        opened: list[_Open] = []
        for kind in sorted(
            kinds, key=lambda k: (-k.volume, -k.kilograms, self.search.keys[k.line])
        ):
            fitting = [box for box in boxes if room(box, kind, Decimal(0), Decimal(0))]
            if not fitting:
                self.unboxed[kind.line].append(self._why_unboxed(kind, boxes, fill))
                continue
            left = kind.quantity
            for home in opened:
                units = min(left, room(home.box, kind, home.kilograms, home.volume))
                if units:
                    home.add(kind, units)
                    left -= units
            while left:
                home = _Open(box=fitting[-1])
                units = min(left, room(home.box, kind, Decimal(0), Decimal(0)))
                home.add(kind, units)
                opened.append(home)
                left -= units
        kinds_of = {kind.line: kind for kind in kinds}
        for home in opened:
            home.box = next(
                b
                for b in boxes
                if all(_fits(kinds_of[line], b) for line in home.counts)
                and EXACT.add(home.kilograms, b.tare.kilograms) <= b.max_weight.kilograms
                and home.volume <= cap[b.reference]
            )
            weight = Weight(value=EXACT.add(home.kilograms, home.box.tare.kilograms))
            package = PlannedPackage(
                label=self._label(source), weight=weight, package_size_reference=home.box.reference
            )
            units = sum(home.counts.values())
            share = EXACT.multiply(Decimal(100), home.volume) / home.box.volume
            reason = (
                f"{home.box.reference}, the smallest box that holds its {units} "
                f"unit{'' if units == 1 else 's'}: {weight.value} kg of "
                f"{home.box.max_weight.kilograms} kg, {share:.0f}% of its volume"
            )
            self._add(
                source,
                package,
                box=home.box.reference,
                counts=home.counts,
                weight=weight,
                reason=reason,
            )

    @staticmethod
    def _why_unboxed(kind: _Kind, boxes: Sequence[Box], fill: Decimal) -> str:
        fitting = [box for box in boxes if _fits(kind, box)]
        if not fitting:
            sides = " x ".join(str(s) for s in kind.sides)
            return f"fits no box in any rotation ({sides} Cm)"
        if all(
            EXACT.add(kind.kilograms, b.tare.kilograms) > b.max_weight.kilograms for b in fitting
        ):
            return f"too heavy for every box it fits in ({kind.kilograms} kg)"
        return (
            f"too large for every box it fits in, filled to at most {fill:%} of its volume "
            f"({kind.volume} cubic cm)"
        )

    def _add(
        self,
        source: int,
        package: PlannedPackage,
        *,
        box: str | None,
        counts: Counter[int],
        weight: Weight,
        reason: str,
    ) -> None:
        choice = PackageChoice(
            label=package.label,
            source=self.search.candidates[source].source,
            box=box,
            units=sum(counts.values()),
            weight=weight,
            reason=reason,
        )
        self.packages.append((package, choice))
        self.contents.append((source, package.label, counts))

    def planned(self) -> dict[int, list[tuple[int, int]]]:
        """Per line, the units boxed from each source."""
        found: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        for source, _, counted in self.contents:
            for line, quantity in counted.items():
                found[line][source] += quantity
        return {line: list(by_source.items()) for line, by_source in found.items()}

    def allocations(self) -> list[Allocation]:
        """One allocation per line and package, package by package."""
        items = self.search.order.items
        out: list[Allocation] = []
        for source, label, counted in self.contents:
            where = self.search.candidates[source].source
            for line in sorted(counted, key=lambda n: self.search.keys[n]):
                item = items[line]
                out.append(
                    Allocation(
                        reference=item.reference,
                        sku=item.sku,
                        item_reference_provided_by_customer=item.item_reference_provided_by_customer,
                        quantity=counted[line],
                        origin=where.location,
                        ship_day=where.ship_day,
                        carrier_service=where.carrier_service,
                        package=label,
                    )
                )
        return out


def _shortfalls(
    search: _Search, boxed: _Boxing, unnamed: list[int], late: dict[int, date]
) -> list[Shortfall]:
    """Per line not wholly planned, the units short and why."""
    planned = {line: sum(q for _, q in taken) for line, taken in boxed.planned().items()}
    shipping = {
        source: search.currencies[line] for source, _, counted in boxed.contents for line in counted
    }
    out: list[Shortfall] = []
    for line in sorted(search.need):
        missing = search.need[line] - planned.get(line, 0)
        if not missing:
            continue
        holders = search.serving.get(line, {})
        currency = search.currencies.get(line)
        if line in unnamed:
            reason = "no identifier names this line alone, so no allocation can (Q4)"
        elif boxed.unboxed.get(line):
            reason = boxed.unboxed[line][0]
        elif any(shipping.get(s, currency) != currency for s in holders):
            reason = (
                "some of its stock is where another currency's lines ship from, and a "
                "consignment holds one currency (S4)"
            )
        elif holders:
            reason = "not enough stock on time at any location"
        elif line in late:
            reason = f"its stock ships on {late[line]}, after the required delivery date"
        else:
            reason = "no location has it in stock"
        out.append(
            Shortfall(
                line=line,
                path=search.order.item_path(line),
                quantity=missing,
                item=_named(search.order, line),
                reason=reason,
            )
        )
    return out


def _choices(search: _Search, boxed: _Boxing) -> list[LineChoice]:
    """Per line planned, its sources (best by the policy first) and the others that hold it."""
    out: list[LineChoice] = []
    for line, taken in sorted(boxed.planned().items(), key=lambda t: t[0]):
        ranked = sorted(taken, key=lambda t: search.preferences[t[0]])
        others = sorted(
            set(search.serving[line]) - {s for s, _ in ranked}, key=search.preferences.__getitem__
        )
        reason = "; ".join(f"{q} from {_described(search.candidates[s])}" for s, q in ranked)
        if others:
            reason += "; also held at " + ", ".join(
                _described(search.candidates[s]) for s in others
            )
        else:
            reason += "; held nowhere else on time"
        out.append(
            LineChoice(
                line=line,
                path=search.order.item_path(line),
                quantity=search.need[line],
                item=_named(search.order, line),
                sources=[Taken(source=search.candidates[s].source, quantity=q) for s, q in ranked],
                reason=reason,
            )
        )
    return out


def _named(order: Order, line: int) -> str:
    item = order.items[line]
    return " ".join(filter(None, (item.sku, item.description))) or item.reference or "item"


def _described(candidate: _Candidate) -> str:
    facts = [f"ships {candidate.source.ship_day}"]
    if candidate.location.rank is not None:
        facts.append(f"rank {candidate.location.rank}")
    if candidate.distance is not None:
        facts.append(f"{candidate.distance} km")
    if candidate.source.carrier_service:
        facts.append(f"by {candidate.source.carrier_service}")
    return f"{candidate.source.location} ({', '.join(facts)})"


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


@attrs.frozen(kw_only=True)
class Sheet(Generic[T]):
    """What a CSV reader returns: the value, and the columns it did not know, as spelt."""

    value: T
    unknown: tuple[str, ...] = ()


def read_stock(data: str | bytes) -> Sheet[Stock]:
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
    return Sheet(value=stock, unknown=table.unknown)


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


def read_catalogue(data: str | bytes) -> Sheet[Catalogue]:
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
    return Sheet(value=Catalogue(boxes=boxes), unknown=table.unknown)


def remaining(order: Order, stock: Stock, plan: Plan) -> Stock:
    """The stock left once *plan*'s allocations of *order* are taken from *stock*.

    Each allocation takes from the levels at its origin that ship on its day and name its
    line, those naming the fewest of the order's lines first, as :func:`propose` does; a
    level taken to nothing stays, at 0. For planning a wave of orders one after another,
    each from what the ones before left.

    Args:
        order: The order *plan* allocates.
        stock: The stock before.
        plan: A plan of *order*, such as a proposal's.

    Raises:
        PlanningError: If the plan takes units the stock does not hold (``over_allocated``).
    """
    located = {location.reference: location for location in stock.locations}
    serves = _served(order, range(len(order.items)), stock.levels)
    days = [_ship_day(located[level.location], level) for level in stock.levels]
    left = [level.quantity for level in stock.levels]
    problems: list[Problem] = []
    for n, allocation in enumerate(plan.allocations):
        line = order.match(allocation)
        need = allocation.quantity
        takes = sorted(
            (
                k
                for k, level in enumerate(stock.levels)
                if level.location == allocation.origin
                and days[k] == allocation.ship_day
                and line in serves[k]
            ),
            key=lambda k: (len(serves[k]), k),
        )
        for k in takes:
            take = min(need, left[k])
            left[k] -= take
            need -= take
        if need:
            problems.append(
                Problem(
                    code="over_allocated",
                    path=f"allocations[{n}]",
                    message=f"{need} of its {allocation.quantity} units are not in stock at "
                    f"{shown(allocation.origin)} on {allocation.ship_day}",
                )
            )
    if problems:
        raise PlanningError(problems)
    levels = [attrs.evolve(level, quantity=q) for level, q in zip(stock.levels, left, strict=True)]
    return attrs.evolve(stock, levels=levels)
