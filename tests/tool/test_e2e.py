"""End to end: the real ``python -m kata`` in the sandbox repository, driven the way a
learner drives it: commands in a shell, and timed sessions on a terminal (a
pseudo-terminal from the standard library's ``pty``)."""

import os
import pty
import select
import signal
import subprocess
import sys
import time

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
