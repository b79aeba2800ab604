"""Batches: one outcome per line, in order, bad lines reported, nothing held but a few lines."""

from __future__ import annotations

import gc
import itertools
import os
import subprocess
import sys
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, ClassVar, TypeVar

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderpack import (
    ModelError,
    Order,
    PackItem,
    PackOrderRequest,
    PackPackage,
    Plan,
    batch,
    split_order,
)
from orderpack.batch import (
    CHUNK,
    BatchOutcome,
    WrittenOutcome,
    split_batch,
    split_line,
    to_envelope,
    to_json_line,
    write_batch,
)
from orderpack.contract import dumps, to_wire
from orderpack.demo import seed_order, seed_plan
from orderpack.strategies import orders, plans

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

T = TypeVar("T")

ORDER, PLAN = dumps(seed_order()), dumps(seed_plan())


@pytest.fixture(autouse=True)
def workers_pay_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers start for batches of any size here, so that small batches test them."""
    monkeypatch.setattr(batch, "WORKERS_PAY_FROM", 0)


@st.composite
def batches(draw: st.DrawFn) -> list[tuple[Order, Plan]]:
    """A few orders, each with a valid plan."""
    return [
        (order, draw(plans(order))) for order in draw(st.lists(orders(), min_size=1, max_size=3))
    ]


@given(batch=batches())
def test_a_batch_splits_each_line_as_split_order_does(batch: list[tuple[Order, Plan]]) -> None:
    """Line n's requests are split_order's for order n and plan n, read back from JSON."""
    outcomes = list(
        split_batch([dumps(order) for order, _ in batch], [dumps(plan) for _, plan in batch])
    )

    assert [o.line for o in outcomes] == list(range(1, len(batch) + 1))
    assert [o.requests for o in outcomes] == [split_order(o, p).requests for o, p in batch]
    assert [o.order_reference for o in outcomes] == [order.reference for order, _ in batch]
    assert all(o.ok for o in outcomes)


def test_a_bad_line_is_reported_by_number_and_the_rest_complete() -> None:
    """Unreadable JSON on line 2, a plan the order refuses on line 3; lines 1 and 4 split."""
    over = dumps(seed_plan()).replace('"Quantity":1', '"Quantity":5', 1)

    outcomes = list(split_batch([ORDER, "{", ORDER, ORDER], [PLAN, PLAN, over, PLAN]))

    assert [(o.line, o.ok) for o in outcomes] == [(1, True), (2, False), (3, False), (4, True)]
    assert [(p.code, p.path) for p in outcomes[1].problems] == [("invalid_json", "order")]
    assert "over_allocated" in [p.code for p in outcomes[2].problems]
    assert outcomes[2].problems[0].path.startswith("plan.")
    assert outcomes[2].order_reference == seed_order().reference
    assert outcomes[1].requests == outcomes[2].requests == ()


def test_every_problem_of_both_documents_is_named() -> None:
    """A bad order and a bad plan on one line: the problems of each, under its own name."""
    outcome = split_line(7, '{"Packages": 5}', "[]")

    assert outcome == BatchOutcome(line=7, problems=outcome.problems)
    assert {p.path.split(".")[0].split("[")[0] for p in outcome.problems} == {"order", "plan"}


@pytest.mark.parametrize(
    ("orders_in", "plans_in", "missing"),
    [([ORDER, ORDER], [PLAN], "plan"), ([ORDER], [PLAN, PLAN], "order")],
)
def test_a_line_in_one_file_only_is_unpaired(
    orders_in: list[str], plans_in: list[str], missing: str
) -> None:
    """The files pair line by line; a line past the end of the other file is a problem."""
    outcomes = list(split_batch(orders_in, plans_in))

    assert [o.ok for o in outcomes] == [True, False]
    assert [(p.code, p.path) for p in outcomes[1].problems] == [("unpaired_line", missing)]


def test_blank_lines_are_skipped_and_still_counted() -> None:
    """A line blank in both files, or blank at the end of the longer one, is no order."""
    outcomes = list(split_batch([ORDER, "\n", ORDER, "  \n"], [PLAN, "", PLAN]))

    assert [(o.line, o.ok) for o in outcomes] == [(1, True), (3, True)]


def test_a_blank_line_beside_a_line_is_unpaired() -> None:
    """A blank line is a missing document: beside an order, the order has no plan."""
    outcomes = list(split_batch([ORDER, ORDER, "\n"], [PLAN, " \n", PLAN]))

    assert [[(p.code, p.path) for p in o.problems] for o in outcomes] == [
        [],
        [("unpaired_line", "plan")],
        [("unpaired_line", "order")],
    ]
    assert outcomes[1].problems[0].message == "line 2 has no plan"


HOSTILE = [
    pytest.param(b"[" * 100_000, "invalid_json", id="nested-deeply"),
    pytest.param(b'{"Packages": 1e999999999}', "wrong_type", id="huge-exponent"),
    pytest.param(
        ORDER.replace('"Quantity":1', '"Quantity":1e400', 1).encode(),
        "wrong_type",
        id="overflowing-number",
    ),
    pytest.param(
        ORDER.replace("Necklace", "Neck\\udc80", 1).encode(), "bad_value", id="lone-surrogate"
    ),
    pytest.param(b'{"Reference": "EO-\xff"}', "invalid_json", id="not-utf8"),
]


@pytest.mark.parametrize(("hostile", "code"), HOSTILE)
def test_a_hostile_line_is_that_lines_problem_and_the_rest_still_run(
    hostile: bytes, code: str
) -> None:
    """Bytes in, decoded line by line: no line, however bad, stops the lines after it."""
    order, plan = ORDER.encode(), PLAN.encode()

    outcomes = list(split_batch([order, hostile, order], [plan, plan, plan]))

    assert [o.ok for o in outcomes] == [True, False, True]
    assert code in {p.code for p in outcomes[1].problems}
    assert attrs.evolve(outcomes[2], line=1) == outcomes[0]


@pytest.mark.processes
def test_workers_give_the_same_outcomes_in_the_same_order() -> None:
    """Spread over processes, the outcomes cross back whole, equal and in line order."""
    lines = CHUNK * 5 + 3
    orders_in = [ORDER if n % 7 else "{" for n in range(lines)]

    alone = list(split_batch(orders_in, [PLAN] * lines))
    together = list(split_batch(orders_in, [PLAN] * lines, workers=2))

    assert together == alone
    assert [o.line for o in together] == list(range(1, lines + 1))


@pytest.mark.parametrize("workers", [1, pytest.param(2, marks=pytest.mark.processes)])
def test_a_written_batch_is_each_outcome_written_where_it_was_split(workers: int) -> None:
    """write_batch gives each line's JSON as to_json_line writes the outcome, and its report."""
    unknown = ORDER.replace("{", '{"Extra":1,', 1)
    lines = CHUNK * 2 + 3
    orders_in = [[ORDER, "{", unknown][n % 3] for n in range(lines)]

    outcomes = list(split_batch(orders_in, [PLAN] * lines))
    written = list(write_batch(orders_in, [PLAN] * lines, workers=workers))

    assert written == [
        WrittenOutcome(line=o.line, text=to_json_line(o), problems=o.problems, unknown=o.unknown)
        for o in outcomes
    ]
    assert [w.ok for w in written[:3]] == [True, False, True]
    assert written[2].unknown == ("order.Extra",)


