"""The learner's loop, end to end, on a scratch copy of the repository.

Each test edits the copy's exercises/ the way a learner does (a solved kata, a half-done
one, a syntax error, a loop that never ends, an untouched stub) and runs pytest there in a
subprocess, as the learner would, reading only what the learner reads: the exit code, the
progress table and the messages.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kata.catalog import ROOT

# Each test runs pytest in a subprocess, a few seconds each: above the suite's 10 s guard.
pytestmark = pytest.mark.timeout(180)


def _tracked_files() -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return [p for p in out.split("\0") if p]


@pytest.fixture(scope="module")
def pristine_copy(tmp_path_factory) -> Path:
    """The committed repository, copied once per module."""
    if shutil.which("git") is None:
        pytest.skip("git is needed to list the repository's files")
    dest = tmp_path_factory.mktemp("pristine") / "repo"
    for rel in _tracked_files():
        src = ROOT / rel
        if src.is_file():
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
    return dest


@pytest.fixture
def repo(pristine_copy, tmp_path) -> Path:
    """A fresh scratch copy for one test (hard links would let edits leak: copy)."""
    dest = tmp_path / "repo"
    shutil.copytree(pristine_copy, dest)
    return dest


def run_pytest(repo: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=cwd or repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def solve(repo: Path, kata_id: str) -> Path:
    """The learner's solution: the reference answer, in their own file."""
    exercise = repo / "exercises" / f"{kata_id}.py"
    shutil.copy(repo / "solutions" / f"{kata_id}.py", exercise)
    return exercise


def closing_line(proc: subprocess.CompletedProcess) -> str:
    return proc.stdout.strip().splitlines()[-1]


# --- solved is green everywhere ------------------------------------------------------------


def test_a_solved_kata_is_green_in_every_command(repo):
    exercise = solve(repo, "classification/knn")
    for args in (["--kata", "classification/knn"], ["-k", "knn"], ["--solutions", "-k", "knn"]):
        proc = run_pytest(repo, *args)
        assert proc.returncode == 0, f"pytest {' '.join(args)} with knn solved:\n{proc.stdout}"
        assert "failed" not in closing_line(proc), closing_line(proc)
    assert "classification/knn" in proc.stdout and "solved" in proc.stdout
    record = json.loads((repo / ".kata" / "pytest_results.json").read_text())
    assert record["classification/knn"]["status"] == "solved", record
    assert len(record["classification/knn"]["source_sha256"]) == 64
    assert exercise.read_text() == (repo / "solutions/classification/knn.py").read_text()


def test_a_solved_kata_with_the_learners_own_edits_stays_green(repo):
    exercise = solve(repo, "foundations/softmax")
    text = exercise.read_text().replace('"""Logistic function', '"""My notes. Logistic function')
    exercise.write_text(text + "\n\ndef my_helper(x):\n    return x\n\n\nEXTRA = 1\n")
    proc = run_pytest(repo, "--kata", "softmax")
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "1 solved" in proc.stdout


def test_kata_selects_exactly_one_kata(repo):
    # -k softmax also matches softmax_regression; --kata is exact, and takes a file path.
    proc = run_pytest(repo, "--kata", "exercises/foundations/softmax.py")
    assert "foundations/softmax" in proc.stdout
    assert "softmax_regression" not in proc.stdout
    assert "0 solved, 0 in progress, 1 not started" in proc.stdout
    bad = run_pytest(repo, "--kata", "softmx")
    assert bad.returncode != 0 and "Did you mean foundations/softmax" in bad.stderr


def test_the_project_self_checks_are_not_part_of_the_learners_run(repo):
    proc = run_pytest(repo, "--kata", "softmax")
    assert " passed" not in closing_line(proc), (
        f"an untouched stub must report no passes: {closing_line(proc)}"
    )


def test_pytest_runs_the_suite_from_any_subfolder(repo):
    proc = run_pytest(repo, "--co", "-q", cwd=repo / "exercises" / "regression")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "tests/foundations/test_softmax.py::" in proc.stdout
    assert "tests/self" not in proc.stdout


# --- a half-done, a broken and a hanging kata ------------------------------------------------


def test_a_half_done_kata_is_in_progress_without_tracebacks_for_its_stubs(repo):
    exercise = repo / "exercises/foundations/softmax.py"
    text = exercise.read_text()
    stub_line = 'raise NotImplementedError("sigmoid")'
    assert stub_line in text
    # The learner has written a stable sigmoid and nothing else yet.
    exercise.write_text(text.replace(stub_line, "return np.exp(-np.logaddexp(0.0, -z))"))
    proc = run_pytest(repo, "--kata", "softmax")
    assert "in progress" in proc.stdout, proc.stdout[-3000:]
    assert "NotImplementedError" not in proc.stdout
    assert proc.returncode == 1


def test_a_syntax_error_costs_only_its_own_kata(repo):
    exercise = repo / "exercises/foundations/pairwise_distances.py"
    lines = exercise.read_text().splitlines()
    lines.append("def oops(:")
    exercise.write_text("\n".join(lines) + "\n")
    solve(repo, "foundations/gradient_check")
    proc = run_pytest(repo, "tests/foundations")
    out = proc.stdout
    assert "Interrupted" not in out and "error during collection" not in out, out[-3000:]
    assert "<frozen importlib" not in out
    want = (
        "does not import: SyntaxError at exercises/foundations/pairwise_distances.py "
        f"line {len(lines)}"
    )
    assert want in out, out[-3000:]
    assert "def oops(:" in out, "the offending line is shown"
    assert out.count(want) == 1, "the problem is reported once, not once per test"
    assert "foundations/gradient_check" in out and "1 solved" in out, "the other katas run"
    assert "1 does not import" in out


def test_an_exception_at_import_names_its_line(repo):
    exercise = repo / "exercises/foundations/pairwise_distances.py"
    exercise.write_text(exercise.read_text() + "\nvalue = undefined_name + 1\n")
    proc = run_pytest(repo, "--kata", "pairwise_distances")
    assert "does not import: NameError at exercises/foundations/pairwise_distances.py" in (
        proc.stdout
    ), proc.stdout[-3000:]
    assert "value = undefined_name + 1" in proc.stdout


def test_an_endless_loop_costs_one_time_limit_not_one_per_test(repo):
    exercise = solve(repo, "foundations/softmax")
    text = exercise.read_text()
    exercise.write_text(
        text.replace(
            "def softmax(z, axis=-1):\n",
            "def softmax(z, axis=-1):\n    while True:\n        pass\n",
            1,
        )
    )
    start = time.monotonic()
    proc = run_pytest(repo, "--kata", "softmax", "-o", "timeout=1")
    elapsed = time.monotonic() - start
    closing = closing_line(proc)
    assert "1 failed" in closing and "not finished" in closing, proc.stdout[-3000:]
    assert "hit its time limit" in proc.stdout
    assert "A loop in your code may never terminate" in proc.stdout
    # One 1-second limit plus the run itself, not one limit for each test that calls it.
    assert elapsed < 60, f"an endless loop cost {elapsed:.0f} s"


def test_untouched_stubs_report_not_started_with_no_traceback(repo):
    proc = run_pytest(repo, "tests/foundations", "tests/neural/test_dense_layer.py")
    out = proc.stdout
    assert proc.returncode == 1
    assert "0 solved, 0 in progress, 6 not started" in out, out[-2000:]
    assert "Traceback" not in out and "FAILURES" not in out
