"""Pack Order, rule by rule (P1-P12, section 6.6, Q1-Q4)."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import attrs
import pytest

from builders import box, destination, gbp, item, kg, order, origin
from orderpack import (
    Address,
    AddressType,
    Barcode,
    CustomsDocumentation,
    Direction,
    MetaData,
    ModelError,
    Money,
    OrderPackage,
    PackError,
    PackItem,
    PackOrderRequest,
    PackPackage,
    Problem,
    RequestedDeliveryDate,
    SequentialReferences,
    Source,
    Weight,
    find_line,
    pack_order,
)
from orderpack.demo import seed_order


def request(*items: PackItem, **fields: object) -> PackOrderRequest:
    """A request packing *items* (one lamp by default) in one box-sized package."""
    package = PackPackage(
        items=items or [PackItem(sku="LAMP-01", quantity=1)], package_size_reference="BOX"
    )
    return PackOrderRequest(packages=[package], **fields)  # type: ignore[arg-type]


def test_p1_one_request_makes_one_consignment() -> None:
    """Without GenerateReturn, one Pack Order is one consignment."""
    result = pack_order(order(), request())

    assert len(result.consignments) == 1
    assert result.return_consignment is None


def test_p2_a_request_needs_a_package() -> None:
    """A request with no packages is refused."""
    with pytest.raises(ModelError) as caught:
        PackOrderRequest(packages=[])

    assert [str(p) for p in caught.value.problems] == [
        "request_without_packages at packages: expected a package (P2)"
    ]


def test_a_requests_order_reference_has_pros_format() -> None:
    """EO- and three groups of three: anything else is refused before any matching."""
    with pytest.raises(ModelError) as caught:
        request(order_reference="ORDER-1")

    assert [str(p) for p in caught.value.problems] == [
        "bad_reference at order_reference: expected a reference like EO-000-002-0TS, got 'ORDER-1'"
    ]


def test_a_requests_shipping_date_carries_an_offset() -> None:
    """A naive shipping date is refused, as everywhere in orderpack."""
    with pytest.raises(ModelError) as caught:
        request(shipping_date=datetime(2026, 12, 1, 9))  # noqa: DTZ001 - the naive one refused

    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("naive_datetime", "shipping_date")
    ]


def test_q3_a_pack_items_quantity_is_named_at_its_field() -> None:
    """Zero units: refused at quantity."""
    with pytest.raises(ModelError) as caught:
        PackItem(sku="LAMP-01", quantity=0)

    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("quantity_not_positive", "quantity")
    ]


def test_p2_a_pack_package_needs_an_item() -> None:
    """Each package must contain at least one item."""
    with pytest.raises(ModelError) as caught:
        PackPackage(items=[], package_size_reference="BOX")

    assert str(caught.value.problems[0]) == (
        "package_without_items at items: expected at least one item (P2)"
    )


def test_p2_the_request_names_this_order() -> None:
    """A request for another order is refused, naming both references."""
    with pytest.raises(PackError) as caught:
        pack_order(order(), request(order_reference="EO-000-000-999"))

    assert str(caught.value.problems[0]) == (
        "order_reference_mismatch at order_reference: expected the order's reference "
        "'EO-000-002-0TS', got 'EO-000-000-999' (P2)"
    )


def test_p3_a_pack_item_needs_an_identifier() -> None:
    """None of reference, customer reference or SKU: refused."""
    with pytest.raises(ModelError) as caught:
        PackItem(quantity=1, sku="")

    assert caught.value.problems == (
        Problem(
            code="item_unidentified",
            path="",
            message="expected at least one of reference, item_reference_provided_by_customer "
            "or sku (P3)",
        ),
    )


def test_p4_an_item_not_on_the_order_is_refused() -> None:
    """Sku 12345 is not on the order: PRO's own example."""
    with pytest.raises(PackError) as caught:
        pack_order(order(), request(PackItem(sku="12345", quantity=1)))

    assert str(caught.value.problems[0]) == (
        "item_not_on_order at packages[0].items[0].sku: no order item has sku '12345' (P4)"
    )


def test_every_problem_of_a_request_is_reported_at_once() -> None:
    """Two unknown items and a wrong order reference: three problems, one error."""
    with pytest.raises(PackError) as caught:
        pack_order(
            order(),
            request(
                PackItem(sku="NOPE", quantity=1),
                PackItem(reference="0" * 32, quantity=1),
                order_reference="EO-000-000-999",
            ),
        )

    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("order_reference_mismatch", "order_reference"),
        ("item_not_on_order", "packages[0].items[0].sku"),
        ("item_not_on_order", "packages[0].items[1].reference"),
    ]


