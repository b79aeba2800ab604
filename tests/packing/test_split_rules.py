"""One definition of a valid split: the checker and the splitter enforce the same rules.

The rules page names S1 to S8 and the one function that enforces each; these tests hold
:func:`check_split` and :func:`split_order` to that, and pin the inputs that once slipped
between them: empty text beside none, origins given by address, ship days that are not dates,
sums past 28 digits, items with no identifier and stated balances for lines that do not exist.
"""

from __future__ import annotations

import inspect
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import orderpack
from builders import DAY, allocate, at, box, destination, gbp, item, kg, order, parcel
from orderpack import (
    Address,
    AddressType,
    Allocation,
    Consignment,
    ConsignmentKey,
    ConsignmentState,
    Item,
    LineBalance,
    ModelError,
    Money,
    Order,
    PackItem,
    PackOrderRequest,
    PackPackage,
    Plan,
    PlannedPackage,
    RequestedDeliveryDate,
    SplitError,
    Weight,
    check_split,
    pack_order,
    split_order,
)
from orderpack.contract import dumps, read
from orderpack.model.checks import LARGEST, LARGEST_QUANTITY, none_if_empty
from orderpack.model.classes import model_fields
from orderpack.model.references import SequentialReferences
from orderpack.strategies import orders, plans, weights

# --- the law: the checker refuses exactly what the splitter refuses -------------------------

SAME_RULE = {"over_allocated": "over_packed", "package_empty": "package_without_items"}
"""The splitter's code for a rule where the checker has its own (S1, S2); the rest are shared."""


def _repriced(order: Order, lines: set[int]) -> Order:
    """*order* with *lines* priced in euros, so that a consignment can mix currencies."""
    line = iter(range(len(order.items)))
    return attrs.evolve(
        order,
        packages=[
            attrs.evolve(
                package,
                items=[
                    attrs.evolve(it, value=Money(amount=it.value.amount, currency="EUR"))
                    if next(line) in lines
                    else it
                    for it in package.items
                ],
            )
            for package in order.packages
        ],
    )


@st.composite
def orders_and_consignments(draw: st.DrawFn) -> tuple[Order, list[Consignment]]:
    """An order and consignments packed from it by pack_order, one per distinct key.

    Anything a split may refuse can happen: lines over-packed, two currencies in one
    consignment, a package declared lighter than its items, a ship day after the required
    delivery date, a package emptied after packing.
    """
    placed = draw(orders(max_items=5))
    placed = _repriced(placed, draw(st.sets(st.integers(0, len(placed.items) - 1))))
    keys = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["WH-A", "WH-B"]),
                st.integers(0, 45),
                st.sampled_from([None, "DPD-NEXT-DAY"]),
            ),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    references = SequentialReferences()
    made = []
    for origin, day, service in keys:
        packages = [
            PackPackage(
                items=[
                    PackItem(reference=placed.items[line].reference, quantity=quantity)
                    for line, quantity in draw(
                        st.lists(
                            st.tuples(st.integers(0, len(placed.items) - 1), st.integers(1, 3)),
                            min_size=1,
                            max_size=3,
                        )
                    )
                ],
                weight=draw(st.none() | weights()),
                package_size_reference="BOX",
            )
            for _ in range(draw(st.integers(1, 2)))
        ]
        request = PackOrderRequest(
            packages=packages,
            origin=origin,
            shipping_date=datetime.combine(date(2026, 1, 1) + timedelta(days=day), time(9), UTC),
            carrier_service=service,
        )
        consignment = pack_order(placed, request, references=references).consignment
        if draw(st.booleans()) and draw(st.booleans()):
            emptied = attrs.evolve(consignment.packages[0], items=())
            consignment = attrs.evolve(consignment, packages=[emptied, *consignment.packages[1:]])
        made.append(consignment)
    return placed, made


