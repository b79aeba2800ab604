"""Reference sources: deterministic, in PRO's formats, passed in by the caller."""

import re

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import item, lamps, order
from orderpack import ModelError, OrderLedger, SequentialReferences, pack_order

FORMAT = re.compile(r"E[CP]-[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}")


@given(start=st.integers(0, 36**9 - 2))
def test_references_are_well_formed_and_distinct(start: int) -> None:
    """Each call gives a new reference in PRO's format."""
    source = SequentialReferences(start=start)

    made = [source.consignment_reference(), source.consignment_reference()]
    made += [source.package_reference()]

    assert all(FORMAT.fullmatch(reference) for reference in made)
    assert made[0] != made[1]


@given(start=st.integers(0, 36**9 - 1))
def test_a_reference_is_its_number_in_nine_base_36_digits(start: int) -> None:
    """Read back as base 36 (Python's own reading), a reference is the number it counts."""
    made = SequentialReferences(start=start).package_reference()

    assert int(made.removeprefix("EP-").replace("-", ""), 36) == start


def test_two_sources_with_the_same_start_agree() -> None:
    """Nothing hidden: a source is determined by where it starts."""
    assert SequentialReferences(start=5).package_reference() == (
        SequentialReferences(start=5).package_reference()
    )


def test_the_last_reference_then_exhaustion() -> None:
    """Nine base-36 digits, then no more: the library's error, naming the last one."""
    source = SequentialReferences(start=36**9 - 1)

    assert source.consignment_reference() == "EC-ZZZ-ZZZ-ZZZ"
    with pytest.raises(ModelError) as caught:
        source.consignment_reference()

    (problem,) = caught.value.problems
    assert (problem.code, problem.path) == ("references_exhausted", "reference")
    assert "EC-ZZZ-ZZZ-ZZZ" in problem.message


def test_a_ledger_out_of_references_says_so_on_every_pack() -> None:
    """Not a bare OverflowError: each later pack is refused the same way, nothing recorded."""
    ledger = OrderLedger.rebuild(
        order(item(quantity=9)),
        [
            attrs.evolve(
                pack_order(order(item(quantity=9)), lamps()).consignment, reference="EC-ZZZ-ZZZ-ZZZ"
            )
        ],
    )

    for _ in range(2):
        with pytest.raises(ModelError) as caught:
            ledger.pack(lamps())
        assert caught.value.codes() == ("references_exhausted",)
    assert len(ledger.consignments) == 1


@pytest.mark.parametrize(("start", "code"), [(-1, "negative"), (1.5, "not_int"), (True, "not_int")])
def test_a_start_that_is_no_reference_number_is_refused(start: object, code: str) -> None:
    """Below zero there are no digits to give; a float or a bool is no number of one."""
    with pytest.raises(ModelError) as caught:
        SequentialReferences(start=start)  # type: ignore[arg-type]

    assert caught.value.codes() == (code,)
