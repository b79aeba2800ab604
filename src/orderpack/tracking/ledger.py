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
from functools import cached_property
from typing import TYPE_CHECKING, Any

import attrs

from orderpack.errors import LedgerError, PackError, Problem
from orderpack.model.arguments import checked, each_item
from orderpack.model.checks import shown, to_tuple
from orderpack.model.classes import model
from orderpack.model.consignment import Consignment
from orderpack.model.order import Order
from orderpack.model.references import SequentialReferences
from orderpack.model.trusted import trusted
from orderpack.packing.pack import PackOrderRequest, PackResult, pack_order
from orderpack.packing.split import LineBalance, Plan, Split, line_balances, split_within
from orderpack.tracking._counts import (
    _add_consignments,
    _chunks,
    _counted_problems,
    _Counts,
    _is_live,
    _Map,
    _over_packing,
    _remove_consignment,
    _sequence_number,
    fingerprint,
)
from orderpack.tracking.lifecycle import Action, apply
from orderpack.tracking.responses import (
    PackOrderResponse,
    _response_references,
    _ResponseReferences,
)
from orderpack.tracking.status import (
    OrderStatus,
    StatusReport,
    report_of,
)
from orderpack.tracking.submissions import (
    Submission,
    SubmissionState,
    _find,
    _held,
    _keys,
    _problems_of,
    _reconciled,
    _refuse_pending_cancel,
    _retried,
    _settled,
    _split_submissions,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from orderpack.model.references import ReferenceSource


__all__ = [
    "LedgerPack",
    "LedgerSplit",
    "OrderLedger",
    "Reconciled",
    "Submitted",
    "fingerprint",
]


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
    submissions: tuple[Submission, ...] = attrs.field(default=(), converter=to_tuple)
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
        problems += _problems_of(self)
        if problems:
            raise LedgerError(problems)
        # attrs' way to set a derived field of a frozen class
        object.__setattr__(self, "_counts", counts)

    def __reduce__(
        self,
    ) -> tuple[object, tuple[Order, tuple[Consignment, ...], tuple[Submission, ...]]]:
        """Pickle by what the ledger holds; its counts are made again where it is loaded.

        The counts place references by ``hash()``, which another interpreter (another
        ``PYTHONHASHSEED``, a spawned worker) computes differently, so they never cross.
        """
        return (_ledger_of, (self.order, self.consignments, self.submissions))

    def _references(self) -> Iterator[str]:
        for consignment in self.consignments:
            if consignment.reference is not None:
                yield consignment.reference
            for package in consignment.packages:
                if package.reference is not None:
                    yield package.reference

    @classmethod
    @checked
    def open(cls, order: Order) -> OrderLedger:
        """A ledger for *order* with nothing packed yet.

        Args:
            order: The order to track.
        """
        return cls(order=order)

    @classmethod
    @checked
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
        """Every order line's balance: ordered, packed, pending, and what follows."""
        reserved = self._reserved
        return line_balances(
            self.order,
            [count for chunk in self._counts.packed for count in chunk],
            [reserved.get(line, 0) for line in range(len(self.order.items))] if reserved else None,
        )

    @cached_property
    def _reserved(self) -> dict[int, int]:
        """The units of each line held by pending Pack Orders, by line index."""
        reserved: dict[int, int] = {}
        for submission in self.submissions:
            if submission.reserves:
                for package in typing.cast("PackOrderRequest", submission.request).packages:
                    for item in package.items:
                        line = typing.cast("int", self.order.match(item))  # checked when made
                        reserved[line] = reserved.get(line, 0) + item.quantity
        return reserved

    @property
    def outstanding(self) -> tuple[int, ...]:
        """What is still to pack of each line, by line index: neither packed nor pending."""
        return tuple(self._outstanding(line) for line in range(len(self.order.items)))

    def _outstanding(self, line: int) -> int:
        held = self._counts.count(line) + self._reserved.get(line, 0)
        return max(self.order.items[line].quantity - held, 0)

    @property
    def in_flight(self) -> tuple[Submission, ...]:
        """The submissions still waiting for PRO's answer, in the order they were made.

        (A line's ``pending`` counts the units these hold back.)
        """
        return tuple(s for s in self.submissions if s.state is SubmissionState.PENDING)

    @checked
    def submission(self, key: str) -> Submission:
        """The submission made under *key*.

        Raises:
            LedgerError: ``submission_unknown`` if none was.
        """
        return self.submissions[_find(self, key)]

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

    def report(self) -> StatusReport:
        """The order's status as one document: every line's counts, consignment and request.

        Its JSON form (``orderpack.contract.dumps``) is what ``orderpack status --json``
        prints; see :mod:`~orderpack.tracking.status`.
        """
        return report_of(self)

    @property
    def live(self) -> tuple[Consignment, ...]:
        """The consignments that count: not cancelled, not returns."""
        return tuple(c for c in self.consignments if _is_live(c, self.order))

    def _with(
        self,
        consignments: tuple[Consignment, ...],
        counts: _Counts,
        submissions: tuple[Submission, ...] | None = None,
    ) -> OrderLedger:
        """The next ledger, its counts carried forward rather than counted again."""
        return trusted(
            OrderLedger,
            order=self.order,
            consignments=consignments,
            submissions=self.submissions if submissions is None else submissions,
            _counts=counts,
        )

    def _settling(self, index: int, **changes: Any) -> tuple[Submission, ...]:  # noqa: ANN401 - Submission's fields
        """The submissions with the one at *index* changed as PRO's answer says."""
        changed = attrs.evolve(self.submissions[index], **changes)
        return (*self.submissions[:index], changed, *self.submissions[index + 1 :])

    @checked
    def record(self, *consignments: Consignment) -> OrderLedger:
        """Return the ledger with *consignments* made from this order.

        Args:
            *consignments: The consignments to add, in order; cancelled ones and returns count
                nothing.

        Raises:
            LedgerError: If one holds an item not on the order, names another order, or has
                the reference of a live consignment.
        """
        return self._recording(consignments, self.submissions)

    def _recording(
        self,
        consignments: tuple[Consignment, ...],
        submissions: tuple[Submission, ...],
        *,
        packed: Mapping[int, int] | None = None,
    ) -> OrderLedger:
        """The ledger with *consignments* recorded and *submissions* as they now stand.

        *packed*: the units they pack per line, when a split that made them counted them.
        """
        counts, problems = _add_consignments(
            self.order, self._counts, consignments, start=len(self.consignments), packed=packed
        )
        if problems:
            raise LedgerError(problems)
        return self._with((*self.consignments, *consignments), counts, submissions)

    @checked
    def cancel(self, reference: str) -> OrderLedger:
        """Return the ledger with live consignment *reference* cancelled (C4).

        Its units are outstanding again.

        Args:
            reference: The reference of the consignment to cancel.

        Raises:
            LedgerError: If no consignment of the order has *reference*.
            LifecycleError: If the consignment's state does not allow cancelling (C4).
        """
        return self._cancelling(reference, self.submissions)

    def _cancelling(self, reference: str, submissions: tuple[Submission, ...]) -> OrderLedger:
        """The ledger with *reference* cancelled and *submissions* as they now stand."""
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
            (*self.consignments[:index], made, *self.consignments[index + 1 :]),
            counts,
            submissions,
        )

    def _source(self, references: ReferenceSource | None) -> ReferenceSource:
        """*references*, or the ledger's own: numbers after every reference it holds."""
        if references is not None:
            return references
        return SequentialReferences(start=self._counts.next_number)

    @checked
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
            _over_packing(self.order, request, self._outstanding).raise_if_any(PackError)
        result = pack_order(self.order, request, references=self._source(references))
        ledger = self.record(*result.consignments)
        return LedgerPack(ledger=ledger, result=result)

    @checked
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
        # Made from this order by the split, which counted what each line packs.
        packed = {balance.line: balance.packed for balance in made.lines if balance.packed}
        ledger = self._recording(made.consignments, self.submissions, packed=packed)
        split = trusted(
            Split, consignments=made.consignments, requests=made.requests, lines=ledger.lines
        )
        return LedgerSplit(ledger=ledger, split=split)

    @checked
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

    # --- requests in flight: submit, then confirm, refuse or reconcile ------------------------

    def _key(self, key: str | None, offset: int = 0) -> str:
        """*key*, or the ledger's own: the order's reference and the submission's number."""
        if key is not None:
            return key
        return f"{self.order.reference or 'order'}/{len(self.submissions) + offset + 1}"

    def _submitting(self, made: list[Submission]) -> Submitted:
        """The ledger with *made* pending, each key judged against the ledger's (:func:`_held`)."""
        submissions, held = _held(self.submissions, made)
        ledger = self._with(self.consignments, self._counts, submissions)
        return Submitted(ledger=ledger, submissions=held)

    def _retry(self, asked: list[Submission]) -> Submitted | None:
        """*asked* as they stand if each is a retry of a pending or confirmed submission."""
        earlier = _retried(self.submissions, asked)
        return None if earlier is None else Submitted(ledger=self, submissions=earlier)

    @checked
    def submit(
        self, request: PackOrderRequest, *, key: str | None = None, strict: bool = False
    ) -> Submitted:
        """Hold *request* as a Pack Order sent to PRO: its units pending until PRO answers.

        The request is checked as :func:`~orderpack.pack_order` checks it; nothing is packed
        until :meth:`confirm` records what PRO made. Submitting again under the key of an
        earlier submission with the same request changes nothing and returns that one: a
        retry is the same request.

        Args:
            request: The Pack Order request to send.
            key: The submission's key, to send PRO as an idempotency key; ``None`` gives the
                order's reference and the submission's number (``EO-000-000-0A1/3``).
            strict: Whether to refuse a request that packs more of a line than is outstanding.

        Raises:
            PackError: As :func:`~orderpack.pack_order` does; with *strict*, also
                ``over_packed`` for each line the request would over-pack.
            LedgerError: ``key_reused`` if *key* names a different submission.
        """
        asked = Submission(key=self._key(key), request=request)
        retried = self._retry([asked]) if key is not None else None
        if retried is not None:
            return retried
        if strict:
            _over_packing(self.order, request, self._outstanding).raise_if_any(PackError)
        pack_order(self.order, request, references=SequentialReferences())
        return self._submitting([asked])

    @checked
    def submit_split(self, plan: Plan, *, keys: Iterable[str] | None = None) -> Submitted:
        """Split what is outstanding as *plan* says, into Pack Orders held pending.

        The plan is checked as :meth:`split` checks it, against what is neither packed nor
        pending. Each consignment of the split is one Pack Order to send PRO, in the split's
        order; PRO's answer to each is recorded with :meth:`confirm` or :meth:`refuse`.

        Args:
            plan: The allocations of what is outstanding, and the packages they fill.
            keys: A key per Pack Order, in the split's order; ``None`` numbers them.

        Raises:
            SplitError: Listing every problem with the plan; nothing is held.
            LedgerError: If a key is given twice, names a different submission, or *keys*
                is not one per Pack Order.
        """
        given = None if keys is None else _keys(keys)
        if given is not None:  # a retry is judged against what was ordered, not what is left
            again = split_within(self.order, plan, references=None, outstanding=None)
            if len(again.requests) == len(given):
                asked = [
                    Submission(key=k, request=r) for k, r in zip(given, again.requests, strict=True)
                ]
                retried = self._retry(asked)
                if retried is not None:
                    return retried
        made = split_within(self.order, plan, references=None, outstanding=self.outstanding)
        return self._submitting(_split_submissions(made.requests, given, self._key))

    @checked
    def submit_cancel(self, reference: str, *, key: str | None = None) -> Submitted:
        """Hold the cancellation of live consignment *reference* as a request sent to PRO.

        Its units stay packed until :meth:`confirm` records the cancellation (C4).

        Args:
            reference: The reference of the consignment to cancel.
            key: The submission's key; ``None`` numbers it as :meth:`submit` does.

        Raises:
            LedgerError: If no live consignment has *reference*, or its cancellation is
                pending already under another key.
            LifecycleError: If the consignment's state does not allow cancelling (C4).
        """
        asked = Submission(key=self._key(key), cancel=reference)
        retried = self._retry([asked]) if key is not None else None
        if retried is not None:
            return retried
        index = self._counts.references.get(reference)
        if not isinstance(index, int):
            self.cancel(reference)  # raises, naming why
        else:
            apply(self.consignments[index], Action.CANCEL)
        _refuse_pending_cancel(self.in_flight, asked)
        return self._submitting([asked])

    @checked
    def confirm(self, key: str, response: PackOrderResponse | None = None) -> OrderLedger:
        """Record PRO's answer to submission *key*: the consignments made, or the cancellation.

        A Pack Order's consignments are made from its request by PRO's rules, under the
        references *response* gives; a cancellation needs no response. Confirming again with
        the same answer changes nothing.

        Args:
            key: The submission's key.
            response: PRO's answer to a Pack Order; ``None`` for a cancellation.

        Raises:
            LedgerError: ``submission_unknown``; ``response_mismatch`` if *response* does not
                fit the request (see :meth:`record_response`); ``submission_settled`` if the
                submission was refused or released, or confirmed with other references.
        """
        index = _find(self, key)
        submission = self.submissions[index]
        if submission.request is None:  # a cancellation
            if submission.state is SubmissionState.CONFIRMED:
                return self
            if submission.state is not SubmissionState.PENDING:
                raise _settled(submission, "confirmed")
            if not isinstance(self._counts.references.get(submission.cancel), int):
                # cancelled here already (ledger.cancel): the answer only settles the request
                settled = self._settling(index, state=SubmissionState.CONFIRMED)
                return self._with(self.consignments, self._counts, settled)
            return self._cancelling(
                typing.cast("str", submission.cancel),
                self._settling(index, state=SubmissionState.CONFIRMED),
            )
        if response is None:
            raise LedgerError(
                [
                    Problem(
                        code="response_missing",
                        path="response",
                        message=f"submission {shown(key)} is a Pack Order: confirming it needs "
                        "PRO's response",
                    )
                ]
            )
        references = _response_references(submission.request, response)
        if submission.state is SubmissionState.CONFIRMED and submission.consignments == tuple(
            references
        ):
            return self
        if submission.state is not SubmissionState.PENDING:
            raise _settled(submission, f"confirmed as {shown(references)}")
        result = pack_order(
            self.order, submission.request, references=_ResponseReferences(references)
        )
        settled = self._settling(
            index, state=SubmissionState.CONFIRMED, consignments=tuple(references)
        )
        return self._recording(result.consignments, settled)

    @checked
    def refuse(self, key: str, reason: str) -> OrderLedger:
        """Record PRO's refusal of submission *key*: a Pack Order's units are outstanding again.

        Refusing again for the same reason changes nothing.

        Args:
            key: The submission's key.
            reason: What PRO said, such as its error's code and message (section 9).

        Raises:
            LedgerError: ``submission_unknown``; ``submission_settled`` if it was confirmed,
                released, or refused for another reason.
        """
        index = _find(self, key)
        submission = self.submissions[index]
        if submission.state is SubmissionState.REFUSED and submission.reason == reason:
            return self
        if submission.state is not SubmissionState.PENDING:
            raise _settled(submission, "refused")
        refused = self._settling(index, state=SubmissionState.REFUSED, reason=reason)
        return self._with(self.consignments, self._counts, refused)

    @checked
    def reconcile(self, consignments: Iterable[Consignment]) -> Reconciled:
        """Make the ledger what PRO holds: *consignments*, every one PRO made from the order.

        After a timeout or a restart, the answer to a submission may never have come. Read
        the consignments PRO holds for the order (Get Consignments For Order, 6.8, then each
        consignment) and reconcile: a pending Pack Order whose consignments PRO holds is
        confirmed with them (matched by direction and items, as PRO fills in the rest); one
        PRO never made is released; a pending cancellation is confirmed if PRO holds the
        consignment cancelled and released if not. The ledger's consignments become exactly
        PRO's, and every difference is reported: at ``submissions[n]`` for a submission, at
        ``consignments[n]`` of the new ledger for a consignment (of the old one when it is
        missing).

        Args:
            consignments: Every consignment PRO holds for the order, cancelled ones included.

        Raises:
            LedgerError: If PRO's consignments cannot be counted against the order (see
                :meth:`rebuild`).
        """
        theirs = typing.cast(
            "tuple[Consignment, ...]",
            each_item(
                consignments, lambda c: isinstance(c, Consignment), "consignments", "a Consignment"
            ),
        )
        settled, differences = _reconciled(self, theirs)
        ledger = OrderLedger(order=self.order, consignments=theirs, submissions=settled)
        return Reconciled(ledger=ledger, differences=differences)

    def problems(self) -> tuple[Problem, ...]:
        """Report over-packed lines and repeated packs; PRO allows both, so nothing raises.

        A line is over-packed when what is packed, and pending in requests sent to PRO, is
        more than was ordered (as its ``over_packed`` says); the status counts packed only.
        """
        return tuple(_counted_problems(self.order, self._counts, self._reserved, self.consignments))


def _ledger_of(
    order: Order, consignments: tuple[Consignment, ...], submissions: tuple[Submission, ...]
) -> OrderLedger:
    """A ledger loaded from a pickle, counted again (:meth:`OrderLedger.__reduce__`)."""
    return OrderLedger(order=order, consignments=consignments, submissions=submissions)


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


@model
class Submitted:
    """What :meth:`OrderLedger.submit` and its kin return: the ledger and what to send PRO."""

    ledger: OrderLedger
    submissions: tuple[Submission, ...] = attrs.field(converter=to_tuple)


@model
class Reconciled:
    """What :meth:`OrderLedger.reconcile` returns: the ledger as PRO holds it, and what changed.

    Each difference is a :class:`~orderpack.Problem`: ``submission_confirmed`` and
    ``submission_released`` (a pending request PRO made, or never made),
    ``consignment_unexpected`` (one PRO holds that no request of this ledger made),
    ``consignment_missing`` (one the ledger held that PRO does not) and
    ``consignment_changed`` (PRO's copy differs, a new state say).
    """

    ledger: OrderLedger
    differences: tuple[Problem, ...] = attrs.field(converter=to_tuple)
