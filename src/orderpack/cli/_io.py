"""What every command shares: exit codes, reading files and documents, and writing out."""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import typing
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Final, TextIO, TypeVar

import attrs

from orderpack.cli._out import _COMMAND, _SPLIT, _Refused, _warn
from orderpack.contract import (
    KINDS,
    Read,
    from_wire,
    parse,
    read,
    wire_path,
)
from orderpack.errors import (
    ContractError,
    PicksError,
    PlanningError,
    Problem,
    ValidationError,
)
from orderpack.model.checks import printable, shown
from orderpack.model.consignment import Consignment, Package
from orderpack.model.order import Order
from orderpack.model.values import Address
from orderpack.packing.pack import PackOrderRequest
from orderpack.packing.split import Plan
from orderpack.picks import read_picks
from orderpack.planning import (
    PRESETS,
    Catalogue,
    Objective,
    Policy,
    Stock,
)
from orderpack.planning.table import written_as_json
from orderpack.tracking.lifecycle import ConsignmentUpdate
from orderpack.tracking.management import OrderUpdate
from orderpack.tracking.responses import PackOrderResponse

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Iterator, Sequence
    from contextlib import AbstractContextManager


T = TypeVar("T")


def _stdin() -> TextIO:
    if sys.stdin is None or sys.stdin.closed:
        raise _Refused("cannot read standard input: it is closed")
    return sys.stdin


MAX_BYTES: Final = 64 * 1024 * 1024
"""The most a document, a CSV or one line of a batch may hold, unless ``ORDERPACK_MAX_BYTES``
says otherwise: 64 MiB, a thousand times the largest order PRO's documents describe."""


def _limit() -> int:
    """The most bytes one input may hold: ``ORDERPACK_MAX_BYTES``, or :data:`MAX_BYTES`."""
    given = os.environ.get("ORDERPACK_MAX_BYTES", "").strip()
    if not given:
        return MAX_BYTES
    if not (given.isascii() and given.isdigit() and int(given) > 0):
        raise _Refused(f"ORDERPACK_MAX_BYTES={printable(given)}: expected a whole number above 0")
    return int(given)


def _too_large(path: str, most: int, what: str = "") -> _Refused:
    return _Refused(
        f"{printable(path)}: {what}larger than {most:,} bytes, the most orderpack reads "
        "(set ORDERPACK_MAX_BYTES to read more)"
    )


def _text(path: str) -> str:
    """The text of the file at *path* (``-``: standard input), refused past :func:`_limit`.

    At most one byte past the limit is read, so an endless or huge input (``/dev/zero``, a
    file of gigabytes) is refused quickly and in bounded memory.
    """
    most = _limit()
    try:
        if path == "-":
            stdin = _stdin()
            data: str | bytes = _at_most(getattr(stdin, "buffer", stdin), most + 1)
        else:
            with Path(path).open("rb") as file:
                data = _at_most(file, most + 1)
    except OSError as error:
        raise _Refused(f"cannot read {printable(path)}: {error.strerror or error}") from None
    except MemoryError:  # a limit set past what the machine holds
        raise _Refused(
            f"{printable(path)}: not enough memory to read it whole (ORDERPACK_MAX_BYTES is "
            f"{most:,})"
        ) from None
    if len(data) > most:
        raise _too_large(path, most)
    try:
        return data if isinstance(data, str) else data.decode("utf-8")
    except UnicodeDecodeError:
        raise _Refused(f"cannot read {printable(path)}: not UTF-8 text") from None


def _at_most(file: BinaryIO | TextIO, most: int) -> str | bytes:
    """Up to *most* bytes (or characters) of *file*, read a mebibyte at a time.

    Only what the file holds is ever allocated, however large *most* is: one ``read`` of
    *most* would reserve it all before reading.
    """
    parts: list[str | bytes] = []
    left = most
    while left > 0 and (part := file.read(min(left, _PART))):
        parts.append(part)
        left -= len(part)
    if not parts:
        return file.read(0)  # "" or b"", as the file reads
    return parts[0][:0].join(parts)  # type: ignore[arg-type]  # all str or all bytes


_PART: Final = 1024 * 1024
"""How much :func:`_at_most` reads at a time."""


WARNED_LINES: Final = 20
"""How many lines of a batch are warned of unknown keys, each; the rest are counted."""

SHOWN_KEYS: Final = 5
"""How many unknown keys one warning names; the rest are counted."""


class _UnknownKeys:
    """The warnings of a batch's unknown keys: one per line, for the first lines, then a count."""

    def __init__(self) -> None:
        self.lines = 0

    def warn(self, line: int, unknown: Sequence[str]) -> None:
        """Warn of the *unknown* keys of batch line *line*, if it is among the first."""
        if not unknown:
            return
        self.lines += 1
        if self.lines <= WARNED_LINES:
            more = len(unknown) - SHOWN_KEYS
            keys = ", ".join(unknown[:SHOWN_KEYS]) + (f" and {more:,} more" if more > 0 else "")
            _warn(f"line {line}: ignored unknown keys {keys}")

    def done(self) -> None:
        """Count the lines with unknown keys that were not warned of one by one."""
        if self.lines > WARNED_LINES:
            more = self.lines - WARNED_LINES
            _warn(f"{more:,} more line{'' if more == 1 else 's'} with unknown keys")


