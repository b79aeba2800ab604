"""Picks as CSV: read into the plan they describe, or refused with every problem by line."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderpack import Allocation, DimensionUnit, Plan, PlannedPackage, WeightUnit, split_order
from orderpack.demo import seed_order, seed_plan
from orderpack.errors import PicksError, Problem
from orderpack.picks import COLUMNS, REQUIRED, Picks, read_picks
from orderpack.strategies import dimensions, orders, plans

if TYPE_CHECKING:
    from orderpack.model.order import Order

ORDER = seed_order()
HEADER = "line,quantity,origin,ship_date,carrier_service,package,weight_kg,dimensions_cm\n"
SEED = (
    HEADER + "1,1,WH-A,2026-12-01,ROYAL-MAIL-24,A1,0.3,15x20x5\n"
    "2,1,WH-A,2026-12-01,ROYAL-MAIL-24,A1,,\n"
    "3,1,WH-B,2026-12-01,DPD-NEXT-DAY,B1,1.6,40x50x10\n"
    "4,1,WH-B,2026-12-01,DPD-NEXT-DAY,B2,0.4,30x30x20\n"
)


def _by_line(plan: Plan) -> Plan:
    """*plan* with each allocation naming its item as a row by line number does: every id."""
    named = {item.sku: item for item in ORDER.items}
    return attrs.evolve(
        plan,
        allocations=[
            attrs.evolve(
                a,
                reference=named[a.sku].reference,
                item_reference_provided_by_customer=named[
                    a.sku
                ].item_reference_provided_by_customer,
            )
            for a in plan.allocations
        ],
    )


SEED_PLAN = _by_line(seed_plan())


def refused(text: str | bytes, order: Order = ORDER) -> list[tuple[str, str, str]]:
    """The problems of reading *text*, as (code, path, message)."""
    with pytest.raises(PicksError) as caught:
        read_picks(text, order)
    return [(p.code, p.path, p.message) for p in caught.value.problems]


def test_the_seed_picks_are_the_seed_plan() -> None:
    """Picks by line number, measures on the first row of each parcel: the seed's plan."""
    picks = read_picks(SEED, ORDER)

    assert picks.plan == SEED_PLAN
    assert (picks.rows, picks.package_rows, picks.unknown) == ((2, 3, 4, 5), (2, 4, 5), ())


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("\ufeff" + SEED, id="bom-text"),
        pytest.param(("\ufeff" + SEED).encode(), id="bom-bytes"),
        pytest.param(SEED.replace("\n", "\r\n"), id="crlf"),
        pytest.param(SEED.replace("ship_date", " Ship Date ").replace("line", "LINE"), id="case"),
        pytest.param(SEED.replace("ship_date", "Ship-Date"), id="hyphen"),
        pytest.param(
            SEED.replace("weight_kg,dimensions_cm", "Weight (kg),Dimensions (cm)"), id="units"
        ),
        pytest.param(SEED + ",,,,,,,\n\n", id="blank-rows"),
    ],
)
def test_what_a_spreadsheet_writes_reads_the_same(text: str | bytes) -> None:
    """A byte-order mark, CRLF, headers in another case or spacing, blank rows at the end."""
    assert read_picks(text, ORDER).plan == SEED_PLAN


def test_a_header_without_the_columns_names_each_and_what_it_found() -> None:
    """Every missing column at once, with the columns the header has."""
    assert refused("Qty,origin,when\n1,WH-A,2026-12-01\n") == [
        (
            "missing_column",
            "line 1",
            (
                "expected the columns quantity, ship_date, package, line (or reference, sku or "
                "customer_reference); found 'Qty', 'origin', 'when'"
            ),
        )
    ]


def test_an_empty_file_has_no_columns() -> None:
    """Nothing at all is a header without columns."""
    assert refused("")[0][2].endswith("; found none")


def test_a_column_given_twice_is_refused_at_the_header() -> None:
    """Two columns that match one name (``sku`` and ``SKU``) cannot both be read."""
    assert refused("sku,SKU,quantity,origin,ship_date,package\n") == [
        ("duplicate_column", "line 1", "expected each column once, 'SKU' is given twice")
    ]


