"""Proposing a plan from stock, and the stock a plan leaves."""

from __future__ import annotations

import typing
from datetime import date
from typing import TYPE_CHECKING, Final

import attrs

from orderpack.errors import PlanningError, Problem
from orderpack.model.arguments import checked
from orderpack.model.checks import shown
from orderpack.packing.split import Plan
from orderpack.planning._boxing import _Boxing
from orderpack.planning._inputs import (
    EXACT_LINES,
    EXACT_SOURCES,
    PRESETS,
    Catalogue,
    Objective,
    Policy,
    Stock,
)
from orderpack.planning._proposal import LineChoice, Proposal, Shortfall, Taken
from orderpack.planning._searching import _Candidate, _needs, _Search, _search, _served, _ship_day

if TYPE_CHECKING:
    from collections.abc import Sequence
    from decimal import Decimal

    from orderpack.model.order import Order


@checked
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
    if policy.hold_for_restock:
        # Holding only adds ways to ship, but the fill takes sources in an order that held
        # units can change for the worse: the plan without holding is kept when better.
        plain, _, _ = _search(order, stock, attrs.evolve(policy, hold_for_restock=False), need)
        unheld = plain.exhaustive() if exhaustive else plain.heuristic()
        if plain.cost(unheld) < search.cost(assignment):
            search, assignment = plain, unheld
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
                item=_name_line(search.order, line),
                reason=reason,
            )
        )
    return out


ALSO_HELD: Final = 5
"""The most other sources a line's explanation names; the rest are counted."""


def _choices(search: _Search, boxed: _Boxing) -> list[LineChoice]:
    """Per line planned, its sources (best by the policy first) and the others that hold it."""
    out: list[LineChoice] = []
    for line, taken in sorted(boxed.planned().items(), key=lambda t: t[0]):
        ranked = sorted(taken, key=lambda t: search.preferences[t[0]])
        own = {  # sources whose own units serve the line, not only units held for them
            s
            for s, pools in search.serving[line].items()
            if any(not search.pools[n].held for n in pools)
        }
        others = sorted(own - {s for s, _ in ranked}, key=search.preferences.__getitem__)
        reason = "; ".join(
            f"{q} from {_describe_candidate(search.candidates[s])}" for s, q in ranked
        )
        if others:
            reason += "; also held at " + ", ".join(
                _describe_candidate(search.candidates[s]) for s in others[:ALSO_HELD]
            )
            if len(others) > ALSO_HELD:
                reason += f" and {len(others) - ALSO_HELD} more"
        else:
            reason += "; held nowhere else on time"
        out.append(
            LineChoice(
                line=line,
                path=search.order.item_path(line),
                quantity=search.need[line],
                item=_name_line(search.order, line),
                sources=[Taken(source=search.candidates[s].source, quantity=q) for s, q in ranked],
                reason=reason,
            )
        )
    return out


def _name_line(order: Order, line: int) -> str:
    item = order.items[line]
    return " ".join(filter(None, (item.sku, item.description))) or item.reference or "item"


def _describe_candidate(candidate: _Candidate) -> str:
    facts = [f"ships {candidate.source.ship_day}"]
    if candidate.location.rank is not None:
        facts.append(f"rank {candidate.location.rank}")
    if candidate.distance is not None:
        facts.append(f"{candidate.distance} km")
    if candidate.source.carrier_service:
        facts.append(f"by {candidate.source.carrier_service}")
    return f"{candidate.source.location} ({', '.join(facts)})"


@checked
def remaining(order: Order, stock: Stock, plan: Plan, *, hold_for_restock: bool = False) -> Stock:
    """The stock left once *plan*'s allocations of *order* are taken from *stock*.

    Each allocation takes from the levels at its origin that ship on its day and name its
    line, those naming the fewest of the order's lines first, as :func:`propose` does; with
    *hold_for_restock*, then, for what they lack, from the levels there that shipped earlier
    (units held for a restock, as :attr:`Policy.hold_for_restock` lets a plan ship them),
    the earliest first. A level taken to nothing stays, at 0. For planning a wave of orders
    one after another, each from what the ones before left.

    Args:
        order: The order *plan* allocates.
        stock: The stock before.
        plan: A plan of *order*, such as a proposal's.
        hold_for_restock: Whether units on hand may have shipped on a later day of their
            location, as the policy that made the plan allowed.

    Raises:
        PlanningError: If the plan takes units the stock does not hold (``over_allocated``).
    """
    located = {location.reference: location for location in stock.locations}
    serves = _served(order, range(len(order.items)), stock.levels)
    days = [_ship_day(located[level.location], level) for level in stock.levels]
    left = [level.quantity for level in stock.levels]
    lacking = [allocation.quantity for allocation in plan.allocations]
    for held in (False, True) if hold_for_restock else (False,):  # each day's own, then held
        for n, allocation in enumerate(plan.allocations):
            line = order.match(allocation)
            takes = sorted(
                (
                    k
                    for k, level in enumerate(stock.levels)
                    if level.location == allocation.origin
                    and (days[k] < allocation.ship_day if held else days[k] == allocation.ship_day)
                    and line in serves[k]
                ),
                key=lambda k: (days[k], len(serves[k]), k),
            )
            for k in takes:
                take = min(lacking[n], left[k])
                left[k] -= take
                lacking[n] -= take
    problems: list[Problem] = []
    for n, allocation in enumerate(plan.allocations):
        if need := lacking[n]:
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
