"""PRO's Pack Order as a pure function: one request, one consignment (two with a return).

:func:`pack_order` follows P1-P4 and P6-P12 and the field mapping of section 6.6. It never
looks at earlier packs (P5): packing the same items again is allowed, and the ledger, not the
packer, keeps count.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Final

import attrs

from orderpack.errors import CurrencyMismatchError, PackError, Problem
from orderpack.model.arguments import checked
from orderpack.model.checks import Checks, is_quantity, shown, to_optional_tuple, to_tuple
from orderpack.model.classes import model
from orderpack.model.consignment import Consignment, Item, Package
from orderpack.model.measures import money_of_lines, weight_of_lines
from orderpack.model.order import (
    ORDER_REFERENCE,
    PACKAGE_REFERENCE,
    UNIDENTIFIED,
    Order,
    OrderItem,
    OrderPackage,
    check_measured,
    identifiers,
    line_index,
)
from orderpack.model.references import ReferenceSource, SequentialReferences
from orderpack.model.trusted import builder, copier
from orderpack.model.values import (
    Address,
    AddressType,
    CustomsDocumentation,
    Dimensions,
    Direction,
    MetaData,
    Money,
    Weight,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "PackItem",
    "PackOrderRequest",
    "PackPackage",
    "PackResult",
    "find_line",
    "make_return",
    "pack_order",
]

SHIPPERS_EORI = "ShippersEORI"


@model
class _Identified:
    """Names an order item by any of PRO's three identifiers (P3)."""

    reference: str | None = None
    item_reference_provided_by_customer: str | None = None
    sku: str | None = None

    def _named(self) -> bool:
        """Whether any identifier is given: the cheap test of P3 that valid items pass."""
        return bool(self.reference or self.item_reference_provided_by_customer or self.sku)

    def _identifier_checks(self) -> Checks:
        checks = Checks()
        if not identifiers(self):
            checks.include(UNIDENTIFIED)
        return checks


@model
class PackItem(_Identified):
    """How many units of which order item go into a pack package.

    PRO's quantity is not nullable; orderpack refuses zero rather than guess that it means
    "all" (an orderpack rule for Q3).
    """

    quantity: int

    def __attrs_post_init__(self) -> None:
        """Check P3 and that the quantity is positive."""
        if is_quantity(self.quantity) and self._named():
            return
        checks = self._identifier_checks()
        checks.positive_int(self.quantity, "quantity")
        checks.raise_if_any()


@model
class PackPackage:
    """A package of a Pack Order request: its measures and at least one item (P2, P6)."""

    items: tuple[PackItem, ...] = attrs.field(converter=to_tuple)
    weight: Weight | None = None
    dimensions: Dimensions | None = None
    package_size_reference: str | None = None

    def __attrs_post_init__(self) -> None:
        """Check P2 (an item) and P6 (measures or a package size)."""
        checks = Checks()
        if not self.items:
            checks.add("package_without_items", "items", "expected at least one item (P2)")
        check_measured(checks, self.weight, self.dimensions, self.package_size_reference)
        checks.raise_if_any()


@model
class PackOrderRequest:
    """PRO's Pack Order request, plus orderpack's extension for Q1.

    ``metadata``, ``customs_documentation`` and ``tags`` are ``None`` when not given, and the
    order's then apply (P7, P9). The extension fields ``origin`` (a shipping location
    reference), ``shipping_date`` and ``carrier_service`` name what PRO's request cannot: where,
    when and how this consignment ships. Left out, the order's origin and shipping date apply,
    as in PRO.
    """

    packages: tuple[PackPackage, ...] = attrs.field(converter=to_tuple)
    order_reference: str | None = None
    order_reference_provided_by_customer: str | None = None
    generate_return: bool = False
    metadata: tuple[MetaData, ...] | None = attrs.field(default=None, converter=to_optional_tuple)
    customs_documentation: CustomsDocumentation | None = None
    tags: tuple[str, ...] | None = attrs.field(default=None, converter=to_optional_tuple)
    origin: str | None = None
    shipping_date: datetime | None = None
    carrier_service: str | None = None

    def __attrs_post_init__(self) -> None:
        """Check P2 (a package), the order reference's format and an aware shipping date."""
        checks = Checks()
        if not self.packages:
            checks.add("request_without_packages", "packages", "expected a package (P2)")
        checks.pattern(
            self.order_reference,
            "order_reference",
            ORDER_REFERENCE,
            "a reference like EO-000-002-0TS",
            "bad_reference",
        )
        checks.aware(self.shipping_date, "shipping_date")
        checks.raise_if_any()


