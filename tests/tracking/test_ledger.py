"""The order ledger: counts per line over many packs, repeats and cancellations."""

from datetime import UTC, datetime

import attrs
import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    rule,
)

from builders import item, order
from orderpack import (
    Action,
    Consignment,
    ConsignmentState,
    Direction,
    LedgerError,
    LifecycleError,
    Order,
    OrderLedger,
    OrderStatus,
    PackError,
    PackItem,
    PackOrderRequest,
    PackPackage,
    SequentialReferences,
    SplitError,
    pack_order,
    split_order,
)
from orderpack.demo import seed_order, seed_plan
from orderpack.strategies import orders, pack_requests, plans
from orderpack.tracking.ledger import fingerprint
from orderpack.tracking.lifecycle import apply
from orderpack.tracking.responses import pack_response


def request(sku: str = "LAMP-01", quantity: int = 1, **fields: object) -> PackOrderRequest:
    """A request packing *quantity* units of *sku* in one box."""
    package = PackPackage(
        items=[PackItem(sku=sku, quantity=quantity)], package_size_reference="BOX"
    )
    return PackOrderRequest(packages=[package], **fields)  # type: ignore[arg-type]


def test_a_new_ledger_has_everything_outstanding() -> None:
    """Nothing packed yet: unpacked, every unit outstanding."""
    ledger = OrderLedger.open(seed_order())

    assert ledger.status is OrderStatus.UNPACKED
    assert [line.outstanding for line in ledger.lines] == [1, 1, 1, 1]


def test_short_picks_leave_the_rest_outstanding_until_packed() -> None:
    """Two of three lamps, then the third: partially packed, then packed."""
    ledger = OrderLedger.open(order(item(quantity=3)))
    references = SequentialReferences()

    short = ledger.pack(request(quantity=2), references=references).ledger
    done = short.pack(request(quantity=1), references=references).ledger

    assert (short.status, short.lines[0].outstanding) == (OrderStatus.PARTIALLY_PACKED, 1)
    assert (done.status, done.lines[0].outstanding) == (OrderStatus.PACKED, 0)


def test_p5_over_packing_is_reported_not_refused() -> None:
    """PRO packs more than ordered; the ledger says so and carries on."""
    packed = OrderLedger.open(order(item(quantity=1))).pack(request(quantity=3))

    assert packed.ledger.status is OrderStatus.OVER_PACKED
    assert packed.ledger.lines[0].over_packed == 2
    assert [str(p) for p in packed.problems] == [
        (
            "over_packed at lines[0]: order item packages[0].items[0] has 1 ordered but 3 "
            "packed in live consignments"
        )
    ]


def test_strict_refuses_over_packing_before_any_consignment_is_made() -> None:
    """The refusal comes first: the reference source hands out nothing."""
    ledger = OrderLedger.open(order(item(quantity=2)))
    references = SequentialReferences()

    with pytest.raises(PackError) as caught:
        ledger.pack(request(quantity=3), references=references, strict=True)

    assert [str(p) for p in caught.value.problems] == [
        (
            "over_packed at packages[0].items[0]: order item packages[0].items[0] has 2 "
            "outstanding of 2 ordered; the request packs 3 (strict)"
        )
    ]
    assert references.consignment_reference() == "EC-000-000-001"


def test_strict_counts_every_item_naming_a_line() -> None:
    """Two items of one line, each within what is outstanding, together over it: refused."""
    ledger = OrderLedger.open(order(item(quantity=2)))
    twice = PackOrderRequest(
        packages=[
            PackPackage(
                items=[PackItem(sku="LAMP-01", quantity=2), PackItem(sku="LAMP-01", quantity=1)],
                package_size_reference="BOX",
            )
        ]
    )

    with pytest.raises(PackError) as caught:
        ledger.pack(twice, strict=True)

    assert caught.value.problems[0].message.endswith("the request packs 3 (strict)")


def test_strict_allows_what_is_outstanding() -> None:
    """Exactly the outstanding quantity is fine in strict mode."""
    ledger = OrderLedger.open(order(item(quantity=2)))

    assert ledger.pack(request(quantity=2), strict=True).ledger.status is OrderStatus.PACKED


