"""Writing: a value as PRO's JSON value, and as JSON text, every digit kept."""

from __future__ import annotations

import types
import typing
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any, Final

from orderpack.contract import json_text
from orderpack.contract._hooks import (
    _absent_is_default,
    _country_out,
    _enum_value,
    _money_out,
    _totals,
    _writer,
)
from orderpack.contract._scalars import _offset_out
from orderpack.contract.wire_names import (
    DERIVED,
    EXTENSIONS,
    init_fields,
    is_orderpack_class,
    wire_name,
)
from orderpack.errors import ModelError, Problem
from orderpack.model.arguments import checked
from orderpack.model.checks import shown
from orderpack.model.generated import cached, compile_function
from orderpack.model.values import Country, Money

if typing.TYPE_CHECKING:
    from collections.abc import Callable


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
        written = "item" if kind in _WRITTEN_AS_IS else "write(item)"
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
    purpose = f"writer of {cls.__qualname__}" + ("" if extensions else " for PRO")
    return compile_function(purpose, "\n".join(lines) + "\n", namespace, "written")


_WRITTEN_AS_IS: Final = (str, int, bool, Decimal)
"""What a writer writes as it is: JSON's own types, and Decimals with their digits."""


def _kind(hint: object) -> object:
    """*hint* without ``| None``: the class a field holds, or what is left of a union."""
    given = [kind for kind in typing.get_args(hint) if kind is not type(None)]
    return given[0] if len(given) == 1 and typing.get_origin(hint) in _UNIONS else hint


_UNIONS: Final = (typing.Union, types.UnionType)


@cached
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
        if kind in _WRITTEN_AS_IS or value is None:
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


@checked
def to_wire(value: object, *, extensions: bool = True) -> Any:  # noqa: ANN401 - JSON's shape
    """Return *value* as PRO's JSON value: dicts, lists, strings, ints, booleans and Decimals.

    Without *extensions*, orderpack's own fields are left out. Enums are their values, plain
    text; numbers with a fraction are Decimals, exactly as held, so :func:`write_json` (not
    ``json.dumps``) writes a value that holds this one.

    Args:
        value: The value to convert, such as an order, a request or a consignment.
        extensions: Whether to include orderpack's own fields; ``False`` gives PRO's body as is.
    """
    _refuse_unwritable(value)
    return _writer(extensions=extensions).unstructure(value)


@checked
def write_json(value: object, *, indent: int | None = None) -> str:
    """Write a JSON value that holds what :func:`to_wire` returns, every digit kept.

    ``json.dumps`` refuses Decimals, and writing them as floats or strings would lose digits
    or change their JSON type. To carry a document inside a JSON envelope of your own, build
    the envelope around :func:`to_wire`'s value and write it with this:

    >>> from decimal import Decimal
    >>> from orderpack import Weight
    >>> write_json({"Id": 7, "Weight": to_wire(Weight(value=Decimal("0.50000")))})
    '{"Id":7,"Weight":{"Value":0.50000,"Unit":"Kg"}}'

    *value* may hold dicts, lists, tuples, strings, ints, Decimals, booleans and None.

    Args:
        value: The JSON value to write, such as :func:`to_wire` returns or an envelope around it.
        indent: Spaces to indent each level by, one value per line; ``None`` writes compact text.
    """
    try:
        return json_text.write(value, indent=indent)
    except TypeError as error:  # json_text names the value it cannot write
        raise ModelError([Problem(code="wrong_type", path="value", message=str(error))]) from None


@checked
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
    >>> from orderpack import Weight
    >>> dumps(Weight(value=Decimal("0.50000")))
    '{"Value":0.50000,"Unit":"Kg"}'
    """
    _refuse_unwritable(value)
    wire = _fast(extensions=extensions)(value)
    return json_text.write_wire(wire) if indent is None else json_text.write(wire, indent=indent)


_SCALARS: Final = (str, int, bool, Decimal, type(None), Enum, datetime, date, time, timedelta)
"""What :func:`to_wire` and :func:`dumps` write besides orderpack's values: no float."""


def _refuse_unwritable(value: object, path: str = "value") -> None:
    """Refuse *value* unless it is an orderpack value, a scalar, or a list or tuple of those.

    An orderpack value holds only what its class allows; anything else would reach the
    writers as an object they cannot write (a float, bytes, a dict of anything).
    """
    if isinstance(value, _SCALARS) or is_orderpack_class(type(value)):
        return
    if type(value) in (list, tuple):
        for n, item in enumerate(typing.cast("list[object]", value)):
            _refuse_unwritable(item, f"{path}[{n}]")
        return
    raise ModelError(
        [
            Problem(
                code="wrong_type",
                path=path,
                message="expected one of orderpack's values, a JSON scalar (no float) or a "
                f"list of them, got {shown(value)} ({type(value).__name__})",
            )
        ]
    )
