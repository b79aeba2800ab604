"""The exception tree, and the problems a validation failure carries.

Every exception orderpack raises derives from :class:`OrderpackError`. A failed validation
raises a :class:`ValidationError` (a :class:`ValueError`, so callers who do not know this tree
still catch it sensibly) that carries *every* problem found, each a :class:`Problem` with a
stable code, a path and a message. Nothing partial is returned alongside it.

>>> problem = Problem(code="quantity_not_positive", path="quantity", message="must be >= 1")
>>> error = ModelError([problem])
>>> print(error)
1 problem:
- quantity_not_positive at quantity: must be >= 1
>>> error.codes()
('quantity_not_positive',)
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Final

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "CODES",
    "ContractError",
    "CurrencyMismatchError",
    "LedgerError",
    "LifecycleError",
    "ModelError",
    "OrderpackError",
    "PackError",
    "PicksError",
    "PlanningError",
    "Problem",
    "SplitError",
    "UpdateError",
    "ValidationError",
]


CODES: Final[Mapping[str, str]] = MappingProxyType(
    {
        # A value's own fields
        "not_decimal": "A measure or amount is not a Decimal; floats are refused.",
        "not_finite": "A measure or amount is NaN or infinite.",
        "too_precise": "A measure or amount has more than 28 decimal places (.NET's decimal).",
        "negative": "A measure, an amount or a count is below zero.",
        "empty_sum": "Amounts summed are none: an empty sum of money has no currency.",
        "out_of_range": (
            "A number is past what PRO holds (.NET's decimal or int) or off the globe, or an "
            "argument past its range (a line number, a count of workers)."
        ),
        "not_int": "A quantity is not a whole number (booleans are not quantities).",
        "quantity_not_positive": "A quantity is zero or negative.",
        "naive_datetime": "A datetime has no UTC offset.",
        "not_date": "A ship day is not a calendar date (a datetime or text is not one).",
        "window_reversed": "A delivery window ends before it starts.",
        "bad_time": "A delivery window holds something other than times of day and an offset.",
        "bad_reference": "A reference does not have PRO's format (EO-, EC-, EP-, 32 hex).",
        "bad_currency": "A currency is not a three-letter ISO 4217 code.",
        "bad_country": "A country is not a two-letter ISO 3166-1 code.",
        "empty_key": "A metadata entry has no key.",
        # Orders, consignments and requests: O1, O5, P2, P3, P6, C1 and A1 to A3
        "order_without_packages": "An order has no package (O1).",
        "consignment_without_packages": "A consignment has no package (C1).",
        "request_without_packages": "A Pack Order request has no package (P2).",
        "package_without_items": "A package that must hold items holds none (O1, P2).",
        "package_unmeasured": "A package has no weight or dimensions and no size (O5, P6).",
        "missing_address": "An Origin or Destination address is missing (A1).",
        "duplicate_address_type": "Two addresses have the same type (A3).",
        "no_shipping_location": "Neither end names a shipping location (A2).",
        "item_unidentified": "A pack item or allocation names no identifier (P3).",
        # Matching items to order lines: P4 and Q4
        "item_not_on_order": "An identifier matches no order item (P4).",
        "item_identifiers_disagree": "Identifiers given together name different items (Q4).",
        "item_ambiguous": "The identifiers given match several order items (Q4).",
        "order_reference_mismatch": "A request or consignment names another order (P2).",
        # Plans
        "empty_label": "A planned package has no label.",
        "empty_origin": "An allocation names no origin.",
        "duplicate_package_label": "Two planned packages share a label.",
        "package_unknown": "An allocation names a package the plan does not have.",
        "package_empty": "A planned package has no allocations.",
        "over_allocated": "A line is allocated more than it was ordered.",
        "package_spans_consignments": "A package's allocations differ in origin, day or service.",
        "package_underweight": "A package is declared lighter than its items.",
        "mixed_currencies": "One consignment would hold more than one currency.",
        "ship_day_after_required_delivery": "A ship day is after the required delivery date.",
        # The split checker
        "destination_mismatch": "A consignment goes somewhere other than the order.",
        "direction_mismatch": "A consignment's direction differs from the order's.",
        "item_details_differ": "A consignment item's details differ from its order item's.",
        "over_packed": "A line is packed more than it was ordered.",
        "quantity_not_conserved": "Packed plus outstanding is not what was ordered.",
        "line_not_on_order": "A stated line balance names a line the order does not have.",
        "duplicate_line": "Two stated line balances name the same order line.",
        "duplicate_consignment_key": "Two consignments share origin, ship day and service.",
        # The consignment lifecycle: C1, C2, C4
        "action_not_allowed": "An action is not allowed in the consignment's state (C2, C4).",
        "package_not_found": "No package of the consignment has the reference given.",
        "last_package": "The package to delete is the consignment's last (C1).",
        "consignment_reference_mismatch": "An Update Consignment names another consignment.",
        # The ledger
        "consignment_unknown": "No consignment of the order has the reference given.",
        "repeat_pack": "A live consignment ships the same as an earlier one (P5).",
        "duplicate_reference": "Two consignments not cancelled share a reference.",
        "response_mismatch": "PRO's Pack Order response does not fit the request.",
        "references_exhausted": "A reference source ran out of references (after ZZZ-ZZZ-ZZZ).",
        # Requests in flight: submissions, PRO's answers, reconciling
        "empty_submission_key": "A submission has no key.",
        "submission_kind": "A submission is neither, or both, a Pack Order and a cancellation.",
        "submission_consignments": "A submission names consignments but is no confirmed pack.",
        "submission_reason": "A submission keeps a reason but was neither refused nor released.",
        "submission_unknown": "No submission of the ledger has the key given.",
        "submission_settled": "An answer to a submission that already has a different one.",
        "key_reused": "A submission key names an earlier, different submission.",
        "keys_mismatch": "Not one key per Pack Order of the split.",
        "cancel_pending": "The cancellation of the consignment is pending already.",
        "response_missing": "Confirming a Pack Order needs PRO's response.",
        "submission_confirmed": "Reconciling found what PRO made for a pending submission.",
        "submission_released": "Reconciling found that PRO never made a pending submission.",
        "consignment_unexpected": "PRO holds a consignment no submission of the ledger made.",
        "consignment_missing": "The ledger held a consignment PRO does not.",
        "consignment_changed": "PRO's copy of a consignment differs from the ledger's.",
        # Order management: section 6.4
        "address_type_exists": "Add Address names a type the order already has.",
        "address_type_missing": "Update Address names a type the order does not have.",
        # The JSON contract
        "invalid_json": "The document is not JSON.",
        "wrong_type": (
            "A value, a field or an argument has the wrong type (a string for a number, a list "
            "for an order, ...)."
        ),
        "bad_value": "A value has the right type but is not one allowed.",
        "missing_key": "A required key is absent.",
        "unknown_key": "A key the contract does not know, in a strict read.",
        "duplicate_key": "A key given twice in one object, in a strict read.",
        "version_unsupported": "A ledger document of a version this orderpack does not read.",
        # Batches
        "unpaired_line": "A batch line has an order and no plan, or a plan and no order.",
        "worker_lost": "A worker splitting a batch line died, and again when its lines ran alone.",
        # Picks as CSV
        "invalid_csv": "The file is not CSV: not UTF-8, a cell too large, a row too long.",
        "missing_column": "The header lacks a column the picks need.",
        "duplicate_column": "The header names a column twice.",
        "empty_cell": "A cell a pick needs is empty.",
        "measures_differ": "Two rows give one package different measures.",
        # Planning
        "duplicate_location": "Stock names a location twice.",
        "location_unknown": "A stock level names a location the stock does not have.",
        "box_overweight": "A box weighs its maximum, or more, empty.",
        "location_differs": "Two rows give one location different facts.",
    }
)
"""Every problem code orderpack uses, with what it means. Codes are stable."""


def _known_code(_: object, __: attrs.Attribute[str], code: str) -> None:
    if code not in CODES:
        raise ValueError(f"unknown problem code {code!r}; add it to orderpack.errors.CODES")


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with an input.

    Attributes:
        code: A stable identifier such as ``item_not_on_order``, one of :data:`CODES`.
        path: Where the problem is, relative to the value that was checked, written the way
            the value is read in Python: ``packages[1].items[0].sku``. Empty for the whole value.
        message: Names the offending value, what was expected and, where there is one, the
            rule (``"P4"``).
    """

    code: str = attrs.field(validator=_known_code)
    path: str
    message: str

    def __str__(self) -> str:
        """Render as one line: code, path, message."""
        where = f" at {self.path}" if self.path else ""
        return f"{self.code}{where}: {self.message}"

    def to_wire(self) -> dict[str, str]:
        """This problem as the command line's and batch lines' JSON writes it.

        >>> Problem(code="negative", path="quantity", message="m").to_wire()
        {'Code': 'negative', 'Path': 'quantity', 'Message': 'm'}
        """
        return {"Code": self.code, "Path": self.path, "Message": self.message}

    def within(self, prefix: str) -> Problem:
        """Return this problem with its path placed under *prefix*.

        >>> problem = Problem(code="negative", path="quantity", message="m")
        >>> problem.within("allocations[2]").path
        'allocations[2].quantity'
        >>> attrs.evolve(problem, path="").within("packages[0]").path
        'packages[0]'
        """
        path = f"{prefix}.{self.path}" if self.path else prefix
        return attrs.evolve(self, path=path)