def describing(consignments: list[Consignment]) -> Plan:
    """The plan that describes *consignments*: a package per package, an allocation per item."""
    packages = []
    allocations: list[Allocation] = []
    for c, consignment in enumerate(consignments):
        key = consignment.key
        assert key.origin is not None
        assert key.ship_day is not None
        for p, package in enumerate(consignment.packages):
            label = f"C{c}P{p}"
            packages.append(
                PlannedPackage(
                    label=label,
                    weight=package.weight,
                    dimensions=package.dimensions,
                    package_size_reference=package.package_size_reference,
                )
            )
            allocations.extend(
                Allocation(
                    reference=it.reference,
                    sku=it.sku,
                    item_reference_provided_by_customer=it.item_reference_provided_by_customer,
                    quantity=it.quantity,
                    origin=key.origin,
                    ship_day=key.ship_day,
                    carrier_service=key.carrier_service,
                    package=label,
                )
                for it in package.items
            )
    return Plan(allocations=allocations, packages=packages)


@given(case=orders_and_consignments())
def test_the_checker_refuses_exactly_what_the_splitter_refuses(
    case: tuple[Order, list[Consignment]],
) -> None:
    """For any consignments, check_split finds the rules split_order breaks on their plan."""
    placed, consignments = case

    found = {p.code for p in check_split(placed, consignments)}
    try:
        split_order(placed, describing(consignments))
    except SplitError as error:
        refused = {SAME_RULE.get(code, code) for code in error.codes()}
    else:
        refused = set()

    assert found == refused


# --- S3, S4, S5: rules the checker once left to the splitter ---------------------------------


def test_s4_the_checker_refuses_two_currencies_in_one_consignment() -> None:
    """A GBP line and a EUR line packed together: pack_order allows it, a split does not."""
    placed = order(item("NECK-01"), item("BRAC-01", value=Money(amount=Decimal(5), currency="EUR")))
    request = PackOrderRequest(
        packages=[
            PackPackage(
                items=[PackItem(sku="NECK-01", quantity=1), PackItem(sku="BRAC-01", quantity=1)],
                package_size_reference="BOX",
            )
        ],
        shipping_date=at(DAY),
    )

    made = pack_order(placed, request).consignment

    assert [str(p) for p in check_split(placed, [made])] == [
        (
            "mixed_currencies at consignments[0]: the consignment for origin 'WH-A', ship day "
            "2026-12-01, carrier service None mixes currencies ['EUR', 'GBP']; expected one"
        )
    ]


def test_s3_the_checker_refuses_a_package_lighter_than_its_items() -> None:
    """A package declared at 1 kg holding a 5 kg item."""
    placed = order(item(weight=kg("5")))
    request = PackOrderRequest(
        packages=[
            PackPackage(
                items=[PackItem(sku="LAMP-01", quantity=1)], weight=kg("1"), dimensions=box()
            )
        ]
    )

    made = pack_order(placed, request).consignment

    assert [str(p) for p in check_split(placed, [made])] == [
        (
            "package_underweight at consignments[0].packages[0].weight: package EP-000-000-001 is "
            "declared at 1 Kg but its items weigh 5 Kg; expected at least the weight of its items"
        )
    ]


def test_s3_a_package_after_one_with_an_unknown_item_is_still_weighed() -> None:
    """An item not on the order spares its own package S3, not the packages after it."""
    placed = order(item(weight=kg("5")))
    request = PackOrderRequest(
        packages=[
            PackPackage(
                items=[PackItem(sku="LAMP-01", quantity=1)], weight=kg("9"), dimensions=box()
            ),
            PackPackage(
                items=[PackItem(sku="LAMP-01", quantity=1)], weight=kg("1"), dimensions=box()
            ),
        ]
    )
    made = pack_order(placed, request).consignment
    stranger = attrs.evolve(made.packages[0].items[0], sku="SCARF-01", reference=None)
    first = attrs.evolve(made.packages[0], items=[stranger])

    problems = check_split(placed, [attrs.evolve(made, packages=[first, made.packages[1]])])

    assert [(p.code, p.path) for p in problems] == [
        ("item_not_on_order", "consignments[0].packages[0].items[0].sku"),
        ("package_underweight", "consignments[0].packages[1].weight"),
    ]


def test_s5_an_origin_address_is_named_by_its_country_code() -> None:
    """A key with an origin address, not a location, names the address's parts and country."""
    origin = Address(
        address_type=AddressType.ORIGIN,
        address_line1="1 Dock Road",
        town="Leeds",
        country=orderpack.Country(iso_code="GB"),
    )

    assert orderpack.packing.rules.describe_key(origin, DAY, None) == (
        "origin address '1 Dock Road, Leeds, GB', ship day 2026-12-01, carrier service None"
    )


