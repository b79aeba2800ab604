"""The public strategies: valid by construction, options honoured, edge cases reachable."""

from datetime import date

import pytest
from hypothesis import find, given
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from builders import order
from orderpack import Address, AddressType, Order, WeightUnit, check_split, split_order
from orderpack.strategies import (
    addresses,
    dimensions,
    metadata,
    money,
    order_items,
    orders,
    pack_requests,
    plans,
    weights,
)


@given(order=orders(currencies=st.just("EUR"), quantities=st.just(7), min_items=2, max_items=3))
def test_order_options_are_honoured(order: Order) -> None:
    """Currency, quantity and size bounds reach every line."""
    assert 2 <= len(order.items) <= 3
    assert {i.value.currency for i in order.items} == {"EUR"}
    assert {i.quantity for i in order.items} == {7}


@given(order=orders(origins=st.just("DC-9")))
def test_origin_option_is_honoured(order: Order) -> None:
    """The origin's shipping location comes from *origins*."""
    assert order.origin.shipping_location_reference == "DC-9"


@given(data=st.data())
def test_plan_options_are_honoured(data: st.DataObject) -> None:
    """Origins, days and services come from the strategies given; complete plans leave nothing."""
    order = data.draw(orders())
    plan = data.draw(
        plans(
            order,
            origins=st.just("DC-1"),
            ship_days=st.just(date(2026, 1, 1)),
            carrier_services=st.just("EXPRESS"),
            partial=False,
        )
    )

    split = split_order(order, plan)

    assert {a.key.origin for a in plan.allocations} <= {"DC-1"}
    assert {(a.ship_day, a.carrier_service) for a in plan.allocations} <= {
        (date(2026, 1, 1), "EXPRESS")
    }
    assert split.outstanding == ()


@given(data=st.data())
def test_plans_keep_currencies_apart(data: st.DataObject) -> None:
    """An order priced in two currencies still gets only valid plans."""
    gbp_lines = data.draw(orders(currencies=st.just("GBP")))
    eur_lines = data.draw(orders(currencies=st.just("EUR")))
    mixed = Order(
        packages=[*gbp_lines.packages, *eur_lines.packages], addresses=gbp_lines.addresses
    )

    split = split_order(mixed, data.draw(plans(mixed)))

    assert check_split(mixed, split.consignments, lines=split.lines) == ()


@given(data=st.data())
def test_plans_leave_lines_no_identifier_names_alone_outstanding(data: st.DataObject) -> None:
    """Two indistinguishable lines cannot be allocated, so they stay outstanding."""
    from builders import item  # noqa: PLC0415

    twins = order(item("SOCK"), item("SOCK"))

    plan = data.draw(plans(twins))

    assert plan.allocations == ()


@given(
    value=st.one_of(
        weights(),
        dimensions(),
        money(),
        metadata(),
        order_items(),
        addresses(AddressType.SENDER),
    )
)
def test_value_strategies_build_valid_values(value: object) -> None:
    """Reaching here means the constructor accepted the value; its class is the public one."""
    assert type(value).__module__.startswith("orderpack")


@given(weight=weights(units=st.just(WeightUnit.LB)))
def test_weight_units_are_honoured(weight: object) -> None:
    """The unit comes from *units*."""
    assert getattr(weight, "unit", None) is WeightUnit.LB


@given(address=addresses(AddressType.ORIGIN, locations=st.just("WH-Q")))
def test_address_options_are_honoured(address: Address) -> None:
    """Type and location are as asked."""
    assert (address.address_type, address.shipping_location_reference) == (
        AddressType.ORIGIN,
        "WH-Q",
    )


class TestEdgeCasesAreReachable:
    """Shrinking finds the small and the large corners."""

    def test_one_item_of_one_unit(self) -> None:
        """The smallest order."""
        smallest = find(orders(), lambda o: len(o.items) == 1 and o.items[0].quantity == 1)

        assert smallest.items[0].quantity == 1

    def test_many_lines(self) -> None:
        """The largest default order."""
        assert len(find(orders(), lambda o: len(o.items) == 8).items) == 8

    def test_many_origins(self) -> None:
        """A plan spreading one order over three warehouses."""
        found = find(
            orders().flatmap(plans),
            lambda p: len({a.origin for a in p.allocations}) == 3,
        )

        assert len({a.origin for a in found.allocations}) == 3

    def test_a_partial_plan(self) -> None:
        """A plan that back-orders something."""
        found = find(
            orders().flatmap(lambda o: plans(o).map(lambda p: (o, p))),
            lambda case: bool(split_order(*case).outstanding),
        )

        assert split_order(*found).outstanding


@given(data=st.data())
def test_invalid_arguments_are_refused(data: st.DataObject) -> None:
    """Bad bounds and orders without references raise InvalidArgument, as Hypothesis does."""
    with pytest.raises(InvalidArgument):
        data.draw(orders(min_items=0))
    with pytest.raises(InvalidArgument):
        data.draw(pack_requests(order()))
