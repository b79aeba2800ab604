"""The command line, through main() and once as a real process."""

import gc
import io
import json
import os
import re
import runpy
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from builders import item, order
from orderpack import Order, __version__, split_order
from orderpack.batch import usable_cpus
from orderpack.cli import _commands, _io, _main, _out, main
from orderpack.cli._codes import CLOSED, INTERRUPTED, NO_WORKERS, UNWRITABLE
from orderpack.cli._io import WARNED_LINES
from orderpack.contract import dumps
from orderpack.demo import seed_boxes, seed_order, seed_plan, seed_stock
from orderpack.planning import propose

CONTRACT = Path(__file__).parents[1] / "contract"
EXAMPLES = Path(__file__).parents[2] / "examples"
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
ENVELOPES = [
    {
        "Method": "POST",
        "Path": "/orders/EO-000-002-0TS/pack",
        "Origin": origin,
        "ShipDay": "2026-12-01",
        "CarrierService": service,
        "Body": json.loads(request),
    }
    for request, origin, service in zip(
        REQUESTS, ["WH-A", "WH-B"], ["ROYAL-MAIL-24", "DPD-NEXT-DAY"], strict=True
    )
]
"""What split --json prints per consignment: PRO's body, and which warehouse sends it."""
SEED_DEMO = (
    SEED_TREE
    + "(The references are made up, numbered as PRO numbers them; PRO gives the real ones.)\n"
    + "\nThe split proposed from the warehouses' stock and boxes instead (orderpack plan):\n"
    + propose(seed_order(), seed_stock(), catalogue=seed_boxes()).explain()
    + "\n"
    + "\nPack Order 1 of 2: POST /orders/EO-000-002-0TS/pack"
    + " (from WH-A on 2026-12-01 by ROYAL-MAIL-24)\n"
    + REQUESTS[0]
    + "\nPack Order 2 of 2: POST /orders/EO-000-002-0TS/pack"
    + " (from WH-B on 2026-12-01 by DPD-NEXT-DAY)\n"
    + REQUESTS[1]
)


def test_demo_prints_the_seed_split(capsys: pytest.CaptureFixture[str]) -> None:
    """1 order, 2 consignments, 3 packages, 4 items as a tree, then a request per consignment."""
    code = main(["demo"])

    assert (code, capsys.readouterr().out) == (0, SEED_DEMO)


def test_no_command_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    """No command at all is a usage error that shows what there is to run: exit code 2."""
    with pytest.raises(SystemExit) as caught:
        main([])

    err = capsys.readouterr().err
    assert caught.value.code == 2
    assert re.findall(r"^    (\w+) ", err, flags=re.MULTILINE) == [
        "demo",
        "split",
        "pack",
        "plan",
        "check",
        "status",
    ]


