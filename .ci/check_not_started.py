"""CI check: the untouched exercises report every kata as "not started", with no traceback.

Runs plain `pytest` (the learner's view of a fresh clone) and checks that it exits non-zero,
that the progress table ends with "0 solved, 0 in progress, N not started" for every
catalogued kata, that nothing passed (the project's own checks are not part of the
learner's run), and that nothing failed for real or printed a traceback. This proves the
stubs are unsolved and the stub reporting works.
"""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kata.catalog import load_catalog  # noqa: E402


def main() -> int:
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    out = proc.stdout + proc.stderr
    n = len(load_catalog())
    problems = []
    if proc.returncode != 1:
        problems.append(f"plain pytest exited {proc.returncode}, expected 1 (tests failing)")
    if f"0 solved, 0 in progress, {n} not started" not in out:
        problems.append(f"the progress table does not report all {n} katas as not started")
    if "Traceback" in out or "FAILURES" in out or "ERRORS" in out:
        problems.append("the output shows a failure or a traceback")
    closing = out.strip().splitlines()[-1] if out.strip() else ""
    if re.search(r"\b\d+ (failed|errors?)\b", closing):
        problems.append(f"real failures: {closing}")
    if re.search(r"\b\d+ passed\b", closing):
        problems.append(f"tests passed on untouched stubs: {closing}")
    if problems:
        print(out[-6000:])
        for p in problems:
            print(f"check_not_started: {p}", file=sys.stderr)
        return 1
    counts = re.sub(r"\s*in [\d.]+s.*$", "", closing.strip("= "))
    print(f"check_not_started: all {n} katas not started ({counts}); exit code 1 as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