def test_every_bad_row_is_named_at_once() -> None:
    """Bad cells on several rows: all of them, in the file's order."""
    text = (
        "line,quantity,origin,ship_date,package,package_size\n"
        "1,0,WH-A,2026-12-01,A1,S\n"
        "2,1,,2026-12-01,A1,S\n"
        "x,1,WH-A,2026-13-01,A1,S\n"
    )

    assert refused(text) == [
        ("quantity_not_positive", "line 2 column quantity", "expected a quantity >= 1, got 0"),
        (
            "empty_cell",
            "line 3 column origin",
            "expected a shipping location reference, found nothing",
        ),
        ("bad_value", "line 4 column line", "expected a whole number, got 'x'"),
        (
            "bad_value",
            "line 4 column ship_date",
            "expected a date like 2026-12-01, got '2026-13-01'",
        ),
    ]


def test_a_row_without_a_parcel() -> None:
    """A pick into no parcel is an empty cell, and no parcel is made of it."""
    assert refused("line,quantity,origin,ship_date,package\n1,1,WH-A,2026-12-01, \n") == [
        ("empty_cell", "line 2 column package", "expected a parcel label, found nothing")
    ]


def test_a_row_naming_no_item_is_an_empty_cell() -> None:
    """Without a line number or an identifier, the row's item is empty, not a missing column."""
    text = (
        "sku,reference,quantity,origin,ship_date,package,package_size\n,,1,WH-A,2026-12-01,A1,S\n"
    )

    assert refused(text) == [
        (
            "empty_cell",
            "line 2 column sku",
            "expected an order line or an item identifier, found nothing",
        )
    ]


def test_items_by_identifier() -> None:
    """SKU, reference or customer reference name the item as a Pack Order does (P3)."""
    necklace = ORDER.items[0]
    text = (
        "sku,reference,customer_reference,quantity,origin,ship_date,package,package_size\n"
        f"NECK-01,,,1,WH-A,2026-12-01,A1,S\n,{necklace.reference},,1,WH-A,2026-12-01,A1,\n"
    )

    allocations = read_picks(text, ORDER).plan.allocations

    assert [(a.sku, a.reference) for a in allocations] == [
        ("NECK-01", None),
        (None, necklace.reference),
    ]


def test_an_item_named_two_ways_that_disagree_is_the_plans_problem() -> None:
    """The picks describe the plan; whether the order has the item is the split's question."""
    text = "sku,quantity,origin,ship_date,package,package_size\nNOPE,1,WH-A,2026-12-01,A1,S\n"
    picks = read_picks(text, ORDER)

    with pytest.raises(Exception) as caught:  # noqa: PT011 - SplitError; its paths are checked
        split_order(ORDER, picks.plan)

    problem = caught.value.problems[0]  # type: ignore[attr-defined]
    assert picks.locate(problem).path == "line 2"


def test_unknown_columns_are_reported_not_dropped() -> None:
    """Columns orderpack does not know are read past and named as the header spells them."""
    text = SEED.replace("dimensions_cm\n", "dimensions_cm,Picker,Notes\n", 1)

    assert read_picks(text, ORDER).unknown == ("Picker", "Notes")


def test_a_row_longer_than_the_header_is_refused() -> None:
    """A cell past the header's last column is a stray comma, not data to drop."""
    assert refused(
        SEED.replace("ROYAL-MAIL-24,A1,0.3,15x20x5", "ROYAL-MAIL-24,A1,0.3,15x20x5,,9", 1)
    ) == [("invalid_csv", "line 2", "expected at most 8 cells, as the header has, found 10")]


