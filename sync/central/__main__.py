"""`python -m sync.central` is `pos-central`."""

import sys

from sync.central.cli import main

sys.exit(main())