@pytest.mark.processes
@pytest.mark.skipif(batch.usable_cpus() < 2, reason="one CPU: a batch starts no workers")
def test_a_script_without_the_main_guard_is_told_so_at_once(tmp_path: Path) -> None:
    """Each spawned worker imports the script again and dies: one error, not a retry storm."""
    script = tmp_path / "nightly.py"
    script.write_text(
        "from orderpack.batch import write_batch\n"
        f"lines = list(write_batch([{ORDER!r}] * 3000, [{PLAN!r}] * 3000, workers=2))\n"
    )

    ran = subprocess.run(  # noqa: S603 - this interpreter, a script of our own
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False
    )

    assert ran.returncode == 1
    assert ran.stderr.splitlines()[-1].startswith(
        "concurrent.futures.process.BrokenProcessPool: the batch's worker processes die as "
        "they start"
    )


def _counted(text: str, read: list[int]) -> Iterator[str]:
    for n in itertools.count():
        read.append(n)
        yield text


@pytest.mark.parametrize("workers", [1, pytest.param(2, marks=pytest.mark.processes)])
def test_a_batch_reads_only_a_few_lines_ahead(workers: int) -> None:
    """Lines are read as outcomes are taken, so an endless input still yields outcomes."""
    read: list[int] = []
    outcomes = split_batch(_counted(ORDER, read), _counted(PLAN, []), workers=workers)

    first = list(itertools.islice(outcomes, 3))
    outcomes.close()  # type: ignore[attr-defined]

    assert [o.line for o in first] == [1, 2, 3]
    ahead = 1 if workers == 1 else 2 * workers * CHUNK + CHUNK  # WORKERS_PAY_FROM is 0 here
    assert 3 <= len(read) <= ahead + 3


