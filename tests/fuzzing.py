"""Hostile JSON for every document of the contract: valid documents, then mutated.

Shared by the fuzz test in ``make test`` and the long run of ``make fuzz``. A document starts
as one that :func:`orderpack.contract.dumps` wrote for a generated value, and is then changed
the ways hostile or careless input changes things: a value of another type, a key removed, an
unknown or re-cased key added, a number far out of range, deep nesting, a lone surrogate, a
key given twice, text that is not JSON at all.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from orderpack import ContractError
from orderpack.contract import KINDS, dumps, read
from orderpack.contract.json_text import write
from orderpack.strategies import payloads

NASTY_NUMBERS = [
    "1e1000000000000000000",
    "-1e1000000000000000000",
    "1e1000000",
    "1E-1000000",
    "9" * 5000,
    "0." + "0" * 4000 + "1",
    "79228162514264337593543950336",
    "1e-29",
    "-0",
    "2147483648",
    "-1",
    "0",
    "1.5",
]
NASTY_TEXT = ["\ud800", "\x1b[31mred", "line\nbreak", "", " ", "x" * 10_000, "Api", "API"]
NASTY_KEYS = ["Unknown", "\x1b[2J", "new\nline", "\ud800", "weight", "WEIGHT", "", "Items"]


class _Raw:
    """A number token written into the JSON text as it is."""

    def __init__(self, text: str) -> None:
        self.text = text


# JSON values as json.loads makes them, Decimals for non-integers, and raw tokens for the
# numbers json.loads itself must meet (written into the text as they are).
_RAW = st.sampled_from(NASTY_NUMBERS).map(_Raw)
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.decimals(allow_nan=False, allow_infinity=False, places=3)
    | st.sampled_from(NASTY_TEXT)
    | st.text(max_size=8)
    | _RAW
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(NASTY_KEYS) | st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:  # noqa: ANN401
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            found += _paths(item, (*path, n))
    return found


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:  # noqa: ANN401
    for step in path[:-1]:
        doc = doc[step]
    return doc


@st.composite
def mutated(draw: st.DrawFn, kind: type) -> str:
    """A document of *kind*, changed in one to three places."""
    doc = json.loads(draw(payloads(kind)), parse_float=Decimal)
    raws: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(doc)
        path = draw(st.sampled_from(paths))
        how = draw(st.sampled_from(["replace", "delete", "add", "recase", "nest"]))
        if not path:
            if how == "replace":
                doc = draw(_VALUES)
            continue
        parent, last = _parent(doc, path), path[-1]
        if how == "replace":
            parent[last] = draw(_VALUES)
        elif how == "delete":
            del parent[last]
        elif how == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(NASTY_KEYS) | st.text(max_size=6))] = draw(_VALUES)
        elif how == "recase" and isinstance(parent, dict) and isinstance(last, str):
            parent[draw(st.sampled_from([last.lower(), last.upper(), last.swapcase()]))] = (
                parent.pop(last)
            )
        elif how == "nest":
            depth = draw(st.sampled_from([2, 40, 200, 2000]))
            parent[last] = _Raw("[" * depth + "]" * depth)
    text = _text(doc, raws)
    if draw(st.integers(0, 9)) == 0:  # a key given twice, or bytes cut short
        text = draw(st.sampled_from([_doubled(text), text[: len(text) // 2], "\ufeff" + text]))
    return text


def _text(doc: Any, raws: list[str]) -> str:  # noqa: ANN401
    """JSON text for *doc*, with each raw token in place."""

    def swap(value: Any) -> Any:  # noqa: ANN401
        if isinstance(value, _Raw):
            raws.append(value.text)
            return f"\x00raw{len(raws) - 1}\x00"
        if isinstance(value, dict):
            return {key: swap(item) for key, item in value.items()}
        if isinstance(value, list):
            return [swap(item) for item in value]
        return value

    text = write(swap(doc))
    for n, raw in enumerate(raws):
        text = text.replace(json.dumps(f"\x00raw{n}\x00"), raw)
    return text


def _doubled(text: str) -> str:
    """*text* with its first key given twice in its object, if it has one."""
    start = text.find('{"')
    end = text.find(",", start)
    if start < 0 or end < 0:
        return text
    return text[: start + 1] + text[start + 1 : end + 1] + text[start + 1 :]


def documents() -> st.SearchStrategy[tuple[type, str]]:
    """A document class and a hostile document for it."""
    return st.sampled_from(list(KINDS.values())).flatmap(
        lambda kind: st.tuples(st.just(kind), mutated(kind))
    )


def _attempt(kind: type, text: str, *, strict: bool) -> object:
    try:
        return read(text, kind, strict=strict).value
    except ContractError as error:
        return error


def survive(kind: type, text: str) -> None:
    """Read *text* strictly and tolerantly: only ContractError may escape.

    What is read writes and reads back equal; a refusal names at least one problem.
    """
    for strict in (False, True):
        outcome = _attempt(kind, text, strict=strict)
        if isinstance(outcome, ContractError):
            assert outcome.problems, "a ContractError names its problems"
        else:
            assert read(dumps(outcome), kind, strict=True).value == outcome
