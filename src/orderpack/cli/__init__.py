"""The ``orderpack`` command line: demo, split, pack, plan, check and status, over JSON and CSV.

Exit codes: 0 for success (a valid split), 1 when problems are found, 2 for a usage error or
unreadable input; 71 when a batch's workers cannot start; 130 after Ctrl-C and 143 after
SIGTERM, workers stopped, output whole lines. Bad input gets one message naming the file and
each problem's path in that file; never a traceback. A file named ``-`` is read from standard input.

>>> main(["demo"])  # doctest: +ELLIPSIS
Order EO-000-002-0TS: 1 order, 2 consignments, 3 packages, 4 items
...
0
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from orderpack.cli._codes import INTERRUPTED

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (the process's arguments by default).

    Returns the exit code: 0 for success, 1 when problems are found, 2 for a usage error
    (argparse exits with 2 itself) or unreadable input; 71 when a batch's worker processes
    die as they start; 130 after Ctrl-C, 143 after SIGTERM.
    What a command needs is loaded here, once it runs, so that Ctrl-C while it loads ends
    the command as it does at any other moment: one line, no traceback.
    """
    try:
        from orderpack.cli._main import run  # noqa: PLC0415 - loaded once the command runs

        return run(argv)
    except KeyboardInterrupt:  # before the command's own handling is in place
        if sys.stderr is not None:
            sys.stderr.write("orderpack: interrupted\n")
        return INTERRUPTED
