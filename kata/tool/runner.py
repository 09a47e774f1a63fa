"""Running one kata's tests: ``python -m pytest`` in a subprocess with a hard timeout.

The child runs in its own process group (so Ctrl-C in the terminal reaches the tool, not
pytest) and writes a JUnit XML report to a temporary folder; a run that outlives its
timeout has its whole process group killed, so a solution that never returns cannot
freeze the tool. The kata plugin reports a stub's ``NotImplementedError`` as a failure
whose message starts with "not implemented"; without the plugin the exception's name in
the message says the same.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from kata.catalog import Kata
from kata.tool.project import Project, ToolError

DEFAULT_TIMEOUT = 60.0
NOT_IMPLEMENTED = "not implemented"


@dataclass(frozen=True)
class Problem:
    """One failing test: its name, "failed" or "error", and the first line of its message."""

    test: str
    kind: str
    message: str


@dataclass
class TestResult:
    __test__ = False  # not a pytest test class, despite the name
    kata: str
    solutions: bool = False
    passed: int = 0
    failed: int = 0
    not_implemented: int = 0
    errors: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)
    #: The run was killed after this many seconds.
    timed_out: float | None = None
    #: pytest could not collect or run the tests: what it said.
    broken: str | None = None
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return self.passed + self.failed + self.not_implemented + self.errors

    @property
    def all_passed(self) -> bool:
        return self.total > 0 and self.passed == self.total and self.ok_run

    @property
    def ok_run(self) -> bool:
        return self.timed_out is None and self.broken is None

    def summary(self) -> str:
        """The compact result line."""
        name = self.kata + (" (solutions)" if self.solutions else "")
        if self.timed_out is not None:
            return (
                f"{name}: stopped after {self.timed_out:g} s, the tests did not finish "
                "(a loop that never ends?)"
            )
        if self.broken is not None:
            return f"{name}: the tests could not run: {self.broken.splitlines()[0]}"
        text = (
            f"{name}: {self.passed}/{self.total} passed, {self.not_implemented} not "
            f"implemented, {self.failed} failed"
        )
        if self.errors:
            text += f", {self.errors} error" + ("s" if self.errors != 1 else "")
        if self.skipped:
            text += f", {self.skipped} skipped"
        return text


def pytest_command(project: Project, kata: Kata, solutions: bool, xml: Path) -> list[str]:
    cmd = [sys.executable, "-m", "pytest", project.rel(project.path(kata, "test"))]
    if solutions:
        cmd.append("--solutions")
    return [*cmd, "-q", "-p", "no:cacheprovider", f"--junitxml={xml}"]


class TestRun:
    """One pytest run in the background: ``poll()`` until it returns a result."""

    __test__ = False

    def __init__(
        self,
        project: Project,
        kata: Kata,
        *,
        solutions: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        test_file = project.path(kata, "test")
        if not test_file.is_file():
            raise ToolError(f"{kata.id} has no tests yet ({project.rel(test_file)} is missing)")
        self.kata = kata
        self.solutions = solutions
        self.timeout = timeout
        self._dir = Path(tempfile.mkdtemp(prefix="kata-run-"))
        self._xml = self._dir / "report.xml"
        self._log_path = self._dir / "output.txt"
        self._started = time.monotonic()
        self._result: TestResult | None = None
        with self._log_path.open("wb") as log:
            try:
                self.proc = subprocess.Popen(
                    pytest_command(project, kata, solutions, self._xml),
                    cwd=project.root,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            except OSError as exc:
                shutil.rmtree(self._dir, ignore_errors=True)
                raise ToolError(f"cannot start pytest: {exc}") from None

    def poll(self) -> TestResult | None:
        """The result once the run has ended (or been killed at its timeout), else None."""
        if self._result is not None:
            return self._result
        if self.proc.poll() is None:
            if time.monotonic() - self._started < self.timeout:
                return None
            self._kill()
            return self._finish(timed_out=True)
        return self._finish(timed_out=False)

    def wait(self) -> TestResult:
        remaining = self.timeout - (time.monotonic() - self._started)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=max(0.0, remaining))
        result = self.poll()
        while result is None:  # only if the clock and wait() disagree by a hair
            time.sleep(0.01)
            result = self.poll()
        return result

    def cancel(self) -> None:
        """Stop the run (Ctrl-C, a newer save, the session ended)."""
        if self._result is None:
            self._kill()
            self._result = TestResult(self.kata.id, self.solutions, broken="cancelled")
            shutil.rmtree(self._dir, ignore_errors=True)

    def _kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            if hasattr(os, "killpg"):  # the whole group: pytest and anything it started
                os.killpg(self.proc.pid, signal.SIGKILL)
            else:
                self.proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=5)

    def _finish(self, timed_out: bool) -> TestResult:
        seconds = time.monotonic() - self._started
        if timed_out:
            result = TestResult(self.kata.id, self.solutions, timed_out=self.timeout)
        else:
            output = self._log_path.read_text(encoding="utf-8", errors="replace")
            result = parse_report(self.kata.id, self.solutions, self._xml, output)
            if result.total == 0 and result.broken is None and self.proc.returncode != 5:
                result.broken = _tail(output) or f"pytest exited with {self.proc.returncode}"
            elif self.proc.returncode == 5:
                result.broken = "pytest collected no tests"
        result.seconds = seconds
        shutil.rmtree(self._dir, ignore_errors=True)
        self._result = result
        return result


def run_tests(
    project: Project, kata: Kata, *, solutions: bool = False, timeout: float = DEFAULT_TIMEOUT
) -> TestResult:
    """Run the kata's tests and wait for the result (at most ``timeout`` seconds)."""
    return TestRun(project, kata, solutions=solutions, timeout=timeout).wait()


def _first_line(text: str | None) -> str:
    for line in (text or "").splitlines():
        if line.strip():
            return line.strip()
    return ""


def _tail(output: str, lines: int = 6) -> str:
    """The lines of pytest's output that say what went wrong ("E   SyntaxError: ...")."""
    errors = [ln[1:].strip() for ln in output.splitlines() if ln.startswith("E ")]
    if errors:
        return "\n".join(errors[-lines:])
    kept = [ln for ln in output.strip().splitlines() if ln.strip()]
    return "\n".join(kept[-lines:])


def parse_report(kata: str, solutions: bool, xml: Path, output: str = "") -> TestResult:
    """Count the outcomes in a JUnit XML report (one outcome per test case)."""
    result = TestResult(kata, solutions)
    try:
        root = ET.parse(xml).getroot()
    except (OSError, ET.ParseError):
        result.broken = _tail(output) or "pytest wrote no report"
        return result
    for case in root.iter("testcase"):
        name = case.get("name", "?")
        failure, error, skipped = case.find("failure"), case.find("error"), case.find("skipped")
        if failure is not None:
            message = failure.get("message") or _first_line(failure.text)
            if message.startswith(NOT_IMPLEMENTED) or "NotImplementedError" in message:
                result.not_implemented += 1
            else:
                result.failed += 1
                result.problems.append(Problem(name, "failed", _first_line(message)))
        elif error is not None:
            message = error.get("message") or ""
            if "collection failure" in message or not case.get("classname"):
                result.broken = _tail(error.text or "") or message or "collection failed"
            else:
                result.errors += 1
                result.problems.append(Problem(name, "error", _first_line(message)))
        elif skipped is not None:
            result.skipped += 1
        else:
            result.passed += 1
    return result
