"""Generated code has one home: compiled there, its source kept, its caches forgettable."""

import inspect
import runpy
import traceback
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderpack import (
    Money,
    Order,
    OrderLedger,
    Weight,
    WeightUnit,
    split_order,
    update_consignment,
)
from orderpack.contract import dumps, read
from orderpack.demo import seed_order
from orderpack.errors import ModelError
from orderpack.model import generated
from orderpack.model.arguments import _checking, wrong_kinds
from orderpack.model.trusted import builder
from orderpack.packing.rules import agreeing
from orderpack.planning import propose


def test_a_compiled_function_keeps_its_source_and_names_it_in_a_traceback() -> None:
    """The source is kept under its purpose, and a failure inside shows the generated line."""
    source = "def halve(n):\n    return 1 / n\n"
    halve = generated.compile_function("a test's halving", source, {}, "halve")

    assert halve(4) == 0.25
    assert generated.sources()["a test's halving"] == source
    with pytest.raises(ZeroDivisionError) as caught:
        halve(0)
    shown = "".join(traceback.format_exception(caught.value))
    assert "<orderpack: a test's halving>\", line 2, in halve" in shown
    assert "return 1 / n" in shown


def test_forgetting_makes_every_generator_run_again_to_the_same_effect() -> None:
    """After forget, builders, writers and readers are generated afresh and agree."""
    text = dumps(seed_order())
    build = builder(Weight)
    assert "builder of Weight" in generated.sources()

    generated.forget()

    assert generated.sources() == {}
    assert builder(Weight) is not build
    assert builder(Weight)(Decimal(1), WeightUnit.KG) == build(Decimal(1), WeightUnit.KG)
    assert dumps(seed_order()) == text
    assert read(text, Order).value == seed_order()
    assert {"builder of Weight", "writer of Order", "type check of Order"} <= set(
        generated.sources()
    )


NAMES = ("a", "b", "c")


@given(
    st.fixed_dictionaries({name: st.integers(0, 2) for name in NAMES}),
    st.fixed_dictionaries({name: st.integers(0, 2) for name in NAMES}),
    st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True),
)
def test_agreement_is_equality_on_each_attribute_named(
    ours: dict[str, int], theirs: dict[str, int], names: list[str]
) -> None:
    """The generated comparison says what comparing each attribute named would say."""
    agree = agreeing(names)

    assert f"agreement on {', '.join(names)}" in generated.sources()

    assert agree(SimpleNamespace(**ours), SimpleNamespace(**theirs)) == all(
        ours[name] == theirs[name] for name in names
    )


def test_the_tool_prints_what_the_seed_example_generates(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """tools/show_generated.py prints each generated function under its purpose."""
    tool = runpy.run_path(str(Path(__file__).parents[2] / "tools" / "show_generated.py"))

    assert tool["main"](["show_generated.py", "of Order"]) == 0
    shown = capsys.readouterr().out
    assert "# writer of Order\ndef written(value):\n" in shown
    assert "# builder of Weight" not in shown


_CHECKED = (split_order, propose, OrderLedger.reconcile, Money.total, update_consignment)
"""Public functions whose argument checks cover every kind of annotation: a class, a union
with None, an iterable of a class, a Sequence, a keyword-only flag, a classmethod."""

_VALUES = st.sampled_from(
    [None, 5, True, "x", b"x", [1], ["x"], (), {"a": 1}, seed_order(), [seed_order()], 1.5]
)


@pytest.mark.parametrize("function", _CHECKED, ids=lambda f: f.__qualname__)
@given(data=st.data())
def test_an_argument_check_refuses_exactly_what_its_plain_counterpart_names(
    function: Callable[..., object], data: st.DataObject
) -> None:
    """The generated isinstance chain passes a call iff wrong_kinds finds no problem in it."""
    plain = getattr(getattr(function, "__func__", function), "__wrapped__")  # noqa: B009
    check = _checking(plain)
    check.__globals__["_op_function"] = lambda *_, **__: None  # only the check runs
    kinds = check.__globals__["_op_kinds"]
    given: dict[str, object] = {name: data.draw(_VALUES, label=name) for name, *_ in kinds}

    owner = [None for name in _parameters(check) if name in ("self", "cls")]
    problems: list[object] = []
    try:
        check(*owner, **given)
    except ModelError as error:
        problems = list(error.problems)

    assert problems == wrong_kinds(kinds, given)


def _parameters(function: Callable[..., object]) -> list[str]:
    return list(inspect.signature(function).parameters)
