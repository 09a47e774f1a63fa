"""Running one kata's tests: ``python -m pytest`` in a subprocess with a hard timeout.

- The child runs in its own process group (so Ctrl-C in the terminal reaches the tool, not
  pytest); a run that outlives its timeout has its whole group killed, so a solution that
  never returns cannot freeze the tool.
- It loads ``kata.tool.probe``, which logs each test as it starts and ends: the result
  comes from that log, and when a run has to be killed the log still says which test was
  running (the one that hung) and what finished before it.
- The child watches the tool through a pipe (see ``probe``): if the tool dies, even by
  SIGKILL, its test run dies with it.
- Each run works in its own folder under ``.kata/tmp/`` (the log, pytest's output and its
  ``tmp_path`` folders), removed when the run ends; a folder left by a killed tool is
  removed by the next start (``clean_stale_runs``).
- With the kata plugin's ``--kata ID`` the run selects exactly that kata's tests.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kata.catalog import Kata
from kata.tool import probe
from kata.tool.project import Project, ToolError, read

DEFAULT_TIMEOUT = 60.0
NOT_IMPLEMENTED = probe.NOT_IMPLEMENTED
NOT_FINISHED = probe.NOT_FINISHED
DOES_NOT_IMPORT = probe.DOES_NOT_IMPORT
HUNG = probe.HUNG
#: A run folder older than this is stale even if a process with its pid is alive.
STALE_RUN_SECONDS = 6 * 3600


@dataclass(frozen=True)
class Problem:
    """One failing test: its name, "failed", "error" or "hung", and its message's first
    line."""

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
    #: Tests stopped by their own time limit (pytest-timeout), and the kata's tests the
    #: plugin then reported "not finished" without running them.
    hung: int = 0
    not_finished: int = 0
    problems: list[Problem] = field(default_factory=list)
    #: The run was killed after this many seconds ...
    timed_out: float | None = None
    #: ... while this test was running (None: before any test started) ...
    running: str | None = None
    #: ... and this many tests had not run yet.
    not_run: int = 0
    #: The kata's file does not import: what the plugin said (file, line, the line).
    import_problem: str | None = None
    #: pytest could not collect or run the tests: what it said.
    broken: str | None = None
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return (
            self.passed
            + self.failed
            + self.not_implemented
            + self.errors
            + self.hung
            + self.not_finished
        )

    @property
    def all_passed(self) -> bool:
        return self.total > 0 and self.passed == self.total and self.ok_run

    @property
    def ok_run(self) -> bool:
        return self.timed_out is None and self.broken is None and self.import_problem is None

    def counts(self) -> str:
        """``31/48 passed, 17 not implemented, 0 failed`` (and the rarer outcomes)."""
        text = (
            f"{self.passed}/{self.total} passed, {self.not_implemented} not implemented, "
            f"{self.failed} failed"
        )
        if self.errors:
            text += f", {self.errors} error" + ("s" if self.errors != 1 else "")
        if self.hung:
            text += f", {self.hung} hung"
        if self.not_finished:
            text += f", {self.not_finished} {NOT_FINISHED}"
        if self.skipped:
            text += f", {self.skipped} skipped"
        return text

    def summary(self) -> str:
        """The compact result line."""
        name = self.kata + (" (solutions)" if self.solutions else "")
        if self.timed_out is not None:
            what = f"{self.running} did not finish" if self.running else "the tests did not finish"
            return f"{name}: stopped after {self.timed_out:g} s: {what} (a loop that never ends?)"
        if self.import_problem is not None:
            return f"{name}: {self.import_problem.splitlines()[0]}"
        if self.broken is not None:
            return f"{name}: the tests could not run: {self.broken.splitlines()[0]}"
        return f"{name}: {self.counts()}"

    def details(self) -> list[str]:
        """Lines that go under the summary (before the failing tests)."""
        if self.timed_out is not None:
            done = self.total
            lines = []
            if done:
                lines.append(f"Before it: {self.counts()}.")
            if self.not_run:
                lines.append(f"{self.not_run} test{'s' if self.not_run != 1 else ''} not run.")
            return lines
        if self.import_problem is not None:
            return [ln.strip() for ln in self.import_problem.splitlines()[1:] if ln.strip()]
        if self.broken is not None:
            return self.broken.splitlines()[1:]
        return []


@cache
def supports_kata_option(root: Path) -> bool:
    """Whether the repository's pytest plugin has ``--kata ID`` (exact selection)."""
    plugin = Path(root) / "kata" / "pytest_plugin.py"
    try:
        return '"--kata"' in read(plugin)
    except OSError:
        return False


def pytest_command(project: Project, kata: Kata, solutions: bool, folder: Path) -> list[str]:
    cmd = [sys.executable, "-m", "pytest", project.rel(project.path(kata, "test"))]
    if supports_kata_option(project.root):
        cmd += ["--kata", kata.id]
    if solutions:
        cmd.append("--solutions")
    return [
        *cmd,
        "-q",
        "-p",
        "no:cacheprovider",
        "-p",
        "kata.tool.probe",
        f"--basetemp={folder / 'tmp'}",
    ]


