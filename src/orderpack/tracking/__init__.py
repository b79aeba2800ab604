"""Tracking an order over time: the ledger, the consignment lifecycle, Update Order's rules.

:class:`OrderLedger` folds packs, splits and cancellations into what each line has packed and
what is outstanding; :mod:`~orderpack.tracking.lifecycle` says what each consignment state
allows; :mod:`~orderpack.tracking.management` holds Update Order's and the address rules;
:mod:`~orderpack.tracking.responses` models PRO's answers to a Pack Order and its errors;
:mod:`~orderpack.tracking.submissions` the requests a service has sent PRO and awaits answers to.
"""

from orderpack.tracking.ledger import (
    LedgerPack,
    LedgerSplit,
    OrderLedger,
    Reconciled,
    Submitted,
    fingerprint,
)
from orderpack.tracking.lifecycle import (
    ALLOWED,
    MOVES,
    Action,
    ConsignmentUpdate,
    add_package,
    allowed_actions,
    apply,
    delete_package,
    edit_package,
    state_diagram,
    update_consignment,
)
from orderpack.tracking.management import (
    OrderUpdate,
    add_address,
    eligible_services,
    is_eligible,
    update_address,
    update_order,
)
from orderpack.tracking.responses import (
    ApiError,
    ApiErrorDetail,
    ApiLink,
    ConsignmentOperationResult,
    PackOrderResponse,
    PackOrderResult,
    pack_response,
)
from orderpack.tracking.status import (
    ConsignmentStatus,
    LineStatus,
    OrderStatus,
    StatusReport,
    SubmissionStatus,
)
from orderpack.tracking.submissions import Submission, SubmissionState

__all__ = [
    "ALLOWED",
    "MOVES",
    "Action",
    "ApiError",
    "ApiErrorDetail",
    "ApiLink",
    "ConsignmentOperationResult",
    "ConsignmentStatus",
    "ConsignmentUpdate",
    "LedgerPack",
    "LedgerSplit",
    "LineStatus",
    "OrderLedger",
    "OrderStatus",
    "OrderUpdate",
    "PackOrderResponse",
    "PackOrderResult",
    "Reconciled",
    "StatusReport",
    "Submission",
    "SubmissionState",
    "SubmissionStatus",
    "Submitted",
    "add_address",
    "add_package",
    "allowed_actions",
    "apply",
    "delete_package",
    "edit_package",
    "eligible_services",
    "fingerprint",
    "is_eligible",
    "pack_response",
    "state_diagram",
    "update_address",
    "update_consignment",
    "update_order",
]
