"""The walk that finds the keys a document holds which its class does not know."""

from __future__ import annotations

import functools
import typing
from collections.abc import Mapping
from typing import Any, Final

from orderpack.contract._paths import _join, _key, _no_such_key
from orderpack.contract._scalars import _Refusal
from orderpack.contract._spelling import (
    _SHAPES,
    _fold,
    _fold_shape,
    _folded,
    _in_plain_shape,
    _keys_of,
    _Spelling,
    _spelling_of,
)
from orderpack.contract.wire_names import (
    DERIVED,
    TOTALS,
    is_orderpack_class,
    schema,
)
from orderpack.model.generated import cached

if typing.TYPE_CHECKING:
    from collections.abc import Callable


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


@cached
def _walk_of(hint: object) -> _Walk | None:
    """What :func:`_unknown` needs of *hint*, once: ``None`` for no class of orderpack's.

    Else its nested shape (Money, Country) or ``None``; its keys by their folded spelling
    (derived totals too), and PRO's spellings of them; and for each key whose value is an
    orderpack object, an array of them or a derived total, its class, and, if its objects can
    be known to hold no unknown key without a walk, how (a class holding no objects, a weight:
    every key one of its own; a nested shape: :func:`_in_plain_shape`).
    """
    if not is_orderpack_class(hint):
        return None
    inner: dict[str, tuple[type, Callable[[dict[str, Any]], bool] | None]] = {}
    totals = {key: TOTALS[key] for key in DERIVED.get(hint, ()) if key in TOTALS}
    for key, cls in {**schema(hint), **totals}.items():
        walk = _walk_of(cls)
        if walk is None or not isinstance(cls, type):
            continue
        shape, knows, holds = walk
        plain: Callable[[dict[str, Any]], bool] | None = (
            None if holds else knows.canonical.issuperset
        )
        if shape is not None:
            plain = functools.partial(_in_plain_shape, shape=shape)
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