class _InOneProcess(Executor):
    """An executor that runs each chunk at once, remembering how many workers it was given."""

    started: ClassVar[list[int]] = []
    initializers: ClassVar[list[object]] = []

    def __init__(self, max_workers: int, initializer: object = None, **_: object) -> None:
        self.started.append(max_workers)
        self.initializers.append(initializer)

    def submit(self, fn: Callable[..., T], /, *args: object, **kwargs: object) -> Future[T]:
        future: Future[T] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


@pytest.mark.parametrize(
    ("cpus", "lines", "started"),
    [
        (2, CHUNK * 10, [2]),  # no more workers than CPUs
        (8, CHUNK * 3, [3]),  # nor than chunks of lines
        (8, CHUNK, []),  # one chunk: no pool at all
    ],
)
def test_workers_are_bounded_by_cpus_and_chunks(
    monkeypatch: pytest.MonkeyPatch, cpus: int, lines: int, started: list[int]
) -> None:
    """Asking for 1,000 workers starts only as many as can help; the outcomes are the same."""
    monkeypatch.setattr(batch, "usable_cpus", lambda: cpus)
    monkeypatch.setattr(batch, "ProcessPoolExecutor", _InOneProcess)
    monkeypatch.setattr(_InOneProcess, "started", [])

    outcomes = list(split_batch([ORDER] * lines, [PLAN] * lines, workers=1000))

    assert _InOneProcess.started == started
    assert [o.line for o in outcomes] == list(range(1, lines + 1))


@pytest.mark.parametrize(
    ("lines", "most_bytes", "started"),
    [
        (CHUNK * 3, None, []),  # too few lines to pay for starting workers
        (CHUNK * 4, None, [2]),  # enough lines
        (CHUNK * 3, 60 * CHUNK * 3, [2]),  # few lines, but enough text: larger orders
    ],
)
def test_workers_start_only_for_a_batch_they_pay_for(
    monkeypatch: pytest.MonkeyPatch, lines: int, most_bytes: int | None, started: list[int]
) -> None:
    """Under WORKERS_PAY_FROM lines (or its bytes) a batch runs in this process, all the same."""
    monkeypatch.setattr(batch, "WORKERS_PAY_FROM", CHUNK * 4)  # 2,000 by default
    monkeypatch.setattr(batch, "usable_cpus", lambda: 2)
    monkeypatch.setattr(batch, "ProcessPoolExecutor", _InOneProcess)
    monkeypatch.setattr(_InOneProcess, "started", [])
    if most_bytes is not None:
        monkeypatch.setattr(batch, "WORKERS_PAY_FROM_SIZE", most_bytes)

    outcomes = list(write_batch([ORDER] * lines, [PLAN] * lines, workers=2))

    assert _InOneProcess.started == started
    assert [o.line for o in outcomes] == list(range(1, lines + 1))
    assert all(o.ok for o in outcomes)


