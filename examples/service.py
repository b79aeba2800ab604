"""A small order service on orderpack: WSGI and SQLite from the standard library, PRO behind it.

Each order's ledger is kept in SQLite as the document ``dumps`` writes, and is written before
every call to PRO, so a process that dies mid-call leaves the request pending, for a reconcile
to settle. Errors are RFC 9457 problem documents. Run it with the stand-in for PRO::

    python examples/service.py            # serves http://127.0.0.1:8000 with FakePro

    PUT    /orders/{ref}                      PRO's Get Order JSON: start tracking the order
    POST   /orders/{ref}/splits               a split plan: submit it, send it, record answers
    POST   /orders/{ref}/reconcile            settle what PRO holds; the differences
    DELETE /orders/{ref}/consignments/{ref}   cancel a consignment at PRO
    GET    /orders/{ref}                      the status report
"""

from __future__ import annotations

import re
import sqlite3
from typing import TYPE_CHECKING, Any, Protocol

from orderpack import (
    ContractError,
    Order,
    OrderLedger,
    OrderpackError,
    PackOrderRequest,
    PackOrderResponse,
    Plan,
    Problem,
    Submitted,
)
from orderpack.contract import dumps, problem_details, read, to_wire, write_json
from orderpack.testing import FakePro, ProRefusedError, ProTimeoutError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from orderpack import Consignment

    StartResponse = Callable[[str, list[tuple[str, str]]], object]

_ROUTES = [
    ("PUT", re.compile(r"/orders/(?P<order>[^/]+)"), "put_order"),
    ("POST", re.compile(r"/orders/(?P<order>[^/]+)/splits"), "split"),
    ("POST", re.compile(r"/orders/(?P<order>[^/]+)/reconcile"), "reconcile"),
    ("DELETE", re.compile(r"/orders/(?P<order>[^/]+)/consignments/(?P<ref>[^/]+)"), "cancel"),
    ("GET", re.compile(r"/orders/(?P<order>[^/]+)"), "status"),
]
_REASONS = {
    200: "OK",
    201: "Created",
    202: "Accepted",
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    422: "Unprocessable Content",
    502: "Bad Gateway",
    504: "Gateway Timeout",
}


class Pro(Protocol):
    """The calls the service makes to PRO; :class:`~orderpack.testing.FakePro` has them."""

    def pack_order(
        self, order_reference: str, request: PackOrderRequest, *, key: str | None = None
    ) -> PackOrderResponse:
        """Pack Order (6.5), sent under *key* as an idempotency key."""
        ...

    def consignments_for(self, order_reference: str) -> tuple[Consignment, ...]:
        """Get Consignments For Order (6.8), then Get Consignment for each."""
        ...

    def cancel_consignment(self, reference: str) -> None:
        """Cancel Consignment."""
        ...


class _NotFoundError(Exception):
    """No route, or no order under the reference."""


