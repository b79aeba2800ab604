"""orderpack: split shipping orders into consignments by SortedPRO's Orders rules.

Build an :class:`Order`, give :func:`split_order` a :class:`Plan`, get consignments, Pack
Order requests and what stays outstanding; or make one consignment with :func:`pack_order`.
Every rule is checked, and a bad input raises a :class:`ValidationError` naming every problem.

What a service needs of the JSON contract (:func:`read`, :func:`dumps`,
:func:`problem_details`, :func:`json_schema`), of planning (:func:`propose`, :class:`Stock`,
:class:`Catalogue`, :class:`Policy`) and of batches (:func:`to_envelope`) is importable from here
too. Each name's module is imported when the name is first used, so that importing orderpack
costs next to nothing and a program pays only for what it uses.
"""

import importlib
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from orderpack.batch import to_envelope
    from orderpack.contract import dumps, json_schema, problem_details, read
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
        Order,
        OrderItem,
        OrderPackage,
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
    from orderpack.planning import Catalogue, Policy, Stock, propose
    from orderpack.tracking.ledger import (
        LedgerPack,
        LedgerSplit,
        OrderLedger,
        Reconciled,
        Submitted,
    )
    from orderpack.tracking.lifecycle import (
        Action,
        ConsignmentUpdate,
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
        PackOrderResponse,
        pack_response,
    )
    from orderpack.tracking.status import (
        OrderStatus,
        StatusReport,
    )
    from orderpack.tracking.submissions import (
        Submission,
        SubmissionState,
    )

__version__ = "0.1.0.dev0"

_MODULES: Final = {
    "orderpack.errors": (
        "ContractError",
        "CurrencyMismatchError",
        "LedgerError",
        "LifecycleError",
        "ModelError",
        "OrderpackError",
        "PackError",
        "PicksError",
        "PlanningError",
        "Problem",
        "SplitError",
        "UpdateError",
        "ValidationError",
    ),
    "orderpack.contract": ("read", "dumps", "problem_details", "json_schema"),
    "orderpack.planning": ("propose", "Stock", "Catalogue", "Policy"),
    "orderpack.batch": ("to_envelope",),
    "orderpack.model.consignment": (
        "CarrierAllocation",
        "Consignment",
        "ConsignmentKey",
        "ConsignmentState",
        "FailedCarrierAllocation",
        "Item",
        "Package",
    ),
    "orderpack.model.order": (
        "Order",
        "OrderItem",
        "OrderPackage",
    ),
    "orderpack.model.references": (
        "ReferenceSource",
        "SequentialReferences",
    ),
    "orderpack.model.values": (
        "Address",
        "AddressType",
        "Barcode",
        "BarcodeType",
        "CategoryType",
        "Contact",
        "ContentClassification",
        "ContentClassificationDetails",
        "Country",
        "CustomsDocumentation",
        "DeliveryWindow",
        "Dimensions",
        "DimensionUnit",
        "Direction",
        "LatLong",
        "MetaData",
        "Money",
        "RequestedDeliveryDate",
        "ShippingTerms",
        "Source",
        "Weight",
        "WeightUnit",
    ),
    "orderpack.packing.pack": (
        "PackItem",
        "PackOrderRequest",
        "PackPackage",
        "PackResult",
        "find_line",
        "make_return",
        "pack_order",
    ),
    "orderpack.packing.split": (
        "Allocation",
        "LineBalance",
        "Plan",
        "PlannedPackage",
        "Split",
        "check_split",
        "split_order",
    ),
    "orderpack.tracking.ledger": (
        "LedgerPack",
        "LedgerSplit",
        "OrderLedger",
        "Reconciled",
        "Submitted",
    ),
    "orderpack.tracking.lifecycle": (
        "Action",
        "ConsignmentUpdate",
        "update_consignment",
    ),
    "orderpack.tracking.management": (
        "OrderUpdate",
        "add_address",
        "eligible_services",
        "is_eligible",
        "update_address",
        "update_order",
    ),
    "orderpack.tracking.responses": (
        "ApiError",
        "PackOrderResponse",
        "pack_response",
    ),
    "orderpack.tracking.status": (
        "OrderStatus",
        "StatusReport",
    ),
    "orderpack.tracking.submissions": (
        "Submission",
        "SubmissionState",
    ),
}
"""Each module of the public names, imported when one of its names is first used (PEP 562).

Nothing is imported with orderpack itself: ``import orderpack`` costs next to nothing, and the
command line, which loads what a command needs once it runs, can stop cleanly while loading."""

_ON_FIRST_USE: Final = {name: module for module, names in _MODULES.items() for name in names}
"""The module of each public name."""


def __getattr__(name: str) -> Any:  # noqa: ANN401 - a class or a function, by name
    module = _ON_FIRST_USE.get(name)
    if module is None:
        message = f"module 'orderpack' has no attribute {name!r}"
        raise AttributeError(message)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "Action",
    "Address",
    "AddressType",
    "Allocation",
    "ApiError",
    "Barcode",
    "BarcodeType",
    "CarrierAllocation",
    "Catalogue",
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
    "FailedCarrierAllocation",
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
    "Policy",
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
    "Stock",
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
    "dumps",
    "eligible_services",
    "find_line",
    "is_eligible",
    "json_schema",
    "make_return",
    "pack_order",
    "pack_response",
    "problem_details",
    "propose",
    "read",
    "split_order",
    "to_envelope",
    "update_address",
    "update_consignment",
    "update_order",
]


def __dir__() -> list[str]:
    return __all__