def _late(placed: Order) -> Consignment:
    """A consignment of one lamp of *placed*, shipping the day after DAY."""
    request = PackOrderRequest(
        packages=[
            PackPackage(items=[PackItem(sku="LAMP-01", quantity=1)], package_size_reference="BOX")
        ],
        shipping_date=at(DAY + timedelta(days=1)),
    )
    return pack_order(placed, request).consignment


def test_s5_the_checker_refuses_a_ship_day_after_the_required_delivery_date() -> None:
    """C3: a consignment shipping the day after the goods were due."""
    placed = order(required_delivery_date=RequestedDeliveryDate(date=at(DAY)))

    made = _late(placed)

    assert [str(p) for p in check_split(placed, [made])] == [
        (
            "ship_day_after_required_delivery at consignments[0].shipping_date: ship day "
            "2026-12-02 is after the required delivery date 2026-12-01; expected it on or "
            "before (C3)"
        )
    ]


def test_s5_a_consignment_emptied_of_items_ships_nothing_late() -> None:
    """S5 is of what ships: a late consignment whose packages hold no items is not late."""
    placed = order(required_delivery_date=RequestedDeliveryDate(date=at(DAY)))
    made = _late(placed)
    emptied = attrs.evolve(made, packages=[attrs.evolve(made.packages[0], items=())])

    assert "ship_day_after_required_delivery" not in {
        p.code for p in check_split(placed, [emptied])
    }


def test_s3_an_unmatched_item_leaves_its_package_weight_unjudged() -> None:
    """As in a plan, a package holding an item not on the order is not weighed."""
    placed = order(item(weight=kg("5")))
    made = split_order(placed, Plan(allocations=[allocate()], packages=[parcel()])).consignments[0]
    stranger = attrs.evolve(made.packages[0].items[0], sku="SCARF-01", reference=None)
    light = attrs.evolve(made.packages[0], items=[stranger], weight=kg("1"))

    problems = check_split(placed, [attrs.evolve(made, packages=[light])])

    assert [p.code for p in problems] == ["item_not_on_order"]


# --- empty optional text is none --------------------------------------------------------------


def _public_classes() -> list[type]:
    return [
        cls
        for name in orderpack.__all__
        if inspect.isclass(cls := getattr(orderpack, name)) and attrs.has(cls)
    ]


@pytest.mark.parametrize("cls", _public_classes(), ids=lambda cls: cls.__name__)
def test_every_optional_text_field_reads_empty_as_none(cls: type) -> None:
    """One rule for empty optional text in every class: it is converted at construction."""
    for field in attrs.fields(cls):
        if field.type == "str | None":
            assert field.converter is none_if_empty, f"{cls.__name__}.{field.name}"


def test_empty_text_and_none_are_one_carrier_service() -> None:
    """Two allocations on one day from WH-A, one with no service and one with "", ship as one."""
    placed = order(item("NECK-01"), item("BRAC-01"))
    plan = Plan(
        allocations=[
            allocate("NECK-01", carrier_service=None),
            allocate("BRAC-01", carrier_service=""),
        ],
        packages=[parcel()],
    )

    split = split_order(placed, plan)

    assert [c.key.carrier_service for c in split.consignments] == [None]
    assert allocate("BRAC-01", carrier_service="") == allocate("BRAC-01", carrier_service=None)


@given(case=st.data())
def test_shuffling_a_plan_with_empty_text_in_the_mix_gives_the_same_split(
    case: st.DataObject,
) -> None:
    """The result does not depend on the plan's order, whether a service is "" or none."""
    placed = case.draw(orders())
    plan = case.draw(plans(placed, carrier_services=st.sampled_from([None, "", "DPD-NEXT-DAY"])))
    blanked = [
        attrs.evolve(a, carrier_service="")
        if a.carrier_service is None and case.draw(st.booleans())
        else a
        for a in plan.allocations
    ]
    shuffled = Plan(
        allocations=case.draw(st.permutations(blanked)),
        packages=case.draw(st.permutations(plan.packages)),
    )

    assert split_order(placed, shuffled) == split_order(placed, plan)


