"""The status report: every count a field, every consignment and request, one JSON document."""

from __future__ import annotations

import json
import typing

from hypothesis import given

from builders import item, lamps, order
from orderpack import ConsignmentState, OrderLedger, StatusReport
from orderpack.contract import dumps, read
from orderpack.strategies import ledgers


@given(ledgers(max_events=6))
def test_the_report_holds_every_lines_counts_and_keeps_the_law(ledger: OrderLedger) -> None:
    """Its lines are the ledger's, with what is derived written down; and it reads back."""
    report = ledger.report()

    assert [(s.line, s.packed, s.pending, s.outstanding, s.over_packed) for s in report.lines] == [
        (b.line, b.packed, b.pending, b.outstanding, b.over_packed) for b in ledger.lines
    ]
    for line in report.lines:
        assert line.ordered == line.packed + line.pending + line.outstanding - line.over_packed
    # packed is what the live consignments hold, line by line
    held = [0] * len(ledger.order.items)
    for consignment in ledger.live:
        for unit in consignment.items:
            held[typing.cast("int", ledger.order.match(unit))] += unit.quantity
    assert [line.packed for line in report.lines] == held
    assert report.status is ledger.status
    assert [c.reference for c in report.consignments] == [c.reference for c in ledger.consignments]
    assert [s.key for s in report.submissions] == [s.key for s in ledger.submissions]
    assert read(dumps(report), StatusReport, strict=True).value == report


def test_its_json_writes_what_a_client_needs_even_at_defaults() -> None:
    """Outstanding, over-packed and pending are keys; an Unallocated state is written too."""
    packed = OrderLedger.open(order(item(quantity=3))).pack(lamps()).ledger
    sent = packed.submit(lamps(), key="k").ledger.submit_cancel("EC-000-000-001", key="c").ledger

    document = json.loads(dumps(sent.report()))

    assert document["Status"] == "PartiallyPacked"
    assert document["Lines"][0] | {"Path": ""} == {
        "Line": 0,
        "Path": "",
        "Sku": "LAMP-01",
        "Ordered": 3,
        "Packed": 1,
        "Pending": 1,
        "Outstanding": 1,
        "OverPacked": 0,
    }
    assert document["Consignments"] == [
        {
            "Reference": "EC-000-000-001",
            "ConsignmentState": ConsignmentState.UNALLOCATED.value,
            "ConsignmentDirection": "Outbound",
        }
    ]
    assert document["Submissions"] == [
        {"Key": "k", "SubmissionState": "Pending"},
        {"Key": "c", "SubmissionState": "Pending", "Cancel": "EC-000-000-001"},
    ]
