"""Generated code has one home: compiled there, its source kept, its caches forgettable."""

import runpy
import traceback
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderpack import Order, Weight, WeightUnit
from orderpack.contract import dumps, read
from orderpack.demo import seed_order
from orderpack.model import generated
from orderpack.model.trusted import builder
from orderpack.packing.rules import agreeing


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
