"""Value types: exact numbers, explicit units, aware datetimes."""

import functools
import operator
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal, InvalidOperation, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderpack import (
    Country,
    CurrencyMismatchError,
    CustomsDocumentation,
    DeliveryWindow,
    Dimensions,
    DimensionUnit,
    LatLong,
    MetaData,
    ModelError,
    Money,
    RequestedDeliveryDate,
    Weight,
    WeightUnit,
    strategies,
)
from orderpack.model.checks import LARGEST, Checks, is_amount
from orderpack.model.measures import money_of_lines, weight_of_lines
from orderpack.model.values import calendar_day


class TestWeight:
    """Weights are non-negative Decimals, converted between units in one exact place."""

    def test_float_is_refused_with_the_reason(self) -> None:
        """A float cannot hold 0.1 exactly, so it is never taken."""
        with pytest.raises(ModelError) as caught:
            Weight(value=0.5)  # type: ignore[arg-type]

        assert str(caught.value) == (
            "1 problem:\n- not_decimal at value: expected a Decimal, got 0.5 (float); "
            "measures and amounts are exact"
        )

    @pytest.mark.parametrize(
        ("value", "code"),
        [
            (Decimal("-0.001"), "negative"),
            (Decimal("NaN"), "not_finite"),
            (Decimal("Inf"), "not_finite"),
        ],
    )
    def test_negative_and_non_finite_are_refused(self, value: Decimal, code: str) -> None:
        """Only finite, non-negative weights exist."""
        with pytest.raises(ModelError) as caught:
            Weight(value=value)

        assert caught.value.codes() == (code,)

    @pytest.mark.parametrize(
        ("unit", "kilograms"),
        [
            (WeightUnit.KG, Decimal(2)),
            (WeightUnit.G, Decimal("0.002")),
            (WeightUnit.LB, Decimal("0.90718474")),
        ],
    )
    def test_kilograms_is_exact(self, unit: WeightUnit, kilograms: Decimal) -> None:
        """Conversion uses the international definitions, with no rounding."""
        assert Weight(value=Decimal(2), unit=unit).kilograms == kilograms

    def test_same_units_add_in_that_unit(self) -> None:
        """Adding grams to grams stays in grams."""
        total = Weight(value=Decimal(300), unit=WeightUnit.G) + Weight(
            value=Decimal(450), unit=WeightUnit.G
        )

        assert total == Weight(value=Decimal(750), unit=WeightUnit.G)

    def test_mixed_units_add_in_kilograms(self) -> None:
        """Across units the sum is in kilograms, exactly."""
        total = Weight(value=Decimal(1), unit=WeightUnit.LB) + Weight(value=Decimal(1))

        assert total == Weight(value=Decimal("1.45359237"))

    def test_scaling_by_a_quantity(self) -> None:
        """A line of three units weighs three times one."""
        assert Weight(value=Decimal("0.2")) * 3 == Weight(value=Decimal("0.6"))


class TestDimensions:
    """Dimensions hold three non-negative sides in one unit."""

    def test_every_bad_side_is_named(self) -> None:
        """All three sides are checked before anything is raised."""
        with pytest.raises(ModelError) as caught:
            Dimensions(width=Decimal(-1), length=1.0, height=Decimal("NaN"))  # type: ignore[arg-type]

        assert [(p.code, p.path) for p in caught.value.problems] == [
            ("negative", "width"),
            ("not_decimal", "length"),
            ("not_finite", "height"),
        ]

    @pytest.mark.parametrize(
        ("unit", "centimetres"),
        [
            (DimensionUnit.MM, (Decimal("0.1"), Decimal("0.2"), Decimal("0.3"))),
            (DimensionUnit.CM, (Decimal(1), Decimal(2), Decimal(3))),
            (DimensionUnit.M, (Decimal(100), Decimal(200), Decimal(300))),
        ],
    )
    def test_centimetres_is_exact(
        self, unit: DimensionUnit, centimetres: tuple[Decimal, Decimal, Decimal]
    ) -> None:
        """Each unit converts to centimetres by an exact factor."""
        sides = Dimensions(width=Decimal(1), length=Decimal(2), height=Decimal(3), unit=unit)

        assert sides.in_centimetres() == centimetres