_NAMES: dict[type, str] = {
    Order: "an order",
    OrderUpdate: "an Update Order request",
    Address: "an address",
    PackOrderRequest: "a Pack Order request",
    PackOrderResponse: "a Pack Order response",
    Consignment: "a consignment",
    ConsignmentUpdate: "an Update Consignment request",
    Package: "a consignment package",
    Plan: "a split plan",
    Stock: "stock",
    Catalogue: "a box catalogue",
}
"""Each document of the contract as a message names it."""


def _read_as(obj: object, cls: type[T]) -> Read[T] | ContractError:
    try:
        return from_wire(obj, cls)
    except ContractError as error:
        return error


def _plainly(obj: object, expected: type, found: Read[object] | ContractError) -> type | None:
    """The other kind of document *obj* plainly is, if it is not the *expected* kind.

    Read as *expected*, a document of another kind often reads, tolerantly, with keys left
    over, or fails. It is plainly another kind when that kind reads it with fewer keys left
    over (none at all, when the expected kind fails).
    """
    if isinstance(found, Read) and not found.unknown:
        return None
    most = len(found.unknown) - 1 if isinstance(found, Read) else 0
    for kind in dict.fromkeys(KINDS.values()):
        if kind is expected:
            continue
        other: Read[object] | ContractError = _read_as(obj, kind)
        if isinstance(other, Read) and len(other.unknown) <= most:
            return kind
    return None


def _one(obj: object, cls: type[T], where: str) -> T:
    """Read *obj* as a *cls*, refusing a document that is plainly of another kind."""
    found = _read_as(obj, cls)
    other = _plainly(obj, cls, typing.cast("Read[object] | ContractError", found))
    if other is not None:
        raise _Refused(f"{printable(where)}: this is {_NAMES[other]}, not {_NAMES[cls]}")
    if isinstance(found, ContractError):
        raise _Refused(f"{printable(where)}: {found}")
    if found.unknown:  # read past, never silently
        _warn(f"{printable(where)}: ignored unknown keys {', '.join(found.unknown)}")
    return found.value


def _json(path: str, text: str | None = None) -> object:
    """The JSON document at *path* (its *text*, if read already), or why it is none."""
    if text is None:
        text = _text(path)
    if not text.strip():
        raise _Refused(f"{printable(path)}: the file is empty; expected JSON")
    try:
        return parse(text)
    except ContractError as error:
        if path.lower().endswith(".csv") or _looks_like_csv(text):
            hint = " (for picks from standard input, add --format csv)" * (path == "-")
            raise _Refused(f"{printable(path)}: this is CSV; JSON belongs here{hint}") from None
        if _is_json_lines(text):
            hint = "; to split one order per line, use split --batch" * (_COMMAND.get() == _SPLIT)
            raise _Refused(
                f"{printable(path)}: this is JSON Lines (a document on each line), "
                f"not one JSON document{hint}"
            ) from None
        raise _Refused(f"{printable(path)}: {error}") from None


def _looks_like_csv(text: str) -> bool:
    """Whether *text* starts with a line of comma-separated names, as a CSV header does."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return "," in first and not first.lstrip().startswith(("{", "[", '"'))


def _is_json_lines(text: str) -> bool:
    """Whether *text* has more than one line and its first is a whole JSON document."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 2:  # noqa: PLR2004 - one line is a document, not JSON Lines
        return False
    try:
        parse(lines[0])
    except ContractError:
        return False
    return True


def _document(path: str, cls: type[T]) -> T:
    """The *cls* at *path*, read as :func:`_one` reads it, or why it is none.

    A document that reads as a *cls* with no key left over is plainly one, and nothing is
    to be said of it: :func:`~orderpack.contract.read` reads it (by its quick path, for what
    PRO and orderpack write). Anything else is parsed and judged by :func:`_one`.
    """
    text = _text(path)
    with contextlib.suppress(ContractError):
        found = read(text, cls)
        if not found.unknown:
            return found.value
    return _one(_json(path, text), cls, path)


def _documents(path: str, cls: type[T]) -> tuple[list[T], Callable[[Problem], Problem]]:
    """A JSON array of documents, or a single one; and how to name a problem where it is.

    A problem found among the documents is at ``consignments[3].packages[0]``; in the file
    it is at ``[3].Packages[0]`` (or ``Packages[0]``, when the file holds one document).
    """
    parsed = _json(path)
    if isinstance(parsed, list):
        documents = [_one(item, cls, f"{path}[{n}]") for n, item in enumerate(parsed)]
    else:
        documents = [_one(parsed, cls, path)]

    def locate(problem: Problem) -> Problem:
        matched = re.fullmatch(r"consignments\[(\d+)\]\.?(.*)", problem.path)
        if matched is None:  # about them all: the file as a whole
            return attrs.evolve(problem, path="")
        index, inner = matched.groups()
        keys = wire_path(cls, inner)
        if not isinstance(parsed, list):
            return attrs.evolve(problem, path=keys)
        return attrs.evolve(problem, path=f"[{index}]" + (f".{keys}" if keys else ""))

    return documents, locate


