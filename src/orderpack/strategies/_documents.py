"""Strategies for PRO's JSON documents, as text, of every kind orderpack reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from orderpack.contract import dumps
from orderpack.model.consignment import (
    Consignment,
    ConsignmentState,
    Package,
)
from orderpack.model.order import Order
from orderpack.model.values import (
    Address,
    AddressType,
)
from orderpack.packing.pack import PackOrderRequest, pack_order
from orderpack.packing.split import Plan
from orderpack.planning import Catalogue, Stock
from orderpack.strategies._orders import orders
from orderpack.strategies._planning import catalogues, stocks
from orderpack.strategies._splits import consignments, ledgers, pack_requests, plans
from orderpack.strategies._values import _TEXT, addresses
from orderpack.tracking.ledger import OrderLedger
from orderpack.tracking.lifecycle import ConsignmentUpdate
from orderpack.tracking.management import OrderUpdate
from orderpack.tracking.responses import ApiError, ApiErrorDetail, PackOrderResponse, pack_response
from orderpack.tracking.status import StatusReport

if TYPE_CHECKING:
    from collections.abc import Callable

_PAYLOADS: dict[type, Callable[[], st.SearchStrategy[object]]] = {
    Order: orders,
    PackOrderRequest: lambda: orders().flatmap(pack_requests),
    Consignment: lambda: consignments(states=st.sampled_from(ConsignmentState)),
    Package: lambda: consignments().map(lambda made: made.packages[0]),
    ConsignmentUpdate: lambda: consignments().map(
        lambda made: ConsignmentUpdate(
            reference=made.reference or "",
            shipping_date=made.shipping_date,
            metadata=made.metadata,
            tags=made.tags,
            packages=made.packages,
        )
    ),
    Address: lambda: addresses(AddressType.DESTINATION, locations=st.none()),
    Plan: lambda: orders().flatmap(plans),
    PackOrderResponse: lambda: orders().flatmap(
        lambda o: pack_requests(o).map(lambda r: pack_response(pack_order(o, r)))
    ),
    OrderUpdate: lambda: orders().map(
        lambda o: OrderUpdate(order_reference=o.reference or "", tags=o.tags, addresses=o.addresses)
    ),
    OrderLedger: lambda: ledgers(max_events=4),
    StatusReport: lambda: ledgers(max_events=4).map(OrderLedger.report),
    ApiError: lambda: st.builds(
        ApiError,
        code=_TEXT,
        message=_TEXT,
        correlation_id=st.uuids().map(str),
        details=st.lists(
            st.builds(ApiErrorDetail, code=_TEXT, target=_TEXT, message=_TEXT), max_size=2
        ),
    ),
}
_PAYLOADS[Stock] = lambda: orders().flatmap(stocks)
_PAYLOADS[Catalogue] = catalogues


def payloads(kind: type, *, extensions: bool = True) -> st.SearchStrategy[str]:
    """Generate PRO v1 JSON documents of *kind*, one of :data:`orderpack.contract.KINDS`.

    Each is what :func:`orderpack.contract.dumps` writes for a generated value, so it reads
    back to that value. Without *extensions*, orderpack's own fields are left out.

    Args:
        kind: The class of document to generate, one of the values of ``contract.KINDS``.
        extensions: Whether documents include orderpack's own fields.
    """
    if kind not in _PAYLOADS:
        raise InvalidArgument(f"no payloads of {kind!r}; expected one of contract.KINDS")
    return _PAYLOADS[kind]().map(lambda value: dumps(value, extensions=extensions))
