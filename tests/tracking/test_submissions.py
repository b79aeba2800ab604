"""Requests in flight: submit, confirm, refuse, reconcile, each rule pinned by an example."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import attrs
import pytest

from builders import item, lamps, order
from orderpack import (
    ApiError,
    CarrierAllocation,
    ConsignmentState,
    LedgerError,
    ModelError,
    OrderItem,
    OrderLedger,
    PackError,
    PackItem,
    PackOrderRequest,
    PackPackage,
    Reconciled,
    SplitError,
    Submission,
    SubmissionState,
    pack_order,
    pack_response,
)
from orderpack.demo import seed_order, seed_plan
from orderpack.model.references import SequentialReferences
from orderpack.testing import FakePro, Fault, ProRefusedError, ProTimeoutError

if TYPE_CHECKING:
    from collections.abc import Callable


def answer(ledger: OrderLedger, key: str, start: int = 100) -> OrderLedger:
    """Confirm submission *key* as PRO would, numbering from *start*."""
    request = ledger.submission(key).request
    assert request is not None
    made = pack_order(ledger.order, request, references=SequentialReferences(start=start))
    return ledger.confirm(key, pack_response(made))


class TestSubmitting:
    """A pending Pack Order reserves its units: neither outstanding nor packed."""

    def test_a_submitted_request_is_pending_not_packed(self) -> None:
        """The law holds with pending units; status counts only what is packed."""
        sent = OrderLedger.open(order(item(quantity=3))).submit(lamps(2))

        (line,) = sent.ledger.lines
        assert (line.packed, line.pending, line.outstanding) == (0, 2, 1)
        assert sent.ledger.status.value == "Unpacked"
        assert sent.ledger.consignments == ()
        assert [s.state for s in sent.ledger.in_flight] == [SubmissionState.PENDING]

    def test_keys_are_the_orders_reference_and_a_number(self) -> None:
        """Stable across a restart: the n-th submission of an order has the same key."""
        sent = OrderLedger.open(seed_order()).submit_split(seed_plan())

        assert [s.key for s in sent.submissions] == ["EO-000-002-0TS/1", "EO-000-002-0TS/2"]
        assert sent.ledger.submit(lamps_free()).submissions[0].key == "EO-000-002-0TS/3"

    def test_submitting_again_under_a_key_changes_nothing(self) -> None:
        """A retry after a timeout is the same request, not a second one."""
        sent = OrderLedger.open(order(item(quantity=3))).submit(lamps(), key="k-1")

        again = sent.ledger.submit(lamps(), key="k-1")

        assert again.ledger == sent.ledger
        assert again.submissions == sent.submissions

    def test_a_key_given_to_another_request_is_refused(self) -> None:
        """An idempotency key names one request."""
        sent = OrderLedger.open(order(item(quantity=3))).submit(lamps(), key="k-1")

        with pytest.raises(LedgerError) as caught:
            sent.ledger.submit(lamps(2), key="k-1")

        assert caught.value.codes() == ("key_reused",)

    def test_a_split_is_judged_against_what_is_neither_packed_nor_pending(self) -> None:
        """Submitting the seed plan twice allocates more than is outstanding."""
        sent = OrderLedger.open(seed_order()).submit_split(seed_plan())

        with pytest.raises(SplitError) as caught:
            sent.ledger.submit_split(seed_plan())

        assert "over_allocated" in caught.value.codes()

    def test_a_split_takes_one_key_per_pack_order(self) -> None:
        """Keys given are used in the split's order; too few, or one twice, is refused."""
        ledger = OrderLedger.open(seed_order())

        sent = ledger.submit_split(seed_plan(), keys=["a", "b"])

        assert [s.key for s in sent.submissions] == ["a", "b"]
        for keys, said in (
            (
                ["a"],
                "keys_mismatch at keys: expected 2 keys, one per Pack Order of the split, got 1",
            ),
            (["a", "a"], "key_reused at keys: a key is given twice"),
        ):
            with pytest.raises(LedgerError) as caught:
                ledger.submit_split(seed_plan(), keys=keys)
            assert [str(p) for p in caught.value.problems] == [said]

    def test_units_pending_beyond_what_was_ordered_are_reported_as_over_packed(self) -> None:
        """As the line says it: packed and pending beyond ordered; the status counts packed."""
        sent = OrderLedger.open(order(item(quantity=1))).submit(lamps(2))

        (problem,) = sent.ledger.problems()

        assert (problem.code, problem.path) == ("over_packed", "lines[0]")
        assert problem.message.endswith("0 packed in live consignments and 2 pending")
        assert sent.ledger.lines[0].over_packed == 1
        assert sent.ledger.status.value == "Unpacked"

    def test_units_pending_on_a_later_line_are_named_on_that_line(self) -> None:
        """The second line over-packed by what is pending: its own pending units are said."""
        placed = order(item(quantity=1), item(sku="SHADE-01", quantity=1))
        shades = PackOrderRequest(
            packages=[
                PackPackage(
                    items=[PackItem(sku="SHADE-01", quantity=2)], package_size_reference="BOX"
                )
            ]
        )

        (problem,) = OrderLedger.open(placed).submit(shades).ledger.problems()

        assert (problem.path, problem.message.rpartition(" packed ")[2]) == (
            "lines[1]",
            "in live consignments and 2 pending",
        )

    def test_units_pending_up_to_what_was_ordered_are_no_over_packing(self) -> None:
        """Packed and pending exactly what was ordered: nothing over, nothing reported."""
        packed = OrderLedger.open(order(item(quantity=3))).pack(lamps(1)).ledger

        sent = packed.submit(lamps(2))

        assert sent.ledger.problems() == ()
        assert (sent.ledger.lines[0].outstanding, sent.ledger.lines[0].over_packed) == (0, 0)

    def test_keys_given_as_an_iterator_are_each_checked(self) -> None:
        """An iterator's items, which no argument check saw, are named when one is no str."""
        ledger = OrderLedger.open(seed_order())

        with pytest.raises(ModelError) as caught:
            ledger.submit_split(seed_plan(), keys=iter(["a", 2]))  # type: ignore[arg-type]

        assert [str(p) for p in caught.value.problems] == [
            "wrong_type at keys[1]: expected a str, got 2 (int)"
        ]

    def test_a_request_pro_would_refuse_is_refused_before_it_is_sent(self) -> None:
        """Checked as pack_order checks it; strict refuses over-packing too."""
        ledger = OrderLedger.open(order(item(quantity=1)))
        scarf = PackOrderRequest(
            packages=[
                PackPackage(items=[PackItem(sku="SCARF", quantity=1)], package_size_reference="BOX")
            ]
        )

        with pytest.raises(PackError):
            ledger.submit(scarf)
        with pytest.raises(PackError) as caught:
            ledger.submit(lamps(2), strict=True)

        assert caught.value.codes() == ("over_packed",)