def test_a_request_with_empty_text_is_equal_to_itself_after_json() -> None:
    """An empty customer item reference is none in the model, as JSON reads it back."""
    request = PackOrderRequest(
        packages=[
            PackPackage(
                items=[PackItem(sku="LAMP-01", item_reference_provided_by_customer="", quantity=1)],
                package_size_reference="",
                weight=kg("1"),
                dimensions=box(),
            )
        ],
        order_reference_provided_by_customer="",
    )

    assert read(dumps(request), PackOrderRequest).value == request
    assert request.packages[0].items[0].item_reference_provided_by_customer is None


# --- S6: origins told apart however they are given ---------------------------------------------


def _from_address(town: str, line1: str) -> Consignment:
    placed = order()
    made = split_order(placed, Plan(allocations=[allocate()], packages=[parcel()])).consignments[0]
    by_address = Address(address_type=AddressType.ORIGIN, address_line1=line1, town=town)
    return attrs.evolve(made, addresses=[by_address, destination()])


def test_s6_origins_given_by_address_have_keys_of_their_own() -> None:
    """Leeds and Bristol, each given by street address alone, are two origins."""
    leeds = _from_address("Leeds", "1 Wharf Street")
    bristol = _from_address("Bristol", "2 Quay Street")

    assert leeds.key != bristol.key
    assert leeds.key.origin_address == leeds.origin
    assert [p.code for p in check_split(order(item(quantity=2)), [leeds, bristol])] == []


def test_s6_one_address_twice_is_one_key() -> None:
    """The same street address twice is a duplicate key, named by its address."""
    leeds = _from_address("Leeds", "1 Wharf Street")

    problems = check_split(order(item(quantity=2)), [leeds, leeds])

    assert [str(p) for p in problems] == [
        (
            "duplicate_consignment_key at consignments[1]: consignments[0] already ships for "
            "origin address '1 Wharf Street, Leeds', ship day 2026-12-01, carrier service "
            "'ROYAL-MAIL-24'; expected one consignment per key"
        )
    ]


def test_a_location_keeps_the_key_it_had() -> None:
    """An origin named by a shipping location is keyed by it alone."""
    made = split_order(order(), Plan(allocations=[allocate()], packages=[parcel()]))

    assert made.consignments[0].key == ConsignmentKey(
        origin="WH-A", ship_day=DAY, carrier_service="ROYAL-MAIL-24"
    )


def test_an_origin_with_no_street_is_still_named() -> None:
    """A message names an address with nothing to show as such, not as an empty string."""
    bare = attrs.evolve(
        _from_address("Leeds", "x"),
        addresses=[Address(address_type=AddressType.ORIGIN), destination()],
    )

    problems = check_split(order(item(quantity=2)), [bare, bare])

    assert "origin address 'with no company, street, town or postcode'" in problems[0].message


# --- ship days are dates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ship_day",
    [None, "2026-12-01", datetime(2026, 12, 1, tzinfo=UTC), 20261201],
    ids=["none", "text", "datetime", "int"],
)
def test_a_ship_day_must_be_a_date(ship_day: object) -> None:
    """Anything but a date, a datetime included, is refused when the allocation is built."""
    with pytest.raises(ModelError) as caught:
        allocate(ship_day=ship_day)

    assert caught.value.codes() == ("not_date",)
    assert caught.value.problems[0].path == "ship_day"


# --- exact sums ----------------------------------------------------------------------------------


def test_exact_a_package_is_weighed_past_28_digits() -> None:
    """Items of 10 kg and 1E-27 kg outweigh a package declared at 10 kg."""
    placed = order(item("A-1", weight=kg("10")), item("B-1", weight=kg("1E-27")))
    plan = Plan(
        allocations=[allocate("A-1"), allocate("B-1")],
        packages=[parcel(weight=kg("10"), dimensions=box())],
    )

    with pytest.raises(SplitError) as caught:
        split_order(placed, plan)

    assert caught.value.codes() == ("package_underweight",)


def test_exact_a_package_exactly_as_heavy_as_its_items_is_accepted() -> None:
    """Items of 1, 6E-28 and 6E-28 kg fit a package declared at 1.0000000000000000000000000012."""
    placed = order(item("A-1"), item("B-1", weight=kg("6E-28")), item("C-1", weight=kg("6E-28")))
    plan = Plan(
        allocations=[allocate("A-1"), allocate("B-1"), allocate("C-1")],
        packages=[parcel(weight=kg("1.0000000000000000000000000012"), dimensions=box())],
    )

    split = split_order(placed, plan)

    assert check_split(placed, split.consignments) == ()


