"""The commands and their argument parsing, in-process on the sandbox repository
(kata/tool/cli.py): output, exit codes, what gets recorded, and user errors that end in
one clear line (exit 2) rather than a traceback."""

import re
import sys
import types

import pytest

from kata.results import KataRun, file_sha256, record_results
from kata.tool.cli import COMMANDS, build_parser
from kata.tool.history import results_file
from kata.tool.runner import Problem, TestResult
from kata.tool.scheduler import DAY
from kata.tool.store import Store

from .conftest import ADD_HALF, ADD_SOLVED, ADD_STUB, KATAS, REPO, FakeRun

ADD, STATS, MISSING = KATAS


def record(project, kata, outcome, at, duration=300.0, hints=0):
    with Store.open(project.db_path) as store:
        attempt = store.start_attempt(kata, "practice", at, 15)
        store.finish_attempt(
            attempt, duration=duration, passed=4, total=4, hints_used=hints, outcome=outcome
        )


def rows(out):
    return {line.split()[0]: line for line in out.splitlines() if line[:1].isalpha()}


# --- parsing ------------------------------------------------------------------------------


def test_every_command_is_in_the_help(bare_tool):
    run = bare_tool("--help")
    assert run.code == 0
    for name in COMMANDS:
        assert f"    {name}" in run.out, f"{name} missing from --help"
    assert bare_tool().code == 0, "no command prints the help"


def test_each_command_has_its_own_help(bare_tool):
    for name in COMMANDS:
        run = bare_tool(name, "--help")
        assert run.code == 0 and f"python -m kata {name}" in run.out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["practice", "--minutes", "0"], "must be greater than 0"),
        (["practice", "--minutes", "ten"], "is not a number"),
        (["interview", "--count", "-1"], "must be greater than 0"),
        (["list", "--difficulty", "expert"], "is not a difficulty"),
        (["list", "--status", "done"], "is not a status"),
        (["show"], "required: id"),
        (["dance"], "invalid choice"),
        (["test", "demo/add", "--timeout", "x"], "is not a number"),
    ],
)
def test_bad_flags_exit_2_with_a_usage_line(bare_tool, argv, message):
    run = bare_tool(*argv)
    assert run.code == 2
    assert message in run.err and "Traceback" not in run.err
    assert run.err.startswith("usage: python -m kata")


def test_parser_accepts_labels_and_spellings():
    args = build_parser().parse_args(["list", "--difficulty", "hard", "--status", "in-progress"])
    assert (args.difficulty, args.status) == (3, "in progress")
    args = build_parser().parse_args(["practice", "add", "--minutes", "5.5"])
    assert (args.id, args.minutes, args.topic) == ("add", 5.5, None)
    args = build_parser().parse_args(["interview"])
    assert (args.minutes, args.count) == (45, 2)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show", "../exercises/demo/add"], "is not a kata id"),
        (["test", "/etc/passwd"], "is not a kata id"),
        (["hint", "demo/../../x"], "is not a kata id"),
        (["show", "demo/ad"], "unknown kata 'demo/ad'. Did you mean demo/add"),
        (["reset", "stat"], "Did you mean demo/stats"),
        (["list", "--topic", "dem"], "unknown topic 'dem'. Did you mean demo"),
        (["practice", "other/missing"], "other/missing is not ready yet"),
        (["practice", "add", "--topic", "demo"], "either a kata id or --topic"),
        (["test", "other/missing"], "no exercise file yet"),
        (["hint", "other/missing"], "has no hints yet"),
        (["reveal", "other/missing"], "no reference solution yet"),
    ],
)
def test_user_errors_are_one_line_and_exit_2(tool, argv, message):
    run = tool(*argv)
    assert run.code == 2
    assert run.err.startswith("error: ") and message in run.err, run.err
    assert run.err.count("\n") == 1 and "Traceback" not in run.err


# --- list and show ------------------------------------------------------------------------


