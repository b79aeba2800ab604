"""An order's status as one document: its lines, its consignments, its requests in flight.

:meth:`OrderLedger.report() <orderpack.OrderLedger.report>` gives a :class:`StatusReport`, a
plain value whose JSON form (``orderpack.contract.dumps``) a service returns as it is and
``orderpack status --json`` prints. Every count is a field, so the JSON holds what is
outstanding and over-packed, not only what was ordered and packed.

>>> from orderpack import OrderLedger
>>> from orderpack.contract import dumps
>>> from orderpack.demo import seed_order, seed_plan
>>> ledger = OrderLedger.open(seed_order()).submit_split(seed_plan()).ledger
>>> report = ledger.report()
>>> report.status.value, [(line.sku, line.pending) for line in report.lines][:2]
('Unpacked', [('NECK-01', 1), ('BRAC-01', 1)])
>>> dumps(report.lines[3])
'{"Line":3,"Path":"packages[1].items[1]","Sku":"HAT-01","Reference":"3c4d5e6f708192a3b4c5d6e7f8091a2b","Description":"Hat","Ordered":1,"Packed":0,"Pending":1,"Outstanding":0,"OverPacked":0}'
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Final

import attrs

from orderpack.model.checks import to_tuple
from orderpack.model.classes import model
from orderpack.model.consignment import ConsignmentState
from orderpack.model.trusted import copier
from orderpack.model.values import Direction
from orderpack.tracking.submissions import SubmissionState

if TYPE_CHECKING:
    from orderpack.tracking.ledger import OrderLedger

__all__ = ["ConsignmentStatus", "LineStatus", "OrderStatus", "StatusReport", "SubmissionStatus"]


class OrderStatus(StrEnum):
    """An order's packing status, derived from its ledger (PRO's orders have none, 8.3)."""

    UNPACKED = "Unpacked"
    PARTIALLY_PACKED = "PartiallyPacked"
    PACKED = "Packed"
    OVER_PACKED = "OverPacked"


@model
class LineStatus:
    """One order line's counts: ``ordered == packed + pending + outstanding - over_packed``."""

    line: int
    path: str
    sku: str | None = None
    reference: str | None = None
    description: str | None = None
    ordered: int
    packed: int
    pending: int
    outstanding: int
    over_packed: int


@model
class ConsignmentStatus:
    """One consignment made from the order: its reference, state and direction."""

    reference: str | None = None
    consignment_state: ConsignmentState
    consignment_direction: Direction


@model
class SubmissionStatus:
    """One request sent to PRO: its key, where it stands, what PRO made or why not."""

    key: str
    submission_state: SubmissionState
    cancel: str | None = None
    consignments: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    reason: str | None = None


@model
class StatusReport:
    """An order's status: its reference and status, every line, consignment and request."""

    order_reference: str | None = None
    status: OrderStatus
    lines: tuple[LineStatus, ...] = attrs.field(converter=to_tuple)
    consignments: tuple[ConsignmentStatus, ...] = attrs.field(default=(), converter=to_tuple)
    submissions: tuple[SubmissionStatus, ...] = attrs.field(default=(), converter=to_tuple)


def report_of(ledger: OrderLedger) -> StatusReport:
    """*ledger*'s :meth:`~orderpack.OrderLedger.report`: its status and each of its parts."""
    return StatusReport(
        order_reference=ledger.order.reference,
        status=ledger.status,
        lines=[_line_status(line) for line in ledger.lines],
        consignments=[
            ConsignmentStatus(
                reference=c.reference,
                consignment_state=c.state,
                consignment_direction=c.direction,
            )
            for c in ledger.consignments
        ],
        submissions=[
            SubmissionStatus(
                key=s.key,
                submission_state=s.state,
                cancel=s.cancel,
                consignments=s.consignments,
                reason=s.reason,
            )
            for s in ledger.submissions
        ],
    )


_line_status: Final = copier(LineStatus)
"""A line's status from its balance: every field of the same name, derived counts included."""