def runs_dir(project: Project) -> Path:
    return project.data_dir / "tmp"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def clean_stale_runs(project: Project, now: float | None = None) -> int:
    """Remove the run folders of tools that are gone (killed); returns how many."""
    folder = runs_dir(project)
    if not folder.is_dir():
        return 0
    now = time.time() if now is None else now
    removed = 0
    for entry in folder.iterdir():
        match = re.fullmatch(r"run-(\d+)-\w+", entry.name)
        if match is None or not entry.is_dir():
            continue
        try:
            old = now - entry.stat().st_mtime > STALE_RUN_SECONDS
        except OSError:
            continue
        if old or not _pid_alive(int(match.group(1))):
            shutil.rmtree(entry, ignore_errors=True)
            removed += 1
    return removed


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
        self.project = project
        self.kata = kata
        self.solutions = solutions
        self.timeout = timeout
        runs_dir(project).mkdir(parents=True, exist_ok=True)
        self._dir = runs_dir(project) / f"run-{os.getpid()}-{secrets.token_hex(4)}"
        self._dir.mkdir()
        self._log_path = self._dir / "output.txt"
        self._probe_path = self._dir / "probe.jsonl"
        self._started = time.monotonic()
        self._result: TestResult | None = None
        self._alive_fd: int | None = None
        env = dict(os.environ)
        env[probe.PROBE_ENV] = str(self._probe_path)
        pass_fds: tuple[int, ...] = ()
        read_fd = None
        if os.name == "posix":
            read_fd, self._alive_fd = os.pipe()
            env[probe.PARENT_FD_ENV] = str(read_fd)
            pass_fds = (read_fd,)
        try:
            with self._log_path.open("wb") as log:
                self.proc = subprocess.Popen(
                    pytest_command(project, kata, solutions, self._dir),
                    cwd=project.root,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                    env=env,
                    pass_fds=pass_fds,
                )
        except OSError as exc:
            self._close_pipe()
            shutil.rmtree(self._dir, ignore_errors=True)
            raise ToolError(f"cannot start pytest: {exc}") from None
        finally:
            if read_fd is not None:
                os.close(read_fd)

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
            self._cleanup()

    def _close_pipe(self) -> None:
        if self._alive_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._alive_fd)
            self._alive_fd = None

    def _cleanup(self) -> None:
        self._close_pipe()
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
        output = ""
        with contextlib.suppress(OSError):
            output = self._log_path.read_text(encoding="utf-8", errors="replace")
        result = parse_probe(self.kata.id, self.solutions, self._probe_path, output)
        if timed_out:
            result.timed_out = self.timeout
            result.broken = None
        elif self.proc.returncode == 5 and result.total == 0:
            result.broken = "pytest collected no tests"
        elif result.total == 0 and result.broken is None:
            result.broken = _tail(output) or f"pytest exited with {self.proc.returncode}"
        result.seconds = seconds
        self._cleanup()
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


def short_name(nodeid: str) -> str:
    """``test_mul[a]`` for ``tests/demo/test_add.py::test_mul[a]``."""
    return nodeid.split("::", 1)[1] if "::" in nodeid else nodeid


def _hung_message(message: str) -> str:
    limit = re.search(r"Timeout \(>([\d.]+)s\)", message)
    within = f"within its {float(limit.group(1)):g} s limit" if limit else "within its limit"
    return f"did not finish {within}: a loop that never ends?"


def parse_probe(kata: str, solutions: bool, path: Path, output: str = "") -> TestResult:
    """Count the outcomes in a probe log (see ``kata.tool.probe``), complete or not."""
    result = TestResult(kata, solutions)
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        result.broken = _tail(output) or "pytest wrote no report"
        return result
    collected, started, ended, broken = None, None, set(), []
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # the last line of a killed run may be cut short
        if "collected" in entry:
            collected = int(entry["collected"])
        elif "start" in entry:
            started = entry["start"]
        elif "broken" in entry:
            broken.append(str(entry["broken"]))
        elif "test" in entry:
            nodeid, outcome = entry["test"], entry.get("outcome", "error")
            message = str(entry.get("message", ""))
            ended.add(nodeid)
            name = short_name(nodeid)
            if outcome == "passed":
                result.passed += 1
            elif outcome == "skipped":
                result.skipped += 1
            elif outcome == NOT_IMPLEMENTED:
                result.not_implemented += 1
            elif outcome == NOT_FINISHED:
                result.not_finished += 1
            elif outcome == DOES_NOT_IMPORT:
                result.failed += 1
                if result.import_problem is None:
                    result.import_problem = message.strip() or DOES_NOT_IMPORT
            elif outcome == HUNG:
                result.hung += 1
                result.problems.append(Problem(name, HUNG, _hung_message(message)))
            else:
                kind = "failed" if outcome == "failed" else "error"
                if kind == "failed":
                    result.failed += 1
                else:
                    result.errors += 1
                result.problems.append(Problem(name, kind, _first_line(message)))
    if started is not None and started not in ended:
        result.running = short_name(started)
    if collected is not None:
        finished = len(ended)
        result.not_run = max(0, collected - finished - (result.running is not None))
    if broken and result.total == 0:
        result.broken = _tail(broken[0]) or "collection failed"
    return result
