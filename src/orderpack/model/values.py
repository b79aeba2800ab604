"""Small immutable values of the PRO v1 contract, and its enumerations.

Every measure and amount is a :class:`~decimal.Decimal`; a float is refused, because it cannot
hold ``0.1`` exactly. Datetimes must be timezone-aware and keep their own offset.

>>> from decimal import Decimal
>>> Weight(value=Decimal("0.5")) + Weight(value=Decimal("1.25"))
Weight(value=Decimal('1.75'), unit=<WeightUnit.KG: 'Kg'>)
>>> Money(amount=Decimal("5.99"), currency="GBP") * 3
Money(amount=Decimal('17.97'), currency='GBP')
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, time, timedelta
from decimal import (
    MAX_EMAX,
    MAX_PREC,
    MIN_EMIN,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
)
from enum import StrEnum
from typing import TYPE_CHECKING, Final, Self

import attrs

from orderpack.errors import CurrencyMismatchError
from orderpack.model.checks import Checks, is_amount, shown, to_tuple
from orderpack.model.classes import model
from orderpack.model.trusted import trusted

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = [
    "Address",
    "AddressType",
    "Barcode",
    "BarcodeType",
    "CategoryType",
    "Contact",
    "ContentClassification",
    "ContentClassificationDetails",
    "Country",
    "CustomsDocumentation",
    "DeliveryWindow",
    "DimensionUnit",
    "Dimensions",
    "Direction",
    "LatLong",
    "MetaData",
    "Money",
    "RequestedDeliveryDate",
    "ShippingTerms",
    "Source",
    "Weight",
    "WeightUnit",
    "calendar_day",
]


def calendar_day(moment: datetime) -> date:
    """Return the calendar date of *moment* in its own offset: PRO's "the same day".

    >>> from datetime import timedelta, timezone
    >>> calendar_day(datetime(2026, 3, 2, 23, 30, tzinfo=timezone(timedelta(hours=-5))))
    datetime.date(2026, 3, 2)
    """
    return moment.date()


# --- enumerations: the values are PRO's wire names -------------------------------------------


class WeightUnit(StrEnum):
    """Unit of a :class:`Weight`. PRO shows only ``Kg`` (Q9); the others are orderpack's."""

    KG = "Kg"
    G = "G"
    LB = "Lb"


class DimensionUnit(StrEnum):
    """Unit of :class:`Dimensions`. PRO shows only ``Cm``; its glossary names mm, m and inches."""

    MM = "Mm"
    CM = "Cm"
    M = "M"
    IN = "Inches"


class AddressType(StrEnum):
    """The role an address plays on an order or consignment (at most one of each, A3)."""

    ORIGIN = "Origin"
    DESTINATION = "Destination"
    RETURN = "Return"
    SENDER = "Sender"
    RECIPIENT = "Recipient"
    IMPORTER = "Importer"


class Direction(StrEnum):
    """Outbound goes to the end customer; Inbound is a return."""

    OUTBOUND = "Outbound"
    INBOUND = "Inbound"


class Source(StrEnum):
    """Where an order came from; ``Api`` when not given, never updated (O4)."""

    API = "Api"
    WEB = "Web"


class ContentClassification(StrEnum):
    """What kind of goods an item is."""

    NOT_SPECIFIED = "NotSpecified"
    UNRESTRICTED = "Unrestricted"
    DANGEROUS = "Dangerous"
    RESTRICTED = "Restricted"
    LIQUID = "Liquid"


class ContentClassificationDetails(StrEnum):
    """The detail of a restricted or dangerous classification."""

    NOT_SPECIFIED = "NotSpecified"
    EXPLOSIVE = "Explosive"
    FLAMMABLE = "Flammable"
    TOXIC = "Toxic"
    AEROSOLS = "Aerosols"
    ALCOHOL = "Alcohol"
    BATTERIES = "Batteries"
    ELECTRONICS = "Electronics"
    GUNS = "Guns"
    LIGHTERS = "Lighters"
    NAIL_VARNISH = "NailVarnish"
    PERFUME_OR_AFTERSHAVE = "PerfumeOrAftershave"
    MEDICINE = "Medicine"
    LIVE_ANIMALS = "LiveAnimals"


