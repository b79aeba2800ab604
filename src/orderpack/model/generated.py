"""The one place orderpack compiles code it writes: functions made from a class's own fields.

Six generators write Python source from what ``attrs.fields`` and the annotations say of a
class or a function: the builders of values already checked (:mod:`~orderpack.model.trusted`),
the type checks (:mod:`~orderpack.model.classes`), the argument checks of public functions
(:mod:`~orderpack.model.arguments`), the comparison of a consignment item's details with
its order line's (:mod:`~orderpack.packing.pack`), and the contract's writers and quick
builders. Each hands its source to :func:`compile_function`, which compiles it under a name
saying what it is for, keeps the source (tracebacks show its lines) and returns the function.
:func:`sources` gives every source compiled so far; ``python tools/show_generated.py`` prints
those the seed example makes. Tests hold each generated function equal to a plain one.

A generator keeps what it made in a cache registered here (:func:`cached`, :func:`kept`);
:func:`forget` empties them all, so that the next call generates afresh. A mutation run does
so for each mutant, whose changed generator would otherwise never run.

>>> add = compile_function("an example", "def add(a, b): return a + b", {}, "add")
>>> add(2, 3), sources()["an example"]
(5, 'def add(a, b): return a + b')
"""

from __future__ import annotations

import functools
import linecache
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, MutableMapping

__all__ = ["cached", "compile_function", "forget", "kept", "sources"]

_T = TypeVar("_T")
_Store = TypeVar("_Store", bound="MutableMapping[Any, Any]")

_SOURCES: dict[str, str] = {}
"""Each source compiled, by what it is for, in the order they were made."""

_FORGETTING: list[Callable[[], None]] = []
"""How to empty each generator's cache."""


def compile_function(
    purpose: str, source: str, namespace: dict[str, object], name: str
) -> Callable[..., Any]:
    """Compile *source* in *namespace* and return the function it defines as *name*.

    Args:
        purpose: What the function is for, such as ``"builder of Weight"``; its source is kept
            under it, and a traceback names it as the file ``<orderpack: purpose>``.
        source: Python source defining the function, made from a class's own fields.
        namespace: The names the source uses; the function is defined in it.
        name: The function's name in *source*.
    """
    filename = f"<orderpack: {purpose}>"
    code = compile(source, filename, "exec")
    exec(code, namespace)  # noqa: S102 - source made by orderpack from a class's own fields
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    _SOURCES[purpose] = source
    return namespace[name]  # type: ignore[return-value]


def sources() -> dict[str, str]:
    """Every source compiled so far, by what it is for, in the order they were made."""
    return dict(_SOURCES)


def cached(function: Callable[..., _T]) -> functools._lru_cache_wrapper[_T]:
    """*function* with its results kept, as :func:`functools.cache` does, until :func:`forget`."""
    made = functools.cache(function)
    _FORGETTING.append(made.cache_clear)
    return made


def kept(store: _Store) -> _Store:
    """*store*, a generator's own cache, registered to be emptied by :func:`forget`."""
    _FORGETTING.append(store.clear)
    return store


def forget() -> None:
    """Empty every generator's cache, so that each generates afresh when next asked."""
    for empty in _FORGETTING:
        empty()
    _SOURCES.clear()
