"""Every orderpack error as an RFC 9457 problem document, at the caller's wire paths."""

from __future__ import annotations

import json
from decimal import Decimal

import attrs
import pytest

from builders import item, lamps, order
from orderpack import (
    ContractError,
    LedgerError,
    LifecycleError,
    ModelError,
    Money,
    Order,
    OrderLedger,
    OrderpackError,
    PackItem,
    PackOrderRequest,
    PackPackage,
    Plan,
    Problem,
    SplitError,
    pack_order,
    split_order,
)
from orderpack.contract import STATUS, problem_details, read
from orderpack.demo import seed_order, seed_plan

MEMBERS = {"type", "title", "status", "detail", "errors"}


def raised(call: object) -> OrderpackError:
    """The orderpack error *call* raises."""
    with pytest.raises(OrderpackError) as caught:
        call()  # type: ignore[operator]
    return caught.value


def test_a_plans_problems_are_at_the_plans_keys_and_pointers() -> None:
    """A SplitError's model paths become the Plan document's: Allocations[2].Package."""
    plan = seed_plan()
    wrong = attrs.evolve(plan.allocations[2], package="Z9")
    bad = attrs.evolve(plan, allocations=[*plan.allocations[:2], wrong, *plan.allocations[3:]])

    details = problem_details(raised(lambda: split_order(seed_order(), bad)), Plan)

    assert details["type"] == "urn:orderpack:problem:split"
    assert details["title"] == "A split plan cannot be applied to its order."
    assert details["status"] == 422
    assert details["errors"][0] == {
        "code": "package_unknown",
        "detail": "expected the label of a planned package, got 'Z9'",
        "path": "Allocations[2].Package",
        "pointer": "/Allocations/2/Package",
    }


def test_a_pack_orders_problems_are_at_the_requests_keys() -> None:
    """Packages[0].Items[1].Sku, as the caller wrote it."""
    request = PackOrderRequest(
        packages=[
            PackPackage(
                items=[PackItem(sku="NECK-01", quantity=1), PackItem(sku="SCARF", quantity=1)],
                package_size_reference="BOX",
            )
        ]
    )

    details = problem_details(raised(lambda: pack_order(seed_order(), request)), PackOrderRequest)

    assert [(e["path"], e.get("pointer")) for e in details["errors"]] == [
        ("Packages[0].Items[1].Sku", "/Packages/0/Items/1/Sku")
    ]
    assert details["type"] == "urn:orderpack:problem:pack"


def test_a_contract_errors_paths_are_wire_paths_already() -> None:
    """A document's problems keep their paths; a pointer is added, keys escaped (RFC 6901)."""
    document = json.loads(json.dumps({"Packages": [{"a/b~c": 1, "Items": "x"}]}))

    error = raised(lambda: read(json.dumps(document), Order, strict=True))
    details = problem_details(error, Order)

    assert details["status"] == 400
    found = {(e["code"], e["path"], e.get("pointer")) for e in details["errors"]}
    assert ("unknown_key", 'Packages[0].["a/b~c"]', "/Packages/0/a~1b~0c") in found
    assert ("wrong_type", "Packages[0].Items", "/Packages/0/Items") in found


def test_a_ledgers_own_paths_are_kept_without_a_pointer() -> None:
    """A path that does not run through the caller's document is named as the ledger names it."""
    sent = OrderLedger.open(order(item(quantity=2))).submit(lamps(), key="k")

    details = problem_details(raised(lambda: sent.ledger.submit(lamps(2), key="k")), Order)

    assert details["status"] == 409
    assert details["errors"] == [
        {
            "code": "key_reused",
            "detail": "key 'k' names an earlier, different submission",
            "path": "key",
        }
    ]


FAMILIES: dict[str, tuple[int, object]] = {
    "contract": (400, lambda: read("{", Order)),
    "ledger": (409, lambda: OrderLedger.open(seed_order()).cancel("EC-000-000-404")),
    "lifecycle": (
        409,
        lambda: (
            OrderLedger.open(order(item(quantity=2)))
            .pack(lamps())
            .ledger.cancel("EC-000-000-001")
            .submit_cancel("EC-000-000-001")
        ),
    ),
    "model": (422, lambda: Money(amount=Decimal(-1), currency="GBP")),
    "currency-mismatch": (
        422,
        lambda: Money(amount=Decimal(1), currency="GBP") + Money(amount=Decimal(1), currency="EUR"),
    ),
}


@pytest.mark.parametrize("kind", FAMILIES)
def test_every_family_has_its_type_and_status(kind: str) -> None:
    """One function for every error family; what it returns is JSON as it is."""
    status, call = FAMILIES[kind]

    details = problem_details(raised(call))

    assert set(details) == MEMBERS
    assert details["type"] == f"urn:orderpack:problem:{kind}"
    assert details["status"] == status
    assert json.loads(json.dumps(details)) == details


def test_an_error_without_problems_says_what_it_is() -> None:
    """A currency mismatch has no problem list: its message is the detail."""
    error = raised(FAMILIES["currency-mismatch"][1])

    details = problem_details(error)

    assert details["detail"] == str(error)
    assert details["errors"] == []
    assert dict(STATUS) == {ContractError: 400, LedgerError: 409, LifecycleError: 409}


def test_a_wrong_kind_of_argument_is_a_model_error() -> None:
    """Not an orderpack error, or not a class of orderpack's: named, both at once."""
    with pytest.raises(ModelError) as caught:
        problem_details(ValueError("x"), int)  # type: ignore[arg-type]  # the point

    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("wrong_type", "error"),
        ("wrong_type", "document"),
    ]


def test_a_type_base_points_at_a_services_own_docs() -> None:
    """type_base replaces the URN's start."""
    details = problem_details(raised(FAMILIES["contract"][1]), type_base="https://api.example/p/")

    assert details["type"] == "https://api.example/p/contract"


def test_a_path_leaving_the_document_is_kept_without_a_pointer() -> None:
    """A model path past a field's value does not run through the document: kept as it is."""
    error = SplitError(
        [Problem(code="package_unknown", path="allocations[0].quantity.x", message="m")]
    )

    entries = problem_details(error, Plan)["errors"]

    assert entries == [
        {"code": "package_unknown", "detail": "m", "path": "allocations[0].quantity.x"}
    ]


@pytest.mark.parametrize(
    "path", ["a..b", 'Packages[0].["' + "k" * 40 + '"...]'], ids=["no path", "a key cut short"]
)
def test_a_wire_path_no_pointer_can_follow_has_none(path: str) -> None:
    """A contract error's path that names no key whole gets no pointer."""
    error = ContractError([Problem(code="unknown_key", path=path, message="m")])

    entries = problem_details(error, Order)["errors"]

    assert entries == [{"code": "unknown_key", "detail": "m", "path": path}]


def test_without_the_document_a_model_path_has_no_pointer() -> None:
    """allocations[2].package names no key of the caller's JSON: kept, and no pointer."""
    plan = seed_plan()
    wrong = attrs.evolve(plan.allocations[2], package="Z9")
    bad = attrs.evolve(plan, allocations=[*plan.allocations[:2], wrong, *plan.allocations[3:]])

    details = problem_details(raised(lambda: split_order(seed_order(), bad)))

    assert details["errors"][0] == {
        "code": "package_unknown",
        "detail": "expected the label of a planned package, got 'Z9'",
        "path": "allocations[2].package",
    }
