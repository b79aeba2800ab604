"""What PRO answers to a Pack Order: one result per consignment made, with links.

:func:`pack_response` writes the response PRO gives for a :class:`~orderpack.PackResult`, so a
service can stand in for PRO in its own tests.

>>> from orderpack import split_order
>>> from orderpack.demo import seed_order, seed_plan
>>> from orderpack import pack_order
>>> order = seed_order()
>>> made = pack_order(order, split_order(order, seed_plan()).requests[0])
>>> response = pack_response(made)
>>> response.results[0].message
'Consignment EC-000-000-001 created successfully'
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Final

import attrs

from orderpack.errors import LedgerError
from orderpack.model.arguments import checked
from orderpack.model.checks import Checks, shown, to_tuple
from orderpack.model.classes import model
from orderpack.model.order import CONSIGNMENT_REFERENCE

if TYPE_CHECKING:
    from orderpack.packing.pack import PackOrderRequest, PackResult

__all__ = [
    "ApiError",
    "ApiErrorDetail",
    "ApiLink",
    "ConsignmentOperationResult",
    "PackOrderResponse",
    "PackOrderResult",
    "pack_response",
]

PRO_API = "https://api.electioapp.com"


class ConsignmentOperationResult(StrEnum):
    """The outcome of one consignment operation, as PRO names it (section 6.5)."""

    UNKNOWN = "Unknown"
    CONSIGNMENT_CREATED = "ConsignmentCreated"
    CONSIGNMENT_ALLOCATED = "ConsignmentAllocated"
    CONSIGNMENT_ALLOCATION_FAILED = "ConsignmentAllocationFailed"
    CONSIGNMENT_CREATION_FAILED = "ConsignmentCreationFailed"
    OPERATION_FAILED = "OperationFailed"
    OPERATION_SUCCEED = "OperationSucceed"
    OPERATION_PARTIAL_SUCCESS = "OperationPartialSuccess"
    RETURN_CONSIGNMENT_CREATED = "ReturnConsignmentCreated"
    RETURN_CONSIGNMENT_ALLOCATED = "ReturnConsignmentAllocated"
    RETURN_CONSIGNMENT_ALLOCATION_FAILED = "ReturnConsignmentAllocationFailed"
    RETURN_CONSIGNMENT_CREATION_FAILED = "ReturnConsignmentCreationFailed"


@model
class ApiLink:
    """A link in a PRO response: what it points at (``rel``) and where (``href``)."""

    rel: str
    href: str


@model
class PackOrderResult:
    """One consignment's outcome in a Pack Order response.

    PRO's published example of a response holds ``Result`` and ``ApiLinks`` alone; its SDK
    adds ``Message`` and ``Data`` (the consignment's reference). Each is kept when given.
    """

    result: ConsignmentOperationResult
    message: str | None = None
    data: str | None = None
    api_links: tuple[ApiLink, ...] = attrs.field(default=(), converter=to_tuple)


@model
class PackOrderResponse:
    """PRO's answer to a Pack Order: a result per consignment, outbound first."""

    results: tuple[PackOrderResult, ...] = attrs.field(converter=to_tuple)


@model
class ApiErrorDetail:
    """One detail of a PRO error: its code, what it is about, and a message (section 9)."""

    code: str | None = None
    target: str | None = None
    message: str | None = None


@model
class ApiError:
    """PRO's v1 error body: an internal code (not an HTTP status), a message, a correlation id.

    PRO answers a request it refuses with this body and a 4xx status (section 9); record its
    code and message as the reason of a refused submission.
    """

    code: str | None = None
    message: str | None = None
    correlation_id: str | None = None
    details: tuple[ApiErrorDetail, ...] = attrs.field(default=(), converter=to_tuple)

    def __str__(self) -> str:
        """The code and the message, as a refusal's reason: ``OperationFailed: ...``."""
        return ": ".join(part for part in (self.code, self.message) if part) or "(no message)"


@checked
def pack_response(packed: PackResult, *, base_url: str = PRO_API) -> PackOrderResponse:
    """Return the response PRO gives for *packed*: ConsignmentCreated, and a return if made.

    Args:
        packed: The result of a Pack Order, as :func:`~orderpack.pack_order` returns it.
        base_url: The API root the results' links start with; PRO's by default.
    """
    outcomes = [(packed.consignment, ConsignmentOperationResult.CONSIGNMENT_CREATED, "Consignment")]
    if packed.return_consignment is not None:
        outcomes.append(
            (
                packed.return_consignment,
                ConsignmentOperationResult.RETURN_CONSIGNMENT_CREATED,
                "Return consignment",
            )
        )
    return PackOrderResponse(
        results=[
            PackOrderResult(
                result=result,
                message=f"{noun} {consignment.reference} created successfully",
                data=consignment.reference,
                api_links=[
                    ApiLink(
                        rel="Consignment", href=f"{base_url}/consignments/{consignment.reference}"
                    )
                ],
            )
            for consignment, result, noun in outcomes
        ]
    )


# --- reading PRO's answer to a Pack Order, for the ledger ---------------------------------

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
