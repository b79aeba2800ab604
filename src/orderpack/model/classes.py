"""Every model class is made by one decorator, :func:`model`, and checks the types it is given.

``@model`` makes a class frozen and keyword-only, converts empty optional text to ``None`` and an
enum's value to its member (:func:`model_fields`), and gives it a constructor that checks each
field's type from the class's own annotations before the class's own rules run (its
``__attrs_post_init__``, if it has one).

A wrong type is refused with a :class:`~orderpack.ModelError` naming the field
(``wrong_type``), never a bare ``TypeError`` from deeper in. A field whose class checks its own
type with a more telling problem (a Decimal measure: ``not_decimal``, a quantity: ``not_int``,
a ship day: ``not_date``) is left to that check. One wrong type hides no other problem: the
rules' problems in the other fields are named in the same error.
"""

from __future__ import annotations

import functools
import itertools
import sys
import typing
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from types import NoneType, UnionType
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs

from orderpack.errors import ModelError, Problem, ValidationError
from orderpack.model.checks import optional_text, shown
from orderpack.model.generated import compile_function, kept

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["check_types", "model", "model_fields", "rules_of"]

_Model = TypeVar("_Model")

_OWN_CHECKS: Final = frozenset({Decimal, Decimal | None})
"""Annotations whose classes check the type themselves, with a problem of their own."""

_OWN_FIELDS: Final = frozenset({(int, "quantity"), (date, "ship_day")})
"""Fields whose classes check the type themselves: ``not_int`` and ``not_date`` say more."""

_NOT: Final = {int: bool, date: datetime}
"""Classes that are not what an annotation of their base class means: a bool is no int."""


_Field = tuple[str, str, tuple[type, ...], tuple[type, ...], tuple[type, ...]]
"""A field's name, what it expects, its classes, the subclasses that do not fit, its items'."""


def _bound(cls: type, hint: object) -> object:
    """*hint* with the type variable of a generic base replaced by what *cls* binds it to.

    A consignment package's items are consignment items, an order package's order items.
    """
    if typing.get_origin(hint) is not tuple or not isinstance(typing.get_args(hint)[0], TypeVar):
        return hint
    variable: TypeVar = typing.get_args(hint)[0]
    bound = next(
        (
            typing.get_args(base)[parameters.index(variable)]
            for base in getattr(cls, "__orig_bases__", ())
            if variable in (parameters := getattr(typing.get_origin(base), "__parameters__", ()))
        ),
        variable.__bound__,
    )
    return tuple[bound, ...]  # type: ignore[valid-type]


def _classes(hint: object) -> tuple[tuple[type, ...], tuple[type, ...], tuple[type, ...]]:
    """What fits *hint*: its classes, the subclasses that do not, and a tuple's item classes."""
    members = (
        typing.get_args(hint) if typing.get_origin(hint) in (UnionType, typing.Union) else (hint,)
    )
    fits: list[type] = []
    items: tuple[type, ...] = ()
    for member in members:
        if typing.get_origin(member) is tuple:
            fits.append(tuple)
            items, _, _ = _classes(typing.get_args(member)[0])
        else:
            fits.append(typing.cast("type", member))
    excluded = tuple(_NOT[cls] for cls in fits if cls in _NOT and _NOT[cls] not in fits)
    return tuple(fits), excluded, items


def _describe_classes(classes: tuple[type, ...]) -> str:
    names = ["None" if cls is NoneType else cls.__name__ for cls in classes]
    return " or ".join(
        f"{'an' if name[0] in 'AEIOUaeiou' else 'a'} {name}" if name != "None" else name
        for name in names
    )


_CHECKS: dict[type, tuple[Callable[[object], bool], tuple[_Field, ...]]] = kept({})
"""Each model class's checks, made the first time one of its values is built."""


def _make_check(cls: type) -> tuple[Callable[[object], bool], tuple[_Field, ...]]:
    """A fast test of every field of *cls* at once, and each field's own test for a message.

    The fast test is one expression compiled for the class, so a valid value pays a handful
    of ``isinstance`` calls and nothing more.
    """
    hints = typing.get_type_hints(cls)
    fields: list[_Field] = []
    for field in attrs.fields(cls):
        hint = _bound(cls, hints[field.name])
        if not field.init or hint in _OWN_CHECKS or (hint, field.name) in _OWN_FIELDS:
            continue
        fits, excluded, items = _classes(hint)
        fields.append((field.name, _describe_classes(fits), fits, excluded, items))
    namespace: dict[str, object] = {"repeat": itertools.repeat}
    terms = []
    for n, (name, _, fits, excluded, items) in enumerate(fields):
        namespace[f"fits{n}"], namespace[f"no{n}"], namespace[f"items{n}"] = fits, excluded, items
        term = f"isinstance(value.{name}, fits{n})"
        if excluded:
            term += f" and not isinstance(value.{name}, no{n})"
        if items:
            term = (
                f"({term} and (type(value.{name}) is not tuple"
                f" or all(map(isinstance, value.{name}, repeat(items{n})))))"
            )
        terms.append(f"({term})")
    source = "def check(value):\n    return " + (" and ".join(terms) or "True") + "\n"
    check = compile_function(f"type check of {cls.__qualname__}", source, namespace, "check")
    return check, tuple(fields)