class TestPROsAnswers:
    """Confirm records PRO's consignments once; refuse releases the units."""

    def test_confirming_records_the_consignment_under_pros_reference(self) -> None:
        """One ledger carries the flow: split, confirm, and the order is packed, once."""
        sent = OrderLedger.open(seed_order()).submit_split(seed_plan())
        ledger = sent.ledger
        for n, submission in enumerate(sent.submissions):
            ledger = answer(ledger, submission.key, start=1000 + n)

        assert ledger.status.value == "Packed"
        assert ledger.problems() == ()
        assert [c.reference for c in ledger.consignments] == ["EC-000-000-0RS", "EC-000-000-0RT"]
        assert [s.consignments for s in ledger.submissions] == [
            ("EC-000-000-0RS",),
            ("EC-000-000-0RT",),
        ]
        assert all(line.pending == 0 for line in ledger.lines)

    def test_the_same_answer_twice_changes_nothing(self) -> None:
        """A redelivered answer is recorded once."""
        sent = OrderLedger.open(order(item(quantity=2))).submit(lamps())
        key = sent.submissions[0].key
        once = answer(sent.ledger, key)

        assert answer(once, key) == once

    def test_another_answer_to_a_confirmed_request_is_refused(self) -> None:
        """Two consignments for one request would count its units twice."""
        sent = OrderLedger.open(order(item(quantity=2))).submit(lamps())
        key = sent.submissions[0].key
        once = answer(sent.ledger, key)

        with pytest.raises(LedgerError) as caught:
            answer(once, key, start=200)
        with pytest.raises(LedgerError) as refused:
            once.refuse(key, "late")

        assert caught.value.codes() == refused.value.codes() == ("submission_settled",)
        assert [p.path for p in caught.value.problems] == ["submissions"]
        assert caught.value.problems[0].message == (
            f"submission '{key}' is Confirmed; it cannot be confirmed as ['EC-000-000-05K'] now"
        )

    def test_confirming_a_pack_order_needs_pros_response(self) -> None:
        """Only a cancellation is confirmed without one."""
        sent = OrderLedger.open(order(item(quantity=2))).submit(lamps())

        with pytest.raises(LedgerError) as caught:
            sent.ledger.confirm(sent.submissions[0].key)

        assert caught.value.codes() == ("response_missing",)

    def test_a_refusal_makes_the_units_outstanding_again_and_keeps_the_reason(self) -> None:
        """Refusing twice for the same reason changes nothing."""
        sent = OrderLedger.open(order(item(quantity=2))).submit(lamps())
        key = sent.submissions[0].key

        refused = sent.ledger.refuse(key, "OperationFailed: no carrier")

        assert refused.outstanding == (2,)
        assert refused.submission(key).reason == "OperationFailed: no carrier"
        assert refused.refuse(key, "OperationFailed: no carrier") == refused
        with pytest.raises(LedgerError):
            refused.refuse(key, "another reason")

    def test_an_unknown_key_is_named(self) -> None:
        """Every answer names the submission it answers."""
        ledger = OrderLedger.open(order(item(quantity=2)))

        with pytest.raises(LedgerError) as unconfirmed:
            ledger.confirm("nope")
        with pytest.raises(LedgerError) as unrefused:
            ledger.refuse("nope", "x")

        assert unconfirmed.value.codes() == unrefused.value.codes() == ("submission_unknown",)


