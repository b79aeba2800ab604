"""The quick reader: a document in PRO's spellings decoded by msgspec, built by the same hooks.

A document whose every key is spelt as PRO spells it is decoded by msgspec (compiled) into
structs generated from the attrs classes and their wire names, and then built by the same
hooks that cattrs' path uses and each class's rules. Anything else, and anything that goes
wrong, is read again by cattrs' path, which names every problem: the quick path only ever
gives what that path gives, or nothing.

Each class has two structs: one that refuses a key it does not have, and one that passes
over it, for a tolerant read of a document with unknown keys, which is then walked for them
(as cattrs' path does) and given up to that path on a key spelt otherwise. msgspec keeps the
last of a key given twice without a word, as a tolerant read does; a strict read tells it by
counting colons: each member of an object has one, outside strings, so the document has as
many as its decoded structs written out again, unless a key was given twice (or a string
spells a colon as an escape, which sends the document the long way).
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from types import MappingProxyType
from typing import Any, Final, TypeVar

import attrs
import msgspec

from orderpack.contract._documents import KINDS
from orderpack.contract._hooks import _derived_problems, _plain_country, _plain_money, _reader
from orderpack.contract._scalars import (
    MAX_NUMBER_TEXT,
    _decimal,
    _optional_text,
    _parse_float,
    _Refusal,
    _string,
    _whole,
)
from orderpack.contract._spelling import _DOUBTS, _SHAPES
from orderpack.contract._unknown_keys import _unknown
from orderpack.contract._writing import _UNIONS, _kind
from orderpack.contract.wire_names import (
    DERIVED,
    TOTALS,
    field_class,
    init_fields,
    is_orderpack_class,
    wire_name,
)
from orderpack.model.classes import rules_of
from orderpack.model.generated import cached, compile_function
from orderpack.model.read import Read
from orderpack.model.trusted import builder
from orderpack.model.values import Country, Money

if typing.TYPE_CHECKING:
    from collections.abc import Callable

    import cattrs

T = TypeVar("T")


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


@cached
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


@cached
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
                steps.append((name, "one", _SHAPE_READERS[how]))  # type: ignore[index]
            elif kind == "leaf":
                steps.append((name, kind, how))
            else:
                steps.append((name, kind, builders[how]))  # type: ignore[index]
        builders[cls] = _quick_builder(cls, steps, conv)
    return {
        cls: (msgspec.json.Decoder(struct, float_hook=_parse_float), builders[cls])
        for cls, (struct, _) in _quick_structs(forbid=True).items()
    }


@cached
def _passing_decoders() -> dict[type, msgspec.json.Decoder[Any]]:
    """A decoder into each class's struct passing over unknown keys: made when first needed."""
    return {
        cls: msgspec.json.Decoder(struct, float_hook=_parse_float)
        for cls, (struct, _) in _quick_structs(forbid=False).items()
    }


def _shape_struct(name: str, shape: Mapping[str, object], *, forbid: bool) -> type:
    """A struct of one of PRO's nested shapes (:data:`_SHAPES`); an absent value is unset.

    An absent nested object fails when read into; other absent values are given to
    :func:`_plain_money` and :func:`_plain_country` as ``None`` by :data:`_SHAPE_READERS`.
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


_SHAPE_READERS: Final[Mapping[type, Callable[[Any], object]]] = MappingProxyType(
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
    So the value is built as :mod:`orderpack.model.trusted` builds one, each field left out as
    ``cls(...)`` defaults it, and then the class's rules run on it
    (:func:`~orderpack.model.classes.rules_of`): every check the constructor applies, without going
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
        null = f"{total} is not None" if key in TOTALS else "True"  # a null total: not given
        lines += [
            f"    if {total} is not UNSET and {null} and total_{key}({total}):",
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
    mode = "strict" if conv.forbid_extra_keys else "tolerant"
    purpose = f"quick builder of {cls.__qualname__}, {mode}"
    return compile_function(purpose, "\n".join(lines) + "\n", namespace, "build")


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
