"""Hypothesis profiles, chosen by the HYPOTHESIS_PROFILE environment variable.

``dev`` (the default) keeps the suite quick; ``ci`` runs more examples, as ``.ci/run`` asks;
``debug`` shows what is generated.

No profile has a deadline or the too_slow health check: both time the machine, and speed is
measured in benchmarks against a baseline, never asserted in tests. Coverage tracing and
parallel workers slow generation unevenly on a shared machine.
"""

import os

from hypothesis import HealthCheck, Verbosity, settings

UNTIMED = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

settings.register_profile("dev", UNTIMED, max_examples=60)
settings.register_profile("ci", UNTIMED, max_examples=150, print_blob=True)
settings.register_profile("debug", UNTIMED, max_examples=10, verbosity=Verbosity.verbose)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
