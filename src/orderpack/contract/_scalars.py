"""PRO's scalars read strictly, and the refusals a reader raises before a path is known."""

from __future__ import annotations

import re
import typing
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, Final

from orderpack.contract._spelling import _fold
from orderpack.model.checks import shown

if typing.TYPE_CHECKING:
    from collections.abc import Callable
    from enum import Enum

    from orderpack.errors import Problem

MAX_NUMBER_TEXT: Final = 100
"""The longest number orderpack reads, in characters; a longer one is ``out_of_range``."""


class _Unreadable:
    """A number in the JSON text that no value PRO can hold could be: too long, too large."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"a number of {len(self.text)} characters"


def _parse_float(text: str) -> Decimal | _Unreadable:
    if len(text) > MAX_NUMBER_TEXT:
        return _Unreadable(text)
    try:
        return Decimal(text)
    except ArithmeticError:  # an exponent past what Decimal can hold at all
        return _Unreadable(text)


def _parse_int(text: str) -> int | _Unreadable:
    return _Unreadable(text) if len(text) > MAX_NUMBER_TEXT else int(text)


def _out_of_range(value: _Unreadable) -> _Refusal:
    return _Refusal(
        "out_of_range",
        f"expected a number PRO can hold, got {shown(value)} "
        f"(orderpack reads numbers of at most {MAX_NUMBER_TEXT} characters)",
    )


class _Refusal(Exception):  # noqa: N818 - raised and caught inside this module only
    """A leaf problem found while structuring, before its path is known."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _describe_json(value: object) -> str:  # noqa: PLR0911 - one return per kind of JSON value
    """Name a JSON value as a reader of the document would: its kind, and a scalar's text.

    Text is escaped and cut short (:func:`~orderpack.model.checks.shown`), so a message never
    carries a whole document or a terminal's escape sequences.
    """
    match value:
        case None:
            return "null"
        case dict():
            return "an object"
        case list():
            return "an array"
        case str():
            return f"a string {shown(value)}"
        case bool():
            return f"a boolean {'true' if value else 'false'}"
        case _Unreadable() | int():
            return f"a number {shown(value)}" if isinstance(value, int) else repr(value)
    return f"a number {value}"


def _text(value: str) -> str:
    """*value*, if it is text that can be written out again: no lone surrogate in it."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _Refusal(
            "bad_value", f"expected text, got {shown(value)}, which holds a lone surrogate"
        ) from None
    return value


def _strict(expected: str, accept: Callable[[object], bool]) -> Callable[[object, type], Any]:
    def hook(value: object, _: type) -> object:
        if not accept(value):
            raise _Refusal("wrong_type", f"expected {expected}, got {_describe_json(value)}")
        return value

    return hook


def _decimal(value: object, _: type) -> Decimal:
    if isinstance(value, _Unreadable):
        raise _out_of_range(value)
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise _Refusal("wrong_type", f"expected a number, got {_describe_json(value)}")
    return Decimal(value)


def _datetime(value: object, _: type) -> datetime:
    if not isinstance(value, str):
        raise _Refusal("wrong_type", f"expected a date and time, got {_describe_json(value)}")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise _Refusal(
            "bad_value", f"expected an ISO 8601 date and time, got {shown(value)}"
        ) from None
    if parsed.utcoffset() is None:
        raise _Refusal("bad_value", f"expected a date and time with an offset, got {shown(value)}")
    return parsed


def _date(value: object, _: type) -> date:
    if not isinstance(value, str):
        raise _Refusal("wrong_type", f"expected a date, got {_describe_json(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _Refusal(
            "bad_value", f"expected an ISO 8601 date (2026-12-01), got {shown(value)}"
        ) from None


_TIME_SPAN = re.compile(r"(-)?([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,7}))?")
"""A .NET TimeSpan of less than a day, as PRO writes one: ``[-]hh:mm:ss[.fffffff]``."""


def _span(value: object, expected: str) -> tuple[bool, timedelta]:
    if not isinstance(value, str):
        raise _Refusal("wrong_type", f"expected {expected}, got {_describe_json(value)}")
    found = _TIME_SPAN.fullmatch(value)
    if found is None:
        raise _Refusal("bad_value", f"expected {expected}, got {_describe_json(value)}")
    minus, hours, minutes, seconds, fraction = found.groups()
    if int(minutes) > 59 or int(seconds) > 59:  # noqa: PLR2004 - a clock's
        raise _Refusal("bad_value", f"expected {expected}, got {_describe_json(value)}")
    span = timedelta(
        hours=int(hours),
        minutes=int(minutes),
        seconds=int(seconds),
        microseconds=int((fraction or "0").ljust(6, "0")[:6]),
    )
    return minus is not None, span


def _time_of_day(value: object, _: type) -> time:
    expected = "a time of day (09:30:00)"
    minus, span = _span(value, expected)
    if minus or span >= timedelta(days=1):
        raise _Refusal("bad_value", f"expected {expected}, got {_describe_json(value)}")
    seconds, micro = divmod(span // timedelta(microseconds=1), 1_000_000)
    return time(seconds // 3600, seconds % 3600 // 60, seconds % 60, micro)


def _offset(value: object, _: type) -> timedelta:
    minus, span = _span(value, "an offset from UTC (01:00:00 or -05:00:00)")
    return -span if minus else span


def _offset_out(offset: timedelta) -> str:
    sign = "-" if offset < timedelta(0) else ""
    seconds, micro = divmod(abs(offset) // timedelta(microseconds=1), 1_000_000)
    fraction = f".{micro:06}" if micro else ""
    return f"{sign}{seconds // 3600:02}:{seconds % 3600 // 60:02}:{seconds % 60:02}{fraction}"


def _optional_text(value: object, _: type) -> str | None:
    if value is None or value == "":
        return None  # PRO sends "" for an absent value
    if not isinstance(value, str):
        raise _Refusal("wrong_type", f"expected a string, got {_describe_json(value)}")
    return _text(value)


def _string(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise _Refusal("wrong_type", f"expected a string, got {_describe_json(value)}")
    return _text(value)


def _whole(value: object, _: type) -> int:
    if isinstance(value, _Unreadable):
        raise _out_of_range(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Refusal("wrong_type", f"expected a whole number, got {_describe_json(value)}")
    return value


def _enum_hook(cls: type[Enum], *, strict: bool) -> Callable[[object, type], Enum]:
    names = [member.value for member in cls]
    members = {member.value: member for member in cls}  # what cls(value) looks up, sooner
    folded = {_fold(str(member.value)): member for member in cls}

    def hook(value: object, _: type) -> Enum:
        try:
            return members[value]
        except (KeyError, TypeError):  # not a value, or no key at all (an array, an object)
            pass
        member = folded.get(_fold(value)) if isinstance(value, str) else None
        if member is not None and not strict:
            return member  # PRO's .NET readers match enum names whatever their case
        expected = (
            f"{shown(member.value)}, PRO's spelling"
            if member is not None
            else f"one of {', '.join(names)}"
        )
        raise _Refusal("bad_value", f"expected {expected}, got {_describe_json(value)}")

    return hook


class _Located(Exception):  # noqa: N818 - raised and caught inside this module only
    """Problems found inside a value, each at its path from that value."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


def _an_object(value: object, _: object = None) -> dict[str, Any]:
    """*value*, if it is a JSON object."""
    if not isinstance(value, dict):
        raise _Refusal("wrong_type", f"expected an object, got {_describe_json(value)}")
    return value
