"""A service's day as a state machine: one ledger, PRO's stand-in with faults, restarts.

Each step is what a service embedding orderpack does: submit a Pack Order (a re-plan of what
is outstanding), send it to PRO (which may refuse, time out before or after, or answer
twice), retry, take a redelivered answer, cancel a consignment, reconcile with what PRO
holds, and restart (the ledger written with ``dumps`` and read back). The laws hold after
every step.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from builders import item, order
from orderpack import (
    ConsignmentState,
    Order,
    OrderLedger,
    PackItem,
    PackOrderRequest,
    PackOrderResponse,
    PackPackage,
    SubmissionState,
)
from orderpack.contract import dumps, read
from orderpack.testing import FakePro, Fault, ProRefusedError, ProTimeoutError

FAULTS = st.sampled_from([None, *Fault])
SKUS = ("LAMP-01", "SHADE-01")


def units(consignments: object) -> Counter[str]:
    """The units of each SKU in the live outbound consignments of *consignments*."""
    counted: Counter[str] = Counter()
    for consignment in consignments:  # type: ignore[attr-defined]
        if consignment.state is not ConsignmentState.CANCELLED and consignment.return_for is None:
            for package in consignment.packages:
                for held in package.items:
                    counted[held.sku or ""] += held.quantity
    return counted


def _index(path: str) -> int:
    """The index in a difference's path: 3 for ``submissions[3]``."""
    return int(path.partition("[")[2].rstrip("]"))


class AServicesDay(RuleBasedStateMachine):
    """One order, one ledger, one PRO; faults on any call."""

    placed: Order
    ledger: OrderLedger
    pro: FakePro

    @initialize(
        idempotent=st.booleans(), quantities=st.tuples(st.integers(1, 4), st.integers(1, 3))
    )
    def open_the_order(self, *, idempotent: bool, quantities: tuple[int, int]) -> None:
        """PRO holds the order; the service opens its ledger."""
        self.pro = FakePro(idempotent=idempotent)
        lines = [item(sku, quantity=q) for sku, q in zip(SKUS, quantities, strict=True)]
        self.placed = self.pro.add_order(order(*lines))
        self.ledger = OrderLedger.open(self.placed)
        self.answers: dict[str, PackOrderResponse] = {}
        self.reconciled = False

    @property
    def reference(self) -> str:
        """The order's reference at PRO."""
        return self.placed.reference or ""

    @precondition(lambda self: any(self.ledger.outstanding))
    @rule(data=st.data())
    def submit_what_is_outstanding(self, data: st.DataObject) -> None:
        """A (re-)plan: some of each line still outstanding, in one package."""
        wanted = [
            PackItem(sku=sku, quantity=data.draw(st.integers(1, left), label=sku))
            for sku, left in zip(SKUS, self.ledger.outstanding, strict=True)
            if left
        ]
        request = PackOrderRequest(
            packages=[PackPackage(items=wanted, package_size_reference="BOX")]
        )
        self.ledger = self.ledger.submit(request, strict=True).ledger

    @precondition(lambda self: self.ledger.in_flight)
    @rule(data=st.data(), fault=FAULTS)
    def send(self, data: st.DataObject, fault: Fault | None) -> None:
        """Send a pending request (a first try or a retry) and record what comes back."""
        submission = data.draw(st.sampled_from(self.ledger.in_flight))
        if fault is not None:
            self.pro.fail_next(fault)
        try:
            if submission.request is not None:
                answer = self.pro.pack_order(self.reference, submission.request, key=submission.key)
                self.answers[submission.key] = answer
                self.ledger = self.ledger.confirm(submission.key, answer)
            else:
                self.pro.cancel_consignment(submission.cancel or "")
                self.ledger = self.ledger.confirm(submission.key)
        except ProRefusedError as refused:
            self.ledger = self.ledger.refuse(submission.key, str(refused.error))
        except ProTimeoutError:
            pass  # no answer: pending until a retry or a reconcile

    @precondition(lambda self: self.answers)
    @rule(data=st.data())
    def take_an_answer_again(self, data: st.DataObject) -> None:
        """An answer delivered twice changes nothing."""
        key = data.draw(st.sampled_from(sorted(self.answers)))
        if self.ledger.submission(key).state is SubmissionState.CONFIRMED:
            again = self.ledger.confirm(key, self.answers[key])
            assert again == self.ledger

    @precondition(lambda self: self.ledger.live)
    @rule(data=st.data())
    def cancel(self, data: st.DataObject) -> None:
        """Ask PRO to cancel a live consignment (not one whose cancellation is pending)."""
        asked = {s.cancel for s in self.ledger.in_flight}
        live = [c.reference for c in self.ledger.live if c.reference not in asked]
        if live:
            reference = data.draw(st.sampled_from(live))
            self.ledger = self.ledger.submit_cancel(reference or "").ledger

    @rule()
    def reconcile(self) -> None:
        """Make the ledger what PRO holds."""
        theirs = self.pro.consignments_for(self.reference)
        before = {c.reference for c in self.ledger.consignments}
        reconciled = self.ledger.reconcile(theirs)
        self.ledger = reconciled.ledger
        assert self.ledger.consignments == theirs
        assert not self.ledger.in_flight
        # Each consignment new to the ledger is claimed by one submission, or reported.
        claimed = [
            ref
            for difference in reconciled.differences
            if difference.code == "submission_confirmed"
            for ref in self.ledger.submissions[_index(difference.path)].consignments
        ]
        claimed += [
            theirs[_index(difference.path)].reference or ""
            for difference in reconciled.differences
            if difference.code == "consignment_unexpected"
        ]
        assert sorted(claimed) == sorted(
            c.reference or "" for c in theirs if c.reference not in before
        )
        self.reconciled = True

    @rule()
    def restart(self) -> None:
        """The process dies; the ledger is read back from what was written."""
        self.ledger = read(dumps(self.ledger), OrderLedger).value

    @invariant()
    def every_unit_is_packed_pending_or_outstanding(self) -> None:
        """Per line: packed + pending + outstanding - over-packed = ordered."""
        for line in self.ledger.lines:
            assert line.packed + line.pending + line.outstanding - line.over_packed == line.ordered

    @invariant()
    def pending_units_are_the_pending_requests(self) -> None:
        """What is reserved is exactly what pending Pack Orders ask for."""
        asked: Counter[str] = Counter()
        for submission in self.ledger.in_flight:
            if submission.request is not None:
                for package in submission.request.packages:
                    for wanted in package.items:
                        asked[wanted.sku or ""] += wanted.quantity
        assert asked == Counter(
            {line.sku: line.pending for line in self.ledger.lines if line.pending}
        )

    @invariant()
    def the_ledger_invents_nothing_and_references_are_unique(self) -> None:
        """Every consignment counted is one PRO made; no two live ones share a reference."""
        theirs = {c.reference for c in self.pro.consignments_for(self.reference)}
        assert {c.reference for c in self.ledger.consignments} <= theirs
        live = [c.reference for c in self.ledger.live]
        assert len(live) == len(set(live))

    @invariant()
    def after_a_reconcile_no_unit_is_counted_twice_or_lost(self) -> None:
        """Once reconciled and until the next step, the ledger counts what PRO holds."""
        if self.reconciled:
            self.reconciled = False
            packed = Counter({line.sku: line.packed for line in self.ledger.lines if line.packed})
            assert packed == units(self.pro.consignments_for(self.reference))


TestAServicesDay = AServicesDay.TestCase
