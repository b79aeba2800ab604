"""Hypothesis strategies for orderpack's values, valid by construction.

Services that embed orderpack can test their own code with the generators orderpack's own
property tests use. They need the ``hypothesis`` extra (``orderpack[hypothesis]``); without
it, importing this module says so.

One module per subject (values, orders, what is made of them, planning's inputs, PRO's
documents as text), all importable from here.

Options follow Hypothesis's own style: keyword-only, and a strategy wherever a caller may want
to constrain a part (``currencies=st.just("EUR")``). Shared parts are drawn first (an order's
currency, a plan's consignment keys), so nothing is generated and then filtered away.

>>> from hypothesis import given
>>> from orderpack import check_split, split_order
>>> @given(data=st.data())
... def test_every_plan_splits_cleanly(data):
...     order = data.draw(orders())
...     split = split_order(order, data.draw(plans(order)))
...     assert check_split(order, split.consignments, lines=split.lines) == ()
>>> test_every_plan_splits_cleanly()
"""

from __future__ import annotations

try:
    from hypothesis import strategies as st  # noqa: F401 - the example above uses it
except ModuleNotFoundError as missing:  # pragma: no cover - `make package` checks this
    raise ModuleNotFoundError(
        "orderpack.strategies needs Hypothesis: install orderpack[hypothesis] "
        '(in a checkout: pip install -e ".[hypothesis]")',
        name=missing.name,
    ) from missing

from orderpack.strategies._documents import payloads
from orderpack.strategies._orders import order_items, orders
from orderpack.strategies._planning import catalogues, policies, stocks
from orderpack.strategies._splits import consignments, ledgers, pack_requests, plans
from orderpack.strategies._values import (
    addresses,
    barcodes,
    contacts,
    countries,
    customs_documentation,
    dimensions,
    metadata,
    money,
    weights,
)

__all__ = [
    "addresses",
    "barcodes",
    "catalogues",
    "consignments",
    "contacts",
    "countries",
    "customs_documentation",
    "dimensions",
    "ledgers",
    "metadata",
    "money",
    "order_items",
    "orders",
    "pack_requests",
    "payloads",
    "plans",
    "policies",
    "stocks",
    "weights",
]

for _name in __all__:  # documented, and shown in reprs, where they are imported from
    globals()[_name].__module__ = __name__
del _name
