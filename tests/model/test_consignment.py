"""Consignments: one origin, day and carrier service by construction; C1."""

from datetime import date, datetime, timedelta, timezone

import attrs
import pytest

from builders import destination, item, origin
from orderpack import Consignment, ConsignmentKey, ConsignmentState, Item, ModelError, Package
from orderpack.packing.pack import consignment_item


def _package() -> Package:
    return Package(items=[consignment_item(item(), 1)], package_size_reference="BOX")


def test_c1_a_consignment_needs_a_package() -> None:
    """A consignment with no packages cannot be built."""
    with pytest.raises(ModelError) as caught:
        Consignment(packages=[], addresses=[origin(), destination()])

    assert str(caught.value.problems[0]) == (
        "consignment_without_packages at packages: expected a package (C1)"
    )


def test_a1_a_consignment_needs_both_ends_but_no_location() -> None:
    """A2 is checked on orders; a consignment's origin comes back expanded (A4)."""
    with pytest.raises(ModelError) as caught:
        Consignment(packages=[_package()], addresses=[destination()])

    assert caught.value.codes() == ("missing_address",)


def test_references_and_shipping_date_are_checked() -> None:
    """References follow PRO's formats; the shipping date carries an offset."""
    with pytest.raises(ModelError) as caught:
        Consignment(
            packages=[_package()],
            addresses=[origin(), destination()],
            reference="EC-1",
            return_for="EO-000-000-001",
            order_reference="EC-000-000-001",
            shipping_date=datetime(2026, 12, 1),  # noqa: DTZ001
        )

    assert [p.path for p in caught.value.problems] == [
        "reference",
        "return_for",
        "order_reference",
        "shipping_date",
    ]


def test_p12_a_new_consignment_is_unallocated() -> None:
    """Unallocated is where every consignment starts."""
    made = Consignment(packages=[_package()], addresses=[origin(), destination()])

    assert made.state is ConsignmentState.UNALLOCATED


def test_key_takes_the_day_in_the_shipping_dates_own_offset() -> None:
    """Late evening in New York is the day it says, whatever the time in London."""
    new_york = timezone(timedelta(hours=-5))
    made = Consignment(
        packages=[_package()],
        addresses=[origin("WH-B"), destination()],
        shipping_date=datetime(2026, 12, 1, 23, 30, tzinfo=new_york),
        carrier_service="DPD-NEXT-DAY",
    )

    assert made.key == ConsignmentKey(
        origin="WH-B", ship_day=date(2026, 12, 1), carrier_service="DPD-NEXT-DAY"
    )
    assert made.origin == origin("WH-B")
    assert made.destination == destination()


def test_key_without_a_shipping_date() -> None:
    """A consignment need not have a shipping date; its key then has no day."""
    made = Consignment(packages=[_package()], addresses=[origin(), destination()])

    assert made.ship_day is None
    assert made.key.ship_day is None


def test_a_consignment_package_may_hold_no_items() -> None:
    """PRO allows it; the split checker is what insists on items."""
    assert Package(items=[], package_size_reference="BOX").items == ()


def test_a_consignment_item_counts_from_zero() -> None:
    """PRO shows items of quantity 0 on consignments; below 0, or past .NET's int, is refused."""
    base = item()
    assert Item(**{**attrs.asdict(base, recurse=False), "quantity": 0}).quantity == 0

    for quantity, code in ((-1, "negative"), (2**31, "out_of_range"), (True, "not_int")):
        with pytest.raises(ModelError) as caught:
            Item(**{**attrs.asdict(base, recurse=False), "quantity": quantity})
        assert caught.value.codes() == (code,)


def test_a_consignment_item_reference_has_pros_format() -> None:
    """As an order item's: 32 lower-case hexadecimal characters."""
    with pytest.raises(ModelError) as caught:
        Item(**{**attrs.asdict(item(), recurse=False), "reference": "not-a-guid"})

    assert caught.value.codes() == ("bad_reference",)
