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

import contextlib
import functools
import json
import re
import types
import typing
from collections.abc import Mapping
from contextvars import ContextVar
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from types import MappingProxyType
from typing import Any, Final, Generic, TypeGuard, TypeVar

import attrs
import cattrs
import msgspec
from cattrs.cols import homogenous_tuple_structure_factory, is_sequence
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from orderpack import _json_text as json_text
from orderpack import consignment, planning, responses, values
from orderpack._checks import SHOWN, shown
from orderpack._trusted import builder
from orderpack._types import rules_of
from orderpack._wire import (
    DERIVED,
    EXTENSIONS,
    field_class,
    init_fields,
    is_orderpack_class,
    schema,
    unwrap,
    wire_name,
)
from orderpack.consignment import Consignment
from orderpack.errors import ContractError, Problem, ValidationError
from orderpack.lifecycle import ConsignmentUpdate
from orderpack.management import OrderUpdate
from orderpack.order import Order
from orderpack.packing import PackOrderRequest
from orderpack.planning import Catalogue, Stock
from orderpack.responses import PackOrderResponse
from orderpack.splitting import Plan
from orderpack.values import Address, Country, Money, Weight

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = [
    "KINDS",
    "Read",
    "dumps",
    "from_wire",
    "make_converter",
    "parse",
    "read",
    "to_wire",
    "wire_name",
    "wire_path",
    "write_json",
]

T = TypeVar("T")

KINDS: Final[Mapping[str, type]] = MappingProxyType(
    {
        "Create Order request, Get Order response": Order,
        "Update Order request": OrderUpdate,
        "Address": Address,
        "Pack Order request": PackOrderRequest,
        "Pack Order response": PackOrderResponse,
        "Create Consignment request, Get Consignment response": Consignment,
        "Update Consignment request": ConsignmentUpdate,
        "Add Package request, Edit Package request": consignment.Package,
        "Split plan (orderpack's own document)": Plan,
        "Stock (orderpack's own document)": Stock,
        "Box catalogue (orderpack's own document)": Catalogue,
    }
)
"""The documents of the contract, and the class each is read into."""


@attrs.frozen(kw_only=True)
class Read(Generic[T]):
    """What :func:`read` returns: the value, and the wire paths of keys it did not know."""

    value: T
    unknown: tuple[str, ...] = ()


MAX_NUMBER_TEXT: Final = 100
"""The longest number orderpack reads, in characters; a longer one is ``out_of_range``."""


class _Unreadable:
    """A number in the JSON text that no value PRO can hold could be: too long, too large."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"a number of {len(self.text)} characters"


def _parse_float(text: str) -> Decimal | _Unreadable:
    if len(text) > MAX_NUMBER_TEXT:
        return _Unreadable(text)
    try:
        return Decimal(text)
    except ArithmeticError:  # an exponent past what Decimal can hold at all
        return _Unreadable(text)


def _parse_int(text: str) -> int | _Unreadable:
    return _Unreadable(text) if len(text) > MAX_NUMBER_TEXT else int(text)


def _out_of_range(value: _Unreadable) -> _Refusal:
    return _Refusal(
        "out_of_range",
        f"expected a number PRO can hold, got {shown(value)} "
        f"(orderpack reads numbers of at most {MAX_NUMBER_TEXT} characters)",
    )


class _Duplicated(dict[str, Any]):
    """A JSON object in which some key was given more than once; the last value is kept."""

    repeated: tuple[str, ...] = ()


def _duplicated(pairs: list[tuple[str, Any]], made: dict[str, Any]) -> _Duplicated:
    """The object *made* of *pairs*, some key given more than once, saying which."""
    seen: set[str] = set()
    repeated = tuple(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
    duplicated = _Duplicated(made)
    duplicated.repeated = repeated
    return duplicated


class _Refusal(Exception):  # noqa: N818 - raised and caught inside this module only
    """A leaf problem found while structuring, before its path is known."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _describe(value: object) -> str:  # noqa: PLR0911 - one return per kind of JSON value
    """Name a JSON value as a reader of the document would: its kind, and a scalar's text.

    Text is escaped and cut short (:func:`~orderpack._checks.shown`), so a message never
    carries a whole document or a terminal's escape sequences.
    """
    match value:
        case None:
            return "null"
        case dict():
            return "an object"
        case list():
            return "an array"
        case str():
            return f"a string {shown(value)}"
        case bool():
            return f"a boolean {'true' if value else 'false'}"
        case _Unreadable() | int():
            return f"a number {shown(value)}" if isinstance(value, int) else repr(value)
    return f"a number {value}"


def _text(value: str) -> str:
    """*value*, if it is text that can be written out again: no lone surrogate in it."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _Refusal(
            "bad_value", f"expected text, got {shown(value)}, which holds a lone surrogate"
        ) from None
    return value


def _strict(expected: str, accept: Callable[[object], bool]) -> Callable[[object, type], Any]:
    def hook(value: object, _: type) -> object:
        if not accept(value):
            raise _Refusal("wrong_type", f"expected {expected}, got {_describe(value)}")
        return value

    return hook


def _decimal(value: object, _: type) -> Decimal:
    if isinstance(value, _Unreadable):
        raise _out_of_range(value)
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise _Refusal("wrong_type", f"expected a number, got {_describe(value)}")
    return Decimal(value)


def _datetime(value: object, _: type) -> datetime:
    if not isinstance(value, str):
        raise _Refusal("wrong_type", f"expected a date and time, got {_describe(value)}")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise _Refusal(
            "bad_value", f"expected an ISO 8601 date and time, got {shown(value)}"
        ) from None
    if parsed.utcoffset() is None:
        raise _Refusal("bad_value", f"expected a date and time with an offset, got {shown(value)}")
    return parsed


def _date(value: object, _: type) -> date:
    if not isinstance(value, str):
        raise _Refusal("wrong_type", f"expected a date, got {_describe(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _Refusal(
            "bad_value", f"expected an ISO 8601 date (2026-12-01), got {shown(value)}"
        ) from None


_TIME_SPAN = re.compile(r"(-)?([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,7}))?")
"""A .NET TimeSpan of less than a day, as PRO writes one: ``[-]hh:mm:ss[.fffffff]``."""


def _span(value: object, expected: str) -> tuple[bool, timedelta]:
    if not isinstance(value, str):
        raise _Refusal("wrong_type", f"expected {expected}, got {_describe(value)}")
    found = _TIME_SPAN.fullmatch(value)
    if found is None:
        raise _Refusal("bad_value", f"expected {expected}, got {_describe(value)}")
    minus, hours, minutes, seconds, fraction = found.groups()
    if int(minutes) > 59 or int(seconds) > 59:  # noqa: PLR2004 - a clock's
        raise _Refusal("bad_value", f"expected {expected}, got {_describe(value)}")
    span = timedelta(
        hours=int(hours),
        minutes=int(minutes),
        seconds=int(seconds),
        microseconds=int((fraction or "0").ljust(6, "0")[:6]),
    )
    return minus is not None, span


def _time_of_day(value: object, _: type) -> time:
    expected = "a time of day (09:30:00)"
    minus, span = _span(value, expected)
    if minus or span >= timedelta(days=1):
        raise _Refusal("bad_value", f"expected {expected}, got {_describe(value)}")
    seconds, micro = divmod(span // timedelta(microseconds=1), 1_000_000)
    return time(seconds // 3600, seconds % 3600 // 60, seconds % 60, micro)


def _offset(value: object, _: type) -> timedelta:
    minus, span = _span(value, "an offset from UTC (01:00:00 or -05:00:00)")
    return -span if minus else span


def _offset_out(offset: timedelta) -> str:
    sign = "-" if offset < timedelta(0) else ""
    seconds, micro = divmod(abs(offset) // timedelta(microseconds=1), 1_000_000)
    fraction = f".{micro:06}" if micro else ""
    return f"{sign}{seconds // 3600:02}:{seconds % 3600 // 60:02}:{seconds % 60:02}{fraction}"


def _optional_text(value: object, _: type) -> str | None:
    if value is None or value == "":
        return None  # PRO sends "" for an absent value
    if not isinstance(value, str):
        raise _Refusal("wrong_type", f"expected a string, got {_describe(value)}")
    return _text(value)


def _string(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise _Refusal("wrong_type", f"expected a string, got {_describe(value)}")
    return _text(value)


def _whole(value: object, _: type) -> int:
    if isinstance(value, _Unreadable):
        raise _out_of_range(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Refusal("wrong_type", f"expected a whole number, got {_describe(value)}")
    return value


def _enum_hook(cls: type[Enum], *, strict: bool) -> Callable[[object, type], Enum]:
    names = [member.value for member in cls]
    members = {member.value: member for member in cls}  # what cls(value) looks up, sooner
    folded = {_fold(str(member.value)): member for member in cls}

    def hook(value: object, _: type) -> Enum:
        try:
            return members[value]
        except (KeyError, TypeError):  # not a value, or no key at all (an array, an object)
            pass
        member = folded.get(_fold(value)) if isinstance(value, str) else None
        if member is not None and not strict:
            return member  # PRO's .NET readers match enum names whatever their case
        expected = (
            f"{shown(member.value)}, PRO's spelling"
            if member is not None
            else f"one of {', '.join(names)}"
        )
        raise _Refusal("bad_value", f"expected {expected}, got {_describe(value)}")

    return hook


def _fold(key: str) -> str:
    """*key* as a tolerant read compares it: ASCII letters in one case, as .NET's readers do."""
    return key.lower() if key.isascii() else key