class TestCancelling:
    """A cancellation is a request in flight too: the units stay packed until confirmed."""

    def test_a_pending_cancellation_keeps_the_units_packed_until_confirmed(self) -> None:
        """Confirmed, the consignment is cancelled and its units outstanding (C4)."""
        packed = OrderLedger.open(order(item(quantity=1))).pack(lamps()).ledger
        sent = packed.submit_cancel("EC-000-000-001")

        assert sent.ledger.outstanding == (0,)
        done = sent.ledger.confirm(sent.submissions[0].key)
        assert done.outstanding == (1,)
        assert done.consignments[0].state is ConsignmentState.CANCELLED
        assert done.confirm(sent.submissions[0].key) == done

    def test_a_refused_cancellation_leaves_the_consignment_live(self) -> None:
        """PRO said no: nothing changes but the submission."""
        packed = OrderLedger.open(order(item(quantity=1))).pack(lamps()).ledger
        sent = packed.submit_cancel("EC-000-000-001")

        refused = sent.ledger.refuse(sent.submissions[0].key, "OperationFailed")

        assert refused.live == packed.live
        assert refused.outstanding == (0,)
        assert (refused.submissions[0].state, refused.submissions[0].reason) == (
            SubmissionState.REFUSED,
            "OperationFailed",
        )

    def test_a_second_cancellation_of_one_consignment_is_refused(self) -> None:
        """Under another key, while the first is pending; an unknown one is named."""
        packed = OrderLedger.open(order(item(quantity=1))).pack(lamps()).ledger
        sent = packed.submit_cancel("EC-000-000-001")

        with pytest.raises(LedgerError) as caught:
            sent.ledger.submit_cancel("EC-000-000-001")
        with pytest.raises(LedgerError) as unknown:
            packed.submit_cancel("EC-000-000-999")

        assert [str(p) for p in caught.value.problems] == [
            "cancel_pending at cancel: the cancellation of 'EC-000-000-001' is pending already"
        ]
        assert unknown.value.codes() == ("consignment_unknown",)


def timed_out(*faults: Fault) -> tuple[FakePro, Reconciled]:
    """The seed split sent to PRO, each call failing as *faults* say, then reconciled."""
    pro = FakePro()
    placed = pro.add_order(seed_order())
    sent = OrderLedger.open(placed).submit_split(seed_plan())
    pro.fail_next(*faults)
    for submission in sent.submissions:
        with pytest.raises(ProTimeoutError):
            pro.pack_order(placed.reference or "", submission.request, key=submission.key)  # type: ignore[arg-type]
    return pro, sent.ledger.reconcile(pro.consignments_for(placed.reference or ""))


