"""Reference sources: deterministic, in PRO's formats, passed in by the caller."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderpack import SequentialReferences

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
    """Nine base-36 digits, then no more."""
    source = SequentialReferences(start=36**9 - 1)

    assert source.consignment_reference() == "EC-ZZZ-ZZZ-ZZZ"
    with pytest.raises(OverflowError, match="EC references are exhausted"):
        source.consignment_reference()


def test_a_negative_start_is_no_reference() -> None:
    """Below zero there are no digits to give: refused, as past the last."""
    with pytest.raises(OverflowError, match="EP references are exhausted"):
        SequentialReferences(start=-1).package_reference()
