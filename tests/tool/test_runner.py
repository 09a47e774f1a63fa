"""Running a kata's tests in a subprocess (kata/tool/runner.py and its pytest plugin
kata/tool/probe.py): the probe's log is read into a compact result, a hanging solution is
killed at the hard timeout and the test that hung is named, and each run's files live in
``.kata/tmp`` only while it runs."""

import json
import os
import time

import pytest

from kata.tool.project import ToolError
from kata.tool.runner import (
    TestResult,
    TestRun,
    clean_stale_runs,
    parse_probe,
    pytest_command,
    run_tests,
    runs_dir,
    supports_kata_option,
)

from .conftest import ADD_HALF, ADD_SOLVED, ADD_TESTS, ADD_WRONG, KATAS

ADD, STATS, MISSING = KATAS
HANG = ADD_SOLVED.replace("return a + b", "while True:\n        pass")


def write_log(path, *entries):
    path.write_text("".join(json.dumps(e) + "\n" for e in entries))
    return path


def test_log_counts_each_outcome_once(tmp_path):
    log = write_log(
        tmp_path / "probe.jsonl",
        {"collected": 7},
        {"test": "t.py::test_ok", "outcome": "passed", "message": ""},
        {"test": "t.py::test_stub", "outcome": "not implemented", "message": "add"},
        {"test": "t.py::test_wrong", "outcome": "failed", "message": "mul(2, 3) is 6\nassert"},
        {"test": "t.py::test_fixture", "outcome": "error", "message": "boom"},
        {"test": "t.py::test_skip", "outcome": "skipped", "message": "no scipy"},
        {"test": "t.py::test_more", "outcome": "not finished", "message": "not finished"},
        {"test": "t.py::test_loop", "outcome": "hung", "message": "Timeout (>2.0s) from pyt"},
    )
    result = parse_probe("demo/add", False, log)
    counts = (result.passed, result.not_implemented, result.failed, result.errors)
    assert counts == (1, 1, 1, 1) and (result.hung, result.not_finished) == (1, 1)
    assert result.skipped == 1 and result.total == 6
    assert result.summary() == (
        "demo/add: 1/6 passed, 1 not implemented, 1 failed, 1 error, 1 hung, "
        "1 not finished, 1 skipped"
    )
    assert [(p.test, p.kind) for p in result.problems] == [
        ("test_wrong", "failed"),
        ("test_fixture", "error"),
        ("test_loop", "hung"),
    ]
    assert result.problems[0].message == "mul(2, 3) is 6"
    assert result.problems[2].message.startswith("did not finish within its 2 s limit")


def test_log_of_a_collection_error_says_what_broke(tmp_path):
    text = "exercises/demo/add.py:9: in <module>\nE     def add(a, b)\nE   SyntaxError: x"
    log = write_log(tmp_path / "p.jsonl", {"broken": text, "where": "t.py"}, {"collected": 0})
    result = parse_probe("demo/add", False, log)
    assert not result.ok_run and not result.all_passed
    assert "SyntaxError: x" in result.broken
    assert result.summary().startswith("demo/add: the tests could not run: def add(a, b)")


def test_a_log_cut_short_by_a_kill_still_names_the_running_test(tmp_path):
    log = tmp_path / "p.jsonl"
    write_log(
        log,
        {"collected": 4},
        {"start": "tests/demo/test_add.py::test_add"},
        {"test": "tests/demo/test_add.py::test_add", "outcome": "passed", "message": ""},
        {"start": "tests/demo/test_add.py::test_mul[big]"},
    )
    with log.open("a") as fh:
        fh.write('{"test": "tests/demo/test_add.py::test_m')  # the kill hit mid-line
    result = parse_probe("demo/add", False, log)
    assert (result.passed, result.running, result.not_run) == (1, "test_mul[big]", 2)


def test_summary_lines():
    assert TestResult("a/b", passed=31, not_implemented=17).summary() == (
        "a/b: 31/48 passed, 17 not implemented, 0 failed"
    )
    assert TestResult("a/b", solutions=True, passed=2).summary().startswith("a/b (solutions): 2/2")
    stopped = TestResult("a/b", timed_out=1.5, running="test_fit", passed=2, not_run=3)
    assert stopped.summary() == (
        "a/b: stopped after 1.5 s: test_fit did not finish (a loop that never ends?)"
    )
    assert stopped.details() == [
        "Before it: 2/2 passed, 0 not implemented, 0 failed.",
        "3 tests not run.",
    ]
    assert "the tests did not finish" in TestResult("a/b", timed_out=1.0).summary()
    assert not TestResult("a/b").all_passed, "no test at all is not a pass"


