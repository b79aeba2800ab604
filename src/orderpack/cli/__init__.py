"""The ``orderpack`` command line: demo, split, pack, plan, check and status, over JSON and CSV.

Exit codes: 0 for success (a valid split), 1 when problems are found, 2 for a usage error or
unreadable input. Bad input gets one message naming the file and each problem's path in that
file; never a traceback. A file named ``-`` is read from standard input.

>>> main(["demo"])  # doctest: +ELLIPSIS
Order EO-000-002-0TS: 1 order, 2 consignments, 3 packages, 4 items
...
0
"""

from __future__ import annotations

import sys
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
    from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
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
        with _collector_paused():
            code: int = arguments.run(arguments)
        getattr(sys.stdout, "flush", _nothing)()  # no standard output: nothing was written
    except _Refused as refused:
        _say(f"{where}: {refused.message}")
        return refused.code
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


_FILES: Final = frozenset({"order", "plan", "request", "consignments", "stock", "boxes"})
"""The arguments that name files: of them, one at most may be standard input."""