class _Spelling(dict[str, str]):
    """A shape's keys by their case-folded spelling (see :func:`_fold`), and PRO's spellings."""

    def __init__(self, keys: Iterable[str]) -> None:
        super().__init__((_fold(key), key) for key in keys)
        self.canonical = frozenset(self.values())
        self.nested: tuple[tuple[str, Mapping[str, object]], ...] = ()
        """For a nested shape of :data:`_SHAPES`: its keys that hold objects, and theirs."""


def _folded(value: dict[str, Any], keys: _Spelling) -> dict[str, Any]:
    """*value* with each key spelled as PRO spells it, where only its case differs.

    *keys* maps each key of the shape, folded by :func:`_fold`, to PRO's spelling. A key given
    in PRO's spelling wins over other spellings of it; among other spellings, the last wins,
    as a key given twice does. A key that only case-folding beyond ASCII would match stays as
    it is, and is unknown.
    """
    if keys.canonical.issuperset(value):
        return value
    out: dict[str, Any] = {}
    for key, item in value.items():
        canonical = keys.get(_fold(key), key)
        if canonical == key or canonical not in value:
            out[canonical] = item
        else:
            out[key] = item  # PRO's own spelling is given too, and wins
    return out


@functools.cache
def _keys_of(cls: type) -> _Spelling:
    """The keys of *cls* on the wire, derived totals too, by their case-folded spelling."""
    return _Spelling((*schema(cls), *DERIVED.get(cls, ())))


# PRO nests a country's codes and a currency's code in objects of their own: the keys of each
# shape, and for a nested object the shape inside it.
_SHAPES: Final[Mapping[type, Mapping[str, object]]] = MappingProxyType(
    {
        Country: {
            "Name": None,
            "IsoCode": {"TwoLetterCode": None, "ThreeLetterCode": None, "NumericCode": None},
        },
        Money: {"Amount": None, "Currency": {"IsoCode": None, "Name": None}},
    }
)
_MISSING: Final = object()


def _spell(shape: Mapping[str, object]) -> dict[int, _Spelling]:
    """The spelling of *shape* and of each shape nested in it, by the shape's ``id``."""
    spelling = _Spelling(shape)
    spelling.nested = tuple((k, v) for k, v in shape.items() if isinstance(v, Mapping))
    found = {id(shape): spelling}
    for _, inner in spelling.nested:
        found.update(_spell(inner))
    return found


_SPELLINGS: Final = {key: s for shape in _SHAPES.values() for key, s in _spell(shape).items()}


def _spelling_of(shape: Mapping[str, object]) -> _Spelling:
    """The spelling of one of the nested shapes of :data:`_SHAPES`."""
    return _SPELLINGS[id(shape)]


class _Located(Exception):  # noqa: N818 - raised and caught inside this module only
    """Problems found inside a value, each at its path from that value."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


def _outside(
    shape: Mapping[str, object], obj: Mapping[str, object], path: str, *, exact: bool = False
) -> list[tuple[str, str]]:
    """Each key of *obj* that *shape* does not have, all the way down: its path, and why.

    With *exact*, a key that is another spelling of one of *shape*'s raises :class:`_Refusal`
    (see :func:`_unknown`).
    """
    found: list[tuple[str, str]] = []
    keys = _spelling_of(shape)
    for key, item in obj.items():
        if key not in shape:
            _exactly_unknown(key, item, keys, exact=exact)
            found.append((_join(path, _key(key)), _no_such_key(key, keys)))
        elif type(inner := shape[key]) is dict and isinstance(item, dict):
            found += _outside(inner, item, _join(path, key), exact=exact)
    return found


def _fold_shape(shape: Mapping[str, object], value: dict[str, Any]) -> dict[str, Any]:
    """*value* with every key of *shape*, all the way down, spelled as PRO spells it."""
    folded = _folded(value, _spelling_of(shape))
    for key, inner in shape.items():
        if isinstance(inner, Mapping) and isinstance(given := folded.get(key), dict):
            spelt = _fold_shape(inner, given)
            if spelt is not given:
                folded = {**folded, key: spelt}
    return folded


def _an_object(value: object, _: object = None) -> dict[str, Any]:
    """*value*, if it is a JSON object."""
    if not isinstance(value, dict):
        raise _Refusal("wrong_type", f"expected an object, got {_describe(value)}")
    return value


_DOUBTS: ContextVar[list[None] | None] = ContextVar("_DOUBTS", default=None)
"""While :func:`from_wire` reads tolerantly: a note for each object with a key not of its shape
or not spelt as PRO spells it. With none, no key is unknown, and the document is not walked
to find them."""


def _doubt() -> None:
    """Note that an object read has a key unknown or spelt otherwise (see :data:`_DOUBTS`)."""
    doubts = _DOUBTS.get()
    if doubts is not None:
        doubts.append(None)


class _Shape:
    """Reads the fields of one nested object of PRO's, collecting every problem at its path."""

    def __init__(self, cls: type, value: object, *, strict: bool) -> None:
        value = _an_object(value)
        self.value: dict[str, object] = value if strict else _fold_shape(_SHAPES[cls], value)
        if self.value is not value:
            _doubt()
        self.problems = [
            Problem(code="unknown_key", path=at, message=why)
            for at, why in (_outside(_SHAPES[cls], value, "") if strict else ())
        ]

    def read(self, path: str, hook: Callable[[object, type], Any], *, required: bool) -> Any:  # noqa: ANN401
        """The value at *path* (``IsoCode.TwoLetterCode``) read by *hook*, or ``None``."""
        found: object = self.value
        *parents, last = path.split(".")
        for key in parents:
            found = found.get(key) if isinstance(found, dict) else None
        if not isinstance(found, dict):
            return None  # the parent's problem is named where the parent is read
        found = found.get(last, _MISSING)
        if found is _MISSING:
            if required:
                self.problems.append(
                    Problem(code="missing_key", path=path, message="expected a value, found none")
                )
            return None
        try:
            return hook(found, object)
        except _Refusal as refusal:
            self.problems.append(Problem(code=refusal.code, path=path, message=refusal.message))
            return None

    def done(self) -> None:
        """Raise every problem found, if there is one."""
        if self.problems:
            raise _Located(self.problems)


