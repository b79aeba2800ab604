"""PRO's JSON contract by example: golden documents, PRO's own forms, and every error."""

import json
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from cattrs.errors import ClassValidationError

from orderpack import (
    Address,
    AddressType,
    Consignment,
    ContractError,
    Country,
    MetaData,
    Order,
    OrderLedger,
    OrderUpdate,
    Package,
    PackItem,
    PackOrderRequest,
    PackPackage,
    Plan,
    Weight,
    pack_order,
    split_order,
)
from orderpack.contract import (
    KINDS,
    dumps,
    from_wire,
    make_converter,
    read,
    to_wire,
    wire_name,
    write_json,
)
from orderpack.contract.wire_names import LEDGER_VERSION
from orderpack.demo import seed_boxes, seed_order, seed_plan, seed_stock
from orderpack.planning import Catalogue, Stock
from orderpack.tracking.lifecycle import ConsignmentUpdate
from orderpack.tracking.responses import ApiError, ApiErrorDetail, PackOrderResponse, pack_response
from orderpack.tracking.status import StatusReport

CONTRACT = Path(__file__).parent


def golden(name: str) -> str:
    """The text of a golden document."""
    return (CONTRACT / name).read_text()


def errors(document: object, cls: type, *, strict: bool = False) -> list[str]:
    """Every problem reading *document*, one line each."""
    with pytest.raises(ContractError) as caught:
        from_wire(document, cls, strict=strict)
    return [str(p) for p in caught.value.problems]


def seed_wire() -> dict[str, object]:
    """The seed order as a parsed Get Order document."""
    return json.loads(dumps(seed_order()), parse_float=Decimal)  # type: ignore[no-any-return]


class TestGolden:
    """The exact documents orderpack writes, pinned."""

    def test_the_seed_order(self) -> None:
        """Get Order for the necklace, bracelet, coat and hat."""
        assert dumps(seed_order(), indent=2) + "\n" == golden("seed_order.json")

    def test_the_seed_splits_pack_order_requests_ready_to_post(self) -> None:
        """One request per consignment, without orderpack's own fields."""
        split = split_order(seed_order(), seed_plan())

        written = [dumps(r, extensions=False, indent=2) + "\n" for r in split.requests]

        assert written == [golden("seed_pack_request_1.json"), golden("seed_pack_request_2.json")]

    def test_a_consignment(self) -> None:
        """Warehouse B's consignment, with its derived weight and value."""
        consignment = split_order(seed_order(), seed_plan()).consignments[1]

        assert dumps(consignment, indent=2) + "\n" == golden("seed_consignment_2.json")

    def test_a_pack_order_response(self) -> None:
        """What PRO answers to the first Pack Order."""
        order = seed_order()
        made = pack_order(order, split_order(order, seed_plan()).requests[0])

        assert dumps(pack_response(made), indent=2) + "\n" == golden("seed_pack_response.json")

    @pytest.mark.parametrize(
        ("name", "cls"),
        [
            ("seed_order.json", Order),
            ("seed_pack_request_1.json", PackOrderRequest),
            ("seed_consignment_2.json", Consignment),
            ("seed_pack_response.json", PackOrderResponse),
        ],
    )
    def test_writing_what_was_read_gives_the_same_document(self, name: str, cls: type) -> None:
        """Each golden document is a fixed point of read then write."""
        text = golden(name)

        assert dumps(read(text, cls).value, indent=2) + "\n" == text