class TestMoney:
    """Money never adds across currencies."""

    def test_same_currency_adds(self) -> None:
        """Pounds add to pounds."""
        total = Money(amount=Decimal("0.10"), currency="GBP") + Money(
            amount=Decimal("0.20"), currency="GBP"
        )

        assert total == Money(amount=Decimal("0.30"), currency="GBP")

    def test_different_currencies_do_not_add(self) -> None:
        """The error names both currencies."""
        with pytest.raises(CurrencyMismatchError, match="cannot add 'EUR' to 'GBP'"):
            _ = Money(amount=Decimal(1), currency="GBP") + Money(amount=Decimal(1), currency="EUR")

    def test_amount_and_currency_are_both_checked(self) -> None:
        """A negative amount and a malformed code are reported together."""
        with pytest.raises(ModelError) as caught:
            Money(amount=Decimal(-1), currency="gbp")

        assert caught.value.codes() == ("negative", "bad_currency")
        assert str(caught.value.problems[1]) == (
            "bad_currency at currency: expected a three-letter ISO 4217 code, got 'gbp'"
        )


def test_country_code_is_two_capital_letters() -> None:
    """ISO 3166-1 alpha-2 codes only."""
    with pytest.raises(ModelError) as caught:
        Country(iso_code="GBR")

    assert caught.value.codes() == ("bad_country",)


@pytest.mark.parametrize(
    ("latitude", "longitude", "paths"),
    [
        (Decimal(91), Decimal(0), ["latitude"]),
        (Decimal(-91), Decimal(181), ["latitude", "longitude"]),
    ],
)
def test_lat_long_off_the_globe_is_refused(
    latitude: Decimal, longitude: Decimal, paths: list[str]
) -> None:
    """Latitude beyond 90 degrees or longitude beyond 180 is named."""
    with pytest.raises(ModelError) as caught:
        LatLong(latitude=latitude, longitude=longitude)

    assert [p.path for p in caught.value.problems] == paths


def test_lat_long_includes_the_poles_and_the_antimeridian() -> None:
    """Both ends of each range are on the globe."""
    point = LatLong(latitude=Decimal(-90), longitude=Decimal(180))

    assert (point.latitude, point.longitude) == (Decimal(-90), Decimal(180))


class TestMetaData:
    """M1 holds by construction: one field per value type."""

    def test_one_value_of_each_type(self) -> None:
        """Several typed values may sit on one key."""
        entry = MetaData(key="ShippersEORI", string_value="GB123", int_value=7, bool_value=True)

        assert (entry.string_value, entry.int_value, entry.bool_value) == ("GB123", 7, True)

    def test_empty_key_float_and_naive_datetime_are_refused(self) -> None:
        """Every problem is named at once."""
        with pytest.raises(ModelError) as caught:
            MetaData(
                key="",
                decimal_value=1.5,  # type: ignore[arg-type]
                datetime_value=datetime(2026, 1, 1),  # noqa: DTZ001 - the point of the test
            )

        assert caught.value.codes() == ("empty_key", "not_decimal", "naive_datetime")

    def test_negative_decimal_value_is_allowed(self) -> None:
        """Metadata is free-form: a negative number is a fine value."""
        assert MetaData(key="Offset", decimal_value=Decimal(-2)).decimal_value == Decimal(-2)


