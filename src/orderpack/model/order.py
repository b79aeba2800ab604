"""Orders: what a customer bought, going to one destination, and its packages and items.

An order's items may ship from different origins, on different days, by different carriers
(O3); packing splits them into consignments. The constructor enforces what PRO states of a
created order: O1, O2 (A1, A2), A3, O5 and O6.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cached_property
from typing import ClassVar, Final, Generic, Protocol, TypeVar

import attrs

from orderpack.errors import ModelError, Problem
from orderpack.model.arguments import checked
from orderpack.model.checks import LARGEST_QUANTITY, Checks, shown, to_tuple
from orderpack.model.classes import model
from orderpack.model.values import (
    Address,
    AddressType,
    Barcode,
    ContentClassification,
    ContentClassificationDetails,
    Country,
    CustomsDocumentation,
    Dimensions,
    Direction,
    MetaData,
    Money,
    RequestedDeliveryDate,
    Source,
    Weight,
)

__all__ = ["Identified", "Order", "OrderItem", "OrderPackage", "find_address", "identifiers"]

DATES: Final = ("date_created", "shipping_date", "earliest_delivery_date", "latest_delivery_date")
"""The datetimes an order and a consignment both carry; each must be aware."""

ITEM_REFERENCE = re.compile(r"[0-9a-f]{32}")
PACKAGE_REFERENCE = re.compile(r"EP-[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}")
ORDER_REFERENCE = re.compile(r"EO-[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}")
CONSIGNMENT_REFERENCE = re.compile(r"EC-[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}")


@checked
def find_address(addresses: tuple[Address, ...], address_type: AddressType) -> Address | None:
    """Return the address of *address_type* among *addresses*, or ``None``.

    >>> origin = Address(address_type=AddressType.ORIGIN, shipping_location_reference="WH-A")
    >>> find_address((origin,), AddressType.ORIGIN) is origin
    True
    >>> find_address((origin,), AddressType.DESTINATION) is None
    True
    """
    return _address(addresses, address_type)


def _address(addresses: tuple[Address, ...], address_type: AddressType) -> Address | None:
    """:func:`find_address`, for this module's own calls, whose arguments are checked."""
    return next((a for a in addresses if a.address_type is address_type), None)


def address_problems(addresses: tuple[Address, ...], *, need_location: bool) -> list[Problem]:
    """Check A1 (origin and destination), A2 (a shipping location) and A3 (one per type)."""
    checks = Checks()
    seen: set[AddressType] = set()
    for index, address in enumerate(addresses):
        if address.address_type in seen:
            checks.add(
                "duplicate_address_type",
                f"addresses[{index}].address_type",
                f"expected at most one {address.address_type.value} address (A3), found another",
            )
        seen.add(address.address_type)
    ends = [_address(addresses, t) for t in (AddressType.ORIGIN, AddressType.DESTINATION)]
    for wanted, found in zip((AddressType.ORIGIN, AddressType.DESTINATION), ends, strict=True):
        if found is None:
            checks.add(
                "missing_address",
                "addresses",
                f"expected one {wanted.value} address (A1), found none",
            )
    if need_location and all(ends) and not any(a.shipping_location_reference for a in ends if a):
        checks.add(
            "no_shipping_location",
            "addresses",
            "expected the Origin or the Destination to name a shipping location reference (A2)",
        )
    return checks.problems


def check_measured(
    checks: Checks,
    weight: Weight | None,
    dimensions: Dimensions | None,
    package_size_reference: str | None,
) -> None:
    """Check O5/P6: a package gives weight and dimensions, or a package size reference."""
    if package_size_reference:
        return
    for name, needed, value in (
        ("weight", "a weight", weight),
        ("dimensions", "dimensions", dimensions),
    ):
        if value is None:
            checks.add(
                "package_unmeasured",
                name,
                f"expected {needed} when no package size reference is given (O5, P6)",
            )


_IDENTIFIERS = ("reference", "item_reference_provided_by_customer", "sku")


class Identified(Protocol):
    """Anything that names an order item: a pack item, an allocation, a consignment item."""

    @property
    def reference(self) -> str | None:
        """The order item's PRO reference."""

    @property
    def item_reference_provided_by_customer(self) -> str | None:
        """The customer's own reference for the item."""

    @property
    def sku(self) -> str | None:
        """The stock keeping unit."""