@model
class PackResult:
    """What one Pack Order makes: a consignment and, with ``generate_return``, its return."""

    consignment: Consignment
    return_consignment: Consignment | None = None

    @property
    def consignments(self) -> tuple[Consignment, ...]:
        """The consignments made, outbound first (P1: one, or two with a return)."""
        if self.return_consignment is None:
            return (self.consignment,)
        return (self.consignment, self.return_consignment)


@checked
def find_line(order: Order, identified: PackItem) -> int:
    """Return the index of the order line that *identified* names (P4, Q4).

    Args:
        order: The order whose lines to search.
        identified: The pack item naming the line by its identifiers; its quantity is not used.

    >>> from orderpack.demo import seed_order
    >>> find_line(seed_order(), PackItem(sku="COAT-01", quantity=1))
    2

    Raises:
        PackError: If no line, or more than one, is named.
    """
    found = order.match(identified)
    if isinstance(found, Problem):
        raise PackError([found])
    return found


@checked
def pack_order(
    order: Order, request: PackOrderRequest, *, references: ReferenceSource | None = None
) -> PackResult:
    """Make the consignment PRO's Pack Order makes from *order* and *request*.

    Items are matched to order lines (P4, Q4) and carry the order item's details with the
    packed quantity; everything the request leaves out comes from the order (P7, 6.6). The
    quantity is not checked against the ordered one, nor against earlier packs (P5, Q3).

    Args:
        order: The order to pack from; it gives the items' details and what the request omits.
        request: The Pack Order request: the packages to make, and fields to use over the order's.
        references: The source of new references; by default a fresh ``SequentialReferences()``.

    >>> from orderpack.demo import seed_order
    >>> from orderpack import PackItem, PackPackage
    >>> order = seed_order()
    >>> request = PackOrderRequest(packages=[PackPackage(
    ...     items=[PackItem(sku="NECK-01", quantity=1), PackItem(sku="BRAC-01", quantity=1)],
    ...     package_size_reference="SMALL-BOX")])
    >>> result = pack_order(order, request)
    >>> result.consignment.reference, result.consignment.state.value
    ('EC-000-000-001', 'Unallocated')
    >>> [item.description for item in result.consignment.items]
    ['Necklace', 'Bracelet']

    Raises:
        PackError: Listing every problem: items not on the order, ambiguous items, an
            order reference that is not the order's.
    """
    checks = Checks()
    if request.order_reference is not None and request.order_reference != order.reference:
        checks.add(
            "order_reference_mismatch",
            "order_reference",
            f"expected the order's reference {shown(order.reference)}, "
            f"got {shown(request.order_reference)} (P2)",
        )
    contents: list[list[tuple[int, int]]] = []
    for p, package in enumerate(request.packages):
        lines: list[tuple[int, int]] = []
        for i, pack_item in enumerate(package.items):
            found = order.match(pack_item)
            if isinstance(found, Problem):
                checks.extend([found.within(f"packages[{p}].items[{i}]")])
            else:
                lines.append((found, pack_item.quantity))
        contents.append(lines)
    checks.raise_if_any(PackError)
    if references is None:
        references = SequentialReferences()
    return build_consignments(order, request, contents, references)


def build_consignments(
    order: Order,
    request: PackOrderRequest,
    contents: Sequence[Sequence[tuple[int, int]]],
    references: ReferenceSource,
) -> PackResult:
    """Build what a checked request makes; *contents* gives each package's (line, quantity).

    This is the one place consignments are made, for :func:`pack_order` and the splitter alike.
    """
    packages = tuple(
        _package(order, pack_package, lines, references)
        for pack_package, lines in zip(request.packages, contents, strict=True)
    )
    consignment = Consignment(
        reference=references.consignment_reference(),
        # PRO sends "" for an absent reference, so an empty one does not win (P8).
        consignment_reference_provided_by_customer=(
            request.order_reference_provided_by_customer
            or order.order_reference_provided_by_customer
        ),
        order_reference=order.reference,
        direction=order.direction,
        source=order.source,
        addresses=_addresses(order, request.origin),
        shipping_date=(
            order.shipping_date if request.shipping_date is None else request.shipping_date
        ),
        requested_delivery_date=order.required_delivery_date,
        customs_documentation=(
            order.customs_documentation
            if request.customs_documentation is None
            else request.customs_documentation
        ),
        metadata=_metadata(order, request.metadata),
        tags=order.tags if request.tags is None else request.tags,
        carrier_service=request.carrier_service,
        packages=packages,
    )
    if not request.generate_return:
        return PackResult(consignment=consignment)
    return PackResult(
        consignment=consignment, return_consignment=make_return(consignment, references)
    )


