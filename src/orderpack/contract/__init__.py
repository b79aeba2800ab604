"""PRO v1's JSON contract: read and write orders, requests, responses and consignments.

This module owns the wire format; the model knows nothing of JSON. Everything goes through one
cattrs converter per mode that orderpack builds (:func:`make_converter`), never cattrs' global
one; each is built when first used, and then kept.

>>> from orderpack.demo import seed_order
>>> from orderpack import Order
>>> text = dumps(seed_order())
>>> text[:60]
'{"Packages":[{"Items":[{"Weight":{"Value":0.05,"Unit":"Kg"},'
>>> read(text, Order).value == seed_order()
True

Wire decisions, each documented on the contract page:

* keys are PRO's PascalCase names (``OrderReference``, ``MetaData``, ``KeyValue``, ...);
* enums are their PRO names; numbers are read as :class:`~decimal.Decimal` and written exactly
  as the Decimal holds them (``0.50000`` stays ``0.50000``); a float is never made;
* datetimes must carry an offset; ``Z`` is read as UTC and written ``+00:00``; PRO's seventh
  fractional digit is dropped (Python keeps microseconds);
* ``null``, an absent key and, for optional text, ``""`` all mean "not given"; ``None`` is
  written by leaving the key out;
* derived totals (an order's or consignment's ``Weight`` and ``Value``) and the currency's
  ``Name`` are PRO's to compute: read and not kept, written from the model's own sums;
* unknown keys are reported in :attr:`Read.unknown` (tolerant, the default) or refused
  (``strict=True``).
"""

from __future__ import annotations

from typing import TypeVar

from orderpack.contract._documents import KINDS
from orderpack.contract._hooks import make_converter
from orderpack.contract._paths import wire_path
from orderpack.contract._problem_details import (
    STATUS,
    ProblemDetails,
    ProblemEntry,
    problem_details,
)
from orderpack.contract._quick_path import _quick
from orderpack.contract._schema import json_schema
from orderpack.contract._thorough import from_wire, parse, read_thoroughly
from orderpack.contract._writing import dumps, to_wire, write_json
from orderpack.contract.wire_names import require_flag, require_orderpack_class, wire_name
from orderpack.model.read import Read

__all__ = [
    "KINDS",
    "STATUS",
    "ProblemDetails",
    "ProblemEntry",
    "Read",
    "dumps",
    "from_wire",
    "json_schema",
    "make_converter",
    "parse",
    "problem_details",
    "read",
    "to_wire",
    "wire_name",
    "wire_path",
    "write_json",
]

T = TypeVar("T")


def read(data: str | bytes, cls: type[T], *, strict: bool = False) -> Read[T]:
    """Read PRO v1 JSON *data* as a *cls* (one of :data:`KINDS`).

    Tolerant by default: keys orderpack does not know are reported in ``unknown`` by their
    wire paths, never dropped silently. With *strict*, they are refused.

    Args:
        data: The JSON document, as text or bytes (UTF-8, or UTF-16 or UTF-32 as ``json.loads``
            detects them).
        cls: The class to read the document into, one of :data:`KINDS`' values.
        strict: Whether to refuse unknown keys, repeated keys, and keys or enum names in another
            case; by default unknown keys are reported and the others accepted.

    Raises:
        ContractError: Listing every problem, each at its wire path
            (``Packages[0].Items[1].Weight.Value``), with what was found and what was
            expected. Nothing else is raised for bad input.
    """
    require_orderpack_class(cls)
    require_flag(strict, "strict")
    quick = _quick(data, cls, strict=strict)
    if quick is not None:
        return quick
    return read_thoroughly(data, cls, strict=strict)
