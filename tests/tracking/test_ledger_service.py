"""The ledger a service runs on: unique references, PRO's answers, re-planning what is left."""

from __future__ import annotations

from datetime import UTC, datetime

import attrs
import pytest

from builders import allocate, item, lamps, order, parcel
from orderpack import (
    Direction,
    LedgerError,
    OrderLedger,
    Plan,
    SequentialReferences,
    SplitError,
    split_order,
)
from orderpack.demo import seed_order, seed_plan
from orderpack.tracking.responses import (
    ApiLink,
    ConsignmentOperationResult,
    PackOrderResponse,
    PackOrderResult,
)


def created(*references: str) -> PackOrderResponse:
    """PRO's answer: the consignment created and, after it, its return."""
    kinds = [
        ConsignmentOperationResult.CONSIGNMENT_CREATED,
        ConsignmentOperationResult.RETURN_CONSIGNMENT_CREATED,
    ]
    return PackOrderResponse(
        results=[
            PackOrderResult(
                result=kind,
                api_links=[
                    ApiLink(rel="Consignment", href=f"https://api.example/consignments/{ref}")
                ],
            )
            for kind, ref in zip(kinds, references, strict=False)
        ]
    )


class TestReferences:
    """Two consignments that are not cancelled never share a reference."""

    def test_the_ledgers_own_references_are_distinct(self) -> None:
        """Packing without a reference source: each consignment gets its own reference."""
        ledger = OrderLedger.open(order(item(quantity=3)))

        for _ in range(3):
            ledger = ledger.pack(lamps()).ledger

        assert [c.reference for c in ledger.consignments] == [
            "EC-000-000-001",
            "EC-000-000-002",
            "EC-000-000-003",
        ]
        assert len({p.reference for c in ledger.consignments for p in c.packages}) == 3

    def test_the_ledgers_references_follow_pros(self) -> None:
        """Rebuilt from PRO's consignments, the ledger numbers after the highest it holds."""
        made = OrderLedger.open(order(item(quantity=2))).pack(lamps()).result.consignment
        theirs = attrs.evolve(made, reference="EC-000-001-2AD")

        ledger = OrderLedger.rebuild(order(item(quantity=2)), [theirs]).pack(lamps()).ledger

        assert ledger.consignments[1].reference == "EC-000-001-2AE"

    def test_a_second_consignment_with_a_live_reference_is_refused(self) -> None:
        """One source for every pack, restarted: the repeat is refused and nothing changes."""
        ledger = OrderLedger.open(order(item(quantity=2))).pack(lamps()).ledger

        with pytest.raises(LedgerError) as caught:
            ledger.pack(lamps(), references=SequentialReferences())

        assert [(p.code, p.path) for p in caught.value.problems] == [
            ("duplicate_reference", "consignments[1].reference")
        ]

    def test_a_cancelled_reference_stays_taken(self) -> None:
        """Cancelled is final (C4): a live copy of a cancelled consignment is refused."""
        ledger = OrderLedger.open(order(item(quantity=2))).pack(lamps()).ledger
        live = ledger.consignments[0]
        cancelled = ledger.cancel("EC-000-000-001")

        with pytest.raises(LedgerError) as recorded:
            cancelled.record(live)
        with pytest.raises(LedgerError) as rebuilt:
            OrderLedger.rebuild(order(item(quantity=2)), [cancelled.consignments[0], live])
        with pytest.raises(LedgerError) as reversed_:
            OrderLedger.rebuild(order(item(quantity=2)), [live, cancelled.consignments[0]])
        with pytest.raises(LedgerError):
            cancelled.pack(lamps(), references=SequentialReferences())

        for caught in (recorded, rebuilt, reversed_):
            ((code, path),) = [(p.code, p.path) for p in caught.value.problems]
            assert (code, path) == ("duplicate_reference", "consignments[1].reference")
            assert "cancelled is final (C4)" in caught.value.problems[0].message
        assert [c.reference for c in cancelled.pack(lamps()).ledger.live] == ["EC-000-000-002"]


def test_another_orders_consignment_is_refused() -> None:
    """Rebuild and record count only the order's own consignments."""
    mine = order(item(quantity=2))
    theirs = OrderLedger.open(order(item(quantity=2), reference="EO-000-009-ZZZ"))
    stranger = theirs.pack(lamps()).result.consignment

    with pytest.raises(LedgerError) as caught:
        OrderLedger.rebuild(mine, [stranger])
    with pytest.raises(LedgerError):
        OrderLedger.open(mine).record(stranger)

    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("order_reference_mismatch", "consignments[0].order_reference")
    ]


