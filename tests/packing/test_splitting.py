"""split_order and check_split by example: the seed, each rejection, each checker rule."""

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from types import SimpleNamespace

import attrs
import pytest

from builders import DAY, allocate, at, box, destination, item, kg, order, parcel
from orderpack import (
    Address,
    AddressType,
    Consignment,
    Direction,
    LineBalance,
    ModelError,
    Money,
    Plan,
    RequestedDeliveryDate,
    SequentialReferences,
    SplitError,
    check_split,
    pack_order,
    split_order,
)
from orderpack.demo import seed_order, seed_plan
from orderpack.packing import rules


def _unreferenced(consignment: Consignment) -> Consignment:
    """*consignment* without the references its source handed out."""
    return attrs.evolve(
        consignment,
        reference=None,
        packages=[attrs.evolve(p, reference=None) for p in consignment.packages],
    )


def _split_error(placed: object, plan: Plan) -> SplitError:
    with pytest.raises(SplitError) as caught:
        split_order(placed, plan)  # type: ignore[arg-type]
    return caught.value


class TestSeedExample:
    """The necklace, bracelet, coat and hat: 1 order, 2 consignments, 3 packages, 4 items."""

    def test_counts(self) -> None:
        """The breakdown the PRO guide gives."""
        split = split_order(seed_order(), seed_plan())

        assert len(split.consignments) == 2
        assert sum(len(c.packages) for c in split.consignments) == 3
        assert sum(len(c.items) for c in split.consignments) == 4
        assert split.outstanding_lines == ()

    def test_warehouse_a_shares_one_package_and_b_uses_two(self) -> None:
        """Necklace and bracelet together from A; coat and hat apart from B."""
        split = split_order(seed_order(), seed_plan())

        assert [
            [[i.description for i in p.items] for p in c.packages] for c in split.consignments
        ] == [[["Necklace", "Bracelet"]], [["Coat"], ["Hat"]]]
        assert [c.origin.shipping_location_reference for c in split.consignments] == [
            "WH-A",
            "WH-B",
        ]

    def test_each_consignment_is_what_its_pack_order_request_makes(self) -> None:
        """Pack Order twice, once per consignment, reproduces the split."""
        placed = seed_order()
        split = split_order(placed, seed_plan())

        repacked = [pack_order(placed, r).consignment for r in split.requests]

        assert [_unreferenced(c) for c in repacked] == [
            _unreferenced(c) for c in split.consignments
        ]


def test_a_partial_plan_leaves_the_rest_outstanding() -> None:
    """Three lamps ordered, two picked: one is back-ordered."""
    placed = order(item(quantity=3))

    split = split_order(placed, Plan(allocations=[allocate(quantity=2)], packages=[parcel()]))

    assert split.outstanding_lines == (
        LineBalance(line=0, path="packages[0].items[0]", ordered=3, packed=2, sku="LAMP-01"),
    )
    assert split.outstanding_lines[0].outstanding == 1


def test_allocations_of_one_line_to_one_package_merge() -> None:
    """Two picks of the same lamp into the same parcel make one item of two units."""
    placed = order(item(quantity=2))

    split = split_order(placed, Plan(allocations=[allocate(), allocate()], packages=[parcel()]))

    assert [i.quantity for i in split.consignments[0].items] == [2]


def test_an_empty_plan_ships_nothing() -> None:
    """Nothing allocated: no consignment, every line outstanding."""
    split = split_order(order(), Plan(allocations=[], packages=[]))

    assert split.consignments == ()
    assert [b.outstanding for b in split.outstanding_lines] == [1]