def test_list_shows_every_kata_with_status_and_review(tool, project, clock):
    run = tool("list")
    assert run.code == 0
    table = rows(run.out)
    assert table["kata"].split() == [
        "kata",
        "difficulty",
        "target",
        "status",
        "best",
        "next",
        "review",
    ]
    assert table["demo/add"].split() == [
        "demo/add",
        "1",
        "warm-up",
        "15",
        "min",
        "not",
        "started",
        "-",
        "new",
    ]
    assert "unavailable" in table["other/missing"]
    assert "Next up: demo/add" in run.out

    record(project, "demo/add", "solved", clock() - 600, duration=7 * 60 + 5)
    project.path(STATS, "exercise").write_text(
        project.path(STATS, "exercise")
        .read_text()
        .replace('raise NotImplementedError("mean")', "return 0")
    )
    table = rows(tool("list").out)
    assert "solved" in table["demo/add"] and "7:05" in table["demo/add"]
    assert "in 2 days" in table["demo/add"], "clean solve: due 2 days after it ended"
    assert "in progress" in table["demo/stats"], "an edited stub is in progress"


def test_list_filters(tool):
    assert set(rows(tool("list", "--topic", "demo").out)) == {
        "kata",
        "demo/add",
        "demo/stats",
        "Next",
    }
    assert "demo/stats" in tool("list", "--difficulty", "2").out
    assert "demo/add" not in rows(tool("list", "--difficulty", "standard").out)
    assert set(rows(tool("list", "--status", "unavailable").out)) >= {"other/missing"}
    assert "No kata matches" in tool("list", "--status", "solved").out


def test_show_gives_statement_and_places(tool):
    run = tool("show", "add")
    assert run.code == 0
    assert "demo/add: Add and multiply" in run.out
    assert "Write add(a, b) and mul(a, b)" in run.out
    assert "File to edit: exercises/demo/add.py" in run.out
    assert "hints/demo/add.md" in run.out and "(0 of 3 seen)" in run.out
    assert "cheatsheets/demo.md:3" in run.out
    missing = tool("show", "other/missing")
    assert missing.code == 0 and "not written yet" in missing.out


def test_show_falls_back_to_the_git_stub_for_the_statement(tool, project):
    project.path(ADD, "exercise").write_text("def add(a, b):\n    return a + b\n")
    assert "Write add(a, b) and mul(a, b)" in tool("show", "add").out


# --- hints --------------------------------------------------------------------------------


def test_hint_reveals_one_level_at_a_time(tool, project):
    first = tool("hint", "demo/add")
    assert "Hint 1 of 3: the idea" in first.out and "Hint 2" not in first.out
    assert "Next level: python -m kata hint demo/add" in first.out
    assert "Hint 2 of 3: the approach" in tool("hint", "add").out
    assert "Hint 3 of 3" in tool("hint", "add").out
    again = tool("hint", "add")
    assert "That was the last hint" in again.out and "Hint 3 of 3" in again.out
    with Store.open(project.db_path) as store:
        assert [e.level for e in store.events("demo/add", "hint")] == [1, 2, 3]
    assert "(3 of 3 seen)" in tool("show", "add").out


def test_hint_all_and_a_new_attempt_starts_from_the_first_level(tool, project, clock):
    run = tool("hint", "add", "--all")
    assert all(f"Hint {n} of 3" in run.out for n in (1, 2, 3))
    clock.advance(60)
    record(project, "demo/add", "timeout", clock())
    clock.advance(3600)
    assert "Hint 1 of 3" in tool("hint", "add").out


# --- test ---------------------------------------------------------------------------------


def test_test_command_exit_codes_and_record(tool, project):
    run = tool("test", "add")
    assert run.code == 1 and "demo/add: 0/4 passed, 4 not implemented, 0 failed" in run.out
    project.path(ADD, "exercise").write_text(ADD_SOLVED)
    assert tool("test", "add").code == 0
    assert "solved" in rows(tool("list").out)["demo/add"]
    assert tool("test", "stats", "--solutions").code == 0


# --- reset and reveal ---------------------------------------------------------------------


