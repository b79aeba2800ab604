"""Public functions check the kinds of their arguments, as model classes check their fields.

:func:`checked` makes a function refuse an argument of the wrong kind with a
:class:`~orderpack.ModelError` (``wrong_type`` at the parameter's name, every such argument at
once) before it runs, where it would otherwise fail deeper in with a bare ``AttributeError`` or
``TypeError``. The kinds are the function's own annotations, read the first time it is called
(when every class they name has been defined): a class, ``X | None``, ``tuple[X, ...]``,
``Iterable[X]``, ``Sequence[X]`` and ``Mapping[K, V]`` by their abstract class, ``type[X]`` as a
class. Text is no iterable (a string of SKUs is not a list of them), nor is a dict (it
iterates its keys), and a bool is no int. The
items of a list or a tuple given for an iterable are checked too; an iterator's are left to the
function, which cannot look at them without consuming them.

>>> @checked
... def week(day: date, *, days: int = 7) -> list[date]:
...     return [day + timedelta(n) for n in range(days)]
>>> try:
...     week("2026-12-07", days="7")
... except ModelError as error:
...     for problem in error.problems:
...         print(problem)
wrong_type at day: expected a date, got '2026-12-07' (str)
wrong_type at days: expected an int, got '7' (str)
"""

from __future__ import annotations

import abc
import collections.abc
import functools
import importlib
import inspect
import sys
import typing
from datetime import date, datetime, timedelta  # noqa: F401 - timedelta: the example
from types import UnionType
from typing import TYPE_CHECKING, Any, Final, TypeVar

from orderpack.errors import ModelError, Problem
from orderpack.model.checks import shown
from orderpack.model.classes import _describe_classes
from orderpack.model.generated import compile_function, kept

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = ["checked", "each_item"]

_F = TypeVar("_F", bound="Callable[..., Any]")

_NOT: Final = {int: (bool,), date: (datetime,)}
"""Classes that are not what an annotation of their base class means: a bool is no int."""

_TEXT: Final = (str, bytes, bytearray, memoryview)
"""What is no iterable of items where one is expected, though Python iterates it."""

_Items = tuple[type, ...]
"""The classes an iterable's items must be of; none, for anything.

An item's class only: whether a bool counts as an int is the function's to say, beside its
other problems (``propose`` names ``outstanding=[True]`` ``not_int``)."""

_Kind = tuple[str, str, tuple[type, ...], tuple[type, ...], _Items]
"""A parameter's name, what it expects, its classes, those that do not fit, its items'."""


def checked(function: _F) -> _F:
    """*function*, refusing arguments not of its annotated kinds (``wrong_type``) first."""
    made: dict[int, Callable[..., Any]] = kept({})  # emptied by forget(): made again

    @functools.wraps(function)
    def call(*args: object, **kwargs: object) -> object:
        checking = made.get(0)
        if checking is None:  # the first call: every class the annotations name exists by now
            checking = made[0] = _checking(function)
        return checking(*args, **kwargs)

    return typing.cast("_F", call)