class TestShippingDate:
    """The consignment's shipping datetime for a plan's ship day (an orderpack rule)."""

    def test_the_orders_own_time_is_kept_on_its_day(self) -> None:
        """Planned for the order's shipping day: the order's datetime, time and offset."""
        shipped = at(DAY, hour=14)

        split = split_order(
            order(shipping_date=shipped), Plan(allocations=[allocate()], packages=[parcel()])
        )

        assert split.consignments[0].shipping_date == shipped

    def test_another_day_is_midnight_in_the_orders_offset(self) -> None:
        """Planned for the next day: midnight, in the order's own offset."""
        paris = timezone(timedelta(hours=1))
        placed = order(shipping_date=datetime(2026, 12, 1, 9, tzinfo=paris))

        split = split_order(
            placed,
            Plan(allocations=[allocate(ship_day=date(2026, 12, 2))], packages=[parcel()]),
        )

        assert split.consignments[0].shipping_date == datetime(2026, 12, 2, tzinfo=paris)

    def test_without_an_order_date_it_is_midnight_utc(self) -> None:
        """No shipping date on the order: midnight UTC on the planned day."""
        split = split_order(order(), Plan(allocations=[allocate()], packages=[parcel()]))

        assert split.consignments[0].shipping_date == datetime(2026, 12, 1, tzinfo=UTC)


