"""Proposals: always a valid plan, never more than the stock, optimal where the search is exact."""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from builders import at, item, order, origin
from builders import box as box_of
from orderpack import (
    Address,
    AddressType,
    Country,
    Dimensions,
    LatLong,
    Money,
    OrderLedger,
    Plan,
    RequestedDeliveryDate,
    Weight,
    check_split,
    split_order,
)
from orderpack.contract import dumps, read
from orderpack.demo import seed_order, seed_stock
from orderpack.errors import ModelError, PlanningError
from orderpack.planning import (
    EXACT_LINES,
    EXACT_SOURCES,
    PRESETS,
    Box,
    Catalogue,
    Location,
    Objective,
    Policy,
    Proposal,
    Stock,
    StockLevel,
    propose,
    read_catalogue,
    read_stock,
    remaining,
)
from orderpack.planning._searching import _Search, _search
from orderpack.strategies import catalogues, orders, policies, stocks

if TYPE_CHECKING:
    from orderpack import Order

DAY = date(2026, 12, 1)
SEED_STOCK = Stock(
    locations=[
        Location(reference="WH-A", ship_day=DAY, carrier_services=["ROYAL-MAIL-24"], rank=1),
        Location(reference="WH-B", ship_day=DAY, carrier_services=["DPD-NEXT-DAY"], rank=2),
    ],
    levels=[
        StockLevel(location="WH-A", sku="NECK-01", quantity=4),
        StockLevel(location="WH-A", sku="BRAC-01", quantity=4),
        StockLevel(location="WH-B", sku="COAT-01", quantity=1),
        StockLevel(location="WH-B", sku="HAT-01", quantity=3),
    ],
)
BOXES = Catalogue(
    boxes=[
        Box(
            reference="SMALL-BOX",
            inner=Dimensions(width=Decimal(20), length=Decimal(25), height=Decimal(10)),
            max_weight=Weight(value=Decimal(2)),
            tare=Weight(value=Decimal("0.1")),
        ),
        Box(
            reference="LARGE-BOX",
            inner=Dimensions(width=Decimal(45), length=Decimal(55), height=Decimal(30)),
            max_weight=Weight(value=Decimal(10)),
            tare=Weight(value=Decimal("0.4")),
        ),
    ]
)


def test_the_seed_is_proposed_as_the_story_tells_it() -> None:
    """Necklace and bracelet from WH-A, coat and hat from WH-B, each in the smallest box."""
    proposal = propose(seed_order(), SEED_STOCK, catalogue=BOXES)
    split = split_order(seed_order(), proposal.plan)

    assert [(c.key.origin, len(c.packages)) for c in split.consignments] == [
        ("WH-A", 1),
        ("WH-B", 1),
    ]
    assert [p.package_size_reference for p in proposal.plan.packages] == [
        "SMALL-BOX",
        "LARGE-BOX",
    ]
    assert (proposal.short, split.outstanding_lines, proposal.exact) == ((), (), True)
    assert proposal.explain().splitlines()[1:3] == [
        (
            "Scores: 2 consignments; 0 lines split; 6 rank-units; 4 units from unknown distances; "
            "all shipped by 2026-12-01"
        ),
        (
            "- packages[0].items[0] NECK-01 Necklace: 1 from WH-A (ships 2026-12-01, rank 1, by "
            "ROYAL-MAIL-24); held nowhere else on time"
        ),
    ]


# --- the laws -------------------------------------------------------------------------------


@st.composite
def cases(draw: st.DrawFn, *, max_items: int = 5) -> tuple[Order, Stock, Catalogue | None, Policy]:
    """An order, stock for it, maybe a catalogue, and a policy."""
    placed = draw(orders(max_items=max_items))
    return (
        placed,
        draw(stocks(placed)),
        draw(st.none() | catalogues()),
        draw(st.sampled_from(list(PRESETS.values())) | policies()),
    )


def _planned(proposal: Proposal) -> dict[int, int]:
    units: dict[int, int] = defaultdict(int)
    for choice in proposal.lines:
        units[choice.line] += sum(t.quantity for t in choice.sources)
    return units


@given(case=cases(), exact=st.none() | st.booleans())
def test_every_proposal_is_a_valid_split(
    case: tuple[Order, Stock, Catalogue | None, Policy], *, exact: bool | None
) -> None:
    """split_order accepts the plan and check_split finds nothing wrong with what it makes."""
    placed, stock, catalogue, policy = case

    proposal = propose(placed, stock, catalogue=catalogue, policy=policy, exact=exact)
    split = split_order(placed, proposal.plan)

    assert check_split(placed, split.consignments, lines=split.lines) == ()


