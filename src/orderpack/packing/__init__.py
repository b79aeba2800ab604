"""Packing and splitting: the rules of a pack and a split, each stated once.

:func:`pack_order` makes one consignment as PRO's Pack Order does (rules P1-P12);
:func:`split_order` turns an order and a :class:`Plan` into consignments, requests and what
stays outstanding, and :func:`check_split` states what a valid split is (S1-S8). The rules
themselves live in :mod:`orderpack.packing.rules`; every path that checks one calls it there.
"""

from orderpack.packing.pack import (
    PackItem,
    PackOrderRequest,
    PackPackage,
    PackResult,
    find_line,
    make_return,
    pack_order,
)
from orderpack.packing.split import (
    Allocation,
    LineBalance,
    Plan,
    PlannedPackage,
    Split,
    check_split,
    split_order,
)

__all__ = [
    "Allocation",
    "LineBalance",
    "PackItem",
    "PackOrderRequest",
    "PackPackage",
    "PackResult",
    "Plan",
    "PlannedPackage",
    "Split",
    "check_split",
    "find_line",
    "make_return",
    "pack_order",
    "split_order",
]
