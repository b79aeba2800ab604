"""Track an order over many packs: packed, outstanding and over-packed quantities per line.

PRO lets an order be packed again and again (P5) and keeps no count of what is still to ship.
:class:`OrderLedger` keeps that count without changing PRO's rules: it is a value that folds an
order's consignments (new packs, repeats, cancellations) into a
:class:`~orderpack.LineBalance` per order line and a derived :class:`OrderStatus`.
Over-packing and repeated packs are reported, not refused, unless the caller asks for a strict
pack.

>>> from orderpack import PackItem, PackOrderRequest, PackPackage
>>> from orderpack.demo import seed_order
>>> ledger = OrderLedger.open(seed_order())
>>> coat = PackOrderRequest(packages=[PackPackage(
...     items=[PackItem(sku="COAT-01", quantity=1)], package_size_reference="LARGE-BOX")])
>>> ledger = ledger.pack(coat).ledger
>>> ledger.status.value, [line.outstanding for line in ledger.lines]
('PartiallyPacked', [1, 1, 0, 1])
>>> ledger = ledger.cancel("EC-000-000-001")
>>> ledger.status.value
'Unpacked'
"""

from __future__ import annotations

import hashlib
from enum import StrEnum
from typing import TYPE_CHECKING

import attrs

from orderpack._checks import Checks, to_tuple
from orderpack.consignment import Consignment, ConsignmentState
from orderpack.errors import LedgerError, PackError, Problem
from orderpack.lifecycle import Action, apply
from orderpack.order import Order
from orderpack.packing import PackOrderRequest, PackResult, pack_order
from orderpack.splitting import LineBalance, line_balances

if TYPE_CHECKING:
    from collections.abc import Iterable

    from orderpack.references import ReferenceSource

__all__ = ["LedgerPack", "OrderLedger", "OrderStatus", "fingerprint"]


class OrderStatus(StrEnum):
    """An order's packing status, derived from its ledger (PRO's orders have none, 8.3)."""

    UNPACKED = "Unpacked"
    PARTIALLY_PACKED = "PartiallyPacked"
    PACKED = "Packed"
    OVER_PACKED = "OverPacked"


def fingerprint(consignment: Consignment) -> str:
    """A stable fingerprint of what *consignment* ships, leaving out references and state.

    Two consignments packed by the same Pack Order request have the same fingerprint (P5).

    >>> from orderpack import split_order
    >>> from orderpack.demo import seed_order, seed_plan
    >>> first, second = split_order(seed_order(), seed_plan()).consignments
    >>> fingerprint(first) == fingerprint(attrs.evolve(first, reference="EC-000-000-0ZZ"))
    True
    >>> fingerprint(first) == fingerprint(second)
    False
    """
    content = attrs.evolve(
        consignment,
        reference=None,
        state=ConsignmentState.UNALLOCATED,
        return_for=None,
        packages=[attrs.evolve(p, reference=None) for p in consignment.packages],
    )
    return hashlib.sha256(repr(content).encode()).hexdigest()


def _is_live(consignment: Consignment, order: Order) -> bool:
    """Counted: not cancelled, and going the order's way (a return packs nothing, P10)."""
    return (
        consignment.state is not ConsignmentState.CANCELLED
        and consignment.direction is order.direction
    )