def test_strict_leaves_unknown_items_to_pack_order() -> None:
    """An item not on the order is pack_order's P4 error, strict or not."""
    with pytest.raises(PackError) as caught:
        OrderLedger.open(order()).pack(request(sku="GHOST"), strict=True)

    assert caught.value.codes() == ("item_not_on_order",)


def test_p5_a_repeated_identical_pack_is_detected() -> None:
    """The same request twice: two consignments, and the second is reported as a repeat."""
    ledger = OrderLedger.open(order(item(quantity=2)))
    references = SequentialReferences()

    once = ledger.pack(request(), references=references)
    twice = once.ledger.pack(request(), references=references)

    assert once.problems == ()
    assert [str(p) for p in twice.problems] == [
        (
            "repeat_pack at consignments: consignment 'EC-000-000-002' ships the same as "
            "'EC-000-000-001': a repeated identical pack (P5)"
        )
    ]
    assert twice.ledger.status is OrderStatus.PACKED


def test_p5_different_packs_are_not_repeats() -> None:
    """One unit, then the other: two consignments, no repeat reported."""
    placed = order(item(quantity=1), item(sku="SHADE-01", quantity=1))
    first = OrderLedger.open(placed).pack(request())

    second = first.ledger.pack(request(sku="SHADE-01"))

    assert (first.problems, second.problems) == ((), ())


def test_p5_the_same_items_in_another_box_are_not_a_repeat() -> None:
    """Items and quantities alike, another box: what ships differs, so no repeat.

    The ledger hashes what ships by the items alone; the rest must still be compared.
    """
    placed = OrderLedger.open(order(item(quantity=2)))
    first = placed.pack(request())

    second = first.ledger.pack(
        attrs.evolve(
            request(),
            packages=[attrs.evolve(request().packages[0], package_size_reference="CRATE")],
        )
    )

    assert (first.problems, second.problems) == ((), ())
    assert first.ledger.pack(request()).problems[0].code == "repeat_pack"


def test_a_cancelled_reference_is_final_and_the_refusal_names_both() -> None:
    """A live consignment under the reference of a cancelled one is refused (C4)."""
    packed = OrderLedger.open(order(item(quantity=2))).pack(request()).ledger
    cancelled = packed.cancel("EC-000-000-001")

    with pytest.raises(LedgerError) as caught:
        cancelled.record(packed.consignments[0])

    assert [str(p) for p in caught.value.problems] == [
        (
            "duplicate_reference at consignments[1].reference: consignments[0] has reference "
            "'EC-000-000-001' and one of the two is cancelled; cancelled is final (C4): expected "
            "no other consignment with it"
        )
    ]


def test_p5_a_repeat_is_found_whatever_became_of_the_first() -> None:
    """The first pack was allocated and dated by PRO since: still the same pack."""
    ledger = OrderLedger.open(order(item(quantity=2)))
    references = SequentialReferences()
    once, again = (ledger.pack(request(), references=references).result.consignment for _ in "ab")
    moved = attrs.evolve(
        apply(once, Action.ALLOCATE),
        reference="EC-000-000-0ZY",
        date_created=datetime(2026, 12, 1, 9, 30, tzinfo=UTC),
        earliest_delivery_date=datetime(2026, 12, 2, tzinfo=UTC),
    )

    rebuilt = OrderLedger.rebuild(ledger.order, [moved, again])

    assert [p.code for p in rebuilt.problems()] == ["repeat_pack"]


def test_a_fingerprint_is_of_what_ships() -> None:
    """References, state and the return link do not count; a quantity does."""
    consignment = split_order(seed_order(), seed_plan()).consignments[0]
    renamed = attrs.evolve(
        consignment,
        reference="EC-000-000-0ZZ",
        state=ConsignmentState.ALLOCATED,
        return_for="EC-000-000-0ZY",
        packages=[attrs.evolve(p, reference="EP-000-000-0ZZ") for p in consignment.packages],
    )
    package = consignment.packages[0]
    more = attrs.evolve(
        consignment,
        packages=[attrs.evolve(package, items=[attrs.evolve(package.items[0], quantity=2)])],
    )

    assert fingerprint(renamed) == fingerprint(consignment)
    assert fingerprint(more) != fingerprint(consignment)


