"""JSON text with numbers exactly as their Decimals hold them.

The standard library's encoder writes non-integers only from floats, so the few JSON forms are
written here; strings go through ``json.dumps`` for escaping, and indented output is laid out
by ``json.dumps`` with each Decimal's exact text put back.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Final


def write(value: object, *, indent: int | None = None) -> str:
    """Write a JSON value (dicts, lists, strings, numbers, Decimals, booleans, None)."""
    if indent is not None:
        return _indent(value, indent)
    out: list[str] = []
    _encode(value, out)
    return "".join(out)


_ESCAPED: Final = json.encoder.encode_basestring_ascii  # what json.dumps does to a str
_WORDS: Final = {None: "null", True: "true", False: "false"}


def _encode(value: object, out: list[str]) -> None:
    """Write a wire value as JSON, numbers exactly as their Decimals hold them.

    The standard library's encoder writes only floats for non-integers, so the few JSON
    forms are written here, strings escaped as ``json.dumps`` escapes them. Exact types are
    tested first: they are nearly every value, and the test is cheap.
    """
    if type(value) is str:
        out.append(_ESCAPED(value))
    elif type(value) is dict:
        out.append("{")
        separator = ""
        for key, item in value.items():
            out.append(f"{separator}{_ESCAPED(key)}:")
            separator = ","
            _encode(item, out)
        out.append("}")
    elif type(value) is list or type(value) is tuple:
        out.append("[")
        separator = ""
        for item in value:
            out.append(separator)
            separator = ","
            _encode(item, out)
        out.append("]")
    elif type(value) is Decimal:
        out.append(str(value))
    elif value is None or type(value) is bool:
        out.append(_WORDS[value])
    else:
        out.append(json.dumps(value))


def _indent(wire: object, indent: int) -> str:
    # Decimals become placeholders json.dumps can lay out, then their exact text is put back.
    numbers: list[str] = []

    def swap(value: object) -> object:
        if isinstance(value, dict):
            return {k: swap(v) for k, v in value.items()}
        if isinstance(value, list):
            return [swap(v) for v in value]
        if isinstance(value, Decimal):
            numbers.append(str(value))
            return f"\x00{len(numbers) - 1}\x00"
        return value

    text = json.dumps(swap(wire), indent=indent, ensure_ascii=False)
    for n, number in enumerate(numbers):
        text = text.replace(f'"\\u0000{n}\\u0000"', number, 1)
    return text
