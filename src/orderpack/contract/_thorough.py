"""The thorough reader: JSON parsed as PRO writes it, read by cattrs, every problem named."""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar

from orderpack.contract._hooks import _reader
from orderpack.contract._paths import _join, _key, _problems
from orderpack.contract._scalars import _parse_float, _parse_int
from orderpack.contract._spelling import _DOUBTS
from orderpack.contract._unknown_keys import _unknown
from orderpack.contract.wire_names import require_flag, require_orderpack_class
from orderpack.errors import ContractError, Problem
from orderpack.model.read import Read

T = TypeVar("T")


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
    require_flag(strict, "strict")
    obj, repeated = _parse(data, strict=strict)
    if repeated:
        raise ContractError(repeated)
    return obj


def _parse(data: str | bytes, *, strict: bool) -> tuple[object, list[Problem]]:
    """:func:`parse`, a key given twice returned as problems beside the value, last one kept."""
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
    return obj, _repeated(obj, "") if repeats else []


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
    require_orderpack_class(cls)
    require_flag(strict, "strict")
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


def read_thoroughly(data: str | bytes, cls: type[T], *, strict: bool) -> Read[T]:
    """Parse and read *data* as a *cls*: every problem named, a repeated key's among the rest."""
    obj, repeated = _parse(data, strict=strict)
    if not repeated:
        return from_wire(obj, cls, strict=strict)
    try:
        from_wire(obj, cls, strict=strict)
    except ContractError as error:
        repeated += error.problems
    raise ContractError(sorted(repeated, key=_by_path))


def _by_path(problem: Problem) -> list[tuple[int, int, str]]:
    """A sort key of *problem*'s path, indices as numbers: ``[2]`` before ``[10]``."""
    return [
        (0, int(index), "") if index else (1, 0, name)
        for index, name in re.findall(r"\[(\d+)\]|([^.\[\]]+)", problem.path)
    ]