class TestDates:
    """Datetimes carry an offset; "the same day" is the date in that offset."""

    def test_window_may_not_end_before_it_starts(self) -> None:
        """An end before the start is refused."""
        with pytest.raises(ModelError) as caught:
            DeliveryWindow(start=time(12), end=time(11, 59))

        assert caught.value.codes() == ("window_reversed",)

    def test_a_window_is_times_of_day_and_an_offset_within_a_day(self) -> None:
        """A time with an offset of its own is no time of day, and a day's offset is none."""
        with pytest.raises(ModelError) as caught:
            DeliveryWindow(start=time(9), end=time(12, tzinfo=UTC), utc_offset=timedelta(days=1))

        assert [(p.code, p.path) for p in caught.value.problems] == [
            ("bad_time", "end"),
            ("bad_time", "utc_offset"),
        ]

    def test_a_datetime_is_not_a_time_of_day(self) -> None:
        """The wrong type is named before any rule is looked at."""
        with pytest.raises(ModelError) as caught:
            DeliveryWindow(start=datetime(2026, 12, 1, tzinfo=UTC), end=time(12))  # type: ignore[arg-type]

        assert [(p.code, p.path) for p in caught.value.problems] == [("wrong_type", "start")]

    def test_requested_delivery_date_must_be_aware(self) -> None:
        """PRO's dates carry an offset and orderpack keeps it."""
        with pytest.raises(ModelError) as caught:
            RequestedDeliveryDate(date=datetime(2026, 12, 1))  # noqa: DTZ001

        assert caught.value.codes() == ("naive_datetime",)

    def test_customs_dates_and_cost_are_checked(self) -> None:
        """Customs documentation refuses naive dates and float costs."""
        with pytest.raises(ModelError) as caught:
            CustomsDocumentation(
                declaration_date=datetime(2026, 12, 1),  # noqa: DTZ001
                invoice_date=datetime(2026, 12, 1),  # noqa: DTZ001
                receivers_shipping_cost=3.5,  # type: ignore[arg-type]
            )

        assert [p.path for p in caught.value.problems] == [
            "declaration_date",
            "invoice_date",
            "receivers_shipping_cost",
        ]

    def test_customs_lists_become_tuples(self) -> None:
        """Collections are frozen on the way in."""
        customs = CustomsDocumentation(references_of_attached_invoices=["INV-1", "INV-2"])

        assert customs.references_of_attached_invoices == ("INV-1", "INV-2")

    def test_calendar_day_is_taken_in_the_values_own_offset(self) -> None:
        """23:30 in New York on the 2nd is already the 3rd in London; the day is the 2nd."""
        new_york = timezone(timedelta(hours=-5))

        assert calendar_day(datetime(2026, 3, 2, 23, 30, tzinfo=new_york)) == date(2026, 3, 2)


