"""Laws every split obeys, for every order and plan the strategies generate."""

import copy
from collections import Counter
from datetime import timedelta

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from orderpack import (
    ConsignmentKey,
    Order,
    Plan,
    PlannedPackage,
    SplitError,
    ValidationError,
    Weight,
    check_split,
    pack_order,
    split_order,
)
from orderpack.strategies import orders, plans
from orderpack.values import calendar_day


@st.composite
def orders_and_plans(draw: st.DrawFn) -> tuple[Order, Plan]:
    """An order and a valid (possibly partial) plan for it."""
    order = draw(orders())
    return order, draw(plans(order))


class TestValidity:
    """split_order's output is a valid split."""

    @given(case=orders_and_plans())
    def test_every_split_passes_the_checker(self, case: tuple[Order, Plan]) -> None:
        """check_split finds nothing wrong with what split_order makes."""
        order, plan = case

        split = split_order(order, plan)

        assert check_split(order, split.consignments, lines=split.lines) == ()

    @given(case=orders_and_plans())
    def test_each_request_makes_its_consignment(self, case: tuple[Order, Plan]) -> None:
        """Packing requests[n] with PRO's rules gives consignments[n], references aside."""
        order, plan = case
        split = split_order(order, plan)

        for request, consignment in zip(split.requests, split.consignments, strict=True):
            made = pack_order(order, request).consignment
            assert [p.items for p in made.packages] == [p.items for p in consignment.packages]
            assert attrs.evolve(made, reference=None, packages=consignment.packages) == (
                attrs.evolve(consignment, reference=None)
            )


class TestConservation:
    """Nothing lost, nothing duplicated, never more than ordered."""

    @given(case=orders_and_plans())
    def test_packed_plus_outstanding_is_ordered(self, case: tuple[Order, Plan]) -> None:
        """Per line, what is packed and what is outstanding add up to what was ordered."""
        order, plan = case

        split = split_order(order, plan)

        packed: Counter[str | None] = Counter()
        for consignment in split.consignments:
            for item in consignment.items:
                packed[item.reference] += item.quantity
        for balance, item in zip(split.lines, order.items, strict=True):
            assert packed[item.reference] == balance.packed
            assert balance.packed + balance.outstanding == item.quantity

    @given(case=orders_and_plans())
    def test_packed_is_what_the_plan_allocated(self, case: tuple[Order, Plan]) -> None:
        """Every allocated unit is packed, once."""
        order, plan = case

        split = split_order(order, plan)

        allocated: Counter[str | None] = Counter()
        for allocation in plan.allocations:
            allocated[allocation.reference] += allocation.quantity
        assert {b.path: b.packed for b in split.lines} == {
            order.item_path(line): allocated[item.reference]
            for line, item in enumerate(order.items)
        }


class TestPartition:
    """One consignment per key, each homogeneous in origin, day and carrier service."""

    @given(case=orders_and_plans())
    def test_one_consignment_per_distinct_key(self, case: tuple[Order, Plan]) -> None:
        """The consignments' keys are exactly the plan's distinct keys."""
        order, plan = case

        split = split_order(order, plan)

        keys = [c.key for c in split.consignments]
        assert len(keys) == len(set(keys))
        assert set(keys) == {a.key for a in plan.allocations}

    @given(case=orders_and_plans())
    def test_every_allocation_lands_in_its_keys_consignment(
        self, case: tuple[Order, Plan]
    ) -> None:
        """An allocation's units are in the consignment for its origin, day and service."""
        order, plan = case

        split = split_order(order, plan)

        by_key = {c.key: c for c in split.consignments}
        for allocation in plan.allocations:
            consignment = by_key[allocation.key]
            assert consignment.key == ConsignmentKey(
                origin=allocation.origin,
                ship_day=allocation.ship_day,
                carrier_service=allocation.carrier_service,
            )
            assert allocation.reference in {i.reference for i in consignment.items}