class TestReconciling:
    """After a timeout, the ledger becomes what PRO holds, every difference reported."""

    def test_a_request_pro_made_is_confirmed_and_one_it_did_not_released(self) -> None:
        """Two requests timed out: PRO made the first only."""
        pro, reconciled = timed_out(Fault.TIMEOUT_AFTER, Fault.TIMEOUT_BEFORE)

        assert [str(p) for p in reconciled.differences] == [
            "submission_confirmed at submissions[0]: PRO made ['EC-000-001-000']: confirmed",
            "submission_released at submissions[1]: PRO never made 'EO-000-002-0TS/2'; released",
        ]
        ledger = reconciled.ledger
        assert [s.reason for s in ledger.submissions] == [None, "reconciled: PRO never made it"]
        assert [s.state for s in ledger.submissions] == [
            SubmissionState.CONFIRMED,
            SubmissionState.RELEASED,
        ]
        assert ledger.consignments == pro.consignments_for("EO-000-002-0TS")
        assert [line.outstanding for line in ledger.lines] == [0, 0, 1, 1]

    def test_every_request_pro_made_is_confirmed_with_its_own_consignment(self) -> None:
        """Two answers lost: each pending request claims the consignment made for it."""
        _, reconciled = timed_out(Fault.TIMEOUT_AFTER, Fault.TIMEOUT_AFTER)

        assert [(p.code, p.path) for p in reconciled.differences] == [
            ("submission_confirmed", "submissions[0]"),
            ("submission_confirmed", "submissions[1]"),
        ]
        assert [s.consignments for s in reconciled.ledger.submissions] == [
            ("EC-000-001-000",),
            ("EC-000-001-001",),
        ]
        assert reconciled.ledger.status.value == "Packed"

    def test_a_consignment_no_request_made_is_recorded_and_reported(self) -> None:
        """Packed by someone else: counted, and named."""
        pro = FakePro()
        placed = pro.add_order(order(item(quantity=2), reference="EO-000-000-001"))
        pro.pack_order("EO-000-000-001", lamps())

        reconciled = OrderLedger.open(placed).reconcile(pro.consignments_for("EO-000-000-001"))

        assert [str(p) for p in reconciled.differences] == [
            (
                "consignment_unexpected at consignments[0]: PRO holds 'EC-000-001-000', which no "
                "submission of this ledger made; recorded"
            )
        ]
        assert reconciled.ledger.outstanding == (1,)

    def test_a_consignment_pro_does_not_hold_is_dropped_and_a_changed_one_taken(self) -> None:
        """PRO is the system of record for its consignments."""
        ledger = OrderLedger.open(order(item(quantity=3))).pack(lamps()).ledger
        ledger = ledger.pack(lamps()).ledger
        first, second = ledger.consignments
        cancelled = attrs.evolve(second, state=ConsignmentState.CANCELLED)

        reconciled = ledger.reconcile([cancelled])

        assert [(p.code, p.path) for p in reconciled.differences] == [
            ("consignment_missing", "consignments[0]"),
            ("consignment_changed", "consignments[0]"),
        ]
        assert reconciled.ledger.consignments == (cancelled,)
        assert reconciled.ledger.outstanding == (3,)
        assert str(first.reference) in reconciled.differences[0].message

    def test_a_consignment_pro_allocated_is_a_change_of_state_not_of_contents(self) -> None:
        """PRO's Allocation is PRO's to fill in: reported as the new state, counted the same."""
        ledger = OrderLedger.open(order(item(quantity=2))).pack(lamps()).ledger
        allocated = attrs.evolve(
            ledger.consignments[0],
            state=ConsignmentState.ALLOCATED,
            carrier_allocation=CarrierAllocation(mpd_carrier_service_reference="DPD-NEXT-DAY"),
        )

        reconciled = ledger.reconcile([allocated])

        assert [p.message for p in reconciled.differences] == [
            "PRO's copy of 'EC-000-000-001' is Allocated, not Unallocated; PRO's is kept"
        ]
        assert reconciled.ledger.outstanding == ledger.outstanding
        assert reconciled.ledger.problems() == ()

    def test_a_pending_cancellation_follows_what_pro_holds(self) -> None:
        """Cancelled at PRO: confirmed; still live: released."""
        packed = OrderLedger.open(order(item(quantity=1))).pack(lamps()).ledger
        sent = packed.submit_cancel("EC-000-000-001")
        live = packed.consignments[0]
        gone = attrs.evolve(live, state=ConsignmentState.CANCELLED)

        reconciled = sent.ledger.reconcile([gone])
        done = reconciled.ledger
        kept = sent.ledger.reconcile([live]).ledger

        assert str(reconciled.differences[-1]) == (
            "submission_confirmed at submissions[0]: PRO holds 'EC-000-000-001' cancelled, or "
            "not at all: confirmed"
        )
        assert done.submissions[0].state is SubmissionState.CONFIRMED
        assert done.outstanding == (1,)
        assert kept.submissions[0].state is SubmissionState.RELEASED
        assert kept.outstanding == (0,)


def _one_unit_of(**names: str) -> PackOrderRequest:
    """A Pack Order of one unit of the line *names* name, in a box."""
    return PackOrderRequest(
        packages=[PackPackage(items=[PackItem(quantity=1, **names)], package_size_reference="BOX")]
    )


@pytest.mark.parametrize(
    ("lines", "named"),
    [
        # Lines alike but for the identifier each request names its line by.
        (
            [item(reference="a" * 32), item(reference="b" * 32)],
            [{"reference": "a" * 32}, {"reference": "b" * 32}],
        ),
        ([item(sku="LAMP-01"), item(sku="LAMP-02")], [{"sku": "LAMP-01"}, {"sku": "LAMP-02"}]),
        (
            [
                item(item_reference_provided_by_customer="L1"),
                item(item_reference_provided_by_customer="L2"),
            ],
            [
                {"item_reference_provided_by_customer": "L1"},
                {"item_reference_provided_by_customer": "L2"},
            ],
        ),
    ],
    ids=["reference", "sku", "customer reference"],
)
def test_reconcile_tells_requests_apart_by_the_line_each_packs(
    lines: list[OrderItem], named: list[dict[str, str]]
) -> None:
    """PRO made the second request only: the first, for another line, is not taken for it."""
    placed = order(*lines, reference="EO-000-000-001")
    first, second = (_one_unit_of(**names) for names in named)
    sent = OrderLedger.open(placed).submit(first).ledger.submit(second).ledger
    made = pack_order(placed, second, references=SequentialReferences(start=500))

    reconciled = sent.reconcile(made.consignments)

    assert [(s.state, s.consignments) for s in reconciled.ledger.submissions] == [
        (SubmissionState.RELEASED, ()),
        (SubmissionState.CONFIRMED, (made.consignment.reference,)),
    ]
    assert reconciled.ledger.outstanding == (1, 0)