def test_p5_packing_the_same_request_again_is_allowed() -> None:
    """Repeat packs make more consignments; nothing is refused for earlier packs."""
    placed, same = order(item(quantity=1)), request(PackItem(sku="LAMP-01", quantity=1))
    references = SequentialReferences()

    first = pack_order(placed, same, references=references).consignment
    second = pack_order(placed, same, references=references).consignment

    assert first.reference != second.reference
    assert first.items == second.items


def test_p6_a_pack_package_needs_measures_or_a_size() -> None:
    """Dimensions and weight, unless a package size reference is given."""
    with pytest.raises(ModelError) as caught:
        PackPackage(items=[PackItem(sku="LAMP-01", quantity=1)], weight=kg("1"))

    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("package_unmeasured", "dimensions")
    ]


def test_p7_what_the_request_leaves_out_comes_from_the_order() -> None:
    """Addresses, dates, direction, source, customs, metadata and tags are the order's."""
    customs = CustomsDocumentation(reason_for_export="Sale")
    shipped = datetime(2026, 12, 1, 9, tzinfo=UTC)
    placed = order(
        shipping_date=shipped,
        required_delivery_date=RequestedDeliveryDate(date=shipped + timedelta(days=2)),
        direction=Direction.INBOUND,
        source=Source.WEB,
        customs_documentation=customs,
        metadata=[MetaData(key="Channel", string_value="Web")],
        tags=["Alcohol"],
    )

    made = pack_order(placed, request()).consignment

    assert made.addresses == placed.addresses
    assert made.shipping_date == shipped
    assert made.requested_delivery_date == placed.required_delivery_date
    assert (made.direction, made.source) == (Direction.INBOUND, Source.WEB)
    assert made.customs_documentation == customs
    assert made.metadata == placed.metadata
    assert made.tags == ("Alcohol",)
    assert made.order_reference == "EO-000-002-0TS"


def test_p7_the_requests_customs_documentation_wins() -> None:
    """A non-null value in the request replaces the order's."""
    mine = CustomsDocumentation(reason_for_export="Gift")

    made = pack_order(
        order(customs_documentation=CustomsDocumentation(reason_for_export="Sale")),
        request(customs_documentation=mine),
    ).consignment

    assert made.customs_documentation == mine


@pytest.mark.parametrize(
    ("on_order", "on_request", "expected"),
    [
        ("ORDER-REF", "PACK-REF", "PACK-REF"),
        ("ORDER-REF", None, "ORDER-REF"),
        ("ORDER-REF", "", "ORDER-REF"),
        (None, None, None),
    ],
)
def test_p8_custom_reference_precedence(
    on_order: str | None, on_request: str | None, expected: str | None
) -> None:
    """The pack's customer reference wins; else the order's; else none ("" counts as none)."""
    made = pack_order(
        order(order_reference_provided_by_customer=on_order),
        request(order_reference_provided_by_customer=on_request),
    ).consignment

    assert made.consignment_reference_provided_by_customer == expected


@pytest.mark.parametrize(
    ("on_request", "expected"),
    [(None, ("Alcohol",)), ([], ()), (["Oil"], ("Oil",))],
)
def test_p9_tags_override_only_when_given(
    on_request: list[str] | None, expected: tuple[str, ...]
) -> None:
    """A null list inherits the order's tags; any list, even empty, replaces them."""
    made = pack_order(order(tags=["Alcohol"]), request(tags=on_request)).consignment

    assert made.tags == expected


def test_p10_generate_return_makes_a_mirrored_inbound_consignment() -> None:
    """The return swaps origin and destination, goes inbound and links to the outbound one."""
    result = pack_order(order(), request(generate_return=True))
    outbound, inbound = result.consignments

    assert inbound.direction is Direction.INBOUND
    assert inbound.origin == attrs.evolve(outbound.destination, address_type=AddressType.ORIGIN)
    assert inbound.destination == attrs.evolve(
        outbound.origin, address_type=AddressType.DESTINATION
    )
    assert inbound.return_for == outbound.reference
    assert inbound.reference != outbound.reference
    assert inbound.items == outbound.items


def test_p10_a_return_has_its_own_package_references_and_keeps_other_addresses() -> None:
    """Only the two ends swap; a Sender stays the Sender. Each package is a new parcel."""
    sender = Address(address_type=AddressType.SENDER, company_name="Retailer Ltd")
    placed = attrs.evolve(order(), addresses=[*order().addresses, sender])

    outbound, inbound = pack_order(placed, request(generate_return=True)).consignments

    assert inbound.addresses[-1] == sender
    assert [p.reference for p in outbound.packages] == ["EP-000-000-001"]
    assert [p.reference for p in inbound.packages] == ["EP-000-000-002"]


