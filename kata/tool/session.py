"""Timed sessions (``practice``, ``interview``) and ``watch``: the loop that re-runs a kata's
tests whenever its file is saved.

Everything that touches time or the keyboard is injected, so tests drive a session without
sleeping: ``clock()`` gives the time, ``wait_line(timeout)`` waits at most ``timeout``
seconds for a line typed by the learner (None if none came), and ``start_run(kata)``
starts a test run (``runner.TestRun`` in real use). The file is polled: its modification
time, size and a hash of its content are compared every ``poll`` seconds.

Keys (a letter, then Enter): ``q`` quits, ``h`` shows the next hint (practice only),
``n`` moves on to the next kata (interview only), Enter alone re-runs the tests.
"""

from __future__ import annotations

import contextlib
import hashlib
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TextIO

from kata.catalog import Kata
from kata.tool import files, hints
from kata.tool.project import Project
from kata.tool.runner import Problem, TestResult
from kata.tool.store import Store
from kata.tool.term import CLEAR_LINE, Style, clock

POLL_SECONDS = 0.5
HEARTBEAT_SECONDS = 30.0
#: Problems (failing tests) shown after each run.
SHOWN_PROBLEMS = 3


class Run(Protocol):
    def poll(self) -> TestResult | None: ...
    def wait(self) -> TestResult: ...
    def cancel(self) -> None: ...


Clock = Callable[[], float]
WaitLine = Callable[[float], "str | None"]
StartRun = Callable[[Kata], Run]


class LineReader:
    """``wait_line`` for a real stream: a daemon thread reads lines into a queue, so the
    session can wait for a key with a timeout on any platform. After end of input it
    only paces the loop."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self.eof = False

    def _read(self) -> None:
        try:
            for line in iter(self._stream.readline, ""):
                self._queue.put(line)
        except (OSError, ValueError):
            pass
        self._queue.put(None)

    def __call__(self, timeout: float) -> str | None:
        if self.eof:
            time.sleep(timeout)
            return None
        if self._thread is None:
            self._thread = threading.Thread(target=self._read, daemon=True)
            self._thread.start()
        try:
            line = self._queue.get(timeout=timeout)
        except queue.Empty:
            return None
        if line is None:
            self.eof = True
        return line


class Console:
    """Output for a session: a status line redrawn in place on a terminal (nothing
    elsewhere), and messages printed above it."""

    def __init__(self, out: TextIO, style: Style) -> None:
        self.out = out
        self.style = style
        self._status = ""

    def status(self, text: str) -> None:
        if not self.style.tty or text == self._status:
            return
        self.out.write("\r" + text + CLEAR_LINE)
        self.out.flush()
        self._status = text

    def say(self, text: str = "") -> None:
        if self._status:
            self.out.write("\r" + CLEAR_LINE)
            self._status = ""
        self.out.write(text + "\n")
        self.out.flush()

    def close(self) -> None:
        if self._status:
            self.out.write("\r" + CLEAR_LINE)
            self.out.flush()
            self._status = ""


def signature(path: Path) -> tuple | None:
    """What "the file changed" compares: mtime, size and a hash (None if unreadable)."""
    try:
        stat = path.stat()
        digest = hashlib.sha1(path.read_bytes()).hexdigest()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size, digest)


class Checker:
    """Runs a kata's tests when its file changes (or on request), one run at a time: a
    save during a run queues one more run."""

    def __init__(self, start: Callable[[], Run], path: Path) -> None:
        self._start = start
        self.path = path
        self.seen = signature(path)
        self.tested: tuple | None = None
        self.run: Run | None = None
        self.pending = True  # the first run starts at once

    @property
    def running(self) -> bool:
        return self.run is not None

    def request(self) -> None:
        self.pending = True

    def tick(self) -> TestResult | None:
        """Start a run if one is due; return a run's result when it has just ended."""
        current = signature(self.path)
        if current is not None and current != self.seen:
            self.seen = current
            self.pending = True
        result = None
        if self.run is not None:
            result = self.run.poll()
            if result is not None:
                self.run = None
        if self.run is None and self.pending:
            self.pending = False
            self.tested = self.seen
            self.run = self._start()
            fresh = self.run.poll()  # a quick run may be over already
            if fresh is not None:
                self.run, result = None, fresh
        return result

    def settle(self) -> TestResult | None:
        """Time is up: finish the run in flight, then test the latest save if no run has."""
        result = None
        if self.run is not None:
            result = self.run.wait()
            self.run = None
        current = signature(self.path)
        if current is not None and current != self.tested:
            self.seen = self.tested = current
            result = self._start().wait()
        return result

    def cancel(self) -> None:
        if self.run is not None:
            self.run.cancel()
            self.run = None