class TestTheFake:
    """The stand-in for PRO answers as PRO does, faults included."""

    def test_a_refusal_carries_pros_error_body(self) -> None:
        """PRO's v1 error: an internal code, a message, a correlation id (section 9)."""
        pro = FakePro()
        placed = pro.add_order(order(item(quantity=1), reference="EO-000-000-001"))
        pro.fail_next(Fault.REFUSE)

        with pytest.raises(ProRefusedError) as caught:
            pro.pack_order("EO-000-000-001", lamps())

        assert caught.value.status == 400
        assert caught.value.error.code == "OperationFailed"
        assert placed.reference is not None
        assert pro.consignments_for(placed.reference) == ()

    def test_an_invalid_request_is_refused_with_a_detail_per_problem(self) -> None:
        """PRO's rules, by pack_order; an unknown order is a 404."""
        pro = FakePro()
        pro.add_order(order(item(quantity=1), reference="EO-000-000-001"))
        scarf = PackOrderRequest(
            packages=[
                PackPackage(items=[PackItem(sku="SCARF", quantity=1)], package_size_reference="BOX")
            ]
        )

        with pytest.raises(ProRefusedError) as caught:
            pro.pack_order("EO-000-000-001", scarf)
        with pytest.raises(ProRefusedError) as missing:
            pro.pack_order("EO-000-000-404", lamps())

        assert [d.code for d in caught.value.error.details] == ["item_not_on_order"]
        assert missing.value.status == 404

    def test_a_retry_makes_a_second_consignment_unless_pro_is_idempotent(self) -> None:
        """PRO's v1 documents name no idempotency key: reconcile before a retry."""
        for idempotent, made in ((False, 2), (True, 1)):
            pro = FakePro(idempotent=idempotent)
            pro.add_order(order(item(quantity=2), reference="EO-000-000-001"))
            pro.fail_next(Fault.TIMEOUT_AFTER)
            with pytest.raises(ProTimeoutError):
                pro.pack_order("EO-000-000-001", lamps(), key="k")
            pro.pack_order("EO-000-000-001", lamps(), key="k")

            assert len(pro.consignments_for("EO-000-000-001")) == made

    def test_an_answer_delivered_twice_is_recorded_once(self) -> None:
        """The redelivered answer confirms what is confirmed already: no change."""
        pro = FakePro()
        placed = pro.add_order(order(item(quantity=2), reference="EO-000-000-001"))
        sent = OrderLedger.open(placed).submit(lamps())
        key = sent.submissions[0].key
        pro.fail_next(Fault.ANSWER_TWICE)

        ledger = sent.ledger.confirm(key, pro.pack_order("EO-000-000-001", lamps(), key=key))

        assert ledger.confirm(key, pro.redelivered.pop()) == ledger

    def test_cancelling_follows_c4_and_faults(self) -> None:
        """Cancelled once; a second cancel is refused; a timeout after still cancels."""
        pro = FakePro()
        pro.add_order(order(item(quantity=2), reference="EO-000-000-001"))
        reference = pro.pack_order("EO-000-000-001", lamps()).results[0].data or ""
        pro.fail_next(Fault.TIMEOUT_AFTER)

        with pytest.raises(ProTimeoutError):
            pro.cancel_consignment(reference)
        with pytest.raises(ProRefusedError) as again:
            pro.cancel_consignment(reference)
        with pytest.raises(ProRefusedError) as unknown:
            pro.cancel_consignment("EC-000-000-404")

        (held,) = pro.consignments_for("EO-000-000-001")
        assert held.state is ConsignmentState.CANCELLED
        assert (again.value.status, unknown.value.status) == (400, 404)