@given(case=cases())
def test_stock_is_never_exceeded_and_short_plus_planned_is_what_was_needed(
    case: tuple[Order, Stock, Catalogue | None, Policy],
) -> None:
    """Per level of stock, no more than it holds; per line, planned + short = ordered.

    Holding for a restock, units on hand by a day may ship on it: what ships by each day is
    no more than what is there by then.
    """
    placed, stock, catalogue, policy = case

    proposal = propose(placed, stock, catalogue=catalogue, policy=policy)

    taken: dict[tuple[str, date], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for allocation in proposal.plan.allocations:
        line = placed.match(allocation)
        assert isinstance(line, int)
        taken[(allocation.origin, allocation.ship_day)][line] += allocation.quantity
    held: dict[tuple[str, date], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    located = {location.reference: location for location in stock.locations}
    for level in stock.levels:
        day = max(located[level.location].ship_day, level.available_from or DAY.min)
        for n, ordered in enumerate(placed.items):
            if all(getattr(ordered, k) == v for k, v in _given(level)):
                held[(level.location, day)][n] += level.quantity
    if policy.hold_for_restock:
        assert all(
            sum(q[line] for (where, day), q in taken.items() if where == source[0] and day <= by)
            <= sum(q[line] for (where, day), q in held.items() if where == source[0] and day <= by)
            for source, lines in taken.items()
            for line in lines
            for by in {day for _, day in taken}
        )
    else:
        assert all(
            q <= held[source][line] for source, lines in taken.items() for line, q in lines.items()
        )
    left = remaining(placed, stock, proposal.plan, hold_for_restock=policy.hold_for_restock)
    assert all(level.quantity >= 0 for level in left.levels)
    planned = _planned(proposal)
    short = {s.line: s.quantity for s in proposal.short}
    assert {n: planned.get(n, 0) + short.get(n, 0) for n in range(len(placed.items))} == {
        n: line.quantity for n, line in enumerate(placed.items)
    }


def _given(level: StockLevel) -> list[tuple[str, str]]:
    names = ("reference", "sku", "item_reference_provided_by_customer")
    return [(n, getattr(level, n)) for n in names if getattr(level, n)]


@given(case=cases())
def test_nothing_is_short_that_on_time_stock_could_cover(
    case: tuple[Order, Stock, Catalogue | None, Policy],
) -> None:
    """A line short for want of stock leaves no on-time stock naming it untaken.

    What the plan leaves (planning.remaining) is checked: every on-time level naming the
    short line is empty, whichever other lines it also names.
    """
    placed, stock, catalogue, policy = case
    proposal = propose(placed, stock, catalogue=catalogue, policy=policy)
    left = remaining(placed, stock, proposal.plan)
    due = placed.required_delivery_date
    located = {location.reference: location for location in stock.locations}

    for short in proposal.short:
        if short.reason != "not enough stock on time at any location":
            continue
        line = placed.items[short.line]
        for level in left.levels:
            day = max(located[level.location].ship_day, level.available_from or DAY.min)
            on_time = due is None or day <= due.date.date()
            if on_time and all(getattr(line, k) == v for k, v in _given(level)):
                assert level.quantity == 0, (short, level)


@given(case=cases())
def test_boxes_are_never_overfilled(case: tuple[Order, Stock, Catalogue | None, Policy]) -> None:
    """Every unit fits its box in some rotation; no box over its weight or its filled volume."""
    placed, stock, _, policy = case
    catalogue = Catalogue(boxes=[BOXES.boxes[1]])
    proposal = propose(placed, stock, catalogue=catalogue, policy=policy)
    box = catalogue.boxes[0]
    inner = sorted(box.inner.in_centimetres())

    for package in proposal.plan.packages:
        units = [
            placed.items[line]
            for a in proposal.plan.allocations
            if a.package == package.label
            for line in [placed.match(a)]
            if isinstance(line, int)
            for _ in range(a.quantity)
        ]
        assert all(
            all(s <= i for s, i in zip(sorted(u.dimensions.in_centimetres()), inner, strict=True))
            for u in units
        )
        kilograms = sum((u.weight.kilograms for u in units), box.tare.kilograms)
        assert kilograms <= box.max_weight.kilograms
        assert package.weight is not None
        assert package.weight.kilograms == kilograms
        volume = sum(
            (
                u.dimensions.in_centimetres()[0]
                * u.dimensions.in_centimetres()[1]
                * u.dimensions.in_centimetres()[2]
                for u in units
            ),
            Decimal(0),
        )
        assert volume <= box.volume * policy.fill_factor


@given(case=cases(), seed=st.integers(0, 2**32))
def test_shuffling_the_inputs_gives_the_same_plan(
    case: tuple[Order, Stock, Catalogue | None, Policy], seed: int
) -> None:
    """The order of locations, stock levels and boxes never changes the proposal."""
    placed, stock, catalogue, policy = case
    shuffle = random.Random(seed)  # noqa: S311 - a shuffle, not a secret
    shuffled = Stock(
        locations=shuffle.sample(stock.locations, len(stock.locations)),
        levels=shuffle.sample(stock.levels, len(stock.levels)),
    )
    boxes = (
        None
        if catalogue is None
        else Catalogue(boxes=shuffle.sample(catalogue.boxes, len(catalogue.boxes)))
    )

    assert propose(placed, shuffled, catalogue=boxes, policy=policy) == propose(
        placed, stock, catalogue=catalogue, policy=policy
    )


def _all_assignments(search: _Search) -> list[dict[int, list[tuple[int, int]]]]:
    """Every way to take units for each line from the sources holding it (lines apart)."""
    per_line = []
    for line in search.lines:
        holding = [(p.source, p.quantity) for p in search.pools if line in p.lines]
        sources = sorted({s for s, _ in holding})
        most = {s: sum(q for t, q in holding if t == s) for s in sources}
        options = [
            [(s, q) for s, q in zip(sources, split, strict=True) if q]
            for split in itertools.product(
                *(range(min(most[s], search.need[line]) + 1) for s in sources)
            )
            if sum(split) <= search.need[line]
        ]
        per_line.append(options)
    return [
        {line: taken for line, taken in zip(search.lines, chosen, strict=True) if taken}
        for chosen in itertools.product(*per_line)
    ]


@given(
    placed=orders(max_items=3, quantities=st.integers(1, 3)),
    data=st.data(),
    policy=st.sampled_from(list(PRESETS.values())) | policies(),
)
def test_an_exact_proposal_is_optimal_for_the_first_objective(
    placed: Order, data: st.DataObject, policy: Policy
) -> None:
    """Against brute force over every assignment: as few units short, as good a first value."""
    stock = data.draw(stocks(placed, max_locations=3))
    need = {n: line.quantity for n, line in enumerate(placed.items)}
    search, _, _ = _search(placed, stock, policy, need)
    assume(
        all(
            len([p for p in search.pools if line in p.lines])
            == len({p.source for p in search.pools if line in p.lines})
            for line in search.lines
        )
    )
    assume(all(len(p.lines) == 1 for p in search.pools))  # lines name distinct items
    assume(len({p.stock for p in search.pools}) == len(search.pools))  # no units held for later

    compared = 1 + min(1, len(policy.objectives))  # units short, then the first objective
    best = min(search.cost(a)[:compared] for a in _all_assignments(search))
    found = search.cost(search.exhaustive())[:compared]

    assert found == best


@given(case=cases())
def test_a_proposal_reads_back_as_a_plan_split_takes(
    case: tuple[Order, Stock, Catalogue | None, Policy],
) -> None:
    """The plan in the proposal's JSON is a plan document, equal once read."""
    placed, stock, catalogue, policy = case
    proposal = propose(placed, stock, catalogue=catalogue, policy=policy)

    assert read(dumps(proposal.plan), Plan).value == proposal.plan


# --- the policies, by example ---------------------------------------------------------------


def _one_line(**located: dict[str, object]) -> tuple[Order, Stock]:
    """One lamp line of 2; each location named with its facts holds 2 lamps."""
    london = Address(
        address_type=AddressType.DESTINATION,
        town="London",
        country=Country(iso_code="GB"),
        lat_long=LatLong(latitude=Decimal("51.5"), longitude=Decimal("-0.1")),
    )
    placed = order(item(quantity=2), addresses=[origin(), london])
    stock = Stock(
        locations=[Location(reference=name, **facts) for name, facts in located.items()],  # type: ignore[arg-type]
        levels=[StockLevel(location=name, sku="LAMP-01", quantity=2) for name in located],
    )
    return placed, stock


LEEDS = {
    "ship_day": DAY,
    "rank": 2,
    "position": LatLong(latitude=Decimal("53.8"), longitude=Decimal("-1.55")),
    "country": "GB",
}
PARIS = {
    "ship_day": DAY + timedelta(days=1),
    "rank": 1,
    "distance_km": Decimal(340),
    "country": "FR",
}
LYON = {"ship_day": DAY, "rank": 3, "distance_km": Decimal(750), "country": "FR"}


@pytest.mark.parametrize(
    ("preset", "chosen"),
    [
        ("priority", "PAR"),  # rank 1
        ("closest", "LEE"),  # 272 km by position beats 340 km
        ("same-market", "LEE"),  # in GB, as the destination
        ("fewest-shipments", "PAR"),  # each is one consignment; rank breaks the tie
    ],
)
def test_each_preset_chooses_by_its_first_objective(preset: str, chosen: str) -> None:
    """One lamp line; Leeds, Paris and Lyon each could ship it all."""
    placed, stock = _one_line(LEE=LEEDS, PAR=PARIS, LYO=LYON)

    proposal = propose(placed, stock, policy=PRESETS[preset])

    assert {a.origin for a in proposal.plan.allocations} == {chosen}


def test_most_stock_ships_from_the_fullest_location() -> None:
    """Saleor's highest stock: Lyon holds 5 lamps, the others 2; rank and distance do not count."""
    placed, stock = _one_line(LEE=LEEDS, PAR=PARIS, LYO=LYON)
    fuller = attrs.evolve(
        stock, levels=[*stock.levels, StockLevel(location="LYO", sku="LAMP-01", quantity=3)]
    )

    proposal = propose(placed, fuller, policy=PRESETS["highest-stock"])

    assert {a.origin for a in proposal.plan.allocations} == {"LYO"}


def test_earliest_ships_all_of_it_soonest() -> None:
    """Paris ships a day later than Leeds and Lyon; Earliest never picks it first."""
    placed, stock = _one_line(LEE=LEEDS, PAR=PARIS, LYO=LYON)

    proposal = propose(
        placed, stock, policy=Policy(objectives=[Objective.EARLIEST, Objective.RANKED])
    )

    assert {a.origin for a in proposal.plan.allocations} == {"LEE"}


def test_a_short_line_splits_across_locations_and_says_why() -> None:
    """Two lamps wanted, one at each of two places: split, the line named in the reasons."""
    placed, stock = _one_line(LEE=LEEDS, PAR=PARIS)
    one_each = attrs.evolve(
        stock, levels=[attrs.evolve(level, quantity=1) for level in stock.levels]
    )

    proposal = propose(placed, one_each, policy=PRESETS["closest"])

    assert [(a.origin, a.quantity) for a in proposal.plan.allocations] == [("LEE", 1), ("PAR", 1)]
    assert proposal.lines[0].reason == (
        "1 from LEE (ships 2026-12-01, rank 2, 273.801 km); 1 from PAR (ships 2026-12-02, "
        "rank 1, 340 km); held nowhere else on time"
    )


class TestShortfalls:
    """What cannot be sourced is named, with the reason, never dropped."""

    def test_no_stock(self) -> None:
        """A line no location holds."""
        placed, stock = _one_line(LEE=LEEDS)

        proposal = propose(placed, attrs.evolve(stock, levels=[]))

        assert [(s.quantity, s.reason) for s in proposal.short] == [
            (2, "no location has it in stock")
        ]
        assert proposal.plan.allocations == ()

    def test_not_enough(self) -> None:
        """One lamp of two: one planned, one short."""
        placed, stock = _one_line(LEE=LEEDS)
        one = attrs.evolve(stock, levels=[attrs.evolve(stock.levels[0], quantity=1)])

        proposal = propose(placed, one)

        assert [(s.quantity, s.reason) for s in proposal.short] == [
            (1, "not enough stock on time at any location")
        ]

    def test_late_stock(self) -> None:
        """Stock that ships after the required delivery date is not planned (S5)."""
        placed, stock = _one_line(LEE=LEEDS)
        due = RequestedDeliveryDate(date=at(DAY - timedelta(days=1)))

        proposal = propose(attrs.evolve(placed, required_delivery_date=due), stock)

        assert [s.reason for s in proposal.short] == [
            "its stock ships on 2026-12-01, after the required delivery date"
        ]

    def test_stock_arriving_later_ships_later(self) -> None:
        """Units that arrive on the 5th ship on the 5th, a consignment of their own."""
        placed, stock = _one_line(LEE=LEEDS)
        later = attrs.evolve(
            stock,
            levels=[
                attrs.evolve(stock.levels[0], quantity=1),
                StockLevel(
                    location="LEE", sku="LAMP-01", quantity=1, available_from=date(2026, 12, 5)
                ),
            ],
        )

        proposal = propose(placed, later)

        assert [str(a.ship_day) for a in proposal.plan.allocations] == ["2026-12-01", "2026-12-05"]

    def test_a_unit_too_big_for_every_box(self) -> None:
        """A 2 m rug fits no box: short, with its sides."""
        rug = item(
            "RUG-01",
            dimensions=Dimensions(width=Decimal(200), length=Decimal(30), height=Decimal(30)),
        )
        placed = order(rug)
        stock = Stock(
            locations=[Location(reference="LEE", ship_day=DAY)],
            levels=[StockLevel(location="LEE", sku="RUG-01", quantity=1)],
        )

        proposal = propose(placed, stock, catalogue=BOXES)

        assert [s.reason for s in proposal.short] == [
            "fits no box in any rotation (200 x 30 x 30 Cm)"
        ]

    def test_a_unit_too_heavy_for_every_box(self) -> None:
        """A 20 kg anvil fits the large box but outweighs it."""
        anvil = item("ANVIL-01", weight=Weight(value=Decimal(20)))
        placed = order(anvil)
        stock = Stock(
            locations=[Location(reference="LEE", ship_day=DAY)],
            levels=[StockLevel(location="LEE", sku="ANVIL-01", quantity=1)],
        )

        proposal = propose(placed, stock, catalogue=BOXES)

        assert [s.reason for s in proposal.short] == ["too heavy for every box it fits in (20 kg)"]

    def test_a_unit_the_fill_factor_leaves_no_room_for(self) -> None:
        """A 10 cm cube in a 10 cm box would fill it all; at 90% it does not go in."""
        cube = item("CUBE-01", weight=Weight(value=Decimal("0.1")))
        placed = order(cube)
        stock = Stock(
            locations=[Location(reference="LEE", ship_day=DAY)],
            levels=[StockLevel(location="LEE", sku="CUBE-01", quantity=1)],
        )
        snug = Catalogue(boxes=[attrs.evolve(BOXES.boxes[0], inner=box_of("10"))])

        proposal = propose(placed, stock, catalogue=snug)

        assert [s.reason for s in proposal.short] == [
            (
                "too large for every box it fits in, filled to at most 90% of its volume "
                "(1000 cubic cm)"
            )
        ]

    def test_a_line_no_identifier_names_alone(self) -> None:
        """Two lines of one SKU and nothing else: no allocation could name either."""
        placed = order(item(), item())
        stock = Stock(
            locations=[Location(reference="LEE", ship_day=DAY)],
            levels=[StockLevel(location="LEE", sku="LAMP-01", quantity=9)],
        )

        proposal = propose(placed, stock)

        assert [s.reason for s in proposal.short] == [
            "no identifier names this line alone, so no allocation can (Q4)"
        ] * 2


def test_a_replan_plans_only_what_is_outstanding() -> None:
    """After the necklace and bracelet are packed, the ledger's outstanding lines re-plan."""
    first = propose(seed_order(), SEED_STOCK, catalogue=BOXES)
    packed = attrs.evolve(
        first.plan, allocations=first.plan.allocations[:2], packages=first.plan.packages[:1]
    )
    ledger = OrderLedger.open(seed_order()).split(packed).ledger

    again = propose(seed_order(), SEED_STOCK, catalogue=BOXES, outstanding=ledger.outstanding)

    assert {a.sku for a in again.plan.allocations} == {"COAT-01", "HAT-01"}
    assert ledger.split(again.plan).split.consignments


def test_outstanding_is_a_count_for_each_line() -> None:
    """Five counts for four lines, and a count below zero, are refused."""
    with pytest.raises(PlanningError) as caught:
        propose(seed_order(), SEED_STOCK, outstanding=[1, 2, True, 1, -1])

    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("bad_value", "outstanding"),
        ("over_allocated", "outstanding[1]"),
        ("not_int", "outstanding[2]"),
        ("negative", "outstanding[4]"),
    ]


def test_without_a_catalogue_a_consignment_is_one_stacked_package() -> None:
    """The coat (50 x 40 x 8) and the hat (30 x 30 x 18) stand 50 x 40 x 26, 1.65 kg."""
    proposal = propose(seed_order(), SEED_STOCK)
    package = proposal.plan.packages[1]

    assert package.dimensions is not None
    assert package.weight is not None
    assert (package.dimensions.in_centimetres(), package.weight.value) == (
        (Decimal(40), Decimal(50), Decimal(26)),
        Decimal("1.65"),
    )


def test_the_heuristic_is_used_beyond_the_exact_bound() -> None:
    """More sources than EXACT_SOURCES: the heuristic, and a valid plan all the same."""
    placed, _ = _one_line()
    many = Stock(
        locations=[
            Location(reference=f"L{n}", ship_day=DAY, rank=n + 1) for n in range(EXACT_SOURCES + 1)
        ],
        levels=[
            StockLevel(location=f"L{n}", sku="LAMP-01", quantity=1)
            for n in range(EXACT_SOURCES + 1)
        ],
    )

    proposal = propose(placed, many, policy=PRESETS["priority"])

    assert not proposal.exact
    assert [a.origin for a in proposal.plan.allocations] == ["L0", "L1"]


class TestInputs:
    """Stock, boxes and policies are checked when built, every problem named."""

    def test_stock(self) -> None:
        """A location named twice, a level at no location, units below zero, no item named."""
        with pytest.raises(ModelError) as level:
            StockLevel(location="X", quantity=-1)
        with pytest.raises(ModelError) as fraction:
            StockLevel(location="X", sku="S", quantity=1.5)  # type: ignore[arg-type]
        assert fraction.value.codes() == ("not_int",)
        with pytest.raises(ModelError) as caught:
            Stock(
                locations=[
                    Location(reference="A", ship_day=DAY),
                    Location(reference="A", ship_day=DAY),
                ],
                levels=[StockLevel(location="B", sku="S", quantity=1)],
            )

        assert level.value.codes() == ("negative", "item_unidentified")
        assert caught.value.codes() == ("duplicate_location", "location_unknown")

    def test_location(self) -> None:
        """No reference, a rank of 0, a negative distance."""
        with pytest.raises(ModelError) as caught:
            Location(
                reference=" ",
                ship_day=datetime(2026, 12, 1, tzinfo=UTC),
                rank=0,
                distance_km=Decimal(-1),
                country="Britain",
            )

        assert caught.value.codes() == (
            "empty_origin",
            "not_date",
            "bad_country",
            "negative",
            "negative",
        )

    def test_boxes(self) -> None:
        """A box as heavy empty as its maximum; two boxes of one reference; no reference."""
        small = BOXES.boxes[0]
        with pytest.raises(ModelError) as heavy:
            attrs.evolve(small, reference="", tare=small.max_weight)
        with pytest.raises(ModelError) as twice:
            Catalogue(boxes=[small, small])

        assert heavy.value.codes() == ("empty_label", "box_overweight")
        with pytest.raises(ModelError) as flat:
            attrs.evolve(small, inner=attrs.evolve(small.inner, height=Decimal(0)))
        assert flat.value.codes() == ("out_of_range",)
        assert twice.value.codes() == ("duplicate_package_label",)

    def test_policy(self) -> None:
        """A fill factor of 0 or above 1, an objective twice."""
        with pytest.raises(ModelError) as caught:
            Policy(objectives=[Objective.RANKED, Objective.RANKED], fill_factor=Decimal(0))
        with pytest.raises(ModelError) as not_a_number:
            Policy(objectives=[], fill_factor=Decimal("NaN"))

        assert caught.value.codes() == ("out_of_range", "bad_value")
        assert not_a_number.value.codes() == ("not_finite",)


class TestCsv:
    """Stock and boxes as warehouse systems export them."""

    def test_stock_with_the_locations_facts_on_any_row(self) -> None:
        """Facts given once or on every row; services separated by semicolons."""
        sheet = read_stock(
            "Location,Ship Date,SKU,Quantity,Carrier Services,Rank,Latitude,Longitude,Country,Bin\n"
            "WH-A,2026-12-01,NECK-01,4,ROYAL-MAIL-24;DPD-NEXT-DAY,1,51.5,-0.1,GB\n"
            "WH-A,,BRAC-01,4,,,,,\n"
            "WH-B,2026-12-02,COAT-01,1,,2,,,\n"
        )
        stock = sheet.value

        assert sheet.unknown == ("Bin",)
        assert stock.locations[0] == Location(
            reference="WH-A",
            ship_day=DAY,
            carrier_services=["ROYAL-MAIL-24", "DPD-NEXT-DAY"],
            rank=1,
            position=LatLong(latitude=Decimal("51.5"), longitude=Decimal("-0.1")),
            country="GB",
        )
        assert [(lv.location, lv.sku, lv.quantity) for lv in stock.levels] == [
            ("WH-A", "NECK-01", 4),
            ("WH-A", "BRAC-01", 4),
            ("WH-B", "COAT-01", 1),
        ]

    def test_stock_problems_are_every_one_by_line_and_column(self) -> None:
        """Facts that disagree, a location without a ship day, half a position, bad cells."""
        with pytest.raises(PlanningError) as caught:
            read_stock(
                "location,ship_date,sku,quantity,latitude,available_from\n"
                "WH-A,2026-12-01,A,x,51,\n"
                "WH-A,2026-12-02,B,1,,soon\n"
                "WH-B,,C,1,,\n"
                "WH-C,2026-12-01,D,-1,,\n"
                ",2026-12-01,E,1,,\n"
            )

        assert [(p.code, p.path) for p in caught.value.problems] == [
            ("bad_value", "line 2 column quantity"),
            ("bad_value", "line 3 column available_from"),
            ("location_differs", "line 3 column ship_date"),
            ("negative", "line 5 column quantity"),
            ("empty_cell", "line 6 column location"),
            ("empty_cell", "line 2 column longitude"),
            ("empty_cell", "line 4 column ship_date"),
        ]

    def test_a_locations_facts_are_named_where_they_are_given(self) -> None:
        """Each fact's problem is at the line that gave it; a rank of 1 and of 1.0 agree."""
        with pytest.raises(PlanningError) as caught:
            read_stock(
                "location,ship_date,rank,distance_km,sku,quantity\n"
                "WH-A,2026-12-01,1,,A,1\n"
                "WH-A,,1.0,NaN,B,1\n"
                "WH-B,2026-12-01,0,,C,1\n"
            )

        assert [(p.code, p.path) for p in caught.value.problems] == [
            ("not_finite", "line 3 column distance_km"),
            ("negative", "line 4 column rank"),
        ]

    def test_boxes(self) -> None:
        """Inner sides as 40x30x20; tare optional; every bad row named."""
        catalogue = read_catalogue(
            "reference,inner_cm,max_weight_kg,tare_kg\nS,20x25x10,2,0.1\nL,45x55x30,10,\n"
        )

        assert catalogue.value.boxes[1] == Box(
            reference="L",
            inner=Dimensions(width=Decimal(45), length=Decimal(55), height=Decimal(30)),
            max_weight=Weight(value=Decimal(10)),
        )
        with pytest.raises(PlanningError) as caught:
            read_catalogue(
                "reference,inner_cm,max_weight_kg,tare_kg\nS,20x25,2,\nT,1x1x1,heavy,\n"
                "U,1x1x1,-1,\nV,1x1x1,1,1\nW,1x1x1,1,\nW,2x2x2,1,\n"
            )
        assert [(p.code, p.path) for p in caught.value.problems] == [
            ("bad_value", "line 2 column inner_cm"),
            ("bad_value", "line 3 column max_weight_kg"),
            ("negative", "line 4 column max_weight_kg"),
            ("box_overweight", "line 5"),
            ("duplicate_package_label", "line 7 column reference"),
        ]


def test_the_heuristic_drops_a_source_when_two_others_cover_everything() -> None:
    """Set cover: WH-1 holds four lines, WH-2 and WH-3 three each, together all six.

    Filling from the fullest first uses all three; dropping WH-1 leaves two consignments.
    """
    placed = order(*(item(f"SKU-{n}") for n in range(1, 7)))
    holds = {"WH-1": (1, 2, 3, 4), "WH-2": (1, 3, 5), "WH-3": (2, 4, 6)}
    stock = Stock(
        locations=[Location(reference=name, ship_day=DAY) for name in holds],
        levels=[
            StockLevel(location=name, sku=f"SKU-{n}", quantity=1)
            for name, held in holds.items()
            for n in held
        ],
    )

    proposal = propose(placed, stock, exact=False)

    assert {a.origin for a in proposal.plan.allocations} == {"WH-2", "WH-3"}
    assert proposal.short == ()


def test_two_levels_at_one_place_and_day_are_one_source() -> None:
    """Lamps on two shelves of Leeds: one consignment, the line taken from both."""
    placed, stock = _one_line(LEE=LEEDS)
    shelves = attrs.evolve(stock, levels=[attrs.evolve(stock.levels[0], quantity=1)] * 2)

    proposal = propose(placed, shelves)

    assert [(a.origin, a.quantity) for a in proposal.plan.allocations] == [("LEE", 2)]
    assert [(t.source.location, t.quantity) for t in proposal.lines[0].sources] == [("LEE", 2)]


def test_a_policy_of_no_objectives_still_decides() -> None:
    """No objective at all: the units short, then the allocations' own order; no scores."""
    proposal = propose(seed_order(), SEED_STOCK, policy=Policy(objectives=[]))

    assert proposal.short == ()
    assert proposal.explain().splitlines()[0] == ("Policy: none (every set of sources tried)")
    assert not proposal.explain().splitlines()[1].startswith("Scores")


def test_what_remains_after_a_plan() -> None:
    """A proposal taken from the stock leaves the rest; a plan taking more is refused."""
    proposal = propose(seed_order(), SEED_STOCK)

    left = remaining(seed_order(), SEED_STOCK, proposal.plan)

    assert [level.quantity for level in left.levels] == [3, 3, 0, 2]
    with pytest.raises(PlanningError) as caught:
        remaining(seed_order(), left, proposal.plan)  # the one coat is gone
    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("over_allocated", "allocations[2]")
    ]
    assert caught.value.problems[0].message == (
        "1 of its 1 units are not in stock at 'WH-B' on 2026-12-01"
    )


