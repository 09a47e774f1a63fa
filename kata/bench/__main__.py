"""``python -m kata.bench``: the benchmark (see ``kata/bench/cli.py``)."""

import sys

from kata.bench.cli import main

if __name__ == "__main__":
    sys.exit(main())