class CategoryType(StrEnum):
    """Customs category of a shipment."""

    NONE = "None"
    GIFT = "Gift"
    COMMERCIAL_SAMPLE = "CommercialSample"
    DOCUMENTS = "Documents"
    OTHER = "Other"
    RETURNED_GOODS = "ReturnedGoods"


class ShippingTerms(StrEnum):
    """Incoterms a customs declaration may name."""

    NONE = "None"
    EXW = "EXW"
    FCA = "FCA"
    CPT = "CPT"
    CIP = "CIP"
    DAT = "DAT"
    DAP = "DAP"
    DDP = "DDP"
    FAS = "FAS"
    FOB = "FOB"
    CFR = "CFR"
    CIF = "CIF"
    DDU = "DDU"


class BarcodeType(StrEnum):
    """Symbology of a :class:`Barcode`."""

    AUSTRALIA_POSTAL_CODE = "AustraliaPostalCode"
    AZTEC_CODE = "AztecCode"
    CODABAR = "Codabar"
    CODE11 = "Code11"
    CODE128 = "Code128"
    CODE39 = "Code39"
    EXTENDED_CODE39 = "ExtendedCode39"
    CODE93 = "Code93"
    COMPOSITE_CODE = "CompositeCode"
    DATA_MATRIX = "DataMatrix"
    EAN13 = "EAN13"
    EAN8 = "EAN8"
    EAN_BOOKLAND = "EANBookland"
    INDUSTRIAL_2_OF_5 = "Industrial2Of5"
    INTERLEAVED_2_OF_5 = "Interleaved2Of5"
    ITF14 = "ITF14"
    LOGMARS = "LOGMARS"
    MAXICODE = "Maxicode"
    MSI = "MSI"
    OPC = "OPC"
    PDF417 = "PDF417"
    PLESSEY = "Plessey"
    POSTNET = "Postnet"
    QR_CODE = "QRCode"
    SCC14 = "SCC14"
    STANDARD_2_OF_5 = "Standard2Of5"
    UCC_EAN_128 = "UCCEAN218"
    UCC_EAN_SHIPPING_CONTAINER_CODE = "UCCEANShippingContainerCode"
    UPC_SHIPPING_CONTAINER_CODE = "UPCShippingContainerCode"
    UPCA = "UPCA"
    UPCE = "UPCE"
    UNKNOWN = "Unknown"


# --- measures ----------------------------------------------------------------------------------

EXACT: Final = Context(
    prec=MAX_PREC,
    Emax=MAX_EMAX,
    Emin=MIN_EMIN,
    traps=[Inexact, Overflow, InvalidOperation, DivisionByZero],
)
"""The context of every sum and product of measures and amounts: exact, or an error.

The default context keeps 28 digits and would round ``10 + 1E-27`` to ``10``. With the
largest precision and exponents Decimal has, adding and multiplying are exact (they never
divide), and any rounding that could still happen raises instead of passing unseen.
"""


def exact_sum(values: Iterable[Decimal], start: Decimal = Decimal(0)) -> Decimal:
    """Return *start* plus every one of *values*, exactly.

    >>> exact_sum([Decimal(10), Decimal("1E-27")])
    Decimal('10.000000000000000000000000001')
    """
    return functools.reduce(EXACT.add, values, start)


def _sum_of_products(values: list[Decimal], quantities: Sequence[int], *, whole: bool) -> Decimal:
    """The exact sum of each of *values* times its quantity, in C's loops.

    With *whole* (every quantity a model's checked int), where each quantity is 1 the sum of
    the values themselves: a finite Decimal times one is that Decimal, coefficient, exponent
    and sign (``-0 * 1`` is ``-0``, ``0E+5 * 1`` is ``0E+5``), and a plain one, as a product
    is. A caller's own quantities are multiplied as given.
    """
    if whole and quantities.count(1) == len(quantities):
        total = functools.reduce(EXACT.add, values)
        return Decimal(total) if len(values) == 1 else total
    return functools.reduce(EXACT.add, map(EXACT.multiply, values, quantities))


