"""Hostile input meets the contract: only ContractError escapes, and nothing is lost.

The structure-aware fuzz test starts from valid documents of every kind and mutates them
(:mod:`fuzzing`); ``make fuzz`` runs the same test with many more examples. The examples pin
each hostile input that once escaped as a bare exception.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from decimal import Decimal
from types import SimpleNamespace

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fuzzing import documents, survive
from orderpack import (
    ContractError,
    Country,
    LineBalance,
    ModelError,
    Money,
    Order,
    PackItem,
    PackOrderRequest,
    Weight,
    contract,
    split_order,
)
from orderpack.contract import _hooks, _quick_path, dumps, json_text, read
from orderpack.contract._scalars import MAX_NUMBER_TEXT
from orderpack.demo import seed_order, seed_plan
from orderpack.model.checks import LARGEST
from orderpack.model.classes import check_types


@given(case=documents())
def test_only_contract_errors_escape_and_what_is_read_reads_back(case: tuple[type, str]) -> None:
    """Every document of every kind, however mangled: a value that round-trips, or a refusal."""
    kind, text = case

    survive(kind, text)


def _refusal(text: str, kind: type = Order, *, strict: bool = False) -> ContractError:
    with pytest.raises(ContractError) as caught:
        read(text, kind, strict=strict)
    return caught.value


def test_deep_nesting_is_invalid_json() -> None:
    """A thousand nested arrays are refused at the root, not by a RecursionError."""
    error = _refusal("[" * 100_000 + "]" * 100_000)

    assert [(p.code, p.path) for p in error.problems] == [("invalid_json", "")]
    assert "nested less deeply" in error.problems[0].message


@pytest.mark.parametrize(
    "number",
    ["1e1000000000000000000", "9" * 5000, "0." + "0" * 200 + "1"],
    ids=["exp", "int", "long"],
)
def test_a_number_no_value_can_be_is_out_of_range_at_its_path(number: str) -> None:
    """Too large for Decimal, or longer than orderpack reads: named for what it is, where it is."""
    error = _refusal(f'{{"Packages": [{{"Items": [], "Weight": {{"Value": {number}}}}}]}}')

    weight = [p for p in error.problems if p.path == "Packages[0].Weight.Value"]
    assert [p.code for p in weight] == ["out_of_range"]
    assert f"at most {MAX_NUMBER_TEXT} characters" in weight[0].message
    assert len(weight[0].message) < 200


def test_a_weight_past_what_pro_holds_is_out_of_range() -> None:
    """1e1000000 reads as a Decimal, and the model refuses it before anything sums it."""
    text = dumps(seed_order()).replace('"Value":0.05', '"Value":1e1000000', 1)

    error = _refusal(text)

    assert [(p.code, p.path) for p in error.problems] == [
        ("out_of_range", "Packages[0].Items[0].Weight.Value")
    ]


def test_a_lone_surrogate_is_refused_at_its_path() -> None:
    r"""A "\ud800" could never be written out again: bad_value, in a read of either kind."""
    text = dumps(seed_order()).replace('"Necklace"', '"\\ud800"', 1)

    for strict in (False, True):
        error = _refusal(text, strict=strict)
        assert [(p.code, p.path) for p in error.problems] == [
            ("bad_value", "Packages[0].Items[0].Description")
        ]


def test_parse_names_each_key_given_twice_when_strict() -> None:
    """``parse`` alone, for a caller reading one text more than one way: the same refusal."""
    text = '{"Packages":[{"Sku":"A","Sku":"B"}],"Tags":[],"Tags":[]}'

    with pytest.raises(ContractError) as caught:
        contract.parse(text, strict=True)

    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("duplicate_key", "Packages[0].Sku"),
        ("duplicate_key", "Tags"),
    ]
    assert contract.parse(text) == {"Packages": [{"Sku": "B"}], "Tags": []}


def test_a_key_given_twice_is_refused_in_a_strict_read() -> None:
    """Strict: duplicate_key at the key; tolerant: the last value wins, as PRO's readers do."""
    text = (
        '{"Packages":[{"Items":[{"Sku":"A","Sku":"B","Quantity":1}],"PackageSizeReference":"X"}]}'
    )

    error = _refusal(text, PackOrderRequest, strict=True)

    assert [(p.code, p.path) for p in error.problems] == [
        ("duplicate_key", "Packages[0].Items[0].Sku")
    ]
    assert read(text, PackOrderRequest).value.packages[0].items[0].sku == "B"