def test_no_command_from_the_process_arguments(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """main() with no argv reads the process's: none at all lists the commands too."""
    monkeypatch.setattr(sys, "argv", ["orderpack"])

    with pytest.raises(SystemExit) as caught:
        main()

    assert caught.value.code == 2
    assert "commands:" in capsys.readouterr().err


def test_a_bad_argument_shows_its_commands_usage(capsys: pytest.CaptureFixture[str]) -> None:
    """An argument demo does not take is demo's mistake: demo's usage, not the top level's."""
    with pytest.raises(SystemExit) as caught:
        main(["demo", "extra"])

    assert caught.value.code == 2
    assert capsys.readouterr().err == (
        "usage: orderpack demo [-h]\norderpack demo: error: unrecognized arguments: extra\n"
    )


@pytest.mark.parametrize("command", ["demo", "split", "pack", "plan", "check", "status"])
def test_every_command_describes_itself(capsys: pytest.CaptureFixture[str], command: str) -> None:
    """--help starts with what the command does; split's lists the picks columns."""
    with pytest.raises(SystemExit):
        main([command, "--help"])

    out = capsys.readouterr().out
    assert out.split("\n\n")[1][0].isupper()
    assert ("dimensions_cm" in out) == (command == "split")


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


@pytest.mark.parametrize(
    ("argv", "loaded"),
    [
        (["--help"], []),
        (["split"], []),  # a usage error: no files named
        (["split", "--help"], ["orderpack.picks"]),
        (["plan", "--help"], ["orderpack.planning"]),
    ],
)
def test_help_and_usage_errors_load_only_what_they_show(argv: list[str], loaded: list[str]) -> None:
    """The model is loaded once a command runs, not to say how to run one."""
    script = (
        "import sys\n"
        "from orderpack.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('orderpack.')))\n"
    )
    done = subprocess.run(  # noqa: S603 - this interpreter, our own script
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )

    modules = set(eval(done.stdout.splitlines()[-1]))  # noqa: S307 - a list our script printed
    assert "orderpack.cli._commands" not in modules
    assert ("orderpack.model" in modules) == bool(loaded)
    assert modules.issuperset(loaded)


def test_ctrl_c_while_the_command_line_loads_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before a command's own handling is in place (loading, parsing): exit 130, no trace."""

    def interrupted(_: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(_main, "run", interrupted)

    assert main(["demo"]) == INTERRUPTED
    assert capsys.readouterr() == ("", "orderpack: interrupted\n")
    monkeypatch.setattr(sys, "stderr", None)  # started with standard error closed (2>&-)
    assert main(["demo"]) == INTERRUPTED


def test_the_module_runs_as_a_program(monkeypatch: pytest.MonkeyPatch) -> None:
    """`python -m orderpack` exits with main()'s code."""
    monkeypatch.setattr(sys, "argv", ["orderpack", "demo"])

    with pytest.raises(SystemExit) as caught:
        runpy.run_module("orderpack", run_name="__main__")

    assert caught.value.code == 0


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """The seed order, plan, a request and the split's consignments, as JSON files."""
    order = seed_order()
    split = split_order(order, seed_plan())
    (tmp_path / "order.json").write_text(dumps(order, indent=2))
    (tmp_path / "plan.json").write_text(dumps(seed_plan(), indent=2))
    (tmp_path / "request.json").write_text(dumps(split.requests[1], indent=2))
    (tmp_path / "consignments.json").write_text(
        "[" + ",".join(dumps(c) for c in split.consignments) + "]"
    )
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    """Run the command line; return its exit code, standard output and standard error."""
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


PICKS = (
    "line,quantity,origin,ship_date,carrier_service,package,weight_kg,dimensions_cm\n"
    "1,1,WH-A,2026-12-01,ROYAL-MAIL-24,A1,0.3,15x20x5\n"
    "2,1,WH-A,2026-12-01,ROYAL-MAIL-24,A1,,\n"
    "3,1,WH-B,2026-12-01,DPD-NEXT-DAY,B1,1.6,40x50x10\n"
    "4,1,WH-B,2026-12-01,DPD-NEXT-DAY,B2,0.4,30x30x20\n"
)


class TestSplit:
    """orderpack split ORDER.json PLAN."""

    def test_a_document_of_its_kind_is_read_once_and_judged_only_when_in_doubt(
        self, files: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """What PRO and orderpack write is read as it is; the wrong kind is still told apart."""
        judged: list[type] = []
        judge = _io._one

        def counting(obj: object, cls: type, where: str) -> object:
            judged.append(cls)
            return judge(obj, cls, where)

        monkeypatch.setattr(_io, "_one", counting)

        assert run(capsys, "split", files / "order.json", files / "plan.json")[0] == 0
        assert judged == []
        assert run(capsys, "split", files / "plan.json", files / "order.json")[:1] == (2,)
        assert judged == [Order]

    def test_a_json_plan_prints_the_tree(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The same tree as the demo, from files."""
        assert run(capsys, "split", files / "order.json", files / "plan.json") == (
            0,
            SEED_TREE,
            "",
        )

    def test_json_prints_the_pack_order_requests(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A JSON array of the requests, ready to POST."""
        code, out, _ = run(capsys, "split", files / "order.json", files / "plan.json", "--json")

        assert code == 0
        assert json.loads(out) == ENVELOPES

    def test_csv_picks_by_order_line(self, files: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Picks as a warehouse exports them make the same split."""
        (files / "picks.csv").write_text(PICKS)

        assert run(capsys, "split", files / "order.json", files / "picks.csv")[1] == SEED_TREE

    def test_csv_picks_by_sku_with_package_sizes(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Identifiers and package sizes instead of line numbers and measures."""
        (files / "picks.csv").write_text(
            "sku,quantity,origin,ship_date,package,package_size\n"
            "COAT-01,1,WH-B,2026-12-02,B1,LARGE\n"
        )

        code, out, _ = run(capsys, "split", files / "order.json", files / "picks.csv")

        assert code == 0
        assert "Consignment EC-000-000-001: from WH-B on 2026-12-02" in out
        assert "size LARGE" in out

    def test_a_bad_csv_is_every_problem_by_line_and_column(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Exit code 2 and every problem of the file (tests/cli/test_picks.py has each kind)."""
        picks = files / "picks.csv"
        picks.write_text(
            "line,quantity,origin,ship_date,package,package_size\n"
            "9,1,WH-A,2026-12-01,A1,S\n1,x,WH-A,1 Dec,A1,S\n"
        )

        assert run(capsys, "split", files / "order.json", picks) == (
            2,
            "",
            (
                f"orderpack split: {picks}: 3 problems:\n"
                "- item_not_on_order at line 2 column line: line 9 is not on the order "
                "(lines 1 to 4)\n"
                "- bad_value at line 3 column quantity: expected a whole number, got 'x'\n"
                "- bad_value at line 3 column ship_date: expected a date like 2026-12-01, "
                "got '1 Dec'\n"
            ),
        )

    def test_a_plan_the_order_refuses_is_named_at_its_csv_lines(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Too many coats, a late hat: exit code 1, each problem at the line that made it."""
        picks = files / "picks.csv"
        picks.write_text(
            "sku,quantity,origin,ship_date,package,package_size,Picker\n"
            "COAT-01,1,WH-B,2026-12-02,B1,L,Sam\nCOAT-01,1,WH-B,2026-12-02,B1,,Sam\n"
        )

        code, _, err = run(capsys, "split", files / "order.json", picks)

        assert code == 1
        assert err == (
            f"orderpack split: warning: {picks}: ignored unknown columns 'Picker'\n"
            f"orderpack split: {picks}: 1 problem:\n"
            "- over_allocated: order item packages[1].items[0] has 1 ordered but lines 2, 3 "
            "allocate 2; expected at most 1\n"
        )

    def test_a_json_plan_the_order_refuses_is_named_at_its_wire_paths(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """One path convention per file: a JSON plan's problems are at its own keys."""
        plan = json.loads((files / "plan.json").read_text())
        plan["Allocations"][2]["Package"] = "Z9"
        (files / "plan.json").write_text(json.dumps(plan))

        code, _, err = run(capsys, "split", files / "order.json", files / "plan.json")

        assert code == 1
        assert "- package_unknown at Allocations[2].Package: " in err

    def test_csv_picks_from_standard_input(
        self, files: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """--format csv reads picks from -, byte-order mark and all."""
        monkeypatch.setattr(sys, "stdin", io.StringIO("\ufeff" + PICKS))

        code, out, _ = run(capsys, "split", files / "order.json", "-", "--format", "csv")

        assert (code, out) == (0, SEED_TREE)

    def test_format_is_for_standard_input(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A file's name says its format; --format with a file is a usage error."""
        assert run(
            capsys, "split", files / "order.json", files / "plan.json", "--format", "csv"
        ) == (2, "", "orderpack split: --format is for a plan read from standard input (-)\n")


def test_an_empty_plan_splits_into_no_requests(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Nothing allocated: an empty JSON array."""
    (files / "plan.json").write_text('{"Allocations": [], "Packages": []}')

    assert run(capsys, "split", files / "order.json", files / "plan.json", "--json") == (
        0,
        "[]\n",
        "",
    )


class TestUnreadableInput:
    """Missing files, broken JSON, the wrong shape: exit code 2, one message, no traceback."""

    def test_a_missing_file(self, files: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The file and the reason."""
        missing = files / "nope.json"

        assert run(capsys, "split", missing, files / "plan.json") == (
            2,
            "",
            f"orderpack split: cannot read {missing}: No such file or directory\n",
        )

    def test_not_utf8(self, files: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Binary input is named as such."""
        (files / "order.json").write_bytes(b"\xff\xfe")

        assert run(capsys, "split", files / "order.json", files / "plan.json")[2].endswith(
            "not UTF-8 text\n"
        )

    def test_broken_json_and_the_wrong_shape(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Not JSON; then JSON that is not an order, named by its wire path."""
        (files / "broken.json").write_text("{")
        (files / "shape.json").write_text('{"Packages": 5}')

        broken = run(capsys, "split", files / "broken.json", files / "plan.json")
        shape = run(capsys, "split", files / "shape.json", files / "plan.json")

        assert broken[0] == shape[0] == 2
        assert "invalid_json" in broken[2]
        assert "wrong_type at Packages: expected an array, got a number 5" in shape[2]

    def test_consignments_are_named_by_their_index(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A bad second consignment is consignments.json[1]."""
        path = files / "consignments.json"
        path.write_text(
            "[" + dumps(split_order(seed_order(), seed_plan()).consignments[0]) + ", 7]"
        )

        code, _, err = run(capsys, "check", files / "order.json", path)

        assert code == 2
        assert err.startswith(f"orderpack check: {path}[1]: 1 problem:\n- wrong_type")

    def test_a_consignments_file_that_is_not_json(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The parse error is named with the file."""
        (files / "consignments.json").write_text("[")

        assert run(capsys, "status", files / "order.json", files / "consignments.json")[
            2
        ].startswith(f"orderpack status: {files / 'consignments.json'}: 1 problem:\n- invalid_json")

    def test_unknown_keys_are_warned_about_not_dropped(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A tolerant read says what it read past."""
        document = json.loads((files / "order.json").read_text())
        document["ApiLinks"] = []
        (files / "order.json").write_text(json.dumps(document))

        code, _, err = run(capsys, "split", files / "order.json", files / "plan.json")

        assert code == 0
        assert err == (
            f"orderpack split: warning: {files / 'order.json'}: ignored unknown keys ApiLinks\n"
        )


class TestPack:
    """orderpack pack ORDER.json REQUEST.json."""

    def test_the_consignment_as_a_tree(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Warehouse B's consignment."""
        code, out, _ = run(capsys, "pack", files / "order.json", files / "request.json")

        assert code == 0
        assert out.splitlines()[0] == (
            "Consignment EC-000-000-001: from WH-B on 2026-12-01 by DPD-NEXT-DAY"
        )

    def test_json(self, files: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The consignment as PRO's JSON, in an array."""
        code, out, _ = run(capsys, "pack", files / "order.json", files / "request.json", "--json")

        assert code == 0
        (consignment,) = json.loads(out)
        assert consignment["Reference"] == "EC-000-000-001"
        assert "ConsignmentState" not in consignment  # Unallocated: PRO's state for a new one

    def test_an_item_not_on_the_order(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """P4: exit code 1 and the problem at its path."""
        request = json.loads((files / "request.json").read_text())
        request["Packages"][0]["Items"][0] = {"Sku": "SCARF-01", "Quantity": 1}
        (files / "request.json").write_text(json.dumps(request))

        code, _, err = run(capsys, "pack", files / "order.json", files / "request.json")

        assert code == 1
        assert "item_not_on_order at Packages[0].Items[0].Sku" in err


class TestCheckAndStatus:
    """orderpack check and orderpack status over the split's consignments."""

    def test_a_valid_split(self, files: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Exit code 0, and all of the order is in it."""
        assert run(capsys, "check", files / "order.json", files / "consignments.json") == (
            0,
            "a valid split: 2 consignments, nothing outstanding\n",
            "",
        )

    def test_one_consignment_is_counted_as_one(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A single consignment document (not an array) is a split of one."""
        consignment = split_order(seed_order(), seed_plan()).consignments[0]
        (files / "one.json").write_text(dumps(consignment))

        assert run(capsys, "check", files / "order.json", files / "one.json")[1].startswith(
            "a valid split: 1 consignment; partial"
        )

    def test_a_repeated_split_has_problems(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The same consignments twice: exit code 1, every problem listed, or as JSON."""
        twice = json.loads((files / "consignments.json").read_text()) * 2
        (files / "consignments.json").write_text(json.dumps(twice))

        code, out, _ = run(capsys, "check", files / "order.json", files / "consignments.json")
        json_code, json_out, _ = run(
            capsys, "check", files / "order.json", files / "consignments.json", "--json"
        )

        assert (code, json_code) == (1, 1)
        assert out.splitlines()[0] == "not a valid split of EO-000-002-0TS:"
        assert len(out.splitlines()) == 7
        report = json.loads(json_out)
        assert report["Valid"] is False
        assert [p["Code"] for p in report["Problems"]][-1] == "duplicate_consignment_key"
        assert {p["Path"] for p in report["Problems"]} == {"", "[2]", "[3]"}

    @pytest.mark.parametrize("listed", [True, False])
    def test_problems_are_at_the_consignment_files_keys(
        self, files: Path, capsys: pytest.CaptureFixture[str], *, listed: bool
    ) -> None:
        """A JSON file's problems are at its own keys: ``[1].Packages[0]``, or no index alone."""
        consignments = json.loads((files / "consignments.json").read_text())
        consignments[1]["Packages"][0]["Weight"]["Value"] = 0.1
        document = consignments if listed else consignments[1]
        (files / "consignments.json").write_text(json.dumps(document))

        code, out, _ = run(capsys, "check", files / "order.json", files / "consignments.json")

        assert code == 1
        at = "[1].Packages[0].Weight" if listed else "Packages[0].Weight"
        assert f"- package_underweight at {at}: " in out

    def test_a_partial_split_says_what_is_outstanding(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Valid, and partial: check and status both say so in words, not only in numbers."""
        consignments = json.loads((files / "consignments.json").read_text())
        (files / "consignments.json").write_text(json.dumps(consignments[:1]))

        checked = run(capsys, "check", files / "order.json", files / "consignments.json")
        status = run(capsys, "status", files / "order.json", files / "consignments.json")

        assert checked == (
            0,
            "a valid split: 1 consignment; partial: 2 of 4 units still outstanding (see status)\n",
            "",
        )
        assert status[1].splitlines()[0] == (
            "Order EO-000-002-0TS: partially packed (2 units outstanding)"
        )

    def test_an_over_packed_order_says_so(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A second consignment of the necklace, under its own reference: over-packed."""
        consignments = json.loads((files / "consignments.json").read_text())
        again = json.loads(json.dumps(consignments[0]))
        again["Reference"] = "EC-000-000-009"
        again["ShippingDate"] = "2026-12-02T09:00:00+00:00"
        (files / "consignments.json").write_text(json.dumps([*consignments, again]))

        code, out, _ = run(capsys, "status", files / "order.json", files / "consignments.json")

        assert code == 0
        assert out.splitlines()[0] == (
            "Order EO-000-002-0TS: over-packed (2 units packed beyond what was ordered)"
        )

    def test_a_valid_split_that_no_ledger_can_count_says_only_that_it_is_valid(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Two consignments under one reference split validly; what is left goes unsaid."""
        consignments = json.loads((files / "consignments.json").read_text())
        consignments[1]["Reference"] = consignments[0]["Reference"]
        (files / "consignments.json").write_text(json.dumps(consignments))

        assert run(capsys, "check", files / "order.json", files / "consignments.json") == (
            0,
            "a valid split: 2 consignments\n",
            "",
        )

    def test_status_as_a_table(self, files: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Every line packed."""
        code, out, _ = run(capsys, "status", files / "order.json", files / "consignments.json")

        assert code == 0
        assert out.splitlines()[:3] == [
            "Order EO-000-002-0TS: packed",
            "line                  item              ordered  packed  outstanding  over-packed",
            "packages[0].items[0]  NECK-01 Necklace        1       1            0            0",
        ]

    def test_status_as_json_from_standard_input(
        self, files: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """- reads the consignments from standard input."""
        first = json.loads((files / "consignments.json").read_text())[:1]
        monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(first)))

        code, out, _ = run(capsys, "status", files / "order.json", "-", "--json")

        report = json.loads(out)
        assert (code, report["Status"]) == (0, "PartiallyPacked")
        assert [line["Outstanding"] for line in report["Lines"]] == [0, 0, 1, 1]
        assert [line["Sku"] for line in report["Lines"]] == [
            "NECK-01",
            "BRAC-01",
            "COAT-01",
            "HAT-01",
        ]

    def test_status_of_consignments_from_another_order(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Items the order does not have: exit code 1."""
        document = json.loads((files / "consignments.json").read_text())
        document[0]["Packages"][0]["Items"][0]["Sku"] = "SCARF-01"
        (files / "consignments.json").write_text(json.dumps(document))

        code, _, err = run(capsys, "status", files / "order.json", files / "consignments.json")

        assert code == 1
        assert "item_not_on_order" in err

    def test_status_of_consignments_naming_another_order(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Never "Packed" for consignments of another order: exit code 1, as check says."""
        document = json.loads((files / "consignments.json").read_text())
        for consignment in document:
            consignment["OrderReference"] = "EO-000-009-ZZZ"
        (files / "consignments.json").write_text(json.dumps(document))

        code, out, err = run(capsys, "status", files / "order.json", files / "consignments.json")

        assert (code, out) == (1, "")
        assert "order_reference_mismatch" in err


class TestTheWrongFile:
    """A document of the wrong kind never reports success: exit 2, naming what it is."""

    @pytest.mark.parametrize(
        ("command", "second", "expected"),
        [
            ("check", "order.json", "this is an order, not a consignment"),
            ("status", "order.json", "this is an order, not a consignment"),
            ("pack", "order.json", "this is an order, not a Pack Order request"),
            ("split", "order.json", "this is an order, not a split plan"),
            ("pack", "plan.json", "this is a split plan, not a Pack Order request"),
        ],
    )
    def test_the_order_where_another_document_belongs(
        self,
        files: Path,
        capsys: pytest.CaptureFixture[str],
        command: str,
        second: str,
        expected: str,
    ) -> None:
        """The order file given twice, or a plan for a request: never "a valid split"."""
        code, out, err = run(capsys, command, files / "order.json", files / second)

        assert (code, out) == (2, "")
        assert f"{files / second}" in err
        assert err.rstrip().endswith(expected)

    def test_a_csv_file_where_json_belongs(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Picks given to check, which reads consignments as JSON: named as CSV, exit 2."""
        (files / "picks.csv").write_text(PICKS)

        assert run(capsys, "check", files / "order.json", files / "picks.csv") == (
            2,
            "",
            f"orderpack check: {files / 'picks.csv'}: this is CSV; JSON belongs here\n",
        )

    def test_swapped_arguments(self, files: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Split PLAN ORDER: the plan is named for what it is."""
        code, _, err = run(capsys, "split", files / "plan.json", files / "order.json")

        assert code == 2
        assert err.rstrip().endswith("this is a split plan, not an order")

    def test_a_document_of_the_right_kind_with_keys_of_its_own_still_reads(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """PRO's own Get Order, with keys orderpack does not model, is an order (warned of)."""
        pro = Path(__file__).parents[1] / "contract" / "pro_get_order.json"

        code, _, err = run(capsys, "status", pro, files / "consignments.json")

        assert code == 1  # read as an order; the seed's consignments are not its items
        assert "ignored unknown keys Packages[0].Items[0].Status, ApiLinks" in err
        assert "item_not_on_order" in err


class TestTheOutsideWorld:
    """Closed streams, a full disk, Ctrl-C: one line and the conventional exit code."""

    ROOT = Path(__file__).parents[2]

    def orderpack(self, *args: str, **options: Any) -> subprocess.CompletedProcess[str]:  # noqa: ANN401
        """Run ``python -m orderpack`` as a shell would."""
        return subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "orderpack", *args],
            capture_output=True,
            text=True,
            check=False,
            cwd=self.ROOT,
            **options,
        )

    @pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
    def test_a_full_disk(self) -> None:
        """Demo > /dev/full: exit 74 and one line, no traceback."""
        with Path("/dev/full").open("w") as full:
            done = subprocess.run(
                [sys.executable, "-m", "orderpack", "demo"],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
                cwd=self.ROOT,
            )

        assert done.returncode == UNWRITABLE
        assert done.stderr == ("orderpack demo: cannot write the output: No space left on device\n")

    def test_a_closed_standard_input(self) -> None:
        """Split - PLAN with standard input closed: exit 2 and one line."""
        done = self.orderpack(
            "split",
            "-",
            "examples/plan.json",
            stdin=subprocess.DEVNULL,
            preexec_fn=lambda: os.close(0),
        )

        assert (done.returncode, done.stderr) == (
            2,
            "orderpack split: cannot read standard input: it is closed\n",
        )

    def test_a_reader_that_stops_early(self, tmp_path: Path) -> None:
        """Split --batch ... | head -1: exit 141 and one line, no BrokenPipeError."""
        line = (self.ROOT / "examples" / "orders.jsonl").read_text().splitlines()[0]
        plan = (self.ROOT / "examples" / "plans.jsonl").read_text().splitlines()[0]
        (tmp_path / "orders.jsonl").write_text((line + "\n") * 3000)
        (tmp_path / "plans.jsonl").write_text((plan + "\n") * 3000)
        process = subprocess.Popen(
            [sys.executable, "-m", "orderpack", "split", "--batch", "orders.jsonl", "plans.jsonl"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
        )
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.readline()
        process.stdout.close()
        err = process.stderr.read()
        process.stderr.close()

        assert process.wait() == CLOSED
        assert "Traceback" not in err
        assert err.endswith("the output was closed before it was all written\n")

    @pytest.mark.processes
    @pytest.mark.parametrize(
        ("sent", "code", "said"),
        [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")],
    )
    def test_a_signal_mid_batch_stops_the_command_and_its_workers(
        self, tmp_path: Path, sent: int, code: int, said: str
    ) -> None:
        """At once: the conventional exit code, whole lines out, no worker left behind."""
        line = (self.ROOT / "examples" / "orders.jsonl").read_text().splitlines()[0]
        plan = (self.ROOT / "examples" / "plans.jsonl").read_text().splitlines()[0]
        (tmp_path / "orders.jsonl").write_text((line + "\n") * 20_000)
        (tmp_path / "plans.jsonl").write_text((plan + "\n") * 20_000)
        argv = ["split", "--batch", "orders.jsonl", "plans.jsonl", "--workers", "2"]
        with (tmp_path / "out.jsonl").open("w") as out:
            process = subprocess.Popen(  # noqa: S603 - this interpreter, fixed arguments
                [sys.executable, "-m", "orderpack", *argv],
                stdout=out,
                stderr=subprocess.PIPE,
                text=True,
                cwd=tmp_path,
            )
            workers = _children(process.pid, at_least=2)
            process.send_signal(sent)
            stopped = time.monotonic()
            assert process.stderr is not None
            err = process.stderr.read()
            returned = process.wait(timeout=10)
            took = time.monotonic() - stopped
            process.stderr.close()
        time.sleep(0.5)

        lines = (tmp_path / "out.jsonl").read_text().splitlines(keepends=True)
        assert (returned, err) == (code, f"orderpack split: {said}\n")
        assert took < 2  # 0.1 to 0.3 s when measured; the margin is for a loaded machine
        assert all(json.loads(line) and line.endswith("\n") for line in lines)
        assert [pid for pid in workers if _alive(pid)] == []

    @pytest.mark.processes
    @pytest.mark.skipif(usable_cpus() < 2, reason="one CPU: a batch starts no workers")
    def test_workers_that_cannot_start_end_the_batch_with_one_message(self, tmp_path: Path) -> None:
        """Workers dying as they start (here a site hook ends them) exit 71, EX_OSERR, at once."""
        site = tmp_path / "site"
        site.mkdir()
        (site / "sitecustomize.py").write_text(
            "import os, sys\n"
            "if '--multiprocessing-fork' in sys.argv:  # a spawned worker\n"
            "    os._exit(3)\n"
        )
        line = (self.ROOT / "examples" / "orders.jsonl").read_text().splitlines()[0]
        plan = (self.ROOT / "examples" / "plans.jsonl").read_text().splitlines()[0]
        (tmp_path / "orders.jsonl").write_text((line + "\n") * 3_000)  # workers pay
        (tmp_path / "plans.jsonl").write_text((plan + "\n") * 3_000)
        argv = ["split", "--batch", "orders.jsonl", "plans.jsonl", "--workers", "2"]

        ran = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
            [sys.executable, "-m", "orderpack", *argv],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(site)},
            timeout=120,
            check=False,
        )

        assert (ran.returncode, ran.stdout) == (NO_WORKERS, "")
        assert ran.stderr == (
            "orderpack split: the worker processes die as they start (after 0 lines); "
            "--workers 1 splits in this process\n"
        )

    @pytest.mark.parametrize(
        ("failure", "code", "said"),
        [
            (BrokenPipeError(32, "Broken pipe"), CLOSED, "the output was closed before"),
            (OSError(28, "No space left on device"), UNWRITABLE, "No space left on device"),
        ],
        ids=["closed", "full"],
    )
    def test_output_that_cannot_be_written_in_process(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        failure: OSError,
        code: int,
        said: str,
    ) -> None:
        """The same, for a service calling main() with its own standard output."""

        class Failing(io.StringIO):
            def write(self, _: str) -> int:
                raise failure

        monkeypatch.setattr(sys, "stdout", Failing())

        assert main(["demo"]) == code
        assert said in capsys.readouterr().err

    @pytest.mark.parametrize("closed", ["stdout", "stderr", "both"])
    def test_a_closed_standard_output_or_error(
        self, monkeypatch: pytest.MonkeyPatch, closed: str
    ) -> None:
        """Started with >&- or 2>&- (the stream is None): 74 for output; errors keep codes."""
        if closed in {"stdout", "both"}:
            monkeypatch.setattr(sys, "stdout", None)
        if closed in {"stderr", "both"}:
            monkeypatch.setattr(sys, "stderr", None)

        demo = main(["demo"])
        missing = main(["check", "nosuch.json", "nosuch.json"])

        assert demo == (0 if closed == "stderr" else UNWRITABLE)
        assert missing == 2

    def test_a_closed_standard_output_in_a_real_process(self) -> None:
        """The shell's >&-: one line on standard error, exit code 74, no traceback."""
        done = subprocess.run(  # noqa: S603 - this test's own shell line
            ["/bin/sh", "-c", f'"{sys.executable}" -m orderpack demo >&-'],
            capture_output=True,
            text=True,
            check=False,
        )

        assert (done.returncode, done.stderr) == (
            74,
            "orderpack demo: cannot write the output: standard output is closed\n",
        )

    def test_ctrl_c(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Interrupted mid-run: exit 130 and one line."""

        def interrupted(_: object) -> int:
            raise KeyboardInterrupt

        monkeypatch.setattr(_commands, "_demo", interrupted)

        code, out, err = run(capsys, "demo")

        assert (code, out, err) == (INTERRUPTED, "", "orderpack demo: interrupted\n")


def test_a_line_is_written_whole_from_a_thread_that_cannot_hold_signals(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Only the main thread runs Python's signal handlers: another writes the line as it is."""
    writer = threading.Thread(target=_out._print, args=("from a thread",))
    writer.start()
    writer.join()

    assert capsys.readouterr().out == "from a thread\n"


def test_an_ignored_sigterm_stays_ignored(capsys: pytest.CaptureFixture[str]) -> None:
    """A process started with SIGTERM ignored (nohup, a supervisor) was asked to ignore it."""
    before = signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        seen: list[object] = []
        original = _commands._demo

        def demo(arguments: object) -> int:
            seen.append(signal.getsignal(signal.SIGTERM))
            return original(arguments)  # type: ignore[arg-type]

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_commands, "_demo", demo)
            assert main(["demo"]) == 0
        assert seen == [signal.SIG_IGN]
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGTERM, before)
    capsys.readouterr()


def test_the_command_line_keeps_a_services_own_signal_handling(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """SIGTERM is the command's while it runs, then as it was.

    Only in the main thread: another, where Python runs no handler, leaves it alone.
    """
    before = signal.getsignal(signal.SIGTERM)
    codes: list[int] = []
    runner = threading.Thread(target=lambda: codes.append(main(["demo"])))
    runner.start()
    runner.join()

    assert (codes, main(["demo"])) == ([0], 0)
    assert signal.getsignal(signal.SIGTERM) is before
    assert capsys.readouterr().out.count("Order EO-000-002-0TS") == 2


class TestLimits:
    """No input is read past ORDERPACK_MAX_BYTES: refused quickly, in bounded memory, exit 2."""

    def test_a_document_past_the_limit_is_refused_before_it_is_read_whole(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """/dev/zero never ends: refused after the limit's bytes, as a file too large is."""
        monkeypatch.setenv("ORDERPACK_MAX_BYTES", "1000")

        code, out, err = run(capsys, "split", "/dev/zero", EXAMPLES / "plan.json")

        assert (code, out) == (2, "")
        assert err == (
            "orderpack split: /dev/zero: larger than 1,000 bytes, the most orderpack reads "
            "(set ORDERPACK_MAX_BYTES to read more)\n"
        )

    def test_a_batch_line_past_the_limit_ends_the_batch_after_the_lines_before_it(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Lines are read one by one, each up to the limit: a clean prefix, then exit 2."""
        order, plan = dumps(seed_order()), dumps(seed_plan())
        monkeypatch.setenv("ORDERPACK_MAX_BYTES", str(len(order) + 1))
        (tmp_path / "orders.jsonl").write_text(f"{order}\n{order} {' ' * len(order)}\n")
        (tmp_path / "plans.jsonl").write_text(f"{plan}\n{plan}\n")

        code, out, err = run(
            capsys, "split", "--batch", tmp_path / "orders.jsonl", tmp_path / "plans.jsonl"
        )

        assert (code, len(out.splitlines())) == (2, 1)
        assert "orders.jsonl: line 2 is larger than" in err

    def test_a_limit_past_what_the_machine_holds_is_a_message(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Input is read a mebibyte at a time; running out of memory is exit 2, one line."""

        def exhausted(*_: object) -> bytes:
            raise MemoryError

        monkeypatch.setenv("ORDERPACK_MAX_BYTES", str(10**15))
        monkeypatch.setattr(_io, "_at_most", exhausted)

        code, _, err = run(capsys, "split", EXAMPLES / "order.json", EXAMPLES / "plan.json")

        assert code == 2
        assert (
            "not enough memory to read it whole (ORDERPACK_MAX_BYTES is 1,000,000,000,000,000)"
            in err
        )

    def test_a_huge_limit_reserves_nothing_past_what_is_read(self) -> None:
        """_at_most of a short file with a limit of a petabyte: the file, bytes or text."""
        assert _io._at_most(io.BytesIO(b"{}"), 10**15) == b"{}"
        assert _io._at_most(io.StringIO(""), 10**15) == ""
        assert _io._at_most(io.BytesIO(b"x" * 3_000_000), 2_500_000) == b"x" * 2_500_000

    @pytest.mark.parametrize("limit", ["0", "1_000", "lots", "\u0661"])
    def test_a_limit_that_is_no_whole_number_is_refused(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, limit: str
    ) -> None:
        """The setting is read as the options are: ASCII digits, above 0."""
        monkeypatch.setenv("ORDERPACK_MAX_BYTES", limit)

        code, _, err = run(capsys, "split", EXAMPLES / "order.json", EXAMPLES / "plan.json")

        assert code == 2
        assert "expected a whole number above 0" in err

    def test_a_path_is_echoed_with_its_control_characters_escaped(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A file name is outside input: it cannot clear the screen from a message."""
        code, _, err = run(capsys, "split", "no\x1b[2Jsuch.json", EXAMPLES / "plan.json")

        assert code == 2
        assert "\x1b" not in err
        assert "no\\x1b[2Jsuch.json" in err


class TestBatch:
    """orderpack split --batch ORDERS.jsonl PLANS.jsonl [--workers N]."""

    @pytest.fixture
    def batch(self, tmp_path: Path) -> Path:
        """Three lines: the seed, broken JSON, the seed again; the plans file one line short."""
        order, plan = dumps(seed_order()), dumps(seed_plan())
        (tmp_path / "orders.jsonl").write_text(f"{order}\n{{\n{order}\n")
        (tmp_path / "plans.jsonl").write_text(f"{plan}\n{plan}\n")
        return tmp_path

    @pytest.mark.parametrize("workers", ["1", pytest.param("2", marks=pytest.mark.processes)])
    def test_one_json_line_per_input_line_and_bad_lines_on_stderr(
        self, batch: Path, capsys: pytest.CaptureFixture[str], workers: str
    ) -> None:
        """Requests for good lines, problems for bad ones, exit code 1; nothing is lost."""
        code, out, err = run(
            capsys,
            "split",
            "--batch",
            batch / "orders.jsonl",
            batch / "plans.jsonl",
            "--workers",
            workers,
        )

        lines = [json.loads(line) for line in out.splitlines()]
        assert code == 1
        assert lines[0] == {"Line": 1, "OrderReference": "EO-000-002-0TS", "Requests": ENVELOPES}
        assert [line["Line"] for line in lines] == [1, 2, 3]
        assert [p["Code"] for p in lines[1]["Problems"]] == ["invalid_json"]
        assert lines[2]["Problems"] == [
            {"Code": "unpaired_line", "Path": "plan", "Message": "line 3 has no plan"}
        ]
        assert err.splitlines()[-1] == "orderpack split: 2 of 3 lines had problems"
        assert "orderpack split: line 3: unpaired_line at plan: line 3 has no plan" in err

    def test_all_good_lines_from_standard_input(
        self, batch: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """- reads the orders from standard input; every line split is exit code 0."""
        order = (batch / "orders.jsonl").read_text().splitlines()[0]
        monkeypatch.setattr(sys, "stdin", io.StringIO(f"{order}\n{order}\n"))

        code, out, err = run(capsys, "split", "--batch", "-", batch / "plans.jsonl")

        assert (code, err) == (0, "")
        assert [json.loads(line)["Line"] for line in out.splitlines()] == [1, 2]

    @pytest.mark.parametrize(
        ("options", "message"),
        [
            (["--batch", "--workers", "0"], "--workers must be at least 1, got 0"),
            (["--workers", "2"], "--workers needs --batch"),
        ],
    )
    def test_bad_worker_counts(
        self, batch: Path, capsys: pytest.CaptureFixture[str], options: list[str], message: str
    ) -> None:
        """Workers are for batches, and there is at least one."""
        files = [batch / "orders.jsonl", batch / "plans.jsonl"]

        assert run(capsys, "split", *options, *files) == (2, "", f"orderpack split: {message}\n")

    @pytest.mark.parametrize("command", ["split", "plan"])
    def test_unknown_keys_are_warned_of_per_line_and_capped(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
    ) -> None:
        """As for one document: each line's unknown keys on stderr, the first lines, a count."""
        order = json.loads(dumps(seed_order()))
        order["Colour"] = "red"
        lines = WARNED_LINES + 3
        (tmp_path / "orders.jsonl").write_text(f"{json.dumps(order)}\n" * lines)
        (tmp_path / "plans.jsonl").write_text(f"{dumps(seed_plan())}\n" * lines)
        second = tmp_path / ("plans.jsonl" if command == "split" else "stock.csv")
        if command == "plan":
            second.write_text((EXAMPLES / "stock.csv").read_text())

        code, out, err = run(capsys, command, "--batch", tmp_path / "orders.jsonl", second)

        warned = [line for line in err.splitlines() if "warning" in line]
        assert (code, len(out.splitlines())) == (0, lines)
        assert (
            warned[0] == f"orderpack {command}: warning: line 1: ignored unknown keys order.Colour"
        )
        assert len(warned) == WARNED_LINES + 1
        assert warned[-1] == f"orderpack {command}: warning: 3 more lines with unknown keys"

    @pytest.mark.parametrize("workers", ["1_0", "\u0661", "\uff11"])
    def test_a_worker_count_in_digits_json_would_not_read_is_refused(
        self, batch: Path, capsys: pytest.CaptureFixture[str], workers: str
    ) -> None:
        """ASCII digits only, as the JSON reader takes numbers: not 1_0, not other scripts'."""
        files = [batch / "orders.jsonl", batch / "plans.jsonl"]

        with pytest.raises(SystemExit) as caught:
            run(capsys, "split", "--batch", *files, "--workers", workers)

        assert caught.value.code == 2
        expected = f"argument --workers: expected a whole number, got {workers!r}"
        assert expected in capsys.readouterr().err

    def test_a_missing_batch_file(self, batch: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An unreadable file is a usage error, as for a single order."""
        missing = run(capsys, "split", "--batch", batch / "orders.jsonl", batch / "nope.jsonl")

        assert missing[0] == 2
        assert missing[2].endswith("nope.jsonl: No such file or directory\n")

    def test_a_line_that_is_not_utf8_is_that_lines_problem(
        self, batch: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Each line is decoded on its own: one bad byte costs one line, named by number."""
        order = (batch / "orders.jsonl").read_bytes().splitlines()[0]
        (batch / "orders.jsonl").write_bytes(order + b'\n{"Reference": "\xff"}\n')

        code, out, err = run(
            capsys, "split", "--batch", batch / "orders.jsonl", batch / "plans.jsonl"
        )

        assert code == 1
        assert [json.loads(line).get("Requests") is None for line in out.splitlines()] == [
            False,
            True,
        ]
        assert "orderpack split: line 2: invalid_json at order: expected JSON: 'utf-8' codec" in err

    def test_pretty_printed_json_is_not_json_lines(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A pretty-printed order with --batch is one message, not an error per physical line."""
        code, out, err = run(capsys, "split", "--batch", files / "order.json", files / "plan.json")

        assert (code, out) == (2, "")
        assert err == (
            f"orderpack split: {files / 'order.json'}: line 1 starts a JSON document that goes on "
            "over the next lines; --batch reads JSON Lines, one whole document on each line "
            "(without --batch, split reads one order and its plan, pretty-printed or not)\n"
        )

    @pytest.mark.parametrize("command", ["split", "check"])
    def test_json_lines_without_batch(
        self, batch: Path, capsys: pytest.CaptureFixture[str], command: str
    ) -> None:
        """JSON Lines where one document belongs says so, and split points at --batch."""
        code, _, err = run(capsys, command, batch / "plans.jsonl", batch / "plans.jsonl")

        hint = "; to split one order per line, use split --batch" if command == "split" else ""
        assert code == 2
        assert err == (
            f"orderpack {command}: {batch / 'plans.jsonl'}: this is JSON Lines "
            f"(a document on each line), not one JSON document{hint}\n"
        )

    @pytest.mark.parametrize(
        "first", [b"[" * 100_000, b"", b'{"Packages": 5}'], ids=["deep", "blank", "whole"]
    )
    def test_a_first_line_that_is_not_cut_short_runs(
        self, batch: Path, capsys: pytest.CaptureFixture[str], first: bytes
    ) -> None:
        """Only a document going on past line 1 is taken for pretty-printed JSON."""
        orders = batch / "orders.jsonl"
        orders.write_bytes(first + b"\n" + orders.read_bytes())

        code, out, _ = run(capsys, "split", "--batch", orders, batch / "plans.jsonl")

        assert code == 1
        assert len(out.splitlines()) == 4  # the new first line, paired or not, then three

    def test_broken_json_over_many_lines_is_not_json_lines(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A pretty-printed document that is broken is reported as broken JSON."""
        (files / "order.json").write_text('{\n  "Packages": [,]\n}\n')

        code, _, err = run(capsys, "split", files / "order.json", files / "plan.json")

        assert code == 2
        assert "- invalid_json: expected JSON: Expecting value: line 2 column 16" in err

    def test_more_workers_than_cpus_is_warned_about(
        self, batch: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """--workers 1000 runs, on as many workers as there are CPUs, and says so."""
        monkeypatch.setattr(_commands, "usable_cpus", lambda: 1)

        code, _, err = run(
            capsys,
            "split",
            "--batch",
            batch / "orders.jsonl",
            batch / "orders.jsonl",
            "--workers",
            "1000",
        )

        assert code == 1
        assert err.splitlines()[0] == (
            "orderpack split: warning: --workers 1000: this machine gives orderpack 1 CPU, "
            "so at most 1 worker"
        )


STOCK = (
    "location,ship_date,carrier_services,rank,sku,quantity,bin\n"
    "WH-A,2026-12-01,ROYAL-MAIL-24,1,NECK-01,12,\n"
    "WH-A,,,,BRAC-01,8,\n"
    "WH-B,2026-12-01,DPD-NEXT-DAY,2,COAT-01,1,\n"
    "WH-B,,,,HAT-01,5,\n"
)
BOXES = (
    "reference,inner_cm,max_weight_kg,tare_kg\n"
    "SMALL-BOX,15x20x5,2,0.05\nMEDIUM-BOX,30x30x20,5,0.10\nLARGE-BOX,40x50x10,10,0.15\n"
)


class TestPlan:
    """orderpack plan ORDER.json STOCK [--boxes BOXES] [--policy ...] [--json | --report]."""

    @pytest.fixture
    def stock(self, files: Path) -> Path:
        """The seed's stock and boxes as CSV, beside the seed order."""
        (files / "stock.csv").write_text(STOCK)
        (files / "boxes.csv").write_text(BOXES)
        return files

    def test_the_tree_and_why(self, stock: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The proposed split as a tree, then the policy, the scores and a reason per choice."""
        code, out, err = run(
            capsys,
            "plan",
            stock / "order.json",
            stock / "stock.csv",
            "--boxes",
            stock / "boxes.csv",
        )

        assert code == 0
        assert out.startswith(
            "Order EO-000-002-0TS: 1 order, 2 consignments, 3 packages, 4 items\n"
        )
        assert "\nPolicy: FewestConsignments, then FewestSplitLines" in out
        assert "- package WH-B#2: LARGE-BOX, the smallest box that holds its 1 unit" in out
        assert (
            err
            == f"orderpack plan: warning: {stock / 'stock.csv'}: ignored unknown columns 'bin'\n"
        )

    def test_json_is_a_plan_split_takes(
        self, stock: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--json prints the plan document; split makes the proposal's consignments from it."""
        _, plan, _ = run(capsys, "plan", stock / "order.json", stock / "stock.csv", "--json")
        (stock / "proposed.json").write_text(plan)

        code, out, _ = run(capsys, "split", stock / "order.json", stock / "proposed.json")

        assert code == 0
        assert (
            out.splitlines()[0]
            == "Order EO-000-002-0TS: 1 order, 2 consignments, 2 packages, 4 items"
        )

    def test_json_warns_of_what_is_short(
        self, stock: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The plan cannot say what it leaves out; standard error does."""
        (stock / "stock.csv").write_text(STOCK.replace("HAT-01,5", "HAT-01,0"))

        code, _, err = run(capsys, "plan", stock / "order.json", stock / "stock.csv", "--json")

        assert code == 0
        assert err.splitlines()[-1] == (
            "orderpack plan: warning: packages[1].items[1] HAT-01 Hat: 1 short, "
            "no location has it in stock"
        )

    def test_report_says_what_is_short(
        self, stock: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--report is the whole proposal as JSON: the plan, the shortfalls and the reasons."""
        (stock / "stock.csv").write_text(STOCK.replace("HAT-01,5", "HAT-01,0"))

        code, out, _ = run(capsys, "plan", stock / "order.json", stock / "stock.csv", "--report")

        report = json.loads(out)
        assert code == 0
        assert report["Short"] == [
            {
                "Line": 3,
                "Path": "packages[1].items[1]",
                "Quantity": 1,
                "Item": "HAT-01 Hat",
                "Reason": "no location has it in stock",
            }
        ]
        assert set(report) == {"Plan", "Short", "Lines", "Packages", "Policy", "Scores", "Exact"}

    @pytest.mark.parametrize(
        ("options", "message"),
        [
            (
                ["--policy", "Ranked,Rankd"],
                "--policy 'Ranked,Rankd': no preset or objective is called 'Rankd'; expected",
            ),
            (["--policy", "Ranked,RANKED"], "--policy 'Ranked,RANKED': 1 problem:"),
            (["--policy", "nearest, Ranked", "--fill", "1.5"], "--fill '1.5': expected a number"),
            (["--fill", "lots"], "--fill 'lots': expected a number above 0 and at most 1"),
        ],
    )
    def test_bad_policies(
        self, stock: Path, capsys: pytest.CaptureFixture[str], options: list[str], message: str
    ) -> None:
        """A policy is a preset or objectives by name, case aside; a fill is a share."""
        code, _, err = run(capsys, "plan", stock / "order.json", stock / "stock.csv", *options)

        assert code == 2
        assert err.startswith(f"orderpack plan: {message}")

    def test_holding_for_a_restock(self, files: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--hold-for-restock lets the coat on hand at WH-B wait for the one arriving there."""
        (files / "order.json").write_text(dumps(order(item("COAT-01", quantity=2))))
        (files / "stock.csv").write_text(
            "location,ship_date,rank,sku,quantity,available_from\n"
            "WH-B,2026-12-01,1,COAT-01,1,\n"
            "WH-B,,,COAT-01,1,2026-12-02\n"
            "WH-C,2026-12-01,3,COAT-01,2,\n"
        )
        argv: list[str | Path] = ["plan", files / "order.json", files / "stock.csv", "--json"]

        _, plain, _ = run(capsys, *argv)
        code, held, _ = run(capsys, *argv, "--hold-for-restock")

        assert code == 0
        assert [(a["Origin"], a["ShipDay"]) for a in json.loads(plain)["Allocations"]] == [
            ("WH-C", "2026-12-01")
        ]
        assert [(a["Origin"], a["ShipDay"]) for a in json.loads(held)["Allocations"]] == [
            ("WH-B", "2026-12-02")
        ]

    def test_a_policy_of_objectives(self, stock: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Objectives by name in order, with a fill factor."""
        code, out, _ = run(
            capsys,
            "plan",
            stock / "order.json",
            stock / "stock.csv",
            "--policy",
            "earliest,RANKED",
            "--fill",
            "0.5",
        )

        assert code == 0
        assert "Policy: Earliest, then Ranked (every set of sources tried)" in out

    def test_bad_stock_and_the_wrong_file(
        self, stock: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Every problem of a stock CSV by line; an order where stock belongs is named."""
        (stock / "stock.csv").write_text("location,sku,quantity\nWH-A,NECK-01,x\n")

        bad = run(capsys, "plan", stock / "order.json", stock / "stock.csv")
        wrong = run(capsys, "plan", stock / "order.json", stock / "order.json")

        assert bad[0] == wrong[0] == 2
        assert "- bad_value at line 2 column quantity: expected a whole number of units" in bad[2]
        assert wrong[2] == f"orderpack plan: {stock / 'order.json'}: this is an order, not stock\n"

    def test_stock_and_boxes_as_json(self, stock: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The same documents in orderpack's JSON."""
        (stock / "stock.json").write_text(dumps(seed_stock()))
        (stock / "boxes.json").write_text(dumps(seed_boxes()))

        code, out, _ = run(
            capsys,
            "plan",
            stock / "order.json",
            stock / "stock.json",
            "--boxes",
            stock / "boxes.json",
        )

        assert code == 0
        assert "size MEDIUM-BOX" in out

    def test_a_batch_plans_each_order_from_what_the_ones_before_left(
        self, stock: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """One coat in stock: the first order gets it, the second is short of it."""
        order = dumps(seed_order())
        (stock / "orders.jsonl").write_text(f"{order}\n{{\n\n{order}\n")

        code, out, err = run(capsys, "plan", "--batch", stock / "orders.jsonl", stock / "stock.csv")

        lines = [json.loads(line) for line in out.splitlines()]
        assert code == 1
        assert [line["Line"] for line in lines] == [1, 2, 4]
        assert lines[0]["Short"] == []
        assert [s["Item"] for s in lines[2]["Short"]] == ["COAT-01 Coat"]
        assert lines[1]["Problems"][0]["Code"] == "invalid_json"
        assert err.endswith("orderpack plan: 1 of 3 lines had problems\n")


def test_a_batch_of_good_orders_plans_them_all(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every line planned: exit code 0 and nothing on standard error."""
    (files / "stock.json").write_text(dumps(seed_stock()))
    (files / "orders.jsonl").write_text(f"{dumps(seed_order())}\n" * 2)

    code, out, err = run(capsys, "plan", "--batch", files / "orders.jsonl", files / "stock.json")

    assert (code, err) == (0, "")
    assert [json.loads(line)["Short"] for line in out.splitlines()] == [[], []]


class TestTheCollector:
    """The command line owns its process: it pauses the cycle collector and puts it back."""

    @pytest.mark.parametrize("enabled", [True, False])
    def test_a_command_runs_with_the_collector_paused_and_restores_it(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *, enabled: bool
    ) -> None:
        """Paused while the command runs; as it was before, after (enabled or not)."""
        seen: list[bool] = []

        def command(_: object) -> int:
            seen.append(gc.isenabled())
            return 0

        monkeypatch.setattr(_commands, "_demo", command)
        (gc.enable if enabled else gc.disable)()
        try:
            run(capsys, "demo")
            after = gc.isenabled()
        finally:
            gc.enable()

        assert (seen, after) == ([False], enabled)

    @pytest.mark.parametrize("frozen", [False, True])
    def test_a_command_freezes_what_was_loaded_and_thaws_only_its_own_freeze(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *, frozen: bool
    ) -> None:
        """What was loaded is frozen while the command runs; a caller's own freeze stays."""
        seen: list[int] = []

        def command(_: object) -> int:
            seen.append(gc.get_freeze_count())
            return 0

        monkeypatch.setattr(_commands, "_demo", command)
        if frozen:
            gc.freeze()
        try:
            before = gc.get_freeze_count()
            run(capsys, "demo")
            after = gc.get_freeze_count()
        finally:
            gc.unfreeze()

        assert (before > 0, seen[0] > 0, after > 0) == (frozen, True, frozen)

    def test_batches_collect_every_so_many_lines(
        self, files: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Both batch commands run the collector every COLLECT_EVERY lines."""
        collected: list[int] = []

        def collect(*_: object) -> int:
            collected.append(1)
            return 0

        monkeypatch.setattr(_commands, "COLLECT_EVERY", 2)
        monkeypatch.setattr(gc, "collect", collect)
        order, plan = dumps(seed_order()), dumps(seed_plan())
        (files / "orders.jsonl").write_text(f"{order}\n" * 4)
        (files / "plans.jsonl").write_text(f"{plan}\n" * 4)
        (files / "stock.json").write_text(dumps(seed_stock()))

        run(capsys, "split", "--batch", files / "orders.jsonl", files / "plans.jsonl")
        run(capsys, "plan", "--batch", files / "orders.jsonl", files / "stock.json")

        assert len(collected) == 4  # lines 2 and 4 of each


class TestANewcomersMistakes:
    """What a stranger got wrong in trying the command line, each said plainly."""

    @pytest.mark.parametrize("text", ["", "  \n"])
    def test_an_empty_file(
        self, files: Path, capsys: pytest.CaptureFixture[str], text: str
    ) -> None:
        """An empty file is named as empty, not as JSON that expected a value."""
        (files / "empty.json").write_text(text)

        assert run(capsys, "split", files / "empty.json", files / "plan.json") == (
            2,
            "",
            f"orderpack split: {files / 'empty.json'}: the file is empty; expected JSON\n",
        )

    def test_picks_from_standard_input_without_format(
        self, files: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """CSV on standard input read as JSON: named as CSV, with the option that reads it."""
        monkeypatch.setattr(sys, "stdin", io.StringIO(PICKS))

        code, _, err = run(capsys, "split", files / "order.json", "-")

        assert code == 2
        assert err == (
            "orderpack split: -: this is CSV; JSON belongs here (for picks from standard "
            "input, add --format csv)\n"
        )

    def test_standard_input_twice(self, capsys: pytest.CaptureFixture[str]) -> None:
        """One standard input, read once: two files named - are a usage error."""
        assert run(capsys, "split", "-", "-") == (
            2,
            "",
            "orderpack split: standard input (-) can be read once; give the other as a file\n",
        )

    def test_check_json_says_what_is_outstanding(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The JSON report, like the text, says a valid split leaves units outstanding."""
        consignments = json.loads((files / "consignments.json").read_text())
        (files / "consignments.json").write_text(json.dumps(consignments[:1]))

        _, out, _ = run(
            capsys, "check", files / "order.json", files / "consignments.json", "--json"
        )

        assert json.loads(out) == {"Valid": True, "Problems": [], "Outstanding": 2}

    def test_a_batch_plan_is_already_json(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A batch of plans with --json is refused: each line is a JSON report already."""
        code, _, err = run(
            capsys, "plan", "--batch", files / "order.json", files / "order.json", "--json"
        )

        assert (code, err) == (
            2,
            (
                "orderpack plan: --batch prints a JSON report per order already; drop --json or "
                "--report\n"
            ),
        )


def _children(pid: int, *, at_least: int) -> list[int]:
    """The worker processes *pid* has started, once it has *at_least* (within 30 s)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        workers = [
            int(stat.parent.name)
            for stat in Path("/proc").glob("[0-9]*/stat")
            if _parent(stat) == pid and b"spawn_main" in _read(stat.parent / "cmdline")
        ]
        if len(workers) >= at_least:
            return workers
        time.sleep(0.05)
    pytest.fail(f"no {at_least} workers started")


def _parent(stat: Path) -> int | None:
    """The parent process of the process whose /proc stat file is *stat*."""
    fields = _read(stat).rpartition(b")")[2].split()
    return int(fields[1]) if len(fields) > 1 else None


def _read(path: Path) -> bytes:
    """What a /proc file holds, or nothing if its process is gone."""
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _alive(pid: int) -> bool:
    """Whether process *pid* still runs (a zombie, waiting to be reaped, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"