class _Default:
    """A parameter's default in generated source: written as the name it is bound to."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


def _checking(function: Callable[..., Any]) -> Callable[..., Any]:
    """*function*, called by a function of its signature that first refuses wrong kinds.

    Its source is one ``isinstance`` test per checked parameter and the call, so a call of the
    right kinds pays little; only a refused call looks at each argument again to name every
    wrong one.
    """
    signature = inspect.signature(function)
    hints = _hints(function)
    # The generated function's own names start with "_op_", which no parameter's does.
    namespace: dict[str, object] = {
        "_op_refuse": _refuse,
        "_op_isinstance": isinstance,
        "_op_type": type,
        "_op_all": all,
        "_op_dict": dict,
        "_op_tuple": tuple,
        "_op_list": list,
        "_op_function": function,
    }
    parameters = []
    kinds: list[_Kind] = []
    terms = []
    for n, parameter in enumerate(signature.parameters.values()):
        if parameter.default is not inspect.Parameter.empty:
            namespace[f"_op_default{n}"] = parameter.default
            parameter = parameter.replace(default=_Default(f"_op_default{n}"))  # noqa: PLW2901
        parameters.append(parameter.replace(annotation=inspect.Parameter.empty))
        kind = _kind_of(parameter.name, hints.get(parameter.name, Any))
        if kind is None:
            continue
        if parameter.kind is inspect.Parameter.VAR_POSITIONAL:  # each of them of its kind
            kind = (kind[0], "", (tuple,), (), kind[2])
        elif parameter.kind is inspect.Parameter.VAR_KEYWORD:  # options passed on as given
            continue
        name, _, fits, excluded, items = kind
        namespace[f"_op_fits{n}"], namespace[f"_op_no{n}"] = fits, excluded
        term = f"_op_isinstance({name}, _op_fits{n})"
        if excluded:
            term += f" and not _op_isinstance({name}, _op_no{n})"
        if items:
            namespace[f"_op_items{n}"] = items
            term += (
                f" and (_op_type({name}) not in (_op_tuple, _op_list)"
                f" or _op_all(_op_isinstance(_op_item, _op_items{n}) for _op_item in {name}))"
            )
        terms.append(f"({term})")
        kinds.append(kind)
    namespace["_op_kinds"] = tuple(kinds)
    given = ", ".join(f"{k[0]}={k[0]}" for k in kinds)
    bare = signature.replace(parameters=parameters, return_annotation=inspect.Signature.empty)
    source = (
        f"def call{bare}:\n"
        f"    if not ({' and '.join(terms) or 'True'}):\n"
        f"        _op_refuse(_op_kinds, _op_dict({given}))\n"
        f"    return _op_function({', '.join(map(_passed, parameters))})\n"
    )
    purpose = f"argument check of {function.__qualname__}"
    made = compile_function(purpose, source, namespace, "call")
    made.__name__, made.__qualname__ = function.__name__, function.__qualname__  # in TypeErrors
    return made


def _passed(parameter: inspect.Parameter) -> str:
    """How a generated call passes on *parameter*: by position, by keyword, or spread."""
    if parameter.kind is inspect.Parameter.VAR_POSITIONAL:
        return f"*{parameter.name}"
    if parameter.kind is inspect.Parameter.VAR_KEYWORD:
        return f"**{parameter.name}"
    if parameter.kind is inspect.Parameter.KEYWORD_ONLY:
        return f"{parameter.name}={parameter.name}"
    return parameter.name


def _hints(function: Callable[..., Any]) -> dict[str, Any]:
    """*function*'s annotations, resolved among the names type checkers see.

    Its module's own, ``collections.abc``'s and every class of orderpack's modules loaded so
    far; if an annotation names a class of a module not loaded yet (a name imported only for
    type checkers), every public name of orderpack is loaded, once, and it is looked up again.
    """
    try:
        return typing.get_type_hints(function, globalns=_namespace(function))
    except NameError:
        for package in ("orderpack", "orderpack.contract", "orderpack.planning"):
            module = importlib.import_module(package)
            for name in module.__all__:
                getattr(module, name)
        return typing.get_type_hints(function, globalns=_namespace(function))


def _namespace(function: Callable[..., Any]) -> dict[str, object]:
    """The names of :func:`_hints`: collections.abc's, orderpack's classes, the module's."""
    names: dict[str, object] = dict(vars(collections.abc))
    for module_name, module in list(sys.modules.items()):
        if module_name.startswith("orderpack"):
            names.update(
                (name, value)
                for name, value in dict(vars(module)).items()  # a copy: imports may add names
                if isinstance(value, type)
            )
    names.update(function.__globals__)
    return names


def _kind_of(name: str, hint: object) -> _Kind | None:
    """What parameter *name* annotated *hint* accepts, or ``None`` if it takes anything."""
    members = (
        typing.get_args(hint) if typing.get_origin(hint) in (UnionType, typing.Union) else (hint,)
    )
    fits: list[type] = []
    excluded: list[type] = []
    items: _Items = ()
    for member in members:
        origin = typing.get_origin(member)
        if member in (Any, object) or isinstance(member, TypeVar):
            return None
        if origin is not None and isinstance(origin, type):  # tuple[X, ...], type[X], ...
            fits.append(origin)
            arguments = typing.get_args(member)
            if issubclass(origin, collections.abc.Iterable) and not issubclass(
                origin, collections.abc.Mapping
            ):
                inner = _kind_of("", arguments[0]) if arguments else None
                items = () if inner is None else inner[2]
                excluded.extend((*_TEXT, dict))
        elif getattr(member, "_is_protocol", False):
            fits.append(_shape_of(typing.cast("type", member)))
        elif isinstance(member, type):
            fits.append(member)
            excluded.extend(_NOT.get(member, ()))
        else:  # pragma: no cover - an annotation orderpack does not write
            msg = f"no argument check for {member!r}"
            raise TypeError(msg)
    kept = tuple(k for k in dict.fromkeys(excluded) if k not in fits)
    return name, _describe_classes(tuple(fits)), _fast_first(fits), kept, items