def test_messages_are_short_and_escaped() -> None:
    """A huge value is cut short; escape sequences and newlines in keys and values are escaped."""
    text = dumps(seed_order()).replace('"Necklace"', "12345", 1)
    text = text.replace('{"Packages"', '{"\\u001b[2J\\nKey":"' + "x" * 100_000 + '","Packages"', 1)

    error = _refusal(text, strict=True)

    rendered = str(error)
    assert "\x1b" not in rendered
    assert "\nKey" not in rendered
    assert len(rendered) < 1_000
    assert sorted(p.code for p in error.problems) == ["unknown_key", "wrong_type"]
    assert read(text.replace("12345", '"Necklace"'), Order).unknown == ('["\\u001b[2J\\nKey"]',)


def test_a_quantity_too_long_to_read_is_out_of_range() -> None:
    """A whole number of 200 digits is never made into an int."""
    text = (
        '{"Packages":[{"PackageSizeReference":"BOX","Items":[{"Sku":"A","Quantity":'
        + "9" * 200
        + "}]}]}"
    )

    error = _refusal(text, PackOrderRequest)

    assert [(p.code, p.path) for p in error.problems] == [
        ("out_of_range", "Packages[0].Items[0].Quantity")
    ]


def test_a_huge_whole_number_is_described_not_printed() -> None:
    """Built in Python, a quantity of 5,000 digits is named by its size."""
    with pytest.raises(ModelError) as caught:
        PackItem(sku="A", quantity=10**5000)

    assert caught.value.problems[0].message == (
        "expected a quantity <= 2147483647 (what PRO holds), got a whole number of about "
        "5001 digits"
    )


def test_a_total_past_what_one_value_holds_reads_back() -> None:
    """A sum of what PRO holds may lie past it; written, it reads back, as a total is never kept."""
    big = seed_order()
    line = attrs.evolve(big.items[0], weight=Weight(value=LARGEST), quantity=2)
    big = attrs.evolve(
        big, packages=[attrs.evolve(big.packages[0], items=[line, *big.packages[0].items[1:]])]
    )

    assert read(dumps(big), Order, strict=True).value == big


@pytest.mark.parametrize(
    "where",
    ['"ShippingDate":"{}"', '"OrderReferenceProvidedByCustomer":{}', '"Direction":"{}"'],
)
def test_a_huge_value_is_cut_short_in_every_message(where: str) -> None:
    """A date, a number or a reference of 100,000 characters: the message stays short."""
    huge = "9" * 100_000
    text = dumps(seed_order())[:-1] + "," + where.format(huge) + "}"

    with pytest.raises(ContractError) as caught:
        read(text, Order)

    assert len(str(caught.value)) < 600


def test_a_money_code_of_any_length_is_cut_short() -> None:
    """The model's own messages show values cut short too."""
    with pytest.raises(ModelError) as caught:
        Money(amount=Decimal(1), currency="G" * 100_000)

    assert len(str(caught.value)) < 300


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("7922816251426433759354395033.55", "too_precise"),
        ("0E+999999999999999999", "out_of_range"),
    ],
)
def test_what_pro_holds_is_96_bits_and_a_scale(value: str, code: str) -> None:
    """Within range and 28 places, but more digits than .NET's decimal keeps, or a wild zero."""
    with pytest.raises(ModelError) as caught:
        Weight(value=Decimal(value))

    assert caught.value.codes() == (code,)


def test_among_other_spellings_of_a_key_the_last_wins() -> None:
    """As a key given twice; PRO's own spelling wins over any other; only ASCII is folded."""
    assert read('{"value": 1, "VALUE": 2}', Weight).value.value == 2
    assert read('{"Value": 1, "VALUE": 2}', Weight).unknown == ("VALUE",)
    with pytest.raises(ContractError):
        read('{"Value": 1, "Unit": "\u212ag"}', Weight)  # a Kelvin sign is no K


def test_a_decimal_subclass_is_written_exactly() -> None:
    """Whatever encoder writes the document."""

    class Exact(Decimal):
        """A caller's own Decimal."""

    assert json_text.write({"A": Exact("1.50"), "B": "\x00"}) == '{"A":1.50,"B":"\\u0000"}'


