"""The command line's exit codes, each with its one meaning."""

from typing import Final

OK: Final = 0
"""Success: a valid split, the requests written."""
PROBLEMS: Final = 1
"""Problems were found: a plan or request the order refuses, an invalid split, a bad line."""
USAGE: Final = 2
"""A usage error or unreadable input (argparse exits with 2 itself)."""
NO_WORKERS: Final = 71
"""A batch's worker processes die as they start: sysexits' EX_OSERR (cannot fork, no memory)."""
UNWRITABLE: Final = 74
"""The output cannot be written: sysexits' EX_IOERR."""
INTERRUPTED: Final = 130
"""Ctrl-C (SIGINT), as a shell reports a process the signal ended: 128 + 2."""
CLOSED: Final = 141
"""The reader closed the pipe early (``| head -1``): 128 + SIGPIPE's 13."""
TERMINATED: Final = 143
"""SIGTERM, as a shell reports a process the signal ended: 128 + 15."""