def _plain(value: object, shape: Mapping[str, object]) -> TypeGuard[dict[str, Any]]:
    """Whether *value* is an object of *shape* with PRO's spellings only, all the way down.

    Such a value is read without :class:`_Shape`'s bookkeeping; anything that then goes
    wrong is read again by :class:`_Shape`, which names the problems.
    """
    if not (isinstance(value, dict) and _spelling_of(shape).canonical.issuperset(value)):
        return False
    for key, inner in _spelling_of(shape).nested:
        if key in value and not _plain(value[key], inner):
            return False
    return True


def _country_hook(*, strict: bool) -> Callable[[object, type], Country]:
    shape = _SHAPES[Country]

    def hook(value: object, _: type) -> Country:
        if _plain(value, shape) and isinstance(codes := value.get("IsoCode"), dict):
            with contextlib.suppress(_Refusal, ValidationError):
                return _plain_country(
                    value.get("Name"),
                    codes.get("TwoLetterCode"),
                    codes.get("ThreeLetterCode"),
                    codes.get("NumericCode"),
                )
        return _country(value, strict=strict)

    return hook


def _plain_country(name: object, two: object, three: object, numeric: object) -> Country:
    """A country from the values of PRO's plain shape (absent ones as ``None``), if they fit.

    Raises:
        _Refusal: Or a ValidationError, if one does not: for :func:`_country` to name.
    """
    made = _COUNTRY_OF(
        iso_code=_string(two, Country),
        name=_optional_text(name, Country),
        three_letter_code=_optional_text(three, Country),
        numeric_code=_optional_text(numeric, Country),
    )
    _COUNTRY_RULES(made)  # the constructor's rules; its converters would change nothing
    return made


def _country(value: object, *, strict: bool) -> Country:
    shape = _Shape(Country, value, strict=strict)
    shape.read("IsoCode", _an_object, required=True)
    code = shape.read("IsoCode.TwoLetterCode", _string, required=True)
    three = shape.read("IsoCode.ThreeLetterCode", _optional_text, required=False)
    numeric = shape.read("IsoCode.NumericCode", _optional_text, required=False)
    name = shape.read("Name", _optional_text, required=False)
    shape.done()
    return Country(iso_code=code, name=name, three_letter_code=three, numeric_code=numeric)


def _money_hook(*, strict: bool) -> Callable[[object, type], Money]:
    shape = _SHAPES[Money]

    def hook(value: object, _: type) -> Money:
        if _plain(value, shape) and isinstance(currency := value.get("Currency"), dict):
            with contextlib.suppress(_Refusal, ValidationError):
                return _plain_money(
                    value.get("Amount"), currency.get("IsoCode"), currency.get("Name")
                )
        return _money(value, strict=strict)

    return hook


def _plain_money(amount: object, code: object, name: object) -> Money:
    """Money from the values of PRO's plain shape (absent ones as ``None``), if they fit.

    Raises:
        _Refusal: Or a ValidationError, if one does not: for :func:`_money` to name.
    """
    made = _MONEY_OF(
        amount if type(amount) is Decimal else _decimal(amount, Money),
        # Text the rules refuse if it holds a lone surrogate, as _string would.
        code if type(code) is str else _string(code, Money),
    )
    _MONEY_RULES(made)  # the constructor's rules (it has no converters)
    if name is not None:
        _optional_text(name, Money)  # PRO's to fill in
    return made


_MONEY_OF: Final = builder(Money)
_COUNTRY_OF: Final = builder(Country)
_MONEY_RULES: Final = rules_of(Money)
_COUNTRY_RULES: Final = rules_of(Country)


def _money(value: object, *, strict: bool) -> Money:
    shape = _Shape(Money, value, strict=strict)
    amount = shape.read("Amount", _decimal, required=True)
    shape.read("Currency", _an_object, required=True)
    code = shape.read("Currency.IsoCode", _string, required=True)
    shape.read("Currency.Name", _optional_text, required=False)  # PRO's to fill in
    shape.done()
    return Money(amount=amount, currency=code)


_ENUMS = tuple(
    kind
    for module in (values, consignment, responses, planning)
    for kind in vars(module).values()
    if isinstance(kind, type) and issubclass(kind, Enum) and kind.__module__ == module.__name__
)


def make_converter(*, strict: bool = False, extensions: bool = True) -> cattrs.Converter:
    """Build a converter with every wire rule of PRO's contract.

    With *strict*, unknown keys are refused instead of reported. Without *extensions*,
    orderpack's own fields are left out when writing, for a request to send to PRO as is.

    Args:
        strict: Whether reading refuses unknown keys and keys or enum names in another case;
            a converter that is not strict ignores unknown keys.
        extensions: Whether writing includes orderpack's own fields; ``False`` leaves them out.
    """
    converter = cattrs.Converter(detailed_validation=True, forbid_extra_keys=strict)
    _register_values(converter, strict=strict)
    _register_classes(converter, strict=strict, extensions=extensions)
    return converter


def _register_values(converter: cattrs.Converter, *, strict: bool) -> None:
    """Strict hooks for PRO's scalars: no coercion from one JSON type to another."""
    # By class, as cattrs registers its own coercing hooks (str(5), bool("no")); each enum's
    # own registration below is more specific than str's, so enums still get theirs.
    converter.register_structure_hook(str, _string)
    converter.register_structure_hook(int, _whole)
    converter.register_structure_hook(bool, _strict("true or false", lambda v: isinstance(v, bool)))
    converter.register_structure_hook_func(lambda t: t == str | None, _optional_text)
    converter.register_structure_hook(Decimal, _decimal)
    converter.register_structure_hook(datetime, _datetime)
    converter.register_structure_hook(date, _date)
    converter.register_structure_hook(time, _time_of_day)
    converter.register_structure_hook(timedelta, _offset)
    for enum in _ENUMS:  # by exact class: cattrs' own Enum hook would win over a predicate
        converter.register_structure_hook(enum, _enum_hook(enum, strict=strict))
    converter.register_structure_hook(Country, _country_hook(strict=strict))
    converter.register_structure_hook(Money, _money_hook(strict=strict))
    converter.register_structure_hook_factory(_is_tuple, _tuple_factory)
    # Enums are written as their values, plain text; Decimals as they are, by cattrs itself.
    for enum in _ENUMS:
        converter.register_unstructure_hook(enum, _enum_value)
    converter.register_unstructure_hook(datetime, datetime.isoformat)
    converter.register_unstructure_hook(date, date.isoformat)
    converter.register_unstructure_hook(time, time.isoformat)
    converter.register_unstructure_hook(timedelta, _offset_out)
    converter.register_unstructure_hook(Country, _country_out)
    converter.register_unstructure_hook(Money, _money_out)


def _enum_value(member: Any) -> str:  # noqa: ANN401 - an Enum, as dispatched by class
    return str(member.value)


def _money_out(money: Money) -> dict[str, object]:
    return {"Amount": money.amount, "Currency": {"IsoCode": money.currency}}


def _country_out(country: Country) -> dict[str, object]:
    codes = {
        "TwoLetterCode": country.iso_code,
        "ThreeLetterCode": country.three_letter_code,
        "NumericCode": country.numeric_code,
    }
    iso: dict[str, object] = {"IsoCode": {k: v for k, v in codes.items() if v is not None}}
    return {"Name": country.name, **iso} if country.name else iso


