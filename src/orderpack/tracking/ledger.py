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

import typing
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Final

import attrs

from orderpack.errors import LedgerError, PackError, Problem
from orderpack.model.checks import Checks, shown, to_tuple
from orderpack.model.classes import model
from orderpack.model.consignment import Consignment
from orderpack.model.order import CONSIGNMENT_REFERENCE, Order
from orderpack.model.references import SequentialReferences
from orderpack.model.trusted import trusted
from orderpack.packing.pack import PackOrderRequest, PackResult, pack_order
from orderpack.packing.split import LineBalance, Plan, Split, line_balances, split_within
from orderpack.tracking._counts import (
    _add_consignments,
    _chunks,
    _Counts,
    _is_live,
    _Map,
    _remove_consignment,
    _sequence_number,
    fingerprint,
)
from orderpack.tracking.lifecycle import Action, apply
from orderpack.tracking.responses import ConsignmentOperationResult, PackOrderResponse

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from orderpack.model.references import ReferenceSource


__all__ = ["LedgerPack", "LedgerSplit", "OrderLedger", "OrderStatus", "fingerprint"]


class OrderStatus(StrEnum):
    """An order's packing status, derived from its ledger (PRO's orders have none, 8.3)."""

    UNPACKED = "Unpacked"
    PARTIALLY_PACKED = "PartiallyPacked"
    PACKED = "Packed"
    OVER_PACKED = "OverPacked"


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