class TestPackages:
    """A parcel's measures come from any of its rows, and never differ between two."""

    def test_measures_on_a_later_row(self) -> None:
        """The first row of a parcel may leave its measures to a later one."""
        text = SEED.replace(
            "1,1,WH-A,2026-12-01,ROYAL-MAIL-24,A1,0.3,15x20x5",
            "1,1,WH-A,2026-12-01,ROYAL-MAIL-24,A1,,",
        ).replace(
            "2,1,WH-A,2026-12-01,ROYAL-MAIL-24,A1,,",
            "2,1,WH-A,2026-12-01,ROYAL-MAIL-24,A1,0.3,15x20x5",
        )

        picks = read_picks(text, ORDER)

        assert picks.plan == SEED_PLAN
        assert picks.package_rows == (2, 4, 5)

    def test_the_same_measures_again_are_fine(self) -> None:
        """Repeating a parcel's measures on each of its rows is what many exports do."""
        text = SEED.replace(
            "2,1,WH-A,2026-12-01,ROYAL-MAIL-24,A1,,",
            "2,1,WH-A,2026-12-01,ROYAL-MAIL-24,A1,0.3,15x20x5",
        )

        assert read_picks(text, ORDER).plan == SEED_PLAN

    def test_measures_that_differ_in_one_column_are_named_at_it(self) -> None:
        """The same weight, other dimensions: the problem is at the dimensions' column."""
        text = SEED.replace(
            "2,1,WH-A,2026-12-01,ROYAL-MAIL-24,A1,,",
            "2,1,WH-A,2026-12-01,ROYAL-MAIL-24,A1,0.3,15x20x6",
        )

        assert [path for _, path, _ in refused(text)] == ["line 3 column dimensions_cm"]

    def test_different_measures_for_one_parcel_are_refused(self) -> None:
        """Which of two weights is the parcel's? Neither is taken: measures_differ."""
        text = SEED.replace(
            "2,1,WH-A,2026-12-01,ROYAL-MAIL-24,A1,,",
            "2,1,WH-A,2026-12-01,ROYAL-MAIL-24,A1,0.5,15x20x5",
        )

        assert refused(text) == [
            (
                "measures_differ",
                "line 3 column weight_kg",
                (
                    "package 'A1' is given weight_kg '0.5', dimensions_cm '15x20x5' here and "
                    "weight_kg '0.3', dimensions_cm '15x20x5' at line 2"
                ),
            )
        ]

    @pytest.mark.parametrize(
        ("measures", "problem"),
        [
            (
                ",",
                (
                    "package_unmeasured",
                    "line 2 column package",
                    (
                        "package 'A1' needs a package_size, or weight_kg and dimensions_cm, on one "
                        "of its rows (P6)"
                    ),
                ),
            ),
            (
                "0.3,15x20",
                (
                    "bad_value",
                    "line 2 column dimensions_cm",
                    "expected three numbers of centimetres like 40x50x10, got '15x20'",
                ),
            ),
            (
                "heavy,15x20x5",
                (
                    "bad_value",
                    "line 2 column weight_kg",
                    "expected a number of kilograms, got 'heavy'",
                ),
            ),
            (
                "0.3,",
                (
                    "empty_cell",
                    "line 2 column dimensions_cm",
                    "expected three numbers of centimetres like 40x50x10, found nothing",
                ),
            ),
            (
                "-1,15x20x5",
                ("negative", "line 2 column weight_kg", "expected a value >= 0, got Decimal('-1')"),
            ),
            (
                "0.3,15x20xNaN",
                (
                    "not_finite",
                    "line 2 column dimensions_cm",
                    "expected a finite number, got Decimal('NaN')",
                ),
            ),
        ],
    )
    def test_a_parcel_needs_good_measures(
        self, measures: str, problem: tuple[str, str, str]
    ) -> None:
        """P6, and weights and sides that are numbers a measure can be."""
        text = HEADER + f"1,1,WH-A,2026-12-01,,A1,{measures}\n"

        assert refused(text) == [problem]


def test_text_that_is_not_csv() -> None:
    """Bytes that are not UTF-8, and a cell past the csv module's limit, are invalid_csv."""
    huge = "x" * (csv.field_size_limit() + 1)

    assert refused(b"line,quantity\n\xff\n") == [
        ("invalid_csv", "", "expected UTF-8 text, found byte 0xff at offset 14")
    ]
    assert refused(SEED + f'5,1,WH-A,2026-12-01,,"{huge}",,\n') == [
        ("invalid_csv", "line 6", f"field larger than field limit ({csv.field_size_limit()})")
    ]


