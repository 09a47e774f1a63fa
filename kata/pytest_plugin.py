"""The pytest side of the kata repository (loaded by the root ``conftest.py``).

- ``--solutions`` switches every test to the reference answers (``kata.loader``).
- A ``NotImplementedError`` from a stub is its own outcome, "not implemented", shown
  without a traceback; real failures keep pytest's short traceback.
- NumPy overflow, divide-by-zero and invalid-value warnings fail the test, with a note
  saying what that usually means; a test that hits its timeout says the loop may not end.
- Each test gets its topic as a marker (``pytest -m regression``).
- The run ends with a per-kata table: passed/total and solved / in progress / not started.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pytest

from kata.catalog import kata_for_test_file, kata_ids, topics
from kata.loader import active_set, use_set

NOT_IMPLEMENTED = "not implemented"

FLOATING_POINT_NOTE = """\
NumPy: {message}.
This suite treats overflow, division by zero and invalid values (NaN) as failures.
Usual causes: exp of a large number (shift by the max, or use a stable form), log of 0
(work with log-probabilities, or clip), 0/0, or sqrt of a slightly negative number
(clip at 0). np.where evaluates both branches for every element, so the unsafe branch
still runs."""

TIMEOUT_NOTE = """\
This test ran past its time limit. A loop in your code may never terminate: check its
stopping condition (max_iter, tol) and that every pass makes progress. A Python loop
over samples where a vectorized expression would do can also be this slow."""


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kata")
    group.addoption(
        "--solutions",
        action="store_true",
        default=False,
        help="run the tests against the reference answers in solutions/ "
        "instead of your code in exercises/",
    )


def pytest_configure(config: pytest.Config) -> None:
    use_set("solutions" if config.getoption("solutions") else "exercises")
    for topic in topics():
        config.addinivalue_line("markers", f"{topic}: the katas of the {topic} topic")
    config.pluginmanager.register(KataProgress(Path(str(config.rootpath))), "kata-progress")


def pytest_report_header(config: pytest.Config) -> str:
    if active_set() == "solutions":
        return "kata set: solutions/ (the reference answers)"
    return "kata set: exercises/ (your code; pytest --solutions runs the reference answers)"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        kata = kata_for_test_file(item.path)
        if kata is not None:
            item.add_marker(kata.topic)


# --- floating-point errors ------------------------------------------------------------


def _raising_fp_errors():
    return np.errstate(over="raise", divide="raise", invalid="raise")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    with _raising_fp_errors():
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    with _raising_fp_errors():
        return (yield)


# --- outcomes -------------------------------------------------------------------------


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    try:
        report = yield
    except TypeError:
        # CPython 3.11 can leave tb_lineno None on a frame that a signal (pytest-timeout's
        # alarm) interrupted, and pytest's traceback formatter then fails with a TypeError.
        # Report the test as failed without the traceback rather than crash the session.
        if call.excinfo is None:
            raise
        report = _plain_failure(item, call)
    excinfo = call.excinfo
    if excinfo is None or call.when == "teardown":
        return report
    if excinfo.errisinstance(NotImplementedError):
        report.not_implemented = True
        detail = str(excinfo.value).strip()
        report.longrepr = f"{NOT_IMPLEMENTED}: {detail}" if detail else NOT_IMPLEMENTED
    elif excinfo.errisinstance(FloatingPointError):
        note = FLOATING_POINT_NOTE.format(message=str(excinfo.value))
        report.sections.append(("numpy floating-point error", note))
    elif "Timeout" in str(excinfo.value) and "pytest-timeout" in str(excinfo.value):
        report.sections.append(("timeout", TIMEOUT_NOTE))
    return report


def _plain_failure(item: pytest.Item, call: pytest.CallInfo) -> pytest.TestReport:
    """A failed report for ``call`` whose message is just the exception, no traceback."""
    return pytest.TestReport(
        nodeid=item.nodeid,
        location=item.location,
        keywords=dict.fromkeys(item.keywords, 1),
        outcome="failed",
        longrepr=f"{call.excinfo.typename}: {call.excinfo.value}",
        when=call.when,
        duration=call.duration,
        start=call.start,
        stop=call.stop,
    )


def pytest_report_teststatus(report: pytest.TestReport, config: pytest.Config):
    if getattr(report, "not_implemented", False):
        return NOT_IMPLEMENTED, "N", ("NOT IMPLEMENTED", {"yellow": True})
    return None


# --- the per-kata table ---------------------------------------------------------------


def kata_status(counts: Counter) -> str:
    """solved / in progress / not started, from one kata's outcome counts."""
    attempted = counts["passed"] + counts["failed"] + counts[NOT_IMPLEMENTED]
    if attempted == 0:
        return "skipped"
    if counts["passed"] == attempted:
        return "solved"
    if counts["passed"] == 0 and counts["failed"] == 0:
        return "not started"
    return "in progress"


STATUS_COLOURS = {"solved": "green", "in progress": "yellow", "not started": "red"}


class KataProgress:
    """Collects one outcome per kata test and prints the per-kata table at the end."""

    def __init__(self, rootpath: Path) -> None:
        self.rootpath = rootpath
        self.results: dict[str, dict[str, str]] = defaultdict(dict)
        self.kata_by_file: dict = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        # A failure in any phase wins over a pass; setup/teardown passes are not counted.
        test_file = report.nodeid.split("::")[0]
        if test_file not in self.kata_by_file:  # three reports per test: look up once
            self.kata_by_file[test_file] = kata_for_test_file(self.rootpath / test_file)
        kata = self.kata_by_file[test_file]
        if kata is None:
            return
        outcomes = self.results[kata.id]
        if getattr(report, "not_implemented", False):
            outcomes[report.nodeid] = NOT_IMPLEMENTED
        elif report.failed:
            outcomes[report.nodeid] = "failed"
        elif report.skipped:
            outcomes.setdefault(report.nodeid, "skipped")
        elif report.when == "call":
            outcomes.setdefault(report.nodeid, "passed")

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if not self.results:
            return
        tr = terminalreporter
        tr.section(f"kata progress ({active_set()}/)", sep="=", bold=True)
        width = max(len(kata_id) for kata_id in self.results)
        tr.write_line(f"{'kata':<{width}}  {'passed':>7}  status")
        statuses = Counter()
        order = {kata_id: i for i, kata_id in enumerate(kata_ids())}
        for kata_id in sorted(self.results, key=order.__getitem__):
            counts = Counter(self.results[kata_id].values())
            status = kata_status(counts)
            statuses[status] += 1
            attempted = counts["passed"] + counts["failed"] + counts[NOT_IMPLEMENTED]
            tr.write(f"{kata_id:<{width}}  {counts['passed']:>3}/{attempted:<3}  ")
            tr.write(status, **{STATUS_COLOURS.get(status, "white"): True})
            tr.write_line(f" ({counts['skipped']} skipped)" if counts["skipped"] else "")
        total = ", ".join(f"{statuses[s]} {s}" for s in ("solved", "in progress", "not started"))
        if statuses["skipped"]:
            total += f", {statuses['skipped']} skipped"
        tr.write_line(total, bold=True)