# The one place where units meet: exact factors to the base unit (international definitions).
_KILOGRAMS_PER = {
    WeightUnit.KG: Decimal(1),
    WeightUnit.G: Decimal("0.001"),
    WeightUnit.LB: Decimal("0.45359237"),
}
_CENTIMETRES_PER = {
    DimensionUnit.MM: Decimal("0.1"),
    DimensionUnit.CM: Decimal(1),
    DimensionUnit.M: Decimal(100),
    DimensionUnit.IN: Decimal("2.54"),
}


@model
class Weight:
    """A non-negative weight.

    Weights compare and add across units through :attr:`kilograms`, an exact conversion;
    a sum keeps the unit when both sides share it and is in kilograms otherwise.

    >>> Weight(value=Decimal("1"), unit=WeightUnit.LB).kilograms
    Decimal('0.45359237')
    >>> Weight(value=Decimal("500"), unit=WeightUnit.G) + Weight(value=Decimal("1"))
    Weight(value=Decimal('1.500'), unit=<WeightUnit.KG: 'Kg'>)
    """

    value: Decimal
    unit: WeightUnit = WeightUnit.KG

    def __attrs_post_init__(self) -> None:
        """Refuse floats, non-finite and negative values."""
        if not is_amount(self.value):
            checks = Checks()
            checks.decimal(self.value, "value")
            checks.raise_if_any()

    @property
    def kilograms(self) -> Decimal:
        """This weight in kilograms, exactly."""
        return EXACT.multiply(self.value, _KILOGRAMS_PER[self.unit])

    def __add__(self, other: Weight) -> Weight:
        """Add two weights exactly; see the class docstring for the unit of the result."""
        if self.unit is other.unit:
            return trusted(Weight, value=EXACT.add(self.value, other.value), unit=self.unit)
        return trusted(Weight, value=EXACT.add(self.kilograms, other.kilograms), unit=WeightUnit.KG)

    def __mul__(self, times: int) -> Weight:
        """Scale by a whole number exactly, as a quantity of identical units does."""
        return trusted(Weight, value=EXACT.multiply(self.value, times), unit=self.unit)

    @classmethod
    def zero(cls) -> Self:
        """The empty weight, a start value for sums.

        >>> sum([Weight(value=Decimal("0.2"))] * 3, Weight.zero())
        Weight(value=Decimal('0.6'), unit=<WeightUnit.KG: 'Kg'>)
        """
        return cls(value=Decimal(0))

    @classmethod
    def total(cls, weights: Iterable[Weight]) -> Self:
        """The exact sum of *weights*, as adding them one by one gives it, built once.

        The unit is theirs when they share one, else kilograms; no weights weigh 0 Kg.

        >>> Weight.total([Weight(value=Decimal("500"), unit=WeightUnit.G)] * 3)
        Weight(value=Decimal('1500'), unit=<WeightUnit.G: 'G'>)
        >>> Weight.total([Weight(value=Decimal("500"), unit=WeightUnit.G), Weight.zero()])
        Weight(value=Decimal('0.500'), unit=<WeightUnit.KG: 'Kg'>)
        >>> Weight.total([])
        Weight(value=Decimal('0'), unit=<WeightUnit.KG: 'Kg'>)
        """
        return cls.total_of_lines((weight, 1) for weight in weights)

    @classmethod
    def total_of_lines(cls, lines: Iterable[tuple[Weight, int]]) -> Self:
        """The exact sum of each unit weight times its quantity, without a weight per line.

        Equal, value and unit, to ``Weight.total(weight * quantity for weight, quantity in
        lines)``, with the same operations in the same order.

        >>> Weight.total_of_lines([(Weight(value=Decimal("0.25")), 3), (Weight.zero(), 2)])
        Weight(value=Decimal('0.75'), unit=<WeightUnit.KG: 'Kg'>)
        """
        every = tuple(lines)
        if not every:
            return trusted(cls, value=Decimal(0), unit=WeightUnit.KG)
        weights, quantities = zip(*every, strict=True)
        value, unit = weight_of_lines(weights, quantities)
        return trusted(cls, value=value, unit=unit)