class TestPROsOwnForms:
    """A Get Order document as PRO sends it: nulls, empty strings, offsets, extra keys."""

    def test_it_parses_and_reports_what_orderpack_does_not_model(self) -> None:
        """ApiLinks, and Status on an order item, are not in the order contract: reported."""
        result = read(golden("pro_get_order.json"), Order)

        assert result.unknown == ("Packages[0].Items[0].Status", "ApiLinks")
        assert result.value.reference == "EO-000-002-0TS"

    def test_decimals_stay_exact(self) -> None:
        """0.50000 is read as Decimal('0.50000'), never through a float."""
        order = read(golden("pro_get_order.json"), Order).value

        assert repr(order.packages[0].weight) == (
            "Weight(value=Decimal('0.50000'), unit=<WeightUnit.KG: 'Kg'>)"
        )

    def test_datetimes_keep_their_offsets(self) -> None:
        """Z is UTC, +01:00 stays +01:00, and a seventh fractional digit is dropped."""
        order = read(golden("pro_get_order.json"), Order).value

        assert order.shipping_date == datetime(
            2020, 2, 11, 9, 30, tzinfo=timezone(timedelta(hours=1))
        )
        assert order.shipping_date is not None
        assert order.shipping_date.utcoffset() == timedelta(hours=1)
        assert order.date_created == datetime(2020, 2, 10, 11, 21, 7, 815651, tzinfo=UTC)

    def test_empty_strings_mean_absent(self) -> None:
        """PRO's "" for an unset customer reference or contact field reads as None."""
        order = read(golden("pro_get_order.json"), Order).value

        assert order.packages[0].package_reference_provided_by_customer is None
        assert order.origin.contact is not None
        assert order.origin.contact.first_name is None

    def test_the_normalised_form_is_pinned(self) -> None:
        """Written back: nulls and "" left out, Z as +00:00, totals and names recomputed."""
        order = read(golden("pro_get_order.json"), Order).value

        assert dumps(order, indent=2) + "\n" == golden("pro_get_order.normalised.json")


def a_ledger_in_flight() -> OrderLedger:
    """A ledger with a submission in every state: confirmed, refused, pending."""
    order = seed_order()
    sent = OrderLedger.open(order).submit_split(seed_plan())
    first, second = sent.submissions
    made = pack_order(order, first.request)  # type: ignore[arg-type]  # a Pack Order
    ledger = sent.ledger.confirm(first.key, pack_response(made)).refuse(second.key, "no carrier")
    return ledger.submit(second.request, key="retry").ledger  # type: ignore[arg-type]


class TestTheLedgerDocument:
    """A ledger is a versioned document: read back equal; a newer version refused."""

    def test_it_reads_back_equal_in_either_mode(self) -> None:
        """Submissions in every state included; the version is written."""
        ledger = a_ledger_in_flight()

        assert read(dumps(ledger), OrderLedger, strict=True).value == ledger
        assert json.loads(dumps(ledger))["Version"] == LEDGER_VERSION

    def test_a_document_of_version_1_or_none_reads(self) -> None:
        """Before submissions, ledger documents had no version: they read as version 1."""
        document = json.loads(dumps(OrderLedger.open(seed_order()).pack(lamp_free()).ledger))
        for version in ({"Version": 1}, {}):
            older = {k: v for k, v in document.items() if k != "Version"} | version

            assert read(json.dumps(older), OrderLedger).value.status.value == "PartiallyPacked"

    @pytest.mark.parametrize(
        ("version", "newer"), [(LEDGER_VERSION + 1, True), ("2", False), (0, False), (None, False)]
    )
    def test_a_version_it_does_not_know_is_refused(self, version: object, *, newer: bool) -> None:
        """A newer version is named as newer; a version of the wrong type is refused too."""
        document = json.loads(dumps(a_ledger_in_flight())) | {"Version": version}

        with pytest.raises(ContractError) as raised:
            read(json.dumps(document), OrderLedger)

        (problem,) = raised.value.problems
        assert (problem.code, problem.path) == ("version_unsupported", "Version")
        assert ("newer orderpack" in problem.message) is newer


def lamp_free() -> PackOrderRequest:
    """A Pack Order of the seed order's hat."""
    return PackOrderRequest(
        packages=[
            PackPackage(items=[PackItem(sku="HAT-01", quantity=1)], package_size_reference="BOX")
        ]
    )


