"""JSON text with numbers exactly as their Decimals hold them.

The standard library's encoder writes non-integers only from floats, so the few JSON forms are
written here; strings go through ``json.dumps`` for escaping, and indented output is laid out
by ``json.dumps`` with each Decimal's exact text put back.
"""

from __future__ import annotations

import json
from decimal import Decimal


def write(value: object, *, indent: int | None = None) -> str:
    """Write a JSON value (dicts, lists, strings, numbers, Decimals, booleans, None)."""
    if indent is not None:
        return _indent(value, indent)
    out: list[str] = []
    _encode(value, out)
    return "".join(out)


def _encode(value: object, out: list[str]) -> None:
    """Write a wire value as JSON, numbers exactly as their Decimals hold them.

    The standard library's encoder writes only floats for non-integers, so the few JSON
    forms are written here; strings go through ``json.dumps`` for escaping.
    """
    if isinstance(value, dict):
        out.append("{")
        for n, (key, item) in enumerate(value.items()):
            out.append(("," if n else "") + json.dumps(key) + ":")
            _encode(item, out)
        out.append("}")
    elif isinstance(value, list | tuple):
        out.append("[")
        for n, item in enumerate(value):
            if n:
                out.append(",")
            _encode(item, out)
        out.append("]")
    elif isinstance(value, Decimal):
        out.append(str(value))
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
