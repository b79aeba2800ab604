"""The exception tree and the problems it carries."""

import pytest

from orderpack import (
    CurrencyMismatchError,
    ModelError,
    OrderpackError,
    PackError,
    Problem,
    SplitError,
    ValidationError,
)


def test_validation_errors_are_value_errors_in_one_tree() -> None:
    """Callers who do not know the tree still catch a ValueError."""
    for error in (ModelError, PackError, SplitError, CurrencyMismatchError):
        assert issubclass(error, OrderpackError)
        assert issubclass(error, ValueError)
    assert issubclass(SplitError, ValidationError)


def test_message_lists_every_problem() -> None:
    """One line per problem, with its code, path and message."""
    error = SplitError(
        [
            Problem(code="item_not_on_order", path="allocations[0].sku", message="no X"),
            Problem(code="package_empty", path="", message="no Y"),
        ]
    )

    assert str(error) == (
        "2 problems:\n- item_not_on_order at allocations[0].sku: no X\n- package_empty: no Y"
    )
    assert error.codes() == ("item_not_on_order", "package_empty")


def test_an_error_without_problems_cannot_be_raised() -> None:
    """A validation failure always says what failed."""
    with pytest.raises(ValueError, match="at least one problem"):
        ModelError([])


def test_a_problem_code_must_be_a_known_one() -> None:
    """Codes are a closed, documented vocabulary."""
    with pytest.raises(ValueError, match="unknown problem code 'oops'"):
        Problem(code="oops", path="", message="m")
