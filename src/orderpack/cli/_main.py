"""The command line's run: its arguments parsed, its command run, every ending given its code.

Imported by :func:`orderpack.cli.main` when the command line starts, with all a command needs.
"""

from __future__ import annotations

import contextlib
import importlib
import signal
import sys
import threading
import typing
from typing import TYPE_CHECKING, Final

from orderpack.cli._codes import CLOSED, INTERRUPTED, TERMINATED, UNWRITABLE, USAGE
from orderpack.cli._out import (
    _COMMAND,
    _collector_paused,
    _nothing,
    _Refused,
    _say,
    _silence_stdout,
)
from orderpack.cli._parser import _arguments

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Iterator, Sequence


def run(argv: Sequence[str] | None = None) -> int:  # noqa: PLR0911 - one return per ending
    """Run the command line with *argv* (the process's arguments by default).

    Returns the exit code: 0 for success, 1 when problems are found, 2 for a usage error
    (argparse exits with 2 itself) or unreadable input.
    """
    where = "orderpack"
    try:
        with _terminated_as_interrupted():  # from the first argument read to the last flush
            arguments = _arguments(argv)
            where = f"orderpack {arguments.command}"
            _COMMAND.set(where)
            files = [v for k, v in vars(arguments).items() if k in _FILES]
            if files.count("-") > 1:
                _say(f"{where}: standard input (-) can be read once; give the other as a file")
                return USAGE
            command = _command(arguments.run)  # loaded before the collector freezes it all
            with _collector_paused():
                code: int = command(arguments)
            getattr(sys.stdout, "flush", _nothing)()  # no standard output: nothing written
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
    command line in another thread keeps its own handling; and not if SIGTERM is ignored, as
    ``nohup`` and some supervisors start a process, which asked for it to be.
    """
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGTERM) is signal.SIG_IGN  # ignored by whoever started us
    ):
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


_FILES: Final = frozenset({"order", "plan", "request", "consignments", "stock", "boxes"})
"""The arguments that name files: of them, one at most may be standard input."""


def _command(name: str) -> Callable[[argparse.Namespace], int]:
    """The function that runs command *name*, its modules loaded now that it is chosen."""
    commands = importlib.import_module("orderpack.cli._commands")
    return typing.cast("Callable[[argparse.Namespace], int]", getattr(commands, name))
