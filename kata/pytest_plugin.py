"""The pytest side of the kata repository (loaded by the root ``conftest.py``).

- ``--solutions`` switches every test to the reference answers (``kata.loader``);
  ``--kata ID`` runs exactly one kata's tests (an id, a short name or a file path).
- A ``NotImplementedError`` from a stub is its own outcome, "not implemented", shown
  without a traceback (and without the cost of formatting one); real failures keep
  pytest's short traceback.
- A kata file that does not import (a syntax error, ...) fails only that kata's tests,
  with one message naming the file and line; every other kata runs.
- NumPy overflow, divide-by-zero and invalid-value warnings fail the test. A test that
  knows the likely mistake says so itself (``kata.testing.fp_diagnosis``); otherwise a
  neutral note explains what the error means.
- A test that hits its time limit says the loop may not end, and the rest of that kata's
  tests are reported at once as "not finished" instead of each waiting for the limit.
- Each test gets its topic as a marker (``pytest -m regression``).
- The run ends with a per-kata table (solved / in progress / not started / does not
  import); plain ``pytest`` records it in ``.kata/`` for the practice tool.
- Run from any folder of the repository, plain ``pytest`` runs the whole suite.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pytest

from kata.catalog import ROOT, kata_for_test_file, kata_ids, load_catalog, topics
from kata.loader import KataImportError, active_set, use_set
from kata.results import KataRun, file_sha256, record_results

NOT_IMPLEMENTED = "not implemented"
NOT_FINISHED = "not finished"
DOES_NOT_IMPORT = "does not import"
#: Outcomes that are failures without a traceback, each shown as its own word.
QUIET_OUTCOMES = {
    NOT_IMPLEMENTED: ("N", "NOT IMPLEMENTED"),
    NOT_FINISHED: ("T", "NOT FINISHED"),
    DOES_NOT_IMPORT: ("I", "DOES NOT IMPORT"),
}

FLOATING_POINT_NOTE = """\
NumPy: {message}.
The suite treats NumPy's overflow, division-by-zero and invalid-value (NaN) warnings as
failures: each is where an inf or a NaN is born. The traceback above shows the line.
What it usually means: exp of a large number overflowed (the kata's statement gives the
stable form), a log or a division met an exact 0, or an operation had no defined value
(0/0, inf - inf, sqrt or log of a negative number). If the input itself is invalid
(negative counts, empty arrays, ...), the kata expects a ValueError rather than a
computation. np.where evaluates both branches for every element, so an unsafe branch
still runs."""

TIMEOUT_NOTE = """\
This test ran past its time limit. A loop in your code may never terminate: check its
stopping condition (max_iter, tol) and that every pass makes progress. A Python loop
over samples where a vectorized expression would do can also be this slow.
The rest of this kata's tests are reported as "not finished" without running."""


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kata")
    group.addoption(
        "--solutions",
        action="store_true",
        default=False,
        help="run the tests against the reference answers in solutions/ "
        "instead of your code in exercises/",
    )
    group.addoption(
        "--kata",
        action="append",
        default=[],
        metavar="ID",
        help="run exactly this kata's tests: an id (foundations/softmax), a short name "
        "(softmax) or the path of one of its files; repeat for several",
    )


def pytest_configure(config: pytest.Config) -> None:
    use_set("solutions" if config.getoption("solutions") else "exercises")
    for topic in topics():
        config.addinivalue_line("markers", f"{topic}: the katas of the {topic} topic")
    # The practice tool's resolver: one place decides what names a kata (an id, a short
    # name, the path of one of its files).
    from kata.tool.project import Project, ToolError

    project = Project(ROOT, load_catalog())
    try:
        here = config.invocation_params.dir
        selected = [project.resolve(text, here) for text in config.getoption("kata")]
    except ToolError as exc:
        raise pytest.UsageError(f"--kata: {exc}") from None
    config.stash[SELECTED] = {k.id for k in selected}
    _choose_what_to_collect(config, selected)
    # One broken test module must never stop the others from running.
    config.option.continue_on_collection_errors = True
    config.pluginmanager.register(ReportNotes(), "kata-report-notes")
    config.pluginmanager.register(KataProgress(config), "kata-progress")


SELECTED = pytest.StashKey[set]()


def _choose_what_to_collect(config: pytest.Config, selected) -> None:
    """Plain ``pytest`` from a subfolder runs the whole suite; ``--kata`` its files only."""
    if config.args_source == pytest.Config.ArgsSource.ARGS:
        return  # explicit paths are the learner's choice; --kata then filters them
    root = Path(str(config.rootpath))
    if selected:
        config.args = sorted({str(k.test_path) for k in selected})
    elif (
        config.args_source == pytest.Config.ArgsSource.INVOCATION_DIR
        and config.getini("testpaths")
        and Path(config.invocation_params.dir) != root
    ):
        config.args = [str(root / p) for p in config.getini("testpaths")]
    else:
        return
    config.args_source = pytest.Config.ArgsSource.TESTPATHS