class OrderpackError(Exception):
    """Base class of every exception raised by orderpack."""


class ValidationError(OrderpackError, ValueError):
    """An input breaks one or more rules; :attr:`problems` lists every one of them.

    Subclasses say which kind of input was refused. The message lists each problem on a line.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        """Build from the problems found; there must be at least one."""
        self.problems = tuple(problems)
        if not self.problems:
            raise ValueError("a ValidationError needs at least one problem")
        count = len(self.problems)
        heading = f"{count} problem{'s' if count > 1 else ''}:"
        super().__init__("\n".join([heading, *(f"- {p}" for p in self.problems)]))

    def codes(self) -> tuple[str, ...]:
        """Return the problems' codes, in the order they were found."""
        return tuple(p.code for p in self.problems)

    def __reduce__(self) -> tuple[type[ValidationError], tuple[tuple[Problem, ...]]]:
        """Pickle by the problems, so the error crosses to another process whole."""
        return (type(self), (self.problems,))


class ModelError(ValidationError):
    """A model value (an order, a package, an address, ...) cannot be built as given."""


class PackError(ValidationError):
    """A Pack Order request cannot be applied to its order."""


class SplitError(ValidationError):
    """A split plan cannot be applied to its order."""


class LifecycleError(ValidationError):
    """An action cannot be applied to a consignment in its state (section 8.2, C1, C2, C4)."""


class LedgerError(ValidationError):
    """Consignments or requests do not fit their order, or an answer does not fit its request."""


class UpdateError(ValidationError):
    """An Update Order, Add Address or Update Address request cannot be applied (6.4)."""


class ContractError(ValidationError):
    """A JSON document does not fit PRO's contract; paths are wire paths (PRO's keys)."""


class PicksError(ValidationError):
    """A picks CSV cannot be read as a plan; paths are ``line N column C`` (the header is 1)."""


class PlanningError(ValidationError):
    """A planning input cannot be used: stock, boxes, a policy or what is outstanding."""


class CurrencyMismatchError(OrderpackError, ValueError):
    """Two amounts in different currencies were combined.

    Money of different currencies never adds silently.
    """
