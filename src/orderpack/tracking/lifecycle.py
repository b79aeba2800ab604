"""The consignment lifecycle: which actions PRO allows in which state, as data and pure moves.

:data:`ALLOWED` is PRO's action table (section 8.2) and :data:`MOVES` says where each action
leads. Every function here takes a consignment and returns a new one; an action not allowed in
the consignment's state raises :class:`~orderpack.LifecycleError` naming both, and changes
nothing (C2, C4). A cancelled consignment allows nothing (C4).

>>> from orderpack.demo import seed_order, seed_plan
>>> from orderpack import split_order
>>> consignment = split_order(seed_order(), seed_plan()).consignments[0]
>>> allocated = apply(consignment, Action.ALLOCATE)
>>> allocated.state.value
'Allocated'
>>> apply(allocated, Action.ADD_PACKAGE)
Traceback (most recent call last):
...
orderpack.errors.LifecycleError: 1 problem:
- action_not_allowed at state: AddPackage is not allowed in state Allocated; it is
  allowed in AllocationFailed, Unallocated (C2)
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

import attrs

from orderpack.errors import LifecycleError, Problem, UpdateError
from orderpack.model.arguments import checked
from orderpack.model.checks import Checks, shown, to_optional_tuple
from orderpack.model.classes import model
from orderpack.model.consignment import Consignment, ConsignmentState, Package
from orderpack.model.order import CONSIGNMENT_REFERENCE
from orderpack.model.values import (
    Address,
    CustomsDocumentation,
    MetaData,
    RequestedDeliveryDate,
    Source,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "ALLOWED",
    "MOVES",
    "Action",
    "ConsignmentUpdate",
    "add_package",
    "allowed_actions",
    "apply",
    "delete_package",
    "edit_package",
    "state_diagram",
    "update_consignment",
]

S = ConsignmentState


class Action(StrEnum):
    """What a user or carrier can do to a consignment (section 8.2)."""

    ALLOCATE = "Allocate"
    FAIL_ALLOCATION = "FailAllocation"
    DEALLOCATE = "Deallocate"
    SET_READY_TO_SHIP = "SetReadyToShip"
    MANIFEST = "Manifest"
    FAIL_MANIFEST = "FailManifest"
    DISPATCH = "Dispatch"
    CANCEL = "Cancel"
    ADD_PACKAGE = "AddPackage"
    EDIT_PACKAGE = "EditPackage"
    DELETE_PACKAGE = "DeletePackage"
    EDIT_DETAILS = "EditDetails"
    UPDATE = "Update"


_EDITABLE = frozenset({S.UNALLOCATED, S.ALLOCATION_FAILED})
_MANIFESTABLE = frozenset({S.ALLOCATED, S.MANIFEST_FAILED, S.READY_TO_SHIP})

ALLOWED: Final[Mapping[Action, frozenset[ConsignmentState]]] = MappingProxyType(
    {
        Action.ALLOCATE: _EDITABLE,
        Action.FAIL_ALLOCATION: _EDITABLE,
        Action.DEALLOCATE: frozenset({S.ALLOCATED, S.MANIFESTED, S.MANIFEST_FAILED}),
        Action.SET_READY_TO_SHIP: frozenset({S.ALLOCATED}),
        Action.MANIFEST: _MANIFESTABLE,
        Action.FAIL_MANIFEST: _MANIFESTABLE,
        Action.DISPATCH: frozenset({S.MANIFESTED}),
        Action.CANCEL: frozenset(
            {
                S.UNALLOCATED,
                S.ALLOCATION_FAILED,
                S.ALLOCATED,
                S.MANIFESTED,
                S.MANIFEST_FAILED,
                S.DISPATCHED,
                S.COLLECTION_FAILED,
                S.CARRIER_UNABLE_TO_COLLECT,
                S.EXCHANGE_FAILED,
                S.COLLECTED,
                S.AT_DROP_OFF_POINT,
                S.IN_TRANSIT,
                S.AT_CUSTOMS,
                S.ACTION_REQUIRED,
                S.DELAYED,
                S.HELD_BY_CARRIER,
                S.MISSING,
                S.LOST,
                S.DAMAGED,
                S.OUT_FOR_DELIVERY,
                S.DELIVERED_DAMAGED,
                S.AT_COLLECTION_POINT,
                S.DELIVERY_FAILED_CARD_LEFT,
                S.DELIVERY_FAILED,
                S.RETURN_TO_SENDER,
            }
        ),
        Action.ADD_PACKAGE: _EDITABLE,
        Action.EDIT_PACKAGE: _EDITABLE,
        Action.DELETE_PACKAGE: _EDITABLE,
        Action.EDIT_DETAILS: _EDITABLE,
        Action.UPDATE: frozenset(S) - {S.CANCELLED, S.ALLOCATING, S.MANIFESTING, S.CANCELLING},
    }
)
"""The states in which PRO allows each action (section 8.2).