def weight_of_lines(
    weights: Sequence[Weight], quantities: Sequence[int], *, whole: bool = False
) -> tuple[Decimal, WeightUnit]:
    """The value and unit of :meth:`Weight.total_of_lines` of one or more weights, by column.

    For a caller that holds the unit weights and the quantities apart, so that no pairs are
    made only to be taken apart again; *whole* says every quantity is a checked int.
    """
    unit = weights[0].unit
    values = [weight.value for weight in weights if weight.unit is unit]
    if len(values) == len(weights):  # one unit
        return _sum_of_products(values, quantities, whole=whole), unit
    products = map(EXACT.multiply, [weight.value for weight in weights], quantities)
    factors = [_KILOGRAMS_PER[weight.unit] for weight in weights]
    return exact_sum(map(EXACT.multiply, products, factors)), WeightUnit.KG


@model
class Dimensions:
    """The three sides of a parcel or an item, all non-negative, in one unit."""

    width: Decimal
    length: Decimal
    height: Decimal
    unit: DimensionUnit = DimensionUnit.CM

    def __attrs_post_init__(self) -> None:
        """Refuse floats, non-finite and negative sides."""
        if not (is_amount(self.width) and is_amount(self.length) and is_amount(self.height)):
            checks = Checks()
            for side in ("width", "length", "height"):
                checks.decimal(getattr(self, side), side)
            checks.raise_if_any()

    def in_centimetres(self) -> tuple[Decimal, Decimal, Decimal]:
        """Return (width, length, height) in centimetres, exactly.

        >>> Dimensions(width=Decimal(1), length=Decimal(2), height=Decimal(3),
        ...            unit=DimensionUnit.IN).in_centimetres()
        (Decimal('2.54'), Decimal('5.08'), Decimal('7.62'))
        """
        factor = _CENTIMETRES_PER[self.unit]
        return (
            EXACT.multiply(self.width, factor),
            EXACT.multiply(self.length, factor),
            EXACT.multiply(self.height, factor),
        )


_CURRENCY = re.compile(r"[A-Z]{3}")
_COUNTRY = re.compile(r"[A-Z]{2}")
_COUNTRY_3 = re.compile(r"[A-Z]{3}")
_COUNTRY_NUMBER = re.compile(r"[0-9]{3}")


def _is_code(value: object, pattern: re.Pattern[str]) -> bool:
    return isinstance(value, str) and pattern.fullmatch(value) is not None


@model
class Money:
    """A non-negative amount in one ISO 4217 currency.

    Amounts of different currencies never add:

    >>> Money(amount=Decimal(1), currency="GBP") + Money(amount=Decimal(1), currency="EUR")
    Traceback (most recent call last):
    ...
    orderpack.errors.CurrencyMismatchError: cannot add 'EUR' to 'GBP'
    """

    amount: Decimal
    currency: str

    def __attrs_post_init__(self) -> None:
        """Refuse floats, negative amounts and malformed currency codes."""
        if not (is_amount(self.amount) and _is_code(self.currency, _CURRENCY)):
            checks = Checks()
            checks.decimal(self.amount, "amount")
            checks.pattern(
                self.currency, "currency", _CURRENCY, "a three-letter ISO 4217 code", "bad_currency"
            )
            checks.raise_if_any()

    def __add__(self, other: Money) -> Money:
        """Add two amounts of the same currency."""
        if other.currency != self.currency:
            raise CurrencyMismatchError(f"cannot add {other.currency!r} to {self.currency!r}")
        return trusted(Money, amount=EXACT.add(self.amount, other.amount), currency=self.currency)

    def __mul__(self, times: int) -> Money:
        """Scale by a whole number exactly, as a quantity of identical units does."""
        return trusted(Money, amount=EXACT.multiply(self.amount, times), currency=self.currency)

    @classmethod
    def total(cls, amounts: Iterable[Money]) -> Self:
        """The exact sum of one or more *amounts* of one currency, built once.

        >>> Money.total([Money(amount=Decimal("2.50"), currency="GBP")] * 2)
        Money(amount=Decimal('5.00'), currency='GBP')

        Raises:
            CurrencyMismatchError: If the amounts are in more than one currency.
            ValueError: If there are none: an empty sum has no currency.
        """
        return cls.total_of_lines((amount, 1) for amount in amounts)

    @classmethod
    def total_of_lines(cls, lines: Iterable[tuple[Money, int]]) -> Self:
        """The exact sum of each unit value times its quantity, without an amount per line.

        Equal to ``Money.total(value * quantity for value, quantity in lines)``, with the same
        operations in the same order, and refusing what it refuses.

        >>> Money.total_of_lines([(Money(amount=Decimal("2.50"), currency="GBP"), 2)])
        Money(amount=Decimal('5.00'), currency='GBP')

        Raises:
            CurrencyMismatchError: If the values are in more than one currency.
            ValueError: If there are none: an empty sum has no currency.
        """
        every = tuple(lines)
        if not every:
            raise ValueError("Money.total needs an amount: an empty sum has no currency")
        values, quantities = zip(*every, strict=True)
        amount, currency = money_of_lines(values, quantities)
        return trusted(cls, amount=amount, currency=currency)