class TestPROsAnswer:
    """record_response records what PRO made, under the references PRO gave."""

    def test_the_consignment_is_recorded_under_pros_reference(self) -> None:
        """The reference comes from the response's link; PRO names no package references."""
        ledger = OrderLedger.open(order(item(quantity=2)))

        recorded = ledger.record_response(lamps(), created("EC-000-001-2AD"))

        (made,) = recorded.ledger.consignments
        assert made.reference == "EC-000-001-2AD"
        assert [p.reference for p in made.packages] == [None]
        assert recorded.ledger.cancel("EC-000-001-2AD").status.value == "Unpacked"

    def test_a_return_is_recorded_with_its_own_reference(self) -> None:
        """GenerateReturn: two results, outbound first."""
        request = attrs.evolve(lamps(), generate_return=True)

        recorded = OrderLedger.open(order()).record_response(
            request, created("EC-000-001-2AD", "EC-000-001-2AE")
        )

        assert [c.reference for c in recorded.ledger.consignments] == [
            "EC-000-001-2AD",
            "EC-000-001-2AE",
        ]
        assert recorded.ledger.consignments[1].return_for == "EC-000-001-2AD"

    @pytest.mark.parametrize(
        ("response", "expected"),
        [
            (
                created(),
                ["response_mismatch at results: expected 1 result(s) for this request, got 0"],
            ),
            (
                created("EC-000-001-2AD", "EC-000-001-2AE"),
                ["response_mismatch at results: expected 1 result(s) for this request, got 2"],
            ),
            (
                PackOrderResponse(
                    results=[PackOrderResult(result=ConsignmentOperationResult.OPERATION_FAILED)]
                ),
                [
                    (
                        "response_mismatch at results[0].result: expected ConsignmentCreated, got "
                        "OperationFailed"
                    ),
                    (
                        "response_mismatch at results[0].data: expected the new consignment's "
                        "reference (EC-...), got None"
                    ),
                ],
            ),
            (
                PackOrderResponse(
                    results=[
                        PackOrderResult(
                            result=ConsignmentOperationResult.CONSIGNMENT_CREATED, data="nonsense"
                        )
                    ]
                ),
                [
                    (
                        "response_mismatch at results[0].data: expected the new consignment's "
                        "reference (EC-...), got 'nonsense'"
                    )
                ],
            ),
        ],
        ids=["none", "two-for-one", "failed", "no-reference"],
    )
    def test_a_response_that_does_not_fit_is_refused(
        self, response: PackOrderResponse, expected: list[str]
    ) -> None:
        """Another number of results, a failure, no reference: refused, nothing recorded."""
        ledger = OrderLedger.open(order())

        with pytest.raises(LedgerError) as caught:
            ledger.record_response(lamps(), response)

        assert [str(p) for p in caught.value.problems] == expected

    def test_a_link_with_a_trailing_slash_names_the_consignment(self) -> None:
        """PRO's links may end in a slash: the reference is the last part before it."""
        link = ApiLink(rel="Consignment", href=".../consignments/EC-000-001-2AF/")
        response = PackOrderResponse(
            results=[
                PackOrderResult(
                    result=ConsignmentOperationResult.CONSIGNMENT_CREATED, api_links=[link]
                )
            ]
        )

        recorded = OrderLedger.open(order()).record_response(lamps(), response)

        assert recorded.ledger.consignments[0].reference == "EC-000-001-2AF"

    def test_pros_data_names_the_reference_too(self) -> None:
        """Data, when PRO sends it, is the consignment's reference."""
        response = PackOrderResponse(
            results=[
                PackOrderResult(
                    result=ConsignmentOperationResult.CONSIGNMENT_CREATED, data="EC-000-001-2AD"
                )
            ]
        )

        recorded = OrderLedger.open(order()).record_response(lamps(), response)

        assert recorded.ledger.consignments[0].reference == "EC-000-001-2AD"


class TestReplanning:
    """ledger.split judges a plan against what is outstanding, not what was ordered."""

    def test_a_replan_may_not_allocate_beyond_what_is_outstanding(self) -> None:
        """Two lamps ordered, one packed: a plan for two is refused, naming the one left."""
        ledger = OrderLedger.open(order(item(quantity=2))).pack(lamps()).ledger
        plan = Plan(allocations=[allocate(quantity=2)], packages=[parcel()])

        split_order(ledger.order, plan)  # against the order alone, it passes
        with pytest.raises(SplitError) as caught:
            ledger.split(plan)

        assert [str(p) for p in caught.value.problems] == [
            (
                "over_allocated at allocations: order item packages[0].items[0] has 1 outstanding "
                "but allocations [0] allocate 2; expected at most 1"
            )
        ]

    def test_a_replan_after_a_cancellation(self) -> None:
        """Cancelled units are outstanding again, and the new split records under new refs."""
        ledger = OrderLedger.open(seed_order())
        first = ledger.split(seed_plan())
        ledger = first.ledger.cancel(first.split.consignments[1].reference or "")
        replan = Plan(
            allocations=[a for a in seed_plan().allocations if a.origin == "WH-B"],
            packages=[p for p in seed_plan().packages if p.label.startswith("B")],
        )

        again = ledger.split(replan)

        assert again.ledger.status.value == "Packed"
        assert [c.reference for c in again.ledger.live] == [
            "EC-000-000-001",
            "EC-000-000-004",
        ]
        assert [line.outstanding for line in again.split.lines] == [0, 0, 0, 0]


