"""Timed sessions driven in-process with a fake clock, a scripted keyboard and an instant
runner (kata/tool/session.py through the ``practice``, ``interview`` and ``watch``
commands). Nothing sleeps: the keyboard moves the clock."""

import io

import pytest

from kata.tool.runner import Problem, TestResult
from kata.tool.scheduler import DAY
from kata.tool.session import Checker, Console, interview_score
from kata.tool.store import Store
from kata.tool.term import Style

from .conftest import ADD_HALF, ADD_SOLVED, ADD_STUB, KATAS, FakeRun, FakeRunner

ADD, STATS, MISSING = KATAS


def save(project, kata, text):
    return lambda: project.path(kata, "exercise").write_text(text)


def attempts(project):
    with Store.open(project.db_path) as store:
        return store.attempts()


def test_practice_ends_solved_when_a_save_passes_every_test(tool, project, clock):
    start = clock()
    runner = FakeRunner()
    run = tool("practice", "demo/add", keys=[None, save(project, ADD, ADD_SOLVED)], runner=runner)
    assert run.code == 0, run.err
    assert "Kata demo/add: add and multiply." in run.out, "the statement is shown"
    assert "0/4 passed, 4 not implemented" in run.out
    assert "Solved demo/add in 0:01" in run.out
    assert "Next review of demo/add: in 2 days" in run.out
    (attempt,) = attempts(project)
    assert (attempt.outcome, attempt.tests_passed, attempt.tests_total) == ("solved", 4, 4)
    assert attempt.started_at == start and attempt.duration == pytest.approx(1.0)
    assert runner.runs == 2, "one run at the start, one after the save"
    assert "\r" not in run.out, "no in-place redraw when the output is not a terminal"


def test_practice_backs_up_the_learners_code_and_resets_the_stub(tool, project):
    exercise = project.path(ADD, "exercise")
    exercise.write_text(ADD_HALF)
    run = tool("practice", "add", keys=["q\n"], stdin="y\n")
    assert run.code == 1
    backups = list((project.backup_dir / "demo" / "add").iterdir())
    assert [b.read_text() for b in backups] == [ADD_HALF]
    assert f"backed up in {project.rel(backups[0])}" in run.out
    assert exercise.read_text() == ADD_STUB
    assert [a.outcome for a in attempts(project)] == ["abandoned"]


def test_practice_says_it_will_replace_your_work_before_the_statement_and_asks(tool, project):
    exercise = project.path(ADD, "exercise")
    exercise.write_text(ADD_HALF)
    run = tool("practice", "add", stdin="n\n")
    assert run.code == 1 and exercise.read_text() == ADD_HALF, "no: nothing changed"
    assert "exercises/demo/add.py holds your work (1 function written: add)" in run.out
    assert "Replace it with the untouched stub? [y/N]" in run.out
    assert "Kata demo/add" not in run.out and attempts(project) == []
    assert "Nothing changed" in run.out and "python -m kata watch demo/add" in run.out
    assert not project.backup_dir.exists()

    run = tool("practice", "add", stdin="y\n", keys=["q\n"])
    warned = run.out.index("holds your work")
    backed_up = run.out.index("is backed up in .kata/backups/demo/add/")
    statement = run.out.index("Kata demo/add: add and multiply.")
    assert warned < backed_up < statement, "said before the statement, not after it"
    assert exercise.read_text() == ADD_STUB


def test_practice_with_nobody_at_the_keyboard_keeps_your_work(tool, project):
    exercise = project.path(ADD, "exercise")
    exercise.write_text(ADD_SOLVED)
    run = tool("practice", "add", stdin="y\n", tty=False)  # piped: not an answer
    assert run.code == 1 and exercise.read_text() == ADD_SOLVED
    assert "stdin is not a terminal" in run.out and attempts(project) == []
    run = tool("practice", "add", "--yes", tty=False, keys=["q\n"])
    assert "[y/N]" not in run.out and "holds your work (2 functions written: add, mul)" in run.out
    (backup,) = (project.backup_dir / "demo" / "add").iterdir()
    assert backup.read_text() == ADD_SOLVED and exercise.read_text() == ADD_STUB


def test_practice_does_not_ask_about_an_untouched_stub(tool, project):
    exercise = project.path(ADD, "exercise")
    edited = ADD_STUB.replace("Write add(a, b)", "My notes. Write add(a, b)")
    exercise.write_text(edited)  # only the docstring changed: no code of the learner's
    run = tool("practice", "add", tty=False, keys=["q\n"])
    assert "[y/N]" not in run.out and "holds your work" not in run.out
    (backup,) = (project.backup_dir / "demo" / "add").iterdir()
    assert backup.read_text() == edited, "still backed up"