def test_exact_a_package_weighed_from_its_items_keeps_every_digit() -> None:
    """With only a size given, the package weighs what its items weigh, to the last digit."""
    placed = order(item("A-1", weight=kg("10")), item("B-1", weight=kg("1E-27"), quantity=3))
    plan = Plan(allocations=[allocate("A-1"), allocate("B-1", quantity=3)], packages=[parcel()])

    weight = split_order(placed, plan).consignments[0].packages[0].weight

    assert weight == kg("10.000000000000000000000000003")


def test_exact_the_largest_values_times_the_largest_quantity_are_exact() -> None:
    """What PRO holds, times the most units PRO counts, summed: exact, and never refused."""
    line = item(weight=Weight(value=LARGEST), value=Money(amount=LARGEST, currency="GBP"))
    many = attrs.evolve(line, quantity=LARGEST_QUANTITY)

    exact = Decimal(int(LARGEST) * LARGEST_QUANTITY)  # the default context would round it

    assert many.line_weight.value == exact
    assert many.line_value.amount == exact
    assert order(many, attrs.evolve(many, sku="LAMP-02")).total_weight.value == 2 * int(exact)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (LARGEST + 1, "out_of_range"),
        (Decimal("9E+999999"), "out_of_range"),
        (Decimal("1E-29"), "too_precise"),
        (Decimal("1." + "0" * 29), "too_precise"),
    ],
)
def test_a_measure_is_what_pro_holds(value: Decimal, code: str) -> None:
    """At most .NET's largest decimal, to at most 28 places; nothing past it is summed."""
    with pytest.raises(ModelError) as caught:
        Weight(value=value)

    assert caught.value.codes() == (code,)


def test_a_quantity_is_what_pro_counts() -> None:
    """At most .NET's largest int."""
    with pytest.raises(ModelError) as caught:
        item(quantity=LARGEST_QUANTITY + 1)

    assert caught.value.codes() == ("out_of_range",)


_EXACT_DECIMALS = st.builds(
    lambda mantissa, exponent: Decimal(f"{mantissa}E{exponent}"),
    st.integers(0, 10**28 - 1),
    st.integers(-28, 0),
)
"""Every digit PRO holds: up to 28 significant digits, at up to 28 decimal places."""


@given(lines=st.lists(st.tuples(_EXACT_DECIMALS, st.integers(1, LARGEST_QUANTITY)), max_size=6))
def test_exact_sums_equal_the_sums_of_fractions(lines: list[tuple[Decimal, int]]) -> None:
    """Weight and money totals are the rational sums, whatever the digits."""
    exact = sum((Fraction(value) * quantity for value, quantity in lines), Fraction(0))

    weight = Weight.total(Weight(value=value) * quantity for value, quantity in lines)
    money = Money.total(
        [Money(amount=Decimal(0), currency="GBP")]
        + [Money(amount=value, currency="GBP") * quantity for value, quantity in lines]
    )

    assert Fraction(weight.value) == exact
    assert Fraction(money.amount) == exact


@given(
    declared=_EXACT_DECIMALS,
    lines=st.lists(st.tuples(_EXACT_DECIMALS, st.integers(1, 9)), min_size=1, max_size=4),
)
def test_exact_underweight_is_judged_on_the_sums_of_fractions(
    declared: Decimal, lines: list[tuple[Decimal, int]]
) -> None:
    """A package is underweight exactly when the rational sum of its items is heavier."""
    placed = order(
        *(item(f"L-{n}", weight=Weight(value=v), quantity=q) for n, (v, q) in enumerate(lines))
    )
    plan = Plan(
        allocations=[allocate(f"L-{n}", quantity=q) for n, (_, q) in enumerate(lines)],
        packages=[parcel(weight=Weight(value=declared), dimensions=box())],
    )
    heavier = sum((Fraction(v) * q for v, q in lines), Fraction(0)) > Fraction(declared)

    if heavier:
        with pytest.raises(SplitError) as caught:
            split_order(placed, plan)
        assert caught.value.codes() == ("package_underweight",)
    else:
        split_order(placed, plan)


# --- S8: an item with no identifier ---------------------------------------------------------------