def test_a_cancelled_consignment_gives_its_units_back() -> None:
    """Cancel the pack: the units are outstanding again, and a re-pack is no repeat."""
    ledger = OrderLedger.open(order(item(quantity=1)))
    references = SequentialReferences()
    packed = ledger.pack(request(), references=references).ledger

    cancelled = packed.cancel("EC-000-000-001")
    again = cancelled.pack(request(), references=references)

    assert cancelled.status is OrderStatus.UNPACKED
    assert cancelled.consignments[0].state.value == "Cancelled"
    assert again.problems == ()


def test_cancelling_twice_is_refused_by_c4() -> None:
    """A cancelled consignment cannot be cancelled again."""
    cancelled = OrderLedger.open(order()).pack(request()).ledger.cancel("EC-000-000-001")

    with pytest.raises(LifecycleError, match=r"\(C4\)$"):
        cancelled.cancel("EC-000-000-001")


def test_cancelling_an_unknown_consignment_is_refused() -> None:
    """Only the order's consignments can be cancelled through its ledger."""
    with pytest.raises(LedgerError) as caught:
        OrderLedger.open(order()).cancel("EC-000-000-009")

    assert str(caught.value.problems[0]) == (
        "consignment_unknown at consignments: no consignment of this order has reference "
        "'EC-000-000-009'"
    )


def test_p10_a_return_packs_nothing() -> None:
    """GenerateReturn records the inbound consignment, which does not count."""
    packed = OrderLedger.open(order()).pack(request(generate_return=True)).ledger

    assert [c.direction for c in packed.consignments] == [Direction.OUTBOUND, Direction.INBOUND]
    assert len(packed.live) == 1
    assert packed.lines[0].packed == 1


def test_rebuilding_from_pros_consignments() -> None:
    """The consignments PRO holds, one cancelled, give the same ledger as the history."""
    placed = order(item(quantity=3))
    references = SequentialReferences()
    history = OrderLedger.open(placed)
    for quantity in (1, 2):
        history = history.pack(request(quantity=quantity), references=references).ledger
    history = history.cancel("EC-000-000-001")

    rebuilt = OrderLedger.rebuild(placed, history.consignments)

    assert rebuilt == history
    assert rebuilt.lines == history.lines
    assert rebuilt.lines[0].packed == 2


def test_a_consignment_with_an_item_not_on_the_order_cannot_be_recorded() -> None:
    """Each unknown item is named by its path in the ledger's consignments."""
    stranger = pack_order(order(item("OTHER")), request("OTHER")).consignment

    with pytest.raises(LedgerError) as caught:
        OrderLedger.open(order()).record(stranger)

    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("item_not_on_order", "consignments[0].packages[0].items[0].sku")
    ]


