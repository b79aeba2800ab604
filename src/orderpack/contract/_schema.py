"""JSON Schema (draft 2020-12) of each document of the contract, made from the classes."""

from __future__ import annotations

import typing
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from types import NoneType, UnionType
from typing import Any, Final

import attrs

from orderpack.contract.wire_names import (
    DERIVED,
    LEDGER_VERSION,
    TOTALS,
    init_fields,
    require_orderpack_class,
    wire_name,
)
from orderpack.model.arguments import checked
from orderpack.model.values import Country, Money

DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"

_SCALARS: Final[dict[object, dict[str, object]]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    Decimal: {"type": "number"},
    datetime: {"type": "string", "format": "date-time"},
    date: {"type": "string", "format": "date"},
    time: {"type": "string", "format": "time"},
    timedelta: {"type": "string", "pattern": r"^-?\d{2}:\d{2}:\d{2}(\.\d{1,6})?$"},
}
"""How each scalar is written: Decimals as JSON numbers, every digit kept; times as text."""

_DERIVED: Final[dict[str, dict[str, object]]] = {
    "Weight": {"$ref": "#/$defs/Weight"},
    "Value": {"$ref": "#/$defs/Money"},
    "Version": {"type": "integer", "minimum": 1, "maximum": LEDGER_VERSION},
}
"""The schema of each derived key: PRO's totals, and a ledger document's version."""


@checked
def json_schema(cls: type, *, strict: bool = False) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of *cls*'s document, for OpenAPI 3.1 too.

    Every document :func:`dumps` writes of a *cls* validates against it. Keys are PRO's;
    each class is one entry of ``$defs``, referred to by name; the ``$id``
    (``urn:orderpack:schema:Order``) names the schema, so that a registry of schemas (a
    validator's, an OpenAPI tool's) holds it and other schemas refer to it by that name.
    Without *strict*, an object may hold keys the schema does not name, as a tolerant read
    reports them rather than refuses them; with it, ``additionalProperties`` is false, as a
    strict read has it. A tolerant read also accepts keys and enum names in another case,
    which a schema cannot say.

    Args:
        cls: A class of :data:`KINDS`, or any other class of orderpack's.
        strict: Whether the schema refuses keys it does not name.

    Raises:
        ModelError: ``wrong_type`` if *cls* is not one of orderpack's classes.

    >>> from orderpack import Weight
    >>> schema = json_schema(Weight, strict=True)
    >>> schema["$ref"], schema["$defs"]["Weight"]["required"]
    ('#/$defs/Weight', ['Value'])
    """
    require_orderpack_class(cls)
    definitions: dict[str, dict[str, Any]] = {}
    _Schemas(definitions, strict=strict).of(cls)
    return {
        "$schema": DIALECT,
        "$id": f"urn:orderpack:schema:{cls.__name__}" + (":strict" if strict else ""),
        "$ref": f"#/$defs/{cls.__name__}",
        "$defs": definitions,
    }


class _Schemas:
    """The ``$defs`` of one schema, each class's entry made the first time it is met."""

    def __init__(self, definitions: dict[str, dict[str, Any]], *, strict: bool) -> None:
        self.definitions = definitions
        self.strict = strict

    def of(self, hint: object) -> dict[str, Any]:
        """The schema of a value annotated *hint*."""
        origin = typing.get_origin(hint)
        if origin in (UnionType, typing.Union):
            given = [a for a in typing.get_args(hint) if a is not NoneType]
            inner = self.of(given[0]) if len(given) == 1 else {"anyOf": list(map(self.of, given))}
            return {"anyOf": [inner, {"type": "null"}]}
        if origin is tuple:
            return {"type": "array", "items": self.of(typing.get_args(hint)[0])}
        if hint in _SCALARS:
            return dict(_SCALARS[hint])
        if isinstance(hint, type) and issubclass(hint, Enum):
            return {"enum": [str(member.value) for member in hint]}
        cls = typing.cast("type", hint)
        if cls.__name__ not in self.definitions:
            self.definitions[cls.__name__] = {}  # taken, before its fields refer back to it
            self.definitions[cls.__name__] = self._object(cls)
        return {"$ref": f"#/$defs/{cls.__name__}"}

    def _object(self, cls: type) -> dict[str, Any]:
        """An orderpack class as a JSON object of PRO's keys."""
        if cls is Money:
            return self._closed(
                {
                    "Amount": {"type": "number"},
                    "Currency": self._closed(
                        {"IsoCode": {"type": "string"}, "Name": {"type": ["string", "null"]}},
                        ["IsoCode"],
                    ),
                },
                ["Amount", "Currency"],
            )
        if cls is Country:
            codes = ("TwoLetterCode", "ThreeLetterCode", "NumericCode")
            return self._closed(
                {
                    "Name": {"type": ["string", "null"]},
                    "IsoCode": self._closed(
                        {code: {"type": ["string", "null"]} for code in codes}, ["TwoLetterCode"]
                    ),
                },
                ["IsoCode"],
            )
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in init_fields(cls):
            key = wire_name(cls, field.name)
            properties[key] = self.of(_bound(cls, hints[field.name]))
            if field.default is attrs.NOTHING:
                required.append(key)
            elif field.default is not None:  # null is "not given": the default
                properties[key] = {"anyOf": [properties[key], {"type": "null"}]}
        for key in sorted(DERIVED.get(cls, ())):
            if key in TOTALS:
                self.of(TOTALS[key])
            properties[key] = dict(_DERIVED[key])
            if key in TOTALS:  # a null total: not given
                properties[key] = {"anyOf": [properties[key], {"type": "null"}]}
        return self._closed(properties, required)

    def _closed(self, properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
        """An object of *properties*, refusing other keys when strict."""
        made: dict[str, Any] = {"type": "object", "properties": properties}
        if required:
            made["required"] = required
        if self.strict:
            made["additionalProperties"] = False
        return made


def _bound(cls: type, hint: object) -> object:
    """*hint* with a generic base's type variable replaced by what *cls* binds it to."""
    if typing.get_origin(hint) is tuple:
        (item, *_) = typing.get_args(hint)
        if isinstance(item, typing.TypeVar):
            (base,) = cls.__orig_bases__  # type: ignore[attr-defined]
            parameters = typing.get_origin(base).__parameters__
            return tuple[typing.get_args(base)[parameters.index(item)], ...]  # type: ignore[misc]
    return hint
