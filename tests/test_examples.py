"""The files in examples/ are what orderpack writes for the seed, and the commands run on them."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from orderpack import split_order
from orderpack.cli import main
from orderpack.contract import dumps
from orderpack.demo import seed_order, seed_plan

EXAMPLES = Path(__file__).parent.parent / "examples"


def test_the_examples_are_the_seed() -> None:
    """They cannot drift from the model: each is what orderpack writes today."""
    split = split_order(seed_order(), seed_plan())

    assert (EXAMPLES / "order.json").read_text() == dumps(seed_order(), indent=2) + "\n"
    assert (EXAMPLES / "plan.json").read_text() == dumps(seed_plan(), indent=2) + "\n"
    assert (EXAMPLES / "request.json").read_text() == (
        dumps(split.requests[1], extensions=False, indent=2) + "\n"
    )
    assert json.loads((EXAMPLES / "consignments.json").read_text(), parse_float=Decimal) == [
        json.loads(dumps(c), parse_float=Decimal) for c in split.consignments
    ]


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["split", "order.json", "plan.json"], 0),
        (["split", "order.json", "picks.csv"], 0),
        (["pack", "order.json", "request.json"], 0),
        (["check", "order.json", "consignments.json"], 0),
        (["status", "order.json", "consignments.json"], 0),
    ],
)
def test_the_documented_commands_run_on_them(
    argv: list[str], code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every command the command-line page shows works on the example files."""
    assert main([argv[0], *(str(EXAMPLES / name) for name in argv[1:])]) == code
    assert capsys.readouterr().err == ""
