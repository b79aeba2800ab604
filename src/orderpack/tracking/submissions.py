"""Requests in flight: what a service has sent PRO, or is about to, until PRO's answer.

A service does not make consignments; PRO does, and it answers over a network that times out,
retries and loses answers. The ledger holds each Pack Order (or cancellation) a service sends as
a :class:`Submission`, under a key that names it across retries and restarts. A pending
Pack Order reserves its units: they are neither outstanding nor packed until PRO's answer
*confirms* it (the consignments are recorded under PRO's references, once) or PRO *refuses*
it (the units are outstanding again, the reason kept). When no answer came, the service
*reconciles* with the consignments PRO holds for the order (section 6.8): what PRO made is
confirmed, what it never made is released, and every difference is reported.

>>> from orderpack import OrderLedger
>>> from orderpack.demo import seed_order, seed_plan
>>> sent = OrderLedger.open(seed_order()).submit_split(seed_plan())
>>> [s.key for s in sent.submissions], [line.pending for line in sent.ledger.lines]
(['EO-000-002-0TS/1', 'EO-000-002-0TS/2'], [1, 1, 1, 1])
>>> refused = sent.ledger.refuse("EO-000-002-0TS/2", "OperationFailed: no carrier")
>>> [line.outstanding for line in refused.lines]
[0, 0, 1, 1]
"""

from __future__ import annotations

import typing
from enum import StrEnum
from typing import TYPE_CHECKING, Final

import attrs

from orderpack.errors import LedgerError, Problem
from orderpack.model.arguments import each_item
from orderpack.model.checks import Checks, shown, to_tuple
from orderpack.model.classes import model
from orderpack.model.consignment import Consignment, ConsignmentState
from orderpack.model.references import SequentialReferences
from orderpack.packing.pack import PackOrderRequest, pack_order
from orderpack.tracking._counts import _content

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from orderpack.tracking.ledger import OrderLedger

__all__ = ["Submission", "SubmissionState"]


class SubmissionState(StrEnum):
    """Where a request sent to PRO stands, as the ledger knows it."""

    PENDING = "Pending"
    """Sent, or about to be; no answer yet. A Pack Order's units are reserved."""
    CONFIRMED = "Confirmed"
    """PRO made what was asked: the consignments are recorded, or the cancellation done."""
    REFUSED = "Refused"
    """PRO answered with an error; a Pack Order's units are outstanding again."""
    RELEASED = "Released"
    """Reconciling found that PRO never made it; a Pack Order's units are outstanding again."""


@model
class Submission:
    """One request a service sends PRO: a Pack Order, or the cancellation of a consignment.

    ``key`` names it for as long as the ledger lives: submitting again under it is the same
    submission, not a second one, and a PRO that honours idempotency keys can be sent it with
    the request. PRO's v1 documents name no such key, so after a timeout reconcile before
    sending again. Exactly one of
    ``request`` (a Pack Order) and ``cancel`` (the reference of the consignment to cancel) is
    given. A confirmed Pack Order names the ``consignments`` PRO made, outbound first; a
    refused or released one keeps the ``reason``.
    """

    key: str
    request: PackOrderRequest | None = None
    cancel: str | None = None
    state: SubmissionState = SubmissionState.PENDING
    consignments: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    reason: str | None = None

    def __attrs_post_init__(self) -> None:
        """One request of one kind; references only once confirmed; a reason only once closed."""
        checks = Checks()
        if not self.key:
            checks.add("empty_submission_key", "key", "a submission needs a key to be found by")
        if (self.request is None) == (self.cancel is None):
            checks.add(
                "submission_kind",
                "request",
                "a submission is either a Pack Order (request) or a cancellation (cancel)",
            )
        if self.consignments and (self.state is not SubmissionState.CONFIRMED or self.cancel):
            checks.add(
                "submission_consignments",
                "consignments",
                "only a confirmed Pack Order names the consignments PRO made",
            )
        if self.reason is not None and self.state not in _CLOSED:
            checks.add(
                "submission_reason",
                "reason",
                "only a refused or released submission keeps a reason",
            )
        checks.raise_if_any()

    @property
    def reserves(self) -> bool:
        """Whether this holds units back from what is outstanding: a pending Pack Order."""
        return self.state is SubmissionState.PENDING and self.request is not None


