"""How much CPU the command line and the library cost before they do anything.

A command line is started thousands of times a day, and a service restarts; what its imports
cost is paid each time. Each case is a fresh interpreter, timed by the CPU it used (user and
system, from the operating system's account of its children), so that a busy machine's
waiting does not count; cases run in interleaved rounds and each keeps its least, the cost
with nothing in the way. The baseline is importing orderpack's own runtime dependencies.

    python benchmarks/bench_startup.py [ROUNDS]
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys

from _timing import machine, table

CASES = {
    "python -c pass": ["-c", "pass"],
    "import attrs, cattrs, msgspec (baseline)": ["-c", "import attrs, cattrs, msgspec"],
    "import orderpack": ["-c", "import orderpack"],
    "orderpack --help": ["-m", "orderpack", "--help"],
    "orderpack plan --help": ["-m", "orderpack", "plan", "--help"],
    "orderpack demo": ["-m", "orderpack", "demo"],
}
BASELINE = "import attrs, cattrs, msgspec (baseline)"


def cpu(arguments: list[str]) -> float:
    """The CPU seconds a fresh interpreter running *arguments* uses."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, *arguments],
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(rounds: int) -> None:
    """Print each case's least CPU over *rounds*, and its ratio to the baseline."""
    least = dict.fromkeys(CASES, float("inf"))
    for _ in range(rounds):
        for name, arguments in CASES.items():
            least[name] = min(least[name], cpu(arguments))
    base = least[BASELINE]
    table(
        f"Start-up, least CPU of {rounds} interleaved rounds ({machine()})",
        ("Case", "CPU", "To the baseline"),
        [(name, f"{spent * 1000:.0f} ms", f"{spent / base:.2f}x") for name, spent in least.items()],
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 9)