@pytest.mark.parametrize("character", ["\x00", "\x1b", "\ud800"])
def test_a_control_character_or_lone_surrogate_is_no_csv(character: str) -> None:
    """No file holds a lone surrogate, and a NUL is no part of a SKU: refused at its line."""
    text = SEED.replace("WH-B", f"WH{character}B", 1)
    line = SEED[: SEED.index("WH-B")].count("\n") + 1

    assert refused(text) == [
        (
            "invalid_csv",
            f"line {line}",
            (
                f"expected text, found U+{ord(character):04X}: a control character, or half of a "
                "surrogate pair"
            ),
        )
    ]


@pytest.mark.parametrize("quantity", ["1_0", "\u0661", "\uff11", "\u0661.5"])
def test_numbers_are_ascii_digits_as_json_writes_them(quantity: str) -> None:
    """Python reads 1_0 as 10 and other scripts' digits as numbers; a CSV cell may not."""
    text = HEADER + f"1,{quantity},WH-A,2026-12-01,,A1,0.3,15x20x5\n"

    assert refused(text) == [
        ("bad_value", "line 2 column quantity", f"expected a whole number, got {quantity!r}")
    ]


def test_problems_of_the_plan_are_located_in_the_file() -> None:
    """A split's problem at an allocation or a package is at the line and column it came from."""
    picks = read_picks(SEED, ORDER)

    def at(path: str, message: str = "m") -> tuple[str, str]:
        located = picks.locate(Problem(code="over_allocated", path=path, message=message))
        return located.path, located.message

    assert at("allocations[2].ship_day") == ("line 4 column ship_date", "m")
    assert at("allocations[3].sku") == ("line 5", "m")
    assert at("packages[1].weight") == ("line 4 column weight_kg", "m")
    assert at("packages[0]") == ("line 2", "m")
    assert at("allocations", "allocations [0, 3] allocate 2") == ("", "lines 2, 5 allocate 2")


def _as_csv(plan: Plan) -> str:
    """Write *plan* as picks: one row per allocation, measures on each parcel's first row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "reference",
            "sku",
            "customer_reference",
            *REQUIRED,
            "carrier_service",
            "package_size",
            "weight_kg",
            "dimensions_cm",
        ]
    )
    packages = {p.label: p for p in plan.packages}
    for allocation in plan.allocations:
        package = packages.pop(allocation.package, None)
        measures = ["", "", ""]
        if package is not None and package.package_size_reference:
            measures[0] = package.package_size_reference
        elif package is not None and package.weight and package.dimensions:
            d = package.dimensions
            measures[1:] = [str(package.weight.value), f"{d.width}x{d.length}x{d.height}"]
        writer.writerow(
            [
                allocation.reference or "",
                allocation.sku or "",
                allocation.item_reference_provided_by_customer or "",
                allocation.quantity,
                allocation.origin,
                allocation.ship_day.isoformat(),
                allocation.package,
                allocation.carrier_service or "",
                *measures,
            ]
        )
    return out.getvalue()


@st.composite
def kilogram_plans(draw: st.DrawFn) -> tuple[Order, Plan]:
    """A valid plan whose parcels are measured as the CSV measures them: kg and cm, or a size."""
    order = draw(orders())
    plan = draw(plans(order))
    packages = [
        attrs.evolve(
            package,
            package_size_reference=None,
            weight=attrs.evolve(package.weight, unit=WeightUnit.KG),
            dimensions=attrs.evolve(draw(dimensions()), unit=DimensionUnit.CM),
        )
        if package.weight is not None and draw(st.booleans())
        else PlannedPackage(
            label=package.label, package_size_reference=draw(st.sampled_from(["S", "M-BOX"]))
        )
        for package in plan.packages
    ]
    return order, attrs.evolve(plan, packages=packages)


@given(case=kilogram_plans())
def test_a_plan_written_as_picks_reads_back_equal(case: tuple[Order, Plan]) -> None:
    """Law: picks are a faithful spelling of a plan, row for allocation, parcel for parcel."""
    order, plan = case
    used = {a.package for a in plan.allocations}
    expected = attrs.evolve(plan, packages=[p for p in plan.packages if p.label in used])

    picks = read_picks(_as_csv(plan), order)

    assert picks.plan.allocations == plan.allocations
    assert sorted(picks.plan.packages, key=lambda p: p.label) == sorted(
        expected.packages, key=lambda p: p.label
    )
    assert picks.rows == tuple(range(2, len(plan.allocations) + 2))


PIECES = [*',"\n\r x1-.', "2026-12-01", "\ufeff", "\x00", "A1", "NECK-01", *COLUMNS]


@given(text=st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_any_text_reads_or_is_refused_with_problems(text: str) -> None:
    """Hostile input: a Picks or a PicksError, nothing else escapes."""
    try:
        picks = read_picks(text, ORDER)
    except PicksError:
        return  # a PicksError always has problems: ValidationError needs one
    assert isinstance(picks, Picks)
    assert len(picks.rows) == len(picks.plan.allocations)


def test_allocations_keep_the_rows_order() -> None:
    """Rows become allocations in the file's order, the day exactly as written."""
    allocation = read_picks(SEED, ORDER).plan.allocations[2]

    assert allocation == Allocation(
        reference=ORDER.items[2].reference,
        sku="COAT-01",
        quantity=1,
        origin="WH-B",
        ship_day=date(2026, 12, 1),
        carrier_service="DPD-NEXT-DAY",
        package="B1",
    )
    assert read_picks(SEED, ORDER).plan.packages[1].weight.value == Decimal("1.6")  # type: ignore[union-attr]


