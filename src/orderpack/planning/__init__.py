"""Propose a split: source each line from stock, box the units, and say why.

:func:`propose` takes an order (or what a ledger still has outstanding), the stock at each
shipping location and, optionally, a catalogue of boxes, and returns a :class:`Proposal`: a
:class:`~orderpack.Plan` that :func:`~orderpack.split_order` accepts, what cannot be sourced,
and an explanation a person can read.

>>> from datetime import date
>>> from orderpack import split_order
>>> from orderpack.demo import seed_order
>>> stock = Stock(
...     locations=[Location(reference="WH-A", ship_day=date(2026, 12, 1)),
...                Location(reference="WH-B", ship_day=date(2026, 12, 2))],
...     levels=[StockLevel(location="WH-A", sku="NECK-01", quantity=5),
...             StockLevel(location="WH-A", sku="BRAC-01", quantity=5),
...             StockLevel(location="WH-B", sku="COAT-01", quantity=2),
...             StockLevel(location="WH-B", sku="HAT-01", quantity=9)],
... )
>>> proposal = propose(seed_order(), stock)
>>> [(a.sku, a.origin, str(a.ship_day)) for a in proposal.plan.allocations]
[('NECK-01', 'WH-A', '2026-12-01'), ('BRAC-01', 'WH-A', '2026-12-01'),
 ('COAT-01', 'WH-B', '2026-12-02'), ('HAT-01', 'WH-B', '2026-12-02')]
>>> len(split_order(seed_order(), proposal.plan).consignments), proposal.short
(2, ())

**Policies.** Every proposal ships on time (no unit ships after the order's required
delivery date; split_order's rule S5) and sources as many units as the on-time stock allows.
Among the proposals that do, the policy's objectives choose, in order, each breaking the
ties of the one before (as Shopify's routing rules do); the last tie-break compares the
allocations themselves, so the same inputs always give the same plan, whatever the order of
the locations, stock levels or boxes. :data:`PRESETS` names the peers' usual policies.

**Optimality.** Up to :data:`EXACT_SOURCES` sources (a location's ship day, or a later day
when more stock arrives) and :data:`EXACT_LINES` lines, the search is exhaustive over which
sources ship: when the lines name distinct items of one currency and no units are held for
a restock, no plan sources more units, and none of those does better by the policy's first
objective. The later objectives break ties as the
fill meets them, in the policy's order of sources, and are not searched for their best.
Beyond the bound a heuristic fills each line from the sources in the policy's order, then
drops lightly used sources while that does not cost a unit; ``make bench`` measures its gap.

**Boxing.** With a catalogue, each unit goes in a box it fits in some rotation, no box over
its maximum weight counting its tare nor over its volume times the policy's fill factor. Up
to 8 units of a consignment, every grouping is searched for the fewest boxes, then the least
volume of boxes; beyond, first fit, a new box being the one that carries most. Each box is
then the smallest that holds what it got. A unit too big or too heavy for every box is
short, with the reason. Without a catalogue, each consignment is one package, measured as
its units stacked.

**Sheets.** :func:`read_stock` and :func:`read_catalogue` read CSV sheets into a
:class:`~orderpack.contract.Read`: the value, and the columns they did not know.
"""

from __future__ import annotations

from orderpack.model.read import Read
from orderpack.planning._inputs import (
    EXACT_LINES,
    EXACT_SOURCES,
    PRESETS,
    Box,
    Catalogue,
    Location,
    Objective,
    Policy,
    Stock,
    StockLevel,
)
from orderpack.planning._proposal import (
    LineChoice,
    PackageChoice,
    Proposal,
    Shortfall,
    StockSource,
    Taken,
)
from orderpack.planning._proposing import propose, remaining
from orderpack.planning._sheets import BOX_COLUMNS, STOCK_COLUMNS, read_catalogue, read_stock

__all__ = [
    "BOX_COLUMNS",
    "EXACT_LINES",
    "EXACT_SOURCES",
    "PRESETS",
    "STOCK_COLUMNS",
    "Box",
    "Catalogue",
    "LineChoice",
    "Location",
    "Objective",
    "PackageChoice",
    "Policy",
    "Proposal",
    "Read",
    "Shortfall",
    "Stock",
    "StockLevel",
    "StockSource",
    "Taken",
    "propose",
    "read_catalogue",
    "read_stock",
    "remaining",
]
