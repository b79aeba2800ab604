"""Values built from values already checked, without checking them again.

A consignment item copies a checked order item's fields; a sum of checked weights is exact;
a line's balance counts checked allocations. Building such a value through its public
constructor would run every check again, and a sum may lie past what a constructor accepts
(a total of many lines). :func:`trusted` builds the value as the constructor would, field by
field, without the checks.

The mechanism is the simplest one that is fast for attrs' frozen, slotted classes: each
field is a slot, and a builder generated once per class from :func:`attrs.fields` sets every
slot through its descriptor, so it cannot drift from the class. Tests hold each value built
here equal, hash-equal and as frozen as the one the public constructor builds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

import attrs

if TYPE_CHECKING:
    from collections.abc import Callable

_V = TypeVar("_V")

_BUILDERS: dict[type, Callable[..., Any]] = {}


def _builder(cls: type) -> Callable[..., Any]:
    """A function taking every field of *cls* by keyword and building it unchecked."""
    names = [field.name for field in attrs.fields(cls)]
    namespace: dict[str, object] = {"new": object.__new__, "cls": cls}
    lines = ["def build(*, " + ", ".join(names) + "):", "    made = new(cls)"]
    for n, name in enumerate(names):
        namespace[f"set{n}"] = getattr(cls, name).__set__  # the slot's own descriptor
        lines.append(f"    set{n}(made, {name})")
    lines.append("    return made")
    exec("\n".join(lines), namespace)  # noqa: S102 - made from the class's own fields
    return namespace["build"]  # type: ignore[return-value]


def trusted(cls: type[_V], **fields: object) -> _V:
    """A *cls* with *fields*, every one given in its final form, built without the checks."""
    build = _BUILDERS.get(cls)
    if build is None:
        build = _BUILDERS[cls] = _builder(cls)
    made: _V = build(**fields)
    return made
