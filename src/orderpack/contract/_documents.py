"""The documents of the contract, and what a read returns."""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Final, TypeVar

from orderpack.model import consignment
from orderpack.model.consignment import Consignment
from orderpack.model.order import Order
from orderpack.model.values import Address
from orderpack.packing.pack import PackOrderRequest
from orderpack.packing.split import Plan
from orderpack.planning import Catalogue, Stock
from orderpack.tracking.ledger import OrderLedger
from orderpack.tracking.lifecycle import ConsignmentUpdate
from orderpack.tracking.management import OrderUpdate
from orderpack.tracking.responses import ApiError, PackOrderResponse
from orderpack.tracking.status import StatusReport

if TYPE_CHECKING:
    from collections.abc import Mapping

T = TypeVar("T")

KINDS: Final[Mapping[str, type]] = MappingProxyType(
    {
        "Create Order request, Get Order response": Order,
        "Update Order request": OrderUpdate,
        "Address": Address,
        "Pack Order request": PackOrderRequest,
        "Pack Order response": PackOrderResponse,
        "Error response (PRO's v1 error body)": ApiError,
        "Create Consignment request, Get Consignment response": Consignment,
        "Update Consignment request": ConsignmentUpdate,
        "Add Package request, Edit Package request": consignment.Package,
        "Split plan (orderpack's own document)": Plan,
        "Stock (orderpack's own document)": Stock,
        "Box catalogue (orderpack's own document)": Catalogue,
        "Order ledger (orderpack's own document)": OrderLedger,
        "Order status report (orderpack's own document)": StatusReport,
    }
)
"""The documents of the contract, and the class each is read into."""
