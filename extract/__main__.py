"""`python -m extract` runs the command line."""

import sys

from extract.app.cli import main

sys.exit(main())