def pytest_report_header(config: pytest.Config) -> str:
    if active_set() == "solutions":
        return "kata set: solutions/ (the reference answers)"
    return "kata set: exercises/ (your code; pytest --solutions runs the reference answers)"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    selected = config.stash[SELECTED]
    keep, drop = [], []
    for item in items:
        kata = kata_for_test_file(item.path)
        if kata is not None:
            item.add_marker(kata.topic)
        if selected and (kata is None or kata.id not in selected):
            drop.append(item)
        else:
            keep.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


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


class KataNotFinished(Exception):
    """Raised in setup for a test whose kata already hit a time limit in this run."""


def _quiet_outcome(excinfo) -> tuple[str, str] | None:
    """(outcome, message) for the failures that get no traceback, else None."""
    if excinfo.errisinstance(NotImplementedError):
        detail = str(excinfo.value).strip()
        return NOT_IMPLEMENTED, f"{NOT_IMPLEMENTED}: {detail}" if detail else NOT_IMPLEMENTED
    if excinfo.errisinstance(KataImportError):
        return DOES_NOT_IMPORT, str(excinfo.value)
    if excinfo.errisinstance(KataNotFinished):
        return NOT_FINISHED, f"{NOT_FINISHED}: {excinfo.value}"
    return None


def _is_timeout(excinfo) -> bool:
    return "from pytest-timeout" in str(excinfo.value)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    # Stubs fail hundreds of times per run: build their report directly, without asking
    # pytest to format a traceback that would be thrown away (most of a stub run's time).
    if call.excinfo is None or call.when == "teardown":
        return None
    quiet = _quiet_outcome(call.excinfo)
    if quiet is None:
        return None
    outcome, message = quiet
    report = _plain_failure(item, call, message)
    report.kata_outcome = outcome
    return report


def _plain_failure(item: pytest.Item, call: pytest.CallInfo, message: str) -> pytest.TestReport:
    """A failed report for ``call`` whose message is just ``message``, no traceback."""
    return pytest.TestReport(
        nodeid=item.nodeid,
        location=item.location,
        keywords=dict.fromkeys(item.keywords, 1),
        outcome="failed",
        longrepr=message,
        when=call.when,
        duration=call.duration,
        start=call.start,
        stop=call.stop,
        user_properties=item.user_properties,
    )


class ReportNotes:
    """Adds the floating-point and timeout notes, and survives unformattable tracebacks."""

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo):
        try:
            report = yield
        except TypeError:
            # CPython 3.11 can leave tb_lineno None on a frame that a signal (pytest-
            # timeout's alarm) interrupted, and pytest's traceback formatter then fails
            # with a TypeError. Report the test as failed without the traceback rather
            # than crash the session.
            if call.excinfo is None:
                raise
            report = _plain_failure(item, call, f"{call.excinfo.typename}: {call.excinfo.value}")
        excinfo = call.excinfo
        if excinfo is None or call.when == "teardown" or hasattr(report, "kata_outcome"):
            return report
        if excinfo.errisinstance(FloatingPointError):
            note = FLOATING_POINT_NOTE.format(message=str(excinfo.value))
            report.sections.append(("numpy floating-point error", note))
        elif _is_timeout(excinfo):
            report.sections.append(("timeout", TIMEOUT_NOTE))
            report.kata_timed_out = True
        return report


def pytest_report_teststatus(report: pytest.TestReport, config: pytest.Config):
    outcome = getattr(report, "kata_outcome", None)
    if outcome in QUIET_OUTCOMES:
        letter, word = QUIET_OUTCOMES[outcome]
        return outcome, letter, (word, {"yellow": True})
    return None


# --- the per-kata table ---------------------------------------------------------------


def kata_status(counts: Counter) -> str:
    """solved / in progress / not started / does not import, from one kata's counts."""
    if counts[DOES_NOT_IMPORT]:
        return DOES_NOT_IMPORT
    attempted = sum(counts[o] for o in ("passed", "failed", NOT_IMPLEMENTED, NOT_FINISHED))
    if attempted == 0:
        return "skipped"
    if counts["passed"] == attempted:
        return "solved"
    if counts["passed"] == 0 and counts["failed"] == 0 and counts[NOT_FINISHED] == 0:
        return "not started"
    return "in progress"


STATUS_COLOURS = {
    "solved": "green",
    "in progress": "yellow",
    "not started": "red",
    DOES_NOT_IMPORT: "red",
}
STATUS_ORDER = ("solved", "in progress", "not started", DOES_NOT_IMPORT)


