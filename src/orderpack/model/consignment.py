"""Consignments: packages that share origin, destination, customer, ship day and carrier service.

A consignment holds its origin (in its addresses), its shipping date and its carrier service
once, so a consignment mixing two origins, days or services cannot be represented. It has at
least one package (C1) and a packed one starts ``Unallocated`` (P12).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar

import attrs

from orderpack.model.checks import Checks, to_tuple
from orderpack.model.classes import model
from orderpack.model.order import (
    CONSIGNMENT_REFERENCE,
    DATES,
    ORDER_REFERENCE,
    _Addressed,
    _ItemFields,
    _PackageFields,
    address_problems,
)
from orderpack.model.values import (
    Address,
    CustomsDocumentation,
    Direction,
    MetaData,
    Money,
    RequestedDeliveryDate,
    Source,
    calendar_day,
)

__all__ = [
    "CarrierAllocation",
    "Consignment",
    "ConsignmentKey",
    "ConsignmentState",
    "FailedCarrierAllocation",
    "Item",
    "Package",
]


class ConsignmentState(StrEnum):
    """The states of a consignment in PRO (section 8.1); the value is PRO's name."""

    UNALLOCATED = "Unallocated"
    ALLOCATING = "Allocating"
    ALLOCATION_FAILED = "AllocationFailed"
    ALLOCATED = "Allocated"
    MANIFESTING = "Manifesting"
    MANIFESTED = "Manifested"
    MANIFEST_FAILED = "ManifestFailed"
    DISPATCHED = "Dispatched"
    AT_DROP_OFF_POINT = "AtDropOffPoint"
    COLLECTED = "Collected"
    COLLECTION_FAILED = "CollectionFailed"
    IN_TRANSIT = "InTransit"
    DELAYED = "Delayed"
    OUT_FOR_DELIVERY = "OutForDelivery"
    DELIVERY_FAILED = "DeliveryFailed"
    DELIVERY_FAILED_CARD_LEFT = "DeliveryFailedCardLeft"
    DELIVERED = "Delivered"
    PARTIALLY_DELIVERED = "PartiallyDelivered"
    AT_COLLECTION_POINT = "AtCollectionPoint"
    RETURN_TO_SENDER = "ReturnToSender"
    ACTION_REQUIRED = "ActionRequired"
    MISSING = "Missing"
    LOST = "Lost"
    DAMAGED = "Damaged"
    CANCELLING = "Cancelling"
    CANCELLED = "Cancelled"
    IN_TRANSIT_WAITING = "InTransitWaiting"
    HELD_BY_CARRIER = "HeldByCarrier"
    EXCHANGE_FAILED = "ExchangeFailed"
    AT_CUSTOMS = "AtCustoms"
    CARRIER_UNABLE_TO_COLLECT = "CarrierUnableToCollect"
    DELIVERED_DAMAGED = "DeliveredDamaged"
    READY_TO_SHIP = "ReadyToShip"


@model
class Item(_ItemFields):
    """An item inside a consignment's package: the order item's details and the packed quantity.

    ``reference`` is the order item's, so a consignment item can be traced to its order line.
    Its quantity may be 0, as on consignments PRO shows; such an item packs no unit.
    """

    status: str | None = None

    _LEAST: ClassVar[int] = 0


@model
class Package(_PackageFields[Item]):
    """A physical parcel of a consignment.

    It needs a weight and dimensions unless it names a package size (P6). PRO allows a
    consignment package with no items, and says nothing of them when there are none; a package
    made by a split always has some.
    """

    def __attrs_post_init__(self) -> None:
        """Check P6 and the reference's format."""
        self._checks().raise_if_any()


@model
class ConsignmentKey:
    """What every package of one consignment shares beyond the order: origin, day and service.

    ``origin`` is the origin's shipping location reference; an origin given by its address
    alone has none, and ``origin_address`` holds where that address is instead (the address
    without its contact, special instructions and caching flag), so two origins are told
    apart however they are given. ``ship_day`` is the calendar day of the shipping date in its
    own offset; ``carrier_service`` is the planned carrier service, if any.
    """

    origin: str | None
    ship_day: date | None
    carrier_service: str | None
    origin_address: Address | None = None