def test_reset_asks_first_and_keeps_a_backup(tool, project):
    exercise = project.path(ADD, "exercise")
    exercise.write_text(ADD_HALF)
    run = tool("reset", "add", stdin="n\n")
    assert run.code == 1 and "Nothing changed" in run.out and exercise.read_text() == ADD_HALF
    run = tool("reset", "add")  # no answer at all (stdin closed)
    assert run.code == 1 and "use --yes" in run.out and exercise.read_text() == ADD_HALF
    run = tool("reset", "add", stdin="y\n")
    assert run.code == 0 and exercise.read_text() == ADD_STUB
    (backup,) = (project.backup_dir / "demo" / "add").iterdir()
    assert backup.read_text() == ADD_HALF and project.rel(backup) in run.out
    assert "nothing to do" in tool("reset", "add", "--yes").out


def test_reset_with_yes_does_not_ask(tool, project):
    project.path(ADD, "exercise").write_text(ADD_SOLVED)
    run = tool("reset", "add", "--yes")
    assert run.code == 0 and "[y/N]" not in run.out
    assert project.path(ADD, "exercise").read_text() == ADD_STUB


def test_reveal_asks_shows_the_solution_and_counts_as_a_failure(tool, project, clock):
    run = tool("reveal", "add", stdin="no\n")
    assert run.code == 1 and "return a + b" not in run.out
    run = tool("reveal", "add", stdin="y\n")
    assert run.code == 0 and "return a + b" in run.out
    with Store.open(project.db_path) as store:
        assert [e.kind for e in store.events("demo/add")] == ["reveal"]
    clock.advance(DAY / 2)
    assert "in 12 h" in rows(tool("list").out)["demo/add"], "revealed: back in 1 day"


# --- progress -----------------------------------------------------------------------------


def test_progress_text_and_chart(tool, project, clock, tmp_path):
    now = clock()
    record(project, "demo/add", "solved", now - 2 * DAY, duration=20 * 60)
    record(project, "demo/add", "solved", now - DAY, duration=10 * 60)
    record(project, "demo/stats", "timeout", now - 600, duration=30 * 60)
    run = tool("progress")
    assert run.code == 0
    assert "Streak: 3 days in a row (longest 3)." in run.out
    table = rows(run.out)
    assert table["demo"].split()[1] == "1/2"
    assert table["demo/add"].split()[1:4] == ["2", "2", "10:00"]
    assert "unsolved" in table["demo/stats"], "a timed-out kata never solved has no mastery"
    chart = tmp_path / "progress.png"
    run = tool("progress", "--plot", str(chart))
    assert run.code == 0 and f"Chart saved to {chart}" in run.out
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_progress_shows_no_ratio_from_fewer_than_three_solves(tool, project, clock):
    now = clock()
    record(project, "demo/add", "solved", now - 2 * DAY, duration=20 * 60)
    record(project, "demo/add", "solved", now - DAY, duration=10 * 60)
    run = tool("progress")
    assert "x target" not in run.out and "x in your" not in run.out, run.out
    assert "Solve-time trend: 4 more solves to go" in run.out
    assert "10:00  (target 15:00)" in run.out, "each solve: its time and the target"
    for days, minutes in ((6, 30), (5, 30), (4, 30), (3, 15)):
        record(project, "demo/add", "solved", now - days * DAY, duration=minutes * 60)
    run = tool("progress")  # 6 solves: 3 early ones (2x target) against 3 recent ones
    assert (
        "Solve time against target: 2.00x on average in your earlier 3 solves, 1.00x in the "
        "recent 3 (faster)."
    ) in run.out


def test_abandoned_attempts_leave_the_topic_mastery_at_zero(tool, project, clock):
    record(project, "demo/add", "abandoned", clock() - 600, duration=30)
    record(project, "demo/stats", "abandoned", clock() - 300, duration=30)
    table = rows(tool("progress").out)
    assert table["demo"].split()[1:] == ["0/2", "[----------]", "0%"], table["demo"]


def test_the_chart_has_dates_on_its_axis_and_the_legend_hides_nothing(project, clock):
    import matplotlib.pyplot as plt

    from kata.tool import report
    from kata.tool.history import History

    now = clock()
    # Three solves within one afternoon: matplotlib alone would label the axis 13:00...
    for minutes_ago, duration in ((200, 20), (120, 16), (30, 9)):
        record(project, "demo/add", "solved", now - minutes_ago * 60, duration=duration * 60)
    with Store.open(project.db_path) as store:
        fig = report.chart(History.load(project, store), now)
    try:
        fig.canvas.draw()
        trend = fig.axes[0]
        labels = [t.get_text() for t in trend.get_xticklabels() if t.get_text()]
        assert labels and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", t) for t in labels), labels
        legend = trend.get_legend()
        box, area = legend.get_window_extent(), trend.get_window_extent()
        assert not box.overlaps(area), "the legend sits outside the plotting area"
        assert box.y1 <= area.y0
        for other in fig.axes[1:]:
            assert not box.overlaps(other.get_window_extent())
    finally:
        plt.close(fig)