def _plan(arguments: argparse.Namespace, order: Order) -> tuple[Plan, Callable[[Problem], Problem]]:
    """The plan a split names, and how to name a problem of it where its file has it."""
    path = arguments.plan
    if (arguments.format or ("csv" if path.lower().endswith(".csv") else "json")) == "json":
        return _document(path, Plan), lambda p: attrs.evolve(p, path=wire_path(Plan, p.path))
    try:
        picks = read_picks(_text(path), order)
    except PicksError as error:
        raise _Refused(f"{printable(path)}: {error}") from None
    if picks.unknown:
        _warn(f"{printable(path)}: ignored unknown columns {', '.join(map(shown, picks.unknown))}")
    return picks.plan, picks.locate


def _lines(path: str) -> AbstractContextManager[BinaryIO | TextIO]:
    """An open file to read line by line; standard input is left open after.

    Binary where it can be, so that each line is decoded on its own: a line that is not
    UTF-8 is that line's problem, not the end of the run. (A standard input replaced by a
    text stream, as an application embedding the command line may do, is read as text.)
    """
    if path == "-":
        stdin = _stdin()
        return contextlib.nullcontext(getattr(stdin, "buffer", stdin))
    try:
        return Path(path).open("rb")
    except OSError as error:
        raise _Refused(f"cannot read {printable(path)}: {error.strerror or error}") from None


def _json_lines(path: str, file: BinaryIO | TextIO) -> Iterator[str | bytes]:
    """The lines of a JSON Lines file, refused at once if it is pretty-printed JSON instead.

    A line longer than :func:`_limit` is refused (exit 2) when it is met, the lines before
    it already answered (but those a batch on workers read ahead, up to 2,000): a file with
    no line end is never read whole.
    """
    lines = _bounded(path, file)
    first = next(lines, "")
    if _goes_on(first):
        raise _Refused(
            f"{printable(path)}: line 1 starts a JSON document that goes on over the next lines; "
            "--batch reads JSON Lines, one whole document on each line (without --batch, "
            "split reads one order and its plan, pretty-printed or not)"
        )
    yield first
    yield from lines


def _bounded(path: str, file: BinaryIO | TextIO) -> Iterator[str | bytes]:
    """The lines of *file*, each read up to :func:`_limit` and refused past it."""
    most = _limit()
    read: Callable[[int], str | bytes] = file.readline
    number = 0
    while line := read(most + 1):
        number += 1
        if len(line) > most:
            raise _too_large(path, most, f"line {number} is ")
        yield line


def _goes_on(line: str | bytes) -> bool:
    """Whether *line* is the start of a JSON document cut short at the end of the line."""
    text = (line.decode("utf-8", "replace") if isinstance(line, bytes) else line).strip()
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return bool(text) and error.pos >= len(text)
    except RecursionError:
        return False
    return False


def _sheet(path: str, read_csv: Callable[[str], Read[T]], cls: type[T]) -> T:
    """Stock or boxes: a CSV (a file ending in .csv), or the JSON document."""
    if not path.lower().endswith(".csv"):
        return _document(path, cls)
    try:
        sheet = read_csv(_text(path))
    except PlanningError as error:
        raise _Refused(f"{printable(path)}: {error}") from None
    if sheet.unknown:
        _warn(f"{printable(path)}: ignored unknown columns {', '.join(map(shown, sheet.unknown))}")
    return sheet.value


def _policy(named: str, fill: str | None, *, hold: bool = False) -> Policy:
    """A preset by name, or objectives by name separated by commas, with a fill factor."""
    if named in PRESETS:
        policy = PRESETS[named]
    else:
        known = {objective.value.lower(): objective for objective in Objective}
        wanted = [part.strip() for part in named.split(",") if part.strip()]
        unknown = [part for part in wanted if part.lower() not in known]
        if unknown or not wanted:
            names = ", ".join([*PRESETS, *(o.value for o in Objective)])
            which = f"no preset or objective is called {', '.join(map(repr, unknown))}; " * bool(
                unknown
            )
            raise _Refused(
                f"--policy {named!r}: {which}expected a preset or objectives from {names}"
            )
        try:
            policy = Policy(objectives=[known[part.lower()] for part in wanted])
        except ValidationError as error:
            raise _Refused(f"--policy {named!r}: {error}") from None
    if hold:
        policy = attrs.evolve(policy, hold_for_restock=True)
    if fill is None:
        return policy
    try:
        return attrs.evolve(policy, fill_factor=Decimal(written_as_json(fill)))
    except (ValidationError, ArithmeticError, ValueError):
        raise _Refused(f"--fill {fill!r}: expected a number above 0 and at most 1") from None