def test_a_line_balance_names_its_item() -> None:
    """SKU, references and description come with every line."""
    line = OrderLedger.open(seed_order()).lines[2]

    assert (line.sku, line.description) == ("COAT-01", "Coat")
    assert line.reference == seed_order().items[2].reference


def test_two_consignments_under_one_reference_are_refused_together() -> None:
    """A rebuild from PRO's consignments with one reference twice names the second."""
    made = OrderLedger.open(order(item(quantity=2))).pack(lamps()).result.consignment

    with pytest.raises(LedgerError) as caught:
        OrderLedger.rebuild(order(item(quantity=2)), [made, made])

    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("duplicate_reference", "consignments[1].reference")
    ]


def test_a_consignment_without_references_is_counted() -> None:
    """PRO's consignment before PRO numbered it: counted, and no reference is held for it."""
    made = OrderLedger.open(order(item(quantity=2))).pack(lamps()).result.consignment
    unnumbered = attrs.evolve(
        made, reference=None, packages=[attrs.evolve(p, reference=None) for p in made.packages]
    )

    ledger = OrderLedger.rebuild(order(item(quantity=2)), [unnumbered, unnumbered])

    assert [line.packed for line in ledger.lines] == [2]
    assert ledger.pack(lamps()).ledger.consignments[2].reference == "EC-000-000-001"


def test_cancelling_a_reference_no_consignment_has() -> None:
    """Among consignments of other references: consignment_unknown."""
    ledger = OrderLedger.open(order(item(quantity=2))).pack(lamps()).ledger

    with pytest.raises(LedgerError) as caught:
        ledger.cancel("EC-000-000-999")

    assert caught.value.codes() == ("consignment_unknown",)


def test_a_response_whose_link_names_another_consignment_is_refused() -> None:
    """Data and the Consignment link must name one consignment."""
    response = PackOrderResponse(
        results=[
            PackOrderResult(
                result=ConsignmentOperationResult.CONSIGNMENT_CREATED,
                data="EC-000-001-2AD",
                api_links=[ApiLink(rel="Consignment", href=".../consignments/EC-000-001-2AF")],
            )
        ]
    )

    with pytest.raises(LedgerError) as caught:
        OrderLedger.open(order()).record_response(lamps(), response)

    assert [str(p) for p in caught.value.problems] == [
        (
            "response_mismatch at results[0].api_links: expected the links to name "
            "'EC-000-001-2AD', as the result does, got ['EC-000-001-2AF']"
        )
    ]


def test_an_inbound_orders_return_packs_nothing() -> None:
    """A return made by GenerateReturn never counts, whichever way the order goes (P10)."""
    inbound = order(item(quantity=2), direction=Direction.INBOUND)

    ledger = OrderLedger.open(inbound).pack(attrs.evolve(lamps(), generate_return=True)).ledger

    assert [line.packed for line in ledger.lines] == [1]


def test_a_cancelled_consignment_of_another_order_is_refused_too() -> None:
    """Another order's consignment has no place in this ledger, cancelled or not."""
    theirs = OrderLedger.open(order(item(quantity=2), reference="EO-000-009-ZZZ"))
    stranger = theirs.pack(lamps()).ledger.cancel("EC-000-000-001").consignments[0]

    with pytest.raises(LedgerError) as caught:
        OrderLedger.open(order(item(quantity=2))).record(stranger)

    assert caught.value.codes() == ("order_reference_mismatch",)


def test_pros_own_dates_and_statuses_do_not_hide_a_repeat() -> None:
    """Two identical packs that PRO dated and marked differently are still a repeat (P5)."""
    made = OrderLedger.open(order(item(quantity=2))).pack(lamps()).result.consignment
    first = attrs.evolve(
        made, reference="EC-000-001-001", date_created=datetime(2026, 1, 1, tzinfo=UTC)
    )
    marked = [attrs.evolve(i, status="Packed") for i in made.packages[0].items]
    second = attrs.evolve(
        made,
        reference="EC-000-001-002",
        date_created=datetime(2026, 1, 1, 0, 1, tzinfo=UTC),
        packages=[attrs.evolve(made.packages[0], items=marked)],
    )

    problems = OrderLedger.rebuild(order(item(quantity=2)), [first, second]).problems()

    assert [p.code for p in problems] == ["repeat_pack"]
