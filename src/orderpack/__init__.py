"""orderpack: split shipping orders into consignments by SortedPRO's Orders rules.

Build an :class:`Order`, give :func:`split_order` a :class:`Plan`, get consignments, Pack
Order requests and what stays outstanding; or make one consignment with :func:`pack_order`.
Every rule is checked, and a bad input raises a :class:`ValidationError` naming every problem.
"""

from orderpack.consignment import Consignment, ConsignmentKey, ConsignmentState, Item, Package
from orderpack.errors import (
    CurrencyMismatchError,
    ModelError,
    OrderpackError,
    PackError,
    Problem,
    SplitError,
    ValidationError,
)
from orderpack.order import Order, OrderItem, OrderPackage
from orderpack.packing import (
    PackItem,
    PackOrderRequest,
    PackPackage,
    PackResult,
    find_line,
    pack_order,
)
from orderpack.references import ReferenceSource, SequentialReferences
from orderpack.splitting import (
    Allocation,
    LineBalance,
    Plan,
    PlannedPackage,
    Split,
    check_split,
    split_order,
)
from orderpack.values import (
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

__version__ = "0.1.0.dev0"

__all__ = [
    "Address",
    "AddressType",
    "Allocation",
    "Barcode",
    "BarcodeType",
    "CategoryType",
    "Consignment",
    "ConsignmentKey",
    "ConsignmentState",
    "Contact",
    "ContentClassification",
    "ContentClassificationDetails",
    "Country",
    "CurrencyMismatchError",
    "CustomsDocumentation",
    "DeliveryWindow",
    "DimensionUnit",
    "Dimensions",
    "Direction",
    "Item",
    "LatLong",
    "LineBalance",
    "MetaData",
    "ModelError",
    "Money",
    "Order",
    "OrderItem",
    "OrderPackage",
    "OrderpackError",
    "PackError",
    "PackItem",
    "PackOrderRequest",
    "PackPackage",
    "PackResult",
    "Package",
    "Plan",
    "PlannedPackage",
    "Problem",
    "ReferenceSource",
    "RequestedDeliveryDate",
    "SequentialReferences",
    "ShippingTerms",
    "Source",
    "Split",
    "SplitError",
    "ValidationError",
    "Weight",
    "WeightUnit",
    "__version__",
    "check_split",
    "find_line",
    "pack_order",
    "split_order",
]


def __dir__() -> list[str]:
    return __all__
