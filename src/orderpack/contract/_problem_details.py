"""Any orderpack error as an RFC 9457 problem document, its problems at the caller's wire paths."""

from __future__ import annotations

import inspect
import json
import re
import typing
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, NotRequired, TypedDict

import attrs

from orderpack.contract._paths import wire_path
from orderpack.contract.wire_names import field_class, is_orderpack_class
from orderpack.errors import (
    ContractError,
    LedgerError,
    LifecycleError,
    OrderpackError,
    Problem,
    ValidationError,
)
from orderpack.model.checks import Checks, shown

if TYPE_CHECKING:
    from collections.abc import Mapping


class ProblemEntry(TypedDict):
    """One problem of a problem document: its code, its message, and where it is."""

    code: str
    detail: str
    path: str
    pointer: NotRequired[str]


class ProblemDetails(TypedDict):
    """An RFC 9457 problem document, with the problems in ``errors``."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[ProblemEntry]


STATUS: Final[Mapping[type[OrderpackError], int]] = MappingProxyType(
    {ContractError: 400, LedgerError: 409, LifecycleError: 409}
)
"""The HTTP status of each error family; any other orderpack error is 422 (well-formed JSON
that cannot be done)."""

TYPE_BASE: Final = "urn:orderpack:problem:"
"""What a problem type starts with unless told otherwise: ``urn:orderpack:problem:split``."""

_SEGMENT: Final = re.compile(r'\.?(?:\[(\d+)\]|\[("(?:[^"\\]|\\.)*")(?:\.\.\.)?\]|([^.\[]+))')
"""One step of a wire path: an index ``[2]``, a quoted key ``["a.b"]``, or a plain key."""


def problem_details(
    error: OrderpackError, document: type | None = None, *, type_base: str = TYPE_BASE
) -> ProblemDetails:
    """Return *error* as an RFC 9457 problem document, ready for ``application/problem+json``.

    ``type`` names the error family (``urn:orderpack:problem:split``), ``title`` says what the
    family means, ``status`` is its HTTP status (:data:`STATUS`), ``detail`` counts the
    problems, and ``errors`` lists each with its ``code``, ``detail``, the ``path`` in the
    caller's document by PRO's keys, and the same place as a JSON Pointer (``pointer``).

    A :class:`~orderpack.ContractError`'s paths are wire paths already. Every other error's
    paths are the model's (``allocations[2].package``); given the class of the *document* the
    caller sent, they are put in its keys (``Allocations[2].Package``). A model path, with no
    *document* or not running through it (a ledger's ``submissions``, say), is kept as it
    is, with no pointer: it names no key of the caller's JSON.

    Args:
        error: Any orderpack error.
        document: The class of the document the caller sent, such as
            :class:`~orderpack.Plan` for a split; ``None`` keeps the model's paths.
        type_base: What each ``type`` starts with; a service may point it at its own docs.

    Raises:
        ModelError: ``wrong_type`` if *error* is no orderpack error or *document* no class of
            orderpack's.

    >>> from orderpack import Plan, SplitError, split_order
    >>> from orderpack.demo import seed_order, seed_plan
    >>> import attrs
    >>> plan = seed_plan()
    >>> wrong = attrs.evolve(plan.allocations[2], package="Z9")
    >>> bad = attrs.evolve(plan, allocations=[*plan.allocations[:2], wrong, *plan.allocations[3:]])
    >>> try:
    ...     split_order(seed_order(), bad)
    ... except SplitError as error:
    ...     details = problem_details(error, Plan)
    >>> details["type"], details["status"], details["detail"]
    ('urn:orderpack:problem:split', 422, '2 problems with the document')
    >>> for entry in details["errors"]:
    ...     print(entry["code"], entry["path"], entry["pointer"])
    package_unknown Allocations[2].Package /Allocations/2/Package
    package_empty Packages[1] /Packages/1
    """
    checks = Checks()
    if not isinstance(typing.cast("object", error), OrderpackError):
        checks.add("wrong_type", "error", f"expected an orderpack error, got {shown(error)}")
    if document is not None and not is_orderpack_class(document):
        checks.add("wrong_type", "document", f"expected an orderpack class, got {shown(document)}")
    if not isinstance(typing.cast("object", type_base), str):
        checks.add("wrong_type", "type_base", f"expected a str, got {shown(type_base)}")
    checks.raise_if_any()
    kind = type(error)
    status = next((s for cls, s in STATUS.items() if isinstance(error, cls)), 422)
    problems = error.problems if isinstance(error, ValidationError) else ()
    wire = isinstance(error, ContractError)
    translate = document is not None and not wire
    count = len(problems)
    return {
        "type": type_base + _kind(kind),
        "title": (inspect.getdoc(kind) or kind.__name__).splitlines()[0],
        "status": status,
        "detail": (
            f"{count} problem{'' if count == 1 else 's'} with the document" if count else str(error)
        ),
        "errors": [_entry(p, document if translate else None, wire=wire) for p in problems],
    }


def _kind(cls: type) -> str:
    """The family's name in a problem type: ``split`` for SplitError, ``orderpack`` for the base."""
    name = cls.__name__.removesuffix("Error")
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def _entry(problem: Problem, document: type | None, *, wire: bool) -> ProblemEntry:
    """One problem: its code, message, and where it is, by PRO's keys and as a JSON Pointer.

    A pointer is given only for a wire path: a contract error's, or one put in *document*'s
    keys; a model path (``allocations[2]``) names no key of the caller's JSON.
    """
    path = problem.path
    translated = wire or (document is not None and _runs_through(document, path))
    if document is not None and translated and not wire:
        path = wire_path(document, path)
    entry: ProblemEntry = {"code": problem.code, "detail": problem.message, "path": path}
    if translated:
        pointer = _pointer(path)
        if pointer is not None:
            entry["pointer"] = pointer
    return entry


def _runs_through(document: type, path: str) -> bool:
    """Whether model *path* names fields of *document* all the way (not a ledger's own)."""
    current: object = document
    for segment in filter(None, path.split(".")):
        name = segment.partition("[")[0]
        if not (isinstance(current, type) and attrs.has(current)):
            return False
        if name not in attrs.fields_dict(current):
            return False
        current = field_class(current, name)
    return True


def _pointer(path: str) -> str | None:
    """*path* (``Packages[0].Items[1].Sku``) as a JSON Pointer (``/Packages/0/Items/1/Sku``).

    ``None`` when the path is not one (a key cut short with ``...``, say).
    """
    steps: list[str] = []
    at = 0
    while at < len(path):
        found = _SEGMENT.match(path, at)
        if found is None:
            return None
        index, quoted, plain = found.groups()
        if quoted is not None and found.group(0).endswith("...]"):
            return None  # a key shown cut short: the pointer cannot name it
        step = index if index is not None else json.loads(quoted) if quoted else plain
        steps.append(step.replace("~", "~0").replace("/", "~1"))
        at = found.end()
    return "".join(f"/{step}" for step in steps)
