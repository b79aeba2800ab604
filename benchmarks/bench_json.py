"""PRO's JSON: orderpack's contract against pydantic v2 and msgspec, in time and memory.

A Get Order of 10,000 items (about 3 MB) is read and written by orderpack, by pydantic v2
models and by msgspec structs of the same fields and constraints (``mirrors.py``); the
baseline is the standard library's ``json`` on the same text. Memory is what the decoded
value holds, per order item and per consignment package, measured with tracemalloc.
"""

from __future__ import annotations

import functools
import json
import tracemalloc
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
from _timing import interleaved, machine, table
from mirrors import MSGSPEC_DECODER, MSGSPEC_ENCODER, MPackage, POrder, PPackage
from msgspec.json import Decoder
from pydantic import TypeAdapter

from orderpack import Order, Package, split_order
from orderpack.contract import dumps, from_wire, read
from orderpack.demo import seed_order, seed_plan

if TYPE_CHECKING:
    from collections.abc import Callable

ITEMS = 10_000
PACKAGES = TypeAdapter(list[PPackage])
MSGSPEC_PACKAGES = Decoder(list[MPackage])


def big_order(items: int = ITEMS) -> Order:
    """The seed order's four items, repeated with their own references, 100 to a package."""
    seed = seed_order()
    lines = [
        attrs.evolve(seed.items[n % 4], reference=f"{n:032x}", sku=f"SKU-{n}") for n in range(items)
    ]
    packages = [
        attrs.evolve(seed.packages[0], items=lines[n : n + 100]) for n in range(0, items, 100)
    ]
    return attrs.evolve(seed, packages=packages)


def retained(build: Callable[[], object]) -> int:
    """Bytes that the value *build* returns still holds once built (tracemalloc)."""
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    value = build()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del value
    return after - before


def main() -> None:
    """Print the decode and encode table, then the memory table."""
    order = big_order()
    text = dumps(order)
    ours = read(text, Order).value
    theirs = POrder.model_validate_json(text)
    structs = MSGSPEC_DECODER.decode(text)
    # PRO's own style: a key orderpack does not know on every item, reported as unknown.
    unknown = text.replace('"Quantity":', '"Colour":"red","Quantity":')
    spent = interleaved(
        {
            "json.loads": functools.partial(json.loads, text, parse_float=Decimal),
            "orderpack read": functools.partial(read, text, Order),
            "orderpack read, strict": functools.partial(read, text, Order, strict=True),
            "orderpack read, unknown keys": functools.partial(read, unknown, Order),
            "pydantic v2": functools.partial(POrder.model_validate_json, text),
            "pydantic v2, unknown keys": functools.partial(POrder.model_validate_json, unknown),
            "msgspec": functools.partial(MSGSPEC_DECODER.decode, text),
            "json.dumps": functools.partial(json.dumps, json.loads(text)),
            "orderpack dumps": functools.partial(dumps, ours),
            "pydantic v2 dump": functools.partial(theirs.model_dump_json, exclude_none=True),
            "msgspec encode": functools.partial(MSGSPEC_ENCODER.encode, structs),
        },
        rounds=7,
    )
    decoders = (
        "orderpack read",
        "orderpack read, strict",
        "orderpack read, unknown keys",
        "pydantic v2",
        "pydantic v2, unknown keys",
        "msgspec",
    )
    encoders = ("orderpack dumps", "pydantic v2 dump", "msgspec encode")
    heading = f"a Get Order of {ITEMS:,} items, {len(text) / 1e6:.1f} MB ({machine()}; medians)"
    table(
        f"Decoding {heading}",
        ("decoder", "per item", "/ json.loads", "/ pydantic v2", "/ msgspec"),
        [
            (
                name,
                f"{spent[name] / ITEMS * 1e6:.1f} µs",
                f"{spent[name] / spent['json.loads']:.1f}x",
                f"{spent[name] / spent['pydantic v2']:.2f}x",
                f"{spent[name] / spent['msgspec']:.1f}x",
            )
            for name in decoders
        ],
    )
    table(
        f"Encoding {heading}",
        ("encoder", "per item", "/ json.dumps", "/ pydantic v2", "/ msgspec"),
        [
            (
                name,
                f"{spent[name] / ITEMS * 1e6:.1f} µs",
                f"{spent[name] / spent['json.dumps']:.1f}x",
                f"{spent[name] / spent['pydantic v2 dump']:.2f}x",
                f"{spent[name] / spent['msgspec encode']:.1f}x",
            )
            for name in encoders
        ],
    )
    memory_table(text)


def memory_table(text: str) -> None:
    """Bytes per order item (the big order) and per consignment package (1,000 of them)."""
    package = split_order(seed_order(), seed_plan()).consignments[1].packages[0]
    packages = "[" + ",".join([dumps(attrs.evolve(package, reference=None))] * 1_000) + "]"
    per_item = {
        "orderpack": retained(lambda: read(text, Order).value) / ITEMS,
        "pydantic v2": retained(lambda: POrder.model_validate_json(text)) / ITEMS,
        "msgspec": retained(lambda: MSGSPEC_DECODER.decode(text)) / ITEMS,
    }
    per_package = {
        "orderpack": retained(
            lambda: [from_wire(p, Package).value for p in json.loads(packages, parse_float=Decimal)]
        )
        / 1_000,
        "pydantic v2": retained(lambda: PACKAGES.validate_json(packages)) / 1_000,
        "msgspec": retained(lambda: MSGSPEC_PACKAGES.decode(packages)) / 1_000,
    }
    table(
        f"Memory a decoded value holds ({machine()}; tracemalloc)",
        ("model", "per order item", "/ pydantic v2", "/ msgspec", "per package", "/ pydantic v2"),
        [
            (
                name,
                f"{per_item[name]:,.0f} B",
                f"{per_item[name] / per_item['pydantic v2']:.2f}x",
                f"{per_item[name] / per_item['msgspec']:.2f}x",
                f"{per_package[name]:,.0f} B",
                f"{per_package[name] / per_package['pydantic v2']:.2f}x",
            )
            for name in per_item
        ],
    )


if __name__ == "__main__":
    main()
