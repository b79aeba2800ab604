"""Documents as PRO writes them read, strictly and tolerantly, and write back.

Each document under ``tests/contract/pro/`` is written in PRO's own style from the facts of
its published contract: what its examples show, not what orderpack writes.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from orderpack import Consignment, Package
from orderpack.contract import Read, dumps, read
from orderpack.responses import ConsignmentOperationResult, PackOrderResponse

PRO = Path(__file__).parent / "contract" / "pro"


def document(name: str) -> str:
    """A PRO-style document."""
    return (PRO / name).read_text()


@pytest.mark.parametrize(
    ("name", "cls"),
    [
        ("pack_order_response.json", PackOrderResponse),
        ("create_consignment.json", Consignment),
        ("add_package.json", Package),
    ],
)
@pytest.mark.parametrize("strict", [False, True], ids=["tolerant", "strict"])
def test_pros_documents_read_and_write_back(name: str, cls: type, *, strict: bool) -> None:
    """Read as PRO writes it, nothing unknown; written back, it reads back equal."""
    read_back: Read[object] = read(document(name), cls, strict=strict)

    assert read_back.unknown == ()
    assert read(dumps(read_back.value), cls, strict=True).value == read_back.value


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