@pytest.mark.parametrize("reverse", [False, True])
def test_stock_named_by_a_sku_and_by_a_reference_serves_both_lines(*, reverse: bool) -> None:
    """Stock named by the SKU and by one line's own reference serves both lines of the SKU.

    Two lines of SKU X want 2 and 1 units; 2 units are named by the SKU, 1 by the first
    line's reference. The first line takes its own unit before the SKU's, leaving one for
    the second, whatever the levels' order: nothing short, its units one allocation.
    """
    first, second = item("X", reference="a" * 32, quantity=2), item("X", reference="b" * 32)
    placed = order(first, second)
    levels = [
        StockLevel(location="LEE", sku="X", quantity=2),
        StockLevel(location="LEE", sku="X", reference="a" * 32, quantity=1),
    ]
    stock = Stock(
        locations=[Location(reference="LEE", ship_day=DAY)],
        levels=levels[::-1] if reverse else levels,
    )

    proposal = propose(placed, stock)

    assert proposal.short == ()
    assert [(a.reference, a.quantity) for a in proposal.plan.allocations] == [
        ("a" * 32, 2),
        ("b" * 32, 1),
    ]
    assert [level.quantity for level in remaining(placed, stock, proposal.plan).levels] == [0, 0]


def test_a_consignment_ships_one_currency() -> None:
    """A pound line and a euro line held at one place: one ships, the other is short (S4)."""
    pounds = item("GB-LAMP")
    euros = item("EU-LAMP", value=Money(amount=Decimal(10), currency="EUR"))
    placed = order(pounds, euros)
    stock = Stock(
        locations=[Location(reference="LEE", ship_day=DAY)],
        levels=[
            StockLevel(location="LEE", sku="GB-LAMP", quantity=1),
            StockLevel(location="LEE", sku="EU-LAMP", quantity=1),
        ],
    )

    proposal = propose(placed, stock)
    split_order(placed, proposal.plan)

    assert [s.reason for s in proposal.short] == [
        (
            "some of its stock is where another currency's lines ship from, and a consignment "
            "holds one currency (S4)"
        )
    ]


