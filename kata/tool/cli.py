"""``python -m kata``: the command line (argparse) and one function per command.

``main(argv, app)`` takes an ``App`` so tests can inject the repository, the streams, the
clock, the keyboard and the test runner; by default it is the real thing. A learner's
mistake (unknown kata, missing file, bad flag) prints one line and exits with 2; failing
tests exit with 1; Ctrl-C in a session exits with 130 after recording it.

Wherever a kata id is expected, the path of one of its files works too. ``practice``,
``interview`` and ``reset`` never replace a file that holds the learner's work without
saying so first and asking (``--yes`` answers; a stdin that is not a terminal answers no),
and always back it up before.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import signal
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TextIO

from kata.catalog import Kata
from kata.statement import blind_statement
from kata.stubs import implemented_functions, is_pristine_stub
from kata.tool import files, hints, report, runner, scheduler, session
from kata.tool.history import STATUSES, History
from kata.tool.project import Project, ToolError, read
from kata.tool.runner import DEFAULT_TIMEOUT, TestRun
from kata.tool.store import Store
from kata.tool.term import Style, clock, due_text, is_tty, table

PROG = "python -m kata"
RunFactory = Callable[[Project, Kata, bool, float], session.Run]


def _real_run(project: Project, kata: Kata, solutions: bool, timeout: float) -> session.Run:
    return TestRun(project, kata, solutions=solutions, timeout=timeout)


@dataclass
class App:
    """The outside world of one command (injectable for tests)."""

    project: Project = field(default_factory=Project.default)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    clock: Callable[[], float] = time.time
    wait_line: session.WaitLine | None = None
    run_factory: RunFactory = _real_run
    env: Mapping[str, str] = field(default_factory=lambda: os.environ)
    poll: float = session.POLL_SECONDS
    rng: random.Random = field(default_factory=random.Random)
    #: Whether questions can be asked on stdin (default: stdin is a terminal).
    interactive: bool | None = None
    _store: Store | None = None

    def __post_init__(self) -> None:
        self.style = Style(self.stdout, self.env)
        if self.interactive is None:
            self.interactive = is_tty(self.stdin)
        if self.wait_line is None:
            self.wait_line = session.LineReader(self.stdin)

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.project.db_path, warn=self.warn, now=self.clock)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def say(self, text: str = "") -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def warn(self, text: str) -> None:
        self.stderr.write(f"warning: {text}\n")
        self.stderr.flush()

    def history(self) -> History:
        return History.load(self.project, self.store)

    def confirm(self, question: str, yes: bool) -> bool:
        """Ask a yes/no question on stdin (``--yes`` answers it); no answer means no, and
        so does a stdin that is not a terminal (nobody is there to answer)."""
        if yes:
            return True
        self.stdout.write(f"{question} [y/N] ")
        self.stdout.flush()
        if not self.interactive:
            self.say()
            self.say("No answer: stdin is not a terminal (use --yes to skip the question).")
            return False
        answer = self.stdin.readline()
        if not answer:
            self.say()
            self.say("No answer (use --yes to skip the question).")
            return False
        return answer.strip().lower() in ("y", "yes")

    def context(self, timeout: float, solutions: bool = False) -> session.Context:
        def start(kata: Kata) -> session.Run:
            return self.run_factory(self.project, kata, solutions, timeout)

        assert self.wait_line is not None
        return session.Context(
            self.project,
            self.store,
            session.Console(self.stdout, self.style),
            self.clock,
            self.wait_line,
            start,
            self.poll,
        )


# --- argument types ---------------------------------------------------------------------


def _positive(kind: type) -> Callable[[str], float]:
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be greater than 0, got {text}")
        return value

    parse.__name__ = kind.__name__
    return parse


def _difficulty(text: str) -> int:
    labels = {"1": 1, "2": 2, "3": 3, "warm-up": 1, "warmup": 1, "standard": 2, "hard": 3}
    try:
        return labels[text.lower()]
    except KeyError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a difficulty: use 1, 2, 3 or warm-up, standard, hard"
        ) from None


def _status(text: str) -> str:
    value = text.lower().replace("-", " ").replace("_", " ")
    if value not in STATUSES:
        choices = ", ".join(s.replace(" ", "-") for s in STATUSES)
        raise argparse.ArgumentTypeError(f"{text!r} is not a status: use {choices}")
    return value


class Parser(argparse.ArgumentParser):
    """argparse that writes to the App's streams (set on the instance by ``main``)."""

    out: TextIO | None = None
    err: TextIO | None = None

    def _print_message(self, message: str, file=None) -> None:
        if not message:
            return
        target = self.err if file is sys.stderr else self.out
        (target or file or sys.stdout).write(message)