_CLOSED = frozenset({SubmissionState.REFUSED, SubmissionState.RELEASED})


def _problems_of(ledger: OrderLedger) -> list[Problem]:
    """What is wrong with *ledger*'s submissions: keys used twice, items not on the order."""
    checks = Checks()
    seen: set[str] = set()
    for s, submission in enumerate(ledger.submissions):
        if submission.key in seen:
            checks.add(
                "key_reused",
                f"submissions[{s}].key",
                f"key {shown(submission.key)} names an earlier submission",
            )
        seen.add(submission.key)
        if submission.request is not None:
            for p, package in enumerate(submission.request.packages):
                for i, item in enumerate(package.items):
                    found = ledger.order.match(item)
                    if isinstance(found, Problem):
                        checks.include(
                            found.within(f"submissions[{s}].request.packages[{p}].items[{i}]")
                        )
    return checks.problems


def _keys(keys: Iterable[str]) -> list[str]:
    """*keys* as a list, each a string: an iterator's items, which no argument check saw."""
    given = each_item(keys, lambda key: isinstance(key, str), "keys", "a str")
    return typing.cast("list[str]", list(given))


def _split_submissions(
    requests: tuple[PackOrderRequest, ...],
    given: list[str] | None,
    key: Callable[[str | None, int], str],
) -> list[Submission]:
    """A submission per Pack Order of a split, under the *given* keys or *key*'s numbers.

    Raises:
        LedgerError: ``keys_mismatch`` if *given* is not one key per request, ``key_reused``
            if a key is given twice.
    """
    if given is not None and len(given) != len(requests):
        raise LedgerError(
            [
                Problem(
                    code="keys_mismatch",
                    path="keys",
                    message=f"expected {len(requests)} keys, one per Pack Order of the split, "
                    f"got {len(given)}",
                )
            ]
        )
    submissions = [
        Submission(key=key(None if given is None else given[n], n), request=request)
        for n, request in enumerate(requests)
    ]
    if len({s.key for s in submissions}) != len(submissions):
        raise LedgerError([Problem(code="key_reused", path="keys", message="a key is given twice")])
    return submissions


def _refuse_pending_cancel(in_flight: tuple[Submission, ...], asked: Submission) -> None:
    """Refuse *asked*, a cancellation, if another key holds the same one in flight."""
    if any(s.cancel == asked.cancel and s.key != asked.key for s in in_flight):
        raise LedgerError(
            [
                Problem(
                    code="cancel_pending",
                    path="cancel",
                    message=f"the cancellation of {shown(asked.cancel)} is pending already",
                )
            ]
        )


def _find(ledger: OrderLedger, key: str) -> int:
    """The index of the submission under *key*; a ``submission_unknown`` error if none."""
    for index, submission in enumerate(ledger.submissions):
        if submission.key == key:
            return index
    raise LedgerError(
        [
            Problem(
                code="submission_unknown",
                path="submissions",
                message=f"no submission of this ledger has key {shown(key)}",
            )
        ]
    )


def _settled(submission: Submission, wanted: str) -> LedgerError:
    """The error for an answer to a submission that has had its answer."""
    return LedgerError(
        [
            Problem(
                code="submission_settled",
                path="submissions",
                message=f"submission {shown(submission.key)} is {submission.state.value}; "
                f"it cannot be {wanted} now",
            )
        ]
    )


