"""Documents as PRO writes them read, strictly and tolerantly, and write back.

Each document under ``tests/contract/pro/`` is written in PRO's own style from the facts of
its published contract: what its examples show, not what orderpack writes.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from orderpack import (
    Consignment,
    ConsignmentUpdate,
    ContractError,
    DeliveryWindow,
    Order,
    Package,
    Source,
)
from orderpack.contract import Read, dumps, read
from orderpack.tracking.responses import ConsignmentOperationResult, PackOrderResponse

PRO = Path(__file__).parent / "pro"


def document(name: str) -> str:
    """A PRO-style document."""
    return (PRO / name).read_text()


@pytest.mark.parametrize(
    ("name", "cls"),
    [
        ("pack_order_response.json", PackOrderResponse),
        ("create_consignment.json", Consignment),
        ("allocated_consignment.json", Consignment),
        ("add_package.json", Package),
    ],
)
@pytest.mark.parametrize("strict", [False, True], ids=["tolerant", "strict"])
def test_pros_documents_read_and_write_back(name: str, cls: type, *, strict: bool) -> None:
    """Read as PRO writes it, nothing unknown; written back, it reads back equal."""
    read_back: Read[object] = read(document(name), cls, strict=strict)

    assert read_back.unknown == ()
    assert read(dumps(read_back.value), cls, strict=True).value == read_back.value


def test_an_allocated_consignment_keeps_pros_allocation_and_its_failure() -> None:
    """Allocation and FailedAllocation (4.4) are read whole and written back as PRO wrote them."""
    made = read(document("allocated_consignment.json"), Consignment, strict=True).value

    assert made.carrier_allocation is not None
    assert made.carrier_allocation.mpd_carrier_service_reference == "DPD-NEXT-DAY"
    assert made.carrier_allocation.price is not None
    assert made.carrier_allocation.price.amount == Decimal("6.95")
    assert made.failed_carrier_allocation is not None
    assert made.failed_carrier_allocation.message == "Parcel exceeds the service's maximum length"
    written = json.loads(dumps(made))
    original = json.loads(document("allocated_consignment.json"))
    assert written["FailedAllocation"] == original["FailedAllocation"]
    assert written["Allocation"]["Price"] == original["Allocation"]["Price"]


def test_a_pack_order_response_without_a_message() -> None:
    """PRO's published response holds Result and ApiLinks; writing it adds no Message."""
    response = read(document("pack_order_response.json"), PackOrderResponse, strict=True).value

    (result,) = response.results
    assert result.result is ConsignmentOperationResult.CONSIGNMENT_CREATED
    assert result.message is None
    assert json.loads(dumps(response)) == json.loads(document("pack_order_response.json"))


def test_consignment_packages_need_no_items() -> None:
    """PRO makes weight, dimensions, description and value mandatory, and nothing else."""
    made = read(document("create_consignment.json"), Consignment, strict=True).value
    added = read(document("add_package.json"), Package, strict=True).value

    assert made.packages[0].items == ()
    assert added.items == ()


def test_metadata_carries_pros_datetime_value() -> None:
    """PRO's key is DateTimeValue; it is read, kept and written under that name."""
    made = read(document("create_consignment.json"), Consignment, strict=True).value

    (entry,) = made.packages[1].items[0].metadata
    assert entry.datetime_value == datetime(2026, 12, 1, 8, 15, tzinfo=UTC)
    assert '"DateTimeValue":"2026-12-01T08:15:00+00:00"' in dumps(made)


def test_a_country_keeps_its_three_letter_and_numeric_codes() -> None:
    """IsoCode's ThreeLetterCode and NumericCode are modelled, not dropped."""
    made = read(document("create_consignment.json"), Consignment, strict=True).value

    country = made.destination.country
    assert country is not None
    assert (country.iso_code, country.three_letter_code, country.numeric_code) == (
        "GB",
        "GBR",
        "826",
    )
    assert '"ThreeLetterCode":"GBR","NumericCode":"826"' in dumps(made)


def test_a_consignment_keeps_its_dates() -> None:
    """DateCreated, EarliestDeliveryDate and LatestDeliveryDate, as an order has them."""
    made = read(document("create_consignment.json"), Consignment, strict=True).value

    assert made.date_created is not None
    assert made.date_created.microsecond == 284556  # PRO's seventh digit dropped
    assert made.earliest_delivery_date == datetime(2026, 12, 2, tzinfo=UTC)
    assert made.latest_delivery_date == datetime(2026, 12, 3, tzinfo=UTC)


def test_an_item_of_quantity_zero_reads_and_packs_nothing() -> None:
    """PRO's example consignment has Quantity 0: it reads, and weighs and counts nothing."""
    made = read(document("create_consignment.json"), Consignment, strict=True).value
    mug = made.packages[1].items[0]

    assert mug.quantity == 0
    assert mug.line_weight.value == Decimal(0)