def _is_tuple(t: object) -> bool:
    origin: object = typing.get_origin(t)
    return is_sequence(t) and origin is tuple


def _tuple_factory(t: type, conv: cattrs.Converter) -> Callable[[object, type], object]:
    inner = homogenous_tuple_structure_factory(t, conv)

    def hook(value: object, target: type) -> object:
        if not isinstance(value, list):
            raise _Refusal("wrong_type", f"expected an array, got {_describe(value)}")
        return inner(value, target)

    return hook


def _register_classes(converter: cattrs.Converter, *, strict: bool, extensions: bool) -> None:
    """PascalCase keys for every orderpack class, with totals and extensions handled."""
    converter.register_structure_hook_factory(
        is_orderpack_class, functools.partial(_structure_factory, strict=strict)
    )
    converter.register_unstructure_hook_factory(
        is_orderpack_class, functools.partial(_unstructure_factory, extensions=extensions)
    )


def _structure_factory(
    cls: type, conv: cattrs.Converter, *, strict: bool
) -> Callable[[object, type], object]:
    """A reader of *cls* by PRO's keys (any case, unless *strict*), its totals checked."""
    renames = {f.name: override(rename=wire_name(cls, f.name)) for f in init_fields(cls)}
    # mypy cannot mix the factory's bool options with **overrides (a cattrs signature).
    generated: Callable[[Mapping[str, object], type], object] = make_dict_structure_fn(
        cls,
        conv,
        **renames,  # type: ignore[arg-type]
    )
    derived = DERIVED.get(cls, frozenset())

    keys = _keys_of(cls)

    def hook(value: object, target: type) -> object:
        value = _an_object(value)
        if not strict and (folded := _folded(value, keys)) is not value:
            _doubt()
            value = folded
        if not derived or not derived & value.keys():
            return generated(value, target)
        # PRO's totals are not kept, but a total of the wrong shape is still refused.
        problems = [
            problem
            for key in sorted(derived & value.keys())
            for problem in _derived_problems(conv, key, value[key])
        ]
        try:
            made = generated({k: v for k, v in value.items() if k not in derived}, target)
        except Exception as error:  # noqa: BLE001 - named with the totals' problems
            problems += _problems(error, "", cls)
        if problems:
            raise _Located(problems)
        return made

    return hook


_ABSENT_ENUMS: Final = frozenset({"source", "direction", "state"})
"""Fields whose enum default is what PRO takes when the key is absent: Api, Outbound,
Unallocated."""


def _absent_is_default(field: attrs.Attribute[Any]) -> bool:
    """Whether PRO reads an absent key as this field's default, so writing it adds nothing.

    An empty list (tags, metadata, items, ...), a false flag (``GenerateReturn``,
    ``IsCached``, ...), and an order's or consignment's source, direction and state at their
    defaults are left out when written, so a document read and written back gains no key.
    """
    return (
        field.default == ()
        or field.default is False
        or (field.name in _ABSENT_ENUMS and isinstance(field.default, Enum))
    )


def _unstructure_factory(
    cls: type, conv: cattrs.Converter, *, extensions: bool
) -> Callable[[object], dict[str, object]]:
    """A writer of *cls* by PRO's keys, leaving out none and, unless *extensions*, orderpack's."""
    skipped = frozenset() if extensions else EXTENSIONS.get(cls, frozenset())
    renames = {
        f.name: override(omit=True)
        if f.name in skipped
        else override(rename=wire_name(cls, f.name), omit_if_default=_absent_is_default(f))
        for f in init_fields(cls)
    }
    generated: Callable[[object], dict[str, object]] = make_dict_unstructure_fn(
        cls,
        conv,
        **renames,  # type: ignore[arg-type]
    )
    with_totals = cls in DERIVED
    order = [wire_name(cls, f.name) for f in init_fields(cls) if f.name not in skipped]

    def hook(value: object) -> dict[str, object]:
        # None is written by leaving the key out; keys keep the order of the class's fields
        # (cattrs writes the ones it may leave out last).
        made = generated(value)
        out = {k: v for k in order if (v := made.get(k)) is not None}
        if with_totals:
            out.update(_totals(value, conv.unstructure))  # type: ignore[arg-type]  # Order or Consignment
        return out

    return hook


_TOTALS: Final[Mapping[str, type]] = MappingProxyType({"Weight": Weight, "Value": Money})


_RANGE: Final = frozenset({"out_of_range", "too_precise"})
"""Problems a total may have: a sum of what PRO holds may lie past what PRO holds."""


def _derived_problems(conv: cattrs.Converter, key: str, value: object) -> list[Problem]:
    """The problems of a derived total's shape, read as what it totals, at its key.

    Only its shape is judged: a total is a sum, and orderpack writes the exact sum, which may
    lie past what one measure or amount may be.
    """
    try:
        conv.structure(value, _TOTALS[key])
    except Exception as error:  # noqa: BLE001 - every failure becomes a problem
        return [p for p in _problems(error, key, _TOTALS[key]) if p.code not in _RANGE]
    return []


def _totals(value: Order | Consignment, write: Callable[[object], Any]) -> dict[str, Any]:
    """An order's or consignment's derived Weight and Value, where they can be summed."""
    if isinstance(value, Order):
        weights = [(item.weight, item.quantity) for item in value.items]
        values = [(item.value, item.quantity) for item in value.items]
    else:
        weights = [(p.weight, 1) for p in value.packages if p.weight is not None]
        values = [(p.value, 1) for p in value.packages if p.value is not None]
    out: dict[str, Any] = {}
    if weights:
        out["Weight"] = write(Weight.total_of_lines(weights))
    if values and len({v.currency for v, _ in values}) == 1:
        out["Value"] = write(Money.total_of_lines(values))
    return out


def _compiled(
    cls: type, write: Callable[[object], object], *, extensions: bool
) -> Callable[[object], dict[str, object]]:
    """A writer of *cls* by PRO's keys, as the cattrs writer writes it, without cattrs' calls.

    The same fields, names and order; None and what PRO reads an absent key as are left
    out; the derived totals after. Built once per class from ``attrs.fields``, so it cannot
    drift from the class; a property holds its text equal to the cattrs writer's.
    """
    skipped = frozenset() if extensions else EXTENSIONS.get(cls, frozenset())
    hints = typing.get_type_hints(cls)
    namespace: dict[str, object] = {"write": write, "totals": _totals}
    lines = ["def written(value):", "    out = {}"]
    for n, field in enumerate(init_fields(cls)):
        if field.name in skipped:
            continue
        kind = _kind(hints[field.name])
        written = "item" if kind in _PLAIN else "write(item)"
        if isinstance(kind, type) and issubclass(kind, Enum):
            namespace[f"names{n}"] = {member: str(member.value) for member in kind}
            written = f"names{n}[item]"
        test = "item is not None"
        if _absent_is_default(field):
            namespace[f"default{n}"] = field.default
            test += f" and item != default{n}"
        lines += [
            f"    item = value.{field.name}",
            f"    if {test}:",
            f"        out[{wire_name(cls, field.name)!r}] = {written}",
        ]
    if cls in DERIVED:
        lines.append("    out.update(totals(value, write))")
    lines.append("    return out")
    exec("\n".join(lines), namespace)  # noqa: S102 - made from the class's own fields
    return typing.cast("Callable[[object], dict[str, object]]", namespace["written"])


_PLAIN: Final = (str, int, bool, Decimal)
"""What a writer writes as it is: JSON's own types, and Decimals with their digits."""