class TestTotals:
    """Weight.total and Money.total are the sums that adding one by one gives, built once."""

    @given(weights=st.lists(strategies.weights(), min_size=1, max_size=6))
    def test_a_weight_total_is_the_running_sum(self, weights: list[Weight]) -> None:
        """Same value and unit as folding with +: their unit if shared, else kilograms."""
        assert Weight.total(weights) == functools.reduce(operator.add, weights)

    def test_no_weights_weigh_zero_kilograms(self) -> None:
        """The empty total is Weight.zero()."""
        assert Weight.total([]) == Weight.zero()

    @given(amounts=st.lists(strategies.money(currencies=st.just("GBP")), min_size=1, max_size=6))
    def test_a_money_total_is_the_running_sum(self, amounts: list[Money]) -> None:
        """Same amount, digit for digit, as adding one by one."""
        total = Money.total(amounts)

        assert total == functools.reduce(operator.add, amounts)
        assert str(total.amount) == str(functools.reduce(operator.add, amounts).amount)

    @given(
        lines=st.lists(
            st.tuples(strategies.weights(), st.just(1) | st.integers(0, 10**6)),
            min_size=0,
            max_size=6,
        )
    )
    def test_a_total_of_lines_is_the_total_of_their_products(
        self, lines: list[tuple[Weight, int]]
    ) -> None:
        """Value and unit, digit for digit, as a weight per line summed."""
        total = Weight.total_of_lines(lines)
        products = Weight.total(weight * quantity for weight, quantity in lines)

        assert (str(total.value), total.unit) == (str(products.value), products.unit)

    @given(
        lines=st.lists(
            st.tuples(
                strategies.money(currencies=st.sampled_from(["GBP", "EUR"])),
                st.just(1) | st.integers(1),  # often all ones: a sum without products
            ),
            max_size=6,
        )
    )
    def test_a_money_total_of_lines_is_the_total_of_their_products(
        self, lines: list[tuple[Money, int]]
    ) -> None:
        """The same amount, digit for digit, or the same refusal (each at its argument)."""
        try:
            expected: Money | str = Money.total(value * quantity for value, quantity in lines)
        except (CurrencyMismatchError, ValueError) as refused:
            expected = str(refused).replace(" at amounts", "")
        try:
            total: Money | str = Money.total_of_lines(lines)
        except (CurrencyMismatchError, ValueError) as refused:
            total = str(refused).replace(" at lines", "")

        assert repr(total) == repr(expected)

    @given(
        lines=st.lists(
            st.tuples(strategies.weights(), st.just(1) | st.integers(0, 10**6)),
            min_size=1,
            max_size=6,
        ),
        currency=st.sampled_from(["GBP", "EUR"]),
    )
    def test_whole_quantities_of_one_sum_as_their_products(
        self, lines: list[tuple[Weight, int]], currency: str
    ) -> None:
        """Skipping the products of ones gives the products' sum, digit for digit, plain."""
        weights, quantities = zip(*lines, strict=True)
        amounts = [Money(amount=weight.value, currency=currency) for weight in weights]

        for summed in (
            (
                weight_of_lines(weights, quantities, whole=True),
                weight_of_lines(weights, quantities),
            ),
            (money_of_lines(amounts, quantities, whole=True), money_of_lines(amounts, quantities)),
        ):
            (quick, unit), (multiplied, expected_unit) = summed
            assert (str(quick), type(quick), unit) == (str(multiplied), Decimal, expected_unit)

    def test_a_quantity_that_is_no_int_is_refused_at_its_line(self) -> None:
        """A line's quantity is a whole number of units: 1.0, Decimal 1.00 or True are not."""
        weight = Weight(value=Decimal("0.2"))

        with pytest.raises(ModelError) as caught:
            Weight.total_of_lines(
                [(weight, 1), (weight, 1.0), (weight, Decimal("1.00")), (weight, True)]  # type: ignore[list-item]
            )

        assert [(p.code, p.path) for p in caught.value.problems] == [
            ("wrong_type", "lines[1]"),
            ("wrong_type", "lines[2]"),
            ("wrong_type", "lines[3]"),
        ]
        assert str(Weight.total_of_lines([(weight, 1)]).value) == "0.2"

    def test_a_total_is_a_plain_decimal_whatever_decimal_it_sums(self) -> None:
        """A caller's Decimal subclass is summed into a plain Decimal, as a product is."""

        class Exact(Decimal):
            """A caller's own Decimal."""

        weight = Weight.total([Weight(value=Exact("0.2"))]).value
        amount = Money.total([Money(amount=Exact("2.5"), currency="GBP")]).amount

        assert (type(weight), type(amount)) == (Decimal, Decimal)

    def test_a_money_total_refuses_mixed_currencies_and_nothing(self) -> None:
        """Amounts of two currencies never add, and an empty sum has no currency."""
        mixed = [Money(amount=Decimal(1), currency="GBP"), Money(amount=Decimal(1), currency="EUR")]

        with pytest.raises(CurrencyMismatchError, match="cannot add 'EUR' to 'GBP'"):
            Money.total(mixed)
        with pytest.raises(ModelError, match="an empty sum has no currency"):
            Money.total([])


@given(
    value=st.builds(
        lambda sign, digits, exponent: Decimal((sign, tuple(map(int, digits)), exponent)),
        st.integers(0, 1),
        st.text("0123456789", min_size=1, max_size=32) | st.sampled_from(["0", "1" + "0" * 28]),
        st.integers(-34, 34),
    )
)
def test_the_quick_amount_test_is_at_most_28_digits_at_28_places(value: Decimal) -> None:
    """is_amount: at most 28 digits at exponents -28 to 28, as they say; the full check agrees."""
    checks = Checks()
    checks.decimal(value, "value")
    _, digits, exponent = value.as_tuple()
    by_digits = 0 <= value <= LARGEST and -28 <= int(exponent) <= 28 and len(digits) <= 28

    assert is_amount(value) == by_digits
    assert not (is_amount(value) and checks.problems)


@pytest.mark.parametrize(
    "value",
    ["NaN", "sNaN", "-NaN", "NaN" + "9" * 40, "Infinity", "-Infinity", 5, 5.0, "1"],
)
@pytest.mark.parametrize("trapped", [True, False], ids=["trapping", "quiet"])
def test_the_quick_amount_test_refuses_what_is_no_number_or_no_decimal(
    value: object, *, trapped: bool
) -> None:
    """No NaN or infinity passes, and the caller's context is left without a flag raised.

    Whether that context traps InvalidOperation or not.
    """
    given = Decimal(value) if isinstance(value, str) and value != "1" else value

    with localcontext() as context:
        context.traps[InvalidOperation] = trapped
        context.clear_flags()
        assert not is_amount(given)
        assert not any(context.flags.values())