``Update`` is Update Consignment's fields other than addresses and packages (section 6.10):
PRO names no state that forbids it, but nothing is allowed in its short-lived states
(Allocating, Manifesting, Cancelling), and a cancelled consignment allows nothing (C4).
"""

MOVES: Final[Mapping[Action, ConsignmentState | None]] = MappingProxyType(
    {
        Action.ALLOCATE: S.ALLOCATED,
        Action.FAIL_ALLOCATION: S.ALLOCATION_FAILED,
        Action.DEALLOCATE: S.UNALLOCATED,
        Action.SET_READY_TO_SHIP: S.READY_TO_SHIP,
        Action.MANIFEST: S.MANIFESTED,
        Action.FAIL_MANIFEST: S.MANIFEST_FAILED,
        Action.DISPATCH: S.DISPATCHED,
        Action.CANCEL: S.CANCELLED,
        Action.ADD_PACKAGE: None,
        Action.EDIT_PACKAGE: None,
        Action.DELETE_PACKAGE: None,
        Action.EDIT_DETAILS: None,
        Action.UPDATE: None,
    }
)
"""The state each action leads to; ``None`` where it changes content, not state."""


@checked
def allowed_actions(state: ConsignmentState) -> tuple[Action, ...]:
    """Return the actions PRO allows in *state*, in table order.

    Args:
        state: The consignment state to look up.

    >>> allowed_actions(ConsignmentState.CANCELLED)
    ()
    >>> [a.value for a in allowed_actions(ConsignmentState.MANIFESTED)]
    ['Deallocate', 'Dispatch', 'Cancel', 'Update']
    """
    return tuple(action for action, states in ALLOWED.items() if state in states)


def _check_allowed(consignment: Consignment, action: Action) -> None:
    if consignment.state in ALLOWED[action]:
        return
    if consignment.state is S.CANCELLED:
        why = "a cancelled consignment is final (C4)"
    else:
        rule = "C2" if ALLOWED[action] == _EDITABLE else "8.2"
        allowed = ", ".join(sorted(state.value for state in ALLOWED[action]))
        why = f"it is allowed in {allowed} ({rule})"
    raise LifecycleError(
        [
            Problem(
                code="action_not_allowed",
                path="state",
                message=f"{action.value} is not allowed in state {consignment.state.value}; {why}",
            )
        ]
    )


@checked
def apply(consignment: Consignment, action: Action) -> Consignment:
    """Return *consignment* after *action*: in its new state, or unchanged for an edit.

    Args:
        consignment: The consignment to act on; it is not changed.
        action: The action to take; for an edit, only checked against the state.

    Raises:
        LifecycleError: If *action* is not allowed in the consignment's state.
    """
    _check_allowed(consignment, action)
    target = MOVES[action]
    return consignment if target is None else attrs.evolve(consignment, state=target)


@checked
def add_package(consignment: Consignment, package: Package) -> Consignment:
    """Return *consignment* with *package* added (only while editable, C2).

    Args:
        consignment: The consignment to add to; it is not changed.
        package: The package to add, as it is, reference included.

    Raises:
        LifecycleError: If the consignment's state does not allow adding a package.
    """
    _check_allowed(consignment, Action.ADD_PACKAGE)
    return attrs.evolve(consignment, packages=(*consignment.packages, package))


def _package_index(consignment: Consignment, reference: str) -> int:
    for index, package in enumerate(consignment.packages):
        if package.reference == reference:
            return index
    raise LifecycleError(
        [
            Problem(
                code="package_not_found",
                path="packages",
                message=f"no package of {shown(consignment.reference)} has reference "
                f"{shown(reference)}",
            )
        ]
    )


@checked
def edit_package(consignment: Consignment, reference: str, package: Package) -> Consignment:
    """Return *consignment* with its package *reference* replaced by *package* (C2).

    The new package keeps the old one's reference.

    Args:
        consignment: The consignment to edit; it is not changed.
        reference: The reference of the package to replace.
        package: The new package; it takes *reference* in place of its own.

    Raises:
        LifecycleError: If the state does not allow it, or no package has *reference*.
    """
    _check_allowed(consignment, Action.EDIT_PACKAGE)
    index = _package_index(consignment, reference)
    packages = list(consignment.packages)
    packages[index] = attrs.evolve(package, reference=reference)
    return attrs.evolve(consignment, packages=packages)


@checked
def delete_package(consignment: Consignment, reference: str) -> Consignment:
    """Return *consignment* without its package *reference* (C2); never the last one (C1).

    Args:
        consignment: The consignment to delete from; it is not changed.
        reference: The reference of the package to delete.

    Raises:
        LifecycleError: If the state does not allow it, no package has *reference*, or it is
            the consignment's last package.
    """
    _check_allowed(consignment, Action.DELETE_PACKAGE)
    index = _package_index(consignment, reference)
    if len(consignment.packages) == 1:
        raise LifecycleError(
            [
                Problem(
                    code="last_package",
                    path=f"packages[{index}]",
                    message=f"package {shown(reference)} is the last one; a consignment keeps at "
                    "least one package (C1)",
                )
            ]
        )
    packages = consignment.packages[:index] + consignment.packages[index + 1 :]
    return attrs.evolve(consignment, packages=packages)


def state_diagram() -> str:
    """Draw the moves between states as a Mermaid state diagram, from :data:`MOVES`.

    Edits (which keep the state) are left out; so are the carrier's tracking states, which
    PRO reaches by itself after dispatch.

    >>> print(state_diagram().splitlines()[1])
        [*] --> Unallocated
    """
    lines = ["stateDiagram-v2", "    [*] --> Unallocated"]
    tracking = {S.DISPATCHED}
    for action, target in MOVES.items():
        if target is None:
            continue
        sources = sorted(ALLOWED[action], key=list(ConsignmentState).index)
        if action is Action.CANCEL:
            main_flow = _EDITABLE | _MANIFESTABLE | {S.MANIFESTED} | tracking
            shown = [s for s in sources if s in main_flow]
            lines.extend(f"    {s.value} --> {target.value}: {action.value}" for s in shown)
            lines.append(f"    note right of {target.value}: final (C4)")
            continue
        lines.extend(f"    {s.value} --> {target.value}: {action.value}" for s in sources)
    lines.append(f"    {S.CANCELLED.value} --> [*]")
    return "\n".join(lines)


@model
class ConsignmentUpdate:
    """PRO's Update Consignment request (section 6.10): a consignment's editable fields.

    ``reference`` names the consignment and cannot change. ``None`` is "absent". For the
    customer reference, the shipping date, the requested delivery date, customs documentation
    and metadata, absent deletes the consignment's value, as PRO says. Packages and tags are
    replaced only when given. Addresses too are replaced only when given, an orderpack rule:
    PRO says absent deletes them, but a consignment without an Origin and a Destination breaks
    A1, so absent keeps them. ``source`` is ignored, as PRO ignores it.
    """

    reference: str
    consignment_reference_provided_by_customer: str | None = None
    shipping_date: datetime | None = None
    requested_delivery_date: RequestedDeliveryDate | None = None
    customs_documentation: CustomsDocumentation | None = None
    metadata: tuple[MetaData, ...] | None = attrs.field(default=None, converter=to_optional_tuple)
    addresses: tuple[Address, ...] | None = attrs.field(default=None, converter=to_optional_tuple)
    packages: tuple[Package, ...] | None = attrs.field(default=None, converter=to_optional_tuple)
    tags: tuple[str, ...] | None = attrs.field(default=None, converter=to_optional_tuple)
    source: Source | None = None

    def __attrs_post_init__(self) -> None:
        """Check the types, the reference's format and that the shipping date is aware."""
        checks = Checks()
        checks.pattern(
            self.reference,
            "reference",
            CONSIGNMENT_REFERENCE,
            "a reference like EC-000-05B-MQ4",
            "bad_reference",
        )
        checks.aware(self.shipping_date, "shipping_date")
        checks.raise_if_any()