def test_every_kind_reads_what_it_writes() -> None:
    """One example of each document of the contract."""
    order = seed_order()
    made = pack_order(order, split_order(order, seed_plan()).requests[0])
    examples = {
        Order: order,
        OrderUpdate: OrderUpdate(order_reference="EO-000-002-0TS", tags=["Fragile"]),
        Address: order.destination,
        PackOrderRequest: split_order(order, seed_plan()).requests[1],
        PackOrderResponse: pack_response(made),
        Consignment: made.consignment,
        Package: made.consignment.packages[0],
        ConsignmentUpdate: ConsignmentUpdate(
            reference="EC-000-000-001",
            tags=["Fragile"],
            shipping_date=made.consignment.shipping_date,
        ),
        Plan: seed_plan(),
        Stock: seed_stock(),
        Catalogue: seed_boxes(),
        OrderLedger: a_ledger_in_flight(),
        StatusReport: a_ledger_in_flight().report(),
        ApiError: ApiError(
            code="ObjectNotFound",
            message="Item 7 not found",
            correlation_id="f94c7dbc-0000-4000-8000-000000000000",
            details=[ApiErrorDetail(code="NotFound", target="Items[0]", message="no such item")],
        ),
    }

    assert set(examples) == set(KINDS.values())
    for cls, value in examples.items():
        assert read(dumps(value), cls).value == value


def test_a_get_order_document_splits_into_pack_order_requests() -> None:
    """From PRO's JSON to the JSON of one Pack Order per consignment."""
    order = read(golden("seed_order.json"), Order).value

    requests = [dumps(r, extensions=False) for r in split_order(order, seed_plan()).requests]

    assert [json.loads(r)["Packages"][0]["Items"][0]["Sku"] for r in requests] == [
        "NECK-01",
        "COAT-01",
    ]


def test_extensions_are_written_unless_left_out() -> None:
    """A pack request's origin, date and service are orderpack's; PRO does not get them."""
    request = split_order(seed_order(), seed_plan()).requests[1]

    assert {"Origin", "ShippingDate", "CarrierService"} <= set(to_wire(request))
    assert not {"Origin", "ShippingDate", "CarrierService"} & set(
        to_wire(request, extensions=False)
    )


def test_a_converter_made_without_options_is_tolerant_and_writes_extensions() -> None:
    """make_converter()'s defaults are those of read() and to_wire()."""
    converter = make_converter()
    request = split_order(seed_order(), seed_plan()).requests[1]
    document = {**converter.unstructure(request), "Colour": "red"}

    assert {"Origin", "ShippingDate", "CarrierService"} <= set(document)
    assert converter.structure(document, PackOrderRequest) == request
    with pytest.raises(ClassValidationError):
        make_converter(strict=True).structure(document, PackOrderRequest)


def test_wire_names() -> None:
    """PRO's spellings where PascalCase alone would be wrong."""
    assert [
        wire_name(Order, "reference"),
        wire_name(Consignment, "state"),
        wire_name(Order, "metadata"),
    ] == ["OrderReference", "ConsignmentState", "MetaData"]


