"""Track an order over many packs: packed, outstanding and over-packed quantities per line.

PRO lets an order be packed again and again (P5) and keeps no count of what is still to ship.
:class:`OrderLedger` keeps that count without changing PRO's rules: it is a value that folds an
order's consignments (new packs, PRO's answers, repeats, cancellations) into a
:class:`~orderpack.LineBalance` per order line and a derived :class:`OrderStatus`.
Over-packing and repeated packs are reported, not refused, unless the caller asks for a strict
pack; two live consignments never share a reference.

>>> from orderpack import PackItem, PackOrderRequest, PackPackage
>>> from orderpack.demo import seed_order
>>> ledger = OrderLedger.open(seed_order())
>>> coat = PackOrderRequest(packages=[PackPackage(
...     items=[PackItem(sku="COAT-01", quantity=1)], package_size_reference="LARGE-BOX")])
>>> ledger = ledger.pack(coat).ledger
>>> ledger.status.value, [line.outstanding for line in ledger.lines]
('PartiallyPacked', [1, 1, 0, 1])
>>> ledger = ledger.cancel("EC-000-000-001")
>>> ledger.status.value
'Unpacked'

Each step costs time in proportion to the consignment it adds or removes, not to the order or
its history: the counts, the references and the fingerprints of live consignments are carried
forward from one ledger to the next, sharing what did not change.
"""

from __future__ import annotations

import hashlib
import typing
from collections.abc import Hashable
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Final

import attrs

from orderpack.errors import LedgerError, PackError, Problem
from orderpack.model.checks import Checks, shown, to_tuple
from orderpack.model.classes import model
from orderpack.model.consignment import Consignment, ConsignmentState, Item, Package
from orderpack.model.order import CONSIGNMENT_REFERENCE, PACKAGE_REFERENCE, Order
from orderpack.model.references import SequentialReferences
from orderpack.model.trusted import trusted
from orderpack.packing.pack import PackOrderRequest, PackResult, pack_order
from orderpack.packing.split import LineBalance, Plan, Split, line_balances, split_within
from orderpack.tracking.lifecycle import Action, apply
from orderpack.tracking.responses import ConsignmentOperationResult, PackOrderResponse

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence

    from orderpack.model.references import ReferenceSource

__all__ = ["LedgerPack", "LedgerSplit", "OrderLedger", "OrderStatus", "fingerprint"]


class OrderStatus(StrEnum):
    """An order's packing status, derived from its ledger (PRO's orders have none, 8.3)."""

    UNPACKED = "Unpacked"
    PARTIALLY_PACKED = "PartiallyPacked"
    PACKED = "Packed"
    OVER_PACKED = "OverPacked"


