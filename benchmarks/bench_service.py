"""One order at a time, as a service handles a request: fixed costs per call, not throughput.

The seed order (four allocations in two consignments) read from PRO's JSON with its plan,
split, and its Pack Order requests written as envelopes, against the same work done with
``json.loads``, a dict grouping and ``json.dumps``; ``OrderLedger.split`` against
``split_order`` of the same plan. Each case runs many times a round, in interleaved rounds.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING

from _timing import interleaved, machine, table

from orderpack import Order, OrderLedger, Plan, split_order
from orderpack.batch import to_envelope
from orderpack.contract import dumps, json_text, read
from orderpack.demo import seed_order, seed_plan

if TYPE_CHECKING:
    from collections.abc import Callable

ORDER_TEXT, PLAN_TEXT = dumps(seed_order()), dumps(seed_plan())
ORDER, PLAN = seed_order(), seed_plan()
LEDGER = OrderLedger(order=ORDER)
CALLS = 500
ROUNDS = 9


def pipeline() -> list[str]:
    """Read the order and the plan, split, and write each request's envelope."""
    order = read(ORDER_TEXT, Order).value
    plan = read(PLAN_TEXT, Plan).value
    return [json_text.write_wire(to_envelope(r)) for r in split_order(order, plan).requests]


def dict_pipeline() -> list[str]:
    """The same with plain JSON and dicts: the allocations grouped by key, each group written."""
    json.loads(ORDER_TEXT)
    plan = json.loads(PLAN_TEXT)
    groups: dict[tuple[str, str, str | None], list[dict[str, object]]] = defaultdict(list)
    for allocation in plan["Allocations"]:
        key = (allocation["Origin"], allocation["ShipDay"], allocation.get("CarrierService"))
        groups[key].append(allocation)
    return [json.dumps({"Key": list(key), "Items": items}) for key, items in groups.items()]


def split() -> object:
    """split_order of the seed order and plan, both already values."""
    return split_order(ORDER, PLAN)


def ledger_split() -> object:
    """The same plan split on a fresh ledger of the order, the consignments recorded."""
    return OrderLedger(order=ORDER).split(PLAN)


def made_ledger_split() -> object:
    """The same plan split on a ledger made once, as a service holding it would."""
    return LEDGER.split(PLAN)


def dict_split() -> object:
    """The seed plan's allocations grouped by key and package with dicts: no checks, no values."""
    grouped: dict[tuple[object, ...], dict[str, list[tuple[str, int]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for a in PLAN.allocations:
        grouped[(a.origin, a.ship_day, a.carrier_service)][a.package].append(
            (a.reference or a.sku or "", a.quantity)
        )
    return grouped


def repeated(case: Callable[[], object]) -> Callable[[], None]:
    """*case* run :data:`CALLS` times: a round long enough to time."""

    def run() -> None:
        for _ in range(CALLS):
            case()

    return run


def main() -> None:
    """Print the per-call time of each case and its ratio to its baseline."""
    cases = {
        "pipeline": pipeline,
        "dict pipeline": dict_pipeline,
        "split": split,
        "ledger split": ledger_split,
        "made ledger split": made_ledger_split,
        "dict split": dict_split,
    }
    times = interleaved({name: repeated(case) for name, case in cases.items()}, ROUNDS)
    each = {name: spent / CALLS * 1e6 for name, spent in times.items()}
    table(
        f"One order at a time ({machine()}; median of {ROUNDS} rounds of {CALLS} calls)",
        ("case", "per call", "baseline", "per call", "ratio"),
        [
            (
                "seed order read, split, requests written",
                f"{each['pipeline']:.0f} µs",
                "json.loads, dict grouping, json.dumps",
                f"{each['dict pipeline']:.0f} µs",
                f"{each['pipeline'] / each['dict pipeline']:.1f}x",
            ),
            (
                "`split_order` of the seed (4 allocations)",
                f"{each['split']:.0f} µs",
                "dict grouping of the same allocations",
                f"{each['dict split']:.1f} µs",
                f"{each['split'] / each['dict split']:.0f}x",
            ),
            (
                "`OrderLedger.split` of the seed, on a ledger made once",
                f"{each['made ledger split']:.0f} µs",
                "`split_order` of the same plan",
                f"{each['split']:.0f} µs",
                f"{each['made ledger split'] / each['split']:.2f}x",
            ),
            (
                "`OrderLedger.split` of the seed, the ledger made each call",
                f"{each['ledger split']:.0f} µs",
                "`split_order` of the same plan",
                f"{each['split']:.0f} µs",
                f"{each['ledger split'] / each['split']:.2f}x",
            ),
        ],
    )


if __name__ == "__main__":
    main()