class TestErrors:
    """One ContractError naming every problem at its wire path."""

    def test_every_problem_at_its_wire_path(self) -> None:
        """A string for a number, a zero quantity and an unknown address type."""
        document = seed_wire()
        packages = document["Packages"]
        packages[0]["Items"][1]["Weight"]["Value"] = "heavy"  # type: ignore[index]
        packages[0]["Items"][0]["Quantity"] = 0  # type: ignore[index]
        document["Addresses"][0]["AddressType"] = "Warehouse"  # type: ignore[index]

        assert errors(document, Order) == [
            (
                "quantity_not_positive at Packages[0].Items[0].Quantity: expected a quantity >= 1, "
                "got 0"
            ),
            (
                "wrong_type at Packages[0].Items[1].Weight.Value: expected a number, got a string "
                "'heavy'"
            ),
            (
                "bad_value at Addresses[0].AddressType: expected one of Origin, Destination, "
                "Return, Sender, Recipient, Importer, got a string 'Warehouse'"
            ),
        ]

    def test_a_missing_key(self) -> None:
        """An item without its value (O6)."""
        document = seed_wire()
        del document["Packages"][1]["Items"][0]["Value"]  # type: ignore[index]

        assert errors(document, Order) == [
            "missing_key at Packages[1].Items[0].Value: expected a value, found none"
        ]

    def test_a_rule_of_the_order_itself(self) -> None:
        """Two Destinations: the A3 problem is at the second one's AddressType."""
        document = seed_wire()
        document["Addresses"][0]["AddressType"] = "Destination"  # type: ignore[index]

        assert errors(document, Order) == [
            (
                "duplicate_address_type at Addresses[1].AddressType: expected at most one "
                "Destination address (A3), found another"
            ),
            "missing_address at Addresses: expected one Origin address (A1), found none",
        ]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("[1,", "invalid_json: expected JSON: Expecting value: line 1 column 4 (char 3)"),
            ("[]", "wrong_type: expected an object, got an array"),
            (
                '{"Packages": "none"}',
                "wrong_type at Packages: expected an array, got a string 'none'",
            ),
        ],
    )
    def test_not_an_order_at_all(self, text: str, expected: str) -> None:
        """Broken JSON, the wrong shape: still one clear problem, never a bare KeyError."""
        with pytest.raises(ContractError) as caught:
            read(text, Order)

        assert str(caught.value.problems[0]) == expected

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (True, "wrong_type at Value: expected a number, got a boolean true"),
            (1.5, "wrong_type at Value: expected a number, got a number 1.5"),
        ],
    )
    def test_no_float_and_no_bool_for_a_number(self, value: object, expected: str) -> None:
        """A float handed to from_wire may have lost digits already; it is refused."""
        with pytest.raises(ContractError) as caught:
            from_wire({"Value": value, "Unit": "Kg"}, Weight)

        assert [str(p) for p in caught.value.problems] == [expected]

    @pytest.mark.parametrize(
        ("value", "found"),
        [
            (None, "null"),
            (Decimal("5.50"), "a number 5.50"),
            (True, "a boolean true"),
            (False, "a boolean false"),
            ({}, "an object"),
            ([], "an array"),
        ],
    )
    def test_what_was_found_is_named_as_json(self, value: object, found: str) -> None:
        """The message speaks JSON: null, true, 5.50; never Python's None or Decimal('5.50')."""
        assert errors({"KeyValue": value}, MetaData) == [
            f"wrong_type at KeyValue: expected a string, got {found}"
        ]

    def test_no_coercion_between_json_types(self) -> None:
        """A number for a string, a string for a boolean or a whole number: each is named."""
        assert errors({"AddressType": "Origin", "Town": 5, "IsCached": "no"}, Address) == [
            "wrong_type at Town: expected a string, got a number 5",
            "wrong_type at IsCached: expected true or false, got a string 'no'",
        ]
        assert errors({"KeyValue": "Boxes", "IntValue": "2"}, MetaData) == [
            "wrong_type at IntValue: expected a whole number, got a string '2'"
        ]

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("yesterday", "expected an ISO 8601 date and time, got 'yesterday'"),
            (
                "2026-12-01T09:00:00",
                "expected a date and time with an offset, got '2026-12-01T09:00:00'",
            ),
            (20261201, "expected a date and time, got a number 20261201"),
        ],
    )
    def test_datetimes_need_iso_8601_with_an_offset(self, value: object, expected: str) -> None:
        """Naive and malformed datetimes are refused."""
        document = seed_wire()
        document["ShippingDate"] = value

        assert [line.split(": ", 1)[1] for line in errors(document, Order)] == [expected]

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (
                {"Amount": 5},
                "missing_key at Packages[0].Items[0].Value.Currency: expected a value, found none",
            ),
            (
                {"IsoCode": "GB"},
                (
                    "wrong_type at Packages[0].Items[0].CountryOfOrigin.IsoCode: expected an "
                    "object, got a string 'GB'"
                ),
            ),
            (
                {"Amount": 5, "Currency": {"IsoCode": "GBP", "Symbol": "£"}},
                (
                    "unknown_key at Packages[0].Items[0].Value.Currency.Symbol: expected no "
                    "such key (strict)"
                ),
            ),
            (
                {"IsoCode": {"TwoLetterCode": "GB"}, "Name": 5},
                (
                    "wrong_type at Packages[0].Items[0].CountryOfOrigin.Name: expected a string, "
                    "got a number 5"
                ),
            ),
        ],
    )
    def test_nested_money_and_country_shapes(self, value: object, expected: str) -> None:
        """Money and Country have PRO's nested shapes, every key of them checked at its path."""
        document = seed_wire()
        key = "Value" if "Amount" in value else "CountryOfOrigin"  # type: ignore[operator]
        document["Packages"][0]["Items"][0][key] = value  # type: ignore[index]

        assert errors(document, Order, strict=True) == [expected]

    def test_model_rules_inside_money_and_country_point_at_pros_keys(self) -> None:
        """A lower-case currency or country code is named at its nested wire key."""
        document = seed_wire()
        item = document["Packages"][0]["Items"][0]  # type: ignore[index]
        item["Value"]["Currency"]["IsoCode"] = "gbp"
        item["CountryOfOrigin"] = {"IsoCode": {"TwoLetterCode": "gb"}}

        assert [line.split(":")[0] for line in errors(document, Order)] == [
            "bad_currency at Packages[0].Items[0].Value.Currency.IsoCode",
            "bad_country at Packages[0].Items[0].CountryOfOrigin.IsoCode.TwoLetterCode",
        ]

    def test_model_rules_inside_arrays_point_at_pros_keys(self) -> None:
        """An empty metadata key, three arrays deep, is named by PRO's key for it: KeyValue."""
        document = seed_wire()
        item = document["Packages"][0]["Items"][1]  # type: ignore[index]
        item["MetaData"] = [{"KeyValue": "Gift", "BoolValue": True}, {"KeyValue": ""}]

        assert [line.split(":")[0] for line in errors(document, Order)] == [
            "empty_key at Packages[0].Items[1].MetaData[1].KeyValue"
        ]

    def test_any_other_failure_is_still_a_contract_problem(self) -> None:
        """Whatever cattrs raises in future, the reader reports it as bad_value at its path."""
        from orderpack.contract._paths import _problems  # noqa: PLC0415

        assert [str(p) for p in _problems(ArithmeticError("overflow"), "Value", Weight)] == [
            "bad_value at Value: expected a valid value: overflow"
        ]

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (
                20261201,
                "wrong_type at Allocations[0].ShipDay: expected a date, got a number 20261201",
            ),
            (
                "tomorrow",
                (
                    "bad_value at Allocations[0].ShipDay: expected an ISO 8601 date "
                    "(2026-12-01), got 'tomorrow'"
                ),
            ),
        ],
    )
    def test_a_plans_ship_day_is_an_iso_date(self, value: object, expected: str) -> None:
        """Orderpack's plan document writes days as 2026-12-01."""
        document = json.loads(dumps(seed_plan()), parse_float=Decimal)
        document["Allocations"][0]["ShipDay"] = value

        assert errors(document, Plan) == [expected]

    def test_read_refuses_what_is_not_json_at_the_root(self) -> None:
        """Not JSON at all: one problem, at the whole document (an empty path)."""
        with pytest.raises(ContractError) as caught:
            read("{", Order)

        (problem,) = caught.value.problems
        assert (problem.code, problem.path) == ("invalid_json", "")

    def test_problems_of_the_whole_document_sit_at_its_root(self) -> None:
        """An array for an order: at the empty path. A bad reference: at OrderReference."""
        document = seed_wire()
        document["OrderReference"] = "nope"

        with pytest.raises(ContractError) as caught:
            from_wire([], Order)

        assert [(p.code, p.path) for p in caught.value.problems] == [("wrong_type", "")]
        assert [line.split(":")[0] for line in errors(document, Order)] == [
            "bad_reference at OrderReference"
        ]

    def test_read_is_strict_when_asked(self) -> None:
        """read() passes strict on: the unknown key is refused, not reported."""
        text = '{"Colour":"red",' + dumps(seed_order())[1:]

        with pytest.raises(ContractError) as caught:
            read(text, Order, strict=True)

        assert read(text, Order).unknown == ("Colour",)
        assert caught.value.codes() == ("unknown_key",)

    @pytest.mark.parametrize("name", ["", None])
    def test_an_empty_country_name_is_no_name(self, name: str | None) -> None:
        """Null, absent and "" all mean "not given" for optional text."""
        read_back = from_wire({"IsoCode": {"TwoLetterCode": "GB"}, "Name": name}, Country)

        assert read_back.value == Country(iso_code="GB")

    def test_strict_refuses_unknown_keys_everywhere(self) -> None:
        """In a strict read, each unknown key is a problem at its path."""
        document = seed_wire()
        document["Colour"] = "red"
        document["Packages"][0]["Items"][0]["Colour"] = "gold"  # type: ignore[index]

        assert errors(document, Order, strict=True) == [
            "unknown_key at Packages[0].Items[0].Colour: expected no such key (strict)",
            "unknown_key at Colour: expected no such key (strict)",
        ]

    def test_tolerant_reports_unknown_keys_everywhere(self) -> None:
        """The same document read tolerantly: both keys reported by path."""
        document = seed_wire()
        document["Colour"] = "red"
        document["Packages"][0]["Items"][0]["Colour"] = "gold"  # type: ignore[index]

        assert from_wire(document, Order).unknown == (
            "Packages[0].Items[0].Colour",
            "Colour",
        )

    def test_derived_totals_are_known_not_kept(self) -> None:
        """An order's Weight and Value are PRO's sums; orderpack writes its own."""
        document = seed_wire()
        document["Weight"] = {"Value": 99, "Unit": "Kg"}

        result = from_wire(document, Order)

        assert result.unknown == ()
        assert to_wire(result.value)["Weight"] == {"Value": Decimal("1.78"), "Unit": "Kg"}

    @pytest.mark.parametrize("cls", [Order, Consignment])
    def test_unknown_keys_inside_derived_totals_are_named(self, cls: type) -> None:
        """A total is read as a Weight or Money: a key of neither is unknown, at its path."""
        document = json.loads(
            golden("seed_order.json" if cls is Order else "seed_consignment_2.json")
        )
        document["Weight"] = {"Value": 1, "Unit": "Kg", "Tare": 1}
        document["Value"] = {"Amount": 1, "Currency": {"IsoCode": "GBP", "\ud800": 1}, "x": 2}
        text = json.dumps(document)

        assert read(text, cls).unknown == ("Weight.Tare", 'Value.Currency.["\\ud800"]', "Value.x")
        assert [p.path for p in _refusal_of(text, cls).problems] == [
            'Value.Currency.["\\ud800"]',
            "Value.x",
            "Weight.Tare",
        ]

    @pytest.mark.parametrize("key", ["Tags", "MetaData", "Source", "Direction", "Weight", "Value"])
    @pytest.mark.parametrize("strict", [False, True])
    def test_null_means_not_given(self, key: str, *, strict: bool) -> None:
        """``null`` for a list, a flag, an enum with a default or a total: as if absent."""
        document = seed_wire()
        document[key] = None

        assert from_wire(document, Order, strict=strict).value == seed_order()
        assert read(write_json(document), Order, strict=strict).value == seed_order()

    def test_null_for_a_required_list_is_refused(self) -> None:
        """An order's packages have no default: ``null`` there is the wrong type."""
        document = seed_wire()
        document["Packages"] = None

        assert errors(document, Order) == ["wrong_type at Packages: expected an array, got null"]

    def test_problems_beside_a_repeated_key_are_in_the_order_of_their_paths(self) -> None:
        """Indices compare as numbers: Packages[2] before Packages[10]."""
        document = json.loads(dumps(seed_order()))
        package = document["Packages"][0]
        document["Packages"] = [package] * 11
        document["Packages"][10] = {**package, "Bogus": 1}
        document["Packages"][2] = {**package, "Bogus": 1}
        text = json.dumps(document)[:-1] + ', "Tags": [], "Tags": []}'

        paths = [p.path for p in _refusal_of(text, Order).problems]

        assert paths == ["Packages[2].Bogus", "Packages[10].Bogus", "Tags"]

    def test_a_repeated_key_hides_no_other_problem(self) -> None:
        """Strict: the key given twice and an unknown key elsewhere are both named."""
        text = dumps(seed_order())[:-1] + ', "Colour": 1, "Sku": 1, "Sku": 2}'

        error = _refusal_of(text, Order)

        assert [(p.code, p.path) for p in error.problems] == [
            ("unknown_key", "Colour"),
            ("duplicate_key", "Sku"),
            ("unknown_key", "Sku"),
        ]