def test_real_runs_of_partial_and_wrong_code(project):
    # The stub and the reference runs are in test_e2e.py (python -m kata test).
    exercise = project.path(ADD, "exercise")
    exercise.write_text(ADD_HALF)
    assert run_tests(project, ADD).summary() == "demo/add: 2/4 passed, 2 not implemented, 0 failed"
    exercise.write_text(ADD_WRONG)
    wrong = run_tests(project, ADD)
    assert (wrong.passed, wrong.failed) == (2, 2)
    assert "mul(2, 3) should be 6" in wrong.problems[0].message


def test_a_syntax_error_is_reported_not_raised(project):
    project.path(ADD, "exercise").write_text(ADD_SOLVED.replace("def add(a, b):", "def add(a, b)"))
    result = run_tests(project, ADD)
    assert not result.ok_run
    said = result.import_problem or result.broken
    assert "SyntaxError" in said and "exercises/demo/add.py" in said, said


def test_a_hanging_solution_is_killed_and_the_test_that_hung_is_named(project):
    project.path(ADD, "exercise").write_text(HANG)
    start = time.monotonic()
    run = TestRun(project, ADD, timeout=3.0)
    result = run.wait()
    assert result.timed_out == 3.0 and not result.all_passed
    assert time.monotonic() - start < 10
    assert run.proc.returncode is not None, "the pytest process is gone"
    assert result.running == "test_add", result
    assert result.summary() == (
        "demo/add: stopped after 3 s: test_add did not finish (a loop that never ends?)"
    )
    assert result.not_run == 3


def test_a_test_stopped_by_its_own_time_limit_is_named_and_the_rest_not_run(project):
    # The per-test limit (pytest-timeout) fires before the tool's hard timeout: the plugin
    # then reports the kata's remaining tests as "not finished" at once.
    project.path(ADD, "exercise").write_text(HANG)
    project.path(ADD, "test").write_text(
        "import pytest\n\npytestmark = pytest.mark.timeout(1)\n\n" + ADD_TESTS
    )
    start = time.monotonic()
    result = run_tests(project, ADD, timeout=30)
    assert time.monotonic() - start < 15, "one second for the hung test, not four"
    assert result.timed_out is None and result.hung == 1
    assert result.summary() == (
        "demo/add: 0/4 passed, 0 not implemented, 0 failed, 1 hung, 3 not finished"
    )
    (problem,) = result.problems
    assert (problem.test, problem.kind) == ("test_add", "hung")
    assert problem.message.startswith("did not finish within its 1 s limit")


def test_a_kata_without_tests_is_a_clear_error(project):
    with pytest.raises(ToolError, match="no tests yet"):
        TestRun(project, MISSING)


def test_runs_work_under_dot_kata_and_leave_nothing_behind(project):
    run = TestRun(project, ADD)
    folder = run._dir
    assert folder.parent == project.data_dir / "tmp" and folder.is_dir()
    run.wait()
    assert not folder.exists()
    assert list(runs_dir(project).iterdir()) == []


def test_run_folders_of_dead_tools_are_cleaned_and_live_ones_kept(project):
    dead = runs_dir(project) / "run-999999999-abcd"
    mine = runs_dir(project) / f"run-{os.getpid()}-abcd"
    for folder in (dead, mine):
        (folder / "tmp").mkdir(parents=True)
        (folder / "output.txt").write_text("x")
    assert clean_stale_runs(project) == 1
    assert not dead.exists() and mine.exists()


def test_the_run_selects_exactly_its_kata_when_the_plugin_can(project, tmp_path):
    cmd = pytest_command(project, ADD, False, tmp_path)
    assert "tests/demo/test_add.py" in cmd and "kata.tool.probe" in cmd
    if supports_kata_option(project.root):
        assert cmd[cmd.index("--kata") + 1] == "demo/add"
    else:
        assert "--kata" not in cmd
