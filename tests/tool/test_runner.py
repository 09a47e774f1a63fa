"""Running a kata's tests in a subprocess (kata/tool/runner.py): the JUnit report is
parsed into a compact result, and a hanging solution is killed at the hard timeout."""

import time

import pytest

from kata.tool.project import ToolError
from kata.tool.runner import TestResult, TestRun, parse_report, run_tests

from .conftest import ADD_HALF, ADD_SOLVED, ADD_WRONG, KATAS

ADD, STATS, MISSING = KATAS

REPORT = """<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest">
<testcase classname="tests.demo.test_add" name="test_ok" time="0.1" />
<testcase classname="tests.demo.test_add" name="test_stub">
  <failure message="not implemented: add">not implemented: add</failure></testcase>
<testcase classname="tests.demo.test_add" name="test_stub_no_plugin">
  <failure message="NotImplementedError: mul">...</failure></testcase>
<testcase classname="tests.demo.test_add" name="test_wrong">
  <failure message="AssertionError: mul(2, 3) should be 6&#10;assert 5 == 6">x</failure>
</testcase>
<testcase classname="tests.demo.test_add" name="test_fixture">
  <error message="failed on setup with &quot;boom&quot;">x</error></testcase>
<testcase classname="tests.demo.test_add" name="test_skip">
  <skipped message="no scipy" /></testcase>
</testsuite></testsuites>"""

COLLECTION_ERROR = """<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite>
<testcase classname="" name="tests.demo.test_add"><error message="collection failure">
exercises/demo/add.py:9: in &lt;module&gt;
E     def add(a, b)
E                  ^
E   SyntaxError: expected ':'</error></testcase></testsuite></testsuites>"""


def test_report_counts_each_outcome_once(tmp_path):
    xml = tmp_path / "r.xml"
    xml.write_text(REPORT)
    result = parse_report("demo/add", False, xml)
    counts = (result.passed, result.not_implemented, result.failed, result.errors)
    assert counts == (1, 2, 1, 1)
    assert result.skipped == 1 and result.total == 5
    assert result.summary() == (
        "demo/add: 1/5 passed, 2 not implemented, 1 failed, 1 error, 1 skipped"
    )
    assert [p.test for p in result.problems] == ["test_wrong", "test_fixture"]
    assert result.problems[0].message == "AssertionError: mul(2, 3) should be 6"


def test_report_of_a_collection_error_says_what_broke(tmp_path):
    xml = tmp_path / "r.xml"
    xml.write_text(COLLECTION_ERROR)
    result = parse_report("demo/add", False, xml)
    assert not result.ok_run and not result.all_passed
    assert "SyntaxError: expected ':'" in result.broken
    assert result.summary().startswith("demo/add: the tests could not run: def add(a, b)")


def test_summary_lines():
    assert TestResult("a/b", passed=31, not_implemented=17).summary() == (
        "a/b: 31/48 passed, 17 not implemented, 0 failed"
    )
    assert TestResult("a/b", solutions=True, passed=2).summary().startswith("a/b (solutions): 2/2")
    assert "stopped after 1.5 s" in TestResult("a/b", timed_out=1.5).summary()
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
    assert not result.ok_run and "SyntaxError" in result.broken


def test_a_hanging_solution_is_killed_at_the_hard_timeout(project):
    project.path(ADD, "exercise").write_text(
        ADD_SOLVED.replace("return a + b", "while True:\n        pass")
    )
    start = time.monotonic()
    run = TestRun(project, ADD, timeout=1.0)
    result = run.wait()
    assert result.timed_out == 1.0 and not result.all_passed
    assert time.monotonic() - start < 8
    assert run.proc.returncode is not None, "the pytest process is gone"
    assert "did not finish" in result.summary()


def test_a_kata_without_tests_is_a_clear_error(project):
    with pytest.raises(ToolError, match="no tests yet"):
        TestRun(project, MISSING)