@st.composite
def mixed_currencies(draw: st.DrawFn) -> tuple[Order, Stock, Policy]:
    """An order whose lines are in pounds or euros, stock for it, and a policy."""
    placed = draw(orders(max_items=5))
    items = [
        attrs.evolve(i, value=attrs.evolve(i.value, currency=draw(st.sampled_from(["GBP", "EUR"]))))
        for i in placed.items
    ]
    packages = []
    for package in placed.packages:
        packages.append(attrs.evolve(package, items=items[: len(package.items)]))
        items = items[len(package.items) :]
    placed = attrs.evolve(placed, packages=packages)
    return placed, draw(stocks(placed)), draw(st.sampled_from(list(PRESETS.values())))


@given(case=mixed_currencies(), exact=st.booleans())
def test_every_proposal_for_mixed_currencies_is_a_valid_split(
    case: tuple[Order, Stock, Policy], *, exact: bool
) -> None:
    """No consignment of a proposal mixes currencies, so split_order accepts every one."""
    placed, stock, policy = case

    proposal = propose(placed, stock, policy=policy, exact=exact)

    split_order(placed, proposal.plan)


def test_a_line_of_many_units_is_boxed_by_the_box_not_by_the_unit() -> None:
    """200,000 10 cm cubes of 0.1 kg: 19 to a 30 cm box by weight (2 kg less 0.1 tare)."""
    cubes = item("CUBE-01", quantity=200_000, weight=Weight(value=Decimal("0.1")))
    placed = order(cubes)
    stock = Stock(
        locations=[Location(reference="LEE", ship_day=DAY)],
        levels=[StockLevel(location="LEE", sku="CUBE-01", quantity=200_000)],
    )
    crate = Box(
        reference="CRATE",
        inner=box_of("30"),
        max_weight=Weight(value=Decimal(2)),
        tare=Weight(value=Decimal("0.1")),
    )

    proposal = propose(placed, stock, catalogue=Catalogue(boxes=[crate]))

    assert len(proposal.plan.packages) == 10_527  # 200,000 / 19, rounded up
    assert {a.quantity for a in proposal.plan.allocations} == {19, 6}
    assert proposal.short == ()