@checked
def update_consignment(consignment: Consignment, update: ConsignmentUpdate) -> Consignment:
    """Apply PRO's Update Consignment to *consignment* (section 6.10, C2, C4).

    Nothing of a cancelled consignment changes (C4). New addresses or packages need a state
    that allows editing them (C2): Unallocated or AllocationFailed. The result is built by the
    :class:`~orderpack.Consignment` constructor, so C1 and A1 still hold.

    Args:
        consignment: The consignment to update; it is not changed.
        update: The Update Consignment request; its ``reference`` must be the consignment's.

    >>> from orderpack.demo import seed_order, seed_plan
    >>> from orderpack import split_order
    >>> consignment = split_order(seed_order(), seed_plan()).consignments[0]
    >>> update = ConsignmentUpdate(reference=consignment.reference, tags=["Fragile"])
    >>> updated = update_consignment(consignment, update)
    >>> updated.tags, updated.shipping_date is None
    (('Fragile',), True)

    Raises:
        UpdateError: If *update* names another consignment.
        LifecycleError: If the consignment's state does not allow the change.
        ModelError: If the updated consignment breaks a rule of its own (C1, A1).
    """
    if update.reference != consignment.reference:
        raise UpdateError(
            [
                Problem(
                    code="consignment_reference_mismatch",
                    path="reference",
                    message=f"expected the consignment's reference {shown(consignment.reference)}, "
                    f"got {shown(update.reference)}; it cannot be updated",
                )
            ]
        )
    _check_allowed(consignment, Action.UPDATE)
    if update.addresses is not None and set(update.addresses) != set(consignment.addresses):
        _check_allowed(consignment, Action.EDIT_DETAILS)
    if update.packages is not None and update.packages != consignment.packages:
        _check_allowed(consignment, Action.EDIT_PACKAGE)
    return attrs.evolve(
        consignment,
        consignment_reference_provided_by_customer=update.consignment_reference_provided_by_customer,
        shipping_date=update.shipping_date,
        requested_delivery_date=update.requested_delivery_date,
        customs_documentation=update.customs_documentation,
        metadata=update.metadata or (),
        addresses=consignment.addresses if update.addresses is None else update.addresses,
        packages=consignment.packages if update.packages is None else update.packages,
        tags=consignment.tags if update.tags is None else update.tags,
    )