class TestRejections:
    """Each way a plan can be wrong, with its code and message."""

    def test_an_item_not_on_the_order(self) -> None:
        """P4, as for Pack Order."""
        error = _split_error(order(), Plan(allocations=[allocate("GHOST-01")], packages=[parcel()]))

        assert [str(p) for p in error.problems] == [
            "item_not_on_order at allocations[0].sku: no order item has sku 'GHOST-01' (P4)",
        ]

    def test_more_allocated_than_ordered(self) -> None:
        """Two lamps allocated, one ordered."""
        error = _split_error(
            order(),
            Plan(
                allocations=[allocate(), allocate(package="P2")], packages=[parcel(), parcel("P2")]
            ),
        )

        assert [str(p) for p in error.problems] == [
            (
                "over_allocated at allocations: order item packages[0].items[0] has 1 ordered "
                "but allocations [0, 1] allocate 2; expected at most 1"
            ),
        ]

    def test_a_package_spanning_two_origins(self) -> None:
        """A parcel cannot leave two warehouses."""
        placed = order(item("A"), item("B"))
        plan = Plan(allocations=[allocate("A"), allocate("B", origin="WH-B")], packages=[parcel()])

        assert [str(p) for p in _split_error(placed, plan).problems] == [
            (
                "package_spans_consignments at packages[0]: package 'P1' holds allocations for "
                "origin 'WH-A', ship day 2026-12-01, carrier service 'ROYAL-MAIL-24'; "
                "origin 'WH-B', ship day 2026-12-01, carrier service 'ROYAL-MAIL-24'; "
                "a parcel ships from one origin, on one day, by one carrier service"
            ),
        ]

    @pytest.mark.parametrize(
        "change",
        [
            {"ship_day": date(2026, 12, 2)},
            {"carrier_service": "DPD-NEXT-DAY"},
            {"carrier_service": None},
        ],
    )
    def test_a_package_spanning_two_days_or_services(self, change: dict[str, object]) -> None:
        """A parcel ships on one day by one service; none is a service of its own."""
        placed = order(item("A"), item("B"))
        plan = Plan(allocations=[allocate("A"), allocate("B", **change)], packages=[parcel()])

        assert _split_error(placed, plan).codes() == ("package_spans_consignments",)

    def test_an_unknown_package_label(self) -> None:
        """Allocations name planned packages; every package after an empty one is checked."""
        placed = order(item("A"), item("B", quantity=2))
        plan = Plan(
            allocations=[allocate("A", package="P9"), allocate("B"), allocate("B", origin="WH-B")],
            packages=[parcel("P0"), parcel()],
        )

        assert [str(p) for p in _split_error(placed, plan).problems] == [
            (
                "package_unknown at allocations[0].package: expected the label of a planned "
                "package, got 'P9'"
            ),
            (
                "package_empty at packages[0]: package 'P0' has no allocations; expected at least "
                "one item"
            ),
            (
                "package_spans_consignments at packages[1]: package 'P1' holds allocations for "
                "origin 'WH-A', ship day 2026-12-01, carrier service 'ROYAL-MAIL-24'; "
                "origin 'WH-B', ship day 2026-12-01, carrier service 'ROYAL-MAIL-24'; "
                "a parcel ships from one origin, on one day, by one carrier service"
            ),
        ]

    def test_a_package_declared_lighter_than_its_items(self) -> None:
        """Three 1 kg lamps do not fit a parcel declared at 2.5 kg."""
        plan = Plan(
            allocations=[allocate(quantity=3)],
            packages=[parcel(weight=kg("2.5"), dimensions=box())],
        )

        assert [str(p) for p in _split_error(order(item(quantity=3)), plan).problems] == [
            (
                "package_underweight at packages[0].weight: package 'P1' is declared at 2.5 Kg "
                "but its items weigh 3 Kg; expected at least the weight of its items"
            ),
        ]

    def test_mixed_currencies_in_one_consignment(self) -> None:
        """Pounds and euros may not share a consignment, even in different packages."""
        placed = order(item("A"), item("B", value=Money(amount=Decimal(5), currency="EUR")))
        plan = Plan(
            allocations=[allocate("A"), allocate("B", package="P2")],
            packages=[parcel(), parcel("P2")],
        )

        assert [str(p) for p in _split_error(placed, plan).problems] == [
            (
                "mixed_currencies at allocations: the consignment for origin 'WH-A', ship day "
                "2026-12-01, carrier service 'ROYAL-MAIL-24' mixes currencies ['EUR', 'GBP']; "
                "expected one"
            ),
        ]

    def test_a_ship_day_after_the_required_delivery_date(self) -> None:
        """Shipping on the 3rd cannot meet a delivery required on the 2nd (C3)."""
        required = RequestedDeliveryDate(date=datetime(2026, 12, 2, 17, tzinfo=UTC))
        plan = Plan(allocations=[allocate(ship_day=date(2026, 12, 3))], packages=[parcel()])

        assert [
            str(p) for p in _split_error(order(required_delivery_date=required), plan).problems
        ] == [
            (
                "ship_day_after_required_delivery at allocations[0].ship_day: ship day 2026-12-03 "
                "is after the required delivery date 2026-12-02; expected it on or before (C3)"
            ),
        ]

    def test_every_problem_is_reported_at_once(self) -> None:
        """One error lists all of them, in plan order."""
        placed = order(item("A"), item("B", value=Money(amount=Decimal(5), currency="EUR")))
        plan = Plan(
            allocations=[
                allocate("GHOST"),
                allocate("A", quantity=2),
                allocate("B", origin="WH-A", package="P1"),
                allocate("A", package="P9"),
            ],
            packages=[parcel(weight=kg("0.5"), dimensions=box()), parcel("P2")],
        )

        assert _split_error(placed, plan).codes() == (
            "item_not_on_order",
            "package_unknown",
            "over_allocated",
            "package_empty",
            "mixed_currencies",
        )

    def test_a_plan_with_duplicate_labels_cannot_be_built(self) -> None:
        """Labels name packages, so they are unique."""
        with pytest.raises(ModelError) as caught:
            Plan(allocations=[], packages=[parcel(), parcel()])

        assert [str(p) for p in caught.value.problems] == [
            (
                "duplicate_package_label at packages[1].label: expected each label once, "
                "'P1' is given twice"
            )
        ]

    def test_allocation_and_package_fields_are_checked_on_construction(self) -> None:
        """Zero quantity, empty origin, missing identifiers, empty label: refused."""
        with pytest.raises(ModelError) as allocation:
            allocate("", quantity=0, origin="")
        with pytest.raises(ModelError) as package:
            parcel("", weight=kg("1"))

        assert [(p.code, p.path) for p in allocation.value.problems] == [
            ("item_unidentified", ""),
            ("quantity_not_positive", "quantity"),
            ("empty_origin", "origin"),
        ]
        assert allocation.value.problems[2].message == "expected a shipping location reference"
        assert [(p.code, p.path) for p in package.value.problems] == [
            ("empty_label", "label"),
            ("package_unmeasured", "dimensions"),
        ]
        assert package.value.problems[0].message == "expected a non-empty package label"