def test_s8_a_consignment_item_with_no_identifier_is_unidentified() -> None:
    """Not a disagreement between identifiers: there are none."""
    placed = order()
    made = split_order(placed, Plan(allocations=[allocate()], packages=[parcel()])).consignments[0]
    anonymous = Item(weight=kg("1"), dimensions=box(), value=gbp("10"))
    package = attrs.evolve(made.packages[0], items=[anonymous])

    problems = check_split(placed, [attrs.evolve(made, packages=[package])])

    assert [(p.code, p.path) for p in problems] == [
        ("item_unidentified", "consignments[0].packages[0].items[0]")
    ]


# --- S1 with stated balances ---------------------------------------------------------------------


@pytest.mark.parametrize("line", [1, 7, -1])
def test_s1_a_balance_for_a_line_the_order_lacks_is_refused(line: int) -> None:
    """A line past a one-line order's last (the first past it too), or before it, is named."""
    placed = order()
    split = split_order(placed, Plan(allocations=[allocate()], packages=[parcel()]))
    stray = LineBalance(line=line, path=f"packages[0].items[{line}]", ordered=1, packed=1)

    problems = check_split(placed, split.consignments, lines=[*split.lines, stray])

    assert [str(p) for p in problems] == [
        (
            "line_not_on_order at lines[1].line: the order has lines 0 to 0; expected a balance "
            f"for one of them, got line {line}"
        )
    ]


def test_an_allocation_whose_customer_reference_names_another_line_is_refused() -> None:
    """P4, Q4 in a plan: every identifier an allocation gives must name the same line."""
    placed = order(
        item("LAMP-01", item_reference_provided_by_customer="C-1"),
        item("SHADE-01", item_reference_provided_by_customer="C-2"),
    )
    plan = Plan(
        allocations=[allocate("LAMP-01", item_reference_provided_by_customer="C-2")],
        packages=[parcel()],
    )

    with pytest.raises(SplitError) as caught:
        split_order(placed, plan)

    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("item_identifiers_disagree", "allocations[0]")
    ]


def test_s1_every_stated_balance_is_judged_after_a_stray_one() -> None:
    """A balance for no line does not stop the check of the balances after it."""
    placed = order(item(quantity=2))
    split = split_order(placed, Plan(allocations=[allocate()], packages=[parcel()]))
    (balance,) = split.lines
    stray = LineBalance(line=7, path="packages[0].items[7]", ordered=1, packed=1)

    problems = check_split(placed, split.consignments, lines=[stray, balance, balance])

    assert [(p.code, p.path) for p in problems] == [
        ("line_not_on_order", "lines[0].line"),
        ("duplicate_line", "lines[2]"),
    ]


def test_s1_a_balance_that_disagrees_says_both_counts() -> None:
    """What the consignments hold, and what the balance says, each with its path."""
    placed = order(item(quantity=2))
    split = split_order(placed, Plan(allocations=[allocate()], packages=[parcel()]))
    (balance,) = split.lines

    (problem,) = check_split(placed, split.consignments, lines=[attrs.evolve(balance, packed=0)])

    assert str(problem) == (
        "quantity_not_conserved at lines[0]: order item packages[0].items[0]: ordered 2, packed "
        "1 in the consignments, but the balance says ordered 2, packed 0 at packages[0].items[0]"
    )


def test_s1_two_balances_for_one_line_are_refused() -> None:
    """The second balance of a line does not silently win; the first is judged."""
    placed = order(item(quantity=2))
    split = split_order(placed, Plan(allocations=[allocate()], packages=[parcel()]))
    (balance,) = split.lines
    wrong = attrs.evolve(balance, packed=2)

    problems = check_split(placed, split.consignments, lines=[balance, wrong])

    assert [str(p) for p in problems] == [
        (
            "duplicate_line at lines[1]: lines[0] already gives the balance of order line 0; "
            "expected one balance per line"
        )
    ]


def test_a_field_typed_without_pep_563_is_converted_too() -> None:
    """The rules look at the annotation, whether it is text or a type."""
    made = attrs.make_class(
        "Made",
        {
            "count": attrs.field(type=int),
            "note": attrs.field(type=str | None, default=None),  # type: ignore[arg-type]
            "state": attrs.field(type=ConsignmentState | None, default=None),  # type: ignore[arg-type]
        },
        field_transformer=model_fields,
    )

    value = made(note="", count=1, state="Cancelled")
    assert value.note is None
    assert value.state is ConsignmentState.CANCELLED