def test_once_the_sources_are_chosen_a_line_ships_from_the_better_ranked() -> None:
    """No coat at B: A and C must both ship. The necklace, held at both, goes with A (rank 1).

    Counting sources first puts C (which could supply three lines) before A; the fill in the
    units' own order (rank) is tried too, and ranks 8 against 10.
    """
    no_coat = [
        attrs.evolve(level, quantity=0)
        if (level.location, level.sku) == ("WH-B", "COAT-01")
        else level
        for level in seed_stock().levels
    ]

    proposal = propose(seed_order(), attrs.evolve(seed_stock(), levels=no_coat))

    assert [(a.sku, a.origin) for a in proposal.plan.allocations][:2] == [
        ("NECK-01", "WH-A"),
        ("BRAC-01", "WH-A"),
    ]
    assert proposal.scores[2] == "8 rank-units"


@given(case=cases(), seed=st.integers(0, 2**32))
def test_shuffling_the_order_lines_gives_the_same_plan(
    case: tuple[Order, Stock, Catalogue | None, Policy], seed: int
) -> None:
    """Lines are named by their identifiers, not their places: reordering them changes nothing."""
    placed, stock, catalogue, policy = case
    shuffle = random.Random(seed)  # noqa: S311 - a shuffle, not a secret
    packages = [
        attrs.evolve(package, items=shuffle.sample(package.items, len(package.items)))
        for package in placed.packages
    ]
    reordered = attrs.evolve(placed, packages=shuffle.sample(packages, len(packages)))

    assert (
        propose(reordered, stock, catalogue=catalogue, policy=policy).plan
        == propose(placed, stock, catalogue=catalogue, policy=policy).plan
    )


