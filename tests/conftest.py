"""Hypothesis profiles, chosen by the HYPOTHESIS_PROFILE environment variable.

``dev`` (the default) keeps the suite quick; ``ci`` runs a few more examples, as ``.ci/run``
asks, and keeps ``make test`` within minutes on a 2-core machine; ``deep`` is for ``make deep``,
ten times the examples, by hand;
``debug`` shows what is generated; ``fuzz`` is for ``make fuzz``, many examples of the fuzz
test; ``mutate`` is for ``make mutate``: fewer examples, the same ones every run
(derandomized, no example database), so a mutant's verdict is repeatable, and no shrinking
of a failure.

No profile has a deadline or the too_slow health check: both time the machine, and speed is
measured in benchmarks against a baseline, never asserted in tests. Coverage tracing and
parallel workers slow generation unevenly on a shared machine.
"""

import os

import pytest
from hypothesis import HealthCheck, Phase, Verbosity, settings

UNTIMED = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

settings.register_profile("dev", UNTIMED, max_examples=25)
settings.register_profile("ci", UNTIMED, max_examples=30, print_blob=True)
settings.register_profile("deep", UNTIMED, max_examples=400, print_blob=True)
settings.register_profile("debug", UNTIMED, max_examples=10, verbosity=Verbosity.verbose)
# mutmut runs pytest again and again in one process, so test classes get new instances: that
# is the run's doing, not the tests', and differing_executors would fail them for it.
# A mutant is killed by the first failing example, so it is not shrunk: shrinking a failure
# can take minutes, and the smallest example is of no use here.
settings.register_profile(
    "mutate",
    UNTIMED,
    max_examples=30,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    report_multiple_bugs=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
)
# make fuzz: the fuzz test with many examples; generation only, as its failures are what count.
settings.register_profile(
    "fuzz",
    UNTIMED,
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "20000")),
    database=None,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


# make mutate: mutmut switches mutants when a function is called, in a process that has already
# run the tests once before the mutant is chosen. What the generators keep once built (the
# contract's converters and writers, the builders, the type checks, the wire schemas) would
# keep the original code, and their mutants would live whatever the tests say. So every
# generator's cache is emptied (orderpack.model.generated.forget): before each test while
# mutmut maps tests to the functions they call ("stats"), so that each test counts as running
# the set-up it needs; and once per mutant, in the process mutmut starts for it.
_forgotten_for: list[str] = []


@pytest.fixture(autouse=True)
def _generated_code_forgotten_under_the_mutant() -> None:
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    if not mutant or mutant in _forgotten_for:
        return
    if mutant != "stats":
        _forgotten_for.append(mutant)
    from orderpack.model import generated  # noqa: PLC0415 - only under mutmut

    generated.forget()
