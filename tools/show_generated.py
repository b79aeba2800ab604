"""Print the code orderpack generates for the seed example: ``python tools/show_generated.py``.

Splits the seed order, writes it and its requests as PRO's JSON, reads them back, and proposes
the seed plan from stock, then prints each function generated on the way (builders, type
checks, the comparison of item details, the contract's writers and quick builders), under what
it is for. With an argument, prints only those whose purpose contains it, e.g. ``Weight``.
"""

from __future__ import annotations

import sys

from orderpack import Order, PackOrderRequest, split_order
from orderpack.contract import dumps, read
from orderpack.demo import seed_order, seed_plan, seed_stock
from orderpack.model.generated import sources
from orderpack.planning import propose


def main(argv: list[str]) -> int:
    """Run the seed example, then print what it generated."""
    split = split_order(seed_order(), seed_plan())
    read(dumps(seed_order()), Order)
    for request in split.requests:
        read(dumps(request), PackOrderRequest)
    propose(seed_order(), seed_stock())
    wanted = argv[1] if len(argv) > 1 else ""
    for purpose, source in sources().items():
        if wanted in purpose:
            print(f"# {purpose}\n{source}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
