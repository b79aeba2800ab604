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

import re
from datetime import date, datetime, time, timedelta
from decimal import (
    Decimal,
)
from enum import StrEnum

import attrs

from orderpack.model.arguments import checked
from orderpack.model.checks import Checks, shown, to_tuple
from orderpack.model.classes import model
from orderpack.model.measures import Dimensions, DimensionUnit, Money, Weight, WeightUnit

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


@checked
def calendar_day(moment: datetime) -> date:
    """Return the calendar date of *moment* in its own offset: PRO's "the same day".

    >>> from datetime import timedelta, timezone
    >>> calendar_day(datetime(2026, 3, 2, 23, 30, tzinfo=timezone(timedelta(hours=-5))))
    datetime.date(2026, 3, 2)
    """
    return moment.date()


# --- enumerations: the values are PRO's wire names -------------------------------------------


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


_COUNTRY = re.compile(r"[A-Z]{2}")
_COUNTRY_3 = re.compile(r"[A-Z]{3}")
_COUNTRY_NUMBER = re.compile(r"[0-9]{3}")


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