def test_interview_asks_before_replacing_work_in_any_drawn_kata(tool, project):
    project.path(STATS, "exercise").write_text(
        project.path(STATS, "exercise")
        .read_text()
        .replace('raise NotImplementedError("mean")', "return 0")
    )
    run = tool("interview", "--count", "2", stdin="n\n")
    assert run.code == 1 and "exercises/demo/stats.py holds your work" in run.out
    assert "exercises/demo/add.py holds" not in run.out and attempts(project) == []
    assert "Kata 1 of 2" not in run.out


def test_practice_times_out(tool, project, clock):
    run = tool("practice", "demo/add", "--minutes", "1", keys=[None] * 200)
    assert run.code == 1
    assert "Time is up" in run.out
    (attempt,) = attempts(project)
    assert attempt.outcome == "timeout" and attempt.duration == pytest.approx(60, abs=0.6)
    assert attempt.time_limit == 1


def test_a_save_in_the_last_second_still_counts(tool, project):
    keys = [None] * 118 + [save(project, ADD, ADD_SOLVED)]
    run = tool("practice", "demo/add", "--minutes", "1", keys=keys + [None] * 10)
    assert run.code == 0, run.out
    assert attempts(project)[0].outcome == "solved"


def test_hints_in_a_session_are_counted_in_the_attempt(tool, project):
    run = tool("practice", "demo/add", keys=["h\n", "h\n", save(project, ADD, ADD_SOLVED)])
    assert "Hint 1 of 3: the idea" in run.out and "Hint 2 of 3: the approach" in run.out
    (attempt,) = attempts(project)
    assert attempt.hints_used == 2 and attempt.outcome == "solved"
    assert "Next review of demo/add: in 1 day" in run.out, "a hinted solve comes back soon"


def test_ctrl_c_records_the_attempt_as_abandoned_and_keeps_the_file(tool, project):
    def interrupt():
        raise KeyboardInterrupt

    keys = [save(project, ADD, ADD_HALF), None, interrupt]
    runner = FakeRunner()
    run = tool("practice", "demo/add", keys=keys, runner=runner)
    assert run.code == 130
    assert "abandoned and recorded" in run.out and "Traceback" not in run.out + run.err
    assert project.path(ADD, "exercise").read_text() == ADD_HALF
    (attempt,) = attempts(project)
    assert attempt.outcome == "abandoned" and attempt.tests_passed == 2


def test_unknown_keys_show_the_key_help(tool):
    run = tool("practice", "demo/add", keys=["what\n", "q\n"])
    assert "Keys (then Enter): q quit, Enter re-run the tests, h hint." in run.out


def test_enter_re_runs_the_tests(tool):
    runner = FakeRunner()
    tool("practice", "demo/add", keys=[None, "\n", None, "q\n"], runner=runner)
    assert runner.runs == 2


def test_practice_without_id_follows_the_schedule_day_after_day(tool, project, clock):
    # Day 1: the first kata in the catalog comes first (demo/stats needs demo/add).
    run = tool("practice", keys=[save(project, ADD, ADD_SOLVED)])
    assert "demo/add" in run.out.splitlines()[0] and run.code == 0
    # Same day: demo/add is not due for 2 days, so the next new kata comes up; quit it.
    run = tool("practice", keys=["q\n"])
    assert run.out.splitlines()[0].startswith("demo/stats")
    # Tomorrow: the abandoned demo/stats is due again, before anything else.
    clock.advance(DAY + 60)
    run = tool("practice", keys=["q\n"])
    assert run.out.splitlines()[0].startswith("demo/stats")
    # --topic picks within a topic; a topic with nothing ready is a clear error.
    assert tool("practice", "--topic", "other").err.startswith("error: no kata in other")


def test_interview_scores_katas_on_one_clock_without_hints(tool, project, clock):
    keys = ["h\n", save(project, ADD, ADD_SOLVED), None, "n\n"]
    run = tool("interview", "--count", "2", "--minutes", "45", "--seed", "1", keys=keys)
    assert run.code == 0, run.err
    assert "No hints in a mock interview." in run.out
    assert "Kata 1 of 2" in run.out and "Kata 2 of 2" in run.out
    assert "Score: 33/100" in run.out, "demo/add (weight 1 of 3) solved, demo/stats skipped"
    assert [(a.kata, a.mode, a.outcome) for a in attempts(project)] == [
        ("demo/add", "interview", "solved"),
        ("demo/stats", "interview", "skipped"),
    ]


def test_interview_ends_when_the_clock_runs_out(tool, project):
    run = tool("interview", "--count", "2", "--minutes", "1", keys=[None] * 200)
    assert run.code == 0
    assert "not reached" in run.out and "Score: 0/100" in run.out
    assert [a.outcome for a in attempts(project)] == ["timeout"]


