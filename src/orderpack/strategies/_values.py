"""Strategies for the values orders are made of: measures, money, addresses and the rest."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal

from hypothesis import strategies as st

from orderpack.model.values import (
    Address,
    AddressType,
    Barcode,
    BarcodeType,
    CategoryType,
    Contact,
    Country,
    CustomsDocumentation,
    Dimensions,
    LatLong,
    MetaData,
    Money,
    ShippingTerms,
    Weight,
    WeightUnit,
)

_EPOCH = date(2026, 1, 1)


def _amounts(*, places: int, high: int) -> st.SearchStrategy[Decimal]:
    """Decimals from 0 to *high* with *places* decimal places, drawn as scaled integers.

    Scaled integers are cheaper to draw than ``st.decimals(places=...)`` and shrink towards
    round numbers.
    """
    return st.integers(0, high * 10**places).map(lambda n: Decimal(n).scaleb(-places))


_WEIGHT_VALUES = _amounts(places=3, high=50)
_SIDES = _amounts(places=1, high=200)
_AMOUNTS = _amounts(places=2, high=10_000)
_ITEM_REFERENCES = st.integers(0, 16**32 - 1).map(lambda n: f"{n:032x}")


def weights(*, units: st.SearchStrategy[WeightUnit] | None = None) -> st.SearchStrategy[Weight]:
    """Generate weights up to 50 of their unit, to the gram or finer.

    Args:
        units: A strategy for the unit; by default any :class:`~orderpack.WeightUnit`.
    """
    return st.builds(
        Weight,
        value=_WEIGHT_VALUES,
        unit=st.sampled_from(WeightUnit) if units is None else units,
    )


def dimensions() -> st.SearchStrategy[Dimensions]:
    """Generate dimensions in centimetres, each side up to 200 to the millimetre."""
    return _DIMENSIONS


def money(*, currencies: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Money]:
    """Generate amounts to the penny, up to 10,000, in one of *currencies* (GBP by default).

    Args:
        currencies: A strategy for the currency code; by default always ``GBP``.
    """
    return st.builds(
        Money,
        amount=_AMOUNTS,
        currency=st.just("GBP") if currencies is None else currencies,
    )


_TEXT = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-", min_size=1, max_size=12)
_MAYBE_TEXT = st.none() | _TEXT
_DESCRIPTIONS = st.none() | st.sampled_from(["Necklace", "Coat", "Hat", "Bolts"])
_QUANTITIES = st.integers(1, 5)
_GBP = st.just("GBP")
_DIMENSIONS = st.builds(Dimensions, width=_SIDES, length=_SIDES, height=_SIDES)
_POSITIONS = st.builds(  # around Europe, to the hundredth of a degree
    LatLong,
    latitude=st.integers(3500, 6000).map(lambda n: Decimal(n).scaleb(-2)),
    longitude=st.integers(-1000, 2000).map(lambda n: Decimal(n).scaleb(-2)),
)


def metadata() -> st.SearchStrategy[MetaData]:
    """Generate metadata entries, each with at most one value of each type (M1)."""
    return _METADATA


_METADATA = st.builds(
    MetaData,
    key=_TEXT,
    string_value=st.none() | st.text(min_size=1, max_size=20),
    int_value=st.none() | st.integers(-(2**63), 2**63 - 1),
    decimal_value=st.none() | st.integers(-(10**24), 10**24).map(lambda n: Decimal(n).scaleb(-4)),
    bool_value=st.none() | st.booleans(),
)


def countries() -> st.SearchStrategy[Country]:
    """Generate countries by ISO 3166-1 code, sometimes with the name PRO fills in."""
    return _COUNTRIES


def contacts() -> st.SearchStrategy[Contact]:
    """Generate contacts; every field is optional, as PRO's are (A4)."""
    return _CONTACTS


def barcodes() -> st.SearchStrategy[Barcode]:
    """Generate barcodes of any symbology."""
    return _BARCODES


def customs_documentation() -> st.SearchStrategy[CustomsDocumentation]:
    """Generate customs documentation with some of its optional fields set."""
    return _CUSTOMS


_NAMES = st.none() | st.sampled_from(["Ada", "Grace", "Alan", "Edsger"])
_COUNTRIES = st.builds(
    Country,
    iso_code=st.sampled_from(["GB", "FR", "DE", "IE", "US"]),
    name=st.none() | st.sampled_from(["United Kingdom", "France", "Germany"]),
)
_CONTACTS = st.builds(
    Contact,
    title=st.none() | st.sampled_from(["Ms", "Mr", "Dr"]),
    first_name=_NAMES,
    last_name=_NAMES,
    email=st.none() | st.just("someone@example.com"),
    mobile=st.none() | st.just("07700900123"),
)
_BARCODES = st.builds(Barcode, code=_TEXT, barcode_type=st.sampled_from(BarcodeType))
_CUSTOMS = st.builds(
    CustomsDocumentation,
    category_type=st.none() | st.sampled_from(CategoryType),
    shipping_terms=st.none() | st.sampled_from(ShippingTerms),
    reason_for_export=st.none() | st.sampled_from(["Sale", "Gift", "Repair"]),
    references_of_attached_invoices=st.lists(_TEXT, max_size=2),
    declaration_date=st.none()
    | st.builds(
        lambda d: datetime.combine(d, time(), tzinfo=UTC),
        st.dates(min_value=_EPOCH, max_value=date(2026, 12, 31)),
    ),
    receivers_shipping_cost=st.none() | _AMOUNTS,
)


def addresses(
    address_type: AddressType, *, locations: st.SearchStrategy[str | None] | None = None
) -> st.SearchStrategy[Address]:
    """Generate an address of *address_type*, named by a shipping location from *locations*.

    With ``locations=st.none()`` the address names no shipping location; its other fields
    are drawn as ever, each of them possibly empty.

    Args:
        address_type: The role of every address generated, such as ``AddressType.ORIGIN``.
        locations: A strategy for the shipping location reference; by default WH-A, WH-B or WH-C.
    """
    location = st.sampled_from(["WH-A", "WH-B", "WH-C"]) if locations is None else locations
    return st.builds(
        Address,
        address_type=st.just(address_type),
        shipping_location_reference=location,
        address_line1=st.none() | st.text(min_size=1, max_size=30),
        town=st.none() | st.sampled_from(["London", "Leeds", "Paris", "Berlin"]),
        postcode=st.none() | _TEXT,
        country=st.none() | _COUNTRIES,
        contact=st.none() | _CONTACTS,
        lat_long=st.none() | _POSITIONS,
    )
