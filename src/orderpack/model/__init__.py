"""The model: values, orders, consignments and references, the types and their own facts.

The bottom layer: it imports nothing of orderpack but :mod:`orderpack.errors`. Besides the
domain, it holds the toolkit every layer builds its classes with, not part of the user API:
:mod:`~orderpack.model.classes` (the :func:`~orderpack.model.classes.model` decorator and the
type checks), :mod:`~orderpack.model.checks` (problems gathered in one pass) and
:mod:`~orderpack.model.trusted` (values built from values already checked).
"""

from orderpack.model.consignment import (
    CarrierAllocation,
    Consignment,
    ConsignmentKey,
    ConsignmentState,
    FailedCarrierAllocation,
    Item,
    Package,
)
from orderpack.model.order import (
    Identified,
    Order,
    OrderItem,
    OrderPackage,
    find_address,
    identifiers,
)
from orderpack.model.references import (
    ReferenceSource,
    SequentialReferences,
)
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
    calendar_day,
)

__all__ = [
    "Address",
    "AddressType",
    "Barcode",
    "BarcodeType",
    "CarrierAllocation",
    "CategoryType",
    "Consignment",
    "ConsignmentKey",
    "ConsignmentState",
    "Contact",
    "ContentClassification",
    "ContentClassificationDetails",
    "Country",
    "CustomsDocumentation",
    "DeliveryWindow",
    "DimensionUnit",
    "Dimensions",
    "Direction",
    "FailedCarrierAllocation",
    "Identified",
    "Item",
    "LatLong",
    "MetaData",
    "Money",
    "Order",
    "OrderItem",
    "OrderPackage",
    "Package",
    "ReferenceSource",
    "RequestedDeliveryDate",
    "SequentialReferences",
    "ShippingTerms",
    "Source",
    "Weight",
    "WeightUnit",
    "calendar_day",
    "find_address",
    "identifiers",
]
