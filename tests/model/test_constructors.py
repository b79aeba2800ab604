"""Every public constructor refuses a wrong type with a ModelError naming the field.

Starting from a valid value of each model class, one field is given a value of another type:
the constructor builds a value or raises :class:`~orderpack.ModelError`, and never anything
else. A wrong type is named at its field; an enum's value is converted to its member.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderpack import (
    Address,
    AddressType,
    Allocation,
    Barcode,
    CarrierAllocation,
    Consignment,
    ConsignmentState,
    Contact,
    Country,
    CustomsDocumentation,
    DeliveryWindow,
    Dimensions,
    FailedCarrierAllocation,
    Item,
    LatLong,
    LineBalance,
    MetaData,
    ModelError,
    Money,
    Order,
    OrderItem,
    OrderLedger,
    OrderPackage,
    Package,
    PackItem,
    PackPackage,
    RequestedDeliveryDate,
    Split,
    Submission,
    Weight,
    WeightUnit,
    pack_order,
    split_order,
)
from orderpack.demo import seed_boxes, seed_order, seed_plan, seed_stock
from orderpack.model.checks import Checks
from orderpack.model.classes import model, rules_of
from orderpack.model.trusted import copier, trusted
from orderpack.packing.pack import consignment_item
from orderpack.planning import PRESETS
from orderpack.strategies import order_items, orders, plans
from orderpack.tracking.lifecycle import ConsignmentUpdate
from orderpack.tracking.management import OrderUpdate
from orderpack.tracking.responses import ApiError, ApiErrorDetail, pack_response


def _reports() -> list[object]:
    """A status report and one of each of its parts."""
    ledger = OrderLedger.open(seed_order()).pack(split_order(seed_order(), seed_plan()).requests[0])
    sent = ledger.ledger.submit_cancel("EC-000-000-001").ledger
    report = sent.report()
    return [report, report.lines[0], report.consignments[0], report.submissions[0]]


def _samples() -> dict[type, object]:
    """A valid value of every model class."""
    order = seed_order()
    plan = seed_plan()
    split = split_order(order, plan)
    made = pack_order(order, split.requests[0])
    consignment = split.consignments[0]
    response = pack_response(made)
    values: list[object] = [
        order,
        order.packages[0],
        order.items[0],
        order.destination,
        Weight(value=Decimal("0.5")),
        Dimensions(width=Decimal(1), length=Decimal(2), height=Decimal(3)),
        Money(amount=Decimal("5.99"), currency="GBP"),
        Country(iso_code="GB", name="United Kingdom", three_letter_code="GBR"),
        Contact(first_name="Ada", email="ada@example.com"),
        LatLong(latitude=Decimal("51.5"), longitude=Decimal("-0.12")),
        MetaData(key="Note", string_value="x", int_value=1),
        Barcode(code="123"),
        DeliveryWindow(start=time(9), end=time(12), utc_offset=timedelta(hours=1)),
        RequestedDeliveryDate(
            date=datetime(2026, 12, 4, tzinfo=UTC),
            delivery_window=DeliveryWindow(start=time(9), end=time(12)),
        ),
        CustomsDocumentation(
            reason_for_export="Sale", invoice_date=datetime(2026, 1, 1, tzinfo=UTC)
        ),
        consignment,
        consignment.packages[0],
        consignment.items[0],
        consignment.key,
        split.requests[0],
        split.requests[0].packages[0],
        split.requests[0].packages[0].items[0],
        made,
        plan,
        plan.packages[0],
        plan.allocations[0],
        split.lines[0],
        split,
        OrderUpdate(order_reference="EO-000-002-0TS", tags=["Fragile"]),
        ConsignmentUpdate(reference="EC-000-000-001", tags=["Fragile"], packages=[]),
        response,
        response.results[0],
        response.results[0].api_links[0],
        Submission(key="EO-000-002-0TS/1", request=split.requests[0]),
        ApiError(code="ObjectNotFound", message="not found", details=[ApiErrorDetail(code="x")]),
        ApiErrorDetail(code="NotFound", target="Items[0]", message="no such item"),
        *_reports(),
        seed_stock(),
        seed_boxes(),
        PRESETS["fewest-shipments"],
        CarrierAllocation(
            mpd_carrier_service_reference="DPD-NEXT-DAY",
            allocation_date=datetime(2026, 11, 30, tzinfo=UTC),
            price=Money(amount=Decimal("6.95"), currency="GBP"),
        ),
        FailedCarrierAllocation(
            attempted_allocation_date=datetime(2026, 11, 30, tzinfo=UTC), message="too long"
        ),
    ]
    return {type(value): value for value in values}


SAMPLES = _samples()
FIELDS = [(cls, field.name) for cls in SAMPLES for field in attrs.fields(cls) if field.init]
WRONG_VALUES: list[object] = [
    None,
    0,
    -1,
    2**70,
    1.5,
    float("nan"),
    True,
    "",
    "x",
    "Cancelled",
    b"x",
    [],
    [None],
    (None,),
    ("x",),
    {},
    {"a": 1},
    object(),
    Decimal(1),
    Decimal("NaN"),
    date(2026, 1, 1),
    datetime(2026, 1, 1),  # noqa: DTZ001 - a naive one is one of the wrong things
    datetime(2026, 1, 1, tzinfo=UTC),
    time(9),
    timedelta(days=2),
    AddressType.ORIGIN,
    WeightUnit.G,
]


def test_every_model_class_has_a_sample() -> None:
    """The samples cover the model: every attrs class of the public API."""
    import orderpack  # noqa: PLC0415

    public = {
        cls
        for name in orderpack.__all__
        if isinstance(cls := getattr(orderpack, name), type) and attrs.has(cls)
    }
    # The ledger and what its methods return are built by OrderLedger.open and its methods,
    # and a Problem by orderpack.
    assert public - set(SAMPLES) <= {
        orderpack.OrderLedger,
        orderpack.LedgerPack,
        orderpack.LedgerSplit,
        orderpack.Submitted,
        orderpack.Reconciled,
        orderpack.Problem,
    }


def _build(cls: type, name: str, wrong: object) -> str | None:
    """Build *cls* with *wrong* in field *name*: what escaped other than a ModelError, if any."""
    fields: dict[str, Any] = {
        field.alias: getattr(SAMPLES[cls], field.name) for field in attrs.fields(cls) if field.init
    }
    fields[attrs.fields_dict(cls)[name].alias or name] = wrong
    try:
        cls(**fields)
    except ModelError as error:
        return None if error.problems else "a ModelError with no problem"
    except Exception as error:  # noqa: BLE001 - what the law forbids
        return f"{cls.__name__}.{name} = {wrong!r}: {type(error).__name__}: {error}"
    return None


def test_a_wrong_type_in_any_field_is_a_model_error_never_another_exception() -> None:
    """Every field of every class, every value of the pool: built, or a ModelError."""
    escaped = [
        found
        for cls, name in FIELDS
        for wrong in WRONG_VALUES + list(SAMPLES.values())
        if (found := _build(cls, name, wrong)) is not None
    ]

    assert escaped == []


@given(case=st.sampled_from(FIELDS), wrong=st.lists(st.sampled_from(WRONG_VALUES), max_size=3))
def test_a_collection_of_wrong_things_is_a_model_error(
    case: tuple[type, str], wrong: list[object]
) -> None:
    """A list of anything, in any field: built, or a ModelError."""
    assert _build(*case, wrong) is None
    assert _build(*case, tuple(wrong)) is None


@pytest.mark.parametrize(
    ("cls", "name", "wrong"),
    [
        (Money, "currency", 5),
        (Weight, "unit", "lbs"),
        (Address, "address_type", None),
        (Consignment, "packages", None),
        (Consignment, "shipping_date", date(2026, 12, 1)),
        (MetaData, "int_value", "5"),
    ],
)
def test_a_wrong_type_is_named_at_its_field(cls: type, name: str, wrong: object) -> None:
    """The repros of the contract issue: each refused as wrong_type at the field."""
    fields = {f.alias: getattr(SAMPLES[cls], f.name) for f in attrs.fields(cls) if f.init}
    fields[name] = wrong

    with pytest.raises(ModelError) as caught:
        cls(**fields)

    assert [(p.code, p.path) for p in caught.value.problems] == [("wrong_type", name)]


def test_one_wrong_type_hides_no_other_problem() -> None:
    """The wrong type, and each rule broken beside it, in one error (the errors page's promise)."""
    with pytest.raises(ModelError) as caught:
        Allocation(origin=None, quantity=0, ship_day=None, package="BOX")  # type: ignore[arg-type]

    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("wrong_type", "origin"),
        ("item_unidentified", ""),
        ("quantity_not_positive", "quantity"),
        ("not_date", "ship_day"),
    ]