class _Source:
    """A caller's reference source that hands out *package* for every package."""

    def __init__(self, package: object) -> None:
        self.package = package

    def consignment_reference(self) -> str:
        return "EC-000-000-001"

    def package_reference(self) -> object:
        return self.package


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (
            "EP-12",
            "bad_reference at reference: expected a reference like EP-000-002-QPF, got 'EP-12'",
        ),
        (7, "wrong_type at reference: expected a str or None, got 7 (int)"),
    ],
)
def test_a_package_reference_from_the_callers_source_is_checked(
    given: object, expected: str
) -> None:
    """References from a source the caller passes in keep PRO's format, or nothing is made."""
    with pytest.raises(ModelError) as caught:
        pack_order(order(), request(), references=_Source(given))  # type: ignore[arg-type]

    assert [str(p) for p in caught.value.problems] == [expected]


def test_a_callers_source_may_leave_package_references_unknown() -> None:
    """``None`` is a package reference not known yet (the protocol allows it)."""
    result = pack_order(order(), request(), references=_Source(None))  # type: ignore[arg-type]

    assert result.consignment.packages[0].reference is None


def test_p11_shippers_eori_is_carried_over_when_metadata_is_replaced() -> None:
    """The order's ShippersEORI survives a request that brings its own metadata."""
    eori = MetaData(key="ShippersEORI", string_value="GB123456789000")
    note = MetaData(key="Picker", string_value="Bay 4")

    made = pack_order(order(metadata=[eori]), request(metadata=[note])).consignment

    assert made.metadata == (note, eori)


def test_p11_a_requests_own_shippers_eori_is_kept() -> None:
    """A request that names its own ShippersEORI is not given a second one."""
    mine = MetaData(key="ShippersEORI", string_value="GB000000000000")

    made = pack_order(
        order(metadata=[MetaData(key="ShippersEORI", string_value="GB1")]),
        request(metadata=[mine]),
    ).consignment

    assert made.metadata == (mine,)


def test_6_6_items_carry_the_order_items_details_and_the_packed_quantity() -> None:
    """Description, weight, value... from the order item; quantity from the request."""
    lamp = item(description="Desk lamp", quantity=3, weight=kg("1.2"), value=gbp("19.99"))

    made = pack_order(order(lamp), request(PackItem(sku="LAMP-01", quantity=2))).consignment

    (packed,) = made.items
    details = attrs.asdict(packed, recurse=False)
    assert (details.pop("quantity"), details.pop("status")) == (2, None)
    ordered = attrs.asdict(lamp, recurse=False)
    del ordered["quantity"]
    assert details == ordered


def test_6_6_package_weight_from_the_request_or_from_the_items() -> None:
    """A given weight is kept; with only a package size, the items' weight is used (Q2)."""
    placed = order(item(quantity=3, weight=kg("0.4")))
    sized = request(PackItem(sku="LAMP-01", quantity=2))
    weighed = PackOrderRequest(
        packages=[
            PackPackage(
                items=[PackItem(sku="LAMP-01", quantity=2)], weight=kg("1"), dimensions=box()
            )
        ]
    )

    assert pack_order(placed, sized).consignment.packages[0].weight == Weight(value=Decimal("0.8"))
    assert pack_order(placed, weighed).consignment.packages[0].weight == kg("1")


def test_6_6_a_package_of_one_line_weighs_a_plain_decimal() -> None:
    """An order item's own Decimal subclass is summed into a plain Decimal, as before."""

    class Exact(Decimal):
        """A caller's own Decimal."""

    placed = order(
        item(weight=Weight(value=Exact("0.4")), value=Money(amount=Exact("2.5"), currency="GBP"))
    )

    package = pack_order(placed, request()).consignment.packages[0]

    assert (package.weight, package.value) == (kg("0.4"), gbp("2.5"))
    assert type(package.weight.value) is type(package.value.amount) is Decimal  # type: ignore[union-attr]


def test_q2_package_fields_come_from_the_one_order_package_its_items_left() -> None:
    """Description, barcode, customer reference and metadata: only from one source package."""
    barcode = Barcode(code="5012345678900")
    label = MetaData(key="Fragile", bool_value=True)
    placed = order(
        packages=[
            OrderPackage(
                items=[item("A")],
                package_size_reference="BOX",
                description="Box A",
                package_reference_provided_by_customer="PKG-A",
                barcode=barcode,
                metadata=[label],
            ),
            OrderPackage(items=[item("B")], package_size_reference="BOX", description="Box B"),
        ]
    )

    from_one = pack_order(placed, request(PackItem(sku="A", quantity=1))).consignment
    from_two = pack_order(
        placed, request(PackItem(sku="A", quantity=1), PackItem(sku="B", quantity=1))
    ).consignment

    one, two = from_one.packages[0], from_two.packages[0]
    assert (one.description, one.package_reference_provided_by_customer) == ("Box A", "PKG-A")
    assert (one.barcode, one.metadata) == (barcode, (label,))
    assert (two.description, two.barcode, two.metadata) == (None, None, ())