def test_a_line_and_an_identifier_that_disagree() -> None:
    """Line 1 is the necklace; a row naming line 1 and the hat's SKU is refused, not guessed."""
    text = (
        "line,sku,quantity,origin,ship_date,package,package_size\n1,HAT-01,1,WH-A,2026-12-01,A1,S\n"
    )

    assert refused(text) == [
        (
            "item_identifiers_disagree",
            "line 2 column sku",
            "line 1 is sku 'NECK-01', not 'HAT-01'; expected them to agree (Q4)",
        )
    ]


@pytest.mark.parametrize(
    ("column", "field", "held"),
    [
        ("reference", "reference", "'0f0e5b1c2a3d4e5f60718293a4b5c6d7'"),
        ("customer_reference", "item_reference_provided_by_customer", "None"),
    ],
)
def test_a_line_and_a_reference_that_disagree_are_named_at_that_column(
    column: str, field: str, held: str
) -> None:
    """Each identifier column is checked against the line, and named as the file names it."""
    text = (
        f"line,{column},quantity,origin,ship_date,package,package_size\n"
        "1,ffffffffffffffffffffffffffffffff,1,WH-A,2026-12-01,A1,S\n"
    )

    assert refused(text) == [
        (
            "item_identifiers_disagree",
            f"line 2 column {column}",
            (
                f"line 1 is {field} {held}, not 'ffffffffffffffffffffffffffffffff'; "
                "expected them to agree (Q4)"
            ),
        )
    ]


def test_a_parcel_measured_without_its_weight_is_refused_at_the_weight() -> None:
    """Dimensions alone do not measure a parcel: its weight is asked for where it belongs."""
    text = "line,quantity,origin,ship_date,package,dimensions_cm\n1,1,WH-A,2026-12-01,A1,15x20x5\n"

    assert refused(text) == [
        ("empty_cell", "line 2 column weight_kg", "expected a number of kilograms, found nothing")
    ]


def test_measures_that_agree_in_value_are_the_same() -> None:
    """0.3 and 0.30 kg, 15x20x5 and 15x20x5.0 cm: one parcel's measures, said twice."""
    text = SEED.replace(
        "2,1,WH-A,2026-12-01,ROYAL-MAIL-24,A1,,",
        "2,1,WH-A,2026-12-01,ROYAL-MAIL-24,A1,0.30,15x20x5.0",
    )

    assert read_picks(text, ORDER).plan == SEED_PLAN