@checked
def identifiers(identified: Identified) -> tuple[tuple[str, str], ...]:
    """The identifiers *identified* gives, as ``(field, value)`` pairs; empty ones do not count.

    >>> from orderpack import PackItem
    >>> identifiers(PackItem(sku="HAT-01", reference=None, quantity=1))
    (('sku', 'HAT-01'),)
    """
    return tuple((name, value) for name in _IDENTIFIERS if (value := getattr(identified, name)))


UNIDENTIFIED: Final = Problem(
    code="item_unidentified",
    path="",
    message="expected at least one of reference, item_reference_provided_by_customer or sku (P3)",
)
"""What naming an item by no identifier at all is (P3), wherever it is found."""


class LineIndex:
    """Order lines by each identifier, built once per order so matching stays cheap.

    It also holds, by line index, where each line sits (``paths``) and the index of the
    package holding it (``packages``): what :meth:`Order.item_path` and
    :meth:`Order.package_of` answer one line at a time, for code in this package that asks
    of every line.
    """

    def __init__(self, order: Order) -> None:
        """Index *order*'s lines by reference, customer reference and SKU."""
        # Not the order itself: the order keeps its index, and a cycle would keep both alive
        # until the cycle collector ran.
        self.paths: Final = tuple(
            f"packages[{p}].items[{i}]"
            for p, package in enumerate(order.packages)
            for i in range(len(package.items))
        )
        self.packages: Final = tuple(
            p for p, package in enumerate(order.packages) for _ in package.items
        )
        self._lines: dict[str, dict[str, frozenset[int]]] = {}
        for name in _IDENTIFIERS:
            found: dict[str, set[int]] = {}
            for line, item in enumerate(order.items):
                value = getattr(item, name)
                if value is not None:
                    found.setdefault(value, set()).add(line)
            self._lines[name] = {value: frozenset(lines) for value, lines in found.items()}
        self._unique = tuple(
            {value: line for value, (line, *others) in self._lines[name].items() if not others}
            for name in _IDENTIFIERS
        )  # per identifier, the values that name one line alone, and that line

    def named(self, reference: str | None, customer: str | None, sku: str | None) -> int | None:
        """The line every identifier given names alone; ``None`` if there is none such."""
        by_reference, by_customer, by_sku = self._unique
        line = by_reference.get(reference, -1) if reference else None
        if customer:
            found = by_customer.get(customer, -1)
            line = found if line is None or line == found else -1
        if sku:
            found = by_sku.get(sku, -1)
            line = found if line is None or line == found else -1
        return None if line is None or line < 0 else line

    def match(self, identified: Identified) -> int | Problem:
        """Return the one order line *identified* names, or the problem with it."""
        line = self.named(
            identified.reference, identified.item_reference_provided_by_customer, identified.sku
        )
        if line is not None:
            return line
        given = identifiers(identified)
        if not given:
            return UNIDENTIFIED
        candidates: frozenset[int] | None = None
        for name, value in given:
            lines = self._lines[name].get(value, frozenset())
            if not lines:
                return Problem(
                    code="item_not_on_order",
                    path=name,
                    message=f"no order item has {name} {shown(value)} (P4)",
                )
            candidates = lines if candidates is None else candidates & lines
        if candidates is not None and len(candidates) == 1:
            (line,) = candidates
            return line
        described = ", ".join(f"{name} {shown(value)}" for name, value in given)
        if not candidates:
            return Problem(
                code="item_identifiers_disagree",
                path="",
                message=f"{described} name different order items; expected them to agree (Q4)",
            )
        paths = ", ".join(self.paths[line] for line in sorted(candidates))
        return Problem(
            code="item_ambiguous",
            path="",
            message=f"{described} matches order items {paths}; "
            "expected one, give another identifier to settle it (Q4)",
        )


@model
class _ItemFields:
    """The PRO fields an order item and a consignment item share."""

    weight: Weight
    dimensions: Dimensions
    value: Money
    quantity: int = 1
    reference: str | None = None
    sku: str | None = None
    item_reference_provided_by_customer: str | None = None
    model: str | None = None
    description: str | None = None
    unit: str | None = None
    country_of_origin: Country | None = None
    harmonisation_code: str | None = None
    harmonisation_key_words: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    barcode: Barcode | None = None
    metadata: tuple[MetaData, ...] = attrs.field(default=(), converter=to_tuple)
    content_classification: ContentClassification | None = None
    content_classification_details: ContentClassificationDetails | None = None

    _LEAST: ClassVar[int] = 1
    """The least quantity: an order line counts at least one unit."""

    def __attrs_post_init__(self) -> None:
        """Check the quantity and the reference's format."""
        if (
            type(self.quantity) is int
            and self._LEAST <= self.quantity <= LARGEST_QUANTITY
            and (self.reference is None or ITEM_REFERENCE.fullmatch(self.reference))
        ):
            return
        checks = Checks()
        checks.quantity(self.quantity, "quantity", least=self._LEAST)
        checks.pattern(
            self.reference,
            "reference",
            ITEM_REFERENCE,
            "32 lower-case hexadecimal characters",
            "bad_reference",
        )
        checks.raise_if_any()

    @property
    def line_weight(self) -> Weight:
        """The weight of the whole line: unit weight times quantity."""
        return self.weight * self.quantity

    @property
    def line_value(self) -> Money:
        """The value of the whole line: unit value times quantity (an orderpack rule, Q5)."""
        return self.value * self.quantity


