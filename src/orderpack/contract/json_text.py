r"""JSON text with numbers exactly as their Decimals hold them.

The standard library's encoder writes non-integers only from floats. So ``json.dumps`` (its
C encoder, for compact text) writes each Decimal as a placeholder string, and the Decimal's
exact text is put in its place. The placeholder is ``"\u0000"``; a document whose own
strings could make that text too is written by a plain Python encoder instead.

:func:`write_wire` writes a document of PRO's values (what ``to_wire`` returns) compactly with
msgspec, whose encoder writes each Decimal's own text as a number (``decimal_format="number"``)
about ten times faster than the above. Its text is the standard library's whenever it is all
ASCII below DEL; for any other text (msgspec writes ``é`` and DEL as they are, where
``json.dumps`` escapes them) or a string it cannot encode (a lone surrogate), the document is
written by :func:`write` instead, so the two never differ.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Final

import msgspec

_PLACEHOLDER: Final = "\x00"
_WRITTEN: Final = json.dumps(_PLACEHOLDER)  # '"\\u0000"'


def write(value: object, *, indent: int | None = None) -> str:
    r"""Write a JSON value (dicts, lists, strings, numbers, Decimals, booleans, None).

    >>> write({"Value": Decimal("0.50"), "Tags": ["a\x00"]})
    '{"Value":0.50,"Tags":["a\\u0000"]}'
    >>> print(write([Decimal("1E+2"), "\x00"], indent=1))
    [
     1E+2,
     "\u0000"
    ]
    """
    numbers: list[str] = []

    def placeholder(number: object) -> str:
        if not isinstance(number, Decimal):
            raise TypeError(f"cannot write {number!r} as JSON")
        numbers.append(str(number))
        return _PLACEHOLDER

    separators = (",", ":") if indent is None else None
    text = json.dumps(value, indent=indent, separators=separators, default=placeholder)
    parts = text.split(_WRITTEN)
    if len(parts) != len(numbers) + 1:  # a string of the document's own wrote one too
        return _write_plainly(value, indent)
    out = [parts[0]]
    for n, number in enumerate(numbers, start=1):
        out += (number, parts[n])
    return "".join(out)


_WIRE: Final = msgspec.json.Encoder(decimal_format="number")


def write_wire(value: object) -> str:
    r"""Write a document of plain JSON values compactly, exactly as :func:`write` does.

    *value* holds dicts with text keys, lists, tuples, text, whole numbers, Decimals,
    booleans and None, as ``to_wire`` returns them.

    >>> write_wire({"Value": Decimal("0.50000"), "Name": "Caf\u00e9"})
    '{"Value":0.50000,"Name":"Caf\\u00e9"}'
    """
    try:
        fast = _WIRE.encode(value)
    except (UnicodeEncodeError, TypeError):  # a lone surrogate; a value write refuses too
        return write(value)
    if fast.isascii() and b"\x7f" not in fast:
        return fast.decode("ascii")
    return write(value)


def _write_plainly(value: object, indent: int | None) -> str:
    out: list[str] = []
    _encode(value, out, indent, 0)
    return "".join(out)


def _encode(value: object, out: list[str], indent: int | None, level: int) -> None:
    """Write *value* as ``json.dumps`` lays it out, numbers exactly as their Decimals hold them."""
    if type(value) is dict or type(value) is list or type(value) is tuple:
        entries = list(value.items()) if type(value) is dict else list(enumerate(value))
        opening, closing = "{}" if type(value) is dict else "[]"
        if not entries:
            out.append(opening + closing)
            return
        inner = "" if indent is None else "\n" + " " * (indent * (level + 1))
        outer = "" if indent is None else "\n" + " " * (indent * level)
        colon = ":" if indent is None else ": "
        out.append(opening)
        for n, (key, item) in enumerate(entries):
            out.append(("," if n else "") + inner)
            if type(value) is dict:
                out.append(json.dumps(key) + colon)
            _encode(item, out, indent, level + 1)
        out.append(outer + closing)
    elif isinstance(value, Decimal):
        out.append(str(value))
    else:  # strings, whole numbers, booleans and null, as json.dumps writes them
        out.append(json.dumps(value))
