"""Manage orders by PRO's rules: Update Order, Add and Update Address, allocation tags.

Each function returns a new order; the order given is never changed. The result is built by
the :class:`~orderpack.Order` constructor, so A1 and A2 hold after every change (an orderpack
rule for Q7).

>>> from orderpack.demo import seed_order
>>> order = seed_order()
>>> update = OrderUpdate(order_reference="EO-000-002-0TS", tags=["Fragile"])
>>> updated = update_order(order, update)
>>> updated.tags, updated.order_reference_provided_by_customer
(('Fragile',), None)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from orderpack.errors import Problem, UpdateError
from orderpack.model.arguments import checked
from orderpack.model.checks import Checks, shown, to_optional_tuple, to_tuple
from orderpack.model.classes import model
from orderpack.model.order import Order, OrderPackage, find_address
from orderpack.model.values import (
    Address,
    CustomsDocumentation,
    Direction,
    MetaData,
    RequestedDeliveryDate,
    Source,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "OrderUpdate",
    "add_address",
    "eligible_services",
    "is_eligible",
    "update_address",
    "update_order",
]


@model
class OrderUpdate:
    """PRO's Update Order request (section 6.4): a full overwrite with field-by-field rules.

    ``None`` is "absent". For the customer reference, the dates, customs documentation and
    metadata, absent deletes the order's value. For addresses, direction and tags, absent keeps
    it. ``source`` and ``packages`` are ignored, as PRO ignores them; they are here so that a
    request carrying them can be held as it came.
    """

    order_reference: str
    order_reference_provided_by_customer: str | None = None
    required_delivery_date: RequestedDeliveryDate | None = None
    shipping_date: datetime | None = None
    customs_documentation: CustomsDocumentation | None = None
    metadata: tuple[MetaData, ...] | None = attrs.field(default=None, converter=to_optional_tuple)
    addresses: tuple[Address, ...] | None = attrs.field(default=None, converter=to_optional_tuple)
    direction: Direction | None = None
    tags: tuple[str, ...] | None = attrs.field(default=None, converter=to_optional_tuple)
    source: Source | None = None
    packages: tuple[OrderPackage, ...] = attrs.field(default=(), converter=to_tuple)

    def __attrs_post_init__(self) -> None:
        """Check the types and that the shipping date is aware."""
        checks = Checks()
        checks.aware(self.shipping_date, "shipping_date")
        checks.raise_if_any()


def _refuse(code: str, path: str, message: str) -> UpdateError:
    return UpdateError([Problem(code=code, path=path, message=message)])


@checked
def update_order(order: Order, update: OrderUpdate) -> Order:
    """Apply PRO's Update Order to *order* (section 6.4, O4).

    Args:
        order: The order to update; it is not changed.
        update: The Update Order request; its ``order_reference`` must be the order's reference.

    Raises:
        UpdateError: If *update* names another order (the reference cannot change).
        ModelError: If the updated order breaks a rule of its own, e.g. addresses without an
            Origin (A1) or a shipping location (A2).
    """
    if update.order_reference != order.reference:
        raise _refuse(
            "order_reference_mismatch",
            "order_reference",
            f"expected the order's reference {shown(order.reference)}, got "
            f"{shown(update.order_reference)}; it cannot be updated (O4)",
        )
    return attrs.evolve(
        order,
        order_reference_provided_by_customer=update.order_reference_provided_by_customer,
        required_delivery_date=update.required_delivery_date,
        shipping_date=update.shipping_date,
        customs_documentation=update.customs_documentation,
        metadata=update.metadata or (),
        addresses=order.addresses if update.addresses is None else update.addresses,
        direction=order.direction if update.direction is None else update.direction,
        tags=order.tags if update.tags is None else update.tags,
    )


@checked
def add_address(order: Order, address: Address) -> Order:
    """Add *address* to *order*, which must not have one of its type yet (A3, 6.4).

    Args:
        order: The order to add the address to; it is not changed.
        address: The address to add; its ``address_type`` must be new to the order.

    Raises:
        UpdateError: If the order already has an address of that type.
    """
    if find_address(order.addresses, address.address_type) is not None:
        raise _refuse(
            "address_type_exists",
            "address_type",
            f"the order already has an address of type {address.address_type.value}; "
            "update it instead (6.4)",
        )
    return attrs.evolve(order, addresses=(*order.addresses, address))


@checked
def update_address(order: Order, address: Address) -> Order:
    """Replace *order*'s address of *address*'s type with *address* (6.4).

    Args:
        order: The order whose address to replace; it is not changed.
        address: The new address; it replaces the order's address of its ``address_type``.

    Raises:
        UpdateError: If the order has no address of that type.
        ModelError: If the order then breaks A2 (no shipping location at either end).
    """
    if find_address(order.addresses, address.address_type) is None:
        raise _refuse(
            "address_type_missing",
            "address_type",
            f"the order has no address of type {address.address_type.value}; add it instead (6.4)",
        )
    return attrs.evolve(
        order,
        addresses=tuple(
            address if a.address_type is address.address_type else a for a in order.addresses
        ),
    )


@checked
def is_eligible(consignment_tags: Iterable[str], service_tags: Iterable[str]) -> bool:
    """Whether a carrier service with *service_tags* may take a consignment (T1).

    It may when it carries every one of the consignment's tags; an untagged consignment may go
    to any service.

    Args:
        consignment_tags: The consignment's allocation tags, such as ``Alcohol``.
        service_tags: The tags the carrier service carries.

    >>> is_eligible({"Alcohol"}, {"Alcohol", "Flammables"})
    True
    >>> is_eligible({"Alcohol", "Oil"}, {"Alcohol", "Flammables"})
    False
    """
    return set(consignment_tags) <= set(service_tags)


@checked
def eligible_services(
    consignment_tags: Iterable[str], services: Mapping[str, Iterable[str]]
) -> tuple[str, ...]:
    """Return the services, of *services* (name to tags), that may take the consignment (T1).

    Args:
        consignment_tags: The consignment's allocation tags.
        services: Each carrier service's name, mapped to its tags; the result keeps their order.

    >>> eligible_services({"Flammables"}, {"A": {"Alcohol"}, "B": {"Flammables"}, "E": set()})
    ('B',)

    Raises:
        ModelError: ``wrong_type`` at ``services[name]`` for each service whose tags are not
            a collection of them (a string is no list of tags).
    """
    wanted = set(consignment_tags)
    checks = Checks()
    for name, tags in services.items():
        if isinstance(tags, str | bytes) or not isinstance(tags, Iterable):
            checks.add(
                "wrong_type",
                f"services[{name!r}]",
                f"expected a collection of tags, got {shown(tags)} ({type(tags).__name__})",
            )
    checks.raise_if_any()
    return tuple(name for name, tags in services.items() if wanted <= set(tags))
