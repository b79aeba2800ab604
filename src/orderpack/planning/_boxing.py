"""Boxing: each consignment's units into boxes from the catalogue."""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import attrs

from orderpack.model.measures import EXACT
from orderpack.model.values import Dimensions, Weight
from orderpack.packing.split import Allocation, PlannedPackage
from orderpack.planning._inputs import Box, Catalogue, Policy
from orderpack.planning._proposal import PackageChoice
from orderpack.planning._searching import _Search

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    _Room = Callable[[Box, "_UnitKind", Decimal, Decimal], int]
    """How many more units of a kind a box holding so many kilograms and so much volume takes."""


@attrs.frozen
class _UnitKind:
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


def _fits(kind: _UnitKind, box: Box) -> bool:
    """Whether a unit of *kind* goes into *box* in some rotation (longest side first)."""
    return all(side <= inner for side, inner in zip(kind.sides, _sides(box.inner), strict=True))


@attrs.define
class _OpenBox:
    """A box being filled: the units of each line in it, their weight and their volume."""

    box: Box
    counts: Counter[int] = attrs.field(factory=Counter)
    kilograms: Decimal = Decimal(0)
    volume: Decimal = Decimal(0)

    def add(self, kind: _UnitKind, units: int) -> None:
        self.counts[kind.line] += units
        self.kilograms = EXACT.add(self.kilograms, EXACT.multiply(kind.kilograms, units))
        self.volume = EXACT.add(self.volume, EXACT.multiply(kind.volume, units))


EXACT_UNITS: Final = 8
"""The most units of one source boxed by a search of every way to group them: the fewest
boxes, then the least volume of boxes. Beyond, boxing is first fit, line by line."""