def _kind(hint: object) -> object:
    """*hint* without ``| None``: the class a field holds, or what is left of a union."""
    given = [kind for kind in typing.get_args(hint) if kind is not type(None)]
    return given[0] if len(given) == 1 and typing.get_origin(hint) in _UNIONS else hint


_UNIONS: Final = (typing.Union, types.UnionType)


@functools.cache
def _fast(*, extensions: bool) -> Callable[[object], object]:
    """The compiled writer of every value, classes' writers made the first time they are met."""
    by_class: dict[type, Callable[[Any], object]] = {
        Country: _country_out,
        Money: _money_out,
        datetime: datetime.isoformat,
        date: date.isoformat,
        time: time.isoformat,
        timedelta: _offset_out,
    }

    def write(value: object) -> object:
        kind = type(value)
        if kind in _PLAIN:
            return value
        if kind is tuple or kind is list:
            return [write(item) for item in typing.cast("list[object]", value)]
        found = by_class.get(kind)
        if found is None:
            enum = isinstance(value, Enum)
            found = by_class[kind] = (
                _enum_value if enum else _compiled(kind, write, extensions=extensions)
            )
        return found(value)

    return write


# Strictness only governs reading, and extensions only writing: a reader per strictness and a
# writer per choice of extensions, each built when first used and then kept.
@functools.cache
def _reader(*, strict: bool) -> cattrs.Converter:
    return make_converter(strict=strict)


@functools.cache
def _writer(*, extensions: bool) -> cattrs.Converter:
    return make_converter(extensions=extensions)


# --- writing -------------------------------------------------------------------------------


def to_wire(value: object, *, extensions: bool = True) -> Any:  # noqa: ANN401 - JSON's shape
    """Return *value* as PRO's JSON value: dicts, lists, strings, ints, booleans and Decimals.

    Without *extensions*, orderpack's own fields are left out. Enums are their values, plain
    text; numbers with a fraction are Decimals, exactly as held, so :func:`write_json` (not
    ``json.dumps``) writes a value that holds this one.

    Args:
        value: The value to convert, such as an order, a request or a consignment.
        extensions: Whether to include orderpack's own fields; ``False`` gives PRO's body as is.
    """
    return _writer(extensions=extensions).unstructure(value)


def write_json(value: object, *, indent: int | None = None) -> str:
    """Write a JSON value that holds what :func:`to_wire` returns, every digit kept.

    ``json.dumps`` refuses Decimals, and writing them as floats or strings would lose digits
    or change their JSON type. To carry a document inside a JSON envelope of your own, build
    the envelope around :func:`to_wire`'s value and write it with this:

    >>> from decimal import Decimal
    >>> write_json({"Id": 7, "Weight": to_wire(Weight(value=Decimal("0.50000")))})
    '{"Id":7,"Weight":{"Value":0.50000,"Unit":"Kg"}}'

    *value* may hold dicts, lists, tuples, strings, ints, Decimals, booleans and None.

    Args:
        value: The JSON value to write, such as :func:`to_wire` returns or an envelope around it.
        indent: Spaces to indent each level by, one value per line; ``None`` writes compact text.
    """
    return json_text.write(value, indent=indent)


def dumps(value: object, *, extensions: bool = True, indent: int | None = None) -> str:
    """Write *value* as PRO v1 JSON.

    Without *extensions*, orderpack's own fields (a pack request's origin, shipping date and
    carrier service; a consignment's carrier service, order reference and return link) are
    left out, for a document to send to PRO as it is. With *indent*, the output is
    pretty-printed, numbers still exact.

    Args:
        value: The value to write, such as an order, a request or a consignment.
        extensions: Whether to write orderpack's own fields; ``False`` for a document for PRO.
        indent: Spaces to indent each level by; ``None`` (the default) writes compact text.

    >>> from decimal import Decimal
    >>> dumps(Weight(value=Decimal("0.50000")))
    '{"Value":0.50000,"Unit":"Kg"}'
    """
    wire = _fast(extensions=extensions)(value)
    return json_text.write_wire(wire) if indent is None else json_text.write(wire, indent=indent)


# --- reading -------------------------------------------------------------------------------


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
    quick = _quick(data, cls, strict=strict)
    if quick is not None:
        return quick
    return from_wire(parse(data, strict=strict), cls, strict=strict)


# --- the quick path ------------------------------------------------------------------------
#
# A document whose every key is spelt as PRO spells it is decoded by msgspec (compiled) into
# structs generated from the attrs classes and their wire names, and then built by the same
# hooks that cattrs' path uses and each class's rules. Anything else, and anything that goes
# wrong, is read again by cattrs' path, which names every problem: the quick path only ever
# gives what that path gives, or nothing.
#
# Each class has two structs: one that refuses a key it does not have, and one that passes
# over it, for a tolerant read of a document with unknown keys, which is then walked for them
# (as cattrs' path does) and given up to that path on a key spelt otherwise. msgspec keeps the
# last of a key given twice without a word, as a tolerant read does; a strict read tells it by
# counting colons: each member of an object has one, outside strings, so the document has as
# many as its decoded structs written out again, unless a key was given twice (or a string
# spells a colon as an escape, which sends the document the long way).

_AS_ZEROS: Final = bytes(ord("0" if chr(byte) in "0123456789" else " ") for byte in range(256))
"""A byte table making every ASCII digit ``0`` and every other byte a space."""

_LONG_NUMBER: Final = b"0" * (MAX_NUMBER_TEXT - 1)
"""A run of digits, once translated, that may be a number too long to read: left to
:func:`parse` to judge. Found by translating and searching, both in C's loops: a regular
expression took 16 times as long on a 2.5 MB document."""

_ESCAPES_NEAR_COLON: Final = b"\\u003"
"""How a colon written as an escape (``\\u003a``) begins, which the count of colons (see
above) cannot tell apart from a member's: a document holding it, or an escape of another
character from ``0`` to ``?``, is not read quickly when the count matters."""

_WRITE_STRUCTS: Final = msgspec.json.Encoder().encode


def _quick(data: str | bytes, cls: type[T], *, strict: bool) -> Read[T] | None:
    """*data* read as a *cls* by the quick path, or ``None`` if it cannot tell."""
    quick = _quick_readers(strict=strict).get(cls)
    if quick is None or not isinstance(data, str | bytes | bytearray):
        return None  # anything else is for parse to judge
    text = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if _LONG_NUMBER in text.translate(_AS_ZEROS):
        return None
    decoder, build = quick
    built = _built(text, decoder, build)
    if built is not None:
        made, struct = built
        if not strict or _once_each(text, struct):
            return Read(value=made, unknown=())
        return None  # a key given twice, for cattrs' path to name
    return None if strict else _quick_passing(text, cls, build)


def _quick_passing(text: bytes, cls: type[T], build: Callable[[Any], T]) -> Read[T] | None:
    """*text*, which has a key its structs do not, read by the structs passing over them."""
    built = _built(text, _passing_decoders()[cls], build)
    if built is None:
        return None
    unknown = _quick_unknown(text, cls)
    return None if unknown is None else Read(value=built[0], unknown=unknown)


def _built(
    text: bytes, decoder: msgspec.json.Decoder[Any], build: Callable[[Any], T]
) -> tuple[T, object] | None:
    """The value *text* holds, and the struct it was built from; or ``None``."""
    doubts: list[None] = []
    noting = _DOUBTS.set(doubts)
    try:
        struct = decoder.decode(text)
        made = build(struct)
    except Exception:  # noqa: BLE001 - cattrs' path reads it again and names the problems
        return None
    finally:
        _DOUBTS.reset(noting)
    # Money and countries are read by their hooks, which note a key not of their shape.
    return None if doubts else (made, struct)