def check_types(value: object) -> None:
    """Raise a :class:`~orderpack.ModelError` naming every field of *value* of a wrong type."""
    made = _CHECKS.get(type(value))
    if made is None:  # the first value of its class
        made = _CHECKS[type(value)] = _make_check(type(value))
    if made[0](value):
        return
    fields = made[1]
    problems = []
    for name, described, fits, excluded, items in fields:
        found = getattr(value, name)
        wrong = not isinstance(found, fits) or bool(excluded and isinstance(found, excluded))
        expected = described
        if not wrong and items and isinstance(found, tuple):
            wrong = not all(isinstance(item, items) for item in found)
            expected = f"{described} of {_describe_classes(items)}"
        if wrong:
            problems.append(
                Problem(
                    code="wrong_type",
                    path=name,
                    message=f"expected {expected}, got {shown(found)} ({type(found).__name__})",
                )
            )
    raise ModelError(problems)


def _enum_members(enum: type[Enum]) -> Callable[[object], object]:
    """Convert a value of *enum* to its member; anything else is left for the type check."""
    members = {member.value: member for member in enum}

    def convert(value: object) -> object:
        if isinstance(value, str) and not isinstance(value, Enum):
            return members.get(value, value)
        return value

    return convert


def _enum_of(cls: type, annotation: object) -> type[Enum] | None:
    """The enum of an ``E`` or ``E | None`` annotation of *cls*, a type or its text (PEP 563).

    Text is looked up in the module that defines *cls*, as it stands while the class is made:
    an enum it names is defined or imported above.
    """
    if isinstance(annotation, str):
        found = vars(sys.modules[cls.__module__]).get(annotation.removesuffix(" | None"))
    else:
        found = next(iter(typing.get_args(annotation)), annotation)
    return found if isinstance(found, type) and issubclass(found, Enum) else None


def model_fields(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """The field transformer of every model class: empty text as none, enum values as members."""
    fields = optional_text(cls, fields)
    out = []
    for field in fields:
        enum = _enum_of(cls, field.type)
        if enum is not None and field.converter is None:
            field = field.evolve(converter=_enum_members(enum))  # noqa: PLW2901
        out.append(field)
    return out


_Class = TypeVar("_Class", bound=type)


def _model(cls: _Class) -> _Class:
    """Make *cls* a model class: frozen, keyword-only, its types checked, then its own rules.

    The class's rules are its own ``__attrs_post_init__``; a class without one keeps its
    base's, or has none. Empty optional text becomes ``None`` and an enum's value its member.

    >>> @model
    ... class Parcel:
    ...     label: str
    ...     def __attrs_post_init__(self) -> None:
    ...         if not self.label.isupper():
    ...             raise ValueError("labels are upper case")
    >>> Parcel(label="A1")
    Parcel(label='A1')
    >>> try:
    ...     Parcel(label=1)
    ... except ModelError as error:
    ...     print(*error.problems)
    wrong_type at label: expected a str, got 1 (int)
    """
    rules = cls.__dict__.get("__attrs_post_init__")
    if rules is not None:
        cls.__attrs_post_init__ = _type_checked(rules)  # type: ignore[attr-defined]
    elif getattr(cls, "__attrs_post_init__", None) is None:
        cls.__attrs_post_init__ = _type_checked(_no_rules)  # type: ignore[attr-defined]
    return attrs.frozen(kw_only=True, field_transformer=model_fields)(cls)


if TYPE_CHECKING:
    # Type checkers know attrs' decorators by name: to them @model is attrs.frozen, so a
    # service's checker reads each class's constructor, converters and frozenness with no
    # plugin (this project's own check adds keyword-only: tools/mypy_model.py).
    from attrs import frozen as model
else:
    model = _model


def _type_checked(rules: Callable[[_Model], None]) -> Callable[[_Model], None]:
    """A class's ``__attrs_post_init__`` from its *rules*: :func:`check_types`, then them.

    *rules* are kept apart (:func:`rules_of`) for a reader whose hooks have already given each
    field a value of its type, so that it does not check the types twice.
    """

    @functools.wraps(rules)
    def __attrs_post_init__(self: _Model) -> None:  # noqa: N807 - the method attrs calls
        try:
            check_types(self)
        except ModelError as wrong:
            raise ModelError([*wrong.problems, *_beside(rules, self, wrong)]) from None
        rules(self)

    return __attrs_post_init__


def _beside(rules: Callable[[_Model], None], value: _Model, wrong: ModelError) -> list[Problem]:
    """The problems *rules* find in *value* beside its fields of a wrong type, if they can tell.

    One wrong type hides no other problem: the rules are run on what the type check refused,
    and each problem they name outside a field of the wrong type is kept. Rules that cannot
    judge a value of the wrong type (and fail on it, in any way) add nothing.
    """
    try:
        rules(value)
    except ValidationError as error:
        fields = {problem.path for problem in wrong.problems}
        return [p for p in error.problems if _field_of(p.path) not in fields]
    except Exception:  # noqa: BLE001 - a rule met a value of the wrong type: nothing to add
        return []
    return []


def _field_of(path: str) -> str:
    """The field a problem's *path* (``packages[0].items``) starts at (``packages``)."""
    return path.partition(".")[0].partition("[")[0]


def rules_of(cls: type) -> Callable[[Any], None]:
    """The checks of *cls* beyond its fields' types: what its constructor runs after them.

    For a :func:`model` class, its rules; for any other class, its ``__attrs_post_init__``
    whole (which may check the types too), or nothing if it has none.
    """
    post_init = getattr(cls, "__attrs_post_init__", None)
    if post_init is None:
        return _no_rules
    return typing.cast("Callable[[Any], None]", getattr(post_init, "__wrapped__", post_init))


def _no_rules(_: object) -> None:
    """The rules of a class that has none."""
