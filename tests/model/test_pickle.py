"""Every public value pickles to an equal value, so it can cross process and machine bounds."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderpack import (
    ConsignmentState,
    ContractError,
    CurrencyMismatchError,
    ModelError,
    OrderLedger,
    PackError,
    Problem,
    SplitError,
    ValidationError,
    pack_order,
    split_order,
    strategies,
)
from orderpack.batch import split_line
from orderpack.contract import dumps
from orderpack.demo import seed_order, seed_plan
from orderpack.errors import CODES, LedgerError, LifecycleError, UpdateError
from orderpack.tracking.responses import pack_response

values = st.one_of(
    strategies.weights(),
    strategies.dimensions(),
    strategies.money(),
    strategies.metadata(),
    strategies.countries(),
    strategies.contacts(),
    strategies.barcodes(),
    strategies.customs_documentation(),
    strategies.order_items(),
    strategies.orders(),
    strategies.consignments(states=st.sampled_from(ConsignmentState)),
    strategies.ledgers(max_events=4),
    strategies.orders().flatmap(strategies.plans),
    strategies.orders().flatmap(
        lambda o: strategies.plans(o).map(lambda plan: split_order(o, plan))
    ),
    strategies.orders().flatmap(
        lambda o: strategies.pack_requests(o).map(lambda r: pack_order(o, r))
    ),
    strategies.orders().flatmap(
        lambda o: strategies.pack_requests(o).map(lambda r: pack_response(pack_order(o, r)))
    ),
    strategies.orders().flatmap(
        lambda o: strategies.plans(o).map(lambda plan: split_line(1, dumps(o), dumps(plan)))
    ),
)


@given(value=values)
def test_a_value_pickles_to_an_equal_value(value: object) -> None:
    """Orders, plans, splits, consignments, ledgers and the rest survive pickle unchanged."""
    for protocol in (2, pickle.HIGHEST_PROTOCOL):
        assert pickle.loads(pickle.dumps(value, protocol=protocol)) == value  # noqa: S301


def test_a_ledger_pickles_with_its_consignments_and_submissions() -> None:
    """Loaded, a ledger holds what it held and counts it again: its lines are the same."""
    split = OrderLedger.open(seed_order()).split(seed_plan()).ledger
    ledger = split.submit_cancel(split.consignments[0].reference).ledger  # type: ignore[arg-type]

    back = pickle.loads(pickle.dumps(ledger))  # noqa: S301

    assert (back.consignments, back.submissions) == (ledger.consignments, ledger.submissions)
    assert len(back.consignments) == 2
    assert back.lines == ledger.lines
    assert back == ledger


def test_an_order_pickles_after_its_caches_are_filled() -> None:
    """An order's cached lines and index do not leak into, or break, its pickle."""
    order = seed_order()
    fresh = pickle.dumps(order)
    assert order.items  # fills the cache

    back = pickle.loads(pickle.dumps(order))  # noqa: S301

    assert back == order
    assert back.items == order.items
    assert pickle.dumps(order) == fresh


@pytest.mark.parametrize(
    "error_type",
    [
        ValidationError,
        ModelError,
        PackError,
        SplitError,
        LedgerError,
        LifecycleError,
        UpdateError,
        ContractError,
    ],
)
@given(
    problems=st.lists(
        st.builds(Problem, code=st.sampled_from(sorted(CODES)), path=st.text(), message=st.text()),
        min_size=1,
        max_size=3,
    )
)
def test_an_error_pickles_with_every_problem(
    error_type: type[ValidationError], problems: list[Problem]
) -> None:
    """An error raised in a worker process reaches the parent with its problems and message."""
    error = error_type(problems)

    back = pickle.loads(pickle.dumps(error))  # noqa: S301

    assert type(back) is error_type
    assert (back.problems, str(back)) == (error.problems, str(error))


def test_a_currency_mismatch_pickles_with_its_message() -> None:
    """The one error without problems keeps its message."""
    error = CurrencyMismatchError("cannot add 1 GBP and 1 EUR")

    back = pickle.loads(pickle.dumps(error))  # noqa: S301

    assert (type(back), str(back)) == (CurrencyMismatchError, str(error))
