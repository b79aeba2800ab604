"""Laws of the JSON contract: round trips for every generated value, and one failure mode."""

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderpack import (
    Address,
    AddressType,
    Consignment,
    ContractError,
    Order,
    PackOrderRequest,
    contract,
    pack_order,
    split_order,
)
from orderpack.contract import (
    KINDS,
    _quick_path,
    _unknown_keys,
    dumps,
    from_wire,
    json_text,
    make_converter,
    read,
    to_wire,
)
from orderpack.strategies import addresses, orders, pack_requests, plans
from orderpack.tracking.responses import PackOrderResponse, pack_response

Document = tuple[type[object], object]


@st.composite
def documents(draw: st.DrawFn) -> tuple[type[object], object]:
    """A value of some kind of the contract, drawn from the public strategies."""
    order = draw(orders())
    kind = draw(
        st.sampled_from(["order", "request", "consignment", "response", "address", "split"])
    )
    if kind == "order":
        return Order, order
    if kind == "address":
        return Address, draw(addresses(AddressType.DESTINATION, locations=st.none()))
    if kind == "split":
        split = split_order(order, draw(plans(order)))
        return (Consignment, split.consignments[0]) if split.consignments else (Order, order)
    request = draw(pack_requests(order))
    if kind == "request":
        return PackOrderRequest, request
    made = pack_order(order, request)
    if kind == "response":
        return PackOrderResponse, pack_response(made)
    return Consignment, draw(st.sampled_from(made.consignments))


@given(document=documents())
def test_reading_what_was_written_gives_an_equal_value(document: Document) -> None:
    """read(dumps(x)) == x, with nothing unknown, in both modes."""
    cls, value = document

    text = dumps(value)

    assert read(text, cls) == read(text, cls, strict=True)
    assert read(text, cls).value == value
    assert read(text, cls).unknown == ()
    # What orderpack writes takes the quick path, in both modes.
    assert _quick_path._quick(text, cls, strict=False) == contract.Read(value=value, unknown=())
    assert _quick_path._quick(text, cls, strict=True) == contract.Read(value=value, unknown=())


@given(document=documents(), extensions=st.booleans())
def test_the_compiled_writer_writes_the_exact_writers_bytes(
    document: Document, *, extensions: bool
) -> None:
    """Dumps (msgspec where it can) writes what the standard library's exact writer does."""
    _, value = document

    assert dumps(value, extensions=extensions) == json_text.write(
        to_wire(value, extensions=extensions)
    )


@given(document=documents())
def test_writing_what_was_read_gives_the_same_document(document: Document) -> None:
    """dumps(read(text)) == text for every document orderpack writes, indented or not."""
    cls, value = document
    text, pretty = dumps(value), dumps(value, indent=2)

    assert dumps(read(text, cls).value) == text
    assert dumps(read(pretty, cls).value, indent=2) == pretty
    assert json.loads(pretty, parse_float=Decimal) == json.loads(text, parse_float=Decimal)


@given(document=documents())
def test_a_converter_made_without_options_is_the_one_read_and_to_wire_use(
    document: Document,
) -> None:
    """make_converter() writes what to_wire() writes and, like read(), passes unknown keys."""
    cls, value = document
    converter = make_converter()

    written = converter.unstructure(value)

    assert written == to_wire(value)
    assert converter.structure({**written, "Colour": "red"}, cls) == value


def _fails_cleanly(call: Callable[[], object]) -> bool:
    """True if *call* succeeds or raises a ContractError with problems; anything else raises."""
    try:
        call()
    except ContractError as error:
        return bool(error.problems)
    return True


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.decimals(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "Packages",
                    "Items",
                    "Addresses",
                    "AddressType",
                    "Value",
                    "Weight",
                    "Unit",
                    "Amount",
                    "Quantity",
                    "Sku",
                ]
            )
            | st.text(max_size=8),
            inner,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@pytest.mark.parametrize("cls", list(dict.fromkeys(KINDS.values())))
@given(obj=JSON_VALUES)
def test_arbitrary_json_raises_nothing_but_a_contract_error(cls: type, obj: object) -> None:
    """Whatever the value, reading it succeeds or raises ContractError with problems."""
    assert _fails_cleanly(lambda: from_wire(obj, cls))


@given(text=st.text(max_size=40) | st.binary(max_size=40))
def test_arbitrary_text_raises_nothing_but_a_contract_error(text: str | bytes) -> None:
    """Not even JSON: one ContractError."""
    assert _fails_cleanly(lambda: read(text, Order))


def _paths(value: object, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [path] + [p for k, v in value.items() for p in _paths(v, (*path, k))]
    if isinstance(value, list):
        return [path] + [p for n, v in enumerate(value) for p in _paths(v, (*path, n))]
    return [path]


@given(data=st.data(), replacement=JSON_VALUES, delete=st.booleans())
def test_one_field_changed_raises_nothing_but_a_contract_error(
    data: st.DataObject,
    replacement: object,
    delete: bool,  # noqa: FBT001 - drawn by Hypothesis
) -> None:
    """Change or delete one key anywhere in a valid order: a value or a ContractError."""
    document = json.loads(dumps(data.draw(orders())), parse_float=Decimal)
    path = data.draw(st.sampled_from([p for p in _paths(document) if p]))
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = replacement

    assert _fails_cleanly(lambda: from_wire(document, Order))


def _objects(obj: object) -> list[dict[str, Any]]:
    """Every JSON object within *obj*, *obj* too if it is one."""
    if isinstance(obj, list):
        return [inner for item in obj for inner in _objects(item)]
    if isinstance(obj, dict):
        return [obj, *(inner for item in obj.values() for inner in _objects(item))]
    return []


@given(document=documents(), data=st.data())
def test_a_tolerant_read_reports_every_key_the_walk_finds(
    document: Document, data: st.DataObject
) -> None:
    """Unknown keys and keys spelt in another case, anywhere: the read reports what a walk finds.

    A tolerant read walks a document for unknown keys only if an object it read had a key not
    of its shape or not in PRO's spelling; here some do and some do not.
    """
    cls, value = document
    obj = json.loads(dumps(value), parse_float=Decimal)
    for target in data.draw(st.lists(st.sampled_from(_objects(obj)), max_size=3)):
        if not target or data.draw(st.booleans()):
            target["Colour"] = "red"
        else:
            key = data.draw(st.sampled_from(sorted(target)))
            target[data.draw(st.sampled_from([key.lower(), key.upper()]))] = target.pop(key)

    try:
        found = from_wire(obj, cls)
    except ContractError:
        return  # a key moved where its value is needed: refused, and not this law's to judge
    assert found.unknown == tuple(_unknown_keys._unknown(obj, cls, ""))