_item_of: Final = copier(Item, "quantity", "status")


def consignment_item(order_item: OrderItem, quantity: int) -> Item:
    """The consignment item for *quantity* units of *order_item*: its details, that quantity.

    Built from a checked order item and a checked quantity, so not checked again.
    """
    return _item_of(order_item, quantity, None)


def _package(
    order: Order,
    pack_package: PackPackage,
    lines: Sequence[tuple[int, int]],
    references: ReferenceSource,
) -> Package:
    """The package *pack_package* makes of *lines*, its reference from *references*.

    Every field comes from a checked value (the order's, the request's: a pack package keeps
    P6 itself) or is an exact sum of them, except the reference: the caller's source made it.
    So the package is built without its checks when that reference keeps PRO's format, and
    through its public constructor, which names the problem, when it does not.
    """
    every = order.items  # each item as consignment_item makes it, without a call more
    items = tuple([_item_of(every[line], quantity, None) for line, quantity in lines])
    quantities = [quantity for _, quantity in lines]
    if pack_package.weight is None:
        weights = [item.weight for item in items]
        weight = _weight_of(*weight_of_lines(weights, quantities, whole=True))
    else:
        weight = pack_package.weight
    try:
        values = [item.value for item in items]
        value: Money | None = _money_of(*money_of_lines(values, quantities, whole=True))
    except CurrencyMismatchError:
        value = None
    source = _single_order_package(order, lines)
    reference = references.package_reference()
    formed = reference is None or (
        type(reference) is str and PACKAGE_REFERENCE.fullmatch(reference) is not None
    )  # anything else, a str subclass too, is the constructor's to convert and judge
    return (_package_of if formed else Package)(
        reference=reference,
        items=items,
        weight=weight,
        dimensions=pack_package.dimensions,
        package_size_reference=pack_package.package_size_reference,
        value=value,
        description=source.description if source else None,
        barcode=source.barcode if source else None,
        package_reference_provided_by_customer=(
            source.package_reference_provided_by_customer if source else None
        ),
        metadata=source.metadata if source else (),
    )


_weight_of: Final = builder(Weight)
_money_of: Final = builder(Money)
_package_of: Final = builder(Package)


def _single_order_package(order: Order, lines: Sequence[tuple[int, int]]) -> OrderPackage | None:
    """The order package all *lines* (line, quantity) come from, if they share one (Q2).

    Lines are numbered package by package, so the lines between two of one package are its
    too: the first and the last line given tell. (An orderpack rule.)
    """
    owners = line_index(order).packages
    first = owners[min(lines)[0]]
    return order.packages[first] if first == owners[max(lines)[0]] else None


def _addresses(order: Order, origin: str | None) -> tuple[Address, ...]:
    """The order's addresses, with the origin the request names (Q1) in place of its own."""
    if origin is None or origin == order.origin.shipping_location_reference:
        return order.addresses
    replacement = Address(address_type=AddressType.ORIGIN, shipping_location_reference=origin)
    return tuple(
        replacement if a.address_type is AddressType.ORIGIN else a for a in order.addresses
    )


def _metadata(order: Order, given: tuple[MetaData, ...] | None) -> tuple[MetaData, ...]:
    """The request's metadata if given, else the order's; ShippersEORI always carries (P11)."""
    if given is None:
        return order.metadata
    eori = [m for m in order.metadata if m.key == SHIPPERS_EORI]
    if any(m.key == SHIPPERS_EORI for m in given):
        return given
    return (*given, *eori)


_SWAPPED = {
    AddressType.ORIGIN: AddressType.DESTINATION,
    AddressType.DESTINATION: AddressType.ORIGIN,
}


@checked
def make_return(outbound: Consignment, references: ReferenceSource) -> Consignment:
    """Return the return consignment of *outbound*, as GenerateReturn makes it (P10).

    It is *outbound* with origin and destination swapped, going ``Inbound``, with new
    references from *references*, and naming *outbound* in ``return_for``.

    Args:
        outbound: The outbound consignment to make the return of.
        references: The source of the return's new consignment and package references.
    """
    return attrs.evolve(
        outbound,
        reference=references.consignment_reference(),
        direction=Direction.INBOUND,
        addresses=tuple(
            attrs.evolve(a, address_type=_SWAPPED.get(a.address_type, a.address_type))
            for a in outbound.addresses
        ),
        packages=tuple(
            attrs.evolve(p, reference=references.package_reference()) for p in outbound.packages
        ),
        return_for=outbound.reference,
    )
