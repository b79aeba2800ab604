"""orderpack: split shipping orders into consignments by SortedPRO's Orders rules.

Build an :class:`Order`, give :func:`split_order` a :class:`Plan`, get consignments, Pack
Order requests and what stays outstanding; or make one consignment with :func:`pack_order`.
Every rule is checked, and a bad input raises a :class:`ValidationError` naming every problem.
"""

from orderpack.errors import (
    ContractError,
    CurrencyMismatchError,
    LedgerError,
    LifecycleError,
    ModelError,
    OrderpackError,
    PackError,
    PicksError,
    PlanningError,
    Problem,
    SplitError,
    UpdateError,
    ValidationError,
)
from orderpack.model.consignment import Consignment, ConsignmentKey, ConsignmentState, Item, Package
from orderpack.model.order import Order, OrderItem, OrderPackage
from orderpack.model.references import ReferenceSource, SequentialReferences
from orderpack.model.values import (
    Address,
    AddressType,
    Barcode,
    BarcodeType,
    CategoryType,
    Contact,
    ContentClassification,
    ContentClassificationDetails,
    Country,
    CustomsDocumentation,
    DeliveryWindow,
    Dimensions,
    DimensionUnit,
    Direction,
    LatLong,
    MetaData,
    Money,
    RequestedDeliveryDate,
    ShippingTerms,
    Source,
    Weight,
    WeightUnit,
)
from orderpack.packing.pack import (
    PackItem,
    PackOrderRequest,
    PackPackage,
    PackResult,
    find_line,
    make_return,
    pack_order,
)
from orderpack.packing.split import (
    Allocation,
    LineBalance,
    Plan,
    PlannedPackage,
    Split,
    check_split,
    split_order,
)
from orderpack.tracking.ledger import (
    LedgerPack,
    LedgerSplit,
    OrderLedger,
    Reconciled,
    Submitted,
)
from orderpack.tracking.lifecycle import Action, ConsignmentUpdate, update_consignment
from orderpack.tracking.management import (
    OrderUpdate,
    add_address,
    eligible_services,
    is_eligible,
    update_address,
    update_order,
)
from orderpack.tracking.responses import ApiError, PackOrderResponse, pack_response
from orderpack.tracking.status import OrderStatus, StatusReport
from orderpack.tracking.submissions import Submission, SubmissionState

__version__ = "0.1.0.dev0"

__all__ = [
    "Action",
    "Address",
    "AddressType",
    "Allocation",
    "ApiError",
    "Barcode",
    "BarcodeType",
    "CategoryType",
    "Consignment",
    "ConsignmentKey",
    "ConsignmentState",
    "ConsignmentUpdate",
    "Contact",
    "ContentClassification",
    "ContentClassificationDetails",
    "ContractError",
    "Country",
    "CurrencyMismatchError",
    "CustomsDocumentation",
    "DeliveryWindow",
    "DimensionUnit",
    "Dimensions",
    "Direction",
    "Item",
    "LatLong",
    "LedgerError",
    "LedgerPack",
    "LedgerSplit",
    "LifecycleError",
    "LineBalance",
    "MetaData",
    "ModelError",
    "Money",
    "Order",
    "OrderItem",
    "OrderLedger",
    "OrderPackage",
    "OrderStatus",
    "OrderUpdate",
    "OrderpackError",
    "PackError",
    "PackItem",
    "PackOrderRequest",
    "PackOrderResponse",
    "PackPackage",
    "PackResult",
    "Package",
    "PicksError",
    "Plan",
    "PlannedPackage",
    "PlanningError",
    "Problem",
    "Reconciled",
    "ReferenceSource",
    "RequestedDeliveryDate",
    "SequentialReferences",
    "ShippingTerms",
    "Source",
    "Split",
    "SplitError",
    "StatusReport",
    "Submission",
    "SubmissionState",
    "Submitted",
    "UpdateError",
    "ValidationError",
    "Weight",
    "WeightUnit",
    "__version__",
    "add_address",
    "check_split",
    "eligible_services",
    "find_line",
    "is_eligible",
    "make_return",
    "pack_order",
    "pack_response",
    "split_order",
    "update_address",
    "update_consignment",
    "update_order",
]


def __dir__() -> list[str]:
    return __all__
