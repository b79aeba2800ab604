"""The exception tree, and the problems a validation failure carries.

Every exception orderpack raises derives from :class:`OrderpackError`. A failed validation
raises a :class:`ValidationError` (a :class:`ValueError`, so callers who do not know this tree
still catch it sensibly) that carries *every* problem found, each a :class:`Problem` with a
stable code, a path and a message. Nothing partial is returned alongside it.

>>> problem = Problem(code="quantity_not_positive", path="quantity", message="must be >= 1")
>>> error = ModelError([problem])
>>> print(error)
1 problem:
- quantity_not_positive at quantity: must be >= 1
>>> error.codes()
('quantity_not_positive',)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "CurrencyMismatchError",
    "ModelError",
    "OrderpackError",
    "PackError",
    "Problem",
    "SplitError",
    "ValidationError",
]


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with an input.

    Attributes:
        code: A stable, documented identifier such as ``item_not_on_order``.
        path: Where the problem is, relative to the value that was checked, written the way
            the value is read in Python: ``packages[1].items[0].sku``. Empty for the whole value.
        message: Names the offending value, what was expected and, where there is one, the
            rule (``"P4"``).
    """

    code: str
    path: str
    message: str

    def __str__(self) -> str:
        """Render as one line: code, path, message."""
        where = f" at {self.path}" if self.path else ""
        return f"{self.code}{where}: {self.message}"

    def within(self, prefix: str) -> Problem:
        """Return this problem with its path placed under *prefix*.

        >>> Problem(code="c", path="quantity", message="m").within("allocations[2]").path
        'allocations[2].quantity'
        >>> Problem(code="c", path="", message="m").within("packages[0]").path
        'packages[0]'
        """
        path = f"{prefix}.{self.path}" if self.path else prefix
        return attrs.evolve(self, path=path)


class OrderpackError(Exception):
    """Base class of every exception raised by orderpack."""


class ValidationError(OrderpackError, ValueError):
    """An input breaks one or more rules; :attr:`problems` lists every one of them.

    Subclasses say which kind of input was refused. The message lists each problem on a line.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        """Build from the problems found; there must be at least one."""
        self.problems = tuple(problems)
        if not self.problems:
            raise ValueError("a ValidationError needs at least one problem")
        count = len(self.problems)
        heading = f"{count} problem{'s' if count > 1 else ''}:"
        super().__init__("\n".join([heading, *(f"- {p}" for p in self.problems)]))

    def codes(self) -> tuple[str, ...]:
        """Return the problems' codes, in the order they were found."""
        return tuple(p.code for p in self.problems)


class ModelError(ValidationError):
    """A model value (an order, a package, an address, ...) cannot be built as given."""


class PackError(ValidationError):
    """A Pack Order request cannot be applied to its order."""


class SplitError(ValidationError):
    """A split plan cannot be applied to its order."""


class CurrencyMismatchError(OrderpackError, ValueError):
    """Two amounts in different currencies were combined.

    Money of different currencies never adds silently.
    """