def test_a_tolerant_read_matches_keys_and_enum_names_whatever_their_case() -> None:
    """As PRO's .NET readers do: Metadata is MetaData, API is Api, KG is Kg."""
    text = document("order_spellings.json")
    canonical = (
        text.replace('"Metadata"', '"MetaData"')
        .replace('"API"', '"Api"')
        .replace('"outbound"', '"Outbound"')
        .replace('"KG"', '"Kg"')
        .replace('"cm"', '"Cm"')
        .replace('"currency"', '"Currency"')
        .replace('"addressType"', '"AddressType"')
    )

    read_back = read(text, Order)

    assert read_back.unknown == ()
    assert read_back.value == read(canonical, Order, strict=True).value
    assert read_back.value.source is Source.API


def test_a_strict_read_names_pros_spelling() -> None:
    """Strict refuses a key or an enum name spelled another way, and says how PRO spells it."""
    with pytest.raises(ContractError) as caught:
        read(document("order_spellings.json"), Order, strict=True)

    problems = {(p.code, p.path): p.message for p in caught.value.problems}
    assert problems[("unknown_key", "Metadata")] == "expected PRO's spelling 'MetaData' (strict)"
    assert problems[("bad_value", "Source")] == "expected 'Api', PRO's spelling, got a string 'API'"
    assert problems[("unknown_key", "Packages[0].Items[0].Value.currency")] == (
        "expected PRO's spelling 'Currency' (strict)"
    )


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        (
            {"Start": "00:00:00", "End": "00:00:00", "UtcOffset": None},
            DeliveryWindow(start=time(0), end=time(0)),
        ),
        (
            {"Start": "09:00:00", "End": "12:30:00.5000000", "UtcOffset": "-05:00:00"},
            DeliveryWindow(
                start=time(9), end=time(12, 30, 0, 500000), utc_offset=timedelta(hours=-5)
            ),
        ),
    ],
)
def test_a_delivery_window_is_times_of_day_and_an_offset(
    window: dict[str, object], expected: DeliveryWindow
) -> None:
    """PRO sends times of day and an optional offset, not datetimes; they write back as read."""
    text = document("order_spellings.json")
    order = json.loads(text)
    order["RequiredDeliveryDate"] = {
        "Date": "2026-12-04T00:00:00+00:00",
        "IsToBeExactlyOnTheDateSpecified": False,
        "DeliveryWindow": window,
    }

    value = read(json.dumps(order), Order).value

    assert value.required_delivery_date is not None
    assert value.required_delivery_date.delivery_window == expected
    written = json.loads(dumps(value))["RequiredDeliveryDate"]["DeliveryWindow"]
    assert (written["Start"], written.get("UtcOffset")) == (window["Start"], window["UtcOffset"])
    assert read(dumps(value), Order, strict=True).value == value


@pytest.mark.parametrize("bad", ["24:00:00", "9:00", "1.02:00:00", "12:60:00", 900])
def test_a_time_of_day_is_refused_at_its_path_when_it_is_not_one(bad: object) -> None:
    """A day or more, a missing second, a days part, a 60th minute, a number."""
    order = json.loads(document("order_spellings.json"))
    order["RequiredDeliveryDate"] = {
        "Date": "2026-12-04T00:00:00+00:00",
        "DeliveryWindow": {"Start": bad, "End": "12:00:00"},
    }

    with pytest.raises(ContractError) as caught:
        read(json.dumps(order), Order)

    assert [p.path for p in caught.value.problems] == ["RequiredDeliveryDate.DeliveryWindow.Start"]


def _keys(value: object, path: str = "") -> set[str]:
    """Every key path in a parsed document, array indices left out."""
    if isinstance(value, list):
        return {key for item in value for key in _keys(item, path)}
    if not isinstance(value, dict):
        return set()
    return {
        found
        for key, item in value.items()
        for found in ({f"{path}.{key}"} | _keys(item, f"{path}.{key}"))
    }


TOTALS = {".Weight", ".Weight.Value", ".Weight.Unit", ".Value", ".Value.Amount"}
TOTALS |= {".Value.Currency", ".Value.Currency.IsoCode"}


@pytest.mark.parametrize(
    ("name", "cls"),
    [
        ("pack_order_response.json", PackOrderResponse),
        ("create_consignment.json", Consignment),
        ("add_package.json", Package),
        ("update_consignment.json", ConsignmentUpdate),
        ("order_spellings.json", Order),
        ("../pro_get_order.json", Order),
    ],
)
def test_writing_what_was_read_adds_no_key(name: str, cls: type) -> None:
    """Written back, a document holds only keys it had, and the totals PRO requires."""
    text = document(name)
    value: object = read(text, cls).value

    written = _keys(json.loads(dumps(value, extensions=False)))
    had = {key.casefold() for key in _keys(json.loads(text))}

    assert {key for key in written if key.casefold() not in had} <= TOTALS
