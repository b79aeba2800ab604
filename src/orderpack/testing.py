"""A stand-in for PRO's Orders endpoints, in memory, with the faults a service must survive.

:class:`FakePro` answers the calls a service embedding orderpack makes: Pack Order (6.5), Get
Consignments For Order with each consignment (6.8), and Cancel Consignment (C4), in PRO's
documented shapes, making consignments by PRO's rules (:func:`~orderpack.pack_order`). Tell
it to fail the next calls with :meth:`FakePro.fail_next`: refuse a request with PRO's error
body, time out before or after making the consignment, or deliver an answer twice.

>>> from orderpack import OrderLedger
>>> from orderpack.demo import seed_order, seed_plan
>>> pro = FakePro()
>>> order = pro.add_order(seed_order())
>>> sent = OrderLedger.open(order).submit_split(seed_plan())
>>> ledger = sent.ledger
>>> pro.fail_next(Fault.TIMEOUT_AFTER)
>>> for submission in sent.submissions:
...     try:
...         answer = pro.pack_order(order.reference, submission.request, key=submission.key)
...     except ProTimeoutError:
...         continue  # no answer: reconcile below
...     ledger = ledger.confirm(submission.key, answer)
>>> [s.state.value for s in ledger.submissions]
['Pending', 'Confirmed']
>>> reconciled = ledger.reconcile(pro.consignments_for(order.reference))
>>> [p.code for p in reconciled.differences]
['submission_confirmed']
>>> reconciled.ledger.status.value
'Packed'
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import TYPE_CHECKING

import attrs

from orderpack.errors import PackError, ValidationError
from orderpack.model.arguments import checked
from orderpack.model.checks import shown
from orderpack.model.references import SequentialReferences
from orderpack.packing.pack import pack_order
from orderpack.tracking.lifecycle import Action, apply
from orderpack.tracking.responses import ApiError, ApiErrorDetail, pack_response

if TYPE_CHECKING:
    from orderpack.model.consignment import Consignment
    from orderpack.model.order import Order
    from orderpack.packing.pack import PackOrderRequest
    from orderpack.tracking.responses import PackOrderResponse

__all__ = ["FakePro", "Fault", "ProRefusedError", "ProTimeoutError"]


class Fault(StrEnum):
    """What goes wrong with one call to :class:`FakePro`."""

    REFUSE = "Refuse"
    """PRO answers 400 with its error body; nothing is made."""
    TIMEOUT_BEFORE = "TimeoutBefore"
    """The call times out before PRO sees it; nothing is made."""
    TIMEOUT_AFTER = "TimeoutAfter"
    """PRO does what was asked, and the answer is lost: the call times out."""
    ANSWER_TWICE = "AnswerTwice"
    """PRO answers, and the same answer comes again (:attr:`FakePro.redelivered`)."""


class ProTimeoutError(TimeoutError):
    """A call to :class:`FakePro` timed out; PRO may or may not have done what was asked."""


class ProRefusedError(Exception):
    """PRO refused a call: an HTTP status and PRO's error body (section 9)."""

    def __init__(self, status: int, error: ApiError) -> None:
        """Hold the *status* and PRO's *error*."""
        super().__init__(f"{status} {error}")
        self.status = status
        self.error = error