def money_of_lines(
    values: Sequence[Money], quantities: Sequence[int], *, whole: bool = False
) -> tuple[Decimal, str]:
    """The amount and currency of :meth:`Money.total_of_lines` of one or more values, by column.

    *whole* says every quantity is a checked int, as :func:`weight_of_lines`.

    Raises:
        CurrencyMismatchError: If the values are in more than one currency.
    """
    currency = values[0].currency
    amounts = [value.amount for value in values if value.currency == currency]
    if len(amounts) < len(values):
        other = next(value.currency for value in values if value.currency != currency)
        raise CurrencyMismatchError(f"cannot add {other!r} to {currency!r}")
    return _sum_of_products(amounts, quantities, whole=whole), currency


# --- addresses and people ----------------------------------------------------------------------


@model
class Country:
    """A country by its ISO 3166-1 alpha-2 code; PRO fills in its own name.

    PRO may also give the country's alpha-3 and numeric codes; they are kept as given.
    """

    iso_code: str
    name: str | None = None
    three_letter_code: str | None = None
    numeric_code: str | None = None

    def __attrs_post_init__(self) -> None:
        """Refuse codes that are not ISO 3166-1's: two or three capitals, or three digits."""
        checks = Checks()
        for name, pattern, expected in (
            ("iso_code", _COUNTRY, "a two-letter ISO 3166-1 code"),
            ("three_letter_code", _COUNTRY_3, "a three-letter ISO 3166-1 code"),
            ("numeric_code", _COUNTRY_NUMBER, "a three-digit ISO 3166-1 numeric code"),
        ):
            checks.pattern(getattr(self, name), name, pattern, expected, "bad_country")
        checks.raise_if_any()


@model
class Contact:
    """A person to reach at an address. Every field is optional (A4)."""

    reference: str | None = None
    title: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    position: str | None = None
    telephone: str | None = None
    mobile: str | None = None
    landline: str | None = None
    email: str | None = None


@model
class LatLong:
    """A point on the globe, in decimal degrees."""

    latitude: Decimal
    longitude: Decimal

    def __attrs_post_init__(self) -> None:
        """Refuse floats and points off the globe."""
        checks = Checks()
        for name, bound in (("latitude", Decimal(90)), ("longitude", Decimal(180))):
            value = getattr(self, name)
            checks.decimal(value, name, minimum=-bound)
            if isinstance(value, Decimal) and value.is_finite() and value > bound:
                checks.add("out_of_range", name, f"expected a value <= {bound}, got {shown(value)}")
        checks.raise_if_any()


@model
class Address:
    """An address in one role (:class:`AddressType`) on an order or consignment.

    An origin or destination may be given by a shipping location reference alone (A2, A4).
    """

    address_type: AddressType
    shipping_location_reference: str | None = None
    shop_location_reference: str | None = None
    contact: Contact | None = None
    company_name: str | None = None
    customer_name: str | None = None
    address_line1: str | None = None
    address_line2: str | None = None
    address_line3: str | None = None
    town: str | None = None
    region: str | None = None
    region_code: str | None = None
    postcode: str | None = None
    country: Country | None = None
    special_instructions: str | None = None
    lat_long: LatLong | None = None
    is_cached: bool = False


# --- metadata, barcodes, dates, customs ---------------------------------------------------------


