"""Hypothesis profiles, chosen by the HYPOTHESIS_PROFILE environment variable.

``dev`` (the default) keeps the suite quick; ``ci`` runs more examples with no deadline, as
``.ci/run`` asks; ``debug`` shows what is generated.
"""

import os

from hypothesis import HealthCheck, Verbosity, settings

settings.register_profile("dev", max_examples=60)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("debug", max_examples=10, verbosity=Verbosity.verbose)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