class TestChecker:
    """check_split names what makes consignments an invalid split of an order."""

    def test_a_valid_split_has_no_problems(self) -> None:
        """The seed split passes, with and without its balances."""
        placed = seed_order()
        split = split_order(placed, seed_plan())

        assert check_split(placed, split.consignments) == ()
        assert check_split(placed, split.consignments, lines=split.lines) == ()

    def test_consignments_of_another_order_destination_or_direction(self) -> None:
        """Each difference from the order is named at the consignment."""
        placed = seed_order()
        (first, second) = split_order(placed, seed_plan()).consignments
        elsewhere = Address(address_type=AddressType.DESTINATION, town="Paris")
        stray = attrs.evolve(
            first,
            order_reference="EO-000-000-999",
            addresses=[first.origin, elsewhere],
            direction=Direction.INBOUND,
        )

        problems = check_split(placed, [stray, second])

        assert [(p.code, p.path) for p in problems] == [
            ("order_reference_mismatch", "consignments[0].order_reference"),
            ("destination_mismatch", "consignments[0].destination"),
            ("direction_mismatch", "consignments[0].direction"),
        ]
        assert problems[2].message == "expected the order's direction 'Outbound', got 'Inbound'"

    def test_items_must_be_on_the_order_with_its_details(self) -> None:
        """An unknown item and an item whose weight was changed."""
        placed = seed_order()
        (first, second) = split_order(placed, seed_plan()).consignments
        necklace, bracelet = first.packages[0].items
        changed = attrs.evolve(
            first,
            packages=[
                attrs.evolve(
                    first.packages[0],
                    items=[
                        attrs.evolve(necklace, sku="GHOST", reference=None),
                        attrs.evolve(bracelet, weight=kg("9")),
                    ],
                )
            ],
        )

        problems = check_split(placed, [changed, second])

        assert [(p.code, p.path) for p in problems] == [
            ("item_not_on_order", "consignments[0].packages[0].items[0].sku"),
            ("item_details_differ", "consignments[0].packages[0].items[1]"),
        ]
        assert problems[1].message == "expected the details of order item packages[0].items[1]"

    @pytest.mark.parametrize("name", rules.CARRIED)
    def test_every_detail_an_item_carries_is_compared(self, name: str) -> None:
        """A consignment item differing from its order item in any one detail differs."""
        ours = SimpleNamespace(**dict.fromkeys(rules.CARRIED, "same"))
        theirs = SimpleNamespace(**{**vars(ours), name: "other"})

        assert rules.same_details(ours, SimpleNamespace(**vars(ours)))
        assert not rules.same_details(ours, theirs)
        assert "quantity" not in rules.CARRIED  # the one thing a pack may change

    def test_an_items_status_is_pros_not_a_detail(self) -> None:
        """PRO sets a consignment item's status as it ships; the split stays valid."""
        placed = seed_order()
        (first, second) = split_order(placed, seed_plan()).consignments
        shipped = attrs.evolve(
            first,
            packages=[
                attrs.evolve(
                    first.packages[0],
                    items=[attrs.evolve(i, status="Dispatched") for i in first.packages[0].items],
                )
            ],
        )

        assert check_split(placed, [shipped, second]) == ()

    def test_a_package_without_items(self) -> None:
        """PRO allows it in a consignment; a split does not."""
        placed = seed_order()
        (first, second) = split_order(placed, seed_plan()).consignments
        emptied = attrs.evolve(
            first, packages=[*first.packages, attrs.evolve(first.packages[0], items=[])]
        )

        assert [str(p) for p in check_split(placed, [emptied, second])] == [
            "package_without_items at consignments[0].packages[1].items: expected an item"
        ]

    def test_balances_must_conserve_quantities(self) -> None:
        """A balance that loses a unit, or is missing, is named."""
        placed = seed_order()
        split = split_order(placed, seed_plan())
        wrong = [
            attrs.evolve(split.lines[0], packed=0),
            *split.lines[1:3],
        ]

        problems = check_split(placed, split.consignments, lines=wrong)

        assert [(p.code, p.path) for p in problems] == [
            ("quantity_not_conserved", "lines[0]"),
            ("quantity_not_conserved", "lines"),
        ]
        assert problems[1].message == (
            "order item packages[1].items[1]: ordered 1, packed 1 in the consignments, "
            "but no balance is given for line 3"
        )

    def test_balance_with_more_outstanding_than_ordered(self) -> None:
        """Packed plus outstanding must equal ordered exactly."""
        placed = order(item(quantity=2))
        split = split_order(placed, Plan(allocations=[allocate()], packages=[parcel()]))
        inflated = [attrs.evolve(split.lines[0], ordered=3)]

        assert [p.code for p in check_split(placed, split.consignments, lines=inflated)] == [
            "quantity_not_conserved"
        ]

    def test_pro_repeat_packs_show_as_over_packed_and_duplicate_keys(self) -> None:
        """The same consignments twice: every line over-packed, every key twice."""
        placed = order(item(quantity=1), shipping_date=at(DAY))
        split = split_order(placed, Plan(allocations=[allocate()], packages=[parcel()]))

        assert [str(p) for p in check_split(placed, split.consignments * 2)] == [
            (
                "over_packed at consignments: order item packages[0].items[0] has 1 ordered but "
                "the consignments pack 2; expected at most 1"
            ),
            (
                "duplicate_consignment_key at consignments[1]: consignments[0] already ships for "
                "origin 'WH-A', ship day 2026-12-01, carrier service 'ROYAL-MAIL-24'; expected one "
                "consignment per key"
            ),
        ]


