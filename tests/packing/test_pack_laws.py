"""Laws of Pack Order for every order and request the strategies generate (P5, P8-P10, P12)."""

import attrs
from hypothesis import given
from hypothesis import strategies as st

from builders import PACK_ORDER_ALLOWS
from orderpack import (
    AddressType,
    ConsignmentState,
    Direction,
    Order,
    PackOrderRequest,
    SequentialReferences,
    check_split,
    pack_order,
)
from orderpack.strategies import orders, pack_requests


@st.composite
def orders_and_requests(draw: st.DrawFn) -> tuple[Order, PackOrderRequest]:
    """An order and a Pack Order request for it."""
    order = draw(orders())
    return order, draw(pack_requests(order))


@given(case=orders_and_requests())
def test_p4_every_item_comes_from_the_order_with_its_details(
    case: tuple[Order, PackOrderRequest],
) -> None:
    """No packed item is unknown to the order or differs from its order item."""
    order, request = case

    made = pack_order(order, request).consignment

    codes = {p.code for p in check_split(order, [made])}
    assert codes <= PACK_ORDER_ALLOWS


@given(case=orders_and_requests())
def test_p5_packing_again_is_never_refused(case: tuple[Order, PackOrderRequest]) -> None:
    """The same request twice makes two consignments, equal but for their references."""
    order, request = case
    references = SequentialReferences()

    first = pack_order(order, request, references=references).consignment
    second = pack_order(order, request, references=references).consignment

    assert first.reference != second.reference
    assert first.items == second.items
    assert attrs.evolve(first, reference=None, packages=second.packages) == attrs.evolve(
        second, reference=None
    )


@given(case=orders_and_requests())
def test_p8_customer_reference_comes_from_the_request_else_the_order(
    case: tuple[Order, PackOrderRequest],
) -> None:
    """The pack's reference wins; without one, the order's is used."""
    order, request = case

    made = pack_order(order, request).consignment

    expected = (
        request.order_reference_provided_by_customer or order.order_reference_provided_by_customer
    )
    assert made.consignment_reference_provided_by_customer == expected


@given(case=orders_and_requests())
def test_p9_tags_override_or_inherit(case: tuple[Order, PackOrderRequest]) -> None:
    """Non-null tags replace the order's; null inherits them."""
    order, request = case

    made = pack_order(order, request).consignment

    assert made.tags == (order.tags if request.tags is None else request.tags)


@given(case=orders_and_requests())
def test_p10_a_return_mirrors_its_outbound_consignment(
    case: tuple[Order, PackOrderRequest],
) -> None:
    """With GenerateReturn: the same consignment, ends swapped, inbound, linked."""
    order, request = case

    result = pack_order(order, attrs.evolve(request, generate_return=True))

    outbound, inbound = result.consignments
    swapped = {
        AddressType.ORIGIN: AddressType.DESTINATION,
        AddressType.DESTINATION: AddressType.ORIGIN,
    }
    assert inbound.addresses == tuple(
        attrs.evolve(a, address_type=swapped.get(a.address_type, a.address_type))
        for a in outbound.addresses
    )
    assert (inbound.direction, inbound.return_for) == (Direction.INBOUND, outbound.reference)
    assert inbound.items == outbound.items
    assert (
        attrs.evolve(
            inbound,
            reference=outbound.reference,
            addresses=outbound.addresses,
            direction=outbound.direction,
            return_for=None,
            packages=outbound.packages,
        )
        == outbound
    )


@given(case=orders_and_requests())
def test_p12_every_packed_consignment_starts_unallocated(
    case: tuple[Order, PackOrderRequest],
) -> None:
    """Outbound and return alike."""
    order, request = case

    made = pack_order(order, request).consignments

    assert {c.state for c in made} == {ConsignmentState.UNALLOCATED}