@pytest.mark.parametrize(("lines", "exact"), [(EXACT_LINES, True), (EXACT_LINES + 1, False)])
def test_the_exhaustive_search_takes_at_most_so_many_lines(lines: int, *, exact: bool) -> None:
    """One source, many lines: the search is exhaustive up to EXACT_LINES lines."""
    placed = order(*(item(f"SKU-{n}") for n in range(lines)))
    stock = Stock(
        locations=[Location(reference="LEE", ship_day=DAY)],
        levels=[StockLevel(location="LEE", sku=f"SKU-{n}", quantity=1) for n in range(lines)],
    )

    assert propose(placed, stock).exact is exact


@pytest.mark.parametrize(("held", "more"), [(9, " and 3 more"), (6, "")])
def test_an_explanation_names_five_other_sources_and_counts_the_rest(held: int, more: str) -> None:
    """A line held at nine locations: the one it ships from, five others, and 3 more."""
    locations = [f"WH-{n}" for n in range(held)]
    stock = Stock(
        locations=[Location(reference=where, ship_day=DAY) for where in locations],
        levels=[StockLevel(location=where, sku="LAMP-01", quantity=1) for where in locations],
    )

    (line,) = propose(order(item()), stock).lines

    assert line.reason == (
        "1 from WH-0 (ships 2026-12-01); also held at "
        + ", ".join(f"WH-{n} (ships 2026-12-01)" for n in range(1, 6))
        + more
    )