@given(case=documents(), strict=st.booleans())
def test_the_quick_path_reads_what_the_thorough_path_reads(
    case: tuple[type, str], *, strict: bool
) -> None:
    """A read's quick path gives nothing, or what the thorough path gives, in both modes.

    The quick path (msgspec into generated structs, then the same hooks and each class's
    rules) never accepts what the thorough path refuses, never loses an unknown key or a key
    given twice, never reads a value differently, and builds every value with fields of the
    types its class says, which it does not check again.
    """
    kind, text = case

    quick: contract.Read[object] | None = _quick_path._quick(text, kind, strict=strict)

    if quick is not None:
        thorough: contract.Read[object] = contract.from_wire(
            contract.parse(text, strict=strict), kind, strict=strict
        )
        assert (thorough.value, thorough.unknown) == (quick.value, quick.unknown)
        _types_hold(quick.value)


def _types_hold(value: object) -> None:
    """Check the field types of *value* and of every model value inside it."""
    if isinstance(value, tuple):
        for item in value:
            _types_hold(item)
    elif attrs.has(cls := type(value)):
        check_types(value)
        for field in attrs.fields(cls):
            _types_hold(getattr(value, field.name))


@pytest.mark.parametrize(
    ("unit", "described"),
    [('["Kg"]', "an array"), ('{"Kg":1}', "an object"), ("5", "a number 5")],
)
def test_an_enum_given_no_text_is_a_bad_value_at_its_path(unit: str, described: str) -> None:
    """An array, an object or a number where an enum's name goes: named, in both reads."""
    text = dumps(seed_order()).replace('"Unit":"Kg"', f'"Unit":{unit}', 1)

    for strict in (False, True):
        error = _refusal(text, strict=strict)
        assert [(p.code, p.path, p.message) for p in error.problems] == [
            (
                "bad_value",
                "Packages[0].Items[0].Weight.Unit",
                f"expected one of Kg, G, Lb, got {described}",
            )
        ]


def test_a_document_leaving_out_what_a_class_needs_is_left_to_the_thorough_path() -> None:
    """An item without its weight: the quick path gives nothing; the read names the key."""
    text = dumps(seed_order())
    start = text.index('"Weight":{')
    text = text[:start] + text[text.index("}", start) + 2 :]

    assert _quick_path._quick(text, Order, strict=False) is None
    assert [(p.code, p.path) for p in _refusal(text).problems] == [
        ("missing_key", "Packages[0].Items[0].Weight")
    ]


def test_a_field_no_document_gives_is_built_as_the_constructor_defaults_it() -> None:
    """The quick builder gives a field that is no argument of the constructor its default."""

    @attrs.frozen
    class Counted:
        given: int
        counted: int = attrs.field(init=False, default=7)

    build = _quick_path._quick_builder(
        Counted, [("given", "leaf", int)], _hooks._reader(strict=False)
    )

    made = build(SimpleNamespace(given=3))

    assert (type(made), made, made.counted) == (Counted, Counted(given=3), 7)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"Necklace"', '""'),  # PRO's absent text
        ('"Value":0.05', '"Value":5'),  # a whole number where a Decimal is read
    ],
    ids=["empty-text", "whole-decimal"],
)
def test_the_quick_path_takes_a_value_as_decoded_as_its_hook_would(old: str, new: str) -> None:
    """The values msgspec decodes that need no hook read as the hook reads them, quickly."""
    text = dumps(seed_order()).replace(old, new, 1)

    quick = _quick_path._quick(text, Order, strict=False)

    assert quick is not None
    assert quick.value == contract.from_wire(contract.parse(text), Order).value
    item = quick.value.items[0]
    assert (item.description, type(item.weight.value), item.quantity) == (
        None if new == '""' else "Necklace",
        Decimal,
        1,
    )


@pytest.mark.parametrize(
    ("kind", "obj", "path"),
    [
        (Money, {"Amount": 1, "Currency": {"IsoCode": "GBP", "Name": 5}}, "Currency.Name"),
        (Country, {"IsoCode": {"TwoLetterCode": "GB"}, "Name": 5}, "Name"),
        (Country, {"IsoCode": {"TwoLetterCode": "GB", "NumericCode": 826}}, "IsoCode.NumericCode"),
    ],
)
def test_a_plain_shape_with_a_wrong_value_is_refused_at_its_path(
    kind: type, obj: dict[str, object], path: str
) -> None:
    """Money and countries in PRO's plain shape still check what they do not keep."""
    with pytest.raises(ContractError) as caught:
        contract.from_wire(obj, kind)

    assert [(p.code, p.path) for p in caught.value.problems] == [("wrong_type", path)]