def test_q2_package_value_is_the_sum_of_its_lines_or_none_across_currencies() -> None:
    """One currency sums; two currencies leave the package without a value."""
    placed = order(
        item("A", value=gbp("2.50"), quantity=2),
        item("B", value=Money(amount=Decimal(1), currency="EUR")),
    )

    summed = pack_order(placed, request(PackItem(sku="A", quantity=2))).consignment
    mixed = pack_order(
        placed, request(PackItem(sku="A", quantity=1), PackItem(sku="B", quantity=1))
    ).consignment

    assert summed.packages[0].value == gbp("5.00")
    assert mixed.packages[0].value is None


def test_q1_the_request_may_name_origin_day_and_carrier_service() -> None:
    """Orderpack's extension: the consignment ships from WH-B on the given day by DPD."""
    day = datetime(2026, 12, 3, 8, tzinfo=UTC)

    made = pack_order(
        order(), request(origin="WH-B", shipping_date=day, carrier_service="DPD-NEXT-DAY")
    ).consignment

    assert made.origin == Address(
        address_type=AddressType.ORIGIN, shipping_location_reference="WH-B"
    )
    assert made.destination == destination()
    assert (made.shipping_date, made.carrier_service) == (day, "DPD-NEXT-DAY")


def test_q1_naming_the_orders_own_origin_keeps_its_full_address() -> None:
    """The order's origin address is kept as it is when the request names its location."""
    full = attrs.evolve(origin("WH-A"), town="Leeds")

    made = pack_order(order(addresses=[full, destination()]), request(origin="WH-A")).consignment

    assert made.origin == full


def test_q3_zero_is_not_a_quantity() -> None:
    """PRO's quantity defaults to 0; orderpack refuses it rather than read it as "all"."""
    with pytest.raises(ModelError) as caught:
        PackItem(sku="LAMP-01", quantity=0)

    assert caught.value.codes() == ("quantity_not_positive",)


def test_q3_more_than_ordered_is_packed_as_pro_does() -> None:
    """PRO sets no upper bound; the ledger, not the packer, reports over-packing."""
    made = pack_order(order(item(quantity=1)), request(PackItem(sku="LAMP-01", quantity=5)))

    assert made.consignment.items[0].quantity == 5


def test_q4_a_sku_on_two_lines_is_ambiguous() -> None:
    """Two lines share a SKU and nothing else is given: refused, naming both lines."""
    placed = order(item("SOCK"), item("SOCK", item_reference_provided_by_customer="LINE-2"))

    with pytest.raises(PackError) as caught:
        pack_order(placed, request(PackItem(sku="SOCK", quantity=1)))

    assert str(caught.value.problems[0]) == (
        "item_ambiguous at packages[0].items[0]: sku 'SOCK' matches order items "
        "packages[0].items[0], packages[0].items[1]; expected one, give another identifier "
        "to settle it (Q4)"
    )


def test_q4_another_identifier_settles_an_ambiguous_sku() -> None:
    """The customer's line reference picks one of the two socks."""
    placed = order(item("SOCK"), item("SOCK", item_reference_provided_by_customer="LINE-2"))

    line = find_line(
        placed, PackItem(sku="SOCK", item_reference_provided_by_customer="LINE-2", quantity=1)
    )

    assert line == 1


def test_q4_identifiers_naming_different_items_disagree() -> None:
    """A SKU of one line and a customer reference of another: refused."""
    placed = order(item("A", item_reference_provided_by_customer="LINE-1"), item("B"))

    with pytest.raises(PackError) as caught:
        find_line(
            placed, PackItem(sku="B", item_reference_provided_by_customer="LINE-1", quantity=1)
        )

    assert caught.value.codes() == ("item_identifiers_disagree",)


def test_seed_example_packs_twice() -> None:
    """Pack Order runs once per consignment: warehouse A's parcel, then warehouse B's two."""
    placed, references = seed_order(), SequentialReferences()
    jewellery = PackOrderRequest(
        packages=[
            PackPackage(
                items=[PackItem(sku="NECK-01", quantity=1), PackItem(sku="BRAC-01", quantity=1)],
                package_size_reference="SMALL-BOX",
            )
        ]
    )
    clothing = PackOrderRequest(
        origin="WH-B",
        packages=[
            PackPackage(items=[PackItem(sku="COAT-01", quantity=1)], package_size_reference="M"),
            PackPackage(items=[PackItem(sku="HAT-01", quantity=1)], package_size_reference="S"),
        ],
    )

    made = [pack_order(placed, r, references=references).consignment for r in (jewellery, clothing)]

    assert [len(c.packages) for c in made] == [1, 2]
    assert sum(len(c.items) for c in made) == 4
    assert [c.origin.shipping_location_reference for c in made] == ["WH-A", "WH-B"]