@attrs.frozen(kw_only=True)
class OrderLedger:
    """An order and every consignment made from it, with the count that follows.

    Build one with :meth:`open` (no consignments yet) or :meth:`rebuild` (from the
    consignments PRO holds for the order, section 6.8). Recording a pack or a cancellation
    returns a new ledger. Consignment items are matched to order lines as
    :func:`~orderpack.pack_order` matches them (P4, Q4).
    """

    order: Order
    consignments: tuple[Consignment, ...] = attrs.field(default=(), converter=to_tuple)
    lines: tuple[LineBalance, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Count every live consignment against the order's lines."""
        checks = Checks()
        packed = [0] * len(self.order.items)
        for c, consignment in enumerate(self.consignments):
            if not _is_live(consignment, self.order):
                continue
            for p, package in enumerate(consignment.packages):
                for i, item in enumerate(package.items):
                    found = self.order.match(item)
                    if isinstance(found, Problem):
                        checks.extend([found.within(f"consignments[{c}].packages[{p}].items[{i}]")])
                    else:
                        packed[found] += item.quantity
        checks.raise_if_any(LedgerError)
        # attrs' way to set a derived field of a frozen class
        object.__setattr__(self, "lines", line_balances(self.order, packed))

    @classmethod
    def open(cls, order: Order) -> OrderLedger:
        """A ledger for *order* with nothing packed yet."""
        return cls(order=order)

    @classmethod
    def rebuild(cls, order: Order, consignments: Iterable[Consignment]) -> OrderLedger:
        """A ledger for *order* from every consignment made from it, cancelled ones included.

        Raises:
            LedgerError: If a live consignment holds an item not on the order.
        """
        return cls(order=order, consignments=tuple(consignments))

    @property
    def status(self) -> OrderStatus:
        """Unpacked, partially packed, packed or over-packed, from the lines' counts."""
        if any(line.over_packed for line in self.lines):
            return OrderStatus.OVER_PACKED
        if not any(line.outstanding for line in self.lines):
            return OrderStatus.PACKED
        if any(line.packed for line in self.lines):
            return OrderStatus.PARTIALLY_PACKED
        return OrderStatus.UNPACKED

    @property
    def live(self) -> tuple[Consignment, ...]:
        """The consignments that count: not cancelled, not returns."""
        return tuple(c for c in self.consignments if _is_live(c, self.order))

    def record(self, consignment: Consignment) -> OrderLedger:
        """Return the ledger with *consignment* made from this order.

        Raises:
            LedgerError: If it holds an item not on the order.
        """
        return attrs.evolve(self, consignments=(*self.consignments, consignment))

    def cancel(self, reference: str) -> OrderLedger:
        """Return the ledger with consignment *reference* cancelled (C4).

        Its units are outstanding again.

        Raises:
            LedgerError: If no consignment has *reference*.
            LifecycleError: If the consignment's state does not allow cancelling (C4).
        """
        for index, consignment in enumerate(self.consignments):
            if consignment.reference == reference:
                consignments = list(self.consignments)
                consignments[index] = apply(consignment, Action.CANCEL)
                return attrs.evolve(self, consignments=consignments)
        raise LedgerError(
            [
                Problem(
                    code="consignment_unknown",
                    path="consignments",
                    message=f"no consignment of this order has reference {reference!r}",
                )
            ]
        )

    def pack(
        self,
        request: PackOrderRequest,
        *,
        references: ReferenceSource | None = None,
        strict: bool = False,
    ) -> LedgerPack:
        """Pack *request* with PRO's rules and record what it makes.

        Over-packing and a repeated identical pack are reported in the result's
        ``problems``, never refused, as PRO allows both (P5); with *strict*, a request that
        would pack more than is outstanding is refused before any consignment is made.

        Raises:
            PackError: As :func:`~orderpack.pack_order` does; with *strict*, also
                ``over_packed`` for each line the request would over-pack.
        """
        if strict:
            self._refuse_over_packing(request)
        result = pack_order(self.order, request, references=references)
        ledger = self
        for consignment in result.consignments:
            ledger = ledger.record(consignment)
        return LedgerPack(ledger=ledger, result=result, problems=ledger.problems())

    def _refuse_over_packing(self, request: PackOrderRequest) -> None:
        wanted = [0] * len(self.order.items)
        first_path: dict[int, str] = {}
        for p, package in enumerate(request.packages):
            for i, item in enumerate(package.items):
                found = self.order.match(item)
                if not isinstance(found, Problem):
                    wanted[found] += item.quantity
                    first_path.setdefault(found, f"packages[{p}].items[{i}]")
        checks = Checks()
        for line in self.lines:
            if wanted[line.line] > line.outstanding:
                checks.add(
                    "over_packed",
                    first_path[line.line],
                    f"order item {line.path} has {line.outstanding} outstanding of "
                    f"{line.ordered} ordered; the request packs {wanted[line.line]} (strict)",
                )
        checks.raise_if_any(PackError)

    def problems(self) -> tuple[Problem, ...]:
        """Report over-packed lines and repeated packs; PRO allows both, so nothing raises."""
        checks = Checks()
        for line in self.lines:
            if line.over_packed:
                checks.add(
                    "over_packed",
                    f"lines[{line.line}]",
                    f"order item {line.path} has {line.ordered} ordered but {line.packed} "
                    "packed in live consignments",
                )
        seen: dict[str, str | None] = {}
        for consignment in self.live:
            mark = fingerprint(consignment)
            if mark in seen:
                checks.add(
                    "repeat_pack",
                    "consignments",
                    f"consignment {consignment.reference!r} ships the same as "
                    f"{seen[mark]!r}: a repeated identical pack (P5)",
                )
            else:
                seen[mark] = consignment.reference
        return tuple(checks.problems)


@attrs.frozen(kw_only=True)
class LedgerPack:
    """What :meth:`OrderLedger.pack` returns.

    The new ledger, the pack's result, and the problems the new ledger reports.
    """

    ledger: OrderLedger
    result: PackResult
    problems: tuple[Problem, ...]
