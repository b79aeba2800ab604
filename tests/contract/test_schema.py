"""JSON Schema of each document: PRO's own documents validate, as they are and read back.

The law for every document ``dumps`` writes is in tests/test_strategies.py, where each kind's
documents are drawn once for both the strict read and the strict schema.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import referencing
import referencing.jsonschema

from builders import schema_errors
from orderpack import (
    Consignment,
    ConsignmentUpdate,
    ModelError,
    Order,
    OrderLedger,
    Package,
    PackOrderRequest,
    PackOrderResponse,
)
from orderpack.contract import KINDS, dumps, json_schema, read
from orderpack.planning import Stock

CONTRACT = Path(__file__).parent


def valid(document: object, cls: type, *, strict: bool) -> list[str]:
    """What *document* breaks of *cls*'s schema, each as a message."""
    return schema_errors(document, cls, strict=strict)


@pytest.mark.parametrize(
    "cls", [Order, Consignment, OrderLedger, Stock], ids=lambda cls: cls.__name__
)
def test_a_schema_is_a_valid_draft_2020_12_schema(cls: type) -> None:
    """A strict schema fits the metaschema; a tolerant one only drops a keyword.

    One kind of each shape: PRO's documents and orderpack's own; nested classes, enums,
    totals, a version.
    """
    jsonschema.Draft202012Validator.check_schema(json_schema(cls, strict=True))

    assert "additionalProperties" not in json.dumps(json_schema(cls))


@pytest.mark.parametrize(
    ("name", "cls"),
    [
        ("seed_order.json", Order),
        ("pro_get_order.json", Order),
        ("pro_get_order.normalised.json", Order),
        ("seed_pack_request_1.json", PackOrderRequest),
        ("seed_pack_response.json", PackOrderResponse),
        ("seed_consignment_2.json", Consignment),
        ("pro/create_consignment.json", Consignment),
        ("pro/allocated_consignment.json", Consignment),
        ("pro/pack_order_response.json", PackOrderResponse),
        ("pro/add_package.json", Package),
        ("pro/update_consignment.json", ConsignmentUpdate),
    ],
)
def test_pros_documents_validate_as_orderpack_writes_them(name: str, cls: type) -> None:
    """PRO-style documents fit the tolerant schema as written, the strict one as read back.

    (Only a document spelling keys and enum names in another case fits neither: a tolerant
    read accepts it, which a schema cannot say.)
    """
    text = (CONTRACT / name).read_text()

    assert valid(json.loads(dumps(read(text, cls).value)), cls, strict=True) == []
    assert valid(json.loads(text), cls, strict=False) == []


def test_the_strict_schema_refuses_an_unknown_key_as_a_strict_read_does() -> None:
    """Tolerant: allowed; strict: refused; and the schema names the same place."""
    document = json.loads((CONTRACT / "seed_pack_request_1.json").read_text())
    document["Packages"][0]["Colour"] = "red"

    assert valid(document, PackOrderRequest, strict=False) == []
    assert valid(document, PackOrderRequest, strict=True) == [
        "['Packages', 0]: Additional properties are not allowed ('Colour' was unexpected)"
    ]


def test_a_ledger_documents_version_is_bounded() -> None:
    """A newer version than this orderpack reads is refused by the schema, as by read."""
    schema = json_schema(KINDS["Order ledger (orderpack's own document)"])

    assert schema["$defs"]["OrderLedger"]["properties"]["Version"]["maximum"] == 2


def test_a_class_not_of_orderpacks_is_a_model_error() -> None:
    """Named with the library's own error."""
    with pytest.raises(ModelError) as caught:
        json_schema(dict)

    assert caught.value.codes() == ("wrong_type",)


def test_a_schema_is_found_by_its_id_and_its_references_resolve_inside_it() -> None:
    """Held in a registry by its $id, another schema refers to it by that name alone."""
    schema = json_schema(Order, strict=True)
    registry = referencing.Registry().with_resource(
        schema["$id"], referencing.jsonschema.DRAFT202012.create_resource(schema)
    )
    by_name = {"$ref": "urn:orderpack:schema:Order:strict"}
    document = json.loads((CONTRACT / "seed_order.json").read_text())

    validator = jsonschema.Draft202012Validator(by_name, registry=registry)

    assert validator.is_valid(document)
    assert not validator.is_valid(document | {"Packages": [{"Items": "x"}]})
