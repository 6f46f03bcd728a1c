"""`python -m pos_client` is `pos-till`."""

import sys

from pos_client.app import main

sys.exit(main())
