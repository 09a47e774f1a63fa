"""End to end: the real ``python -m kata`` in the sandbox repository, driven the way a
learner drives it: commands in a shell, and timed sessions on a terminal (a
pseudo-terminal from the standard library's ``pty``)."""

import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from kata.tool.store import Store

from .conftest import ADD_HALF, ADD_SOLVED, ADD_STUB, kata_env, run_kata

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals")


class Terminal:
    """``python -m kata ARGS`` on a pseudo-terminal: what it prints, and keys to type."""

    def __init__(self, root, *args: str) -> None:
        env = kata_env(root)
        env.pop("NO_COLOR")
        env["TERM"] = "xterm"
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: becomes the tool, with the pty as its terminal
            os.chdir(root)
            os.execve(sys.executable, [sys.executable, "-m", "kata", *args], env)
        self.output = ""
        self.status: int | None = None

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            data = b""
        if not data:
            return False
        self.output += data.decode("utf-8", errors="replace")
        return True

    def expect(self, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output:
            if time.monotonic() > deadline or not self._read(0.1):
                raise AssertionError(f"never saw {text!r}; the terminal showed:\n{self.output}")

    def type(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def wait(self, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._read(0.05)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                while self._read(0.05) and select.select([self.fd], [], [], 0)[0]:
                    pass
                os.close(self.fd)
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
        os.kill(self.pid, signal.SIGKILL)
        raise AssertionError(f"the session did not end; the terminal showed:\n{self.output}")


def attempts(root):
    with Store.open(root / ".kata" / "history.sqlite3") as store:
        return store.attempts()


@pytest.mark.timeout(120)
def test_practice_session_on_a_terminal_ends_solved_and_recorded(sandbox):
    exercise = sandbox / "exercises" / "demo" / "add.py"
    exercise.write_text(ADD_HALF)  # yesterday's unfinished attempt
    term = Terminal(sandbox, "practice", "demo/add", "--minutes", "5")
    term.expect("exercises/demo/add.py holds your work")  # said first, and asked
    term.expect("Replace it with the untouched stub? [y/N]")
    assert "Kata demo/add: add and multiply." not in term.output
    term.type("y\n")
    term.expect("Kata demo/add: add and multiply.")  # the statement
    term.expect("0/4 passed, 4 not implemented")  # the stub was reset and tested
    term.expect("left")  # the countdown
    term.type("h\n")
    term.expect("Hint 1 of 3: the idea")
    exercise.write_text(ADD_SOLVED)  # the learner saves a correct solution
    term.expect("Solved demo/add in")
    assert term.wait() == 0, term.output
    assert "Next review of demo/add: in 1 day" in term.output, "a hinted solve comes back soon"
    assert "\r" in term.output and "\x1b[K" in term.output, "the countdown redraws in place"
    assert "\x1b[32m" in term.output, "colour on a terminal"
    (attempt,) = attempts(sandbox)
    assert (attempt.outcome, attempt.tests_passed, attempt.tests_total) == ("solved", 4, 4)
    assert attempt.hints_used == 1 and 0 < attempt.duration < 120
    (backup,) = (sandbox / ".kata" / "backups" / "demo" / "add").iterdir()
    assert backup.read_text() == ADD_HALF, "the learner's earlier code was backed up"


@pytest.mark.timeout(120)
def test_ctrl_c_on_a_terminal_records_abandoned_and_keeps_the_file(sandbox):
    exercise = sandbox / "exercises" / "demo" / "add.py"
    term = Terminal(sandbox, "practice", "demo/add")
    term.expect("0/4 passed")
    exercise.write_text(ADD_HALF)
    term.expect("2/4 passed")
    term.type("\x03")  # Ctrl-C
    assert term.wait() == 130, term.output
    assert "abandoned and recorded" in term.output and "Traceback" not in term.output
    assert exercise.read_text() == ADD_HALF
    (attempt,) = attempts(sandbox)
    assert (attempt.outcome, attempt.tests_passed) == ("abandoned", 2)


def children_of(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux's /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.timeout(120)
def test_a_killed_session_is_recorded_as_abandoned_and_loses_nothing(sandbox):
    exercise = sandbox / "exercises" / "demo" / "add.py"
    proc = subprocess.Popen(
        [sys.executable, "-m", "kata", "practice", "demo/add"],
        cwd=sandbox,
        env=kata_env(sandbox),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        seen = ""
        while "0/4 passed" not in seen:
            line = proc.stdout.readline()
            assert line, f"the session ended early:\n{seen}"
            seen += line
        exercise.write_text(ADD_HALF)
        while "2/4 passed" not in seen:
            seen += proc.stdout.readline()
        proc.kill()  # SIGKILL: no chance to clean up
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
        proc.stdin.close()
    assert exercise.read_text() == ADD_HALF
    run = run_kata(sandbox, "list")  # the next start closes the dead attempt
    assert run.code == 0 and "in progress" in run.out
    (attempt,) = attempts(sandbox)
    assert attempt.outcome == "abandoned" and attempt.tests_passed == 2


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="finds the children in /proc")
@pytest.mark.timeout(120)
def test_a_killed_tool_takes_its_test_run_along_and_leaves_no_folder(sandbox):
    # The learner's code loops forever; the tool is SIGKILLed while pytest runs it.
    exercise = sandbox / "exercises" / "demo" / "add.py"
    exercise.write_text(ADD_SOLVED.replace("return a + b", "while True:\n        pass"))
    temp = Path(tempfile.gettempdir())
    before = set(temp.iterdir())
    proc = subprocess.Popen(
        [sys.executable, "-m", "kata", "watch", "demo/add"],
        cwd=sandbox,
        env=kata_env(sandbox),
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        pytest_pids = []
        while time.monotonic() < deadline and not pytest_pids:
            pytest_pids = children_of(proc.pid)
            time.sleep(0.1)
        assert pytest_pids, "the test run never started"
        time.sleep(3)  # pytest is now inside the endless loop
        proc.kill()
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdin.close()
    gone_by = time.monotonic() + 10
    while any(alive(p) for p in pytest_pids) and time.monotonic() < gone_by:
        time.sleep(0.1)
    assert not any(alive(p) for p in pytest_pids), "pytest outlived the tool"
    assert run_kata(sandbox, "list").code == 0  # the next start cleans up after the dead one
    left = [p for p in (sandbox / ".kata" / "tmp").glob("*")]
    left += [p for p in set(temp.iterdir()) - before if p.name.startswith("kata-")]
    assert left == [], f"a run folder was left: {left}"


@pytest.mark.timeout(120)
def test_a_learners_first_day_from_the_shell(sandbox, tmp_path):
    run = run_kata(sandbox, "list")
    assert run.code == 0 and "Next up: demo/add" in run.out
    assert "\x1b[" not in run.out, "no colour when the output is not a terminal"
    assert "File to edit: exercises/demo/add.py" in run_kata(sandbox, "show", "add").out
    assert "Hint 1 of 3" in run_kata(sandbox, "hint", "add").out
    stub = run_kata(sandbox, "test", "add")
    assert (stub.code, stub.out.strip()) == (
        1,
        "demo/add: 0/4 passed, 4 not implemented, 0 failed",
    )
    ref = run_kata(sandbox, "test", "add", "--solutions")
    assert (ref.code, ref.out.strip()) == (
        0,
        "demo/add (solutions): 4/4 passed, 0 not implemented, 0 failed",
    )
    (sandbox / "exercises" / "demo" / "add.py").write_text(ADD_SOLVED)
    assert run_kata(sandbox, "reset", "add", "--yes").code == 0
    assert (sandbox / "exercises" / "demo" / "add.py").read_text() == ADD_STUB
    typo = run_kata(sandbox, "practice", "ad")  # user errors: one line, no traceback
    assert (typo.code, typo.err) == (2, "error: unknown kata 'ad'. Did you mean demo/add?\n")
    chart = tmp_path / "progress.png"
    progress = run_kata(sandbox, "progress", "--plot", str(chart))
    assert progress.code == 0 and chart.stat().st_size > 0


@pytest.mark.timeout(120)
def test_test_with_a_timeout_names_the_test_that_hung(sandbox):
    exercise = sandbox / "exercises" / "demo" / "add.py"
    exercise.write_text(ADD_SOLVED.replace("return a * b", "while True:\n        pass"))
    run = run_kata(sandbox, "test", "add", "--timeout", "4")
    assert run.code == 1, run.err
    lines = run.out.splitlines()
    assert lines[0] == (
        "demo/add: stopped after 4 s: test_mul did not finish (a loop that never ends?)"
    ), run.out
    assert "Before it: 2/2 passed" in run.out and "1 test not run" in run.out


@pytest.mark.timeout(120)
def test_what_plain_pytest_solved_the_tool_counts_as_solved(sandbox):
    (sandbox / "exercises" / "demo" / "add.py").write_text(ADD_SOLVED)
    env = kata_env(sandbox)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=sandbox,
        env=env,
        capture_output=True,
        text=True,
        timeout=100,
    )
    assert (sandbox / ".kata" / "pytest_results.json").is_file(), done.stdout
    run = run_kata(sandbox, "list")
    row = next(line for line in run.out.splitlines() if line.startswith("demo/add"))
    assert "solved" in row and "Next up: demo/stats" in run.out, run.out


@pytest.mark.timeout(120)
def test_the_tool_from_a_subfolder_finds_its_repository(sandbox, sandbox_template, tmp_path):
    # kata importable from elsewhere (an install, PYTHONPATH): the tool works on the
    # repository the learner is in, found by walking up, and paths are relative to it.
    other = Path(shutil.copytree(sandbox_template, tmp_path / "other", symlinks=True))
    (other / "exercises" / "demo" / "add.py").write_text(ADD_HALF)
    env = kata_env(sandbox)
    env["PYTHONPATH"] = str(sandbox)
    folder = other / "exercises" / "demo"

    def kata(*args):
        return subprocess.run(
            [sys.executable, "-m", "kata", *args],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    listed = kata("list")
    row = next(line for line in listed.stdout.splitlines() if line.startswith("demo/add"))
    assert "in progress" in row, listed.stdout + listed.stderr
    tested = kata("test", "add.py")
    assert tested.stdout.startswith("demo/add: 2/4 passed"), tested.stdout + tested.stderr
    assert (other / ".kata").is_dir() and not (sandbox / ".kata").exists()


@pytest.mark.timeout(120)
def test_an_interview_on_a_terminal_shows_no_math_or_pitfalls(sandbox):
    term = Terminal(sandbox, "interview", "--count", "2", "--minutes", "45", "--seed", "1")
    term.expect("Kata demo/add: add and multiply.")
    term.expect("left")
    term.type("n\n")
    term.expect("Kata demo/stats: mean and variance.")
    term.expect("Run `pytest --kata demo/stats`")
    term.type("n\n")
    term.expect("Score:")
    assert term.wait() == 0, term.output
    assert "Shapes: xs is a list" in term.output and "Conventions:" in term.output
    for hidden in ("Math:", "sum_i xs_i", "Pitfalls:", "Integer division", "Worked example"):
        assert hidden not in term.output, hidden
