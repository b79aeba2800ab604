"""Where new consignment and package references come from.

PRO assigns references; orderpack, which has no server, takes them from a source the caller
passes in. The default is :class:`SequentialReferences`, deterministic and fresh for each call,
so results never depend on hidden state. Share one source across calls to keep references
distinct between them.

>>> references = SequentialReferences()
>>> references.consignment_reference(), references.consignment_reference()
('EC-000-000-001', 'EC-000-000-002')
>>> references.package_reference()
'EP-000-000-001'
"""

from __future__ import annotations

import functools
import itertools
from typing import Protocol

from orderpack.errors import ModelError, Problem
from orderpack.model.checks import shown

__all__ = ["ReferenceSource", "SequentialReferences"]

_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_PAIRS = tuple(high + low for high in _DIGITS for low in _DIGITS)
"""Every two base-36 digits, by their value: a group of three is a digit and a pair."""

_GROUP = len(_DIGITS) ** 3
"""What a group of three digits counts to."""


class ReferenceSource(Protocol):
    """Anything that hands out new references in PRO's formats."""

    def consignment_reference(self) -> str:
        """Return a new ``EC-xxx-xxx-xxx`` reference."""
        ...  # pragma: no cover - a protocol has no body

    def package_reference(self) -> str | None:
        """Return a new ``EP-xxx-xxx-xxx`` reference, or ``None`` where none is known yet."""
        ...  # pragma: no cover - a protocol has no body


def _three(number: int) -> str:
    """The three base-36 digits of *number*, below :data:`_GROUP`: a digit and a pair."""
    high, low = divmod(number, len(_PAIRS))
    return _DIGITS[high] + _PAIRS[low]


@functools.lru_cache(maxsize=16)
def _head(prefix: str, groups: int) -> str:
    """A reference up to its last group: *prefix* and the two groups that count *groups*.

    Consecutive references share it for 46,656 numbers, so it is made once for them all.
    """
    first, second = divmod(groups, _GROUP)
    if first >= _GROUP:
        last = f"{prefix}-ZZZ-ZZZ-ZZZ"
        raise ModelError(
            [
                Problem(
                    code="references_exhausted",
                    path="reference",
                    message=f"the {prefix} references ran out after {last}; expected a source "
                    "that starts lower, or references of PRO's",
                )
            ]
        )
    return f"{prefix}-{_three(first)}-{_three(second)}-"


def _format(prefix: str, number: int) -> str:
    """*number* as nine base-36 digits in three groups after *prefix*: ``EP-000-000-01A``."""
    groups, last = divmod(number, _GROUP)
    high, low = divmod(last, len(_PAIRS))  # _three(last), without a call: one per reference
    return f"{_head(prefix, groups)}{_DIGITS[high]}{_PAIRS[low]}"


class SequentialReferences:
    """Counts up from *start* in base 36, separately for consignments and packages.

    >>> SequentialReferences(start=36).package_reference()
    'EP-000-000-010'
    """

    def __init__(self, *, start: int = 1) -> None:
        """Begin both counters at *start*, a whole number from 0.

        Raises:
            ModelError: ``not_int`` or ``negative`` for another *start*.
        """
        if type(start) is not int:
            raise ModelError(
                [
                    Problem(
                        code="not_int", path="start", message=f"expected an int, got {shown(start)}"
                    )
                ]
            )
        if start < 0:
            raise ModelError(
                [Problem(code="negative", path="start", message=f"expected 0 or more, got {start}")]
            )
        self._consignments = itertools.count(start)
        self._packages = itertools.count(start)

    def consignment_reference(self) -> str:
        """Return the next consignment reference."""
        return _format("EC", next(self._consignments))

    def package_reference(self) -> str:
        """Return the next package reference."""
        return _format("EP", next(self._packages))