def test_interview_score_weights_difficulty():
    class A:
        def __init__(self, kata, outcome, result=None):
            self.kata, self.outcome, self.result = kata, outcome, result

    half = TestResult("demo/add", passed=2, not_implemented=2)
    assert interview_score([A(ADD, "solved"), A(STATS, "solved")]) == (100, [33, 67])
    assert interview_score([A(ADD, "timeout", half), A(STATS, "solved")]) == (84, [17, 67])


def test_watch_re_runs_on_save_until_q(tool, project):
    runner = FakeRunner()
    keys = [None, save(project, ADD, ADD_HALF), None, save(project, ADD, ADD_SOLVED), None]
    run = tool("watch", "demo/add", keys=[*keys, "q\n"], runner=runner)
    assert runner.runs == 3 and run.code == 0
    assert "2/4 passed" in run.out and "4/4 passed" in run.out
    with Store.open(project.db_path) as store:
        assert store.full_passes() == {"demo/add"}


def test_checker_queues_one_run_for_a_save_during_a_run(project):
    path = project.path(ADD, "exercise")
    started = []

    class Slow(FakeRun):
        def poll(self):
            return self.result if self.cancelled else None

    def start():
        run = Slow(result=TestResult("demo/add"))
        started.append(run)
        return run

    checker = Checker(start, path)
    checker.tick()
    path.write_text(ADD_HALF)
    checker.tick()
    path.write_text(ADD_SOLVED)
    checker.tick()
    assert len(started) == 1 and checker.pending, "saves during a run queue one more"
    started[0].cancelled = True  # the first run ends
    checker.tick()
    assert len(started) == 2 and not checker.pending


class TTY(io.StringIO):
    def isatty(self):
        return True


def test_console_redraws_the_status_in_place_on_a_terminal_only():
    tty = TTY()
    console = Console(tty, Style(tty, {}))
    console.status("14:59 left")
    console.status("14:58 left")
    console.say("a result")
    assert tty.getvalue() == "\r14:59 left\x1b[K\r14:58 left\x1b[K\r\x1b[Ka result\n"
    plain = io.StringIO()
    console = Console(plain, Style(plain, {}))
    console.status("14:59 left")
    console.say("a result")
    assert plain.getvalue() == "a result\n"


def test_colour_only_on_a_terminal_and_never_with_no_color():
    assert Style(TTY(), {}).good("ok") == "\x1b[32mok\x1b[0m"
    assert Style(TTY(), {"NO_COLOR": "1"}).good("ok") == "ok"
    assert Style(TTY(), {"TERM": "dumb"}).good("ok") == "ok"
    assert Style(io.StringIO(), {}).good("ok") == "ok"


def test_ctrl_c_in_an_interview_still_prints_the_summary(tool, project):
    def interrupt():
        raise KeyboardInterrupt

    run = tool("interview", "--seed", "3", keys=[None, interrupt])
    assert run.code == 130
    assert "Interview summary" in run.out and "abandoned" in run.out and "not reached" in run.out
    assert [a.outcome for a in attempts(project)] == ["abandoned"]


def parametrized_failures(project, kata, solutions, timeout):
    problems = [Problem(f"test_scale[{p}]", "failed", f"scale {p} is off") for p in "abc"]
    problems += [Problem("test_other", "failed", "other is off")]
    return FakeRun(TestResult(kata.id, passed=1, failed=4, problems=problems))


def test_watch_groups_the_cases_of_a_parametrized_test(tool):
    run = tool("watch", "demo/add", keys=["q\n"], runner=parametrized_failures)
    assert run.out.count("test_scale") == 1, run.out
    assert "failed test_scale (3 cases): scale a is off" in run.out
    assert "failed test_other: other is off" in run.out


def test_practice_blind_gives_the_stub_without_math_or_pitfalls(tool, project):
    exercise = project.path(STATS, "exercise")
    normal = exercise.read_text()
    run = tool("practice", "stats", "--blind", keys=["q\n"])
    for text in ("Write mean(xs)", "Shapes: xs is a list", "An empty list raises ValueError"):
        assert text in run.out and text in exercise.read_text()
    for text in ("sum_i xs_i / n", "Integer division", "O(n) time", "6 / 3 = 2.0"):
        assert text not in run.out and text not in exercise.read_text(), text
    code = normal[normal.index("\ndef mean") :]
    assert exercise.read_text().endswith(code), "the code and the API are the stub's"
    tool("practice", "stats", keys=["q\n"], tty=False)  # a blind stub is no work to lose
    assert exercise.read_text() == normal, "the normal stub stays as it is"


def test_interview_statements_are_blind(tool, project):
    run = tool("interview", "--count", "2", "--seed", "1", keys=["n\n", "n\n"])
    assert "Kata demo/stats: mean and variance." in run.out
    assert "Conventions:" in run.out and "Run `pytest --kata demo/stats`" in run.out
    assert "Math:" not in run.out and "Pitfalls:" not in run.out
    assert "Integer division" not in project.path(STATS, "exercise").read_text()
