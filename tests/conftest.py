"""Hypothesis profiles, chosen by the HYPOTHESIS_PROFILE environment variable.

``dev`` (the default) keeps the suite quick; ``ci`` runs more examples, as ``.ci/run`` asks;
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

settings.register_profile("dev", UNTIMED, max_examples=60)
settings.register_profile("ci", UNTIMED, max_examples=150, print_blob=True)
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
# run the tests once before the mutant is chosen. What the contract keeps once built (its
# converters, their generated hooks, the wire schemas) would keep the original code, and its
# mutants would live whatever the tests say. So those caches are emptied: before each test
# while mutmut maps tests to the functions they call ("stats"), so that each test that reads
# or writes JSON, and only such a test, counts as running the contract's set-up; and once per
# mutant of the contract, in the process mutmut starts for it.
_emptied_for: list[str] = []


@pytest.fixture(autouse=True)
def _contract_caches_emptied_under_the_mutant() -> None:
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    if mutant != "stats" and not mutant.startswith("orderpack.contract."):
        return
    if mutant in _emptied_for:
        return
    if mutant != "stats":
        _emptied_for.append(mutant)
    from orderpack.contract import _hooks, wire_names  # noqa: PLC0415 - only under mutmut

    wire_names.schema.cache_clear()
    _hooks._reader.cache_clear()
    _hooks._writer.cache_clear()