def test_holding_for_a_restock_ships_on_hand_units_with_the_restock() -> None:
    """One coat on hand at rank 1 and one arriving a day later; two at rank 3 today.

    Without holding, one consignment means rank 3's two. Holding, rank 1's on-hand coat waits
    a day and both ship from rank 1 together; the stock left takes both levels there.
    """
    coats = item("COAT-01", quantity=2)
    later = DAY + timedelta(days=1)
    stock = Stock(
        locations=[
            Location(reference="WH-A", ship_day=DAY, rank=1),
            Location(reference="WH-C", ship_day=DAY, rank=3),
        ],
        levels=[
            StockLevel(location="WH-A", sku="COAT-01", quantity=1),
            StockLevel(location="WH-A", sku="COAT-01", quantity=1, available_from=later),
            StockLevel(location="WH-C", sku="COAT-01", quantity=2),
        ],
    )
    objectives = (Objective.FEWEST_CONSIGNMENTS, Objective.RANKED)

    plain = propose(order(coats), stock, policy=Policy(objectives=objectives))
    held = propose(order(coats), stock, policy=Policy(objectives=objectives, hold_for_restock=True))

    assert [(a.origin, a.ship_day, a.quantity) for a in plain.plan.allocations] == [
        ("WH-C", DAY, 2)
    ]
    assert [(a.origin, a.ship_day, a.quantity) for a in held.plan.allocations] == [
        ("WH-A", later, 2)
    ]
    left = remaining(order(coats), stock, held.plan, hold_for_restock=True)
    assert [level.quantity for level in left.levels] == [0, 0, 2]
    with pytest.raises(PlanningError, match="over_allocated"):
        remaining(order(coats), stock, held.plan)  # not held, the units are not there
    assert held.explain().startswith(
        "Policy: FewestConsignments, then Ranked, holding units on hand for restocks (every set"
    )