def _shipped(consignment: Consignment, *, exact: bool) -> tuple[object, ...]:
    """What a consignment ships, as a reconcile matches it to the request that made it.

    PRO fills in much of a consignment it makes (dates created, allocation, package
    references, statuses) and takes from the request only its packages: their measures or
    size, and their items. So a consignment is matched by its direction and packages, and,
    when *exact*, also by orderpack's own fields of the request (origin, shipping date), which
    PRO may not keep but a consignment made from the request does.
    """
    packages = sorted(
        (
            repr((package.weight, package.dimensions, package.package_size_reference)),
            sorted(
                (
                    item.reference or "",
                    item.sku or "",
                    item.item_reference_provided_by_customer or "",
                    item.quantity,
                )
                for item in package.items
            ),
        )
        for package in consignment.packages
    )
    if not exact:
        return (consignment.direction, packages)
    return (consignment.direction, packages, consignment.shipping_date, consignment.origin)


def _claims(
    ledger: OrderLedger, unclaimed: list[Consignment], theirs: dict[str | None, Consignment]
) -> dict[int, tuple[str, ...]]:
    """What PRO made of each pending submission, by index; *unclaimed* loses what is taken.

    What fits a submission in every respect is taken first, then what fits by contents.
    """
    made: dict[int, tuple[str, ...]] = {}
    for exact in (True, False):
        for n, submission in enumerate(ledger.submissions):
            if submission.state is SubmissionState.PENDING and n not in made:
                found = _matched(ledger, submission, unclaimed, theirs, exact=exact)
                if found is not None:
                    made[n] = found
    return made


def _matched(
    ledger: OrderLedger,
    submission: Submission,
    unclaimed: list[Consignment],
    theirs: dict[str | None, Consignment],
    *,
    exact: bool,
) -> tuple[str, ...] | None:
    """What PRO made of pending *submission*, taken from *unclaimed*; ``None`` if nothing.

    *exact* matches by everything the request decides, orderpack's own fields (origin,
    shipping date) included; otherwise by what PRO keeps of a request (see ``_shipped``).
    A cancellation's answer is the consignment itself, cancelled (or gone) at PRO.
    """
    if submission.request is None:
        return () if _is_cancelled(theirs.get(submission.cancel)) else None
    made = pack_order(ledger.order, submission.request, references=SequentialReferences())
    wanted = [made.consignment]
    if made.return_consignment is not None:
        wanted.append(made.return_consignment)
    found: list[Consignment] = []
    for consignment in wanted:
        shape = _shipped(consignment, exact=exact)
        match = next(
            (
                c
                for c in unclaimed
                if _shipped(c, exact=exact) == shape and all(c is not f for f in found)
            ),
            None,
        )
        if match is None:
            return None
        found.append(match)
    for consignment in found:
        unclaimed.remove(consignment)
    return tuple(typing.cast("str", c.reference) for c in found)


def _is_cancelled(consignment: Consignment | None) -> bool:
    """Whether PRO holds *consignment* cancelled, or not at all."""
    return consignment is None or consignment.state is ConsignmentState.CANCELLED


def _change(mine: Consignment, theirs: Consignment) -> str | None:
    """How PRO's copy of a consignment differs from the ledger's, beyond what PRO fills in.

    PRO gives package references, dates and statuses the ledger had no way to know; a new
    state or other contents are a change.
    """
    if mine.state is not theirs.state:
        return f"is {theirs.state.value}, not {mine.state.value}"
    if _content(mine) != _content(theirs):
        return "ships something else"
    return None


