"""The ledger's counts: per line, the references and fingerprints of live consignments.

Each is carried from one ledger to the next and shares what did not change: the line counts in
chunks of :data:`_CHUNK`, the references and fingerprints in persistent maps (:class:`_Map`).
Adding or removing a consignment costs time in proportion to it, not to the order or its history.
"""

from __future__ import annotations

import hashlib
import typing
from collections.abc import Hashable
from typing import TYPE_CHECKING, Final

import attrs

from orderpack.errors import Problem
from orderpack.model.arguments import checked
from orderpack.model.checks import Checks, shown
from orderpack.model.consignment import Consignment, ConsignmentState, Item, Package
from orderpack.model.order import CONSIGNMENT_REFERENCE, PACKAGE_REFERENCE, Order

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping, Sequence

    from orderpack.packing.pack import PackOrderRequest


_BOOKKEEPING: Final = frozenset(
    {"reference", "state", "return_for", "date_created", "earliest_delivery_date"}
    | {"latest_delivery_date", "packages", "carrier_allocation", "failed_carrier_allocation"}
)
"""What PRO or orderpack fills in about a consignment, rather than what it ships."""
_SHIPPED: Final = tuple(f.name for f in attrs.fields(Consignment) if f.name not in _BOOKKEEPING)
_PACKED: Final = tuple(
    f.name for f in attrs.fields(Package) if f.name not in {"reference", "items"}
)
_ITEM: Final = tuple(f.name for f in attrs.fields(Item) if f.name != "status")


def _content(consignment: Consignment) -> tuple[object, ...]:
    """What *consignment* ships: its fields but references, state, PRO's dates and statuses."""
    return (
        *(getattr(consignment, name) for name in _SHIPPED),
        tuple(
            (
                *(getattr(package, name) for name in _PACKED),
                tuple(tuple(getattr(item, name) for name in _ITEM) for item in package.items),
            )
            for package in consignment.packages
        ),
    )


class _Shipped:
    """What a consignment ships, as a key: hashed once, compared whole only on a match."""

    __slots__ = ("_hash", "content")

    def __init__(self, consignment: Consignment) -> None:
        self.content = _content(consignment)
        self._hash = hash(self.content)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Shipped) and self.content == other.content


@checked
def fingerprint(consignment: Consignment) -> str:
    """A stable fingerprint of what *consignment* ships, leaving out references and state.

    It leaves out what PRO or orderpack fills in (references, state, the return link, PRO's
    dates, item statuses) and digests the rest as written; the ledger finds repeats by the
    same fields compared by value.

    Two consignments packed by the same Pack Order request have the same fingerprint (P5).

    Args:
        consignment: The consignment whose shipped content to fingerprint.

    >>> from orderpack import split_order
    >>> from orderpack.demo import seed_order, seed_plan
    >>> first, second = split_order(seed_order(), seed_plan()).consignments
    >>> fingerprint(first) == fingerprint(attrs.evolve(first, reference="EC-000-000-0ZZ"))
    True
    >>> fingerprint(first) == fingerprint(second)
    False
    """
    return hashlib.sha256(repr(_content(consignment)).encode()).hexdigest()


def _is_live(consignment: Consignment, order: Order) -> bool:
    """Counted: not cancelled, not a return, and going the order's way (P10)."""
    return (
        consignment.state is not ConsignmentState.CANCELLED
        and consignment.return_for is None
        and consignment.direction is order.direction
    )


# --- the counts, carried forward -------------------------------------------------------------

_CHUNK: Final = 64
"""Lines per chunk of the packed counts: a change copies one chunk and the list of chunks."""


def _chunks(values: Sequence[int]) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(values[at : at + _CHUNK]) for at in range(0, len(values), _CHUNK))


