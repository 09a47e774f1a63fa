"""``python -m kata``: the practice tool (see ``kata/tool/cli.py`` and the README)."""

import sys

from kata.tool.cli import main

if __name__ == "__main__":
    sys.exit(main())
