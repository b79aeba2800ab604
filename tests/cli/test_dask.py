"""The Dask recipe (examples/dask_split.py) on a local cluster gives the single-process result."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pytest

from orderpack.batch import split_batch, to_json_line
from orderpack.contract import dumps
from orderpack.demo import seed_order, seed_plan

if TYPE_CHECKING:
    from types import ModuleType

distributed = pytest.importorskip("distributed", reason="needs orderpack[dask]")

RECIPE = Path(__file__).parents[2] / "examples" / "dask_split.py"


def _recipe() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dask_split", RECIPE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _plans() -> list[str]:
    """The whole seed plan, the plan without the hat, and one allocating two necklaces of one."""
    plan = seed_plan()
    short = attrs.evolve(plan, allocations=plan.allocations[:3], packages=plan.packages[:2])
    over = attrs.evolve(
        plan, allocations=[attrs.evolve(plan.allocations[0], quantity=2), *plan.allocations[1:]]
    )
    return [dumps(p) for p in (plan, short, over)]


def _data_set(root: Path) -> Path:
    """Three parts of 7, 8 and 9 lines; every third line's plan over-allocates."""
    order, plans = dumps(seed_order()), _plans()
    for part, size in enumerate((7, 8, 9)):
        for folder, lines in (
            ("orders", [order if n % 5 else "{" for n in range(size)]),
            ("plans", [plans[n % 3] for n in range(size)]),
        ):
            (root / folder).mkdir(parents=True, exist_ok=True)
            (root / folder / f"part-{part:04d}.jsonl").write_text("".join(f"{x}\n" for x in lines))
    return root


@pytest.mark.processes
def test_the_recipe_on_a_local_cluster_equals_one_process(tmp_path: Path) -> None:
    """Each output part holds, line for line, what split_batch gives for its input part."""
    data = _data_set(tmp_path / "data")
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    with cluster, distributed.Client(cluster):
        written = _recipe().split_data_set(data, tmp_path / "out")

    assert [p.rsplit("/", 1)[1] for p in written] == [f"part-000{n}.jsonl" for n in range(3)]
    for part in range(3):
        name = f"part-{part:04d}.jsonl"
        with (data / "orders" / name).open() as orders, (data / "plans" / name).open() as plans:
            alone = [to_json_line(o) for o in split_batch(orders, plans)]
        assert (tmp_path / "out" / name).read_text().splitlines() == alone
        assert len(alone) == 7 + part
        assert sum('"Problems"' in line for line in alone) > 0