def test_a_total_of_the_wrong_shape_is_left_to_the_thorough_path() -> None:
    """PRO's derived Weight, as text: the quick path gives nothing; the read names it."""
    head, total, tail = dumps(seed_order()).rpartition('"Weight":{"Value":')  # the order's
    text = f'{head}{total}"heavy",{tail[tail.index(",") + 1 :]}'

    assert _quick_path._quick(text, Order, strict=False) is None
    assert [(p.code, p.path) for p in _refusal(text).problems] == [("wrong_type", "Weight.Value")]


def test_a_class_no_document_holds_is_read_by_the_thorough_path() -> None:
    """A line balance is no document of PRO's: it has no quick path, and still reads back."""
    balance = split_order(seed_order(), seed_plan()).lines[0]
    text = dumps(balance)

    assert _quick_path._quick(text, LineBalance, strict=False) is None
    assert read(text, LineBalance).value == balance


def _seed_with(old: str, new: str) -> str:
    """The seed order's document with its first *old* made *new*."""
    text = dumps(seed_order())
    assert old in text
    return text.replace(old, new, 1)


_TWICE = ('"Sku":"NECK-01"', '"Sku":"NECK-00","Sku":"NECK-01"')
_UNKNOWN = ('"Sku":"NECK-01"', '"Colour":"red","Sku":"NECK-01"')
_ESCAPED = ('"Necklace"', '"Neck\\u003alace"')  # a colon, written as an escape
_RESPELT = ('"Sku":"NECK-01"', '"sku":"NECK-01"')


def test_a_key_given_twice_is_read_quickly_only_tolerantly() -> None:
    """The last of a repeated key wins a tolerant read; a strict one leaves it to be named."""
    text = _seed_with(*_TWICE)

    tolerant = _quick_path._quick(text, Order, strict=False)

    assert tolerant == contract.Read(value=seed_order(), unknown=())
    assert tolerant == contract.from_wire(contract.parse(text), Order)
    assert _quick_path._quick(text, Order, strict=True) is None
    assert [(p.code, p.path) for p in _refusal(text, strict=True).problems] == [
        ("duplicate_key", "Packages[0].Items[0].Sku")
    ]


def test_an_unknown_key_is_read_quickly_and_reported_at_its_path() -> None:
    """PRO's own style, a key orderpack does not know: the quick path reports it as cattrs' does."""
    text = _seed_with(*_UNKNOWN)

    quick = _quick_path._quick(text, Order, strict=False)

    assert quick == contract.from_wire(contract.parse(text), Order)
    assert quick is not None
    assert quick.unknown == ("Packages[0].Items[0].Colour",)
    assert _quick_path._quick(text, Order, strict=True) is None
    assert [(p.code, p.path) for p in _refusal(text, strict=True).problems] == [
        ("unknown_key", "Packages[0].Items[0].Colour")
    ]


def test_a_key_spelt_otherwise_is_left_to_the_thorough_path() -> None:
    """``sku`` for ``Sku``: msgspec would pass it over; cattrs' path reads it as the SKU."""
    text = _seed_with(*_RESPELT)

    assert _quick_path._quick(text, Order, strict=False) is None
    assert read(text, Order) == contract.Read(value=seed_order(), unknown=())


@pytest.mark.parametrize("strict", [False, True])
def test_a_colon_written_as_an_escape_hides_no_key(*, strict: bool) -> None:
    """An escaped colon and an unknown or repeated key, which a count alone would not see."""
    unknown = _seed_with(*_UNKNOWN).replace(*_ESCAPED, 1)
    twice = _seed_with(*_TWICE).replace(*_ESCAPED, 1)
    escaped = _seed_with(*_ESCAPED)

    if strict:
        assert [p.code for p in _refusal(unknown, strict=True).problems] == ["unknown_key"]
        assert [p.code for p in _refusal(twice, strict=True).problems] == ["duplicate_key"]
        assert read(escaped, Order, strict=True).value.items[0].description == "Neck:lace"
    else:
        assert read(unknown, Order).unknown == ("Packages[0].Items[0].Colour",)
        assert _quick_path._quick(escaped, Order, strict=False) == contract.Read(
            value=read(escaped, Order).value, unknown=()
        )