@dataclass
class Context:
    """What a session needs from the outside world (injected by the command line)."""

    project: Project
    store: Store
    console: Console
    clock: Clock
    wait_line: WaitLine
    start_run: StartRun
    poll: float = POLL_SECONDS


@dataclass
class Attempted:
    """How one timed kata ended."""

    kata: Kata
    outcome: str
    duration: float
    result: TestResult | None
    hints_used: int
    backup: Path | None = None
    #: Ended by Ctrl-C (or SIGTERM/SIGHUP) rather than by the learner or the clock.
    interrupted: bool = False


def group_problems(problems: list[Problem]) -> list[tuple[str, str, list[Problem]]]:
    """Failing tests grouped by kind and test function: the cases of a parametrized test
    (``test_x[a]``, ``test_x[b]``) form one group. (kind, function, cases), in order."""
    groups: dict[tuple[str, str], list[Problem]] = {}
    for problem in problems:
        base = problem.test.split("[", 1)[0]
        groups.setdefault((problem.kind, base), []).append(problem)
    return [(kind, base, cases) for (kind, base), cases in groups.items()]


def _case(problem: Problem) -> str:
    test = problem.test
    return test[test.index("[") :] if "[" in test else test


def result_lines(
    result: TestResult, style: Style, prefix: str = "", *, show_all: bool = False
) -> list[str]:
    """The compact result line, coloured, and the first few failing tests (all of them
    with ``show_all``); a parametrized test's failing cases are shown as one line."""
    line = prefix + result.summary()
    if result.all_passed:
        line = style.good(line)
    elif not result.ok_run or result.failed or result.errors or result.hung:
        line = style.bad(line)
    lines = [line]
    lines += ["    " + ln for ln in result.details()]
    groups = group_problems(result.problems)
    shown = groups if show_all else groups[:SHOWN_PROBLEMS]
    for kind, base, cases in shown:
        first = cases[0]
        if len(cases) == 1:
            lines.append(f"    {style.bad(kind)} {first.test}: {first.message}")
            continue
        lines.append(f"    {style.bad(kind)} {base} ({len(cases)} cases): {first.message}")
        if show_all:
            lines += [f"        {_case(c)}: {c.message}" for c in cases]
    if len(groups) > len(shown):
        more = len(groups) - len(shown)
        hint = f"python -m kata test {result.kata} --all shows them all"
        lines.append(style.dim(f"    ... and {more} more ({hint})"))
    return lines


def _status(style: Style, remaining: float, result: TestResult | None, running: bool) -> str:
    text = f"{clock(remaining)} left  "
    if result is not None and result.ok_run:
        text += f"{style.bar(result.passed, result.total)} {result.passed}/{result.total} passed"
    elif result is not None and result.import_problem is not None:
        text += style.bad("your file does not import")
    elif result is not None and result.timed_out is not None:
        text += style.bad("stopped: a test did not finish")
    elif result is not None:
        text += style.bad("the tests did not run")
    if running:
        text += f"  {style.dot} running the tests" + ("…" if style.unicode else "...")
    return text


def timed_kata(
    ctx: Context,
    kata: Kata,
    *,
    deadline: float,
    mode: str,
    allow_hints: bool,
    allow_skip: bool = False,
    intro: Callable[[str], None] | None = None,
    blind: bool = False,
) -> Attempted:
    """One kata against the clock: back up and reset the stub (the blind one with
    ``blind``), then re-run the tests on each save until they all pass, ``deadline``
    passes, or the learner quits. Whether the learner's code may be replaced is asked
    before (``cli``); the backup is named before the statement is shown.

    The attempt is recorded when it starts and completed however it ends. Ctrl-C (or a
    SIGTERM/SIGHUP turned into KeyboardInterrupt) ends it as abandoned, with
    ``interrupted`` set; the learner's file is left as it is."""
    project, store, console = ctx.project, ctx.store, ctx.console
    restored = files.restore_stub(project, kata, ctx.clock(), blind=blind)
    if restored.backup is not None:
        saved = project.rel(restored.backup)
        console.say(f"Your previous {project.rel(restored.path)} is backed up in {saved}")
        console.say()
    if intro is not None:
        intro(restored.stub)
    started = ctx.clock()
    attempt_id = store.start_attempt(kata.id, mode, started, (deadline - started) / 60)
    checker = Checker(lambda: ctx.start_run(kata), project.path(kata, "exercise"))
    progress = _Progress()
    outcome, interrupted = "abandoned", False
    try:
        outcome = _loop(
            ctx, kata, checker, deadline, attempt_id, progress, allow_hints, allow_skip
        )
    except KeyboardInterrupt:
        interrupted = True
    finally:
        checker.cancel()
        duration = max(0.0, ctx.clock() - started)
        used = len(store.hint_levels(kata.id, started))
        last = progress.last
        store.finish_attempt(  # recorded first: the terminal may already be gone
            attempt_id,
            duration=duration,
            passed=last.passed if last and last.ok_run else None,
            total=last.total if last and last.ok_run else None,
            hints_used=used,
            outcome=outcome,
        )
        with contextlib.suppress(OSError):
            console.close()
    return Attempted(kata, outcome, duration, last, used, restored.backup, interrupted)


