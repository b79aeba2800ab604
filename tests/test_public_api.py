"""The public surface: explicit, documented, and changed only on purpose."""

import inspect

import orderpack
import orderpack.batch
import orderpack.contract
import orderpack.demo
import orderpack.model.references
import orderpack.picks
import orderpack.planning
import orderpack.render
import orderpack.strategies
import orderpack.tracking.ledger
import orderpack.tracking.lifecycle
import orderpack.tracking.management
import orderpack.tracking.responses


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
            "PlanningError",
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
            orderpack.tracking.lifecycle,
            orderpack.tracking.ledger,
            orderpack.tracking.management,
            orderpack.contract,
            orderpack.tracking.responses,
            orderpack.batch,
            orderpack.picks,
            orderpack.planning,
        )
        for name in module.__all__
        if callable(getattr(module, name)) and not inspect.getdoc(getattr(module, name))
    ]

    assert undocumented == []


def _args_section(docstring: str) -> list[str]:
    """The lines of *docstring*'s ``Args:`` section, indentation stripped; empty if none."""
    lines = docstring.splitlines()
    starts = [n for n, line in enumerate(lines) if line.strip() == "Args:"]
    if not starts:
        return []
    section: list[str] = []
    indent = len(lines[starts[0]]) - len(lines[starts[0]].lstrip())
    for line in lines[starts[0] + 1 :]:
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break  # the next section, paragraph or example
        section.append(line.strip())
    return section


def test_every_public_function_describes_its_parameters() -> None:
    """Sphinx shows each parameter's type from the signature; its meaning comes from ``Args:``.

    Every public function with parameters names each one as ``name:`` at the start of a line
    of its docstring's ``Args:`` section (Google style; ``*name:`` for a star parameter). A
    Hypothesis strategy is checked by the parameters its users pass, without ``draw``.
    """
    missing: list[str] = []
    seen: set[int] = set()
    for module in (
        orderpack,
        orderpack.contract,
        orderpack.batch,
        orderpack.picks,
        orderpack.planning,
        orderpack.tracking.ledger,
        orderpack.tracking.lifecycle,
        orderpack.tracking.management,
        orderpack.strategies,
        orderpack.render,
        orderpack.demo,
        orderpack.tracking.responses,
        orderpack.model.references,
    ):
        for name in module.__all__:
            function = getattr(module, name)
            if not inspect.isfunction(function) or id(function) in seen:
                continue
            seen.add(id(function))
            section = _args_section(inspect.getdoc(function) or "")
            missing += [
                f"{module.__name__}.{name}: {parameter}"
                for parameter in inspect.signature(function).parameters
                if parameter != "self"
                and not any(line.lstrip("*").startswith(f"{parameter}:") for line in section)
            ]

    assert missing == []


def test_the_version_is_a_string() -> None:
    """The single source of the release number."""
    assert isinstance(orderpack.__version__, str)
