"""The exact-Decimal JSON writer: the fast path and the plain one write the same text."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderpack.contract import json_text as _json_text

# Strings that could pass for the placeholder, or break out of one, are the interesting ones.
texts = st.text(
    alphabet=st.sampled_from(["\x00", '"', "\\", "a", "é", "\n", "\x7f", "\u2028", "\udc80", "/"]),
    max_size=4,
)
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.decimals(allow_nan=False, allow_infinity=False)
    | texts
)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(texts, inner, max_size=3)
    ),
    max_leaves=12,
)


def _tokens(value: object) -> object:
    """*value* with each number as ("number", its text): what exact writing must keep."""
    if isinstance(value, dict):
        return {key: _tokens(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_tokens(item) for item in value]
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return ("number", str(value))
    return value


@given(document=documents, indent=st.sampled_from([None, 1, 2]))
def test_the_fast_writer_and_the_plain_one_agree(document: object, indent: int | None) -> None:
    """Placeholder look-alikes in strings send a document down the plain path: same text."""
    assert _json_text.write(document, indent=indent) == _json_text._write_plainly(document, indent)


@given(document=documents, indent=st.sampled_from([None, 2]))
def test_every_number_is_written_as_its_own_text(document: object, indent: int | None) -> None:
    """Read back, the text holds each Decimal's and int's exact digits, and every string."""
    text = _json_text.write(document, indent=indent)

    def number(token: str) -> tuple[str, str]:
        return ("number", token)

    assert json.loads(text, parse_float=number, parse_int=number) == _tokens(document)


def test_a_value_json_cannot_write_is_refused() -> None:
    """Only the JSON forms and Decimals are written; anything else is a TypeError."""
    with pytest.raises(TypeError, match="cannot write"):
        _json_text.write({"when": object()})


@given(document=documents)
def test_the_wire_writer_writes_what_the_exact_writer_writes(document: object) -> None:
    """The msgspec text where it is the standard library's; the exact writer's elsewhere.

    Strings with é, DEL, a line separator or a lone surrogate are where the two encoders
    differ, and they are among the drawn ones.
    """
    assert _json_text.write_wire(document) == _json_text.write(document)
