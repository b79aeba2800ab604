"""The cattrs converter: a hook for each of PRO's scalars, shapes and classes, both ways."""

from __future__ import annotations

import contextlib
import functools
import typing
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any, Final

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory, is_sequence
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from orderpack import planning
from orderpack.contract._paths import _problems
from orderpack.contract._scalars import (
    _an_object,
    _date,
    _datetime,
    _decimal,
    _describe_json,
    _enum_hook,
    _Located,
    _offset,
    _offset_out,
    _optional_text,
    _Refusal,
    _strict,
    _string,
    _time_of_day,
    _whole,
)
from orderpack.contract._spelling import (
    _SHAPES,
    _doubt,
    _fold_shape,
    _folded,
    _in_plain_shape,
    _keys_of,
)
from orderpack.contract._unknown_keys import _outside
from orderpack.contract.wire_names import (
    DERIVED,
    EXTENSIONS,
    LEDGER_VERSION,
    TOTALS,
    init_fields,
    is_orderpack_class,
    wire_name,
)
from orderpack.errors import Problem, ValidationError
from orderpack.model import consignment, values
from orderpack.model.arguments import checked
from orderpack.model.classes import rules_of
from orderpack.model.generated import cached
from orderpack.model.order import Order
from orderpack.model.trusted import builder
from orderpack.model.values import Country, Money, Weight
from orderpack.tracking import responses
from orderpack.tracking.ledger import OrderLedger

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from orderpack.model.consignment import Consignment

_MISSING: Final = object()


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


def _country_hook(*, strict: bool) -> Callable[[object, type], Country]:
    shape = _SHAPES[Country]

    def hook(value: object, _: type) -> Country:
        if _in_plain_shape(value, shape) and isinstance(codes := value.get("IsoCode"), dict):
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
    made = _country_of(
        iso_code=_string(two, Country),
        name=_optional_text(name, Country),
        three_letter_code=_optional_text(three, Country),
        numeric_code=_optional_text(numeric, Country),
    )
    _country_rules(made)  # the constructor's rules; its converters would change nothing
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
        if _in_plain_shape(value, shape) and isinstance(currency := value.get("Currency"), dict):
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
    made = _money_of(
        amount if type(amount) is Decimal else _decimal(amount, Money),
        # Text the rules refuse if it holds a lone surrogate, as _string would.
        code if type(code) is str else _string(code, Money),
    )
    _money_rules(made)  # the constructor's rules (it has no converters)
    if name is not None:
        _optional_text(name, Money)  # PRO's to fill in
    return made


_money_of: Final = builder(Money)
_country_of: Final = builder(Country)
_money_rules: Final = rules_of(Money)
_country_rules: Final = rules_of(Country)


def _money(value: object, *, strict: bool) -> Money:
    shape = _Shape(Money, value, strict=strict)
    amount = shape.read("Amount", _decimal, required=True)
    shape.read("Currency", _an_object, required=True)
    code = shape.read("Currency.IsoCode", _string, required=True)
    shape.read("Currency.Name", _optional_text, required=False)  # PRO's to fill in
    shape.done()
    return Money(amount=amount, currency=code)


_ENUMS: Final = tuple(
    dict.fromkeys(
        kind
        for module in (values, consignment, responses, planning)
        for kind in vars(module).values()
        if isinstance(kind, type)
        and issubclass(kind, Enum)
        and kind.__module__.startswith("orderpack.")
    )
)
"""Every enum of orderpack's that a document holds."""


@checked
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
            raise _Refusal("wrong_type", f"expected an array, got {_describe_json(value)}")
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
    nullable = _null_is_default(cls)
    keys = _keys_of(cls)

    def hook(value: object, target: type) -> object:
        value = _an_object(value)
        if not strict and (folded := _folded(value, keys)) is not value:
            _doubt()
            value = folded
        if nullable and None in value.values():  # null is "not given": the field's default
            value = {k: v for k, v in value.items() if v is not None or k not in nullable}
        if not derived or not derived & value.keys():
            return generated(value, target)
        # PRO's totals are not kept, but a total of the wrong shape is still refused.
        problems = [
            problem
            for key in sorted(derived & value.keys())
            if value[key] is not None or key not in TOTALS  # a null total: not given
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


def _null_is_default(cls: type) -> frozenset[str]:
    """The keys of *cls* whose ``null`` is read as the field's default, as an absent key is.

    Those of the fields with a default that is not ``None`` itself (a list, a flag, an enum):
    PRO's ``null`` means "not given" (docs/contract.md).
    """
    return frozenset(
        wire_name(cls, f.name)
        for f in init_fields(cls)
        if f.default is not attrs.NOTHING and f.default is not None
    )


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


_RANGE: Final = frozenset({"out_of_range", "too_precise"})
"""Problems a total may have: a sum of what PRO holds may lie past what PRO holds."""


def _derived_problems(conv: cattrs.Converter, key: str, value: object) -> list[Problem]:
    """The problems of a derived total's shape, read as what it totals, at its key.

    Only its shape is judged: a total is a sum, and orderpack writes the exact sum, which may
    lie past what one measure or amount may be. A ledger's version is one orderpack knows.
    """
    if key == "Version":
        return _version_problems(value)
    try:
        conv.structure(value, TOTALS[key])
    except Exception as error:  # noqa: BLE001 - every failure becomes a problem
        return [p for p in _problems(error, key, TOTALS[key]) if p.code not in _RANGE]
    return []


def _version_problems(value: object) -> list[Problem]:
    """Whether a ledger document's version is one this orderpack reads: 1 up to its own."""
    if type(value) is not int or not 1 <= value <= LEDGER_VERSION:
        return [
            Problem(
                code="version_unsupported",
                path="Version",
                message=f"expected a ledger document of version 1 to {LEDGER_VERSION}, got "
                f"{_describe_json(value)}"
                + ("; a newer orderpack wrote it" if type(value) is int and value > 1 else ""),
            )
        ]
    return []


def _totals(
    value: Order | Consignment | OrderLedger, write: Callable[[object], Any]
) -> dict[str, Any]:
    """An order's or consignment's derived Weight and Value, where they can be summed.

    A ledger's is the version of its document.
    """
    if isinstance(value, OrderLedger):
        return {"Version": LEDGER_VERSION}
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


# Strictness only governs reading, and extensions only writing: a reader per strictness and a
# writer per choice of extensions, each built when first used and then kept.
@cached
def _reader(*, strict: bool) -> cattrs.Converter:
    return make_converter(strict=strict)


@cached
def _writer(*, extensions: bool) -> cattrs.Converter:
    return make_converter(extensions=extensions)