def test_a_rule_about_a_field_of_the_wrong_type_adds_nothing() -> None:
    """Rules that fail on the wrong type, or name the same field, leave its one problem."""
    with pytest.raises(ModelError) as failing:
        Weight(value=Decimal(1), unit="lbs")  # type: ignore[arg-type]
    with pytest.raises(ModelError) as same_field:
        _Measured(label=12345, n=-1)  # type: ignore[arg-type]

    assert [(p.code, p.path) for p in failing.value.problems] == [("wrong_type", "unit")]
    assert [(p.code, p.path) for p in same_field.value.problems] == [
        ("wrong_type", "label"),
        ("negative", "n"),
    ]


@model
class _Measured:
    """A model class whose rules can judge a label of any type."""

    label: str
    n: int

    def __attrs_post_init__(self) -> None:
        problems = Checks()
        if len(str(self.label)) > 3:
            problems.add("bad_value", "label", "expected at most 3 characters")
        if self.n < 0:
            problems.add("negative", "n", "expected a number >= 0")
        problems.raise_if_any()


def test_every_model_constructor_checks_types_and_then_its_rules() -> None:
    """Each class with rules keeps them apart from the type check that its constructor runs."""
    kept_apart = [cls for cls in SAMPLES if rules_of(cls) is not _post_init(cls)]

    assert set(kept_apart) == set(SAMPLES)