@model
class MetaData:
    """A free-form key with at most one value of each type (M1, by construction)."""

    key: str
    string_value: str | None = None
    int_value: int | None = None
    decimal_value: Decimal | None = None
    datetime_value: datetime | None = None
    bool_value: bool | None = None

    def __attrs_post_init__(self) -> None:
        """Refuse an empty key, a float decimal value and a naive datetime."""
        checks = Checks()
        if not self.key:
            checks.add("empty_key", "key", "expected a non-empty metadata key")
        if self.decimal_value is not None:
            checks.decimal(self.decimal_value, "decimal_value", minimum=None)
        if self.int_value is not None and not -(2**63) <= self.int_value < 2**63:
            checks.add(
                "out_of_range",
                "int_value",
                f"expected a whole number PRO holds (.NET's long), got {shown(self.int_value)}",
            )
        checks.aware(self.datetime_value, "datetime_value")
        checks.raise_if_any()


@model
class Barcode:
    """A barcode and its symbology."""

    code: str
    barcode_type: BarcodeType = BarcodeType.UNKNOWN


@model
class DeliveryWindow:
    """A window on the delivery day, as PRO sends it: two times of day and, maybe, an offset.

    ``start`` and ``end`` are times of day (PRO's ``"09:00:00"``); ``utc_offset`` is the offset
    from UTC they are in, when PRO gives one, and ``None`` when it sends ``null``. The window
    may not end before it starts, and an offset lies within a day either way.
    """

    start: time
    end: time
    utc_offset: timedelta | None = None

    def __attrs_post_init__(self) -> None:
        """Refuse anything but times of day, an end before the start, an offset past a day."""
        checks = Checks()
        for name in ("start", "end"):
            if getattr(self, name).tzinfo is not None:
                checks.add(
                    "bad_time",
                    name,
                    "expected a time of day with no offset of its own (utc_offset gives it), "
                    f"got {getattr(self, name)}",
                )
        if not checks.problems and self.end < self.start:
            checks.add(
                "window_reversed",
                "end",
                f"expected an end at or after {self.start}, got {self.end}",
            )
        if self.utc_offset is not None and abs(self.utc_offset) >= timedelta(days=1):
            checks.add(
                "bad_time",
                "utc_offset",
                f"expected an offset within a day either way, got {self.utc_offset}",
            )
        checks.raise_if_any()


@model
class RequestedDeliveryDate:
    """When the goods must arrive: a date, whether exactly on it, and an optional window."""

    date: datetime
    is_to_be_exactly_on_the_date_specified: bool = False
    delivery_window: DeliveryWindow | None = None

    def __attrs_post_init__(self) -> None:
        """Refuse a naive datetime."""
        checks = Checks()
        checks.aware(self.date, "date")
        checks.raise_if_any()


@model
class CustomsDocumentation:
    """Customs data for an international shipment; every field is optional in the contract."""

    designated_person_responsible: str | None = None
    importers_vat_number: str | None = None
    category_type: CategoryType | None = None
    shipper_customs_reference: str | None = None
    importers_tax_code: str | None = None
    importers_telephone: str | None = None
    importers_fax: str | None = None
    importers_email: str | None = None
    cn23_comments: str | None = None
    references_of_attached_invoices: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    references_of_attached_certificates: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple
    )
    references_of_attached_licences: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    category_type_explanation: str | None = None
    declaration_date: datetime | None = None
    office_of_posting: str | None = None
    reason_for_export: str | None = None
    shipping_terms: ShippingTerms | None = None
    shippers_vat_number: str | None = None
    receivers_tax_code: str | None = None
    receivers_vat_number: str | None = None
    invoice_date: datetime | None = None
    receivers_shipping_cost: Decimal | None = None

    def __attrs_post_init__(self) -> None:
        """Refuse naive datetimes and a float shipping cost."""
        checks = Checks()
        checks.aware(self.declaration_date, "declaration_date")
        checks.aware(self.invoice_date, "invoice_date")
        if self.receivers_shipping_cost is not None:
            checks.decimal(self.receivers_shipping_cost, "receivers_shipping_cost")
        checks.raise_if_any()
