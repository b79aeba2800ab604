"""PRO's key names, and the shape of each orderpack class on the wire.

Shared by the converters that read and write PRO's JSON and by the walks that name wire paths.
"""

from __future__ import annotations

import typing
from types import MappingProxyType, NoneType, UnionType
from typing import TYPE_CHECKING, Any, TypeGuard, TypeVar

import attrs

from orderpack.errors import ModelError, Problem
from orderpack.model.arguments import checked
from orderpack.model.checks import shown
from orderpack.model.consignment import Consignment
from orderpack.model.generated import cached
from orderpack.model.order import Order
from orderpack.model.values import Country, Money, Weight
from orderpack.packing.pack import PackOrderRequest
from orderpack.tracking.ledger import OrderLedger

if TYPE_CHECKING:
    from collections.abc import Mapping


SPECIAL_NAMES = {
    "metadata": "MetaData",
    "landline": "LandLine",
    "cn23_comments": "CN23Comments",
    "datetime_value": "DateTimeValue",
}
CLASS_NAMES: dict[tuple[type, str], str] = {
    (Order, "reference"): "OrderReference",
    (Consignment, "state"): "ConsignmentState",
    (Consignment, "carrier_allocation"): "Allocation",
    (Consignment, "failed_carrier_allocation"): "FailedAllocation",
    # PRO nests these two; the names only serve paths, as their hooks are written by hand.
    (Country, "iso_code"): "IsoCode.TwoLetterCode",
    (Country, "three_letter_code"): "IsoCode.ThreeLetterCode",
    (Country, "numeric_code"): "IsoCode.NumericCode",
    (Money, "currency"): "Currency.IsoCode",
}
# orderpack's own fields: written only when asked for, known when read.
EXTENSIONS: dict[type, frozenset[str]] = {
    PackOrderRequest: frozenset({"origin", "shipping_date", "carrier_service"}),
    Consignment: frozenset({"carrier_service", "return_for", "order_reference"}),
}
# PRO's derived fields: known when read, not kept, written from the model. A ledger's document
# says which version of it orderpack wrote.
DERIVED: dict[type, frozenset[str]] = {
    Order: frozenset({"Weight", "Value"}),
    Consignment: frozenset({"Weight", "Value"}),
    OrderLedger: frozenset({"Version"}),
}
TOTALS: Mapping[str, type] = MappingProxyType({"Weight": Weight, "Value": Money})
"""The class of each derived total: its shape is judged, and its unknown keys named, as that
class's."""
LEDGER_VERSION = 2
"""The version of the ledger document orderpack writes: 2 holds submissions, 1 did not."""


@checked
def wire_name(cls: type, attribute: str) -> str:
    """Return PRO's key for *attribute* of *cls*.

    Args:
        cls: The orderpack class the field belongs to.
        attribute: The field's Python name, such as ``address_line1``.

    >>> wire_name(Order, "reference"), wire_name(Order, "metadata")
    ('OrderReference', 'MetaData')
    >>> from orderpack.model.values import Address
    >>> wire_name(Address, "address_line1")
    'AddressLine1'
    """
    named = CLASS_NAMES.get((cls, attribute)) or SPECIAL_NAMES.get(attribute)
    if named is None and (cls.__name__, attribute) == ("MetaData", "key"):
        named = "KeyValue"
    return named or "".join(part[:1].upper() + part[1:] for part in attribute.split("_"))


def is_orderpack_class(cls: object) -> TypeGuard[type]:
    """Whether *cls* is one of orderpack's attrs classes."""
    return isinstance(cls, type) and attrs.has(cls) and cls.__module__.startswith("orderpack.")


def require_orderpack_class(cls: object) -> None:
    """Refuse *cls* unless it is one of orderpack's classes: ``wrong_type`` at ``cls``."""
    if not is_orderpack_class(cls):
        raise ModelError(
            [
                Problem(
                    code="wrong_type",
                    path="cls",
                    message=f"expected one of orderpack's classes, got {shown(cls)}",
                )
            ]
        )


def require_flag(value: object, name: str) -> None:
    """Refuse *value* unless it is ``True`` or ``False``: ``wrong_type`` at *name*."""
    if not isinstance(value, bool):
        raise ModelError(
            [
                Problem(
                    code="wrong_type",
                    path=name,
                    message=f"expected True or False, got {shown(value)}",
                )
            ]
        )


def init_fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    """The fields of *cls* its constructor takes, in attrs' order."""
    return tuple(f for f in attrs.fields(cls) if f.init)


def field_class(cls: type, name: str) -> object:
    """The class of field *name* of *cls*, inside any ``X | None`` or ``tuple[X, ...]``.

    A field typed by the package base's type variable gets the class its subclass binds.
    """
    hint = unwrap(typing.get_type_hints(cls).get(name))
    if isinstance(hint, TypeVar):  # OrderPackage and Package bind their base's item type
        (base,) = cls.__orig_bases__  # type: ignore[attr-defined]
        parameters: tuple[TypeVar, ...] = typing.get_origin(base).__parameters__
        hint = typing.get_args(base)[parameters.index(hint)]
    return hint


def unwrap(hint: object) -> object:
    """The class inside ``X | None`` or ``tuple[X, ...]``."""
    while True:
        origin = typing.get_origin(hint)
        if origin in (UnionType, typing.Union):
            hint = next(a for a in typing.get_args(hint) if a is not NoneType)
        elif origin is tuple:
            hint = typing.get_args(hint)[0]
        else:
            return hint


@cached
def schema(cls: type) -> Mapping[str, object]:
    """Each wire key of *cls* and the class of its value; resolved once per class."""
    return {wire_name(cls, f.name): field_class(cls, f.name) for f in init_fields(cls)}
