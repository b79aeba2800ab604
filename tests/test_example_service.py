"""The example service (examples/service.py) runs a day against FakePro, restarts included."""

from __future__ import annotations

import importlib.util
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any
from wsgiref.util import setup_testing_defaults

import pytest

from orderpack.contract import dumps
from orderpack.demo import seed_order, seed_plan
from orderpack.testing import FakePro, Fault

if TYPE_CHECKING:
    from types import ModuleType

EXAMPLES = Path(__file__).parents[1] / "examples"
ORDER = "EO-000-002-0TS"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("service", EXAMPLES / "service.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SERVICE = _module()


class Client:
    """Calls the WSGI application as a server would."""

    def __init__(self, app: Any) -> None:  # noqa: ANN401 - the example's Service
        """Call *app*."""
        self.app = app

    def call(self, method: str, path: str, body: str | bytes = b"") -> tuple[int, str, Any]:
        """The status, the content type and the JSON body of one request."""
        data = body.encode() if isinstance(body, str) else body
        environ: dict[str, Any] = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "CONTENT_LENGTH": str(len(data)),
            "wsgi.input": io.BytesIO(data),
        }
        setup_testing_defaults(environ)
        said: list[Any] = []
        text = b"".join(self.app(environ, lambda status, headers: said.extend([status, headers])))
        return int(said[0].split()[0]), dict(said[1])["Content-Type"], json.loads(text)


@pytest.fixture
def pro() -> FakePro:
    """PRO, holding the seed order."""
    fake = FakePro()
    fake.add_order(seed_order())
    return fake


def test_a_day_split_sent_confirmed_and_reported(tmp_path: Path, pro: FakePro) -> None:
    """PUT the order, POST the plan: both Pack Orders confirmed; a restart forgets nothing."""
    client = Client(SERVICE.Service(str(tmp_path / "ledgers.db"), pro))

    assert client.call("PUT", f"/orders/{ORDER}", (EXAMPLES / "order.json").read_text())[0] == 201
    status, _, report = client.call("POST", f"/orders/{ORDER}/splits", dumps(seed_plan()))

    assert status == 200
    assert report["Status"] == "Packed"
    assert [s["SubmissionState"] for s in report["Submissions"]] == ["Confirmed", "Confirmed"]
    again = Client(SERVICE.Service(str(tmp_path / "ledgers.db"), pro))
    assert again.call("GET", f"/orders/{ORDER}")[2] == report


def test_a_timeout_leaves_a_request_pending_until_a_reconcile(tmp_path: Path, pro: FakePro) -> None:
    """202 while PRO's answer is missing; the reconcile finds what PRO made."""
    client = Client(SERVICE.Service(str(tmp_path / "ledgers.db"), pro))
    client.call("PUT", f"/orders/{ORDER}", dumps(seed_order()))
    pro.fail_next(None, Fault.TIMEOUT_AFTER)

    status, _, report = client.call("POST", f"/orders/{ORDER}/splits", dumps(seed_plan()))
    _, _, settled = client.call("POST", f"/orders/{ORDER}/reconcile")

    assert status == 202
    assert [line["Pending"] for line in report["Lines"]] == [0, 0, 1, 1]
    assert [d["Code"] for d in settled["Differences"]] == ["submission_confirmed"]
    assert settled["Status"]["Status"] == "Packed"


def test_a_cancel_and_a_refusal(pro: FakePro) -> None:
    """Cancelled at PRO: outstanding again. A refused re-plan: outstanding still, reason kept."""
    client = Client(SERVICE.Service(":memory:", pro))
    client.call("PUT", f"/orders/{ORDER}", dumps(seed_order()))
    _, _, report = client.call("POST", f"/orders/{ORDER}/splits", dumps(seed_plan()))
    second = report["Consignments"][1]["Reference"]

    _, _, cancelled = client.call("DELETE", f"/orders/{ORDER}/consignments/{second}")
    pro.fail_next(Fault.REFUSE)
    plan = seed_plan()
    replan = dumps(type(plan)(allocations=plan.allocations[2:], packages=plan.packages[1:]))
    _, _, refused = client.call("POST", f"/orders/{ORDER}/splits", replan)

    assert cancelled["Status"] == "PartiallyPacked"
    assert [line["Outstanding"] for line in refused["Lines"]] == [0, 0, 1, 1]
    assert refused["Submissions"][-1]["SubmissionState"] == "Refused"


def test_errors_are_problem_documents_at_the_callers_keys(pro: FakePro) -> None:
    """A bad plan: 422 at /Allocations/2/Package; broken JSON: 400; no order: 404."""
    client = Client(SERVICE.Service(":memory:", pro))
    client.call("PUT", f"/orders/{ORDER}", dumps(seed_order()))
    plan = json.loads(dumps(seed_plan()))
    plan["Allocations"][2]["Package"] = "Z9"

    status, kind, problem = client.call("POST", f"/orders/{ORDER}/splits", json.dumps(plan))
    broken = client.call("POST", f"/orders/{ORDER}/splits", "{")
    missing = client.call("GET", "/orders/EO-000-000-404")
    wrong = client.call("PUT", "/orders/EO-000-000-001", dumps(seed_order()))

    assert (status, kind) == (422, "application/problem+json")
    assert problem["errors"][0]["pointer"] == "/Allocations/2/Package"
    assert broken[0] == 400
    assert broken[2]["type"] == "urn:orderpack:problem:contract"
    assert (missing[0], missing[2]["title"]) == (404, "Not Found")
    assert wrong[2]["errors"][0]["pointer"] == "/OrderReference"
    assert client.call("PATCH", f"/orders/{ORDER}")[:2] == (405, "application/problem+json")
    assert client.call("GET", "/nowhere")[0] == 404


def test_pro_failing_on_a_reconcile_is_a_gateway_problem(pro: FakePro) -> None:
    """A timeout is 504, a refusal 502; the ledger is left as it was."""
    client = Client(SERVICE.Service(":memory:", pro))
    client.call("PUT", f"/orders/{ORDER}", dumps(seed_order()))
    pro.fail_next(Fault.TIMEOUT_BEFORE, Fault.REFUSE)

    late = client.call("POST", f"/orders/{ORDER}/reconcile")
    refused = client.call("POST", f"/orders/{ORDER}/reconcile")

    assert (late[0], refused[0]) == (504, 502)
    assert client.call("GET", f"/orders/{ORDER}")[2]["Status"] == "Unpacked"


def test_a_request_left_pending_is_not_sent_again_blind(pro: FakePro) -> None:
    """A later call sends only its own request; the timed-out one waits for a reconcile."""
    client = Client(SERVICE.Service(":memory:", pro))
    client.call("PUT", f"/orders/{ORDER}", dumps(seed_order()))
    pro.fail_next(Fault.TIMEOUT_AFTER, None)
    client.call("POST", f"/orders/{ORDER}/splits", dumps(seed_plan()))
    _, _, report = client.call("GET", f"/orders/{ORDER}")
    second = report["Consignments"][0]["Reference"]

    client.call("DELETE", f"/orders/{ORDER}/consignments/{second}")

    assert len(pro.consignments_for(ORDER)) == 2  # the first was made once, not twice
