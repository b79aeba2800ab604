"""``python -m orderpack``: the same command line as the ``orderpack`` script."""

import sys

from orderpack.cli import main

sys.exit(main())