class LedgerHistory(RuleBasedStateMachine):
    """Any sequence of packs, repeats, short picks and cancellations."""

    requests = Bundle("requests")

    def __init__(self) -> None:
        """Nothing yet; the order is drawn in the first step."""
        super().__init__()
        self.references = SequentialReferences()
        self.order: Order
        self.ledger: OrderLedger
        self.made: list[Consignment] = []  # every consignment packed, in order
        self.cancelled: set[str | None] = set()

    @initialize(data=st.data())
    def open_order(self, data: st.DataObject) -> None:
        """Draw an order and open its ledger."""
        self.order = data.draw(orders())
        self.ledger = OrderLedger.open(self.order)

    @rule(target=requests, data=st.data())
    def pack(self, data: st.DataObject) -> object:
        """Pack a new request (a full or a short pick, perhaps with a return)."""
        pack_request = data.draw(pack_requests(self.order))
        self._pack(pack_request)
        return multiple(pack_request)

    @rule(pack_request=requests)
    def repeat(self, pack_request: PackOrderRequest) -> None:
        """Send an earlier request again; PRO makes another consignment (P5)."""
        self._pack(pack_request)

    @rule(data=st.data())
    def cancel(self, data: st.DataObject) -> None:
        """Cancel some consignment still live."""
        cancellable = [c.reference for c in self.made if c.reference not in self.cancelled]
        if cancellable:
            reference = data.draw(st.sampled_from(cancellable))
            self.ledger = self.ledger.cancel(reference or "")
            self.cancelled.add(reference)

    @rule(data=st.data())
    def replan(self, data: st.DataObject) -> None:
        """Split a plan against what is outstanding: recorded, or refused with nothing kept."""
        plan = data.draw(plans(self.order))
        before = self.ledger
        outstanding = self.ledger.outstanding
        wanted = [0] * len(self.order.items)
        for allocation in plan.allocations:
            wanted[self.order.match(allocation)] += allocation.quantity  # type: ignore[index]
        if all(w <= o for w, o in zip(wanted, outstanding, strict=True)):
            split = self.ledger.split(plan, references=self.references)
            self.ledger = split.ledger
            self.made.extend(split.split.consignments)
        else:
            with pytest.raises(SplitError) as caught:
                self.ledger.split(plan, references=self.references)
            assert set(caught.value.codes()) == {"over_allocated"}
            assert self.ledger == before

    @rule(pack_request=requests)
    def record_pros_answer(self, pack_request: PackOrderRequest) -> None:
        """PRO packed a request and answered with the references it gave."""
        made = pack_order(self.order, pack_request, references=self.references)
        answer = pack_response(made)
        recorded = self.ledger.record_response(pack_request, answer)
        self.ledger = recorded.ledger
        self.made.extend(recorded.result.consignments)

    @rule(data=st.data())
    def reuse_a_live_reference(self, data: st.DataObject) -> None:
        """A consignment under a live reference is refused, and the ledger stays as it was."""
        live = [c for c in self.made if c.reference not in self.cancelled]
        if live:
            taken = data.draw(st.sampled_from(live))
            before = self.ledger
            with pytest.raises(LedgerError) as caught:
                self.ledger.record(taken)
            assert "duplicate_reference" in caught.value.codes()
            assert self.ledger == before

    def _pack(self, pack_request: PackOrderRequest) -> None:
        packed = self.ledger.pack(pack_request, references=self.references)
        self.ledger = packed.ledger
        self.made.extend(packed.result.consignments)

    @invariant()
    def references_are_unique(self) -> None:
        """No two consignments that are not cancelled share a reference."""
        held = [
            c.reference
            for c in self.ledger.consignments
            if c.state is not ConsignmentState.CANCELLED
        ]
        assert len(held) == len(set(held))

    @invariant()
    def lines_balance(self) -> None:
        """For every line, ordered = live packed + outstanding - over-packed."""
        for line in self.ledger.lines:
            assert line.ordered == line.packed + line.outstanding - line.over_packed

    @invariant()
    def packed_is_what_live_outbound_consignments_hold(self) -> None:
        """An independent count, by item reference, agrees with the ledger."""
        counted = dict.fromkeys((i.reference for i in self.order.items), 0)
        for consignment in self.made:
            if consignment.reference not in self.cancelled and consignment.return_for is None:
                for packed_item in consignment.items:
                    counted[packed_item.reference] += packed_item.quantity
        assert [line.packed for line in self.ledger.lines] == list(counted.values())

    @invariant()
    def equals_the_ledger_rebuilt_from_scratch(self) -> None:
        """Folding the history, as PRO would hold it, from nothing gives the same ledger."""
        held = [apply(c, Action.CANCEL) if c.reference in self.cancelled else c for c in self.made]
        rebuilt = OrderLedger.rebuild(self.order, held)
        assert rebuilt == self.ledger
        assert rebuilt.lines == self.ledger.lines


TestLedgerHistory = LedgerHistory.TestCase
# 25 steps already mix packs, repeats and cancellations; the profile sets how many histories.
TestLedgerHistory.settings = settings(stateful_step_count=25)