@model
class OrderItem(_ItemFields):
    """One order line: what it is, how many, and its unit weight, dimensions and value (O6).

    ``weight``, ``dimensions`` and ``value`` are per unit; ``quantity`` counts units. An item is
    found by its ``reference``, ``item_reference_provided_by_customer`` or ``sku`` (P3).

    >>> from decimal import Decimal
    >>> from orderpack import Dimensions, Money, Weight
    >>> hat = OrderItem(
    ...     sku="HAT-01", quantity=2,
    ...     weight=Weight(value=Decimal("0.2")),
    ...     dimensions=Dimensions(width=Decimal(20), length=Decimal(30), height=Decimal(10)),
    ...     value=Money(amount=Decimal("12.50"), currency="GBP"),
    ... )
    >>> hat.line_value
    Money(amount=Decimal('25.00'), currency='GBP')
    """


ItemT = TypeVar("ItemT", bound=_ItemFields)


@model
class _PackageFields(Generic[ItemT]):
    """The PRO fields an order package and a consignment package share.

    ``items`` may be left out: a consignment package may hold none, and an order package
    refuses having none itself (O1).
    """

    items: tuple[ItemT, ...] = attrs.field(default=(), converter=to_tuple)
    weight: Weight | None = None
    dimensions: Dimensions | None = None
    package_size_reference: str | None = None
    reference: str | None = None
    package_reference_provided_by_customer: str | None = None
    description: str | None = None
    value: Money | None = None
    barcode: Barcode | None = None
    metadata: tuple[MetaData, ...] = attrs.field(default=(), converter=to_tuple)

    def _checks(self) -> Checks:
        checks = Checks()
        check_measured(checks, self.weight, self.dimensions, self.package_size_reference)
        checks.pattern(
            self.reference,
            "reference",
            PACKAGE_REFERENCE,
            "a reference like EP-000-002-QPF",
            "bad_reference",
        )
        return checks


@model
class OrderPackage(_PackageFields[OrderItem]):
    """A package of an order, holding at least one item (O1).

    It needs a weight and dimensions unless it names a package size (O5).
    """

    def __attrs_post_init__(self) -> None:
        """Check O1 and O5 and the reference's format."""
        checks = self._checks()
        if not self.items:
            checks.add("package_without_items", "items", "expected at least one item (O1)")
        checks.raise_if_any()


class _Addressed:
    """The origin and destination of something holding addresses (an order, a consignment)."""

    __slots__ = ()
    addresses: tuple[Address, ...]

    @property
    def origin(self) -> Address:
        """The Origin address (A1 guarantees one)."""
        return self._end(AddressType.ORIGIN)

    @property
    def destination(self) -> Address:
        """The Destination address (A1 guarantees one)."""
        return self._end(AddressType.DESTINATION)

    def _end(self, address_type: AddressType) -> Address:
        address = _address(self.addresses, address_type)
        # The constructors guarantee the address (A1); this only narrows the type.
        assert address is not None  # noqa: S101
        return address