class FakePro:
    """PRO's Orders endpoints in memory: orders, the consignments packed from them, faults.

    With *idempotent*, a Pack Order sent again under a key it has seen is answered as the
    first time, making nothing; PRO's v1 documents name no such key, so by default a retry
    makes a second consignment, and a service reconciles before it retries.
    """

    def __init__(self, *, idempotent: bool = False) -> None:
        """Start with no orders, no consignments and no faults."""
        self.idempotent = idempotent
        self.redelivered: list[PackOrderResponse] = []
        """Answers delivered a second time, oldest first, for the service to take again."""
        self._orders: dict[str, Order] = {}
        self._made: dict[str, list[str]] = {}
        self._consignments: dict[str, Consignment] = {}
        self._answers: dict[str, tuple[PackOrderRequest, PackOrderResponse]] = {}
        self._faults: list[Fault | None] = []
        self._references = SequentialReferences(start=36**3)
        self._orders_made = 0

    @checked
    def fail_next(self, *faults: Fault | None) -> None:
        """Make the next calls fail with *faults*, one call each, in order; ``None`` succeeds.

        Each fault is taken by the next call of any endpoint; one an endpoint has no use for
        (an answer twice, for a read) lets that call succeed.
        """
        self._faults.extend(None if fault is None else Fault(fault) for fault in faults)

    @checked
    def add_order(self, order: Order) -> Order:
        """Hold *order*, as Create Order does; one without a reference is given one."""
        if order.reference is None:
            self._orders_made += 1
            number = f"{self._orders_made:06d}"
            order = attrs.evolve(order, reference=f"EO-999-{number[:3]}-{number[3:]}")
        self._orders[order.reference] = order  # type: ignore[index]  # given above
        self._made.setdefault(order.reference, [])  # type: ignore[arg-type]
        return order

    @checked
    def pack_order(
        self, order_reference: str, request: PackOrderRequest, *, key: str | None = None
    ) -> PackOrderResponse:
        """Pack Order (6.5): make a consignment (and its return) of *order_reference*.

        Raises:
            ProRefusedError: 404 for an unknown order, 400 for a request PRO's rules refuse (or a
                :attr:`Fault.REFUSE`).
            ProTimeoutError: For :attr:`Fault.TIMEOUT_BEFORE` and :attr:`Fault.TIMEOUT_AFTER`.
        """
        fault = self._fault()
        if fault is Fault.TIMEOUT_BEFORE:
            raise ProTimeoutError("Pack Order timed out before PRO saw it")
        if fault is Fault.REFUSE:
            raise _refused(400, "OperationFailed", "the carrier could not take the consignment")
        order = self._order(order_reference)
        earlier = self._answers.get(key) if self.idempotent and key is not None else None
        if earlier is not None and earlier[0] == request:
            answer = earlier[1]
        else:
            answer = self._pack(order, request)
            if key is not None:
                self._answers[key] = (request, answer)
        if fault is Fault.TIMEOUT_AFTER:
            raise ProTimeoutError("Pack Order timed out; PRO made the consignment")
        if fault is Fault.ANSWER_TWICE:
            self.redelivered.append(answer)
        return answer

    def _pack(self, order: Order, request: PackOrderRequest) -> PackOrderResponse:
        try:
            made = pack_order(order, request, references=self._references)
        except PackError as error:
            raise _refused(400, "ValidationError", "the pack request is invalid", error) from None
        for consignment in (made.consignment, made.return_consignment):
            if consignment is not None:
                self._consignments[consignment.reference] = consignment  # type: ignore[index]
                self._made[order.reference].append(consignment.reference)  # type: ignore[index, arg-type]
        return pack_response(made)

    @checked
    def consignments_for(self, order_reference: str) -> tuple[Consignment, ...]:
        """Every consignment made from the order, cancelled ones included, oldest first.

        As a service reads them: Get Consignments For Order (6.8), then Get Consignment each.

        Raises:
            ProRefusedError: 404 for an unknown order; 500 for a :attr:`Fault.REFUSE`.
            ProTimeoutError: For either timeout fault.
        """
        fault = self._fault()
        if fault in {Fault.TIMEOUT_BEFORE, Fault.TIMEOUT_AFTER}:
            raise ProTimeoutError("Get Consignments For Order timed out")
        if fault is Fault.REFUSE:
            raise _refused(500, "OperationFailed", "the consignments could not be read")
        self._order(order_reference)
        return tuple(self._consignments[ref] for ref in self._made[order_reference])

    @checked
    def cancel_consignment(self, reference: str) -> None:
        """Cancel Consignment: the consignment is Cancelled if its state allows it (C4).

        Raises:
            ProRefusedError: 404 for an unknown consignment, 400 if its state does not allow
                cancelling (or a :attr:`Fault.REFUSE`).
            ProTimeoutError: For :attr:`Fault.TIMEOUT_BEFORE`, and :attr:`Fault.TIMEOUT_AFTER`
                once it is cancelled.
        """
        fault = self._fault()
        if fault is Fault.TIMEOUT_BEFORE:
            raise ProTimeoutError("Cancel Consignment timed out before PRO saw it")
        if fault is Fault.REFUSE:
            raise _refused(400, "OperationFailed", "the consignment could not be cancelled")
        consignment = self._consignments.get(reference)
        if consignment is None:
            raise _refused(404, "ObjectNotFound", f"consignment {shown(reference)} not found")
        try:
            self._consignments[reference] = apply(consignment, Action.CANCEL)
        except ValidationError as error:
            raise _refused(400, "OperationFailed", "cancelling is not allowed", error) from None
        if fault is Fault.TIMEOUT_AFTER:
            raise ProTimeoutError("Cancel Consignment timed out; PRO cancelled the consignment")

    def _fault(self) -> Fault | None:
        return self._faults.pop(0) if self._faults else None

    def _order(self, reference: str) -> Order:
        order = self._orders.get(reference)
        if order is None:
            raise _refused(404, "ObjectNotFound", f"order {shown(reference)} not found")
        return order


def _refused(
    status: int, code: str, message: str, error: ValidationError | None = None
) -> ProRefusedError:
    """PRO's refusal: its error body, with a detail per problem of *error*."""
    details = [] if error is None else error.problems
    return ProRefusedError(
        status,
        ApiError(
            code=code,
            message=message,
            correlation_id=str(uuid.uuid4()),
            details=[
                ApiErrorDetail(code=p.code, target=p.path or None, message=p.message)
                for p in details
            ],
        ),
    )
