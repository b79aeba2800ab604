"""Orders as PRO creates them: O1, O2 (A1, A2), A3, O5, O6."""

import gc
import weakref
from datetime import datetime
from decimal import Decimal

import pytest

from builders import box, destination, gbp, item, kg, order, origin
from orderpack import (
    Address,
    AddressType,
    CurrencyMismatchError,
    ModelError,
    Money,
    OrderItem,
    OrderPackage,
    PackItem,
    Weight,
)
from orderpack.demo import seed_order
from orderpack.model.order import find_address


def test_o1_an_order_needs_a_package() -> None:
    """An order with no packages is refused."""
    with pytest.raises(ModelError) as caught:
        order(packages=[])

    assert caught.value.codes() == ("order_without_packages",)


def test_o1_each_order_package_needs_an_item() -> None:
    """An order package with no items is refused."""
    with pytest.raises(ModelError) as caught:
        OrderPackage(items=[], package_size_reference="BOX")

    assert str(caught.value.problems[0]) == (
        "package_without_items at items: expected at least one item (O1)"
    )


def test_a1_origin_and_destination_are_both_required_and_both_reported() -> None:
    """With neither address, both are named in one error."""
    with pytest.raises(ModelError) as caught:
        order(addresses=[Address(address_type=AddressType.SENDER)])

    assert [str(p) for p in caught.value.problems] == [
        "missing_address at addresses: expected one Origin address (A1), found none",
        "missing_address at addresses: expected one Destination address (A1), found none",
    ]


def test_a2_origin_or_destination_names_a_shipping_location() -> None:
    """An order whose ends are both written out in full is refused."""
    with pytest.raises(ModelError) as caught:
        order(addresses=[Address(address_type=AddressType.ORIGIN, town="Leeds"), destination()])

    assert caught.value.codes() == ("no_shipping_location",)


def test_a2_a_destination_location_is_enough() -> None:
    """Either end may carry the shipping location (an inbound order's destination does)."""
    returns = order(
        addresses=[
            Address(address_type=AddressType.ORIGIN, town="Leeds"),
            Address(address_type=AddressType.DESTINATION, shipping_location_reference="WH-A"),
        ]
    )

    assert returns.destination.shipping_location_reference == "WH-A"


def test_a3_one_address_per_type() -> None:
    """A second Origin is refused at its own path."""
    with pytest.raises(ModelError) as caught:
        order(addresses=[origin(), destination(), origin("WH-B")])

    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("duplicate_address_type", "addresses[2].address_type")
    ]


def test_o5_a_package_gives_weight_and_dimensions_or_a_size() -> None:
    """Without a package size, both measures are needed, and both gaps are named."""
    with pytest.raises(ModelError) as caught:
        OrderPackage(items=[item()])

    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("package_unmeasured", "weight"),
        ("package_unmeasured", "dimensions"),
    ]


def test_o6_an_item_needs_weight_dimensions_and_value() -> None:
    """They are required fields: leaving one out fails in the constructor."""
    with pytest.raises(TypeError, match="value"):
        OrderItem(weight=kg("1"), dimensions=box())  # type: ignore[call-arg]


@pytest.mark.parametrize("quantity", [0, -1, True])
def test_quantity_is_a_positive_whole_number(quantity: int) -> None:
    """Zero, negatives and booleans are not quantities."""
    with pytest.raises(ModelError) as caught:
        item(quantity=quantity)

    assert caught.value.problems[0].path == "quantity"


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        ({"reference": "EO-1"}, "reference"),
        ({"shipping_date": datetime(2026, 12, 1)}, "shipping_date"),  # noqa: DTZ001
        ({"date_created": datetime(2026, 12, 1)}, "date_created"),  # noqa: DTZ001
    ],
)
def test_order_reference_format_and_aware_dates(fields: dict[str, object], path: str) -> None:
    """References follow PRO's formats; dates carry an offset."""
    with pytest.raises(ModelError) as caught:
        order(**fields)

    assert [p.path for p in caught.value.problems] == [path]


def test_item_and_package_references_follow_pros_formats() -> None:
    """Item references are 32 hex characters, package references EP-xxx-xxx-xxx."""
    with pytest.raises(ModelError) as item_error:
        item(reference="02F60A1FF80C4F799799B2E9F281DD22")
    with pytest.raises(ModelError) as package_error:
        OrderPackage(items=[item()], package_size_reference="BOX", reference="EP-1")

    assert item_error.value.codes() == ("bad_reference",)
    assert package_error.value.codes() == ("bad_reference",)


def test_lines_are_listed_flat_with_their_paths() -> None:
    """A line is known by its index in ``items`` and shown by its path."""
    two_packages = order(
        packages=[
            OrderPackage(items=[item("A")], package_size_reference="BOX"),
            OrderPackage(items=[item("B"), item("C")], package_size_reference="BOX"),
        ]
    )

    assert [i.sku for i in two_packages.items] == ["A", "B", "C"]
    assert two_packages.item_path(2) == "packages[1].items[1]"
    assert two_packages.package_of(2) == 1
    assert two_packages.ordered_quantities == (1, 1, 1)


def test_q5_totals_are_sums_of_lines() -> None:
    """Weight and value are unit measures times quantity, summed (an orderpack rule)."""
    placed = order(item("A", quantity=2), item("B", weight=kg("0.5"), value=gbp("1.50")))

    assert placed.total_weight == Weight(value=Decimal("2.5"))
    assert placed.total_value() == gbp("21.50")


def test_q5_total_value_refuses_mixed_currencies() -> None:
    """Money of different currencies never adds silently."""
    placed = order(item("A"), item("B", value=Money(amount=Decimal(1), currency="EUR")))

    with pytest.raises(CurrencyMismatchError):
        placed.total_value()


def test_find_address_by_type() -> None:
    """The origin and destination are found by their type."""
    placed = order()

    assert find_address(placed.addresses, AddressType.ORIGIN) == placed.origin == origin()
    assert find_address(placed.addresses, AddressType.RETURN) is None


def test_an_order_is_freed_as_soon_as_it_is_dropped() -> None:
    """Its cached index does not point back at it, so no cycle waits for the collector.

    A batch drops an order per line; a cycle would hold each until a full collection.
    """
    gc.disable()
    try:
        dropped = seed_order()
        assert dropped.match(PackItem(sku="HAT-01", quantity=1)) == 3  # fills the caches
        gone = weakref.ref(dropped)
        del dropped

        assert gone() is None
    finally:
        gc.enable()
