"""Values built from values already checked, without checking them again.

A consignment item copies a checked order item's fields; a sum of checked weights is exact;
a line's balance counts checked allocations. Building such a value through its public
constructor would run every check again, and a sum may lie past what a constructor accepts
(a total of many lines). :func:`trusted` builds the value as the constructor would, field by
field, without the checks: the simplest mechanism that is right for attrs' frozen, slotted
classes, whose fields are slots set once. Tests hold each value built here equal to the one
the public constructor builds from the same fields.
"""

from __future__ import annotations

from typing import TypeVar

_V = TypeVar("_V")


def trusted(cls: type[_V], **fields: object) -> _V:
    """A *cls* with *fields*, each already in its final form, built without the checks."""
    made = object.__new__(cls)
    for name, value in fields.items():
        object.__setattr__(made, name, value)
    return made