@given(case=cases())
def test_holding_for_a_restock_never_leaves_more_units_short(
    case: tuple[Order, Stock, Catalogue | None, Policy],
) -> None:
    """Holding only adds ways to ship: its proposal sources at least as many units."""
    placed, stock, catalogue, policy = case
    held = attrs.evolve(policy, hold_for_restock=True)
    plain = attrs.evolve(policy, hold_for_restock=False)

    short_held = propose(placed, stock, catalogue=catalogue, policy=held).short
    short_plain = propose(placed, stock, catalogue=catalogue, policy=plain).short

    assert sum(s.quantity for s in short_held) <= sum(s.quantity for s in short_plain)


def test_holding_that_would_cost_a_currency_its_consignment_is_not_taken() -> None:
    """A pound line on hand, five euro units arriving tomorrow: the plan without holding is kept.

    Held, the pound line would take the later day's consignment and leave a euro unit short
    (a consignment ships one currency, S4).
    """
    pounds = item("A-GBP", quantity=1)
    euros = item("B-EUR", quantity=5, value=Money(amount=Decimal(10), currency="EUR"))
    later = DAY + timedelta(days=1)
    stock = Stock(
        locations=[Location(reference="L", ship_day=DAY)],
        levels=[
            StockLevel(location="L", sku="A-GBP", quantity=1),
            StockLevel(location="L", sku="B-EUR", quantity=5, available_from=later),
        ],
    )
    policy = Policy(
        objectives=(Objective.FEWEST_CONSIGNMENTS, Objective.MOST_STOCK), hold_for_restock=True
    )

    proposal = propose(order(pounds, euros), stock, policy=policy)

    assert proposal.short == ()