def test_destination_is_compared_whole() -> None:
    """Same town, other street: a different destination."""
    placed = order()
    split = split_order(placed, Plan(allocations=[allocate()], packages=[parcel()]))
    moved = attrs.evolve(destination(), address_line1="2 High Street")
    relocated = attrs.evolve(split.consignments[0], addresses=[split.consignments[0].origin, moved])

    assert [p.code for p in check_split(placed, [relocated])] == ["destination_mismatch"]


def test_a_shared_reference_source_keeps_references_distinct_across_splits() -> None:
    """Two splits drawing on one source never hand out the same reference."""
    references = SequentialReferences(start=100)

    first = split_order(seed_order(), seed_plan(), references=references)
    second = split_order(seed_order(), seed_plan(), references=references)

    made = [c.reference for split in (first, second) for c in split.consignments]
    assert made == ["EC-000-000-02S", "EC-000-000-02T", "EC-000-000-02U", "EC-000-000-02V"]


def test_a_request_names_each_line_by_every_identifier_it_has() -> None:
    """Reference, customer reference and SKU: the request names that line and no other."""
    reference = "0f0e5b1c2a3d4e5f60718293a4b5c6d7"
    placed = order(item(reference=reference, item_reference_provided_by_customer="C-1"))

    split = split_order(placed, Plan(allocations=[allocate()], packages=[parcel()]))

    (pack_item,) = split.requests[0].packages[0].items
    assert (
        pack_item.reference,
        pack_item.item_reference_provided_by_customer,
        pack_item.sku,
    ) == (reference, "C-1", "LAMP-01")


def test_consignments_of_one_origin_and_day_come_without_a_service_first() -> None:
    """Sorted by origin, day, then carrier service; a consignment with none comes first."""
    placed = order(item(quantity=2))
    plan = Plan(
        allocations=[
            allocate(package="P1", carrier_service="DPD-NEXT-DAY"),
            allocate(package="P2", carrier_service=None),
        ],
        packages=[parcel("P1"), parcel("P2")],
    )

    split = split_order(placed, plan)

    assert [c.carrier_service for c in split.consignments] == [None, "DPD-NEXT-DAY"]