class TestDeterminism:
    """Same input, same output; the plan's order does not matter; inputs are untouched."""

    @given(case=orders_and_plans(), data=st.data())
    def test_the_order_of_the_plan_does_not_matter(
        self, case: tuple[Order, Plan], data: st.DataObject
    ) -> None:
        """Shuffling allocations and packages gives the same split."""
        order, plan = case
        shuffled = Plan(
            allocations=data.draw(st.permutations(plan.allocations)),
            packages=data.draw(st.permutations(plan.packages)),
        )

        assert split_order(order, shuffled) == split_order(order, plan)

    @given(case=orders_and_plans())
    def test_inputs_are_unchanged(self, case: tuple[Order, Plan]) -> None:
        """Splitting reads its inputs and changes nothing in them."""
        order, plan = case
        before = copy.deepcopy((order, plan))

        split_order(order, plan)

        assert (order, plan) == before


MUTATIONS = [
    "unknown_item",
    "over_allocation",
    "package_spanning_keys",
    "unknown_package",
    "empty_package",
    "underweight_package",
    "late_ship_day",
]


def _mutate(name: str, order: Order, plan: Plan, data: st.DataObject) -> tuple[Plan, str]:
    """Break *plan* in one way; return the broken plan and the code that must name it."""
    a = data.draw(st.integers(0, len(plan.allocations) - 1))
    allocation = plan.allocations[a]
    allocations = list(plan.allocations)
    if name == "unknown_item":
        allocations[a] = attrs.evolve(
            allocation, reference=None, item_reference_provided_by_customer=None, sku="not ours"
        )
        return attrs.evolve(plan, allocations=allocations), "item_not_on_order"
    if name == "over_allocation":
        line = next(i for i, item in enumerate(order.items) if item.reference == allocation.reference)
        extra = order.items[line].quantity + 1 - sum(
            x.quantity for x in plan.allocations if x.reference == allocation.reference
        )
        allocations.append(attrs.evolve(allocation, quantity=max(extra, 1)))
        return attrs.evolve(plan, allocations=allocations), "over_allocated"
    if name == "package_spanning_keys":
        allocations.append(attrs.evolve(allocation, origin="WH-ELSEWHERE", quantity=1))
        return attrs.evolve(plan, allocations=allocations), "package_spans_consignments"
    if name == "unknown_package":
        allocations[a] = attrs.evolve(allocation, package="no such package")
        return attrs.evolve(plan, allocations=allocations), "package_unknown"
    if name == "empty_package":
        unused = PlannedPackage(label="never used", package_size_reference="BOX")
        return attrs.evolve(plan, packages=[*plan.packages, unused]), "package_empty"
    if name == "underweight_package":
        label = allocation.package
        contents = sum(
            (
                item.weight * x.quantity
                for x in plan.allocations
                if x.package == label
                for item in order.items
                if item.reference == x.reference
            ),
            Weight.zero(),
        )
        assume(contents.kilograms > 0)
        packages = [
            attrs.evolve(p, weight=Weight.zero()) if p.label == label else p
            for p in plan.packages
        ]
        return attrs.evolve(plan, packages=packages), "package_underweight"
    assert name == "late_ship_day"
    assume(order.required_delivery_date is not None)
    assert order.required_delivery_date is not None
    late = calendar_day(order.required_delivery_date.date) + timedelta(days=1)
    allocations[a] = attrs.evolve(allocation, ship_day=late)
    return attrs.evolve(plan, allocations=allocations), "ship_day_after_required_delivery"


@pytest.mark.parametrize("mutation", MUTATIONS)
@given(data=st.data())
def test_every_single_mutation_of_a_valid_plan_is_rejected(
    mutation: str, data: st.DataObject
) -> None:
    """One thing broken in a valid plan is always caught, with the code that names it."""
    order = data.draw(orders())
    plan = data.draw(plans(order))
    assume(plan.allocations)

    broken, code = _mutate(mutation, order, plan, data)
    with pytest.raises(SplitError) as caught:
        split_order(order, broken)

    assert code in caught.value.codes()


@given(case=orders_and_plans(), data=st.data())
def test_a_zero_quantity_cannot_even_be_planned(
    case: tuple[Order, Plan], data: st.DataObject
) -> None:
    """Zero units is refused when the allocation is built, before any split."""
    _, plan = case
    assume(plan.allocations)
    allocation = data.draw(st.sampled_from(plan.allocations))

    with pytest.raises(ValidationError) as caught:
        attrs.evolve(allocation, quantity=data.draw(st.integers(max_value=0)))

    assert caught.value.codes() == ("quantity_not_positive",)