class Service:
    """The WSGI application: one ledger per order, in SQLite, and PRO."""

    def __init__(self, database: str, pro: Pro) -> None:
        """Keep ledgers in *database* (a path, or ``:memory:``) and talk to *pro*."""
        self.db = sqlite3.connect(database, check_same_thread=False)
        self.db.execute("CREATE TABLE IF NOT EXISTS ledgers (ref TEXT PRIMARY KEY, doc TEXT)")
        self.pro = pro

    def __call__(self, environ: dict[str, Any], start: StartResponse) -> Iterable[bytes]:
        """Route the request; answer JSON, or a problem document."""
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        size = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(size) if size else b""
        route = next(
            (
                (name, found)
                for verb, pattern, name in _ROUTES
                if verb == method and (found := pattern.fullmatch(path))
            ),
            None,
        )
        if route is None and any(pattern.fullmatch(path) for _, pattern, _ in _ROUTES):
            return _plain_problem(start, 405, f"{method} is not allowed on {path}")
        try:
            status, answer = self._answer(route, f"{method} {path}", body)
            return _reply(start, status, "application/json", answer)
        except _NotFoundError as missing:
            return _plain_problem(start, 404, str(missing))
        except ProTimeoutError as late:
            return _plain_problem(start, 504, f"PRO did not answer: {late}")
        except ProRefusedError as refused:
            return _plain_problem(start, 502, f"PRO refused: {refused.error}")
        except OrderpackError as error:
            details = problem_details(error, _DOCUMENTS.get(route[0] if route else None))
            return _reply(start, details["status"], "application/problem+json", details)

    def _answer(
        self, route: tuple[str, re.Match[str]] | None, asked: str, body: bytes
    ) -> tuple[int, object]:
        if route is None:
            raise _NotFoundError(f"no route {asked}")
        name, found = route
        answer: tuple[int, object] = getattr(self, name)(body, **found.groupdict())
        return answer

    # --- the ledger, kept ------------------------------------------------------------------

    def _ledger(self, reference: str) -> OrderLedger:
        row = self.db.execute("SELECT doc FROM ledgers WHERE ref = ?", (reference,)).fetchone()
        if row is None:
            raise _NotFoundError(f"no order {reference}")
        return read(row[0], OrderLedger).value

    def _keep(self, reference: str, ledger: OrderLedger) -> None:
        with self.db:
            self.db.execute("REPLACE INTO ledgers VALUES (?, ?)", (reference, dumps(ledger)))

    # --- the routes ------------------------------------------------------------------------

    def put_order(self, body: bytes, order: str) -> tuple[int, object]:
        """Start tracking the order PRO holds; again, it changes nothing."""
        placed = read(body, Order).value
        if placed.reference != order:
            raise ContractError(
                [Problem(code="bad_value", path="OrderReference", message=f"expected {order}")]
            )
        row = self.db.execute("SELECT 1 FROM ledgers WHERE ref = ?", (order,)).fetchone()
        if row is None:
            self._keep(order, OrderLedger.open(placed))
        return (200 if row else 201), to_wire(self._ledger(order).report())

    def split(self, body: bytes, order: str) -> tuple[int, object]:
        """Submit the plan, keep the ledger, then send each request and record the answer."""
        sent = self._ledger(order).submit_split(read(body, Plan).value)
        self._keep(order, sent.ledger)  # before PRO hears of it: a crash leaves it pending
        ledger = self._send(order, sent)
        return (202 if ledger.in_flight else 200), to_wire(ledger.report())

    def cancel(self, body: bytes, order: str, ref: str) -> tuple[int, object]:
        """Ask PRO to cancel a consignment; the units are outstanding once it has."""
        del body
        sent = self._ledger(order).submit_cancel(ref)
        self._keep(order, sent.ledger)
        ledger = self._send(order, sent)
        return (202 if ledger.in_flight else 200), to_wire(ledger.report())

    def reconcile(self, body: bytes, order: str) -> tuple[int, object]:
        """Make the ledger what PRO holds; say what differed."""
        del body
        reconciled = self._ledger(order).reconcile(self.pro.consignments_for(order))
        self._keep(order, reconciled.ledger)
        differences = [p.to_wire() for p in reconciled.differences]
        return 200, {"Differences": differences, "Status": to_wire(reconciled.ledger.report())}

    def status(self, body: bytes, order: str) -> tuple[int, object]:
        """The order's status report."""
        del body
        return 200, to_wire(self._ledger(order).report())

    def _send(self, order: str, sent: Submitted) -> OrderLedger:
        """Send what was just submitted; keep the ledger after each answer.

        Only these: a request left pending by an earlier timeout may have been made, and is
        settled by a reconcile, never sent again blind (PRO's v1 names no idempotency key).
        """
        ledger = sent.ledger
        for submission in sent.submissions:
            try:
                if submission.request is not None:
                    answer = self.pro.pack_order(order, submission.request, key=submission.key)
                    ledger = ledger.confirm(submission.key, answer)
                else:
                    self.pro.cancel_consignment(submission.cancel or "")
                    ledger = ledger.confirm(submission.key)
            except ProRefusedError as refused:
                ledger = ledger.refuse(submission.key, str(refused.error))
            except ProTimeoutError:
                continue  # pending: POST .../reconcile settles it
            self._keep(order, ledger)
        return ledger


_DOCUMENTS: dict[str | None, type] = {"put_order": Order, "split": Plan}
"""The document each route reads, where its errors' paths point."""


def _plain_problem(start: StartResponse, status: int, detail: str) -> list[bytes]:
    """A problem document of the service's own: no route, no order, PRO failing."""
    problem = {"type": "about:blank", "title": _REASONS[status], "status": status}
    return _reply(start, status, "application/problem+json", problem | {"detail": detail})


def _reply(start: StartResponse, status: int, kind: str, answer: object) -> list[bytes]:
    text = write_json(answer).encode()
    start(
        f"{status} {_REASONS.get(status, 'Error')}",
        [("Content-Type", kind), ("Content-Length", str(len(text)))],
    )
    return [text]


if __name__ == "__main__":  # a server to try by hand
    from wsgiref.simple_server import make_server

    from orderpack.demo import seed_order

    pro = FakePro()
    pro.add_order(seed_order())
    print(  # noqa: T201 - what to try, for the one who started it
        "serving http://127.0.0.1:8000; FakePro holds the seed order EO-000-002-0TS:\n"
        "  curl -X PUT --data @examples/order.json localhost:8000/orders/EO-000-002-0TS\n"
        "  curl --data @examples/plan.json localhost:8000/orders/EO-000-002-0TS/splits"
    )
    make_server("127.0.0.1", 8000, Service(":memory:", pro)).serve_forever()