@model
class Order(_Addressed):
    """Items to go to one destination for one customer, from any origins, on any days (O3).

    The order holds its packages as PRO does; :attr:`items` lists every order line flat, and a
    line is known by its index there. ``reference`` is assigned by PRO (``EO-...``) and is
    ``None`` on an order not yet created.

    >>> from orderpack.demo import seed_order
    >>> order = seed_order()
    >>> [item.description for item in order.items]
    ['Necklace', 'Bracelet', 'Coat', 'Hat']
    >>> order.item_path(3)
    'packages[1].items[1]'
    """

    packages: tuple[OrderPackage, ...] = attrs.field(converter=to_tuple)
    addresses: tuple[Address, ...] = attrs.field(converter=to_tuple)
    reference: str | None = None
    order_reference_provided_by_customer: str | None = None
    delivery_option_reference: str | None = None
    date_created: datetime | None = None
    required_delivery_date: RequestedDeliveryDate | None = None
    shipping_date: datetime | None = None
    earliest_delivery_date: datetime | None = None
    latest_delivery_date: datetime | None = None
    source: Source = Source.API
    direction: Direction = Direction.OUTBOUND
    customs_documentation: CustomsDocumentation | None = None
    metadata: tuple[MetaData, ...] = attrs.field(default=(), converter=to_tuple)
    tags: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)

    def __attrs_post_init__(self) -> None:
        """Check O1, A1-A3, the reference's format and that datetimes are aware."""
        checks = Checks()
        if not self.packages:
            checks.add("order_without_packages", "packages", "expected at least one package (O1)")
        checks.extend(address_problems(self.addresses, need_location=True))
        checks.pattern(
            self.reference,
            "reference",
            ORDER_REFERENCE,
            "a reference like EO-000-002-0TS",
            "bad_reference",
        )
        for name in DATES:
            checks.aware(getattr(self, name), name)
        checks.raise_if_any()

    @cached_property
    def items(self) -> tuple[OrderItem, ...]:
        """Every order line, package by package."""
        return tuple(item for package in self.packages for item in package.items)

    @cached_property
    def _line_index(self) -> LineIndex:
        return LineIndex(self)

    @checked
    def match(self, identified: Identified) -> int | Problem:
        """Return the one line *identified* names, or the problem with it (P4, Q4).

        Every identifier given must name the same single order line: one that matches no
        line is ``item_not_on_order``; identifiers naming different lines are
        ``item_identifiers_disagree``; several lines left are ``item_ambiguous``.

        >>> from orderpack import PackItem
        >>> from orderpack.demo import seed_order
        >>> seed_order().match(PackItem(sku="HAT-01", quantity=1))
        3
        >>> print(seed_order().match(PackItem(sku="SCARF-01", quantity=1)))
        item_not_on_order at sku: no order item has sku 'SCARF-01' (P4)
        """
        return self._line_index.match(identified)

    @checked
    def line_named(
        self,
        reference: str | None = None,
        item_reference_provided_by_customer: str | None = None,
        sku: str | None = None,
    ) -> int | None:
        """Return the line that each identifier given names alone, or ``None``.

        ``None`` when an identifier names no line or several, or two name different lines:
        then :meth:`match` says which. A quick lookup, for matching many items.

        Args:
            reference: The order item's PRO reference, if given.
            item_reference_provided_by_customer: The customer's reference for it, if given.
            sku: Its stock keeping unit, if given.

        >>> from orderpack.demo import seed_order
        >>> seed_order().line_named(sku="HAT-01")
        3
        >>> seed_order().line_named(sku="SCARF-01") is None
        True
        """
        return self._line_index.named(reference, item_reference_provided_by_customer, sku)

    @checked
    def package_of(self, line: int) -> int:
        """Return the index of the package that holds order line *line*.

        Raises:
            ModelError: ``out_of_range`` if the order has no line *line* (from 0).
        """
        return self._line_index.packages[self._line(line)]

    @checked
    def item_path(self, line: int) -> str:
        """Return where order line *line* sits in the order, e.g. ``packages[1].items[0]``.

        Raises:
            ModelError: ``out_of_range`` if the order has no line *line* (from 0).
        """
        return self._line_index.paths[self._line(line)]

    def _line(self, line: int) -> int:
        """*line*, if the order has it: counted from 0, not from the end."""
        if 0 <= line < len(self._line_index.paths):
            return line
        raise ModelError(
            [
                Problem(
                    code="out_of_range",
                    path="line",
                    message=f"expected a line from 0 to {len(self._line_index.paths) - 1}, "
                    f"got {line}",
                )
            ]
        )

    @property
    def total_weight(self) -> Weight:
        """The sum of every line's weight (an orderpack rule for Q5)."""
        return Weight.total(item.line_weight for item in self.items)

    def total_value(self) -> Money:
        """The sum of every line's value (Q5).

        Raises:
            CurrencyMismatchError: If the lines are priced in more than one currency.
        """
        return Money.total(item.line_value for item in self.items)

    @property
    def ordered_quantities(self) -> tuple[int, ...]:
        """Each line's ordered quantity, by line index."""
        return tuple(item.quantity for item in self.items)


def line_index(order: Order) -> LineIndex:
    """*order*'s index of its lines, made once, for code in this package that asks of many."""
    return order._line_index  # noqa: SLF001 - the order's own module
