"""Managing orders by PRO's rules: Update Order (6.4), addresses, and allocation tags (T1)."""

from datetime import UTC, datetime
from typing import TypeVar

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import destination, order, origin
from orderpack import (
    Address,
    AddressType,
    CustomsDocumentation,
    Direction,
    MetaData,
    ModelError,
    Order,
    OrderUpdate,
    RequestedDeliveryDate,
    Source,
    UpdateError,
    add_address,
    eligible_services,
    is_eligible,
    strategies,
    update_address,
    update_order,
)

T = TypeVar("T")
REFERENCE = "EO-000-002-0TS"
WHEN = datetime(2026, 12, 1, 9, tzinfo=UTC)


def _full_order() -> Order:
    return order(
        order_reference_provided_by_customer="WEB-1",
        required_delivery_date=RequestedDeliveryDate(date=WHEN),
        shipping_date=WHEN,
        customs_documentation=CustomsDocumentation(reason_for_export="Sale"),
        metadata=[MetaData(key="Channel", string_value="Web")],
        tags=["Alcohol"],
        direction=Direction.OUTBOUND,
    )


def test_6_4_absent_deletes_the_reference_dates_customs_and_metadata() -> None:
    """An update naming none of them removes them all."""
    updated = update_order(_full_order(), OrderUpdate(order_reference=REFERENCE))

    assert (
        updated.order_reference_provided_by_customer,
        updated.required_delivery_date,
        updated.shipping_date,
        updated.customs_documentation,
        updated.metadata,
    ) == (None, None, None, None, ())


def test_6_4_absent_keeps_addresses_direction_and_tags() -> None:
    """An update naming none of them leaves them as they were."""
    before = _full_order()

    updated = update_order(before, OrderUpdate(order_reference=REFERENCE))

    assert (updated.addresses, updated.direction, updated.tags) == (
        before.addresses,
        before.direction,
        before.tags,
    )


def test_6_4_given_values_replace() -> None:
    """Every field the update gives replaces the order's."""
    moved = [origin("WH-B"), destination()]
    update = OrderUpdate(
        order_reference=REFERENCE,
        order_reference_provided_by_customer="WEB-2",
        shipping_date=WHEN,
        metadata=[MetaData(key="Gift", bool_value=True)],
        addresses=moved,
        direction=Direction.INBOUND,
        tags=[],
    )

    updated = update_order(order(), update)

    assert updated.order_reference_provided_by_customer == "WEB-2"
    assert updated.metadata == (MetaData(key="Gift", bool_value=True),)
    assert (updated.addresses, updated.direction, updated.tags) == (
        tuple(moved),
        Direction.INBOUND,
        (),
    )


KEPT_WHEN_ABSENT = ("addresses", "direction", "tags")
DELETED_WHEN_ABSENT = (
    "order_reference_provided_by_customer",
    "required_delivery_date",
    "shipping_date",
    "customs_documentation",
)


@st.composite
def updates(draw: st.DrawFn, before: Order) -> OrderUpdate:
    """An Update Order for *before* that gives any of its fields, or leaves them absent."""

    def maybe(values: st.SearchStrategy[T]) -> T | None:
        return draw(st.none() | values)

    return OrderUpdate(
        order_reference=REFERENCE,
        order_reference_provided_by_customer=maybe(st.text(min_size=1, max_size=8)),
        required_delivery_date=maybe(st.just(RequestedDeliveryDate(date=WHEN))),
        shipping_date=maybe(st.just(WHEN)),
        customs_documentation=maybe(strategies.customs_documentation()),
        metadata=maybe(st.lists(strategies.metadata(), max_size=2)),
        addresses=maybe(st.permutations(before.addresses)),
        direction=maybe(st.sampled_from(Direction)),
        tags=maybe(st.lists(st.text(min_size=1, max_size=8), max_size=2)),
        source=maybe(st.sampled_from(Source)),
    )


@given(data=st.data())
def test_6_4_each_field_follows_its_rule(data: st.DataObject) -> None:
    """Given replaces; absent deletes or keeps, field by field; nothing else changes."""
    before = attrs.evolve(data.draw(strategies.orders()), reference=REFERENCE)
    update = data.draw(updates(before))

    updated = update_order(before, update)

    for name in DELETED_WHEN_ABSENT:
        assert getattr(updated, name) == getattr(update, name), name
    assert updated.metadata == (update.metadata or ())
    for name in KEPT_WHEN_ABSENT:
        given_value = getattr(update, name)
        expected = getattr(before, name) if given_value is None else given_value
        assert getattr(updated, name) == expected, name
    changed = {*DELETED_WHEN_ABSENT, *KEPT_WHEN_ABSENT, "metadata"}
    assert attrs.evolve(updated, **{n: getattr(before, n) for n in changed}) == before


