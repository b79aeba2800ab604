"""Keys as PRO spells them: case folding, the keys of each class, PRO's nested shapes."""

from __future__ import annotations

import typing
from collections.abc import Mapping
from contextvars import ContextVar
from types import MappingProxyType
from typing import Any, Final, TypeGuard

from orderpack.contract.wire_names import (
    DERIVED,
    schema,
)
from orderpack.model.generated import cached
from orderpack.model.values import Country, Money

if typing.TYPE_CHECKING:
    from collections.abc import Iterable


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


@cached
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


def _fold_shape(shape: Mapping[str, object], value: dict[str, Any]) -> dict[str, Any]:
    """*value* with every key of *shape*, all the way down, spelled as PRO spells it."""
    folded = _folded(value, _spelling_of(shape))
    for key, inner in shape.items():
        if isinstance(inner, Mapping) and isinstance(given := folded.get(key), dict):
            spelt = _fold_shape(inner, given)
            if spelt is not given:
                folded = {**folded, key: spelt}
    return folded


_DOUBTS: ContextVar[list[None] | None] = ContextVar("_DOUBTS", default=None)
"""While :func:`from_wire` reads tolerantly: a note for each object with a key not of its shape
or not spelt as PRO spells it. With none, no key is unknown, and the document is not walked
to find them."""


def _doubt() -> None:
    """Note that an object read has a key unknown or spelt otherwise (see :data:`_DOUBTS`)."""
    doubts = _DOUBTS.get()
    if doubts is not None:
        doubts.append(None)


def _in_plain_shape(value: object, shape: Mapping[str, object]) -> TypeGuard[dict[str, Any]]:
    """Whether *value* is an object of *shape* with PRO's spellings only, all the way down.

    Such a value is read without :class:`_Shape`'s bookkeeping; anything that then goes
    wrong is read again by :class:`_Shape`, which names the problems.
    """
    if not (isinstance(value, dict) and _spelling_of(shape).canonical.issuperset(value)):
        return False
    for key, inner in _spelling_of(shape).nested:
        if key in value and not _in_plain_shape(value[key], inner):
            return False
    return True
