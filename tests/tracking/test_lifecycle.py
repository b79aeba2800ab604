"""The consignment lifecycle: PRO's action table (8.2), C1, C2 and C4."""

import attrs
import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from orderpack import Action, Consignment, ConsignmentState, LifecycleError, split_order
from orderpack.demo import seed_order, seed_plan
from orderpack.tracking.lifecycle import (
    ALLOWED,
    MOVES,
    add_package,
    allowed_actions,
    apply,
    delete_package,
    edit_package,
    state_diagram,
)

S = ConsignmentState


def _consignment(state: ConsignmentState = S.UNALLOCATED) -> Consignment:
    """Warehouse B's consignment of the seed split (two packages), in *state*."""
    return attrs.evolve(split_order(seed_order(), seed_plan()).consignments[1], state=state)


@pytest.mark.parametrize(
    ("action", "state"), [(a, s) for a, states in ALLOWED.items() for s in sorted(states)]
)
def test_8_2_every_allowed_action_moves_as_the_table_says(
    action: Action, state: ConsignmentState
) -> None:
    """Allowed: the new state is the action's target, or unchanged for an edit."""
    moved = apply(_consignment(state), action)

    assert moved.state is (MOVES[action] or state)


@pytest.mark.parametrize(
    ("action", "state"),
    [(a, s) for a, states in ALLOWED.items() for s in sorted(set(S) - states)],
)
def test_8_2_every_other_action_is_refused_naming_action_and_state(
    action: Action, state: ConsignmentState
) -> None:
    """Not allowed: a LifecycleError that names both."""
    with pytest.raises(LifecycleError) as caught:
        apply(_consignment(state), action)

    (problem,) = caught.value.problems
    assert problem.code == "action_not_allowed"
    assert problem.message.startswith(f"{action.value} is not allowed in state {state.value};")


def test_c2_packages_change_only_before_allocation() -> None:
    """Adding a package to an allocated consignment is refused, citing C2."""
    allocated = _consignment(S.ALLOCATED)

    with pytest.raises(LifecycleError) as caught:
        add_package(allocated, allocated.packages[0])

    assert str(caught.value.problems[0]) == (
        "action_not_allowed at state: AddPackage is not allowed in state Allocated; "
        "it is allowed in AllocationFailed, Unallocated (C2)"
    )


def test_c4_a_cancelled_consignment_allows_nothing() -> None:
    """Cancelled is final; the refusal cites C4."""
    cancelled = apply(_consignment(), Action.CANCEL)

    assert allowed_actions(cancelled.state) == ()
    with pytest.raises(LifecycleError, match=r"\(C4\)$"):
        apply(cancelled, Action.ALLOCATE)


def test_a_refusal_outside_c2_and_c4_cites_the_table() -> None:
    """Dispatching before manifesting is refused by the action table."""
    with pytest.raises(LifecycleError, match=r"allowed in Manifested \(8\.2\)$"):
        apply(_consignment(), Action.DISPATCH)


def test_c1_the_last_package_cannot_be_deleted() -> None:
    """Two packages: one can go; the last one cannot."""
    consignment = _consignment()
    first, second = (p.reference or "" for p in consignment.packages)

    one_left = delete_package(consignment, first)
    with pytest.raises(LifecycleError) as caught:
        delete_package(one_left, second)

    assert [p.reference for p in one_left.packages] == [second]
    assert str(caught.value.problems[0]) == (
        "last_package at packages[0]: package 'EP-000-000-003' is the last one; "
        "a consignment keeps at least one package (C1)"
    )


def test_packages_are_added_and_edited_while_editable() -> None:
    """An edit keeps the package's reference; an added package goes last."""
    consignment = _consignment(S.ALLOCATION_FAILED)
    coat, hat = consignment.packages

    edited = edit_package(consignment, coat.reference or "", attrs.evolve(hat, reference=None))
    added = add_package(consignment, attrs.evolve(hat, reference="EP-000-000-0ZZ"))

    assert edited.packages[0] == attrs.evolve(hat, reference=coat.reference)
    assert [p.reference for p in added.packages][-1] == "EP-000-000-0ZZ"


def test_an_unknown_package_reference_is_named() -> None:
    """Editing or deleting a package the consignment does not have."""
    with pytest.raises(LifecycleError) as caught:
        delete_package(_consignment(), "EP-999-999-999")

    assert str(caught.value.problems[0]) == (
        "package_not_found at packages: no package of 'EC-000-000-002' has reference "
        "'EP-999-999-999'"
    )


@pytest.mark.parametrize("doomed", [0, 1, 2])
def test_c2_deleting_a_package_keeps_the_others_in_order(doomed: int) -> None:
    """First, middle or last: the package goes, the rest stay as they were."""
    consignment = _consignment()
    hat = attrs.evolve(consignment.packages[1], reference="EP-000-000-0ZZ")
    three = add_package(consignment, hat)

    left = delete_package(three, three.packages[doomed].reference or "")

    assert left.packages == three.packages[:doomed] + three.packages[doomed + 1 :]


def test_the_docs_diagram_is_the_one_drawn_from_the_table() -> None:
    """docs/lifecycle.md shows exactly what state_diagram() draws, so it cannot drift.

    The page shows the SVG; tests/test_docs.py checks the SVG was drawn from this source.
    """
    from pathlib import Path  # noqa: PLC0415

    docs = Path(__file__).parents[2] / "docs"

    assert (docs / "diagrams" / "lifecycle.mmd").read_text() == state_diagram() + "\n"
    assert "](diagrams/lifecycle.svg)" in (docs / "lifecycle.md").read_text()


class Lifecycle(RuleBasedStateMachine):
    """Random action sequences on one consignment."""

    def __init__(self) -> None:
        """Start from a freshly packed consignment."""
        super().__init__()
        self.consignment = _consignment()
        self.visited = {self.consignment.state}

    @rule(action=st.sampled_from(Action))
    def act(self, action: Action) -> None:
        """Allowed actions move as the table says; refused ones change nothing."""
        before = self.consignment
        if before.state in ALLOWED[action]:
            self.consignment = apply(before, action)
            assert self.consignment.state is (MOVES[action] or before.state)
        else:
            with pytest.raises(LifecycleError):
                apply(before, action)
            assert self.consignment == before
        self.visited.add(self.consignment.state)

    @precondition(lambda self: len(self.consignment.packages) > 1)
    @rule()
    def delete_a_package(self) -> None:
        """Deleting a package is allowed only while editable, and never the last (C1)."""
        reference = self.consignment.packages[0].reference or ""
        if self.consignment.state in ALLOWED[Action.DELETE_PACKAGE]:
            self.consignment = delete_package(self.consignment, reference)
        else:
            with pytest.raises(LifecycleError):
                delete_package(self.consignment, reference)

    @invariant()
    def only_states_the_table_reaches(self) -> None:
        """Every state visited is the start or some action's target."""
        reachable = {S.UNALLOCATED} | {s for s in MOVES.values() if s is not None}
        assert self.visited <= reachable

    @invariant()
    def at_least_one_package(self) -> None:
        """C1 holds whatever happens."""
        assert self.consignment.packages


TestLifecycle = Lifecycle.TestCase
