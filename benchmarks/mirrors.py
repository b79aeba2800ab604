"""PRO's Get Order as pydantic v2 models and msgspec structs, to compare orderpack against.

Each mirror has the fields of every object the benchmark document holds (orders, packages,
items, weights, dimensions, money, countries, addresses, contacts, metadata, barcodes) under
PRO's keys, with the constraints orderpack enforces on them: exact Decimals (no floats, none
negative or infinite), whole quantities of at least 1, the reference, currency and country
formats, enums by name, offsets on datetimes, at least one package and one item per package
(O1), a package's measures or size (O5), and the addresses' rules (A1 to A3). Objects the
document does not hold (customs documentation, delivery dates) are left out of all three
measurements' documents, so leaving them out of the mirrors costs nothing.

Benchmarks only: pydantic and msgspec are the ``bench`` dependency group.
"""

from __future__ import annotations

from datetime import datetime  # pydantic and msgspec read the annotations at run time
from decimal import Decimal
from typing import Annotated, Literal

import msgspec
import pydantic
from pydantic import AwareDatetime, ConfigDict, Field, model_validator

WeightUnit = Literal["Kg", "G", "Lb"]
DimensionUnit = Literal["Mm", "Cm", "M", "Inches"]
AddressType = Literal["Origin", "Destination", "Return", "Sender", "Recipient", "Importer"]
Direction = Literal["Outbound", "Inbound"]
Source = Literal["Api", "Web"]

ITEM_REFERENCE = "^[0-9a-f]{32}$"
PACKAGE_REFERENCE = "^EP-[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$"
ORDER_REFERENCE = "^EO-[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$"


def _check_addresses(types: list[str], locations: list[str | None]) -> None:
    """A1 (an Origin and a Destination), A3 (one of each type) and A2 (a shipping location)."""
    if len(set(types)) != len(types):
        raise ValueError("expected at most one address of each type (A3)")
    ends = [types.index(t) if t in types else None for t in ("Origin", "Destination")]
    if None in ends:
        raise ValueError("expected an Origin and a Destination address (A1)")
    if not any(locations[n] for n in ends if n is not None):
        raise ValueError("expected the Origin or the Destination to name a location (A2)")


# --- pydantic v2 ---------------------------------------------------------------------------

Amount = Annotated[Decimal, Field(ge=0, allow_inf_nan=False)]


class _P(pydantic.BaseModel):
    model_config = ConfigDict(strict=True, frozen=True, extra="ignore")


class PWeight(_P):
    Value: Amount
    Unit: WeightUnit = "Kg"


class PDimensions(_P):
    Width: Amount
    Length: Amount
    Height: Amount
    Unit: DimensionUnit = "Cm"


class PCurrency(_P):
    IsoCode: Annotated[str, Field(pattern="^[A-Z]{3}$")]


class PMoney(_P):
    Amount: Amount
    Currency: PCurrency


class PIsoCode(_P):
    TwoLetterCode: Annotated[str, Field(pattern="^[A-Z]{2}$")]


class PCountry(_P):
    IsoCode: PIsoCode
    Name: str | None = None


class PMetaData(_P):
    KeyValue: Annotated[str, Field(min_length=1)]
    StringValue: str | None = None
    IntValue: int | None = None
    DecimalValue: Decimal | None = None
    DatetimeValue: AwareDatetime | None = None
    BoolValue: bool | None = None


class PBarcode(_P):
    Code: str
    BarcodeType: str | None = None


class PItem(_P):
    Weight: PWeight
    Dimensions: PDimensions
    Value: PMoney
    Quantity: Annotated[int, Field(ge=1)] = 1
    Reference: Annotated[str, Field(pattern=ITEM_REFERENCE)] | None = None
    Sku: str | None = None
    ItemReferenceProvidedByCustomer: str | None = None
    Model: str | None = None
    Description: str | None = None
    Unit: str | None = None
    CountryOfOrigin: PCountry | None = None
    HarmonisationCode: str | None = None
    HarmonisationKeyWords: tuple[str, ...] = ()
    Barcode: PBarcode | None = None
    MetaData: tuple[PMetaData, ...] = ()


