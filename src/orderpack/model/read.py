"""What a reader of a document returns: the value, and what the document held beyond it."""

from __future__ import annotations

from typing import Generic, TypeVar

import attrs

__all__ = ["Read"]

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class Read(Generic[T]):
    """A value read from a document, and what the document held that the reader did not know.

    :func:`orderpack.contract.read` gives the wire paths of unknown keys;
    :func:`orderpack.planning.read_stock` and :func:`~orderpack.planning.read_catalogue` the
    unknown columns of a CSV sheet, as spelt.
    """

    value: T
    unknown: tuple[str, ...] = ()
