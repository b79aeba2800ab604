"""Split many orders, one at a time: JSON Lines in, one outcome per line out.

A nightly batch holds millions of orders, so nothing here holds more than a few of them:
:func:`split_batch` reads a pair of lines (an order in PRO's Get Order JSON and its plan in
orderpack's plan JSON), splits that order, yields the outcome and moves on. A bad line is an
outcome with problems; the lines after it still run.

>>> from orderpack.contract import dumps
>>> from orderpack.demo import seed_order, seed_plan
>>> order, plan = dumps(seed_order()), dumps(seed_plan())
>>> outcomes = list(split_batch([order, "{not json"], [plan, plan]))
>>> [(o.line, o.ok, len(o.requests)) for o in outcomes]
[(1, True, 2), (2, False, 0)]
>>> print(outcomes[1].problems[0])  # doctest: +ELLIPSIS
invalid_json at order: expected JSON: ...

With *workers*, a batch of 2,000 lines or more is spread over that many processes; outcomes
still come in the order of the lines, and only a few chunks of lines are in flight at once.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Final, TypeVar

import attrs

from orderpack.contract import json_text, read, to_wire, wire_path
from orderpack.errors import Problem, ValidationError
from orderpack.model.arguments import checked
from orderpack.model.checks import Checks, optional_text, shown, to_tuple
from orderpack.model.order import Order
from orderpack.model.values import calendar_day
from orderpack.packing.pack import PackOrderRequest
from orderpack.packing.split import Plan, split_order

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = [
    "BatchOutcome",
    "WrittenOutcome",
    "split_batch",
    "split_line",
    "to_envelope",
    "to_json_line",
    "usable_cpus",
    "write_batch",
]

T = TypeVar("T")
R = TypeVar("R")

CHUNK: Final = 64
"""Lines a worker process takes at a time: enough to pay for the trip, few enough to stay lean."""


@attrs.frozen(kw_only=True, field_transformer=optional_text)
class BatchOutcome:
    """What became of one line of a batch: its Pack Order requests, or every problem with it.

    Attributes:
        line: The 1-based line number in both files.
        order_reference: The order's reference, when the order line could be read.
        requests: One Pack Order request per consignment, in the split's order; empty when
            the line has problems.
        problems: Every problem with the line; paths start with ``order`` or ``plan``, then
            the wire path in that document's JSON. Empty when the order was split.
        unknown: The keys the line's documents held that orderpack does not know, read past
            (as :func:`orderpack.contract.read` reports them), at paths that start with
            ``order`` or ``plan`` as the problems' do.
    """

    line: int
    order_reference: str | None = None
    requests: tuple[PackOrderRequest, ...] = attrs.field(default=(), converter=to_tuple)
    problems: tuple[Problem, ...] = attrs.field(default=(), converter=to_tuple)
    unknown: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)

    @property
    def ok(self) -> bool:
        """Whether the order was split."""
        return not self.problems


@attrs.frozen(kw_only=True)
class WrittenOutcome:
    """One line of a batch, split and written as JSON by the process that split it.

    What :func:`write_batch` yields: the text a batch prints, with what a caller needs to
    report on it, and not the requests themselves, which only the text carries.

    Attributes:
        line: The 1-based line number in both files.
        text: The outcome as one line of JSON, exactly as :func:`to_json_line` writes it
            (without a line break).
        problems: Every problem with the line, as :attr:`BatchOutcome.problems`.
        unknown: The keys read past, as :attr:`BatchOutcome.unknown`.
    """

    line: int
    text: str
    problems: tuple[Problem, ...] = attrs.field(default=(), converter=to_tuple)
    unknown: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)

    @property
    def ok(self) -> bool:
        """Whether the order was split."""
        return not self.problems


@checked
def split_line(
    line: int, order_text: str | bytes | None, plan_text: str | bytes | None
) -> BatchOutcome:
    """Split the order on one line of a batch by the plan on the same line.

    Each text is JSON as :func:`orderpack.contract.read` takes it: ``str``, or UTF-8
    ``bytes`` (bytes that are not UTF-8 are the line's ``invalid_json`` problem). ``None``, or
    a blank line, stands for a line missing from its file: ``unpaired_line``. Every failure
    becomes problems in the outcome; nothing is raised for bad input.

    Args:
        line: The line's 1-based number, kept in the outcome.
        order_text: The order's Get Order JSON; ``None`` when the orders file has no such line.
        plan_text: The order's plan JSON; ``None`` when the plans file has no such line.
    """
    if order_text is None or plan_text is None or _blank(order_text) or _blank(plan_text):
        missing = [
            Problem(code="unpaired_line", path=name, message=f"line {line} has no {name}")
            for name, text in (("order", order_text), ("plan", plan_text))
            if _blank(text)
        ]
        return BatchOutcome(line=line, problems=missing)
    problems: list[Problem] = []
    unknown: list[str] = []
    order = _read(order_text, Order, "order", problems, unknown)
    plan = _read(plan_text, Plan, "plan", problems, unknown)
    if order is None or plan is None:
        reference = None if order is None else order.reference
        return BatchOutcome(
            line=line, order_reference=reference, problems=problems, unknown=unknown
        )
    try:
        split = split_order(order, plan)
    except ValidationError as error:
        # At the plan's own keys, as its JSON problems are: one path convention per document.
        problems = [
            attrs.evolve(p, path=wire_path(Plan, p.path)).within("plan") for p in error.problems
        ]
        return BatchOutcome(
            line=line, order_reference=order.reference, problems=problems, unknown=unknown
        )
    return BatchOutcome(
        line=line, order_reference=order.reference, requests=split.requests, unknown=unknown
    )


@checked
def to_envelope(request: PackOrderRequest) -> dict[str, object]:
    """*request* as a caller sends it: where to, for which warehouse, and PRO's body as is.

    ``Method`` and ``Path`` (PRO's Pack Order endpoint; ``Path`` is null for an order with no
    reference yet); ``Origin``, ``ShipDay`` and ``CarrierService``, which PRO's body cannot
    say, so that each request can go to the warehouse that ships it; then ``Body``, the
    request exactly as PRO takes it. Write it with :func:`orderpack.contract.write_json`.

    Args:
        request: The Pack Order request to send, such as :func:`~orderpack.split_order` makes.

    >>> from orderpack import split_order
    >>> from orderpack.demo import seed_order, seed_plan
    >>> request = split_order(seed_order(), seed_plan()).requests[1]
    >>> envelope = to_envelope(request)
    >>> {key: value for key, value in envelope.items() if key != "Body"}
    {'Method': 'POST', 'Path': '/orders/EO-000-002-0TS/pack', 'Origin': 'WH-B',
     'ShipDay': '2026-12-01', 'CarrierService': 'DPD-NEXT-DAY'}
    >>> envelope["Body"] == to_wire(request, extensions=False)
    True
    """
    reference = request.order_reference
    shipping = request.shipping_date
    return {
        "Method": "POST",
        "Path": None if reference is None else f"/orders/{reference}/pack",
        "Origin": request.origin,
        "ShipDay": None if shipping is None else calendar_day(shipping).isoformat(),
        "CarrierService": request.carrier_service,
        "Body": to_wire(request, extensions=False),
    }


@checked
def to_json_line(outcome: BatchOutcome) -> str:
    """Write *outcome* as one line of JSON, as ``orderpack split --batch`` prints it.

    ``Line`` and ``OrderReference``, then ``Requests`` (each an envelope,
    :func:`to_envelope`, whose ``Body`` is ready to POST to PRO) or ``Problems`` (each with
    ``Code``, ``Path`` and ``Message``).

    Args:
        outcome: The outcome of one line, as :func:`split_batch` yields it.

    >>> from orderpack.errors import Problem
    >>> missing = Problem(code="unpaired_line", path="plan", message="line 3 has no plan")
    >>> to_json_line(BatchOutcome(line=3, problems=[missing]))
    '{"Line":3,"OrderReference":null,"Problems":[{"Code":"unpaired_line","Path":"plan",...'
    """
    wire: dict[str, object] = {"Line": outcome.line, "OrderReference": outcome.order_reference}
    if outcome.ok:
        wire["Requests"] = [to_envelope(r) for r in outcome.requests]
    else:
        wire["Problems"] = [p.to_wire() for p in outcome.problems]
    return json_text.write_wire(wire)


def _read(
    text: str | bytes, cls: type[T], name: str, problems: list[Problem], unknown: list[str]
) -> T | None:
    """*text* read as a *cls*, or ``None``; its problems and unknown keys kept under *name*."""
    try:
        found = read(text, cls)
    except ValidationError as error:
        problems.extend(p.within(name) for p in error.problems)
        return None
    unknown.extend(f"{name}.{path}" for path in found.unknown)  # as Problem.within
    return found.value


def split_batch(
    orders: Iterable[str | bytes], plans: Iterable[str | bytes], *, workers: int = 1
) -> Iterator[BatchOutcome]:
    """Split each order in *orders* by the plan at the same position in *plans*.

    Both are iterables of JSON texts, one document each, such as the lines of two JSON
    Lines files opened in binary mode (so that each line is decoded on its own, and a line
    that is not UTF-8 is that line's problem); they are read lazily. A line blank in both
    files (or blank in one and past the end of the other) is skipped; a line in one file
    only is ``unpaired_line``; line numbers count every line. Yields one
    :class:`BatchOutcome` per line, in order: no line, however bad, stops the others.

    With *workers* above 1, lines go to worker processes in chunks of :data:`CHUNK`, at
    most two chunks per worker in flight, so memory stays flat however long the files are.
    There are never more workers than :func:`usable_cpus` nor than chunks to give them:
    more would only cost memory and start-up time. Nor are there any for a batch of fewer
    than :data:`WORKERS_PAY_FROM` lines (and :data:`WORKERS_PAY_FROM_SIZE` characters or
    bytes): starting them would take longer than splitting it here. To learn that, up to
    that many lines are read before the first outcome. The workers are orderpack's own
    processes: their cycle collectors are paused, and after each chunk collect what it made;
    this process's collector is left as the caller set it. A script that passes *workers*
    must start from an ``if __name__ == "__main__":`` block, since each worker imports it
    again; without one, small batches (which start no worker) run, and large ones raise.

    Args:
        orders: The orders' Get Order JSON texts, one per line.
        plans: The plans' JSON texts, one per line, paired with *orders* by position.
        workers: How many processes to split in, at least 1; by default this process alone.

    Raises:
        ModelError: At the call, if an argument is of the wrong kind or *workers* is below 1
            (``out_of_range``). A line of the wrong kind is that line's ``wrong_type``.
        BrokenProcessPool: If worker processes die as they start: most often a script
            without the ``if __name__ == "__main__":`` guard that spawned processes need. A
            worker that dies splitting lines stops nothing: its lines run again, and a line
            that kills a worker twice is that line's ``worker_lost``.
    """
    _check_batch(orders, plans, workers)
    return _outcomes(orders, plans, workers, _kept)


def write_batch(
    orders: Iterable[str | bytes], plans: Iterable[str | bytes], *, workers: int = 1
) -> Iterator[WrittenOutcome]:
    """Split each order as :func:`split_batch` does, and write each outcome where it was split.

    Yields one :class:`WrittenOutcome` per line, in order, whose ``text`` is the line
    :func:`to_json_line` writes for the outcome. With *workers* above 1 the writing is done
    by the worker processes too, and only the text, the problems and the unknown keys come
    back: the process that started them has nothing left to do but print, so two workers
    come near twice the lines a second of one. This is what ``orderpack split --batch``
    prints.

    Args:
        orders: The orders' Get Order JSON texts, one per line.
        plans: The plans' JSON texts, one per line, paired with *orders* by position.
        workers: How many processes to split in, at least 1; by default this process alone.

    Raises:
        ModelError: At the call, as :func:`split_batch` raises it.
        BrokenProcessPool: If worker processes die as they start, as :func:`split_batch`.

    >>> from orderpack.contract import dumps
    >>> from orderpack.demo import seed_order, seed_plan
    >>> order, plan = dumps(seed_order()), dumps(seed_plan())
    >>> [written] = write_batch([order], [plan])
    >>> written.ok, written.text == to_json_line(next(split_batch([order], [plan])))
    (True, True)
    """
    _check_batch(orders, plans, workers)
    return _outcomes(orders, plans, workers, _written)


def _check_batch(orders: object, plans: object, workers: object) -> None:
    """Refuse arguments that are no batch, at the call rather than at the first outcome.

    Checked here, not by :func:`~orderpack.model.arguments.checked`: the lines are each
    line's to judge, in a list as in an iterator, and no line, however bad, stops the others.
    """
    checks = Checks()
    for name, lines in (("orders", orders), ("plans", plans)):
        if isinstance(lines, str | bytes | bytearray | memoryview | dict) or not isinstance(
            lines, Iterable
        ):
            checks.add("wrong_type", name, f"expected an iterable of lines, got {shown(lines)}")
    if not isinstance(workers, int) or isinstance(workers, bool):
        checks.add("wrong_type", "workers", f"expected an int, got {shown(workers)}")
    elif workers < 1:
        checks.add("out_of_range", "workers", f"expected 1 or more, got {workers}")
    checks.raise_if_any()


def _kept(outcome: BatchOutcome) -> BatchOutcome:
    """*outcome* as it is: what :func:`split_batch` yields."""
    return outcome


def _written(outcome: BatchOutcome) -> WrittenOutcome:
    """*outcome* written as its JSON line: what :func:`write_batch` yields."""
    return WrittenOutcome(
        line=outcome.line,
        text=to_json_line(outcome),
        problems=outcome.problems,
        unknown=outcome.unknown,
    )


def _outcomes(
    orders: Iterable[str | bytes],
    plans: Iterable[str | bytes],
    workers: int,
    finish: Callable[[BatchOutcome], R],
) -> Iterator[R]:
    """Each line's outcome, *finish* applied (in the worker that split it), in line order."""
    paired = (
        (number, order, plan)
        for number, (order, plan) in enumerate(itertools.zip_longest(orders, plans), start=1)
        if not (_blank(order) and _blank(plan))
    )
    chunks = iter(lambda: list(itertools.islice(paired, CHUNK)), [])
    workers = min(workers, usable_cpus())
    first = _ahead(chunks, 2 * workers) if workers > 1 else []
    workers = min(workers, len(first))
    if workers <= 1:  # one process: read each line only as its outcome is taken
        for number, order, plan in itertools.chain(*first, paired):
            yield finish(_outcome(number, order, plan))
        return
    # spawn, not fork: the same on every platform, and safe in a process that has threads.
    context = multiprocessing.get_context("spawn")
    pending: deque[tuple[list[_Line], Future[list[R]]]] = deque()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker)
    try:
        for chunk in itertools.chain(first, chunks, [None]):
            if chunk is not None:
                pending.append((chunk, _submit(pool, finish, chunk)))
            while pending and (chunk is None or len(pending) >= 2 * workers):
                lines, future = pending.popleft()
                try:
                    yield from future.result()
                except BrokenProcessPool as broken:
                    # A worker died (killed, out of memory) and the pool failed every chunk
                    # it held, whichever killed it. In a new pool this chunk runs alone: if it
                    # breaks that one too, it is the one, and lost; the rest run again. A new
                    # pool whose workers cannot even start is no line's doing: that stops all.
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = ProcessPoolExecutor(
                        max_workers=workers, mp_context=context, initializer=_worker
                    )
                    _require_start(pool, broken)
                    try:
                        yield from _submit(pool, finish, lines).result()
                    except BrokenProcessPool:
                        yield from map(finish, _lost(lines))
                        pool.shutdown(wait=False, cancel_futures=True)
                        pool = ProcessPoolExecutor(
                            max_workers=workers, mp_context=context, initializer=_worker
                        )
                    pending = deque(
                        (c, f if _finished(f) else _submit(pool, finish, c)) for c, f in pending
                    )
    except BaseException:  # stopped: a signal, an error, the caller closing this generator
        _stop(pool)
        raise
    pool.shutdown(wait=True)


def _ahead(chunks: Iterator[list[_Line]], least: int) -> list[list[_Line]]:
    """The chunks read before workers start: enough to show whether workers pay, or none.

    At least *least* chunks (two per worker), and on until :data:`WORKERS_PAY_FROM` lines or
    :data:`WORKERS_PAY_FROM_SIZE` characters or bytes are read. A batch that ends before
    either is small enough to split in this process sooner than workers could start: then
    its lines come back as one chunk, and one chunk starts no worker.
    """
    first: list[list[_Line]] = []
    lines = size = 0
    pays = False
    for chunk in chunks:
        first.append(chunk)
        lines += len(chunk)
        size += sum(_size(order) + _size(plan) for _, order, plan in chunk)
        pays = lines >= WORKERS_PAY_FROM or size >= WORKERS_PAY_FROM_SIZE
        if pays and len(first) >= least:
            return first
    return first if pays or not first else [[line for chunk in first for line in chunk]]


WORKERS_PAY_FROM: Final = 2_000
"""Lines a batch must reach before workers start: fewer split sooner in one process.

Starting two workers (each a new interpreter importing orderpack) costs about what one
process takes to split a thousand seed orders; ``benchmarks/bench_batch.py`` measures it.
"""

WORKERS_PAY_FROM_SIZE: Final = 8 * 2**20
"""Or the length of the lines read (characters of text, bytes of bytes): fewer, larger
orders pay for workers sooner."""


def _size(text: object) -> int:
    """The length of a line's text; nothing for a line that is not text."""
    return len(text) if isinstance(text, str | bytes) else 0


def _require_start(pool: ProcessPoolExecutor, broken: BrokenProcessPool) -> None:
    """Raise ``BrokenProcessPool`` if *pool*'s workers die before they can do anything.

    Then every chunk would break every pool: a script that starts workers without the
    ``if __name__ == "__main__":`` guard that spawned processes need, an interpreter that
    cannot import orderpack, no memory for one more process.
    """
    try:
        pool.submit(_started).result()
    except BrokenProcessPool:
        _stop(pool)
        raise BrokenProcessPool(
            "the batch's worker processes die as they start: most often a script that "
            'passes workers without starting from an `if __name__ == "__main__":` block '
            "(each worker imports the script again), else no memory for another process or "
            "an interpreter that cannot import orderpack"
        ) from broken


def _started() -> bool:
    """Nothing, done in a worker: that the worker started."""
    return True


def _finished(future: Future[list[R]]) -> bool:
    """Whether *future* holds its chunk's outcomes: done before its pool broke."""
    return future.done() and not future.cancelled() and future.exception() is None


def _submit(
    pool: ProcessPoolExecutor, finish: Callable[[BatchOutcome], R], chunk: list[_Line]
) -> Future[list[R]]:
    """*chunk* given to *pool*; a pool a worker's death has broken answers with that, later.

    ``submit`` itself raises once the pool is broken; the chunk's turn then tells its fate, in
    line order, as for the chunks the dead worker held.
    """
    try:
        return pool.submit(_split_chunk, finish, chunk)
    except BrokenProcessPool as broken:
        refused: Future[list[R]] = Future()
        refused.set_exception(broken)
        return refused


def _stop(pool: ProcessPoolExecutor) -> None:
    """End *pool* now: cancel what waits and end its workers mid-chunk, as a signal asks.

    ``shutdown`` alone lets each worker finish its chunk and the interpreter wait for it at
    exit; Python 3.14's ``terminate_workers`` says it plainly, older ones hold the workers in
    ``_processes``.
    """
    terminate = getattr(pool, "terminate_workers", None)
    if terminate is not None:  # pragma: no cover - Python 3.14
        terminate()
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(1)


_Line = tuple[int, "str | bytes | None", "str | bytes | None"]
"""A line of a batch: its number, and the order's and the plan's text."""


def _worker() -> None:
    """Start a worker: its collector paused, and Ctrl-C left to the process that started it.

    What the worker imported to start is frozen out of the collector's reach, so that it is
    never walked again (:func:`_split_chunk` collects once per chunk). A Ctrl-C reaches every
    process of the terminal's group; the one that started the workers stops them
    (:func:`_outcomes` cancels what waits, the pool ends them), so a worker that raised
    ``KeyboardInterrupt`` itself would only print a traceback.
    """
    gc.disable()
    gc.freeze()
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _lost(lines: list[_Line]) -> Iterator[BatchOutcome]:
    """An outcome for each line of a chunk that broke a pool running it alone: ``worker_lost``."""
    for number, _, _ in lines:
        problem = Problem(
            code="worker_lost",
            path="",
            message=f"the worker process splitting line {number} died, and died again when "
            "its lines ran alone; left out",
        )
        yield BatchOutcome(line=number, problems=[problem])


def usable_cpus() -> int:
    """The CPUs this process may use: the most worker processes that can help.

    ``os.process_cpu_count`` where there is one (Python 3.13), which counts only the CPUs
    the process may run on; else ``os.cpu_count``.
    """
    count: Callable[[], int | None] = getattr(os, "process_cpu_count", os.cpu_count)
    return count() or 1


def _blank(text: object) -> bool:
    """A line with nothing on it, or past the end of its file."""
    return text is None or (isinstance(text, str | bytes) and not text.strip())


def _outcome(number: int, order: object, plan: object) -> BatchOutcome:
    """:func:`split_line` of a line from a caller's iterables, which may hold anything."""
    wrong = [
        Problem(
            code="wrong_type",
            path=name,
            message=f"expected a line of JSON text (str or bytes), got {shown(text)}",
        )
        for name, text in (("order", order), ("plan", plan))
        if not (text is None or isinstance(text, str | bytes))
    ]
    if wrong:
        return BatchOutcome(line=number, problems=wrong)
    return split_line(number, order, plan)  # type: ignore[arg-type]  # text or None, checked


def _split_chunk(finish: Callable[[BatchOutcome], R], chunk: list[_Line]) -> list[R]:
    """Split a chunk of lines in a worker, *finish* each outcome, then collect the chunk's cycles.

    A worker is orderpack's own process, started with the collector paused (as the command
    line pauses its own): it would otherwise walk the growing heap again and again while a
    large order is read and split. After each chunk it collects the youngest generation,
    which holds everything made since the last collection (a paused collector moves nothing
    on), so the chunk's cycles are freed without walking what earlier chunks kept; every
    :data:`_FULL_EVERY` chunks it collects everything not frozen at start-up.
    """
    try:
        return [finish(_outcome(number, order, plan)) for number, order, plan in chunk]
    finally:
        _CHUNKS_DONE[0] += 1
        gc.collect(0 if _CHUNKS_DONE[0] % _FULL_EVERY else 2)


_FULL_EVERY: Final = 32
"""Chunks a worker splits between two full collections; the others collect the youngest only."""

_CHUNKS_DONE = [0]
"""The chunks this worker process has split."""