class PPackage(_P):
    Items: Annotated[tuple[PItem, ...], Field(min_length=1)]
    Weight: PWeight | None = None
    Dimensions: PDimensions | None = None
    PackageSizeReference: str | None = None
    Reference: Annotated[str, Field(pattern=PACKAGE_REFERENCE)] | None = None
    PackageReferenceProvidedByCustomer: str | None = None
    Description: str | None = None
    Value: PMoney | None = None
    Barcode: PBarcode | None = None
    MetaData: tuple[PMetaData, ...] = ()

    @model_validator(mode="after")
    def _measured(self) -> PPackage:
        if not self.PackageSizeReference and (self.Weight is None or self.Dimensions is None):
            raise ValueError("expected a weight and dimensions, or a package size (O5)")
        return self


class PContact(_P):
    Reference: str | None = None
    Title: str | None = None
    FirstName: str | None = None
    LastName: str | None = None
    Position: str | None = None
    Telephone: str | None = None
    Mobile: str | None = None
    LandLine: str | None = None
    Email: str | None = None


class PAddress(_P):
    AddressType: AddressType
    ShippingLocationReference: str | None = None
    ShopLocationReference: str | None = None
    Contact: PContact | None = None
    CompanyName: str | None = None
    CustomerName: str | None = None
    AddressLine1: str | None = None
    AddressLine2: str | None = None
    AddressLine3: str | None = None
    Town: str | None = None
    Region: str | None = None
    RegionCode: str | None = None
    Postcode: str | None = None
    Country: PCountry | None = None
    SpecialInstructions: str | None = None
    IsCached: bool = False


class POrder(_P):
    Packages: Annotated[tuple[PPackage, ...], Field(min_length=1)]
    Addresses: tuple[PAddress, ...]
    OrderReference: Annotated[str, Field(pattern=ORDER_REFERENCE)] | None = None
    OrderReferenceProvidedByCustomer: str | None = None
    DeliveryOptionReference: str | None = None
    DateCreated: AwareDatetime | None = None
    ShippingDate: AwareDatetime | None = None
    EarliestDeliveryDate: AwareDatetime | None = None
    LatestDeliveryDate: AwareDatetime | None = None
    Source: Source = "Api"
    Direction: Direction = "Outbound"
    MetaData: tuple[PMetaData, ...] = ()
    Tags: tuple[str, ...] = ()
    Weight: PWeight | None = None
    Value: PMoney | None = None

    @model_validator(mode="after")
    def _addresses(self) -> POrder:
        _check_addresses(
            [a.AddressType for a in self.Addresses],
            [a.ShippingLocationReference for a in self.Addresses],
        )
        return self


# --- msgspec -------------------------------------------------------------------------------

MAmount = Decimal  # msgspec's Meta(ge=...) is for ints and floats: __post_init__ checks


def _amounts(*values: Decimal) -> None:
    if not all(v.is_finite() and v >= 0 for v in values):
        raise ValueError("expected finite amounts of at least 0")


MAware = Annotated[datetime, msgspec.Meta(tz=True)]


class MWeight(msgspec.Struct, frozen=True):
    Value: MAmount
    Unit: WeightUnit = "Kg"

    def __post_init__(self) -> None:
        _amounts(self.Value)


class MDimensions(msgspec.Struct, frozen=True):
    Width: MAmount
    Length: MAmount
    Height: MAmount
    Unit: DimensionUnit = "Cm"

    def __post_init__(self) -> None:
        _amounts(self.Width, self.Length, self.Height)


class MCurrency(msgspec.Struct, frozen=True):
    IsoCode: Annotated[str, msgspec.Meta(pattern="^[A-Z]{3}$")]


class MMoney(msgspec.Struct, frozen=True):
    Amount: MAmount
    Currency: MCurrency

    def __post_init__(self) -> None:
        _amounts(self.Amount)


class MIsoCode(msgspec.Struct, frozen=True):
    TwoLetterCode: Annotated[str, msgspec.Meta(pattern="^[A-Z]{2}$")]