class KataProgress:
    """Collects one outcome per kata test, prints the per-kata table, records it."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.rootpath = Path(str(config.rootpath))
        self.results: dict[str, dict[str, str]] = defaultdict(dict)
        self.kata_by_file: dict = {}
        self.collected: Counter = Counter()  # tests per kata that this run will execute
        self.partial: set[str] = set()  # katas some of whose tests were deselected
        self.timed_out: dict[str, str] = {}  # kata id -> the test that hit its limit
        self.import_problems: dict[str, str] = {}

    def _kata(self, path_or_nodeid):
        test_file = str(path_or_nodeid).split("::")[0]
        if test_file not in self.kata_by_file:  # three reports per test: look up once
            self.kata_by_file[test_file] = kata_for_test_file(self.rootpath / test_file)
        return self.kata_by_file[test_file]

    def pytest_deselected(self, items) -> None:
        for item in items:
            kata = kata_for_test_file(item.path)
            if kata is not None:
                self.partial.add(kata.id)

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items) -> None:
        self.collected = Counter(
            kata.id for item in items if (kata := kata_for_test_file(item.path)) is not None
        )

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item) -> None:
        kata = kata_for_test_file(item.path)
        if kata is not None and kata.id in self.timed_out:
            raise KataNotFinished(
                f"{self.timed_out[kata.id]} of this kata hit its time limit first; "
                "fix the loop that does not end, then run again"
            )

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        # A failure in any phase wins over a pass; setup/teardown passes are not counted.
        kata = self._kata(report.nodeid)
        if kata is None:
            return
        outcomes = self.results[kata.id]
        outcome = getattr(report, "kata_outcome", None)
        if outcome is not None:
            outcomes[report.nodeid] = outcome
            if outcome == DOES_NOT_IMPORT:
                self.import_problems.setdefault(kata.id, str(report.longrepr))
        elif report.failed:
            outcomes[report.nodeid] = "failed"
            if getattr(report, "kata_timed_out", False):
                self.timed_out.setdefault(kata.id, report.nodeid.split("::", 1)[-1])
        elif report.skipped:
            outcomes.setdefault(report.nodeid, "skipped")
        elif report.when == "call":
            outcomes.setdefault(report.nodeid, "passed")

    def statuses(self) -> dict[str, tuple[str, Counter]]:
        return {
            kata_id: (kata_status(counts), counts)
            for kata_id, counts in ((k, Counter(v.values())) for k, v in self.results.items())
        }

    def pytest_sessionfinish(self, session) -> None:
        if active_set() != "exercises" or self.config.option.collectonly:
            return
        from kata.catalog import get_kata

        runs = {}
        for kata_id, (status, counts) in self.statuses().items():
            complete = len(self.results[kata_id]) == self.collected[kata_id]
            if kata_id in self.partial or not complete or status == "skipped":
                continue  # a partial run (-k, -x, Ctrl-C) says nothing about the kata
            runs[kata_id] = KataRun(
                status=status,
                passed=counts["passed"],
                total=len(self.results[kata_id]) - counts["skipped"],
                finished_at=time.time(),
                source_sha256=file_sha256(get_kata(kata_id).exercise_path),
            )
        if runs:
            try:
                record_results(runs)
            except OSError:
                pass  # a read-only checkout still gets its table

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if not self.results:
            return
        tr = terminalreporter
        tr.section(f"kata progress ({active_set()}/)", sep="=", bold=True)
        width = max(len(kata_id) for kata_id in self.results)
        tr.write_line(f"{'kata':<{width}}  {'passed':>7}  status")
        totals = Counter()
        order = {kata_id: i for i, kata_id in enumerate(kata_ids())}
        statuses = self.statuses()
        for kata_id in sorted(self.results, key=order.__getitem__):
            status, counts = statuses[kata_id]
            totals[status] += 1
            attempted = len(self.results[kata_id]) - counts["skipped"]
            tr.write(f"{kata_id:<{width}}  {counts['passed']:>3}/{attempted:<3}  ")
            tr.write(status, **{STATUS_COLOURS.get(status, "white"): True})
            notes = []
            if counts["skipped"]:
                notes.append(f"{counts['skipped']} skipped")
            if kata_id in self.timed_out:
                notes.append(f"{self.timed_out[kata_id]} hit its time limit")
            tr.write_line(f" ({'; '.join(notes)})" if notes else "")
        for kata_id, problem in self.import_problems.items():
            tr.write_line("")
            tr.write_line(f"{kata_id} {problem}", red=True)
        total = ", ".join(f"{totals[s]} {s}" for s in STATUS_ORDER if s != DOES_NOT_IMPORT)
        if totals[DOES_NOT_IMPORT]:
            total += f", {totals[DOES_NOT_IMPORT]} {DOES_NOT_IMPORT}"
        if totals["skipped"]:
            total += f", {totals['skipped']} skipped"
        tr.write_line(total, bold=True)
