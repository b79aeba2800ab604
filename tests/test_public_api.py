"""The public surface: explicit, documented, and changed only on purpose."""

import ast
import importlib
import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

import orderpack
import orderpack.batch
import orderpack.contract
import orderpack.demo
import orderpack.model.references
import orderpack.picks
import orderpack.planning
import orderpack.render
import orderpack.strategies
import orderpack.testing
import orderpack.tracking.ledger
import orderpack.tracking.lifecycle
import orderpack.tracking.management
import orderpack.tracking.responses
import orderpack.tracking.status
import orderpack.tracking.submissions


def test_public_names_are_pinned() -> None:
    """Adding or removing a public name is a deliberate, changelogged act."""
    assert sorted(orderpack.__all__) == sorted(
        [
            "Action",
            "Catalogue",
            "Policy",
            "Stock",
            "dumps",
            "json_schema",
            "problem_details",
            "propose",
            "read",
            "to_envelope",
            "ApiError",
            "CarrierAllocation",
            "FailedCarrierAllocation",
            "LedgerSplit",
            "PackOrderResponse",
            "Reconciled",
            "Submission",
            "SubmissionState",
            "Submitted",
            "StatusReport",
            "pack_response",
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
            orderpack.tracking.submissions,
            orderpack.tracking.status,
            orderpack.testing,
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
        orderpack.tracking.submissions,
        orderpack.testing,
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


# Every documented module and the names it exports (orderpack's own are pinned above, and the
# layer packages' are their modules'). A module moved in 0.2 (orderpack.values to
# orderpack.model.values, ...) is listed under its new path; CHANGELOG lists the moves.
DOCUMENTED: dict[str, list[str]] = {
    "orderpack.batch": [
        "BatchOutcome",
        "WrittenOutcome",
        "split_batch",
        "split_line",
        "to_envelope",
        "to_json_line",
        "usable_cpus",
        "write_batch",
    ],
    "orderpack.cli": ["main"],
    "orderpack.contract": [
        "KINDS",
        "STATUS",
        "ProblemDetails",
        "ProblemEntry",
        "Read",
        "dumps",
        "from_wire",
        "json_schema",
        "make_converter",
        "parse",
        "problem_details",
        "read",
        "to_wire",
        "wire_name",
        "wire_path",
        "write_json",
    ],
    "orderpack.demo": ["SHIP_DAY", "seed_boxes", "seed_order", "seed_plan", "seed_stock"],
    "orderpack.errors": [
        "CODES",
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
    ],
    "orderpack.model.consignment": [
        "CarrierAllocation",
        "Consignment",
        "ConsignmentKey",
        "ConsignmentState",
        "FailedCarrierAllocation",
        "Item",
        "Package",
    ],
    "orderpack.model.order": [
        "Identified",
        "Order",
        "OrderItem",
        "OrderPackage",
        "find_address",
        "identifiers",
    ],
    "orderpack.model.references": ["ReferenceSource", "SequentialReferences"],
    "orderpack.model.values": [
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
        "DimensionUnit",
        "Dimensions",
        "Direction",
        "LatLong",
        "MetaData",
        "Money",
        "RequestedDeliveryDate",
        "ShippingTerms",
        "Source",
        "Weight",
        "WeightUnit",
        "calendar_day",
    ],
    "orderpack.packing.pack": [
        "PackItem",
        "PackOrderRequest",
        "PackPackage",
        "PackResult",
        "find_line",
        "make_return",
        "pack_order",
    ],
    "orderpack.packing.split": [
        "Allocation",
        "LineBalance",
        "Plan",
        "PlannedPackage",
        "Split",
        "check_split",
        "split_order",
    ],
    "orderpack.picks": ["COLUMNS", "Picks", "PicksError", "read_picks"],
    "orderpack.planning": [
        "BOX_COLUMNS",
        "Box",
        "Catalogue",
        "EXACT_LINES",
        "EXACT_SOURCES",
        "LineChoice",
        "Location",
        "Objective",
        "PRESETS",
        "PackageChoice",
        "Policy",
        "Proposal",
        "STOCK_COLUMNS",
        "Read",
        "Shortfall",
        "Stock",
        "StockLevel",
        "StockSource",
        "Taken",
        "propose",
        "read_catalogue",
        "read_stock",
        "remaining",
    ],
    "orderpack.render": ["render_consignments", "render_split"],
    "orderpack.strategies": [
        "addresses",
        "barcodes",
        "catalogues",
        "consignments",
        "contacts",
        "countries",
        "customs_documentation",
        "dimensions",
        "ledgers",
        "metadata",
        "money",
        "order_items",
        "orders",
        "pack_requests",
        "payloads",
        "plans",
        "policies",
        "stocks",
        "weights",
    ],
    "orderpack.tracking.ledger": [
        "LedgerPack",
        "LedgerSplit",
        "OrderLedger",
        "Reconciled",
        "Submitted",
        "fingerprint",
    ],
    "orderpack.tracking.lifecycle": [
        "ALLOWED",
        "Action",
        "ConsignmentUpdate",
        "MOVES",
        "add_package",
        "allowed_actions",
        "apply",
        "delete_package",
        "edit_package",
        "state_diagram",
        "update_consignment",
    ],
    "orderpack.tracking.management": [
        "OrderUpdate",
        "add_address",
        "eligible_services",
        "is_eligible",
        "update_address",
        "update_order",
    ],
    "orderpack.tracking.submissions": ["Submission", "SubmissionState"],
    "orderpack.tracking.status": [
        "ConsignmentStatus",
        "LineStatus",
        "OrderStatus",
        "StatusReport",
        "SubmissionStatus",
    ],
    "orderpack.testing": ["FakePro", "Fault", "ProRefusedError", "ProTimeoutError"],
    "orderpack.tracking.responses": [
        "ApiError",
        "ApiErrorDetail",
        "ApiLink",
        "ConsignmentOperationResult",
        "PackOrderResponse",
        "PackOrderResult",
        "pack_response",
    ],
}


@pytest.mark.parametrize("name", sorted(DOCUMENTED))
def test_each_documented_module_exports_what_it_did(name: str) -> None:
    """A user's import of a documented name keeps working: the list changes only on purpose."""
    module = importlib.import_module(name)
    assert sorted(module.__all__) == sorted(DOCUMENTED[name])
    assert all(hasattr(module, exported) for exported in module.__all__)


def test_the_layer_packages_gather_their_modules() -> None:
    """orderpack.model, .packing and .tracking export every name of the modules they hold."""
    for package in ("orderpack.model", "orderpack.packing", "orderpack.tracking"):
        held = [
            n for n in DOCUMENTED if n.startswith(f"{package}.") and n != "orderpack.model.read"
        ]
        exported = importlib.import_module(package).__all__
        assert sorted(exported) == sorted(x for n in held for x in DOCUMENTED[n])


def test_every_documented_module_is_on_the_api_page() -> None:
    """The API page documents exactly the modules this test pins, besides the layer packages."""
    page = (Path(__file__).parents[1] / "docs" / "api.md").read_text()
    shown = set(re.findall(r"automodule:: ([\w.]+)", page))
    assert shown == set(DOCUMENTED) - {"orderpack.cli"}


def test_a_services_names_come_from_orderpack_on_first_use() -> None:
    """read, propose, to_envelope, ...: the same objects as their modules', loaded lazily."""
    script = (
        "import sys, orderpack\n"
        "assert 'orderpack.contract' not in sys.modules, 'contract imported eagerly'\n"
        "assert 'orderpack.planning' not in sys.modules, 'planning imported eagerly'\n"
        "from orderpack import read, propose, to_envelope\n"
        "import orderpack.contract, orderpack.planning, orderpack.batch\n"
        "assert read is orderpack.contract.read and propose is orderpack.planning.propose\n"
        "assert to_envelope is orderpack.batch.to_envelope\n"
        "try:\n"
        "    orderpack.nothing_of_the_kind\n"
        "except AttributeError as error:\n"
        "    assert 'nothing_of_the_kind' in str(error)\n"
        "else:\n"
        "    raise SystemExit('no AttributeError')\n"
    )

    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script], check=False, capture_output=True, text=True
    )

    assert (done.returncode, done.stderr) == (0, "")


def test_each_public_name_is_loaded_from_the_module_type_checkers_see() -> None:
    """The lazy table, __all__ and the imports for type checkers name the same things.

    orderpack/__init__.py lists every public name three times, for three readers: __all__,
    the imports type checkers follow, and the table that loads a name on first use. Each name
    of one is in the others, from the same module, and is that module's object.
    """
    tree = ast.parse(Path(orderpack.__file__).read_text())
    for_checkers = {
        alias.name: node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("orderpack")
        for alias in node.names
    }
    lazy = orderpack._ON_FIRST_USE

    assert set(lazy) == set(orderpack.__all__) - {"__version__"} == set(for_checkers)
    assert lazy == for_checkers
    assert all(
        getattr(importlib.import_module(module), name) is getattr(orderpack, name)
        for name, module in lazy.items()
    )