def test_a_batch_on_workers_reads_ahead_at_most_what_shows_they_pay(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At the default threshold an endless input is read 2,000 lines ahead, and no further."""
    monkeypatch.undo()  # the shipped threshold, not this module's
    monkeypatch.setattr(batch, "usable_cpus", lambda: 2)
    monkeypatch.setattr(batch, "ProcessPoolExecutor", _InOneProcess)
    monkeypatch.setattr(_InOneProcess, "started", [])
    read: list[int] = []
    outcomes = write_batch(_counted(ORDER, read), _counted(PLAN, []), workers=2)

    first = next(outcomes)
    outcomes.close()  # type: ignore[attr-defined]

    assert (first.line, _InOneProcess.started) == (1, [2])
    assert batch.WORKERS_PAY_FROM <= len(read) <= batch.WORKERS_PAY_FROM + CHUNK + 1


@pytest.mark.parametrize("pay_from", [0, 2_000])
def test_an_empty_batch_on_workers_yields_nothing_and_starts_none(
    monkeypatch: pytest.MonkeyPatch, pay_from: int
) -> None:
    """No line, no outcome and no process, whatever the threshold."""
    monkeypatch.setattr(batch, "WORKERS_PAY_FROM", pay_from)
    monkeypatch.setattr(batch, "ProcessPoolExecutor", _InOneProcess)
    monkeypatch.setattr(_InOneProcess, "started", [])

    assert list(write_batch(iter([]), [], workers=2)) == []
    assert _InOneProcess.started == []


def test_workers_collect_cycles_once_per_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each worker starts with its collector paused, and runs it after each chunk it splits.

    After each chunk on what the chunk made; every so many chunks on all but what was frozen
    at start-up.
    """
    collected: list[int] = []
    monkeypatch.setattr(batch, "usable_cpus", lambda: 2)
    monkeypatch.setattr(batch, "ProcessPoolExecutor", _InOneProcess)
    monkeypatch.setattr(_InOneProcess, "initializers", [])

    monkeypatch.setattr(batch, "_CHUNKS_DONE", [0])
    monkeypatch.setattr(batch, "_FULL_EVERY", 2)

    def collect(generation: int = 2) -> int:
        collected.append(generation)
        return 0

    monkeypatch.setattr(gc, "collect", collect)

    outcomes = list(split_batch([ORDER] * CHUNK * 3, [PLAN] * CHUNK * 3, workers=2))

    assert _InOneProcess.initializers == [batch._worker]
    assert collected == [0, 2, 0]  # the youngest generation, and all of it every other chunk
    assert all(outcome.ok for outcome in outcomes)


@pytest.mark.parametrize(("counted", "usable"), [(7, 7), (None, 1)])
def test_usable_cpus_are_what_the_platform_counts_or_one(
    monkeypatch: pytest.MonkeyPatch, counted: int | None, usable: int
) -> None:
    """The process's CPUs where Python can count them (3.13), else the machine's; one if not."""
    monkeypatch.setattr(os, "process_cpu_count", lambda: counted, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 99)

    assert batch.usable_cpus() == usable


def test_workers_must_be_at_least_one() -> None:
    """Zero workers is a mistake, not a quiet single process."""
    with pytest.raises(ModelError, match="out_of_range at workers: expected 1 or more, got 0"):
        split_batch([ORDER], [PLAN], workers=0)  # at the call, not at the first outcome


def test_an_envelope_of_a_request_for_an_order_not_yet_created() -> None:
    """No order reference, no shipping date: the envelope says so with nulls, body as is."""
    request = PackOrderRequest(
        packages=[
            PackPackage(items=[PackItem(sku="NECK-01", quantity=1)], package_size_reference="S")
        ]
    )

    assert to_envelope(request) == {
        "Method": "POST",
        "Path": None,
        "Origin": None,
        "ShipDay": None,
        "CarrierService": None,
        "Body": to_wire(request, extensions=False),
    }


def _two_workers(
    monkeypatch: pytest.MonkeyPatch, executor: type[_InOneProcess], lines: int
) -> list[BatchOutcome]:
    """A batch of *lines* seed lines on two workers of *executor*, its pools counted from 0."""
    monkeypatch.setattr(batch, "usable_cpus", lambda: 2)
    monkeypatch.setattr(batch, "ProcessPoolExecutor", executor)
    monkeypatch.setattr(executor, "pools", 0)
    return list(split_batch([ORDER] * lines, [PLAN] * lines, workers=2))


class _CountedPools(_InOneProcess):
    """An executor that counts its pools, each subclass its own (set to 0 by each test)."""

    pools: ClassVar[int] = 0

    def __init__(self, max_workers: int, initializer: object = None, **_: object) -> None:
        super().__init__(max_workers, initializer)
        type(self).pools += 1


def _broken() -> Future[T]:
    """What a pool a worker's death broke answers a chunk with."""
    future: Future[T] = Future()
    future.set_exception(BrokenProcessPool("a worker died"))
    return future


class _DyingOnce(_CountedPools):
    """An executor whose first pool loses the worker of its second chunk, as SIGKILL does."""

    def __init__(self, max_workers: int, initializer: object = None, **_: object) -> None:
        super().__init__(max_workers, initializer)
        self.submitted = 0
        self.dies = type(self).pools == 1

    def submit(self, fn: Callable[..., T], /, *args: object, **kwargs: object) -> Future[T]:
        self.submitted += 1
        if self.dies and self.submitted >= 2:  # a broken pool fails what it holds, and after
            return _broken()
        return super().submit(fn, *args, **kwargs)


def test_a_worker_that_dies_once_costs_no_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """A death no chunk causes: each chunk it failed runs again, every line split in order."""
    lines = CHUNK * 5

    outcomes = _two_workers(monkeypatch, _DyingOnce, lines)

    assert [o.line for o in outcomes] == list(range(1, lines + 1))
    assert all(o.ok for o in outcomes)
    assert _DyingOnce.pools == 2


class _Poisoned(_CountedPools):
    """Pools in which the chunk holding line :data:`POISON` kills its worker, every time."""

    def submit(self, fn: Callable[..., T], /, *args: object, **kwargs: object) -> Future[T]:
        chunk = args[-1] if args else []  # no arguments: the probe that a worker started
        if any(number == POISON for number, _, _ in chunk):  # type: ignore[attr-defined]
            return _broken()
        return super().submit(fn, *args, **kwargs)


POISON = CHUNK * 2 + 5


def test_a_chunk_that_kills_its_worker_alone_is_lost_and_only_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Run alone in a new pool and dying again, its lines are worker_lost; the rest split."""
    lines = CHUNK * 5

    outcomes = _two_workers(monkeypatch, _Poisoned, lines)

    lost = [o.line for o in outcomes if not o.ok]
    assert [o.line for o in outcomes] == list(range(1, lines + 1))
    assert lost == list(range(2 * CHUNK + 1, 3 * CHUNK + 1))
    assert {p.code for o in outcomes for p in o.problems} == {"worker_lost"}
    assert _Poisoned.pools == 3


class _BrokenAtSubmit(_DyingOnce):
    """A first pool whose worker dies between two submissions: the third submit raises."""

    def submit(self, fn: Callable[..., T], /, *args: object, **kwargs: object) -> Future[T]:
        self.submitted += 1
        if self.dies and self.submitted == 3:
            raise BrokenProcessPool("a worker died")
        return _InOneProcess.submit(self, fn, *args, **kwargs)


def test_a_pool_broken_before_a_chunk_is_given_to_it_loses_no_other_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Submit raising is the chunk's turn failing: that chunk lost, every other line split."""
    lines = CHUNK * 6

    outcomes = _two_workers(monkeypatch, _BrokenAtSubmit, lines)

    assert [o.line for o in outcomes] == list(range(1, lines + 1))
    assert all(o.ok for o in outcomes)
    assert _BrokenAtSubmit.pools == 2


class _NeverStarting(_CountedPools):
    """Pools whose workers die as they start: every chunk, and the probe, fail at once."""

    def submit(self, fn: Callable[..., T], /, *args: object, **kwargs: object) -> Future[T]:
        del fn, args, kwargs
        return _broken()


def test_workers_that_die_as_they_start_stop_the_batch_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No line is to blame: the second pool's probe fails too, and the batch stops, saying why."""
    monkeypatch.setattr(batch, "usable_cpus", lambda: 2)
    monkeypatch.setattr(batch, "ProcessPoolExecutor", _NeverStarting)
    monkeypatch.setattr(_NeverStarting, "pools", 0)

    with pytest.raises(BrokenProcessPool, match='if __name__ == "__main__":') as caught:
        list(write_batch([ORDER] * CHUNK * 50, [PLAN] * CHUNK * 50, workers=2))

    assert _NeverStarting.pools == 2
    assert isinstance(caught.value.__cause__, BrokenProcessPool)


def test_a_bad_line_in_a_list_is_that_lines_problem_as_in_an_iterator() -> None:
    """A list and an iterator of the same lines give the same outcomes; nothing is raised."""
    lines = [ORDER, 5, None, ORDER]
    plans = [PLAN, PLAN, PLAN, PLAN]

    listed = list(split_batch(lines, plans))  # type: ignore[arg-type]
    iterated = list(split_batch(iter(lines), iter(plans)))  # type: ignore[arg-type]

    assert listed == iterated
    assert [[p.code for p in o.problems] for o in listed] == [
        [],
        ["wrong_type"],
        ["unpaired_line"],
        [],
    ]


@pytest.mark.parametrize(
    ("orders", "workers", "path"),
    [("x", 1, "orders"), ({"a": "b"}, 1, "orders"), ([ORDER], True, "workers")],
)
def test_split_batch_refuses_arguments_that_are_no_batch(
    orders: object, workers: object, path: str
) -> None:
    """Text or a dict is no iterable of lines; a bool is no count of workers."""
    with pytest.raises(ModelError) as caught:
        split_batch(orders, [PLAN], workers=workers)  # type: ignore[arg-type]

    assert [p.path for p in caught.value.problems] == [path]
