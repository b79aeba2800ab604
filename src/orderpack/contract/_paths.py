"""Problems at wire paths: what cattrs raised, and model paths, in the keys of the JSON."""

from __future__ import annotations

import json
import typing

import attrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from orderpack.contract._scalars import _Located, _Refusal
from orderpack.contract._spelling import _fold, _keys_of
from orderpack.contract.wire_names import (
    field_class,
    unwrap,
    wire_name,
)
from orderpack.errors import Problem, ValidationError
from orderpack.model.arguments import checked
from orderpack.model.checks import SHOWN, shown

if typing.TYPE_CHECKING:
    from collections.abc import Mapping


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


@checked
def wire_path(cls: type, model_path: str) -> str:
    """Translate *model_path*, a path in a *cls* as Python reads it, into its JSON's keys.

    Args:
        cls: The class the path starts in, such as :class:`~orderpack.Plan`.
        model_path: The path by Python's field names, such as ``allocations[3].ship_day``.

    For naming a problem found in a value where its JSON document has it:

    >>> from orderpack.packing.split import Plan
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