class TestMore:
    """The rarer paths: returns, changed contents, settled cancellations, PRO's other faults."""

    def test_a_pack_order_with_a_return_is_matched_with_both_consignments(self) -> None:
        """GenerateReturn: PRO makes the consignment and its return; both are claimed."""
        pro = FakePro()
        placed = pro.add_order(order(item(quantity=1), reference=None))
        request = attrs.evolve(lamps(), generate_return=True)
        sent = OrderLedger.open(placed).submit(request)
        pro.fail_next(Fault.TIMEOUT_AFTER)
        with pytest.raises(ProTimeoutError):
            pro.pack_order(placed.reference or "", request)

        reconciled = sent.ledger.reconcile(pro.consignments_for(placed.reference or ""))

        assert placed.reference == "EO-999-000-001"
        assert [p.code for p in reconciled.differences] == ["submission_confirmed"]
        assert len(reconciled.ledger.submissions[0].consignments) == 2
        assert reconciled.ledger.status.value == "Packed"

    def test_a_consignment_pro_holds_with_other_contents_is_a_change(self) -> None:
        """Same reference, same state, other items: PRO's copy is taken, the change named."""
        ledger = OrderLedger.open(order(item(quantity=3))).pack(lamps()).ledger
        theirs = OrderLedger.open(order(item(quantity=3))).pack(lamps(2)).result.consignment
        assert theirs.reference == ledger.consignments[0].reference

        reconciled = ledger.reconcile([theirs])

        assert [p.code for p in reconciled.differences] == ["consignment_changed"]
        assert "ships something else" in reconciled.differences[0].message
        assert reconciled.ledger.outstanding == (1,)

    def test_a_refused_cancellation_cannot_be_confirmed(self) -> None:
        """Settled is settled: a late confirmation of a refused cancel is refused."""
        packed = OrderLedger.open(order(item(quantity=1))).pack(lamps()).ledger
        sent = packed.submit_cancel("EC-000-000-001")
        key = sent.submissions[0].key
        refused = sent.ledger.refuse(key, "no")

        with pytest.raises(LedgerError) as caught:
            refused.confirm(key)

        assert caught.value.codes() == ("submission_settled",)

    def test_pros_other_calls_fail_as_told(self) -> None:
        """Get Consignments times out; Cancel is refused or times out before; 404s."""
        pro = FakePro()
        pro.add_order(order(item(quantity=2), reference="EO-000-000-001"))
        reference = pro.pack_order("EO-000-000-001", lamps()).results[0].data or ""
        pro.fail_next(Fault.TIMEOUT_BEFORE, Fault.REFUSE, Fault.TIMEOUT_BEFORE)

        with pytest.raises(ProTimeoutError):
            pro.consignments_for("EO-000-000-001")
        with pytest.raises(ProRefusedError):
            pro.cancel_consignment(reference)
        with pytest.raises(ProTimeoutError):
            pro.cancel_consignment(reference)
        with pytest.raises(ProRefusedError) as missing:
            pro.consignments_for("EO-000-000-404")

        assert missing.value.status == 404
        assert pro.consignments_for("EO-000-000-001")[0].state is ConsignmentState.UNALLOCATED


def test_the_report_names_the_order_and_each_submissions_outcome() -> None:
    """A confirmed submission with its consignments, a refused one with PRO's reason."""
    ledger = OrderLedger.open(order(item(quantity=3), reference="EO-000-000-001"))
    sent = ledger.submit(lamps(), key="k1").ledger.submit(lamps(), key="k2").ledger
    settled = answer(sent, "k1").refuse("k2", "no stock")

    report = settled.report()

    assert report.order_reference == "EO-000-000-001"
    assert [(s.key, s.submission_state, s.consignments, s.reason) for s in report.submissions] == [
        ("k1", SubmissionState.CONFIRMED, ("EC-000-000-02S",), None),
        ("k2", SubmissionState.REFUSED, (), "no stock"),
    ]


def test_a_consignment_pro_holds_in_another_box_is_a_change_of_contents() -> None:
    """Reported as shipping something else, and PRO's copy kept."""
    ledger = OrderLedger.open(order(item(quantity=2))).pack(lamps()).ledger
    mine = ledger.consignments[0]
    theirs = attrs.evolve(
        mine, packages=[attrs.evolve(mine.packages[0], package_size_reference="CRATE")]
    )

    reconciled = ledger.reconcile([theirs])

    assert [str(p) for p in reconciled.differences] == [
        (
            "consignment_changed at consignments[0]: PRO's copy of 'EC-000-000-001' ships "
            "something else; PRO's is kept"
        )
    ]
    assert reconciled.ledger.consignments == (theirs,)


def test_reconcile_tells_requests_apart_by_their_boxes() -> None:
    """The same lamp in a box and in a crate: PRO made the crate only, and only it is confirmed."""
    placed = order(item(quantity=2), reference="EO-000-000-001")
    boxed = lamps()
    crated = attrs.evolve(
        boxed, packages=[attrs.evolve(boxed.packages[0], package_size_reference="CRATE")]
    )
    sent = OrderLedger.open(placed).submit(boxed).ledger.submit(crated).ledger
    made = pack_order(placed, crated, references=SequentialReferences(start=600))

    reconciled = sent.reconcile(made.consignments)

    assert [s.state for s in reconciled.ledger.submissions] == [
        SubmissionState.RELEASED,
        SubmissionState.CONFIRMED,
    ]


