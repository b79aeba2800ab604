"""What a proposal gives: the plan, what is short, and the reason for each choice."""

from __future__ import annotations

from datetime import date

import attrs

from orderpack.model.checks import to_tuple
from orderpack.model.classes import model
from orderpack.model.values import Weight
from orderpack.packing.split import Plan
from orderpack.planning._inputs import Policy


@model
class StockSource:
    """Where and when units ship: a location on one day."""

    location: str
    ship_day: date
    carrier_service: str | None = None


@model
class Taken:
    """Units of a line from one source."""

    source: StockSource
    quantity: int


@model
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


@model
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
    source: StockSource
    box: str | None
    units: int
    weight: Weight
    reason: str


@model
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


@model
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
        if self.policy.hold_for_restock:
            objectives += ", holding units on hand for restocks"
        searched = "every set of sources tried" if self.exact else "heuristic"
        out = [f"Policy: {objectives} ({searched})"]
        if self.scores:
            out.append(f"Scores: {'; '.join(self.scores)}")
        out += [f"- {c.path} {c.item}: {c.reason}" for c in self.lines]
        out += [f"- package {c.label}: {c.reason}" for c in self.packages]
        out += [f"- short {s.path} {s.item}: {s.quantity}, {s.reason}" for s in self.short]
        return "\n".join(out)