def _once_each(text: bytes, struct: object) -> bool:
    """Whether *text*, decoded as *struct*, gives no key twice in one object (see above)."""
    try:
        written = _WRITE_STRUCTS(struct)
    except Exception:  # noqa: BLE001 - a number kept aside, say: cattrs' path judges it
        return False
    return text.count(b":") == written.count(b":") and _ESCAPES_NEAR_COLON not in text


def _quick_unknown(text: bytes, cls: type) -> tuple[str, ...] | None:
    """The unknown keys of *text*, a document the quick path has read, or ``None``.

    ``None`` if a key is another spelling of a known one, which the quick path has passed
    over, and which cattrs' path reads as that key; if an unknown key's value nests deeper
    than :data:`_DEEPEST_UNKNOWN`; or if the document does not decode as plain JSON: text an
    unknown key holds, which the struct passed over unread, may not be UTF-8, and a number
    may be past what a float holds (the walk reads keys only, and floats are quickest).
    """
    try:
        return tuple(_unknown(msgspec.json.decode(text), cls, "", exact=True))
    except Exception:  # noqa: BLE001 - cattrs' path reads it again and names the problems
        return None


@functools.cache
def _quick_structs(*, forbid: bool) -> dict[type, tuple[type, list[tuple[str, str, object]]]]:
    """The struct for each class a document holds, and its plan (see :func:`_quick_builder`).

    A class's plan names the class of each nested value: nested classes come first. With
    *forbid*, a struct refuses a key it does not have; else it passes over it.
    """
    made: dict[type, tuple[type, list[tuple[str, str, object]]]] = {}

    def struct_of(cls: type) -> type:
        if cls in made:
            return made[cls][0]
        hints = typing.get_type_hints(cls)
        fields: list[tuple[str, object, object]] = []
        plan: list[tuple[str, str, object]] = []
        for field in init_fields(cls):
            hint = hints[field.name]
            core = _kind(hint)
            optional = core is not hint
            inner = field_class(cls, field.name)
            if isinstance(inner, type) and inner in _SHAPES and core is inner:
                child = _shape_struct(inner.__name__, _SHAPES[inner], forbid=forbid)
                fields.append((field.name, child | None if optional else child, msgspec.UNSET))
                plan.append((field.name, "shape", inner))
                continue
            if not is_orderpack_class(inner) or (
                typing.get_origin(hint) in _UNIONS and not optional
            ):
                fields.append((field.name, Any, msgspec.UNSET))
                plan.append((field.name, "leaf", hint))
                continue
            child = struct_of(inner)
            many = typing.get_origin(core) is tuple
            wire: object = list[child] if many else child  # type: ignore[valid-type]
            fields.append((field.name, wire | None if optional else wire, msgspec.UNSET))  # type: ignore[operator]
            plan.append((field.name, "many" if many else "one", inner))
        fields.extend(
            (f"derived_{key.lower()}", Any, msgspec.UNSET) for key in DERIVED.get(cls, ())
        )
        struct = msgspec.defstruct(
            f"Quick{cls.__name__}",
            fields,
            rename={
                **{f.name: wire_name(cls, f.name) for f in init_fields(cls)},
                **{f"derived_{key.lower()}": key for key in DERIVED.get(cls, ())},
            },
            forbid_unknown_fields=forbid,
            gc=False,
        )
        made[cls] = (struct, plan)
        return struct

    for cls in KINDS.values():
        struct_of(cls)
    return made


@functools.cache
def _quick_readers(
    *, strict: bool
) -> dict[type, tuple[msgspec.json.Decoder[Any], Callable[[Any], Any]]]:
    """For each class a document holds, a decoder into its struct refusing unknown keys.

    And a builder of the class from that struct, or from the one passing over unknown keys
    (:func:`_passing_decoders`).
    """
    conv = _reader(strict=strict)
    builders: dict[type, Callable[[Any], Any]] = {}
    for cls, (_, plan) in _quick_structs(forbid=True).items():  # nested classes first
        steps: list[tuple[str, str, object]] = []
        for name, kind, how in plan:
            if kind == "shape":  # one of PRO's nested shapes, read by its plain reader
                steps.append((name, "one", _PLAIN_OF[how]))  # type: ignore[index]
            elif kind == "leaf":
                steps.append((name, kind, how))
            else:
                steps.append((name, kind, builders[how]))  # type: ignore[index]
        builders[cls] = _quick_builder(cls, steps, conv)
    return {
        cls: (msgspec.json.Decoder(struct, float_hook=_parse_float), builders[cls])
        for cls, (struct, _) in _quick_structs(forbid=True).items()
    }


@functools.cache
def _passing_decoders() -> dict[type, msgspec.json.Decoder[Any]]:
    """A decoder into each class's struct passing over unknown keys: made when first needed."""
    return {
        cls: msgspec.json.Decoder(struct, float_hook=_parse_float)
        for cls, (struct, _) in _quick_structs(forbid=False).items()
    }


def _shape_struct(name: str, shape: Mapping[str, object], *, forbid: bool) -> type:
    """A struct of one of PRO's nested shapes (:data:`_SHAPES`); an absent value is unset.

    An absent nested object fails when read into; other absent values are given to
    :func:`_plain_money` and :func:`_plain_country` as ``None`` by :data:`_PLAIN_OF`.
    """
    fields = [
        (
            key,
            _shape_struct(f"{name}{key}", inner, forbid=forbid)
            if isinstance(inner, Mapping)
            else Any,
        )
        for key, inner in shape.items()
    ]
    return msgspec.defstruct(
        f"Quick{name}",
        [(key, kind, msgspec.UNSET) for key, kind in fields],
        forbid_unknown_fields=forbid,
        gc=False,
    )


def _given(value: object) -> object:
    """*value*, or ``None`` for one a document left out."""
    return None if value is msgspec.UNSET else value


_PLAIN_OF: Final[Mapping[type, Callable[[Any], object]]] = MappingProxyType(
    {
        Money: lambda s: _plain_money(
            s.Amount,
            s.Currency.IsoCode,
            None if s.Currency.Name is msgspec.UNSET else s.Currency.Name,
        ),
        Country: lambda s: _plain_country(
            _given(s.Name),
            s.IsoCode.TwoLetterCode,
            _given(s.IsoCode.ThreeLetterCode),
            _given(s.IsoCode.NumericCode),
        ),
    }
)
"""How the quick path builds each of PRO's nested shapes from its struct."""