def test_an_order_with_mixed_currencies_has_no_value_total() -> None:
    """Amounts of two currencies are not summed; the Value key is left out."""
    order = seed_order()
    hat = order.packages[1].items[1]
    import attrs  # noqa: PLC0415

    euro = attrs.evolve(hat, value=attrs.evolve(hat.value, currency="EUR"))
    mixed = attrs.evolve(
        order,
        packages=[
            order.packages[0],
            attrs.evolve(order.packages[1], items=[order.packages[1].items[0], euro]),
        ],
    )

    assert "Value" not in to_wire(mixed)
    assert read(dumps(mixed), Order).value == mixed


def test_a_consignment_without_package_weights_has_no_weight_total() -> None:
    """Packages named by size alone leave nothing to sum."""
    consignment = split_order(seed_order(), seed_plan()).consignments[0]
    import attrs  # noqa: PLC0415

    sized = attrs.evolve(
        consignment,
        packages=[
            attrs.evolve(p, weight=None, dimensions=None, package_size_reference="S")
            for p in consignment.packages
        ],
    )

    assert "Weight" not in to_wire(sized)
    assert read(dumps(sized), Consignment).value == sized


def test_an_address_in_strict_mode_round_trips() -> None:
    """A request a service builds itself reads back strictly."""
    address = Address(address_type=AddressType.SENDER, company_name="Retailer Ltd")

    assert read(dumps(address), Address, strict=True).value == address


