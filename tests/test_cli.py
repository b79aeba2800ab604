"""The command line, through main() and once as a real process."""

import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from orderpack import __version__
from orderpack.cli import main

CONTRACT = Path(__file__).parent / "contract"
SEED_TREE = """\
Order EO-000-002-0TS: 1 order, 2 consignments, 3 packages, 4 items
├── Consignment EC-000-000-001: from WH-A on 2026-12-01 by ROYAL-MAIL-24
│   └── Package EP-000-000-001: 0.3 Kg, 15 x 20 x 5 Cm, 75.00 GBP
│       ├── 1 x Necklace (NECK-01)
│       └── 1 x Bracelet (BRAC-01)
└── Consignment EC-000-000-002: from WH-B on 2026-12-01 by DPD-NEXT-DAY
    ├── Package EP-000-000-002: 1.6 Kg, 40 x 50 x 10 Cm, 120.00 GBP
    │   └── 1 x Coat (COAT-01)
    └── Package EP-000-000-003: 0.4 Kg, 30 x 30 x 20 Cm, 25.00 GBP
        └── 1 x Hat (HAT-01)
Outstanding: nothing
"""


REQUESTS = [(CONTRACT / f"seed_pack_request_{n}.json").read_text() for n in (1, 2)]
SEED_DEMO = (
    SEED_TREE
    + "\nPack Order 1 of 2: POST /orders/EO-000-002-0TS/pack\n"
    + REQUESTS[0]
    + "\nPack Order 2 of 2: POST /orders/EO-000-002-0TS/pack\n"
    + REQUESTS[1]
)


def test_demo_prints_the_seed_split(capsys: pytest.CaptureFixture[str]) -> None:
    """1 order, 2 consignments, 3 packages, 4 items as a tree, then a request per consignment."""
    code = main(["demo"])

    assert (code, capsys.readouterr().out) == (0, SEED_DEMO)


def test_a_command_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    """No command is a usage error: exit code 2 and argparse's message."""
    with pytest.raises(SystemExit) as caught:
        main([])

    assert caught.value.code == 2
    assert "the following arguments are required: COMMAND" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version names the release."""
    with pytest.raises(SystemExit):
        main(["--version"])

    assert capsys.readouterr().out == f"orderpack {__version__}\n"


def test_python_dash_m_runs_the_same_command() -> None:
    """`python -m orderpack demo` in a real process prints the same tree."""
    done = subprocess.run(
        [sys.executable, "-m", "orderpack", "demo"],
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
    )

    assert (done.returncode, done.stdout, done.stderr) == (0, SEED_DEMO, "")


def test_the_module_runs_as_a_program(monkeypatch: pytest.MonkeyPatch) -> None:
    """`python -m orderpack` exits with main()'s code."""
    monkeypatch.setattr(sys, "argv", ["orderpack", "demo"])

    with pytest.raises(SystemExit) as caught:
        runpy.run_module("orderpack", run_name="__main__")

    assert caught.value.code == 0
