"""A ledger sent to another interpreter, with another hash seed, behaves as the original."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import textwrap

import pytest

from orderpack import OrderLedger
from orderpack.demo import seed_order, seed_plan

MAKE = """
    import pickle, sys
    from orderpack import OrderLedger
    from orderpack.demo import seed_order, seed_plan
    ledger = OrderLedger.open(seed_order()).split(seed_plan()).ledger
    sys.stdout.buffer.write(pickle.dumps(ledger))
"""
USE = """
    import pickle, sys
    from orderpack import LedgerError, SequentialReferences
    from orderpack.contract import dumps
    ledger = pickle.loads(sys.stdin.buffer.read())
    cancelled = ledger.cancel("EC-000-000-002")  # a live consignment: found by its reference
    try:
        ledger.record(ledger.consignments[0])  # a second live EC-000-000-001
    except LedgerError as error:
        print("refused", error.codes())
    print(cancelled.status.value, dumps(cancelled) == dumps(cancelled.__class__.rebuild(
        cancelled.order, cancelled.consignments)))
"""


def run(script: str, seed: str, given: bytes = b"") -> bytes:
    """Run *script* in a fresh interpreter with hash seed *seed*; its output."""
    environment = os.environ | {"PYTHONHASHSEED": seed}
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", textwrap.dedent(script)],
        input=given,
        capture_output=True,
        check=False,
        env=environment,
    )
    assert done.stderr == b""
    return done.stdout


@pytest.mark.parametrize("seed", ["1", "2", "3", "4"])
def test_a_pickled_ledger_behaves_the_same_under_another_hash_seed(seed: str) -> None:
    """Made under seed 0; cancelled, checked and counted under another."""
    made = run(MAKE, "0")

    assert run(USE, seed, made).decode().splitlines() == [
        "refused ('duplicate_reference',)",
        "PartiallyPacked True",
    ]


def test_a_pickle_round_trip_keeps_equality_and_behaviour() -> None:
    """In one process too: equal, and the counts rebuilt rather than copied."""
    ledger = OrderLedger.open(seed_order()).submit_split(seed_plan()).ledger

    again = pickle.loads(pickle.dumps(ledger))  # noqa: S301 - our own bytes

    assert again == ledger
    assert again.lines == ledger.lines
    assert again.submissions == ledger.submissions