def test_a_confirmed_request_claims_one_consignment_and_the_twin_is_unexpected() -> None:
    """PRO holds two alike for one request: the request claims the first, once, not both."""
    placed = order(item(quantity=3), reference="EO-000-000-001")
    sent = OrderLedger.open(placed).submit(lamps())
    first, twin = (
        pack_order(placed, lamps(), references=SequentialReferences(start=n)).consignment
        for n in (300, 400)
    )

    reconciled = sent.ledger.reconcile([first, twin])

    assert reconciled.ledger.submissions[0].consignments == (first.reference,)
    assert [(p.code, p.path) for p in reconciled.differences] == [
        ("submission_confirmed", "submissions[0]"),
        ("consignment_unexpected", "consignments[1]"),
    ]


def test_reconcile_takes_what_fits_by_contents_when_pro_kept_no_shipping_date() -> None:
    """PRO need not keep a request's shipping date: the contents alone then match it."""
    placed = order(item(quantity=2), reference="EO-000-000-001")
    dated = attrs.evolve(lamps(), shipping_date=datetime(2026, 12, 1, 9, tzinfo=UTC))
    sent = OrderLedger.open(placed).submit(dated)
    made = pack_order(placed, dated, references=SequentialReferences(start=70)).consignment
    undated = attrs.evolve(made, shipping_date=None)

    reconciled = sent.ledger.reconcile([undated])

    assert reconciled.ledger.submissions[0].state is SubmissionState.CONFIRMED
    assert reconciled.ledger.submissions[0].consignments == (undated.reference,)


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        (
            {"key": "", "request": lamps()},
            "empty_submission_key at key: a submission needs a key to be found by",
        ),
        (
            {"key": "k"},
            (
                "submission_kind at request: a submission is either a Pack Order (request) or a "
                "cancellation (cancel)"
            ),
        ),
    ],
    ids=["no key", "neither"],
)
def test_a_submission_names_what_it_lacks(fields: dict[str, Any], said: str) -> None:
    """A key to be found by; a Pack Order or a cancellation."""
    with pytest.raises(ModelError) as caught:
        Submission(**fields)

    assert [str(p) for p in caught.value.problems] == [said]


def test_an_answer_to_an_unknown_key_or_a_refused_key_sent_again_is_named() -> None:
    """Each refusal says which key and why; keys of an order without a reference say order."""
    ledger = OrderLedger.open(order(item(quantity=2)))
    refused = ledger.submit(lamps(), key="k").ledger.refuse("k", "no stock")

    with pytest.raises(LedgerError) as unknown:
        ledger.confirm("nope")
    with pytest.raises(LedgerError) as again:
        refused.submit(lamps(), key="k")

    assert [str(p) for p in unknown.value.problems] == [
        "submission_unknown at submissions: no submission of this ledger has key 'nope'"
    ]
    assert [str(p) for p in again.value.problems] == [
        (
            "submission_settled at submissions: submission 'k' is Refused; it cannot be sent again "
            "under its key; give it a new key now"
        )
    ]
    unnamed = OrderLedger.open(order(item(quantity=2), reference=None))
    assert unnamed.submit(lamps()).submissions[0].key == "order/1"


@pytest.mark.parametrize(
    ("code", "message", "reason"),
    [
        ("OperationFailed", "No stock", "OperationFailed: No stock"),
        (None, "No stock", "No stock"),
        ("OperationFailed", None, "OperationFailed"),
        (None, None, "(no message)"),
    ],
)
def test_pros_error_reads_as_a_refusals_reason(
    code: str | None, message: str | None, reason: str
) -> None:
    """Its code and its message, whichever it gives; something, if it gives neither."""
    assert str(ApiError(code=code, message=message)) == reason


def test_a_submission_is_one_kind_of_request() -> None:
    """A Pack Order or a cancellation; references once confirmed; a reason once closed."""
    with pytest.raises(ModelError) as caught:
        Submission(key="", consignments=["EC-000-000-001"], reason="x")

    assert caught.value.codes() == (
        "empty_submission_key",
        "submission_kind",
        "submission_consignments",
        "submission_reason",
    )


def test_a_ledger_read_with_a_key_twice_or_an_item_not_on_the_order_is_refused() -> None:
    """What a ledger document holds is checked as the ledger's own steps check it."""
    scarf = PackOrderRequest(
        packages=[
            PackPackage(items=[PackItem(sku="SCARF", quantity=1)], package_size_reference="BOX")
        ]
    )

    with pytest.raises(LedgerError) as caught:
        OrderLedger(
            order=order(item(quantity=2)),
            submissions=[
                Submission(key="k", request=lamps()),
                Submission(key="k", request=scarf),
            ],
        )

    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("key_reused", "submissions[1].key"),
        ("item_not_on_order", "submissions[1].request.packages[0].items[0].sku"),
    ]