def test_progress_with_no_history_and_bad_chart_paths(tool, tmp_path):
    run = tool("progress", "--plot", str(tmp_path / "empty.svg"))
    assert run.code == 0 and "No attempt yet" in run.out
    assert (tmp_path / "empty.svg").stat().st_size > 0
    bad = tool("progress", "--plot", str(tmp_path / "chart.xyz"))
    assert bad.code == 2 and "use one of" in bad.err
    nowhere = tool("progress", "--plot", str(tmp_path / "no" / "such" / "dir.png"))
    assert nowhere.code == 2 and "does not exist" in nowhere.err


# --- the history file ---------------------------------------------------------------------


def test_a_corrupt_history_is_moved_aside_with_a_clear_message(tool, project):
    project.data_dir.mkdir()
    project.db_path.write_bytes(b"\x00garbage" * 500)
    run = tool("list")
    assert run.code == 0 and "demo/add" in run.out
    assert run.err.startswith("warning: the history database history.sqlite3 could not be read")
    assert len(list(project.data_dir.glob("history.sqlite3.corrupt-*"))) == 1


def test_an_unreadable_history_folder_is_a_clear_error(tool, project):
    project.data_dir.write_text("not a folder")
    run = tool("list")
    assert (
        run.code == 2 and run.err.startswith("error: cannot create") and "Traceback" not in run.err
    )


def test_the_readme_documents_every_command():
    readme = (REPO / "README.md").read_text()
    section = readme[readme.index("<!-- tool:start -->") : readme.index("<!-- tool:end -->")]
    for name in COMMANDS:
        assert f"| `{name}" in section, f"README's tool section does not document {name}"


def test_ids_ignore_case_and_odd_bytes_do_not_stop_the_tool(tool, project):
    assert "demo/add: Add and multiply" in tool("show", "Demo/ADD").out
    project.path(STATS, "exercise").write_bytes(
        b"# caf\xe9 latin-1\ndef mean(xs):\n    return 0\n"
    )
    run = tool("list")
    assert run.code == 0 and "in progress" in rows(run.out)["demo/stats"]


def test_a_backup_that_cannot_be_written_stops_before_touching_the_file(tool, project):
    project.data_dir.mkdir()
    project.backup_dir.write_text("a file where the backups folder should be")
    project.path(ADD, "exercise").write_text(ADD_HALF)
    run = tool("reset", "add", "--yes")
    assert run.code == 2 and run.err.startswith("error: ") and "Traceback" not in run.err
    assert project.path(ADD, "exercise").read_text() == ADD_HALF


# --- agreement with pytest ----------------------------------------------------------------


def pytest_recorded(project, kata, status, path=None):
    """What the kata plugin records after plain pytest ran ``kata`` on its exercise file."""
    source = project.path(kata, "exercise") if path is None else path
    run = KataRun(status, 4, 4, 1_800_000_000.0, file_sha256(source))
    record_results({kata.id: run}, path=results_file(project))


def test_a_kata_pytest_solved_is_solved_and_not_next_up(tool, project):
    project.path(ADD, "exercise").write_text(ADD_SOLVED)
    pytest_recorded(project, ADD, "solved")
    run = tool("list")
    assert "solved" in rows(run.out)["demo/add"]
    assert "Next up: demo/stats" in run.out, "practice must not pick (and wipe) it"
    practice = tool("practice", keys=["q\n"])
    assert practice.out.splitlines()[0].startswith("demo/stats: Mean and variance")
    assert project.path(ADD, "exercise").read_text() == ADD_SOLVED


