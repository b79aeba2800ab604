"""The command line's output and its bookkeeping: messages, whole lines, refusals, the collector.

Cheap to import (nothing of orderpack's model), so that the command line can parse its
arguments, print its help and stop on Ctrl-C before it loads what a command needs.
"""

from __future__ import annotations

import contextlib
import contextvars
import gc
import os
import signal
import sys
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from orderpack.cli._codes import UNWRITABLE, USAGE

if TYPE_CHECKING:
    from collections.abc import Iterator


@dataclass
class _Refused(Exception):  # noqa: N818 - internal: turns into an exit code and a message
    """Input the command cannot use: one message, and the exit code to leave with."""

    message: str
    code: int = USAGE


_SPLIT = "orderpack split"
_COMMAND: contextvars.ContextVar[str] = contextvars.ContextVar("command", default="orderpack")
"""The command running, ``orderpack split``, as every message starts."""


def _say(line: str) -> None:
    """Write one line to standard error, if there is one to write to."""
    if sys.stderr is not None:
        sys.stderr.write(line + "\n")


def _warn(message: str) -> None:
    _say(f"{_COMMAND.get()}: warning: {message}")


def _print(text: str) -> None:
    """Write *text* and a line end, whole: a signal meanwhile waits until it is written.

    Ctrl-C or SIGTERM in the middle of a write would stop it part way, leaving half a line
    for whoever reads the output; held back while the line is written, it is raised after it,
    so the output is always whole lines.
    """
    if sys.stdout is None:  # started with standard output closed (>&-)
        raise _Refused("cannot write the output: standard output is closed", UNWRITABLE)
    if not _HOLD_SIGNALS or threading.current_thread() is not threading.main_thread():
        sys.stdout.write(text + "\n")
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        sys.stdout.write(text + "\n")
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


_HOLD_SIGNALS: Final = hasattr(signal, "pthread_sigmask")
"""Whether the platform can hold signals back (POSIX; not Windows, where they end the run)."""

_HELD: Final = frozenset({signal.SIGINT, signal.SIGTERM})


def _nothing() -> None:
    """Do nothing: what flushing a standard output that is not there does."""


COLLECT_EVERY: Final = 1000
"""Batch lines between two runs of the cycle collector while a command has it paused."""


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a command runs, and restore it as it was.

    The command line owns its process, so it may: orderpack's values hold no reference
    cycles (reference counting frees them), and the collector would otherwise walk the
    growing heap again and again while a large order is read and split (about 40% of the
    time of a 100,000-allocation split). Batches run it every :data:`COLLECT_EVERY` lines,
    so that anything cyclic is still freed; what was loaded before the command started is
    frozen out of its reach (``gc.freeze``), so that those runs walk only what the batch
    made. The library itself never changes the collector: a caller of ``split_order`` keeps
    the state it chose.
    """
    was = gc.isenabled()
    freezing = not gc.get_freeze_count()  # a caller's own freeze is the caller's to undo
    gc.disable()
    if freezing:
        gc.freeze()
    try:
        yield
    finally:
        if freezing:
            gc.unfreeze()
        if was:
            gc.enable()


def _silence_stdout() -> None:
    """Point standard output at nothing, so its buffer is not written again as Python exits.

    What is left in the buffer would fail again, with a traceback of Python's own.
    """
    with contextlib.suppress(OSError, ValueError, AttributeError):  # not a file: nothing to do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
