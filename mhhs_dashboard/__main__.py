import sys

from mhhs_dashboard.cli import main

sys.exit(main())