class MCountry(msgspec.Struct, frozen=True):
    IsoCode: MIsoCode
    Name: str | None = None


class MMetaData(msgspec.Struct, frozen=True):
    KeyValue: Annotated[str, msgspec.Meta(min_length=1)]
    StringValue: str | None = None
    IntValue: int | None = None
    DecimalValue: Decimal | None = None
    DatetimeValue: MAware | None = None
    BoolValue: bool | None = None


class MBarcode(msgspec.Struct, frozen=True):
    Code: str
    BarcodeType: str | None = None


class MItem(msgspec.Struct, frozen=True):
    Weight: MWeight
    Dimensions: MDimensions
    Value: MMoney
    Quantity: Annotated[int, msgspec.Meta(ge=1)] = 1
    Reference: Annotated[str, msgspec.Meta(pattern=ITEM_REFERENCE)] | None = None
    Sku: str | None = None
    ItemReferenceProvidedByCustomer: str | None = None
    Model: str | None = None
    Description: str | None = None
    Unit: str | None = None
    CountryOfOrigin: MCountry | None = None
    HarmonisationCode: str | None = None
    HarmonisationKeyWords: tuple[str, ...] = ()
    Barcode: MBarcode | None = None
    MetaData: tuple[MMetaData, ...] = ()


class MPackage(msgspec.Struct, frozen=True):
    Items: Annotated[tuple[MItem, ...], msgspec.Meta(min_length=1)]
    Weight: MWeight | None = None
    Dimensions: MDimensions | None = None
    PackageSizeReference: str | None = None
    Reference: Annotated[str, msgspec.Meta(pattern=PACKAGE_REFERENCE)] | None = None
    PackageReferenceProvidedByCustomer: str | None = None
    Description: str | None = None
    Value: MMoney | None = None
    Barcode: MBarcode | None = None
    MetaData: tuple[MMetaData, ...] = ()

    def __post_init__(self) -> None:
        if not self.PackageSizeReference and (self.Weight is None or self.Dimensions is None):
            raise ValueError("expected a weight and dimensions, or a package size (O5)")


class MContact(msgspec.Struct, frozen=True):
    Reference: str | None = None
    Title: str | None = None
    FirstName: str | None = None
    LastName: str | None = None
    Position: str | None = None
    Telephone: str | None = None
    Mobile: str | None = None
    LandLine: str | None = None
    Email: str | None = None


class MAddress(msgspec.Struct, frozen=True):
    AddressType: AddressType
    ShippingLocationReference: str | None = None
    ShopLocationReference: str | None = None
    Contact: MContact | None = None
    CompanyName: str | None = None
    CustomerName: str | None = None
    AddressLine1: str | None = None
    AddressLine2: str | None = None
    AddressLine3: str | None = None
    Town: str | None = None
    Region: str | None = None
    RegionCode: str | None = None
    Postcode: str | None = None
    Country: MCountry | None = None
    SpecialInstructions: str | None = None
    IsCached: bool = False


class MOrder(msgspec.Struct, frozen=True):
    Packages: Annotated[tuple[MPackage, ...], msgspec.Meta(min_length=1)]
    Addresses: tuple[MAddress, ...]
    OrderReference: Annotated[str, msgspec.Meta(pattern=ORDER_REFERENCE)] | None = None
    OrderReferenceProvidedByCustomer: str | None = None
    DeliveryOptionReference: str | None = None
    DateCreated: MAware | None = None
    ShippingDate: MAware | None = None
    EarliestDeliveryDate: MAware | None = None
    LatestDeliveryDate: MAware | None = None
    Source: Source = "Api"
    Direction: Direction = "Outbound"
    MetaData: tuple[MMetaData, ...] = ()
    Tags: tuple[str, ...] = ()
    Weight: MWeight | None = None
    Value: MMoney | None = None

    def __post_init__(self) -> None:
        _check_addresses(
            [a.AddressType for a in self.Addresses],
            [a.ShippingLocationReference for a in self.Addresses],
        )


MSGSPEC_DECODER = msgspec.json.Decoder(MOrder)
MSGSPEC_ENCODER = msgspec.json.Encoder(decimal_format="number")
