"""The files in examples/ are what orderpack writes for the seed, and the commands run on them."""

import json
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from orderpack import split_order
from orderpack.cli import main
from orderpack.contract import dumps
from orderpack.demo import seed_boxes, seed_order, seed_plan, seed_stock
from orderpack.planning import read_catalogue, read_stock

EXAMPLES = Path(__file__).parents[2] / "examples"


def test_the_examples_are_the_seed() -> None:
    """They cannot drift from the model: each is what orderpack writes today."""
    split = split_order(seed_order(), seed_plan())

    assert (EXAMPLES / "order.json").read_text() == dumps(seed_order(), indent=2) + "\n"
    assert (EXAMPLES / "plan.json").read_text() == dumps(seed_plan(), indent=2) + "\n"
    assert (EXAMPLES / "request.json").read_text() == (
        dumps(split.requests[1], indent=2) + "\n"  # with Origin: WH-B sends the coat and hat
    )
    assert json.loads((EXAMPLES / "consignments.json").read_text(), parse_float=Decimal) == [
        json.loads(dumps(c), parse_float=Decimal) for c in split.consignments
    ]


def test_the_examples_tell_the_getting_started_story(capsys: pytest.CaptureFixture[str]) -> None:
    """The request is the coat and hat's, from warehouse B, as the seed's story has it."""
    assert main(["pack", str(EXAMPLES / "order.json"), str(EXAMPLES / "request.json")]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "Consignment EC-000-000-001: from WH-B on 2026-12-01 by DPD-NEXT-DAY"
    )


def test_the_stock_and_boxes_are_the_seeds() -> None:
    """examples/stock.csv and boxes.csv read to orderpack.demo's seed_stock and seed_boxes."""
    stock = read_stock((EXAMPLES / "stock.csv").read_text())
    boxes = read_catalogue((EXAMPLES / "boxes.csv").read_text())

    assert (stock.value, stock.unknown) == (seed_stock(), ())
    assert (boxes.value, boxes.unknown) == (seed_boxes(), ())


def test_the_batch_examples_are_the_seed_three_times() -> None:
    """Line 1 the whole seed plan; line 2 without the hat; line 3 two necklaces of one."""
    plan = seed_plan()
    short = attrs.evolve(plan, allocations=plan.allocations[:3], packages=plan.packages[:2])
    over = attrs.evolve(
        plan, allocations=[attrs.evolve(plan.allocations[0], quantity=2), *plan.allocations[1:]]
    )

    assert (EXAMPLES / "orders.jsonl").read_text() == f"{dumps(seed_order())}\n" * 3
    assert (EXAMPLES / "plans.jsonl").read_text() == "".join(
        f"{dumps(p)}\n" for p in (plan, short, over)
    )


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["split", "order.json", "plan.json"], 0),
        (["split", "order.json", "picks.csv"], 0),
        (["pack", "order.json", "request.json"], 0),
        (["check", "order.json", "consignments.json"], 0),
        (["status", "order.json", "consignments.json"], 0),
        (["plan", "order.json", "stock.csv", "--boxes", "boxes.csv"], 0),
        (["plan", "order.json", "stock.csv", "--policy", "priority", "--json"], 0),
    ],
)
def test_the_documented_commands_run_on_them(
    argv: list[str], code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every command the command-line page shows works on the example files."""
    files = [
        name if name.startswith("-") or "." not in name else str(EXAMPLES / name)
        for name in argv[1:]
    ]
    assert main([argv[0], *files]) == code
    assert capsys.readouterr().err == ""


def test_the_documented_batch_runs_on_them(capsys: pytest.CaptureFixture[str]) -> None:
    """Lines 1 and 2 split; line 3 is refused, named on standard error; exit code 1."""
    files = [str(EXAMPLES / name) for name in ("orders.jsonl", "plans.jsonl")]

    assert main(["split", "--batch", *files]) == 1
    out, err = capsys.readouterr()
    assert [len(json.loads(line).get("Requests", ())) for line in out.splitlines()] == [2, 2, 0]
    assert err.splitlines() == [
        (
            "orderpack split: line 3: over_allocated at plan.Allocations: order item "
            "packages[0].items[0] has 1 ordered but allocations [0] allocate 2; expected at most 1"
        ),
        "orderpack split: 1 of 3 lines had problems",
    ]