def _changed(
    chunks: tuple[tuple[int, ...], ...], changes: Mapping[int, int]
) -> tuple[tuple[int, ...], ...]:
    """*chunks* with each line's count moved by *changes*, sharing the chunks left alone."""
    top = list(chunks)
    by_chunk: dict[int, list[int]] = {}
    for line, delta in changes.items():
        chunk = by_chunk.get(line // _CHUNK)
        if chunk is None:
            chunk = by_chunk[line // _CHUNK] = list(top[line // _CHUNK])
        chunk[line % _CHUNK] += delta
    for at, chunk in by_chunk.items():
        top[at] = tuple(chunk)
    return tuple(top)


_DELETED: Final = object()


class _Map:
    """A read-only map in buckets: a change copies the buckets it touches and their list.

    So a step of the ledger costs time in proportion to what it changes, not to how many
    consignments the ledger holds.
    """

    __slots__ = ("_buckets",)
    _WIDTH: Final = 64

    def __init__(self, buckets: tuple[dict[Hashable, object], ...] | None = None) -> None:
        self._buckets = buckets or tuple({} for _ in range(self._WIDTH))

    def get(self, key: Hashable) -> object:
        """The value of *key*, or ``None``."""
        return self._buckets[hash(key) % self._WIDTH].get(key)

    def values(self) -> Iterator[object]:
        """Every value, bucket by bucket."""
        for bucket in self._buckets:
            yield from bucket.values()

    def changed(self, changes: Mapping[Hashable, object]) -> _Map:
        """This map with *changes* made: a value set, or the key removed for ``_DELETED``."""
        if not changes:
            return self
        top = list(self._buckets)
        copied: dict[int, dict[Hashable, object]] = {}
        for key, value in changes.items():
            at = hash(key) % self._WIDTH
            bucket = copied.get(at)
            if bucket is None:
                bucket = copied[at] = dict(top[at])
            if value is _DELETED:
                del bucket[key]
            else:
                bucket[key] = value
        for at, bucket in copied.items():
            top[at] = bucket
        return _Map(tuple(top))


@attrs.frozen
class _Counts:
    """What a ledger knows of its consignments, built so one step changes little of it.

    ``packed`` holds each line's count in chunks; ``short``, ``over`` and ``touched`` count the
    lines with units outstanding, over-packed and packed at all. ``references`` maps the
    reference of each consignment to its place (a :class:`_Cancelled` one once cancelled, as
    its reference stays taken); ``prints`` maps
    what each live consignment ships (the content of its fingerprint) to the places of the live
    consignments that ship it. ``next_number`` is the ledger's next own reference number.
    """

    packed: tuple[tuple[int, ...], ...]
    short: int
    over: frozenset[int]
    touched: int
    references: _Map
    prints: _Map
    next_number: int

    def count(self, line: int) -> int:
        """The units of *line* packed in live consignments."""
        return self.packed[line // _CHUNK][line % _CHUNK]


@attrs.frozen
class _Cancelled:
    """Where a cancelled consignment sits: its reference stays taken (cancelled is final, C4)."""

    index: int


def _sequence_number(reference: str | None) -> int:
    """The number of a consignment or package reference, in base 36; 0 for anything else.

    ``EC-000-000-00A`` is 10.
    """
    if reference is None or not (
        CONSIGNMENT_REFERENCE.fullmatch(reference) or PACKAGE_REFERENCE.fullmatch(reference)
    ):
        return 0
    return int(reference[3:].replace("-", ""), 36)


def _add_consignments(
    order: Order,
    counts: _Counts,
    consignments: Sequence[Consignment],
    *,
    start: int,
    packed: Mapping[int, int] | None = None,
) -> tuple[_Counts, list[Problem]]:
    """*counts* with *consignments* added at index *start* on, and every problem found.

    *packed* gives the units the consignments pack per line when the caller already knows
    them (a split that made them from this order): their items are then not matched again.
    """
    added = _Added(counts=counts, changes={}, references={}, prints={}, matched=packed is None)
    checks = Checks()
    next_number = counts.next_number
    for c, consignment in enumerate(consignments, start=start):
        numbers = [consignment.reference, *(p.reference for p in consignment.packages)]
        next_number = max(next_number, *(_sequence_number(n) + 1 for n in numbers))
        checks.extend(added.add(order, consignment, c))
    if checks.problems:
        return counts, checks.problems
    moved = _recount(
        order,
        counts,
        added.changes if packed is None else packed,
        references=counts.references.changed(added.references),
        prints=counts.prints.changed(added.prints),
        next_number=next_number,
    )
    return moved, []


@attrs.define
class _Added:
    """What consignments being added change: line counts, references, fingerprints."""

    counts: _Counts
    changes: dict[int, int]
    references: dict[Hashable, object]
    prints: dict[Hashable, object]
    matched: bool = True
    """Whether items are matched to their lines here, or their counts are known already."""

    def add(self, order: Order, consignment: Consignment, c: int) -> list[Problem]:
        """Add *consignment*, at index *c*; the problems that refuse it, if any."""
        checks = Checks()
        at = f"consignments[{c}]"
        if consignment.order_reference not in (None, order.reference):
            checks.add(
                "order_reference_mismatch",
                f"{at}.order_reference",
                f"expected the order's reference {shown(order.reference)}, "
                f"got {shown(consignment.order_reference)}",
            )
        cancelled = consignment.state is ConsignmentState.CANCELLED
        checks.include(self._taken(consignment, c, cancelled=cancelled))
        if cancelled:
            return checks.problems
        if not _is_live(consignment, order):
            return checks.problems  # a return packs nothing (P10)
        for p, package in enumerate(consignment.packages if self.matched else ()):
            for i, item in enumerate(package.items):
                found = order.match(item)
                if isinstance(found, Problem):
                    checks.extend([found.within(f"{at}.packages[{p}].items[{i}]")])
                else:
                    self.changes[found] = self.changes.get(found, 0) + item.quantity
        mark = _Shipped(consignment)
        earlier_prints = self.prints.get(mark) or self.counts.prints.get(mark) or ()
        self.prints[mark] = (*typing.cast("tuple[int, ...]", earlier_prints), c)
        return checks.problems

    def _taken(self, consignment: Consignment, c: int, *, cancelled: bool) -> Problem | None:
        """Take *consignment*'s reference; the problem if another consignment holds it."""
        reference = consignment.reference
        if reference is None:
            return None
        earlier = self.references.get(reference)
        if earlier is None:
            earlier = self.counts.references.get(reference)
        if earlier is None:
            self.references[reference] = _Cancelled(c) if cancelled else c
            return None
        if isinstance(earlier, _Cancelled) or cancelled:
            return Problem(
                code="duplicate_reference",
                path=f"consignments[{c}].reference",
                message=f"consignments[{getattr(earlier, 'index', earlier)}] has reference "
                f"{shown(reference)} and one of the two is cancelled; cancelled is final (C4): "
                "expected no other consignment with it",
            )
        return Problem(
            code="duplicate_reference",
            path=f"consignments[{c}].reference",
            message=f"consignments[{earlier}] already has reference {shown(reference)} and is "
            "not cancelled; expected one such consignment per reference",
        )


def _remove_consignment(
    order: Order, counts: _Counts, consignment: Consignment, index: int
) -> _Counts:
    """*counts* without *consignment*, cancelled now, which sits at *index*."""
    references = (
        counts.references
        if consignment.reference is None
        else counts.references.changed({consignment.reference: _Cancelled(index)})
    )
    changes: dict[int, int] = {}
    prints = counts.prints
    if _is_live(consignment, order):
        for item in consignment.items:
            found = typing.cast("int", order.match(item))  # a live one's items all matched
            changes[found] = changes.get(found, 0) - item.quantity
        mark = _Shipped(consignment)
        marked = typing.cast("tuple[int, ...]", prints.get(mark))
        left = tuple(other for other in marked if other != index)
        prints = prints.changed({mark: left or _DELETED})
    return _recount(
        order, counts, changes, references=references, prints=prints, next_number=counts.next_number
    )


def _recount(
    order: Order,
    counts: _Counts,
    changes: Mapping[int, int],
    *,
    references: _Map,
    prints: _Map,
    next_number: int,
) -> _Counts:
    """*counts* with each line moved by *changes*, and its tallies kept."""
    short, touched, over = counts.short, counts.touched, set(counts.over)
    for line, delta in changes.items():
        ordered = order.items[line].quantity
        before = counts.count(line)
        after = before + delta
        short += (after < ordered) - (before < ordered)
        touched += (after > 0) - (before > 0)
        if after > ordered:
            over.add(line)
        else:
            over.discard(line)
    return _Counts(
        packed=_changed(counts.packed, changes),
        short=short,
        over=frozenset(over),
        touched=touched,
        references=references,
        prints=prints,
        next_number=next_number,
    )


def _over_packing(
    order: Order, request: PackOrderRequest, outstanding: Callable[[int], int]
) -> Checks:
    """``over_packed`` for each line *request* packs more of than is *outstanding* (strict)."""
    wanted: dict[int, int] = {}
    first_path: dict[int, str] = {}
    for p, package in enumerate(request.packages):
        for i, item in enumerate(package.items):
            found = order.match(item)
            if not isinstance(found, Problem):
                wanted[found] = wanted.get(found, 0) + item.quantity
                first_path.setdefault(found, f"packages[{p}].items[{i}]")
    checks = Checks()
    for line, units in sorted(wanted.items()):
        ordered = order.items[line].quantity
        left = outstanding(line)
        if units > left:
            checks.add(
                "over_packed",
                first_path[line],
                f"order item {order.item_path(line)} has {left} outstanding of "
                f"{ordered} ordered; the request packs {units} (strict)",
            )
    return checks


def _counted_problems(
    order: Order,
    counts: _Counts,
    reserved: dict[int, int],
    consignments: tuple[Consignment, ...],
) -> list[Problem]:
    """:meth:`OrderLedger.problems`: over-packed lines, *reserved* units included, and repeats."""
    checks = Checks()
    over = sorted(
        {*counts.over}
        | {
            line
            for line, units in reserved.items()
            if counts.count(line) + units > order.items[line].quantity
        }
    )
    for line in over:
        pending = reserved.get(line, 0)
        checks.add(
            "over_packed",
            f"lines[{line}]",
            f"order item {order.item_path(line)} has {order.items[line].quantity} "
            f"ordered but {counts.count(line)} packed in live consignments"
            + (f" and {pending} pending" if pending else ""),
        )
    marked = typing.cast("Iterator[tuple[int, ...]]", counts.prints.values())
    repeats = sorted((index, indices[0]) for indices in marked for index in indices[1:])
    for index, first in repeats:
        checks.add(
            "repeat_pack",
            "consignments",
            f"consignment {shown(consignments[index].reference)} ships the same as "
            f"{shown(consignments[first].reference)}: a repeated identical pack (P5)",
        )
    return checks.problems