def _quick_builder(
    cls: type, plan: list[tuple[str, str, object]], conv: cattrs.Converter
) -> Callable[[Any], Any]:
    """A function building a *cls* from its quick struct, generated field by field.

    *plan* gives each field's name, how it is read (``leaf`` by the converter's hook for its
    type, ``one`` or ``many`` by another class's builder, or a nested shape's reader), and
    that type or builder.

    Each value read is already what the class's converters make of it (an enum's member, a
    tuple, ``None`` for empty text), and of the type its field is annotated with: each hook
    gives a value of its type or refuses, and a nested value is built by its class's builder.
    So the value is built as :mod:`orderpack._trusted` builds one, each field left out as
    ``cls(...)`` defaults it, and then the class's rules run on it
    (:func:`~orderpack._types.rules_of`): every check the constructor applies, without going
    through its keyword arguments and converters, or checking the types again.
    """
    namespace: dict[str, object] = {
        "UNSET": msgspec.UNSET,
        "refuse": _refuse_total,
        "absent": _absent,
        "Decimal": Decimal,
        "make": builder(cls),
        "check": rules_of(cls),
    }
    fields = attrs.fields(cls)
    lines = ["def build(struct):"]
    read: dict[str, str] = {}
    for n, (name, kind, how) in enumerate(plan):
        if kind == "leaf":
            hook = conv.get_structure_hook(how)
            namespace[f"hook{n}"], namespace[f"hint{n}"] = hook, how
            made = _AS_DECODED.get(hook, "{hook}").format(hook=f"hook{n}(value, hint{n})")
            if isinstance(how, type) and issubclass(how, Enum):
                namespace[f"members{n}"] = {member.value: member for member in how}
                made = (
                    f"member if type(value) is str and "
                    f"(member := members{n}.get(value)) is not None else {made}"
                )
        else:
            namespace[f"make{n}"] = how
            made = f"make{n}(value)" if kind == "one" else f"tuple(map(make{n}, value))"
            made = f"None if value is None else {made}"
        namespace[f"default{n}"], default = _default(getattr(fields, name), f"default{n}")
        lines += [
            f"    value = struct.{name}",
            f"    v{n} = {default} if value is UNSET else ({made})",
        ]
        read[name] = f"v{n}"
    for key in sorted(DERIVED.get(cls, ())):
        namespace[f"total_{key}"] = functools.partial(_derived_problems, conv, key)
        total = f"struct.derived_{key.lower()}"
        lines += [
            f"    if {total} is not UNSET and total_{key}({total}):",
            f"        refuse({key!r})",
        ]
    arguments = []
    for field in fields:  # one not read is no argument of the constructor: its default
        if field.name not in read:
            namespace[f"unread_{field.name}"], read[field.name] = _default(
                field, f"unread_{field.name}"
            )
        arguments.append(read[field.name])
    lines += [f"    made = make({', '.join(arguments)})", "    check(made)", "    return made"]
    exec("\n".join(lines), namespace)  # noqa: S102 - made from the class's own fields
    return typing.cast("Callable[[Any], Any]", namespace["build"])


def _default(field: attrs.Attribute[Any], name: str) -> tuple[object, str]:
    """What *field* is when a document leaves it out, and the expression, using *name*, giving it.

    As ``cls(...)`` gives it: a default converted by the field's converter, a factory's new
    value, or, for a field with no default, a refusal (for cattrs' path to name).
    """
    default = field.default
    convert = typing.cast("Callable[[object], object]", field.converter or (lambda value: value))
    if default is attrs.NOTHING:
        return None, "absent()"
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        factory: Callable[[], object] = default.factory  # type: ignore[union-attr]
        return (lambda: convert(factory())), f"{name}()"
    return convert(default), name


def _absent() -> typing.NoReturn:
    """A field a class needs, left out: for cattrs' path to name."""
    raise _Refusal("missing", "a field the class needs is left out")


_AS_DECODED: Final[Mapping[object, str]] = MappingProxyType(
    {
        _optional_text: 'None if value is None or value == "" else '
        "value if type(value) is str else {hook}",
        _string: "value if type(value) is str else {hook}",
        _decimal: "value if type(value) is Decimal else "
        "Decimal(value) if type(value) is int else {hook}",
        _whole: "value if type(value) is int else {hook}",
    }
)
"""Hooks whose answer, for the value msgspec decoded, is that value: they are not called.

A string msgspec decodes never holds a lone surrogate (it refuses the document), so it is
text :func:`_text` passes; a Decimal is one :func:`_parse_float` made, and an int that is not
a bool is a whole number, or the Decimal of one. Any other value is given to the hook. So is
an enum's value that is not one of its members' (the hook names it, or finds it in another
case), after a look in the table of members that the hook looks in first.
"""


def _refuse_total(key: str) -> None:
    """A derived total of the wrong shape: for cattrs' path to name."""
    raise _Refusal("wrong_type", f"{key} is not a total of the shape PRO writes")


def parse(data: str | bytes, *, strict: bool = False) -> object:
    """Parse JSON *data* as :func:`read` does, for :func:`from_wire` to read.

    Numbers become Decimals (a number no value can be is kept aside, to be refused where
    it stands), and a strict parse refuses a key given twice. For a caller that reads one
    text more than one way, as the command line does to tell what a document is.

    Args:
        data: The JSON document, as text or bytes.
        strict: Whether to refuse a key given twice in one object; by default the last one wins.

    Raises:
        ContractError: If *data* is not JSON (``invalid_json``), or, strictly, repeats a key.
    """
    repeats: list[_Duplicated] = []  # a strict parse walks for repeated keys only if any

    def pairs(given: list[tuple[str, Any]]) -> dict[str, Any]:
        made = dict(given)
        if len(made) == len(given):
            return made
        duplicated = _duplicated(given, made)
        repeats.append(duplicated)
        return duplicated

    try:
        obj = json.loads(
            data,
            parse_float=_parse_float,
            parse_int=_parse_int,
            object_pairs_hook=pairs if strict else None,
        )
    except RecursionError:
        raise ContractError(
            [Problem(code="invalid_json", path="", message="expected JSON nested less deeply")]
        ) from None
    except (ValueError, TypeError) as error:
        raise ContractError(
            [Problem(code="invalid_json", path="", message=f"expected JSON: {error}")]
        ) from None
    if repeats:
        raise ContractError(_repeated(obj, ""))
    return obj


def _repeated(obj: object, path: str) -> list[Problem]:
    """A problem for each key given twice in one object of *obj* (strict reads only)."""
    found: list[Problem] = []
    stack: list[tuple[object, str]] = [(obj, path)]
    while stack:
        value, at = stack.pop()
        if isinstance(value, list):
            stack.extend((item, f"{at}[{n}]") for n, item in enumerate(value))
        elif isinstance(value, dict):
            found += (
                Problem(
                    code="duplicate_key",
                    path=_join(at, _key(key)),
                    message="expected each key once in an object (strict)",
                )
                for key in getattr(value, "repeated", ())
            )
            stack.extend((item, _join(at, _key(key))) for key, item in value.items())
    return sorted(found, key=lambda problem: problem.path)


def from_wire(obj: object, cls: type[T], *, strict: bool = False) -> Read[T]:
    """Read an already-parsed JSON value *obj* as a *cls*; see :func:`read`.

    Numbers should be Decimals or ints (``json.loads(..., parse_float=Decimal)``); a float
    is refused, since it may already have lost digits.

    Args:
        obj: The parsed JSON value, such as :func:`parse` returns.
        cls: The class to read *obj* into, one of :data:`KINDS`' values.
        strict: Whether to refuse unknown keys, and keys or enum names in another case.
    """
    doubts: list[None] = []
    noting = _DOUBTS.set(doubts)
    try:
        value = _reader(strict=strict).structure(obj, cls)
    except Exception as error:  # noqa: BLE001 - every failure becomes one ContractError
        raise ContractError(_problems(error, "", cls)) from None
    finally:
        _DOUBTS.reset(noting)
    # In a strict read an unknown key has already been refused; in a tolerant one, the
    # document is walked for them only if an object read had a key not of its shape.
    return Read(value=value, unknown=tuple(_unknown(obj, cls, "")) if doubts else ())


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _key(key: str) -> str:
    """A key as a path shows it: as it is when it is a plain name, else quoted and escaped."""
    if key.isidentifier() and key.isascii():
        return key
    return "[" + json.dumps(key[:SHOWN]) + ("...]" if len(key) > SHOWN else "]")


def _no_such_key(key: str, keys: Mapping[str, str]) -> str:
    """Why a strict read refuses *key*: unknown, or not spelled as PRO spells it."""
    canonical = keys.get(_fold(key))
    if canonical is None:
        return "expected no such key (strict)"
    return f"expected PRO's spelling {shown(canonical)} (strict)"