def _post_init(cls: Any) -> object:  # noqa: ANN401 - any class
    return cls.__attrs_post_init__


def test_a_class_rules_check_what_its_types_do_not_say() -> None:
    """A weight's rules refuse a negative value, and leave the unit's type to the constructor."""
    rules = rules_of(Weight)

    with pytest.raises(ModelError) as negative:
        rules(trusted(Weight, value=Decimal(-1), unit=WeightUnit.KG))
    rules(trusted(Weight, value=Decimal(1), unit="lbs"))
    with pytest.raises(ModelError) as wrong_type:
        Weight(value=Decimal(1), unit="lbs")  # type: ignore[arg-type]

    assert [(p.code, p.path) for p in negative.value.problems] == [("negative", "value")]
    assert [(p.code, p.path) for p in wrong_type.value.problems] == [("wrong_type", "unit")]


def test_the_rules_of_a_class_not_made_by_model_are_its_whole_post_init() -> None:
    """A class of another kind: its ``__attrs_post_init__`` as it is, or nothing to run."""

    @attrs.frozen
    class Checked:
        n: int

        def __attrs_post_init__(self) -> None:
            if self.n < 0:
                raise ValueError(self.n)

    @attrs.frozen
    class Plain:
        n: int

    assert rules_of(Checked) is Checked.__attrs_post_init__
    rules_of(Plain)(Plain(n=-1))
    with pytest.raises(ValueError, match="-1"):
        rules_of(Checked)(trusted(Checked, n=-1))


def test_an_enum_value_is_converted_to_its_member() -> None:
    """A state given as PRO's name is the state, and the ledger counts it as such."""
    sample = SAMPLES[Consignment]
    assert isinstance(sample, Consignment)

    cancelled = attrs.evolve(sample, state="Cancelled")  # type: ignore[arg-type]

    assert cancelled.state is ConsignmentState.CANCELLED
    assert Weight(value=Decimal(1), unit="Lb").unit is WeightUnit.LB  # type: ignore[arg-type]


@given(line=order_items(), quantity=st.integers(1, 5))
def test_a_trusted_consignment_item_is_the_public_constructors(
    line: OrderItem, quantity: int
) -> None:
    """Built without checks from a checked order item: equal, hash-equal, frozen, an Item."""
    made = consignment_item(line, quantity)
    public = Item(
        quantity=quantity,
        **{f.name: getattr(line, f.name) for f in attrs.fields(OrderItem) if f.name != "quantity"},
    )

    assert type(made) is Item
    assert made == public
    assert hash(made) == hash(public)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.quantity = quantity + 1  # type: ignore[misc]


@given(placed=orders(), data=st.data())
def test_trusted_balances_and_sums_are_the_public_constructors(
    placed: Order, data: st.DataObject
) -> None:
    """A split's line balances, pack items and packages' sums, built without checks."""
    split = split_order(placed, data.draw(plans(placed)))

    public_split = Split(
        consignments=split.consignments, requests=split.requests, lines=split.lines
    )
    assert type(split) is Split
    assert (split, hash(split)) == (public_split, hash(public_split))
    for balance in split.lines:
        assert type(balance) is LineBalance
        assert balance == LineBalance(**attrs.asdict(balance))
        assert hash(balance) == hash(LineBalance(**attrs.asdict(balance)))
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            balance.packed = 0  # type: ignore[misc]
    for planned in (p for r in split.requests for p in r.packages):
        public = PackPackage(
            **{f.name: getattr(planned, f.name) for f in attrs.fields(PackPackage)}
        )
        assert type(planned) is PackPackage
        assert (planned, hash(planned)) == (public, hash(public))
    for item in (i for r in split.requests for p in r.packages for i in p.items):
        assert type(item) is PackItem
        assert item == PackItem(**attrs.asdict(item))
        assert hash(item) == hash(PackItem(**attrs.asdict(item)))
    for package in (p for c in split.consignments for p in c.packages):
        public_package = Package(
            **{f.name: getattr(package, f.name) for f in attrs.fields(Package)}
        )
        assert type(package) is Package
        assert (package, hash(package)) == (public_package, hash(public_package))
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            package.reference = None  # type: ignore[misc]
        assert package.weight is not None  # a split weighs every package
        assert package.weight == Weight(**attrs.asdict(package.weight, recurse=False))
        assert package.value is None or package.value == Money(
            **attrs.asdict(package.value, recurse=False)
        )


