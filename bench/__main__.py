"""`python -m bench [--quick]`: run the benchmark suite and write bench/RESULTS.md."""

import sys

from bench.run import main

sys.exit(main())