def _fast_first(fits: list[type]) -> tuple[type, ...]:
    """*fits* in the order ``isinstance`` tries them fastest: plain classes before abstract ones.

    An abstract class (``Iterable``, a protocol's shape) is judged in Python, a plain one in
    C; ``None``, and the tuples and lists an iterable usually is (the dicts a mapping is), are
    tried first, so that a call of the right kinds rarely reaches the slow test.
    """
    abstract = [cls for cls in fits if isinstance(cls, abc.ABCMeta | _Shape)]
    mapping = any(issubclass(cls, collections.abc.Mapping) for cls in abstract)
    iterable = any(issubclass(cls, collections.abc.Iterable) for cls in abstract)
    usual = [dict] if mapping else [tuple, list] if iterable else []
    plain = [cls for cls in fits if cls not in abstract]
    return tuple(dict.fromkeys([*plain, *usual, *abstract]))


@functools.cache
def _shape_of(protocol: type) -> type:
    """A class that *protocol*'s implementations are instances of: they have its attributes.

    As a protocol says: a class that defines each of them fits, judged once per class (what
    most implementations are: attrs classes, a reference source); an object of another class
    fits if it has each of them itself (a dataclass's fields, a ``SimpleNamespace``).
    """
    names = tuple(
        name
        for name in (*vars(protocol), *getattr(protocol, "__annotations__", {}))
        if not name.startswith("_")
    )
    return _Shape(protocol.__name__, (), {"_names": names, "_classes": {}})


class _Shape(type):
    """The class of :func:`_shape_of`'s classes: instances by their attributes."""

    _names: tuple[str, ...]
    _classes: dict[type, bool]

    def __instancecheck__(cls, instance: object) -> bool:
        kind = type(instance)
        defined = cls._classes.get(kind)
        if defined is None:
            defined = cls._classes[kind] = all(
                any(name in base.__dict__ for base in kind.__mro__) for name in cls._names
            )
        return defined or all(hasattr(instance, name) for name in cls._names)


def _refuse(kinds: tuple[_Kind, ...], given: dict[str, object]) -> None:
    """Raise a :class:`~orderpack.ModelError` naming each argument in *given* of a wrong kind."""
    raise ModelError(wrong_kinds(kinds, given))


def wrong_kinds(kinds: tuple[_Kind, ...], given: dict[str, object]) -> list[Problem]:
    """A problem for each argument in *given* not of its kind: the generated check, plainly.

    An item of the wrong kind in a list or a tuple is named at its index (``consignments[2]``).
    """
    problems = []
    for name, described, fits, excluded, items in kinds:
        found = given[name]
        if not isinstance(found, fits) or bool(excluded and isinstance(found, excluded)):
            problems.append(_wrong(name, described, found))
        elif items and type(found) in (tuple, list):
            problems += (
                _wrong(f"{name}[{n}]", _describe_classes(items), item)
                for n, item in enumerate(typing.cast("list[object]", found))
                if not isinstance(item, items)
            )
    return problems


def _wrong(path: str, expected: str, found: object) -> Problem:
    return Problem(
        code="wrong_type",
        path=path,
        message=f"expected {expected}, got {shown(found)} ({type(found).__name__})",
    )


def each_item(
    given: Iterable[object], fits: Callable[[object], bool], name: str, expected: str
) -> tuple[object, ...]:
    """*given* as a tuple, each item of which *fits*; else ``wrong_type`` at ``name[n]``.

    For the items of an iterator, which :func:`checked` cannot look at without consuming
    them: the function that reads them checks each as it takes them, every wrong one at once.
    """
    every = tuple(given)
    wrong = [
        _wrong(f"{name}[{n}]", expected, item) for n, item in enumerate(every) if not fits(item)
    ]
    if wrong:
        raise ModelError(wrong)
    return every