def test_6_4_source_and_packages_are_ignored() -> None:
    """PRO ignores them; so does orderpack (O4: the source cannot change)."""
    before = order(source=Source.WEB)

    updated = update_order(
        before,
        OrderUpdate(order_reference=REFERENCE, source=Source.API, packages=[]),
    )

    assert (updated.source, updated.packages) == (Source.WEB, before.packages)


def test_o4_the_reference_cannot_be_updated() -> None:
    """An update for another order is refused."""
    with pytest.raises(UpdateError) as caught:
        update_order(order(), OrderUpdate(order_reference="EO-000-000-999"))

    assert str(caught.value.problems[0]) == (
        "order_reference_mismatch at order_reference: expected the order's reference "
        "'EO-000-002-0TS', got 'EO-000-000-999'; it cannot be updated (O4)"
    )


def test_q7_updated_addresses_still_need_both_ends() -> None:
    """An orderpack rule: A1 and A2 are checked again after Update Order."""
    with pytest.raises(ModelError) as caught:
        update_order(order(), OrderUpdate(order_reference=REFERENCE, addresses=[destination()]))

    assert caught.value.codes() == ("missing_address",)


def test_add_address_only_for_a_new_type() -> None:
    """A Sender may be added; a second Origin may not."""
    sender = Address(address_type=AddressType.SENDER, company_name="Retailer Ltd")

    added = add_address(order(), sender)
    with pytest.raises(UpdateError) as caught:
        add_address(order(), origin("WH-B"))

    assert added.addresses[-1] == sender
    assert str(caught.value.problems[0]) == (
        "address_type_exists at address_type: the order already has an address of type "
        "Origin; update it instead (6.4)"
    )


def test_update_address_only_for_an_existing_type() -> None:
    """The Origin can be replaced; a missing Return address cannot be updated."""
    moved = update_address(order(), origin("WH-B"))
    with pytest.raises(UpdateError) as caught:
        update_address(order(), Address(address_type=AddressType.RETURN, town="Leeds"))

    assert moved.origin == origin("WH-B")
    assert str(caught.value.problems[0]) == (
        "address_type_missing at address_type: the order has no address of type Return; "
        "add it instead (6.4)"
    )


def test_a2_still_holds_after_update_address() -> None:
    """Replacing the only located end with an unlocated one is refused (A2)."""
    with pytest.raises(ModelError) as caught:
        update_address(order(), Address(address_type=AddressType.ORIGIN, town="Leeds"))

    assert caught.value.codes() == ("no_shipping_location",)


SERVICES = {
    "A": {"Alcohol"},
    "B": {"Flammables"},
    "C": {"Alcohol", "Flammables"},
    "D": {"Oil"},
    "E": set(),
}


@pytest.mark.parametrize(
    ("tags", "eligible"),
    [
        (set(), ("A", "B", "C", "D", "E")),
        ({"Alcohol"}, ("A", "C")),
        ({"Flammables"}, ("B", "C")),
        ({"Alcohol", "Flammables"}, ("C",)),
        ({"Alcohol", "Flammables", "Oil"}, ()),
    ],
)
def test_t1_the_five_scenarios_of_pros_guide(tags: set[str], eligible: tuple[str, ...]) -> None:
    """Services A to E against the guide's five consignments."""
    assert eligible_services(tags, SERVICES) == eligible


TAGS = st.sets(st.sampled_from(["Alcohol", "Flammables", "Oil", "Fragile", "Cold"]))


@given(consignment=TAGS, service=TAGS)
def test_t1_eligible_exactly_when_the_service_has_every_tag(
    consignment: set[str], service: set[str]
) -> None:
    """The subset law, for any tags."""
    assert is_eligible(consignment, service) == all(tag in service for tag in consignment)


@given(consignment=TAGS, more=TAGS, services=st.dictionaries(st.text(max_size=3), TAGS))
def test_t1_more_tags_never_widen_the_choice(
    consignment: set[str], more: set[str], services: dict[str, set[str]]
) -> None:
    """Adding tags to a consignment can only remove eligible services."""
    assert set(eligible_services(consignment | more, services)) <= set(
        eligible_services(consignment, services)
    )


def test_an_update_names_a_naive_shipping_date_at_its_field() -> None:
    """PRO's dates carry an offset: a naive one is refused where it was given."""
    with pytest.raises(ModelError) as caught:
        OrderUpdate(order_reference="EO-000-000-001", shipping_date=datetime(2026, 1, 1))  # noqa: DTZ001

    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("naive_datetime", "shipping_date")
    ]