@model
class CarrierAllocation:
    """The carrier service PRO allocated a consignment to, when, and at what price (4.4).

    PRO fills it in on allocation; orderpack reads and writes it back as it is.
    """

    carrier_service_group_reference: str | None = None
    mpd_carrier_service_group_name: str | None = None
    mpd_carrier_service_reference: str | None = None
    mpd_carrier_service_name: str | None = None
    allocation_date: datetime | None = None
    price: Money | None = None

    def __attrs_post_init__(self) -> None:
        """The allocation date must carry an offset."""
        checks = Checks()
        checks.aware(self.allocation_date, "allocation_date")
        checks.raise_if_any()


@model
class FailedCarrierAllocation:
    """PRO's last failed attempt to allocate a consignment: to what, when, and why (4.4)."""

    carrier_service_group_reference: str | None = None
    mpd_carrier_service_group_name: str | None = None
    mpd_carrier_service_reference: str | None = None
    mpd_carrier_service_name: str | None = None
    attempted_allocation_date: datetime | None = None
    message: str | None = None

    def __attrs_post_init__(self) -> None:
        """The attempt's date must carry an offset."""
        checks = Checks()
        checks.aware(self.attempted_allocation_date, "attempted_allocation_date")
        checks.raise_if_any()


def _place(address: Address) -> Address:
    """Where *address* is, without who to ask there or what to tell the carrier."""
    return attrs.evolve(address, contact=None, special_instructions=None, is_cached=False)


@model
class Consignment(_Addressed):
    """Packages from one origin to one destination, for one customer, on one day, by one service.

    ``carrier_service`` and ``return_for`` are orderpack's: the service a split planned (PRO
    binds one at allocation) and, on a return made by GenerateReturn (P10), the outbound
    consignment's reference. ``carrier_allocation`` and ``failed_carrier_allocation`` are
    PRO's ``Allocation`` and ``FailedAllocation``, filled in when PRO allocates it.
    """

    packages: tuple[Package, ...] = attrs.field(converter=to_tuple)
    addresses: tuple[Address, ...] = attrs.field(converter=to_tuple)
    reference: str | None = None
    consignment_reference_provided_by_customer: str | None = None
    order_reference: str | None = None
    state: ConsignmentState = ConsignmentState.UNALLOCATED
    direction: Direction = Direction.OUTBOUND
    source: Source = Source.API
    shipping_date: datetime | None = None
    requested_delivery_date: RequestedDeliveryDate | None = None
    customs_documentation: CustomsDocumentation | None = None
    metadata: tuple[MetaData, ...] = attrs.field(default=(), converter=to_tuple)
    tags: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    carrier_service: str | None = None
    return_for: str | None = None
    date_created: datetime | None = None
    earliest_delivery_date: datetime | None = None
    latest_delivery_date: datetime | None = None
    carrier_allocation: CarrierAllocation | None = None
    failed_carrier_allocation: FailedCarrierAllocation | None = None

    def __attrs_post_init__(self) -> None:
        """Check C1, A1, A3, the references' formats and that the shipping date is aware."""
        checks = Checks()
        if not self.packages:
            checks.add("consignment_without_packages", "packages", "expected a package (C1)")
        checks.extend(address_problems(self.addresses, need_location=False))
        for name, pattern, example in (
            ("reference", CONSIGNMENT_REFERENCE, "EC-000-05B-MQ4"),
            ("return_for", CONSIGNMENT_REFERENCE, "EC-000-05B-MQ4"),
            ("order_reference", ORDER_REFERENCE, "EO-000-002-0TS"),
        ):
            checks.pattern(
                getattr(self, name), name, pattern, f"a reference like {example}", "bad_reference"
            )
        for name in DATES:
            checks.aware(getattr(self, name), name)
        checks.raise_if_any()

    @property
    def ship_day(self) -> date | None:
        """The calendar day of the shipping date, in the date's own offset."""
        return None if self.shipping_date is None else calendar_day(self.shipping_date)

    @property
    def key(self) -> ConsignmentKey:
        """Origin, ship day and carrier service: one consignment per key in a split."""
        origin = self.origin
        location = origin.shipping_location_reference
        return ConsignmentKey(
            origin=location,
            ship_day=self.ship_day,
            carrier_service=self.carrier_service,
            origin_address=None if location else _place(origin),
        )

    @property
    def items(self) -> tuple[Item, ...]:
        """Every item of every package, package by package."""
        return tuple(item for package in self.packages for item in package.items)