def test_a_builder_refuses_a_class_with_a_field_named_like_its_own_names() -> None:
    """A generated builder's own names cannot be a field's: such a class is refused."""

    @attrs.frozen
    class Odd:
        _trusted_made: int

    with pytest.raises(TypeError, match="named like a builder's own names"):
        copier(Odd)


def test_a_copier_names_the_fields_a_class_lacks() -> None:
    """A builder asked to set a field its class has not is refused when it is made."""
    with pytest.raises(TypeError, match=r"Item has no field \['colour'\]"):
        copier(Item, "quantity", colour="status")


@pytest.mark.parametrize(
    "build",
    [
        lambda: LineBalance(line=None, path="p", ordered="a", packed=1.5),  # type: ignore[arg-type]
        lambda: OrderLedger(order=None),  # type: ignore[arg-type]
        lambda: OrderLedger(order=seed_order(), consignments=[1]),
        lambda: Package(items=[seed_order().items[0]], package_size_reference="BOX"),
        lambda: OrderPackage(items=[SAMPLES[Item]], package_size_reference="BOX"),
        lambda: OrderUpdate(order_reference="EO-000-002-0TS", shipping_date=datetime(2026, 1, 1)),  # noqa: DTZ001
        lambda: MetaData(key="k", int_value=10**30),
    ],
    ids=[
        "balance",
        "ledger",
        "ledger-items",
        "package-items",
        "order-package-items",
        "naive",
        "long",
    ],
)
def test_the_constructors_the_outside_found_refuse(build: Any) -> None:  # noqa: ANN401
    """Each refused with a ModelError, before anything else can go wrong."""
    with pytest.raises(ModelError):
        build()


def test_a_delivery_windows_offset_keeps_its_fraction() -> None:
    """An offset of 01:00:00.5 is written as it was read."""
    from orderpack.contract import dumps, read  # noqa: PLC0415

    window = DeliveryWindow(
        start=time(9), end=time(10), utc_offset=timedelta(hours=-1, seconds=-0.5)
    )

    assert read(dumps(window), DeliveryWindow).value == window


@model
class _Ruled:
    """A model class with a rule of its own."""

    n: int

    def __attrs_post_init__(self) -> None:
        if self.n < 0:
            raise ValueError(self.n)


@model
class _Inheriting(_Ruled):
    """A model class with no rule of its own: its base's rule holds."""

    label: str | None = None


@model
class _Unruled:
    """A model class with no rule at all: its types are still checked."""

    n: int


def test_a_model_class_is_frozen_keyword_only_and_checks_types_before_its_rules() -> None:
    """@model: frozen, keyword-only, types first (one problem per field), then the rules."""
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        _Ruled(n=1).n = 2  # type: ignore[misc]
    with pytest.raises(TypeError):
        _Ruled(1)  # type: ignore[call-arg]
    with pytest.raises(ModelError) as wrong:
        _Ruled(n="-1")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="-1"):
        _Ruled(n=-1)

    assert [(p.code, p.path) for p in wrong.value.problems] == [("wrong_type", "n")]


def test_a_model_class_without_rules_keeps_its_bases_or_checks_types_alone() -> None:
    """A subclass keeps its base's rule and checks its own fields; empty text is none."""
    with pytest.raises(ValueError, match="-1"):
        _Inheriting(n=-1)
    with pytest.raises(ModelError) as wrong:
        _Inheriting(n=1, label=5)  # type: ignore[arg-type]
    with pytest.raises(ModelError):
        _Unruled(n=None)  # type: ignore[arg-type]

    assert [(p.code, p.path) for p in wrong.value.problems] == [("wrong_type", "label")]
    assert _Inheriting(n=1, label="").label is None
    assert rules_of(_Inheriting) is rules_of(_Ruled)
    rules_of(_Unruled)(trusted(_Unruled, n=-1))  # no rule to break