_BOOKKEEPING: Final = frozenset(
    {"reference", "state", "return_for", "date_created", "earliest_delivery_date"}
    | {"latest_delivery_date", "packages"}
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
    reference of each consignment not cancelled (a return too) to its place; ``prints`` maps
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


def _sequence_number(reference: str | None) -> int:
    """The number of a consignment or package reference, in base 36; 0 for anything else.

    ``EC-000-000-00A`` is 10.
    """
    if reference is None or not (
        CONSIGNMENT_REFERENCE.fullmatch(reference) or PACKAGE_REFERENCE.fullmatch(reference)
    ):
        return 0
    return int(reference[3:].replace("-", ""), 36)


@model
class OrderLedger:
    """An order and every consignment made from it, with the count that follows.

    Build one with :meth:`open` (no consignments yet) or :meth:`rebuild` (from the
    consignments PRO holds for the order, section 6.8). Recording a pack, PRO's answer or a
    cancellation returns a new ledger. Consignment items are matched to order lines as
    :func:`~orderpack.pack_order` matches them (P4, Q4).

    A ledger refuses, with every problem named, a live consignment that holds an item not on
    the order, names another order, or has the reference of another live consignment.
    """

    order: Order
    consignments: tuple[Consignment, ...] = attrs.field(default=(), converter=to_tuple)
    _counts: _Counts = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Count every live consignment against the order's lines."""
        empty = _Counts(
            packed=_chunks([0] * len(self.order.items)),
            short=sum(1 for item in self.order.items if item.quantity > 0),
            over=frozenset(),
            touched=0,
            references=_Map(),
            prints=_Map(),
            next_number=1 + max(map(_sequence_number, self._references()), default=0),
        )
        counts, problems = _add_consignments(self.order, empty, self.consignments, start=0)
        if problems:
            raise LedgerError(problems)
        # attrs' way to set a derived field of a frozen class
        object.__setattr__(self, "_counts", counts)

    def _references(self) -> Iterator[str]:
        for consignment in self.consignments:
            if consignment.reference is not None:
                yield consignment.reference
            for package in consignment.packages:
                if package.reference is not None:
                    yield package.reference

    @classmethod
    def open(cls, order: Order) -> OrderLedger:
        """A ledger for *order* with nothing packed yet.

        Args:
            order: The order to track.
        """
        return cls(order=order)

    @classmethod
    def rebuild(cls, order: Order, consignments: Iterable[Consignment]) -> OrderLedger:
        """A ledger for *order* from every consignment made from it, cancelled ones included.

        Args:
            order: The order to track.
            consignments: Every consignment made from the order, as PRO holds them (6.8).

        Raises:
            LedgerError: If a live consignment holds an item not on the order, names another
                order, or has the reference of another live consignment.
        """
        return cls(order=order, consignments=tuple(consignments))

    @cached_property
    def lines(self) -> tuple[LineBalance, ...]:
        """Every order line's balance: ordered, packed in live consignments, and what follows."""
        return line_balances(
            self.order, [count for chunk in self._counts.packed for count in chunk]
        )

    @property
    def outstanding(self) -> tuple[int, ...]:
        """What is still to pack of each line, by line index."""
        return tuple(self._outstanding(line) for line in range(len(self.order.items)))

    def _outstanding(self, line: int) -> int:
        return max(self.order.items[line].quantity - self._counts.count(line), 0)

    @property
    def status(self) -> OrderStatus:
        """Unpacked, partially packed, packed or over-packed, from the lines' counts."""
        if self._counts.over:
            return OrderStatus.OVER_PACKED
        if not self._counts.short:
            return OrderStatus.PACKED
        if self._counts.touched:
            return OrderStatus.PARTIALLY_PACKED
        return OrderStatus.UNPACKED

    @property
    def live(self) -> tuple[Consignment, ...]:
        """The consignments that count: not cancelled, not returns."""
        return tuple(c for c in self.consignments if _is_live(c, self.order))

    def _with(self, consignments: tuple[Consignment, ...], counts: _Counts) -> OrderLedger:
        """The next ledger, its counts carried forward rather than counted again."""
        return trusted(OrderLedger, order=self.order, consignments=consignments, _counts=counts)

    def record(self, *consignments: Consignment) -> OrderLedger:
        """Return the ledger with *consignments* made from this order.

        Args:
            *consignments: The consignments to add, in order; cancelled ones and returns count
                nothing.

        Raises:
            LedgerError: If one holds an item not on the order, names another order, or has
                the reference of a live consignment.
        """
        counts, problems = _add_consignments(
            self.order, self._counts, consignments, start=len(self.consignments)
        )
        if problems:
            raise LedgerError(problems)
        return self._with((*self.consignments, *consignments), counts)

    def cancel(self, reference: str) -> OrderLedger:
        """Return the ledger with live consignment *reference* cancelled (C4).

        Its units are outstanding again.

        Args:
            reference: The reference of the consignment to cancel.

        Raises:
            LedgerError: If no consignment of the order has *reference*.
            LifecycleError: If the consignment's state does not allow cancelling (C4).
        """
        index = self._counts.references.get(reference)
        if not isinstance(index, int):
            for consignment in self.consignments:  # cancelled already: C4 says why not
                if consignment.reference == reference:
                    apply(consignment, Action.CANCEL)
            raise LedgerError(
                [
                    Problem(
                        code="consignment_unknown",
                        path="consignments",
                        message=f"no consignment of this order has reference {shown(reference)}",
                    )
                ]
            )
        consignment = self.consignments[index]
        made = apply(consignment, Action.CANCEL)
        counts = _remove_consignment(self.order, self._counts, consignment, index)
        return self._with(
            (*self.consignments[:index], made, *self.consignments[index + 1 :]), counts
        )

    def _source(self, references: ReferenceSource | None) -> ReferenceSource:
        """*references*, or the ledger's own: numbers after every reference it holds."""
        if references is not None:
            return references
        return SequentialReferences(start=self._counts.next_number)

    def pack(
        self,
        request: PackOrderRequest,
        *,
        references: ReferenceSource | None = None,
        strict: bool = False,
    ) -> LedgerPack:
        """Pack *request* with PRO's rules and record what it makes.

        Without *references*, the ledger numbers the new consignments and packages after
        every reference it holds, so they are distinct from them. Over-packing and a repeated
        identical pack are reported in the result's ``problems``, never refused, as PRO
        allows both (P5); with *strict*, a request that would pack more than is outstanding
        is refused before any consignment is made.

        Args:
            request: The Pack Order request to pack from the ledger's order.
            references: The source of new references; ``None`` numbers them after the ledger's.
            strict: Whether to refuse a request that packs more of a line than is outstanding.

        Raises:
            PackError: As :func:`~orderpack.pack_order` does; with *strict*, also
                ``over_packed`` for each line the request would over-pack.
            LedgerError: If a consignment made has the reference of a live one.
        """
        if strict:
            self._refuse_over_packing(request)
        result = pack_order(self.order, request, references=self._source(references))
        ledger = self.record(*result.consignments)
        return LedgerPack(ledger=ledger, result=result)

    def split(self, plan: Plan, *, references: ReferenceSource | None = None) -> LedgerSplit:
        """Split what is outstanding as *plan* says, and record the consignments it makes.

        The plan is checked as :func:`~orderpack.split_order` checks one, except that no line
        may be allocated beyond what is still outstanding: a re-plan after a cancellation or a
        short pick. The split's ``lines`` are the ledger's after it.

        Args:
            plan: The allocations of what is outstanding, and the packages they fill.
            references: The source of new references; ``None`` numbers them after the ledger's.

        Raises:
            SplitError: Listing every problem with the plan, over-allocations against what
                is outstanding among them; nothing is recorded.
            LedgerError: If a consignment made has the reference of a live one.
        """
        made = split_within(
            self.order, plan, references=self._source(references), outstanding=self.outstanding
        )
        ledger = self.record(*made.consignments)
        return LedgerSplit(ledger=ledger, split=attrs.evolve(made, lines=ledger.lines))

    def record_response(self, request: PackOrderRequest, response: PackOrderResponse) -> LedgerPack:
        """Record what PRO made for *request*, under the references its *response* gives.

        PRO answers a Pack Order with one result per consignment made: ``ConsignmentCreated``
        and, with GenerateReturn, ``ReturnConsignmentCreated``, each naming the new
        consignment in ``Data`` (or its ``Consignment`` link). The consignments are made from
        the request by PRO's rules, under those references. PRO's response names no package
        references; packages have none until a Get Consignment gives them.

        Args:
            request: The Pack Order request sent to PRO.
            response: PRO's answer to *request*, naming the consignments it made.

        Raises:
            LedgerError: If the response does not fit the request (another number of
                results, a result that is not a creation, a missing or malformed
                reference), or names the reference of a live consignment.
            PackError: As :func:`~orderpack.pack_order` does.
        """
        given = _ResponseReferences(_response_references(request, response))
        result = pack_order(self.order, request, references=given)
        ledger = self.record(*result.consignments)
        return LedgerPack(ledger=ledger, result=result)

    def _refuse_over_packing(self, request: PackOrderRequest) -> None:
        wanted: dict[int, int] = {}
        first_path: dict[int, str] = {}
        for p, package in enumerate(request.packages):
            for i, item in enumerate(package.items):
                found = self.order.match(item)
                if not isinstance(found, Problem):
                    wanted[found] = wanted.get(found, 0) + item.quantity
                    first_path.setdefault(found, f"packages[{p}].items[{i}]")
        checks = Checks()
        for line, units in sorted(wanted.items()):
            ordered = self.order.items[line].quantity
            outstanding = self._outstanding(line)
            if units > outstanding:
                checks.add(
                    "over_packed",
                    first_path[line],
                    f"order item {self.order.item_path(line)} has {outstanding} outstanding of "
                    f"{ordered} ordered; the request packs {units} (strict)",
                )
        checks.raise_if_any(PackError)

    def problems(self) -> tuple[Problem, ...]:
        """Report over-packed lines and repeated packs; PRO allows both, so nothing raises."""
        checks = Checks()
        for line in sorted(self._counts.over):
            checks.add(
                "over_packed",
                f"lines[{line}]",
                f"order item {self.order.item_path(line)} has {self.order.items[line].quantity} "
                f"ordered but {self._counts.count(line)} packed in live consignments",
            )
        marked = typing.cast("Iterator[tuple[int, ...]]", self._counts.prints.values())
        repeats = sorted((index, indices[0]) for indices in marked for index in indices[1:])
        for index, first in repeats:
            checks.add(
                "repeat_pack",
                "consignments",
                f"consignment {shown(self.consignments[index].reference)} ships the same as "
                f"{shown(self.consignments[first].reference)}: a repeated identical pack (P5)",
            )
        return tuple(checks.problems)


def _add_consignments(
    order: Order, counts: _Counts, consignments: Sequence[Consignment], *, start: int
) -> tuple[_Counts, list[Problem]]:
    """*counts* with *consignments* added at index *start* on, and every problem found."""
    added = _Added(counts=counts, changes={}, references={}, prints={})
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
        added.changes,
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
        if consignment.state is ConsignmentState.CANCELLED:
            return checks.problems
        if consignment.reference is not None:
            earlier = self.references.get(consignment.reference)
            if earlier is None:
                earlier = self.counts.references.get(consignment.reference)
            if earlier is None:
                self.references[consignment.reference] = c
            else:
                checks.add(
                    "duplicate_reference",
                    f"{at}.reference",
                    f"consignments[{earlier}] already has reference {shown(consignment.reference)} "
                    "and is not cancelled; expected one such consignment per reference",
                )
        if not _is_live(consignment, order):
            return checks.problems  # a return packs nothing (P10)
        for p, package in enumerate(consignment.packages):
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


def _remove_consignment(
    order: Order, counts: _Counts, consignment: Consignment, index: int
) -> _Counts:
    """*counts* without *consignment*, cancelled now, which sits at *index*."""
    references = (
        counts.references
        if consignment.reference is None
        else counts.references.changed({consignment.reference: _DELETED})
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


_CREATED: Final = (
    ConsignmentOperationResult.CONSIGNMENT_CREATED,
    ConsignmentOperationResult.RETURN_CONSIGNMENT_CREATED,
)


def _response_references(request: PackOrderRequest, response: PackOrderResponse) -> list[str]:
    """The consignment references *response* gives for *request*, outbound first."""
    expected = _CREATED[: 2 if request.generate_return else 1]
    checks = Checks()
    if len(response.results) != len(expected):
        checks.add(
            "response_mismatch",
            "results",
            f"expected {len(expected)} result(s) for this request, got {len(response.results)}",
        )
        checks.raise_if_any(LedgerError)
    found: list[str] = []
    for r, (result, wanted) in enumerate(zip(response.results, expected, strict=True)):
        if result.result is not wanted:
            checks.add(
                "response_mismatch",
                f"results[{r}].result",
                f"expected {wanted.value}, got {result.result.value}",
            )
        links = [link.href.rstrip("/").rpartition("/")[2] for link in result.api_links]
        linked = {ref for ref in links if CONSIGNMENT_REFERENCE.fullmatch(ref)}
        reference = result.data or next(iter(sorted(linked)), None)
        if linked and linked != {reference}:
            checks.add(
                "response_mismatch",
                f"results[{r}].api_links",
                f"expected the links to name {shown(reference)}, as the result does, got "
                f"{shown(sorted(linked))}",
            )
        elif reference is None or CONSIGNMENT_REFERENCE.fullmatch(reference) is None:
            checks.add(
                "response_mismatch",
                f"results[{r}].data",
                f"expected the new consignment's reference (EC-...), got {shown(reference)}",
            )
        else:
            found.append(reference)
    checks.raise_if_any(LedgerError)
    return found


class _ResponseReferences:
    """The consignment references PRO gave, in order; packages get none from a response."""

    def __init__(self, references: list[str]) -> None:
        self._references = iter(references)

    def consignment_reference(self) -> str:
        return next(self._references)

    def package_reference(self) -> str | None:
        return None


@model
class LedgerPack:
    """What :meth:`OrderLedger.pack` and :meth:`OrderLedger.record_response` return.

    The new ledger, and the pack's result.
    """

    ledger: OrderLedger
    result: PackResult

    @property
    def problems(self) -> tuple[Problem, ...]:
        """What the new ledger reports: over-packed lines and repeated packs."""
        return self.ledger.problems()


@model
class LedgerSplit:
    """What :meth:`OrderLedger.split` returns: the new ledger and the split it recorded."""

    ledger: OrderLedger
    split: Split