def lamps_free() -> PackOrderRequest:
    """A Pack Order of the seed order's hat."""
    return PackOrderRequest(
        packages=[
            PackPackage(items=[PackItem(sku="HAT-01", quantity=1)], package_size_reference="BOX")
        ]
    )


class TestRetries:
    """Sending again under a key: the same submission, whatever the ledger holds now."""

    def test_a_retry_is_recognised_before_the_request_is_judged_again(self) -> None:
        """Its units are reserved by itself: a strict retry, or a split's, is no over-pack."""
        ledger = OrderLedger.open(order(item(quantity=1)))
        sent = ledger.submit(lamps(), key="k", strict=True)
        split = OrderLedger.open(seed_order()).submit_split(seed_plan(), keys=["a", "b"])

        assert sent.ledger.submit(lamps(), key="k", strict=True).ledger == sent.ledger
        again = split.ledger.submit_split(seed_plan(), keys=["a", "b"])
        assert again.ledger == split.ledger
        assert again.submissions == split.submissions

    def test_a_released_request_is_pending_again_and_a_refused_one_needs_a_new_key(self) -> None:
        """PRO never made the released one; the refused one PRO answered."""
        sent = OrderLedger.open(order(item(quantity=2))).submit(lamps(), key="k")
        released = sent.ledger.reconcile([]).ledger
        refused = sent.ledger.refuse("k", "no")

        reopened = released.submit(lamps(), key="k")

        assert reopened.submissions[0].state is SubmissionState.PENDING
        assert reopened.ledger.outstanding == (1,)
        with pytest.raises(LedgerError) as caught:
            refused.submit(lamps(), key="k")
        assert caught.value.codes() == ("submission_settled",)

    def test_a_cancellation_sent_again_or_done_here_already_changes_nothing(self) -> None:
        """Retried after its confirmation; confirmed after ledger.cancel did it."""
        packed = OrderLedger.open(order(item(quantity=1))).pack(lamps()).ledger
        sent = packed.submit_cancel("EC-000-000-001", key="c")
        done = sent.ledger.confirm("c")

        assert done.submit_cancel("EC-000-000-001", key="c").ledger == done
        early = sent.ledger.cancel("EC-000-000-001").confirm("c")
        assert early.submission("c").state is SubmissionState.CONFIRMED
        assert early.outstanding == (1,)


def test_reconcile_takes_what_fits_in_every_respect_first() -> None:
    """Two requests alike but for their ship day; PRO made the second: it is confirmed."""
    placed = order(item(quantity=2))
    first = attrs.evolve(lamps(), shipping_date=datetime(2026, 12, 1, 9, tzinfo=UTC))
    second = attrs.evolve(lamps(), shipping_date=datetime(2026, 12, 2, 9, tzinfo=UTC))
    ledger = OrderLedger.open(placed).submit(first, key="k1").ledger.submit(second, key="k2")
    made = pack_order(placed, second, references=SequentialReferences(start=50)).consignment

    reconciled = ledger.ledger.reconcile([made])

    assert [(s.key, s.state) for s in reconciled.ledger.submissions] == [
        ("k1", SubmissionState.RELEASED),
        ("k2", SubmissionState.CONFIRMED),
    ]


def test_a_wrong_kind_of_argument_is_the_librarys_error() -> None:
    """Every argument of the flow is checked; all of one call's at once."""
    ledger: Any = OrderLedger.open(order(item(quantity=1))).submit(lamps(), key="k").ledger
    calls: list[tuple[Callable[[], object], list[tuple[str, str]]]] = [
        (
            lambda: ledger.submit({"Packages": []}, key=7),
            [("wrong_type", "request"), ("wrong_type", "key")],
        ),
        (lambda: ledger.submit_split({}), [("wrong_type", "plan")]),
        (lambda: ledger.submit_split(seed_plan(), keys="ab"), [("wrong_type", "keys")]),
        (lambda: ledger.submit_cancel(None), [("wrong_type", "reference")]),
        (lambda: ledger.confirm("k", {"Results": []}), [("wrong_type", "response")]),
        (lambda: ledger.refuse("k", None), [("wrong_type", "reason")]),
        (lambda: ledger.reconcile(None), [("wrong_type", "consignments")]),
        (lambda: ledger.reconcile([None]), [("wrong_type", "consignments[0]")]),
    ]

    for call, expected in calls:
        with pytest.raises(ModelError) as caught:
            call()
        assert [(p.code, p.path) for p in caught.value.problems] == expected
