"""The CSV readers raise nothing but their own errors, for any text or bytes at all.

Run in ``make test`` with the profile's examples, and with many more in ``make fuzz``.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from orderpack.demo import seed_order
from orderpack.errors import PicksError, PlanningError
from orderpack.picks import read_picks
from orderpack.planning import read_catalogue, read_stock

EXAMPLES = Path(__file__).parent.parent / "examples"
SHEETS = [(EXAMPLES / name).read_text() for name in ("stock.csv", "boxes.csv", "picks.csv")]


@st.composite
def spreadsheets(draw: st.DrawFn) -> str | bytes:
    """A real sheet changed the ways a spreadsheet or a hand does, or text of any kind."""
    sheet = draw(st.sampled_from(SHEETS))
    at = draw(st.integers(0, len(sheet)))
    cut = draw(st.integers(0, 12))
    inserted = draw(
        st.lists(
            st.text(st.characters(codec="utf-8"), max_size=3)
            | st.sampled_from([",", "\n", '"', "\r", "1_0", "\u0661", "\x00", "-1", "1e999"]),
            max_size=4,
        ).map("".join)
    )
    changed = sheet[:at] + inserted + sheet[at + cut :]
    raw = draw(st.text() | st.binary())
    choice = draw(st.sampled_from(["changed", "bytes", "raw"]))
    if choice == "changed":
        return changed
    if choice == "bytes":
        return changed.encode("utf-8", "surrogatepass")
    return raw


@given(data=spreadsheets())
def test_the_csv_readers_raise_only_their_own_errors(data: str | bytes) -> None:
    """read_stock, read_catalogue, read_picks: a value, or PlanningError/PicksError."""
    for read, error in (
        (read_stock, PlanningError),
        (read_catalogue, PlanningError),
        (lambda d: read_picks(d, seed_order()), PicksError),
    ):
        with contextlib.suppress(error):
            read(data)
