"""Every public function and method answers a wrong kind of argument with orderpack's errors.

The walk finds each callable in the ``__all__`` of every documented module (and each public
method of a class there), calls it with arguments that work, then with each argument in turn
replaced by values of the wrong kind, and accepts nothing but an :class:`OrderpackError`.
A callable the walk has no working arguments for fails the walk: a new public function is
walked from the day it is added.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import importlib
import inspect
import itertools
import subprocess
import sys
import types
import typing
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from orderpack import (
    Action,
    AddressType,
    ConsignmentState,
    ConsignmentUpdate,
    ContractError,
    Money,
    OrderLedger,
    OrderpackError,
    OrderUpdate,
    Problem,
    SequentialReferences,
    Weight,
    dumps,
    eligible_services,
    pack_order,
    pack_response,
    split_order,
)
from orderpack.batch import split_line
from orderpack.demo import seed_boxes, seed_order, seed_plan, seed_stock
from orderpack.model.arguments import checked
from orderpack.model.order import identifiers
from orderpack.picks import read_picks
from orderpack.planning import PRESETS, propose
from orderpack.testing import FakePro, ProRefusedError, ProTimeoutError
from test_public_api import DOCUMENTED

WRONG: tuple[object, ...] = (
    None,
    5,
    True,
    1.5,
    "x",
    "\ud800",
    b"x",
    bytearray(b"x"),
    memoryview(b"x"),
    [object()],
    ("x",),
    {"a": 1},
    object(),
    iter([5]),
)
"""Values of the wrong kind for nearly every parameter, and of a right kind for a few."""

EXAMPLES = Path(__file__).parent.parent / "examples"

_PRO_FAILS = (ProRefusedError, ProTimeoutError)
"""What :class:`FakePro` raises as PRO would answer: a refusal over HTTP, or no answer."""

_NOT_WALKED = {
    "orderpack.cli.main": "its arguments are the command line's, refused by argparse (exit 2)",
}


@functools.cache
def _samples() -> dict[str, object]:
    """Arguments that work, by parameter name: a name means one thing across the API.

    Made once: every value is immutable but the reference source, whose next reference no
    check depends on.
    """
    order = seed_order()
    split = split_order(order, seed_plan())
    request = split.requests[0]
    consignment = split.consignments[0]
    packed = pack_order(order, request)
    ledger = OrderLedger.open(order).record(*split.consignments)
    return {
        "order": order,
        "plan": seed_plan(),
        "stock": seed_stock(),
        "catalogue": seed_boxes(),
        "policy": PRESETS["fewest-shipments"],
        "outstanding": None,
        "exact": None,
        "split": split,
        "request": request,
        "packed": packed,
        "response": pack_response(packed),
        "consignment": consignment,
        "outbound": consignment,
        "consignments": split.consignments,
        "package": consignment.packages[0],
        "references": SequentialReferences(),
        "reference": consignment.reference,
        "key": f"{order.reference}/1",
        "keys": None,
        "reason": "refused",
        "identified": order.packages[0].items[0],
        "line": 0,
        "addresses": order.addresses,
        "address": order.addresses[0],
        "address_type": AddressType.ORIGIN,
        "moment": datetime(2026, 12, 7, tzinfo=UTC),
        "state": ConsignmentState.UNALLOCATED,
        "action": Action.CANCEL,
        "consignment_tags": ("fragile",),
        "service_tags": ("fragile",),
        "services": {"DHL": ("fragile",)},
        "value": order,
        "obj": {"Value": Decimal(1), "Unit": "Kg"},
        "cls": Weight,
        "data": dumps(Weight(value=Decimal(1))),
        "strict": False,
        "extensions": True,
        "indent": None,
        "error": ContractError([Problem(code="invalid_json", path="", message="expected JSON")]),
        "document": None,
        "type_base": "urn:example:",
        "attribute": "value",
        "model_path": "value",
        "prefix": "order",
        "problem": Problem(code="invalid_json", path="line 2 column 1", message="expected JSON"),
        "orders": [dumps(order)],
        "plans": [dumps(seed_plan())],
        "workers": 1,
        "order_text": dumps(order),
        "plan_text": dumps(seed_plan()),
        "outcome": split_line(1, dumps(order), dumps(seed_plan())),
        "base_url": "https://example.com",
        "order_reference": order.reference,
        "faults": (),
        "ledger": ledger,
    }


_EXAMPLE = functools.partial(lambda name: (EXAMPLES / name).read_text())
_REQUEST = split_order(seed_order(), seed_plan()).requests[0]
_CONSIGNMENT = str(split_order(seed_order(), seed_plan()).consignments[0].reference)
_PACKAGE = split_order(seed_order(), seed_plan()).consignments[0].packages[0].reference

_OVERRIDES: dict[str, dict[str, object]] = {
    "Money.total": {"amounts": [Money(amount=Decimal(1), currency="GBP")]},
    "Money.total_of_lines": {"lines": [(Money(amount=Decimal(1), currency="GBP"), 2)]},
    "Weight.total": {"weights": [Weight(value=Decimal(1))]},
    "Weight.total_of_lines": {"lines": [(Weight(value=Decimal(1)), 2)]},
    "tracking.lifecycle.update_consignment": {"update": ConsignmentUpdate(reference=_CONSIGNMENT)},
    "tracking.management.update_order": {"update": OrderUpdate(order_reference="X")},
    "planning.read_stock": {"data": _EXAMPLE("stock.csv")},
    "planning.read_catalogue": {"data": _EXAMPLE("boxes.csv")},
    "orderpack.picks.read_picks": {"data": _EXAMPLE("picks.csv")},
    "contract.write_json": {"value": {"Id": 7}},
    "packing.pack.find_line": {"identified": _REQUEST.packages[0].items[0]},
    "tracking.lifecycle.delete_package": {"reference": _PACKAGE},
    "tracking.lifecycle.edit_package": {"reference": _PACKAGE},
}


def _callables() -> Iterator[tuple[str, Callable[..., Any], Callable[[dict[str, object]], object]]]:
    """Each public callable: its name, itself, and what it is called on (a method's owner)."""
    seen: set[int] = set()
    for module_name in sorted(DOCUMENTED):
        if module_name == "orderpack.strategies":  # Hypothesis strategies: their own tests
            continue
        module = importlib.import_module(module_name)
        for name in module.__all__:
            found = getattr(module, name)
            if id(found) in seen:
                continue
            seen.add(id(found))
            if inspect.isclass(found):
                if issubclass(found, BaseException | enum.Enum) or _protocol(found):
                    continue
                yield from _methods(f"{module_name}.{name}", found)
            elif inspect.isfunction(found):
                yield f"{module_name}.{name}", found, lambda _: None


def _protocol(cls: type) -> bool:
    """Whether *cls* is a protocol: what implementations have, walked on them."""
    return bool(getattr(cls, "_is_protocol", False))


_OWNERS: dict[str, Callable[[dict[str, object]], object]] = {
    "Order": lambda s: s["order"],
    "OrderLedger": lambda s: s["ledger"],
    "Problem": lambda s: s["problem"],
    "Picks": lambda s: read_picks(_EXAMPLE("picks.csv"), s["order"]),  # type: ignore[arg-type]
    "Proposal": lambda s: propose(s["order"], s["stock"]),  # type: ignore[arg-type]
    "FakePro": lambda _: FakePro(),
    "SequentialReferences": lambda _: SequentialReferences(),
}


def _methods(
    qualified: str, cls: type
) -> Iterator[tuple[str, Callable[..., Any], Callable[[dict[str, object]], object]]]:
    """The public methods *cls* defines, each with how to get what it is called on."""
    for name, member in vars(cls).items():
        if (
            name.startswith("_")
            or not name.isascii()  # a mutation test's own copies (xǁMoneyǁ__add__...)
            or not (inspect.isfunction(member) or isinstance(member, classmethod | staticmethod))
        ):
            continue
        if not _takes_arguments(getattr(cls, name)):
            continue
        if isinstance(member, classmethod | staticmethod):
            yield f"{qualified}.{name}", getattr(cls, name), lambda _: None
        else:
            owner = _OWNERS.get(cls.__name__)
            assert owner is not None, f"no instance of {cls.__name__} to walk {name} on"
            yield f"{qualified}.{name}", member, owner


def _arguments(
    name: str, function: Callable[..., Any], samples: dict[str, object]
) -> dict[str, object]:
    """Working arguments for *function*, by name, from :func:`_samples` and the overrides."""
    overrides = next((given for suffix, given in _OVERRIDES.items() if name.endswith(suffix)), {})
    arguments = {}
    for parameter in itertools.islice(inspect.signature(function).parameters.values(), None):
        if parameter.name in ("self", "cls") and parameter.annotation is inspect.Parameter.empty:
            continue
        if parameter.name in overrides:
            arguments[parameter.name] = overrides[parameter.name]
        elif parameter.name in samples:
            arguments[parameter.name] = samples[parameter.name]
        elif parameter.default is inspect.Parameter.empty:
            pytest.fail(f"no working {parameter.name!r} for {name}")
    return arguments


def _call(function: Callable[..., Any], owner: object, arguments: dict[str, object]) -> None:
    """Call *function* (on *owner*, if a method) and draw a little of any iterator it returns."""
    parameters = inspect.signature(function).parameters
    positional = [owner] if owner is not None else []
    keywords = {}
    for name, value in arguments.items():
        kind = parameters[name].kind
        if kind is inspect.Parameter.VAR_POSITIONAL:
            positional.extend(typing.cast("list[object]", value))
        elif kind is inspect.Parameter.POSITIONAL_ONLY:
            positional.append(value)
        else:
            keywords[name] = value
    made = function(*positional, **keywords)
    if isinstance(made, Iterator):
        list(itertools.islice(made, 3))


def _takes_arguments(function: Callable[..., Any]) -> bool:
    """Whether *function* takes any argument but the value or class it is called on."""
    return any(p not in ("self", "cls") for p in inspect.signature(function).parameters)


WALKED = sorted(
    (name, function, owner)
    for name, function, owner in _callables()
    if name not in _NOT_WALKED and _takes_arguments(function)
)


def _spread(function: Callable[..., Any], parameter: str) -> bool:
    """Whether *parameter* of *function* gathers its positional arguments (``*args``)."""
    kind = inspect.signature(function).parameters[parameter].kind
    return kind is inspect.Parameter.VAR_POSITIONAL


@pytest.mark.parametrize(("name", "function", "owner"), WALKED, ids=[w[0] for w in WALKED])
def test_a_wrong_kind_of_argument_is_refused_with_orderpacks_errors(
    name: str, function: Callable[..., Any], owner: Callable[[dict[str, object]], object]
) -> None:
    """Each argument replaced in turn by each wrong value: a result, or an OrderpackError."""
    samples = _samples()
    arguments = _arguments(name, function, samples)
    escaped = []
    for parameter, wrong in itertools.product(arguments, WRONG):
        given = {**arguments, parameter: wrong}
        if (
            inspect.signature(function).parameters[parameter].kind
            is inspect.Parameter.VAR_POSITIONAL
        ):
            given[parameter] = (wrong,)
        try:
            _call(function, owner(_samples()), given)
        except (OrderpackError, *_PRO_FAILS):
            pass
        except Exception as error:  # noqa: BLE001 - what the law forbids
            escaped.append(f"{parameter}={wrong!r:.30}: {type(error).__name__}: {error}")

    assert escaped == []


@pytest.mark.parametrize(("name", "function", "owner"), WALKED, ids=[w[0] for w in WALKED])
def test_the_walk_starts_from_arguments_of_the_right_kinds(
    name: str, function: Callable[..., Any], owner: Callable[[dict[str, object]], object]
) -> None:
    """Each refusal above is the wrong argument's alone.

    The working call works, or its arguments are refused for what they hold (a key unknown to
    the ledger, say), never for their kind.
    """
    samples = _samples()
    codes: list[str] = []
    try:
        _call(function, owner(samples), _arguments(name, function, samples))
    except (OrderpackError, *_PRO_FAILS) as error:
        codes = [p.code for p in getattr(error, "problems", ())]

    assert "wrong_type" not in codes


def test_every_wrong_argument_is_named_at_once() -> None:
    """Two arguments of the wrong kind: two problems, each at its parameter's name."""
    with pytest.raises(OrderpackError) as caught:
        split_order("order", None)  # type: ignore[arg-type]

    assert [(p.code, p.path) for p in caught.value.problems] == [  # type: ignore[attr-defined]
        ("wrong_type", "order"),
        ("wrong_type", "plan"),
    ]


def test_a_string_is_no_list_of_things() -> None:
    """Text given where an iterable of values is expected is refused, not iterated."""
    ledger = OrderLedger.open(seed_order())

    with pytest.raises(OrderpackError) as caught:
        ledger.reconcile("EC-000-000-001")  # type: ignore[arg-type]

    assert [(p.code, p.path) for p in caught.value.problems] == [  # type: ignore[attr-defined]
        ("wrong_type", "consignments")
    ]


def test_the_items_of_a_list_are_checked() -> None:
    """A list holding something else than it should is refused before it is used."""
    with pytest.raises(OrderpackError) as caught:
        OrderLedger.rebuild(seed_order(), [seed_order()])  # type: ignore[list-item]

    assert [(p.code, p.path) for p in caught.value.problems] == [  # type: ignore[attr-defined]
        ("wrong_type", "consignments[0]")
    ]


@checked
def _tagged(*tags: str, **options: int) -> tuple[tuple[str, ...], dict[str, int]]:
    """A function of the shapes no public one has yet: gathered arguments and options."""
    return tags, options


def test_gathered_arguments_are_each_checked_and_options_passed_on() -> None:
    """Each of *args is of its kind; **options, annotated for each, pass through as given."""
    with pytest.raises(OrderpackError) as caught:
        _tagged("fragile", 5)  # type: ignore[arg-type]

    assert _tagged("fragile", "heavy", weight=5) == (("fragile", "heavy"), {"weight": 5})
    assert _tagged(weight="5") == ((), {"weight": "5"})  # type: ignore[arg-type,comparison-overlap]  # as given
    assert [(p.code, p.path) for p in caught.value.problems] == [  # type: ignore[attr-defined]
        ("wrong_type", "tags[1]")
    ]


def test_the_items_of_an_iterator_are_checked_where_they_are_read() -> None:
    """No check can look into an iterator unread: the function names its items as it reads."""
    ledger = OrderLedger.open(seed_order())
    with pytest.raises(OrderpackError) as reconciled:
        ledger.reconcile(iter([None]))  # type: ignore[arg-type]
    with pytest.raises(OrderpackError) as keyed:
        ledger.submit_split(seed_plan(), keys=iter(["a", 5]))  # type: ignore[arg-type]
    with pytest.raises(OrderpackError) as summed:
        Money.total(iter([Money(amount=Decimal(1), currency="GBP"), 5]))  # type: ignore[arg-type]

    assert [p.path for p in reconciled.value.problems] == ["consignments[0]"]  # type: ignore[attr-defined]
    assert [p.path for p in keyed.value.problems] == ["keys[1]"]  # type: ignore[attr-defined]
    assert [p.path for p in summed.value.problems] == ["amounts[1]"]  # type: ignore[attr-defined]


def test_a_function_whose_classes_are_not_loaded_yet_still_checks_its_arguments() -> None:
    """In a fresh interpreter render_split names Split, which nothing has imported yet."""
    script = (
        "from orderpack.errors import ModelError\n"
        "from orderpack.render import render_split\n"
        "try:\n"
        "    render_split(1, 2)\n"
        "except ModelError as error:\n"
        "    print(sorted(p.path for p in error.problems))\n"
    )
    done = subprocess.run(  # noqa: S603 - this interpreter, our own script
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )

    assert done.stdout == "['order', 'split']\n"


def test_an_object_with_a_protocols_attributes_fits_it() -> None:
    """A dataclass or a namespace with an item's identifiers is an Identified, as typed."""

    @dataclasses.dataclass(frozen=True)
    class Named:
        sku: str
        reference: str | None = None
        item_reference_provided_by_customer: str | None = None

    loose = types.SimpleNamespace(
        sku="HAT", reference=None, item_reference_provided_by_customer=None
    )

    assert identifiers(Named(sku="HAT")) == identifiers(loose) == (("sku", "HAT"),)
    with pytest.raises(OrderpackError):
        identifiers(types.SimpleNamespace(sku="HAT"))


def test_a_call_with_an_argument_missing_names_the_function() -> None:
    """Python's own TypeError for a wrong count of arguments names the function, not a wrapper."""
    with pytest.raises(TypeError, match=r"^propose\(\) missing 1 required positional"):
        propose(seed_order())  # type: ignore[call-arg]


def test_an_items_value_is_left_to_the_function_beside_its_other_problems() -> None:
    """A bool among counts is of the right class: propose names it not_int, with the rest."""
    with pytest.raises(OrderpackError) as caught:
        propose(seed_order(), seed_stock(), outstanding=[True, 1, 1, 1, 1])

    assert [(p.code, p.path) for p in caught.value.problems] == [  # type: ignore[attr-defined]
        ("bad_value", "outstanding"),
        ("not_int", "outstanding[0]"),
    ]


def test_a_string_of_tags_is_no_collection_of_them() -> None:
    """eligible_services names the service whose tags are text, at its key."""
    with pytest.raises(OrderpackError) as caught:
        eligible_services(["Oil"], {"DHL": "Oil", "UPS": ["Oil"]})

    assert [p.path for p in caught.value.problems] == ["services['DHL']"]  # type: ignore[attr-defined]