def _reconciled(
    ledger: OrderLedger, theirs: tuple[Consignment, ...]
) -> tuple[list[Submission], list[Problem]]:
    """:meth:`OrderLedger.reconcile`'s judgement: the submissions as PRO's *theirs* settle them.

    A pending submission PRO made is confirmed, one it never made released; each difference
    between *ledger* and PRO is a problem, at ``submissions[n]`` or ``consignments[n]``.
    """
    checks = Checks()
    by_reference = {c.reference: c for c in theirs}
    at = {id(c): n for n, c in enumerate(theirs)}
    mine = {c.reference for c in ledger.consignments}
    for n, consignment in enumerate(ledger.consignments):
        if consignment.reference not in by_reference:
            checks.add(
                "consignment_missing",
                f"consignments[{n}]",
                f"PRO holds no consignment {shown(consignment.reference)}; dropped",
            )
        elif (change := _change(consignment, by_reference[consignment.reference])) is not None:
            checks.add(
                "consignment_changed",
                f"consignments[{at[id(by_reference[consignment.reference])]}]",
                f"PRO's copy of {shown(consignment.reference)} {change}; PRO's is kept",
            )
    unclaimed = [c for c in theirs if c.reference not in mine]
    made = _claims(ledger, unclaimed, by_reference)
    settled: list[Submission] = []
    for n, submission in enumerate(ledger.submissions):
        if submission.state is not SubmissionState.PENDING:
            settled.append(submission)
        elif n in made:
            settled.append(
                attrs.evolve(submission, state=SubmissionState.CONFIRMED, consignments=made[n])
            )
            what = (
                f"made {shown(list(made[n]))}"
                if submission.request is not None
                else f"holds {shown(submission.cancel)} cancelled, or not at all"
            )
            checks.add("submission_confirmed", f"submissions[{n}]", f"PRO {what}: confirmed")
        else:
            reason = "reconciled: PRO never made it"
            settled.append(attrs.evolve(submission, state=SubmissionState.RELEASED, reason=reason))
            checks.add(
                "submission_released",
                f"submissions[{n}]",
                f"PRO never made {shown(submission.key)}; released",
            )
    for consignment in unclaimed:
        checks.add(
            "consignment_unexpected",
            f"consignments[{at[id(consignment)]}]",
            f"PRO holds {shown(consignment.reference)}, which no submission of this "
            "ledger made; recorded",
        )
    return settled, checks.problems


def _held(
    standing: tuple[Submission, ...], made: list[Submission]
) -> tuple[tuple[Submission, ...], list[Submission]]:
    """The submissions with *made* pending, and each of *made* as it is held.

    A key the ledger knows with the same request: a released one (PRO never made it) is
    pending again, a refused one is refused (send it under a new key); a pending or confirmed
    one is a retry, which :func:`_retried` answers before anything is judged. Another request
    under a known key is ``key_reused``.
    """
    known = {s.key: s for s in standing}
    submissions = list(standing)
    for submission in made:
        earlier = known.get(submission.key)
        if earlier is None:
            known[submission.key] = submission
            submissions.append(submission)
        elif (earlier.request, earlier.cancel) != (submission.request, submission.cancel):
            raise LedgerError(
                [
                    Problem(
                        code="key_reused",
                        path="key",
                        message=f"key {shown(submission.key)} names an earlier, different "
                        "submission",
                    )
                ]
            )
        elif earlier.state is SubmissionState.REFUSED:
            raise _settled(earlier, "sent again under its key; give it a new key")
        else:  # released: PRO never made it (a standing one is a retry, taken before)
            known[submission.key] = submission
            submissions[submissions.index(earlier)] = submission
    return tuple(submissions), [known[s.key] for s in made]


def _retried(standing: tuple[Submission, ...], asked: list[Submission]) -> list[Submission] | None:
    """The submissions *asked* are retries of, if each is of a pending or confirmed one."""
    known = {s.key: s for s in standing}
    earlier = [known.get(s.key) for s in asked]
    if all(
        e is not None and (e.request, e.cancel) == (s.request, s.cancel) and e.state in _STANDING
        for e, s in zip(earlier, asked, strict=True)
    ):
        return typing.cast("list[Submission]", earlier)
    return None


_STANDING: Final = frozenset({SubmissionState.PENDING, SubmissionState.CONFIRMED})
"""The states in which a submission sent again under its key is the same request."""
