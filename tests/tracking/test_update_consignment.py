"""PRO's Update Consignment: which fields it replaces, deletes or keeps, and when (6.10, C2, C4)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import attrs
import pytest

from orderpack import (
    Action,
    Consignment,
    ConsignmentState,
    ConsignmentUpdate,
    LifecycleError,
    ModelError,
    UpdateError,
    split_order,
    update_consignment,
)
from orderpack.contract import dumps, read
from orderpack.demo import seed_order, seed_plan
from orderpack.tracking.lifecycle import apply

PRO = Path(__file__).parents[1] / "contract" / "pro"


def made() -> Consignment:
    """The seed split's first consignment, EC-000-000-001, Unallocated."""
    return split_order(seed_order(), seed_plan()).consignments[0]


def test_pros_update_document_reads_and_applies() -> None:
    """Given fields replace, absent ones delete (dates, customer reference), tags replace."""
    update = read((PRO / "update_consignment.json").read_text(), ConsignmentUpdate, strict=True)
    before = made()

    after = update_consignment(before, update.value)

    assert after.consignment_reference_provided_by_customer == "SHIP-2001-B"
    assert after.shipping_date == datetime(2026, 12, 2, 9, tzinfo=UTC)
    assert after.tags == ("Fragile",)
    assert [m.key for m in after.metadata] == ["Gate"]
    assert after.requested_delivery_date is None
    assert after.customs_documentation is None
    assert (after.addresses, after.packages) == (before.addresses, before.packages)
    assert read(dumps(update.value), ConsignmentUpdate, strict=True).value == update.value


def test_absent_deletes_the_details_and_keeps_the_rest() -> None:
    """An update naming only the consignment clears what PRO clears, and nothing else."""
    before = attrs.evolve(made(), consignment_reference_provided_by_customer="X", tags=["Oil"])

    after = update_consignment(before, ConsignmentUpdate(reference=before.reference or ""))

    assert after.consignment_reference_provided_by_customer is None
    assert after.shipping_date is None
    assert after.metadata == ()
    assert (after.tags, after.addresses, after.packages) == (
        before.tags,
        before.addresses,
        before.packages,
    )


def test_the_reference_cannot_change() -> None:
    """An update for another consignment is refused."""
    with pytest.raises(UpdateError) as caught:
        update_consignment(made(), ConsignmentUpdate(reference="EC-000-000-999"))

    assert caught.value.codes() == ("consignment_reference_mismatch",)


def test_c2_addresses_and_packages_change_only_before_allocation() -> None:
    """Allocated: the details may change, addresses and packages may not."""
    allocated = apply(made(), Action.ALLOCATE)
    reference = allocated.reference or ""

    moved = ConsignmentUpdate(
        reference=reference,
        addresses=[attrs.evolve(a, town="Leeds") if a.town else a for a in allocated.addresses],
    )
    repacked = ConsignmentUpdate(
        reference=reference,
        packages=[attrs.evolve(p, description="Repacked") for p in allocated.packages],
    )
    renamed = ConsignmentUpdate(
        reference=reference, consignment_reference_provided_by_customer="LATE-1"
    )

    for update, action in ((moved, "EditDetails"), (repacked, "EditPackage")):
        with pytest.raises(LifecycleError) as caught:
            update_consignment(allocated, update)
        assert caught.value.problems[0].message.startswith(f"{action} is not allowed")
    assert update_consignment(allocated, renamed).consignment_reference_provided_by_customer == (
        "LATE-1"
    )


def test_c4_nothing_of_a_cancelled_consignment_changes() -> None:
    """Cancelled is final: even the customer reference stays."""
    cancelled = apply(made(), Action.CANCEL)

    with pytest.raises(LifecycleError) as caught:
        update_consignment(cancelled, ConsignmentUpdate(reference=cancelled.reference or ""))

    assert str(caught.value.problems[0]) == (
        "action_not_allowed at state: Update is not allowed in state Cancelled; a cancelled "
        "consignment is final (C4)"
    )


def test_given_addresses_and_packages_replace_while_editable() -> None:
    """Unallocated: a package list replaces the old one, and the result keeps C1 and A1."""
    before = made()
    kept = before.packages[:1]

    after = update_consignment(
        before, ConsignmentUpdate(reference=before.reference or "", packages=kept)
    )

    assert after.packages == kept


def test_the_same_addresses_in_another_order_are_not_new() -> None:
    """A full update that sends the addresses back, in any order, is allowed once allocated."""
    allocated = apply(made(), Action.ALLOCATE)
    update = ConsignmentUpdate(
        reference=allocated.reference or "", addresses=allocated.addresses[::-1]
    )

    assert update_consignment(allocated, update).addresses == allocated.addresses[::-1]


@pytest.mark.parametrize("state", ["Allocating", "Manifesting", "Cancelling"])
def test_nothing_changes_in_pros_short_lived_states(state: str) -> None:
    """PRO allows no action while it allocates, manifests or cancels."""
    busy = attrs.evolve(made(), state=ConsignmentState(state))

    with pytest.raises(LifecycleError):
        update_consignment(busy, ConsignmentUpdate(reference=busy.reference or ""))


def test_an_update_names_a_consignment() -> None:
    """An empty reference is no reference: PRO requires one."""
    with pytest.raises(ModelError) as caught:
        ConsignmentUpdate(reference="")

    assert caught.value.codes() == ("bad_reference",)


def test_an_update_names_a_bad_reference_and_a_naive_date_at_their_fields() -> None:
    """Both problems at once, each at its field, saying what was expected."""
    with pytest.raises(ModelError) as caught:
        ConsignmentUpdate(reference="x", shipping_date=datetime(2026, 1, 1))  # noqa: DTZ001

    assert [str(p) for p in caught.value.problems] == [
        "bad_reference at reference: expected a reference like EC-000-05B-MQ4, got 'x'",
        (
            "naive_datetime at shipping_date: expected a timezone-aware datetime, got "
            "datetime.datetime(2026, 1, 1, 0, 0); PRO's dates carry an offset and orderpack "
            "keeps it"
        ),
    ]
