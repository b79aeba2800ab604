"""The search: which sources ship each line, exhaustive when small, a heuristic past it."""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from orderpack.errors import PlanningError
from orderpack.model.checks import Checks
from orderpack.model.measures import EXACT
from orderpack.model.order import Order, identifiers
from orderpack.packing import rules
from orderpack.planning._inputs import Location, Objective, Policy, Stock, StockLevel
from orderpack.planning._proposal import StockSource

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from orderpack.model.values import LatLong


@attrs.frozen
class _Candidate:
    """A source with the facts the objectives weigh."""

    source: StockSource
    location: Location
    distance: Decimal | None
    domestic: bool
    held: int


@attrs.frozen
class _Pool:
    """Units at a source that any of some lines may take.

    *stock* names the units themselves: a source's own, or, held for a restock, units on hand
    at the same location that an earlier source of it could ship too. Two pools that name
    the same stock share its units.
    """

    source: int
    lines: frozenset[int]
    quantity: int
    stock: int
    held: bool = False
    """Whether these are units on hand on an earlier day, held for this source's restock."""


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

    stock: list[int] = attrs.field(init=False)
    """The units each stock holds, by index: what the pools naming it share."""
    serving: dict[int, dict[int, list[int]]] = attrs.field(init=False)
    """Per line, per source holding it, the pools (by index) it may take from."""
    preferences: dict[int, tuple[object, ...]] = attrs.field(init=False)
    """How good each source is by the policy, on its own: the fill takes the best first."""
    unit_preferences: dict[int, tuple[object, ...]] = attrs.field(init=False)
    """The preferences by the objectives that weigh units alone (rank, distance, ...)."""

    def __attrs_post_init__(self) -> None:
        self.stock = [0] * (max((pool.stock for pool in self.pools), default=-1) + 1)
        for pool in self.pools:
            self.stock[pool.stock] = pool.quantity
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
        left = list(self.stock)
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
                whole = {
                    s for s in order if sum(left[self.pools[n].stock] for n in holding[s]) >= need
                }
                order.sort(key=lambda s: (s not in whole, s not in shipping, position[s]))
            taken: list[tuple[int, int]] = []
            for source in order:
                for n in holding[source]:
                    lot = self.pools[n].stock
                    if need and left[lot]:
                        take = min(need, left[lot])
                        left[lot] -= take
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
            min(self.need[line], sum(self.stock[self.pools[n].stock] for n in holding[source]))
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
    last_day = rules.latest_ship_day(order.required_delivery_date)  # S5
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
    stock_of: dict[tuple[str, date, frozenset[int]], int] = {}
    for index, (reference, day) in enumerate(sorted(raw)):
        location = located[reference]
        service = location.carrier_services[0] if location.carrier_services else None
        candidates.append(
            _Candidate(
                source=StockSource(location=reference, ship_day=day, carrier_service=service),
                location=location,
                distance=_distance(location, destination.lat_long),
                domestic=country is not None and (location.country or "").upper() == country,
                held=sum(raw[(reference, day)].values()),
            )
        )
        # A line takes from the pools that fewest other lines may take from first, so that
        # stock named by one line's own reference is not left while its SKU's is used up;
        # among those alike, the day's own units before units held for its restock.
        earlier = [d for r, d in raw if r == reference and d < day]
        days = [day, *(earlier if policy.hold_for_restock else [])]
        lots = [(lines, on, q) for on in days for lines, q in raw[(reference, on)].items()]
        lots.sort(
            key=lambda lot: (len(lot[0]), lot[1] != day, lot[1], sorted(keys[n] for n in lot[0]))
        )
        for served, on, q in lots:
            lot = stock_of.setdefault((reference, on, served), len(stock_of))
            pools.append(_Pool(source=index, lines=served, quantity=q, stock=lot, held=on != day))
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