def test_p10_a_pack_order_response_with_a_return_has_two_results() -> None:
    """GenerateReturn: ConsignmentCreated, then ReturnConsignmentCreated (section 6.5)."""
    import attrs  # noqa: PLC0415

    order = seed_order()
    request = attrs.evolve(split_order(order, seed_plan()).requests[0], generate_return=True)

    response = pack_response(pack_order(order, request))

    assert [(r.result.value, r.message, r.data) for r in response.results] == [
        ("ConsignmentCreated", "Consignment EC-000-000-001 created successfully", "EC-000-000-001"),
        (
            "ReturnConsignmentCreated",
            "Return consignment EC-000-000-002 created successfully",
            "EC-000-000-002",
        ),
    ]


def test_a_wire_value_embeds_in_json_of_ones_own_with_every_digit() -> None:
    """to_wire gives plain text for enums and exact Decimals; write_json writes them exactly."""
    wire = to_wire(seed_order())
    address_type = wire["Addresses"][0]["AddressType"]
    written = write_json({"Id": 1, "Order": wire})

    assert (type(address_type), address_type) == (str, "Origin")
    assert json.loads(written, parse_float=Decimal)["Order"] == json.loads(
        dumps(seed_order()), parse_float=Decimal
    )
    assert '"Value":0.05,' in written


def _refusal_of(text: str, cls: type) -> ContractError:
    """The error a strict read of *text* as a *cls* raises."""
    with pytest.raises(ContractError) as caught:
        read(text, cls, strict=True)
    return caught.value