DESCRIPTION = """\
Drill the katas: pick one, write it against the clock, check it, and come back to it
days later until it is automatic. Your history lives in .kata/ (git-ignored)."""

EPILOG = """\
Typical day:
  python -m kata practice          the kata most due for review, timed
  python -m kata hint ID           stuck? one more hint level
  python -m kata progress --plot progress.png

Ids are topic/name (foundations/softmax) or just the name (softmax)."""


def build_parser(out: TextIO | None = None, err: TextIO | None = None) -> argparse.ArgumentParser:
    def new(cls=Parser, **kwargs) -> Parser:
        parser = cls(**kwargs)
        parser.out, parser.err = out, err
        return parser

    parser = new(
        prog=PROG,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(name: str, help_text: str, description: str | None = None) -> Parser:
        p = sub.add_parser(name, help=help_text, description=description or help_text)
        p.out, p.err = out, err
        return p

    def add_timeout(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--timeout",
            type=_positive(float),
            default=DEFAULT_TIMEOUT,
            metavar="S",
            help=f"stop a test run after S seconds (default {DEFAULT_TIMEOUT:g})",
        )

    p = command(
        "list",
        "every kata with its difficulty, target time, status, best time and next review",
    )
    p.add_argument("--topic", help="only this topic")
    p.add_argument("--difficulty", type=_difficulty, help="1/warm-up, 2/standard or 3/hard")
    p.add_argument(
        "--status",
        type=_status,
        help="not-started, in-progress, solved or unavailable (files not written yet)",
    )

    p = command("show", "the problem statement and where the kata's files are")
    p.add_argument("id", help="kata id (topic/name, or name, or one of its files)")
    p.add_argument(
        "--blind",
        action="store_true",
        help="the interview statement: task, shapes and conventions, no math or pitfalls",
    )

    p = command(
        "hint",
        "reveal the next hint level (recorded as used)",
        "Reveal the next hint level of a kata; a new practice attempt starts again from 1.",
    )
    p.add_argument("id", help="kata id")
    p.add_argument("--all", action="store_true", help="reveal every level at once")

    p = command("test", "run a kata's tests and print a compact result")
    p.add_argument("id", help="kata id")
    p.add_argument("--solutions", action="store_true", help="test the reference solution")
    p.add_argument(
        "--all", action="store_true", help="list every failing test, not just the first few"
    )
    add_timeout(p)

    p = command(
        "watch",
        "re-run a kata's tests on every save (or on Enter); q + Enter stops",
    )
    p.add_argument("id", help="kata id")
    p.add_argument("--solutions", action="store_true", help="watch the reference solution")
    add_timeout(p)

    p = command(
        "practice",
        "a timed session; with no id, the kata most due for review",
        "A timed session: backs up your file, resets the stub, shows the statement and a "
        "countdown, and re-runs the tests on each save until they all pass, time runs out, "
        "or you quit (q + Enter, or Ctrl-C). Keys: h + Enter for a hint, Enter re-runs.",
    )
    p.add_argument("id", nargs="?", help="kata id (default: the one most due for review)")
    p.add_argument(
        "--minutes",
        type=_positive(float),
        help="session length (default: the kata's target time)",
    )
    p.add_argument("--topic", help="pick the most due kata of this topic")
    p.add_argument(
        "--blind",
        action="store_true",
        help="a stub whose statement has no math, pitfalls or worked example (as interview)",
    )
    p.add_argument(
        "--yes",
        "-y",
        action="store_true",
        help="replace a file that holds your work without asking (it is backed up first)",
    )
    add_timeout(p)

    p = command(
        "interview",
        "a mock interview: katas drawn by difficulty, no hints, one clock, a score",
        "A mock interview: katas drawn by difficulty to fill the time, no hints, one clock "
        "for all of them, and a scored summary. n + Enter moves on, q + Enter ends it.",
    )
    p.add_argument("--minutes", type=_positive(float), default=45.0, help="default 45")
    p.add_argument("--count", type=_positive(int), default=2, help="number of katas (2)")
    p.add_argument("--seed", type=int, help="draw the same katas again")
    p.add_argument(
        "--yes",
        "-y",
        action="store_true",
        help="replace files that hold your work without asking (they are backed up first)",
    )
    add_timeout(p)

    p = command("progress", "mastery per topic and kata, streaks and the solve-time trend")
    p.add_argument("--plot", metavar="FILE", help="save a chart (.png, .svg, .pdf) to FILE")

    p = command("reset", "restore a kata's untouched stub (your code is backed up first)")
    p.add_argument("id", help="kata id")
    p.add_argument("--yes", "-y", action="store_true", help="do not ask before overwriting")

    p = command(
        "reveal",
        "show the reference solution (asks first; counts as a failed review)",
    )
    p.add_argument("id", help="kata id")
    p.add_argument("--yes", "-y", action="store_true", help="do not ask first")

    p = command(
        "bench",
        "time katas against scikit-learn (python -m kata bench --help for its options)",
        "Benchmarks: every argument after bench goes to the benchmark tool.",
    )
    p.add_argument("args", nargs=argparse.REMAINDER, help="the benchmark's own arguments")
    return parser


# --- commands ---------------------------------------------------------------------------


def _available(app: App, kata: Kata) -> Kata:
    missing = app.project.missing(kata)
    if missing:
        raise ToolError(f"{kata.id} is not ready yet: {', '.join(missing)} not written")
    return kata


def cmd_list(app: App, args) -> int:
    project, style, now = app.project, app.style, app.clock()
    topic = project.resolve_topic(args.topic) if args.topic else None
    history = app.history()
    rows, paint = [], []
    colours = {"solved": ("green",), "in progress": ("yellow",), "unavailable": ("dim",)}
    for kata in project.katas:
        if topic and kata.topic != topic:
            continue
        if args.difficulty and kata.difficulty != args.difficulty:
            continue
        status = history.status(kata)
        if args.status and status != args.status:
            continue
        best = history.best_time(kata)
        state = history.state(kata)
        due = "-" if status == "unavailable" else due_text(state.due_at, now)
        rows.append(
            [
                kata.id,
                f"{kata.difficulty} {kata.difficulty_label}",
                f"{kata.minutes} min",
                status,
                clock(best) if best is not None else "-",
                due,
            ]
        )
        row_paint = [(), (), (), colours.get(status, ()), (), ()]
        if status == "unavailable":
            row_paint = [("dim",)] * 6
        paint.append(row_paint)
    if not rows:
        app.say("No kata matches those filters.")
        return 0
    headers = ["kata", "difficulty", "target", "status", "best", "next review"]
    for line in table(headers, rows, right=[2], paint=paint, style=style):
        app.say(line)
    ranked = history.ranked(now)
    if ranked:
        app.say()
        app.say(f"Next up: {ranked[0].id}  ({PROG} practice)")
    return 0


def cmd_show(app: App, args) -> int:
    project, style = app.project, app.style
    kata = project.resolve(args.id)
    history = app.history()
    prereqs = ", ".join(kata.prerequisites) or "none"
    app.say(style.bold(f"{kata.id}: {kata.title}"))
    app.say(
        f"difficulty {kata.difficulty} ({kata.difficulty_label}), target {kata.minutes} min, "
        f"status {history.status(kata)}, prerequisites: {prereqs}"
    )
    app.say()
    statement = project.statement(kata)
    if statement is None:
        with contextlib.suppress(ToolError):
            statement = project.statement(kata, files.pristine_stub(project, kata))
    if statement and args.blind:
        statement = blind_statement(statement)
    app.say(statement or style.dim("(no problem statement yet)"))
    app.say()
    hint_list = project.hints(kata)
    seen = len(hints.seen_levels(app.store, kata))
    sheet_line = project.cheatsheet_line(kata)
    sheet = project.rel(project.path(kata, "cheatsheet"))
    rows = [
        ("File to edit", project.path(kata, "exercise"), ""),
        ("Tests", project.path(kata, "test"), f"{PROG} test {kata.id}"),
        (
            "Hints",
            project.path(kata, "hints"),
            f"{PROG} hint {kata.id}  ({seen} of {len(hint_list)} seen)" if hint_list else "",
        ),
        ("Cheatsheet", project.path(kata, "cheatsheet"), ""),
    ]
    for label, path, extra in rows:
        where = project.rel(path)
        if label == "Cheatsheet" and sheet_line:
            where = f"{sheet}:{sheet_line}"
        if not path.is_file():
            where += style.dim(" (not written yet)")
        app.say(f"{label + ':':<14}{where}" + (f"   {style.dim(extra)}" if extra else ""))
    if project.available(kata):
        app.say()
        app.say(f"Practise it against the clock: {PROG} practice {kata.id}")
    return 0


def cmd_hint(app: App, args) -> int:
    kata = app.project.resolve(args.id)
    revealed = hints.reveal(app.project, app.store, kata, app.clock(), every=args.all)
    app.say(hints.render(revealed, kata))
    shown = max(h.level for h in revealed.hints)
    if not args.all and shown < revealed.total:
        app.say()
        app.say(app.style.dim(f"Next level: {PROG} hint {kata.id}"))
    return 0


def cmd_test(app: App, args) -> int:
    kata = app.project.resolve(args.id)
    part = "solution" if args.solutions else "exercise"
    path = app.project.path(kata, part)
    if not path.is_file():
        raise ToolError(f"{kata.id} has no {part} file yet ({app.project.rel(path)})")
    run = app.run_factory(app.project, kata, args.solutions, args.timeout)
    try:
        result = run.wait()
    except KeyboardInterrupt:
        run.cancel()
        raise
    for line in session.result_lines(result, app.style, show_all=args.all):
        app.say(line)
    if result.ok_run and not args.solutions:
        app.store.record_test_run(kata.id, app.clock(), result.passed, result.total)
    return 0 if result.all_passed else 1


def cmd_watch(app: App, args) -> int:
    kata = app.project.resolve(args.id)
    part = "solution" if args.solutions else "exercise"
    path = app.project.path(kata, part)
    if not path.is_file():
        raise ToolError(f"{kata.id} has no {part} file yet ({app.project.rel(path)})")
    if not app.project.path(kata, "test").is_file():
        raise ToolError(f"{kata.id} has no tests yet")
    app.say(
        f"Watching {app.project.rel(path)}: the tests re-run on every save. "
        "Enter re-runs them, q + Enter (or Ctrl-C) stops."
    )
    try:
        last = session.watch(app.context(args.timeout, args.solutions), kata, path)
    except KeyboardInterrupt:
        app.say()
        app.say("Stopped watching.")
        return 0
    return 0 if last is not None and last.all_passed else 1


def _intro(app: App, kata: Kata, minutes: float, mode: str) -> Callable[[str], None]:
    def show(stub: str) -> None:
        style, project = app.style, app.project
        app.say(
            style.bold(f"{kata.id}: {kata.title}")
            + f"  ({kata.difficulty_label}, target {kata.minutes} min)"
        )
        statement = project.statement(kata, stub)
        if statement:
            app.say()
            app.say(statement)
        app.say()
        keys = "Enter re-runs the tests, q + Enter quits"
        if mode == "practice":
            keys = "h + Enter shows a hint, " + keys
            edit = project.rel(project.path(kata, "exercise"))
            app.say(
                f"You have {clock(minutes * 60)}. Edit {edit} and save: the tests re-run on "
                "each save."
            )
        else:
            keys = "n + Enter moves on to the next kata, " + keys
            app.say(f"Edit {project.rel(project.path(kata, 'exercise'))} and save.")
        app.say(style.dim(f"Keys: {keys} (Ctrl-C quits too; your file is kept)."))

    return show


def _pick(app: App, args) -> Kata:
    project = app.project
    if args.id:
        if args.topic:
            raise ToolError("give either a kata id or --topic, not both")
        return _available(app, project.resolve(args.id))
    topic = project.resolve_topic(args.topic) if args.topic else None
    ranked = app.history().ranked(app.clock(), topic)
    if not ranked:
        where = f" in {topic}" if topic else ""
        raise ToolError(f"no kata{where} is ready to practise yet")
    return ranked[0]


def _after(app: App, attempted: session.Attempted) -> None:
    style, kata = app.style, attempted.kata
    target = kata.minutes * 60
    result = attempted.result
    tests = f", {result.passed}/{result.total} tests" if result and result.ok_run else ""
    hints_used = f", {attempted.hints_used} hint(s)" if attempted.hints_used else ""
    if attempted.outcome == "solved":
        pace = "within" if attempted.duration <= target else "over"
        app.say(
            style.good(f"Solved {kata.id} in {clock(attempted.duration)}")
            + f" ({pace} the {kata.minutes} min target{hints_used})."
        )
    elif attempted.outcome == "timeout":
        app.say(style.warn(f"Time is up for {kata.id}") + f"{tests}{hints_used}.")
    else:
        app.say(
            style.warn(f"{kata.id}: {attempted.outcome}")
            + f" after {clock(attempted.duration)}{tests}."
        )
    state = app.history().state(kata)
    app.say(f"Recorded. Next review of {kata.id}: {due_text(state.due_at, app.clock())}.")


@contextlib.contextmanager
def _signals_interrupt() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP (terminal closed) into KeyboardInterrupt during a session,
    so the attempt is recorded as abandoned."""

    def handler(signum, frame):
        raise KeyboardInterrupt

    saved = {}
    with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
        for name in ("SIGTERM", "SIGHUP"):
            if hasattr(signal, name):
                sig = getattr(signal, name)
                saved[sig] = signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, old in saved.items():
            signal.signal(sig, old)


def _work_summary(source: str) -> str:
    try:
        written = implemented_functions(source)
    except SyntaxError:
        return "it does not parse, but it is yours"
    if not written:
        return "your edits"
    names = ", ".join(written[:4]) + (", ..." if len(written) > 4 else "")
    return f"{len(written)} function{'s' if len(written) != 1 else ''} written: {names}"


def _may_replace(app: App, katas: list[Kata], yes: bool, command: str) -> bool:
    """Before a session replaces exercise files: name those that hold the learner's work
    and ask. True when there are none, or the learner agrees (or gave --yes)."""
    project, style = app.project, app.style
    work = [(k, src) for k in katas if (src := files.holds_work(project, k)) is not None]
    if not work:
        return True
    for kata, source in work:
        rel = project.rel(project.path(kata, "exercise"))
        app.say(style.warn(f"{rel} holds your work") + f" ({_work_summary(source)}).")
    them = "them" if len(work) > 1 else "it"
    backups = project.rel(project.backup_dir)
    app.say(
        f"{command} starts from the untouched stub, so it replaces {them}; a copy is saved "
        f"in {backups}/ first."
    )
    return app.confirm(f"Replace {them} with the untouched stub?", yes)


def _declined(app: App, katas: list[Kata]) -> int:
    app.say("Nothing changed.")
    if len(katas) == 1:
        app.say(
            f"Keep working on it with {PROG} watch {katas[0].id}, or answer y (or add "
            "--yes) to start from the stub; your code is backed up first."
        )
    return 1


def cmd_practice(app: App, args) -> int:
    kata = _pick(app, args)
    minutes = args.minutes or kata.minutes
    if not _may_replace(app, [kata], args.yes, "Practice"):
        return _declined(app, [kata])
    ctx = app.context(args.timeout)
    path = app.project.rel(app.project.path(kata, "exercise"))
    with _signals_interrupt():
        attempted = session.timed_kata(
            ctx,
            kata,
            deadline=app.clock() + minutes * 60,
            mode="practice",
            allow_hints=True,
            intro=_intro(app, kata, minutes, "practice"),
            blind=args.blind,
        )
    if attempted.interrupted:
        app.say()
        app.say(f"Session abandoned and recorded. Your code is still in {path}.")
        return 130
    _after(app, attempted)
    return 0 if attempted.outcome == "solved" else 1


def cmd_interview(app: App, args) -> int:
    project = app.project
    if args.seed is not None:
        app.rng.seed(args.seed)
    pool = [
        scheduler.Pick(k.id, k.difficulty, k.minutes)
        for k in project.katas
        if project.available(k)
    ]
    if not pool:
        raise ToolError("no kata is ready yet")
    picks = scheduler.draw_interview(pool, args.minutes, args.count, app.rng)
    by_id = project.by_id()
    katas = [by_id[p.kata] for p in picks]
    style = app.style
    app.say(
        style.bold("Mock interview")
        + f": {len(katas)} kata(s), {clock(args.minutes * 60)} on one clock, no hints."
    )
    if len(katas) < args.count:
        app.say(style.dim(f"(only {len(katas)} kata(s) are ready, so fewer than {args.count})"))
    for i, kata in enumerate(katas, 1):
        app.say(f"  {i}. {kata.id} ({kata.difficulty_label}, target {kata.minutes} min)")
    if not _may_replace(app, katas, args.yes, "The interview"):
        return _declined(app, katas)
    start = app.clock()
    deadline = start + args.minutes * 60
    ctx = app.context(args.timeout)
    results: list[session.Attempted] = []
    with _signals_interrupt():
        for i, kata in enumerate(katas, 1):
            if app.clock() >= deadline:
                break
            app.say()
            left = clock(deadline - app.clock())
            app.say(style.bold(f"Kata {i} of {len(katas)}") + f", {left} left")
            attempted = session.timed_kata(
                ctx,
                kata,
                deadline=deadline,
                mode="interview",
                allow_hints=False,
                allow_skip=True,
                intro=_intro(app, kata, args.minutes, "interview"),
                blind=True,
            )
            results.append(attempted)
            if attempted.outcome == "abandoned":
                break
    app.say()
    _interview_summary(app, katas, results, app.clock() - start)
    return 130 if results and results[-1].interrupted else 0


def _interview_summary(
    app: App, katas: list[Kata], results: list[session.Attempted], elapsed: float
) -> None:
    style = app.style
    score, points = session.interview_score(results) if results else (0, [])
    rows = []
    for i, kata in enumerate(katas):
        if i < len(results):
            a = results[i]
            r = a.result
            tests = f"{r.passed}/{r.total}" if r and r.ok_run else "-"
            rows.append(
                [
                    kata.id,
                    kata.difficulty_label,
                    a.outcome,
                    tests,
                    clock(a.duration),
                    str(points[i]),
                ]
            )
        else:
            rows.append([kata.id, kata.difficulty_label, "not reached", "-", "-", "0"])
    app.say(style.bold("Interview summary") + f" ({clock(elapsed)} used)")
    headers = ["kata", "difficulty", "outcome", "tests", "time", "points"]
    for line in table(headers, rows, right=[3, 4, 5], style=style):
        app.say(line)
    if len(results) < len(katas):
        # Katas never reached still weigh in the score.
        reached = sum(k.difficulty for k in katas[: len(results)])
        total = sum(k.difficulty for k in katas) or 1
        score = round(score * reached / total)
    app.say(style.bold(f"Score: {score}/100") + f", {session.verdict(score)}.")


def cmd_progress(app: App, args) -> int:
    history = app.history()
    now = app.clock()
    for line in report.render(history, now, app.style):
        app.say(line)
    if args.plot:
        report.plot(history, now, args.plot)
        app.say()
        app.say(f"Chart saved to {args.plot}")
    return 0


def cmd_reset(app: App, args) -> int:
    project = app.project
    kata = project.resolve(args.id)
    path = project.path(kata, "exercise")
    rel = project.rel(path)
    current = read(path) if path.is_file() else None
    try:
        stub = files.pristine_stub(project, kata)
    except ToolError:
        if current is not None and is_pristine_stub(current):
            app.say(f"{rel} is already an untouched stub: nothing to do.")
            return 0
        raise
    if current == stub:
        app.say(f"{rel} is already the untouched stub: nothing to do.")
        return 0
    if current is not None and not is_pristine_stub(current):
        app.say(app.style.warn(f"{rel} holds your work") + f" ({_work_summary(current)}).")
    question = f"Replace {rel} with the untouched stub? Your code is backed up first."
    if not app.confirm(question, args.yes):
        app.say("Nothing changed.")
        return 1
    restored = files.restore_stub(project, kata, app.clock())
    app.store.add_event(kata.id, "reset", app.clock())
    app.say(f"Restored the stub in {rel}.")
    if restored.backup is not None:
        app.say(f"Your code is backed up in {project.rel(restored.backup)}")
    return 0


def cmd_reveal(app: App, args) -> int:
    project = app.project
    kata = project.resolve(args.id)
    path = project.path(kata, "solution")
    if not path.is_file():
        raise ToolError(f"{kata.id} has no reference solution yet ({project.rel(path)})")
    question = (
        f"Show the reference solution of {kata.id}? It counts as a failed review, "
        "so the kata comes back tomorrow."
    )
    if not app.confirm(question, args.yes):
        app.say("Not revealed.")
        return 1
    app.store.add_event(kata.id, "reveal", app.clock())
    app.say(app.style.dim(f"# {project.rel(path)}"))
    app.say(read(path).rstrip())
    return 0


def cmd_bench(app: App, args) -> int:
    """Hand the arguments to the benchmark tool (``kata.bench.cli.main``)."""
    argv = list(args.args)
    if argv[:1] == ["--"]:
        argv = argv[1:]
    try:
        from kata.bench.cli import main as bench_main
    except ImportError as exc:
        raise ToolError(
            f"the benchmarks are not available: kata.bench cannot be imported ({exc})"
        ) from None
    # The benchmark prints to sys.stdout/stderr: point them at this command's streams.
    with contextlib.redirect_stdout(app.stdout), contextlib.redirect_stderr(app.stderr):
        return int(bench_main(argv) or 0)


COMMANDS = {
    "list": cmd_list,
    "show": cmd_show,
    "hint": cmd_hint,
    "test": cmd_test,
    "watch": cmd_watch,
    "practice": cmd_practice,
    "interview": cmd_interview,
    "progress": cmd_progress,
    "reset": cmd_reset,
    "reveal": cmd_reveal,
    "bench": cmd_bench,
}


def main(argv: list[str] | None = None, app: App | None = None) -> int:
    app = app or App()
    parser = build_parser(app.stdout, app.stderr)
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["bench"]:  # everything after it, --help included, is the benchmark's
        args = argparse.Namespace(command="bench", args=argv[1:])
    else:
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help, or a usage error (argparse printed it)
            return int(exc.code or 0)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        with contextlib.suppress(OSError):  # run folders left by a killed tool
            runner.clean_stale_runs(app.project)
        return COMMANDS[args.command](app, args)
    except ToolError as exc:
        app.stderr.write(f"error: {exc}\n")
        return exc.code
    except sqlite3.DatabaseError as exc:
        app.stderr.write(
            f"error: the history database {app.project.rel(app.project.db_path)} failed: "
            f"{exc}. Run the command again: an unreadable file is moved aside.\n"
        )
        return 2
    except KeyboardInterrupt:
        app.stderr.write("\ninterrupted\n")
        return 130
    except BrokenPipeError:
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")
        return 1
    except OSError as exc:  # a file the tool cannot read or write (permissions, disk full)
        where = f" ({exc.filename})" if exc.filename else ""
        app.stderr.write(f"error: {exc.strerror or exc}{where}\n")
        return 2
    finally:
        app.close()