def _problems(error: BaseException, path: str, cls: object) -> list[Problem]:  # noqa: PLR0911
    """Turn what cattrs raised into problems at wire paths."""
    if isinstance(error, ClassValidationError | IterableValidationError):
        return _nested(error, path)
    if isinstance(error, ForbiddenExtraKeysError):
        return [
            Problem(
                code="unknown_key", path=_join(path, _key(key)), message=_no_such_key(key, keys)
            )
            for keys in [_keys_of(error.cl)]
            for key in sorted(error.extra_fields)
        ]
    if isinstance(error, KeyError):
        return [Problem(code="missing_key", path=path, message="expected a value, found none")]
    if isinstance(error, _Refusal):
        return [Problem(code=error.code, path=path, message=error.message)]
    if isinstance(error, _Located):
        return [attrs.evolve(p, path=_join(path, p.path)) for p in error.problems]
    if isinstance(error, ValidationError):
        return [attrs.evolve(p, path=_wire_path(cls, p.path, path)) for p in error.problems]
    return [Problem(code="bad_value", path=path, message=f"expected a valid value: {error}")]


def _nested(error: ClassValidationError | IterableValidationError, path: str) -> list[Problem]:
    """The problems of each error inside a class's or an array's, each at its own path."""
    problems: list[Problem] = []
    for sub in error.exceptions:
        if isinstance(error, IterableValidationError):
            index = _index(sub)
            problems += _problems(sub, f"{path}[{index.index}]", index.type)
        elif (attribute := _attribute(sub)) is not None:
            at = _join(path, wire_name(error.cl, attribute.name))
            problems += _problems(sub, at, attribute.type)
        else:  # the class's own check (its constructor), or keys it does not know (strict)
            problems += _problems(sub, path, error.cl)
    return problems


def _attribute(error: BaseException) -> AttributeValidationNote | None:
    """The field of a class where *error* happened, as cattrs noted it."""
    notes = getattr(error, "__notes__", ())
    return next((n for n in notes if isinstance(n, AttributeValidationNote)), None)


def _index(error: BaseException) -> IterableValidationNote:
    """The index in an array where *error* happened; cattrs notes one on each."""
    return next(n for n in error.__notes__ if isinstance(n, IterableValidationNote))


def wire_path(cls: type, model_path: str) -> str:
    """Translate *model_path*, a path in a *cls* as Python reads it, into its JSON's keys.

    Args:
        cls: The class the path starts in, such as :class:`~orderpack.Plan`.
        model_path: The path by Python's field names, such as ``allocations[3].ship_day``.

    For naming a problem found in a value where its JSON document has it:

    >>> from orderpack.splitting import Plan
    >>> wire_path(Plan, "allocations[3].ship_day")
    'Allocations[3].ShipDay'
    """
    return _wire_path(cls, model_path, "")


def _wire_path(cls: object, model_path: str, prefix: str) -> str:
    """Translate a model problem's path (``addresses[2].address_type``) into wire keys."""
    path, current = prefix, unwrap(cls)
    for segment in filter(None, model_path.split(".")):
        name, _, index = segment.partition("[")
        # A model path only runs through orderpack's classes, down to a field of one.
        owner = typing.cast("type", current)
        path = _join(path, wire_name(owner, name))
        if index:
            path += f"[{index}"
        current = field_class(owner, name)
    return path


_Walk = tuple[
    Mapping[str, object] | None,
    "_Spelling",
    Mapping[str, tuple[type, "Callable[[dict[str, Any]], bool] | None"]],
]
"""What :func:`_unknown` needs of a class: see :func:`_walk_of`."""


def _unknown(obj: object, hint: object, path: str, *, exact: bool = False) -> list[str]:
    """Wire paths of the keys in *obj* that *hint* does not know, all the way down.

    *hint* is a class, not ``X | None``: the class read, or a field's class from the schema.
    Only objects and arrays are walked into, so a path is built only where a key may hide.
    Money and Country are read from PRO's nested shapes (:data:`_SHAPES`) by their own hooks.
    With *exact*, for the quick path, which reads PRO's spellings only, a key that is another
    spelling of a known one raises :class:`_Refusal` instead of being read as that key.
    """
    if isinstance(obj, list):
        return [
            p
            for n, item in enumerate(obj)
            for p in _unknown(item, hint, f"{path}[{n}]", exact=exact)
        ]
    walk = _walk_of(hint)
    if not (isinstance(obj, dict) and walk is not None):
        return []
    shape, keys, _ = walk
    if shape is not None:
        spelt = obj if exact else _fold_shape(shape, obj)
        return [at for at, _ in _outside(shape, spelt, path, exact=exact)]
    return _unknown_in(obj if exact else _folded(obj, keys), walk, path, exact=exact)


def _unknown_in(obj: dict[str, Any], walk: _Walk, path: str, *, exact: bool) -> list[str]:
    """:func:`_unknown` of an object of one of orderpack's classes, its keys spelt as PRO's."""
    _, keys, inner = walk
    known = keys.canonical  # every key the class knows, derived totals too
    if not inner and known.issuperset(obj):
        return []
    found: list[str] = []
    for key, item in obj.items():
        if key in inner:
            cls, plain = inner[key]
            if not (plain is not None and type(item) is dict and plain(item)):
                found += _unknown(item, cls, _join(path, key), exact=exact)
        elif key not in known:
            _exactly_unknown(key, item, keys, exact=exact)
            found.append(_join(path, _key(key)))
    return found


@functools.cache
def _walk_of(hint: object) -> _Walk | None:
    """What :func:`_unknown` needs of *hint*, once: ``None`` for no class of orderpack's.

    Else its nested shape (Money, Country) or ``None``; its keys by their folded spelling
    (derived totals too), and PRO's spellings of them; and for each key whose value is an
    orderpack object or an array of them, its class, and, if its objects can be known to hold
    no unknown key without a walk, how (a class holding no objects, a weight: every key one of
    its own; a nested shape: :func:`_plain`).
    """
    if not is_orderpack_class(hint):
        return None
    inner: dict[str, tuple[type, Callable[[dict[str, Any]], bool] | None]] = {}
    for key, cls in schema(hint).items():
        walk = _walk_of(cls)
        if walk is None or not isinstance(cls, type):
            continue
        shape, knows, holds = walk
        plain: Callable[[dict[str, Any]], bool] | None = (
            None if holds else knows.canonical.issuperset
        )
        if shape is not None:
            plain = functools.partial(_plain, shape=shape)
        inner[key] = (cls, plain)
    return (_SHAPES.get(hint), _keys_of(hint), inner)


def _exactly_unknown(key: str, value: object, keys: _Spelling, *, exact: bool) -> None:
    """In an *exact* walk, refuse an unknown *key* spelt otherwise, or nesting too deep.

    That is a key that *keys* know by another spelling, or one whose *value* nests deeper than
    :data:`_DEEPEST_UNKNOWN`.
    """
    if exact and (_fold(key) in keys or not _shallow(value, _DEEPEST_UNKNOWN)):
        raise _Refusal("unknown_key", _no_such_key(key, keys))


_DEEPEST_UNKNOWN: Final = 64
"""How deep an unknown key's value may nest for the quick path to report it.

The quick path passes over an unknown key's value, which msgspec reads nested deeper than
``json.loads`` can within Python's recursion limit, where :func:`parse` refuses the document:
a value nesting deeper than this, far below that limit, is left to :func:`parse` to judge."""


def _shallow(value: object, levels: int) -> bool:
    """Whether *value* nests arrays and objects at most *levels* deep."""
    if isinstance(value, list):
        return levels > 0 and all(_shallow(item, levels - 1) for item in value)
    if isinstance(value, dict):
        return levels > 0 and all(_shallow(item, levels - 1) for item in value.values())
    return True