def test_a_pytest_record_of_an_older_file_does_not_count(tool, project):
    exercise = project.path(ADD, "exercise")
    exercise.write_text(ADD_SOLVED)
    pytest_recorded(project, ADD, "solved")
    exercise.write_text(ADD_HALF)  # edited since pytest passed it
    run = tool("list")
    assert "in progress" in rows(run.out)["demo/add"] and "Next up: demo/add" in run.out
    pytest_recorded(project, ADD, "in progress")
    assert "in progress" in rows(tool("list").out)["demo/add"]


# --- test --all, show --blind, bench --------------------------------------------------------


def many_failures(project, kata, solutions, timeout):
    problems = [Problem(f"test_{n}", "failed", f"wrong {n}") for n in range(6)]
    problems += [Problem(f"test_p[{c}]", "failed", f"case {c}") for c in "xy"]
    return FakeRun(TestResult(kata.id, passed=1, failed=8, problems=problems))


def test_test_all_lists_every_failing_test(tool):
    short = tool("test", "add", runner=many_failures)
    assert short.code == 1 and "wrong 2" in short.out and "wrong 3" not in short.out
    assert "... and 4 more (python -m kata test demo/add --all shows them all)" in short.out
    full = tool("test", "add", "--all", runner=many_failures)
    assert all(f"wrong {n}" in full.out for n in range(6)) and "more" not in full.out
    assert "failed test_p (2 cases): case x" in full.out
    assert "[x]: case x" in full.out and "[y]: case y" in full.out


def test_show_blind_gives_the_interview_statement(tool):
    full = tool("show", "stats").out
    blind = tool("show", "stats", "--blind").out
    assert "Math:" in full and "Integer division" in full
    assert "Math:" not in blind and "Integer division" not in blind and "O(n) time" not in blind
    assert "Write mean(xs)" in blind and "Conventions:" in blind
    assert "Run `pytest --kata demo/stats`" in blind


def test_bench_hands_its_arguments_to_the_benchmark(tool, monkeypatch):
    seen = []
    fake = types.ModuleType("kata.bench.cli")

    def fake_main(argv):
        seen.append(argv)
        print("benchmark output")
        return 3

    fake.main = fake_main
    monkeypatch.setitem(sys.modules, "kata.bench.cli", fake)
    run = tool("bench", "softmax", "--size", "tiny", "--help")
    assert run.code == 3 and seen == [["softmax", "--size", "tiny", "--help"]]
    assert "benchmark output" in run.out


def test_bench_without_the_benchmark_package_is_one_clear_line(tool, monkeypatch):
    monkeypatch.setitem(sys.modules, "kata.bench.cli", None)  # importing it fails
    run = tool("bench", "softmax")
    assert run.code == 2 and run.err.count("\n") == 1
    assert run.err.startswith("error: the benchmarks are not available")


# --- a file path wherever an id goes --------------------------------------------------------


@pytest.mark.parametrize(
    "where",
    [
        "exercises/demo/add.py",
        "solutions/demo/add.py",
        "tests/demo/test_add.py",
        "tests/demo/test_add.py::test_mul",
        "hints/demo/add.md",
        "./exercises/demo/add.py",
        "ABSOLUTE",
    ],
)
def test_a_file_of_the_kata_works_as_its_id(tool, project, where):
    if where == "ABSOLUTE":
        where = str(project.path(ADD, "exercise"))
    run = tool("show", where)
    assert run.code == 0 and "demo/add: Add and multiply" in run.out, run.err
    assert tool("test", where).out.startswith("demo/add: 0/4 passed")


def test_a_file_path_relative_to_a_subfolder(tool, project, monkeypatch):
    monkeypatch.chdir(project.root / "exercises" / "demo")
    assert "demo/stats: Mean and variance" in tool("show", "stats.py").out
    monkeypatch.chdir(project.root / "tests")
    assert "demo/add: Add" in tool("show", "demo/test_add.py").out
    bad = tool("show", "../README.md")
    assert bad.code == 2 and "nor the file of a kata" in bad.err


def test_running_the_tests_of_an_untouched_stub_is_not_a_start(tool):
    # pytest calls such a kata "not started"; so does the tool.
    assert tool("test", "add").code == 1
    assert "not started" in rows(tool("list").out)["demo/add"]
