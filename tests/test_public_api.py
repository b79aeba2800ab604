"""The public surface: explicit, documented, and changed only on purpose."""

import inspect

import orderpack
import orderpack.batch
import orderpack.contract
import orderpack.ledger
import orderpack.lifecycle
import orderpack.management
import orderpack.picks
import orderpack.responses
import orderpack.strategies


def test_public_names_are_pinned() -> None:
    """Adding or removing a public name is a deliberate, changelogged act."""
    assert sorted(orderpack.__all__) == sorted(
        [
            "Action",
            "ContractError",
            "LedgerError",
            "LedgerPack",
            "LifecycleError",
            "OrderLedger",
            "OrderStatus",
            "OrderUpdate",
            "UpdateError",
            "add_address",
            "eligible_services",
            "is_eligible",
            "make_return",
            "update_address",
            "update_consignment",
            "update_order",
            "Address",
            "AddressType",
            "Allocation",
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
            "PicksError",
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
    )


def test_dir_shows_the_public_names() -> None:
    """dir(orderpack) lists what __all__ promises."""
    assert dir(orderpack) == orderpack.__all__


def test_every_public_name_is_documented() -> None:
    """A public class or function without a docstring is a gap in the docs.

    Constants carry attribute docstrings, which only the documentation tools read.
    """
    undocumented = [
        f"{module.__name__}.{name}"
        for module in (
            orderpack,
            orderpack.strategies,
            orderpack.lifecycle,
            orderpack.ledger,
            orderpack.management,
            orderpack.contract,
            orderpack.responses,
            orderpack.batch,
            orderpack.picks,
        )
        for name in module.__all__
        if callable(getattr(module, name)) and not inspect.getdoc(getattr(module, name))
    ]

    assert undocumented == []


def test_the_version_is_a_string() -> None:
    """The single source of the release number."""
    assert isinstance(orderpack.__version__, str)