@dataclass
class _Progress:
    """The latest test result of a session, kept outside the loop so that an interrupted
    session still knows it."""

    last: TestResult | None = None


def _loop(
    ctx: Context,
    kata: Kata,
    checker: Checker,
    deadline: float,
    attempt_id: int,
    progress: _Progress,
    allow_hints: bool,
    allow_skip: bool,
) -> str:
    """The session's loop; returns the outcome, keeps the latest result in ``progress``."""
    console, style = ctx.console, ctx.console.style
    beat = ctx.clock()
    while True:
        now = ctx.clock()
        result = checker.tick()
        if result is not None:
            progress.last = result
            if result.ok_run:  # recorded before it is shown: a kill right after loses nothing
                ctx.store.heartbeat(attempt_id, now, result.passed, result.total)
                beat = now
            for line in result_lines(result, style, prefix=f"[{clock(deadline - now)} left] "):
                console.say(line)
            if result.all_passed and not checker.pending:
                return "solved"
        if now >= deadline:
            console.say(style.warn("Time is up.") + " Checking your last save...")
            final = checker.settle()
            if final is not None:
                progress.last = final
                for line in result_lines(final, style):
                    console.say(line)
            last = progress.last
            return "solved" if last and last.all_passed else "timeout"
        last = progress.last
        if now - beat >= HEARTBEAT_SECONDS and last is not None and last.ok_run:
            ctx.store.heartbeat(attempt_id, now, last.passed, last.total)
            beat = now
        console.status(_status(style, deadline - now, last, checker.running))
        line = ctx.wait_line(ctx.poll)
        if line is None:
            continue
        command = line.strip().lower()
        if command in ("q", "quit", "exit"):
            return "abandoned"
        if command in ("h", "hint"):
            if allow_hints:
                revealed = hints.reveal(ctx.project, ctx.store, kata, ctx.clock())
                console.say(hints.render(revealed, kata))
            else:
                console.say(style.warn("No hints in a mock interview."))
        elif command in ("n", "next") and allow_skip:
            return "skipped"
        elif command == "":
            checker.request()
        else:
            keys = "q quit, Enter re-run the tests"
            keys += ", h hint" if allow_hints else ""
            keys += ", n next kata" if allow_skip else ""
            console.say(style.dim(f"Keys (then Enter): {keys}."))


def watch(ctx: Context, kata: Kata, path: Path) -> TestResult | None:
    """Re-run the tests on each save of ``path`` (or on Enter) until ``q`` or Ctrl-C.
    Each run of the learner's code is recorded; returns the last result."""
    console, style = ctx.console, ctx.console.style
    checker = Checker(lambda: ctx.start_run(kata), path)
    last = None
    try:
        while True:
            result = checker.tick()
            if result is not None:
                last = result
                stamp = time.strftime("%H:%M:%S", time.localtime(ctx.clock()))
                for line in result_lines(result, style, prefix=f"[{stamp}] "):
                    console.say(line)
                if result.ok_run and not result.solutions:
                    ctx.store.record_test_run(kata.id, ctx.clock(), result.passed, result.total)
            running = f"running the tests {style.dot} " if checker.running else ""
            console.status(style.dim(f"{running}watching {ctx.project.rel(path)}"))
            line = ctx.wait_line(ctx.poll)
            if line is None:
                continue
            command = line.strip().lower()
            if command in ("q", "quit", "exit"):
                return last
            if command == "":
                checker.request()
            else:
                console.say(style.dim("Keys (then Enter): q quit, Enter re-run the tests."))
    finally:
        checker.cancel()
        with contextlib.suppress(OSError):
            console.close()


def interview_score(results: list[Attempted]) -> tuple[int, list[int]]:
    """Score out of 100: each kata weighs its difficulty; it earns its share of passing
    tests, and a solved kata earns it all. Returns (total, per-kata points)."""
    weights = [a.kata.difficulty for a in results]
    total_weight = sum(weights) or 1
    points = []
    for attempt, weight in zip(results, weights, strict=True):
        share = 0.0
        result = attempt.result
        if attempt.outcome == "solved":
            share = 1.0
        elif result is not None and result.ok_run and result.total:
            share = result.passed / result.total
        points.append(round(100 * weight * share / total_weight))
    return min(100, sum(points)), points


def verdict(score: int) -> str:
    if score >= 90:
        return "strong: you would pass this round"
    if score >= 60:
        return "promising: a few more reviews and it is automatic"
    return "keep drilling: practise these katas again tomorrow"
