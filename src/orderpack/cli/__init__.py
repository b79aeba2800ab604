"""The ``orderpack`` command line: demo, split, pack, plan, check and status, over JSON and CSV.

Exit codes: 0 for success (a valid split), 1 when problems are found, 2 for a usage error or
unreadable input; 130 after Ctrl-C and 143 after SIGTERM, workers stopped, output whole
lines. Bad input gets one message naming the file and each problem's path in that file; never
a traceback. A file named ``-`` is read from standard input.

>>> main(["demo"])  # doctest: +ELLIPSIS
Order EO-000-002-0TS: 1 order, 2 consignments, 3 packages, 4 items
...
0
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from typing import TYPE_CHECKING, Final

from orderpack.cli._io import (
    _COMMAND,
    CLOSED,
    INTERRUPTED,
    UNWRITABLE,
    USAGE,
    _collector_paused,
    _nothing,
    _Refused,
    _say,
    _silence_stdout,
)
from orderpack.cli._parser import _arguments

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:  # noqa: PLR0911 - one return per ending
    """Run the command line with *argv* (the process's arguments by default).

    Returns the exit code: 0 for success, 1 when problems are found, 2 for a usage error
    (argparse exits with 2 itself) or unreadable input.
    """
    arguments = _arguments(argv)
    where = f"orderpack {arguments.command}"
    _COMMAND.set(where)
    files = [v for k, v in vars(arguments).items() if k in _FILES]
    if files.count("-") > 1:
        _say(f"{where}: standard input (-) can be read once; give the other as a file")
        return USAGE
    try:
        with _collector_paused(), _terminated_as_interrupted():
            code: int = arguments.run(arguments)
        getattr(sys.stdout, "flush", _nothing)()  # no standard output: nothing was written
    except _Refused as refused:
        _say(f"{where}: {refused.message}")
        return refused.code
    except _Terminated:
        _say(f"{where}: terminated")
        return TERMINATED
    except KeyboardInterrupt:
        _say(f"{where}: interrupted")
        return INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        _say(f"{where}: the output was closed before it was all written")
        return CLOSED
    except OSError as error:
        _silence_stdout()
        _say(f"{where}: cannot write the output: {error.strerror or error}")
        return UNWRITABLE
    return code


TERMINATED: Final = 128 + signal.SIGTERM
"""The exit code after SIGTERM: 143, as a shell reports a process the signal ended."""


class _Terminated(BaseException):
    """SIGTERM, raised where the command is, so that it unwinds as after Ctrl-C.

    Workers are stopped and files closed on the way out; a ``BaseException``, as
    ``KeyboardInterrupt`` is, so that no ``except Exception`` on the way swallows it.
    """


def _terminate(_signal: int, _frame: object) -> None:
    raise _Terminated


@contextlib.contextmanager
def _terminated_as_interrupted() -> Iterator[None]:
    """While the command runs, SIGTERM raises :class:`_Terminated`; after, as it was.

    Only in the main thread, where Python runs signal handlers: an application running the
    command line in another thread keeps its own handling.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


_FILES: Final = frozenset({"order", "plan", "request", "consignments", "stock", "boxes"})
"""The arguments that name files: of them, one at most may be standard input."""