def test_an_unknown_key_holding_a_number_past_a_float_is_still_reported() -> None:
    """The walk for unknown keys reads numbers as floats: past one, the thorough path reads."""
    text = _seed_with('"Sku":"NECK-01"', '"Colour":1e400,"Sku":"NECK-01"')

    assert _quick_path._quick(text, Order, strict=False) is None
    assert read(text, Order) == contract.Read(
        value=seed_order(), unknown=("Packages[0].Items[0].Colour",)
    )


def test_a_strict_read_of_a_total_past_what_a_number_holds_judges_it_as_the_thorough_path() -> None:
    """A derived total too long to read is passed over by both paths; the count is not fooled."""
    head, total, tail = dumps(seed_order()).rpartition('"Weight":{"Value":')  # the order's
    text = f"{head}{total}1e99999999999999999999{tail[tail.index(',') :]}"

    assert read(text, Order, strict=True) == contract.from_wire(
        contract.parse(text, strict=True), Order, strict=True
    )


@pytest.mark.parametrize(
    ("value", "code"),
    [(b'"caf\xe9"', "invalid_json"), (b'"\xff"', "invalid_json"), (b'"re\xed\xa0\x80d"', None)],
    ids=["latin-1", "not-utf-8", "surrogate"],
)
def test_text_an_unknown_key_holds_is_judged_as_the_thorough_path(
    value: bytes, code: str | None
) -> None:
    """The struct passes over an unknown key's text unread; the walk's decoding judges it."""
    text = _seed_with('"Sku":"NECK-01"', '"Colour":"?","Sku":"NECK-01"').encode()
    text = text.replace(b'"Colour":"?"', b'"Colour":' + value)

    if code is None:
        assert read(text, Order).unknown == ("Packages[0].Items[0].Colour",)
    else:
        assert [p.code for p in _refusal(text).problems] == [code]  # type: ignore[arg-type]


def test_an_unknown_key_nesting_deep_is_left_to_the_thorough_path() -> None:
    """An unknown key's deep value, which msgspec reads deeper than json.loads, is for parse."""
    deep = "[" * 100 + "]" * 100
    text = _seed_with('"Sku":"NECK-01"', f'"Colour":{deep},"Sku":"NECK-01"')
    shallow = _seed_with('"Sku":"NECK-01"', '"Colour":[[1]],"Sku":"NECK-01"')

    assert _quick_path._quick(text, Order, strict=False) is None
    assert read(text, Order).unknown == ("Packages[0].Items[0].Colour",)
    assert _quick_path._quick(shallow, Order, strict=False) == read(shallow, Order)


def test_a_strict_read_walks_a_shape_parsed_into_a_dict_of_another_class() -> None:
    """An unknown key inside money's currency, parsed by a caller into ordered dicts."""
    text = _seed_with('{"IsoCode":"GBP"}', '{"IsoCode":"GBP","Bogus":1}')
    parsed = json.loads(text, parse_float=Decimal, object_pairs_hook=OrderedDict)

    with pytest.raises(ContractError) as caught:
        contract.from_wire(parsed, Order, strict=True)

    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("unknown_key", "Packages[0].Items[0].Value.Currency.Bogus")
    ]


@pytest.mark.parametrize("strict", [False, True])
def test_what_is_no_text_or_bytes_is_refused_as_json(*, strict: bool) -> None:
    """A memoryview is no JSON text: a ContractError, as ``parse`` names it; a bytearray is."""
    text = dumps(seed_order()).encode()

    with pytest.raises(ContractError) as caught:
        read(memoryview(text), Order, strict=strict)  # type: ignore[arg-type]

    assert [p.code for p in caught.value.problems] == ["invalid_json"]
    assert read(bytearray(text), Order, strict=strict).value == seed_order()  # type: ignore[arg-type]


def test_a_nested_key_of_money_spelt_otherwise_is_read_as_pro_spells_it() -> None:
    """``isocode`` for ``IsoCode`` inside money's currency: the thorough path reads it."""
    text = _seed_with('{"IsoCode":"GBP"}', '{"isocode":"GBP"}')

    assert _quick_path._quick(text, Order, strict=False) is None
    assert read(text, Order) == contract.Read(value=seed_order(), unknown=())