@attrs.define
class _Boxing:
    """The units of each source, in packages: boxes from a catalogue, or one stacked package.

    Up to :data:`EXACT_UNITS` units, every way of grouping them is searched for the fewest
    boxes. Beyond, boxing works a line at a time, not a unit at a time: the units of a line
    are alike, so first fit puts as many of them as a box takes into it at once, and a new
    box is the one that takes most of them. The work grows with lines and boxes, not with
    units.
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
            kinds.append(_UnitKind(line, quantity, kilograms, sides, volume))
        if self.catalogue is None:
            self._stacked(source, kinds)
        else:
            self._boxed(source, kinds, self.catalogue)

    def _label(self, source: int) -> str:
        location = self.search.candidates[source].source.location
        self.numbered[location] += 1
        return f"{location}#{self.numbered[location]}"

    def _stacked(self, source: int, kinds: list[_UnitKind]) -> None:
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

    def _boxed(self, source: int, kinds: list[_UnitKind], catalogue: Catalogue) -> None:
        """The fewest boxes when few units, else first fit; then each box made smallest."""
        fill = self.policy.fill_factor
        cap = {box.reference: EXACT.multiply(box.volume, fill) for box in catalogue.boxes}
        boxes = sorted(
            catalogue.boxes, key=lambda b: (b.volume, b.max_weight.kilograms, b.reference)
        )

        def room(box: Box, kind: _UnitKind, kilograms: Decimal, volume: Decimal) -> int:
            """How many more units of *kind* a *box* holding *kilograms* and *volume* takes."""
            spare_kg = box.max_weight.kilograms - EXACT.add(kilograms, box.tare.kilograms)
            spare_volume = cap[box.reference] - volume
            if not _fits(kind, box) or spare_kg < 0 or spare_volume < 0:
                return 0
            by_weight = EXACT.divide_int(spare_kg, kind.kilograms) if kind.kilograms else None
            by_volume = EXACT.divide_int(spare_volume, kind.volume) if kind.volume else None
            limits = [int(n) for n in (by_weight, by_volume) if n is not None]
            return min([kind.quantity, *limits])

        ordered = sorted(kinds, key=lambda k: (-k.volume, -k.kilograms, self.search.keys[k.line]))
        boxable = []
        for kind in ordered:
            if any(room(box, kind, Decimal(0), Decimal(0)) for box in boxes):
                boxable.append(kind)
            else:
                self.unboxed[kind.line].append(self._why_unboxed(kind, boxes, fill))
        if sum(kind.quantity for kind in boxable) <= EXACT_UNITS:
            opened = _fewest_boxes(boxable, boxes, room)
        else:
            opened = _first_fit(boxable, boxes, room)
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
    def _why_unboxed(kind: _UnitKind, boxes: Sequence[Box], fill: Decimal) -> str:
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


def _first_fit(kinds: list[_UnitKind], boxes: list[Box], room: _Room) -> list[_OpenBox]:
    """Each line's units into the first open boxes with room, then into new boxes.

    A new box is the one that takes the most of the units left (by volume and by weight
    alike), the larger of those that take as many: the largest box by volume may be the one
    that carries least.
    """
    opened: list[_OpenBox] = []
    for kind in kinds:
        left = kind.quantity
        for home in opened:
            units = min(left, room(home.box, kind, home.kilograms, home.volume))
            if units:
                home.add(kind, units)
                left -= units
        while left:
            best = max(
                boxes,
                key=lambda box: (min(left, room(box, kind, Decimal(0), Decimal(0))), box.volume),
            )
            home = _OpenBox(box=best)
            units = min(left, room(home.box, kind, Decimal(0), Decimal(0)))
            home.add(kind, units)
            opened.append(home)
            left -= units
    return opened


def _fewest_boxes(kinds: list[_UnitKind], boxes: list[Box], room: _Room) -> list[_OpenBox]:
    """The units in the fewest boxes, then the least volume of boxes: every grouping searched."""
    search = _Grouping(
        units=[kind for kind in kinds for _ in range(kind.quantity)],
        boxes=boxes,
        room=room,
        kinds={kind.line: kind for kind in kinds},
    )
    search.place(0)
    opened = [_OpenBox(box=boxes[-1]) for _ in range(max(search.best, default=-1) + 1)]
    for unit, g in zip(search.units, search.best, strict=True):
        opened[g].add(unit, 1)
    return opened


@attrs.define
class _Grouping:
    """A search of every grouping of a few units into boxes, for the fewest and smallest.

    Units go one at a time into a group already open or a new one; a unit like the one before
    goes into the same group or a later one, so that each grouping is met once. A group is
    kept only while some box holds it, and a branch is left as soon as it needs more groups
    than the best grouping found.
    """

    units: list[_UnitKind]
    boxes: list[Box]
    room: _Room
    kinds: dict[int, _UnitKind]
    groups: list[_OpenBox] = attrs.field(factory=list)
    placed: list[int] = attrs.field(factory=list)
    best: list[int] = attrs.field(factory=list)
    score: tuple[int, Decimal] | None = None

    def holder(self, group: _OpenBox, kind: _UnitKind) -> Box | None:
        """The smallest box that holds *group* with one more unit of *kind*."""
        return next(
            (
                box
                for box in self.boxes
                if self.room(box, kind, group.kilograms, group.volume) >= 1
                and all(_fits(self.kinds[line], box) for line in group.counts)
            ),
            None,
        )

    def place(self, i: int) -> None:
        """Place unit *i* and those after it every way that can still beat the best.

        A new group is opened only while there are fewer than the best grouping's, so no
        branch ever holds more.
        """
        if i == len(self.units):
            score = (len(self.groups), sum((g.box.volume for g in self.groups), Decimal(0)))
            if self.score is None or score < self.score:
                self.score, self.best = score, list(self.placed)
            return
        kind = self.units[i]
        start = self.placed[-1] if i and self.units[i - 1] is kind else 0
        for g in range(start, len(self.groups)):
            self._into(g, i, kind)
        if self.score is None or len(self.groups) < self.score[0]:
            self.groups.append(_OpenBox(box=self.boxes[0]))
            self._into(len(self.groups) - 1, i, kind)
            self.groups.pop()

    def _into(self, g: int, i: int, kind: _UnitKind) -> None:
        """Unit *i*, of *kind*, into group *g* if a box holds them, and the rest placed after."""
        group = self.groups[g]
        box = self.holder(group, kind)
        if box is None:
            return
        before = (group.box, group.kilograms, group.volume)
        group.add(kind, 1)
        group.box = box
        self.placed.append(g)
        self.place(i + 1)
        self.placed.pop()
        group.counts[kind.line] -= 1
        if not group.counts[kind.line]:
            del group.counts[kind.line]
        group.box, group.kilograms, group.volume = before
