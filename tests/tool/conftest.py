"""Fixtures for the tool's tests: a tiny kata repository in tmp_path, a fake clock, a
scripted keyboard and an instant test runner.

The sandbox is a real repository in miniature: the kata framework (``kata/*.py``: catalog,
stubs, loader, pytest plugin... and the tool) and the root conftest and pyproject, copied
from this checkout; a catalog of its own with two small katas (``demo/add``,
``demo/stats``) and one whose files do not exist (``other/missing``); and a git history
holding the pristine stubs. So ``python -m kata`` and pytest run in it as they do here,
and no test depends on the real katas or touches the real exercises.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kata.catalog import Kata
from kata.stubs import implemented_functions
from kata.tool.cli import App, main
from kata.tool.project import Project
from kata.tool.runner import TestResult

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
#: These tests start real pytest and tool processes: on a busy machine one can take more
#: than the suite's per-test default, which is sized for the katas' own tests.
TOOL_TEST_TIMEOUT = 120


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if HERE in Path(item.path).resolve().parents and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(TOOL_TEST_TIMEOUT))


CATALOG = """\
[difficulty.1]
label = "warm-up"
minutes = 15

[difficulty.2]
label = "standard"
minutes = 30

[difficulty.3]
label = "hard"
minutes = 45

[[kata]]
id = "demo/add"
title = "Add and multiply"
difficulty = 1
prerequisites = []

[[kata]]
id = "demo/stats"
title = "Mean and variance"
difficulty = 2
prerequisites = ["demo/add"]

[[kata]]
id = "other/missing"
title = "Not written yet"
difficulty = 3
prerequisites = []
"""

KATAS = (
    Kata("demo/add", "Add and multiply", 1, "warm-up", 15, ()),
    Kata("demo/stats", "Mean and variance", 2, "standard", 30, ("demo/add",)),
    Kata("other/missing", "Not written yet", 3, "hard", 45, ()),
)

ADD_STUB = '''\
"""Kata demo/add: add and multiply.

Difficulty 1 (warm-up), target time 15 minutes.

Write add(a, b) and mul(a, b) for two numbers.
"""


def add(a, b):
    """Return a + b."""
    raise NotImplementedError("add")


def mul(a, b):
    """Return a * b."""
    raise NotImplementedError("mul")
'''

ADD_SOLVED = ADD_STUB.replace('raise NotImplementedError("add")', "return a + b").replace(
    'raise NotImplementedError("mul")', "return a * b"
)
ADD_HALF = ADD_STUB.replace('raise NotImplementedError("add")', "return a + b")
ADD_WRONG = ADD_SOLVED.replace("return a * b", "return a + b")

ADD_TESTS = """\
from kata.loader import load_kata

m = load_kata("demo/add")


def test_add():
    assert m.add(2, 3) == 5


def test_add_negative():
    assert m.add(-2, 3) == 1


def test_mul():
    assert m.mul(2, 3) == 6, "mul(2, 3) should be 6"


def test_mul_zero():
    assert m.mul(0, 3) == 0
"""

STATS_STUB = '''\
"""Kata demo/stats: mean and variance.

Difficulty 2 (standard), target time 30 minutes.

Write mean(xs), the average of a list of numbers.

Math:
    mean(xs) = sum_i xs_i / n

Shapes: xs is a list of n >= 1 numbers; the result is a float.
Conventions:
- An empty list raises ValueError.
Complexity: O(n) time, O(1) memory.
Pitfalls:
- Integer division: 3 // 2 is 1, the mean of [1, 2] is 1.5.
Worked example:
    mean([1, 2, 3]) = 6 / 3 = 2.0

Run `pytest --kata demo/stats` to check your work; hints are in hints/demo/stats.md.
"""


def mean(xs):
    """The mean of xs."""
    raise NotImplementedError("mean")
'''

STATS_TESTS = """\
from kata.loader import load_kata

m = load_kata("demo/stats")


def test_mean():
    assert m.mean([1, 2, 3]) == 2
"""

HINTS = """\
# Hints: {id}

## Hint 1: the idea

Think of the {{op}} sign.

## Hint 2: the approach

Return the {{op}} of the two arguments.

## Hint 3: near-pseudocode

```text
return a op b
```
"""

CHEATSHEET = """\
# Demo cheatsheet

## Add and multiply (`demo/add`)

a + b and a * b.
"""

FILES = {
    "kata/catalog.toml": CATALOG,
    "exercises/__init__.py": "",
    "exercises/demo/__init__.py": "",
    "exercises/demo/add.py": ADD_STUB,
    "exercises/demo/stats.py": STATS_STUB,
    "solutions/__init__.py": "",
    "solutions/demo/__init__.py": "",
    "solutions/demo/add.py": ADD_SOLVED,
    "solutions/demo/stats.py": STATS_STUB.replace(
        'raise NotImplementedError("mean")', "return sum(xs) / len(xs)"
    ),
    "tests/demo/test_add.py": ADD_TESTS,
    "tests/demo/test_stats.py": STATS_TESTS,
    "hints/demo/add.md": HINTS.format(id="demo/add"),
    "hints/demo/stats.md": HINTS.format(id="demo/stats"),
    "cheatsheets/demo.md": CHEATSHEET,
    ".gitignore": ".kata/\n__pycache__/\n",
}


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def build_sandbox(root: Path) -> Path:
    (root / "kata").mkdir(parents=True)
    for module in (REPO / "kata").glob("*.py"):  # the framework, without data or figures
        shutil.copy2(module, root / "kata" / module.name)
    shutil.copytree(REPO / "kata" / "tool", root / "kata" / "tool", ignore=_no_cache)
    for name in ("conftest.py", "pyproject.toml"):
        shutil.copy2(REPO / name, root / name)
    for rel, text in FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    git(root, "init", "-q", "--template=")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "sandbox")
    git(root, "gc", "-q")  # one pack instead of many loose objects: quicker to copy
    return root


def _no_cache(folder, names):
    return [n for n in names if n == "__pycache__"]


@pytest.fixture(scope="session")
def sandbox_template(tmp_path_factory) -> Path:
    return build_sandbox(tmp_path_factory.mktemp("template") / "repo")


@pytest.fixture
def sandbox(sandbox_template, tmp_path) -> Path:
    """A fresh copy of the sandbox repository (git history included) for one test."""
    return Path(shutil.copytree(sandbox_template, tmp_path / "repo", symlinks=True))


@pytest.fixture
def project(sandbox) -> Project:
    return Project(sandbox, KATAS)


# --- time, keyboard and test runs ---------------------------------------------------------


class FakeClock:
    """A clock that only moves when told to (``advance``) or when the keyboard waits."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Keyboard:
    """``wait_line`` from a script. Each call moves the fake clock by the timeout, then
    takes the next step: None (nothing typed), a string (a typed line), or a callable (an
    action such as saving a file, then nothing typed). An exhausted script types "q"."""

    def __init__(self, clock: FakeClock, steps=()) -> None:
        self.clock = clock
        self.steps = list(steps)
        self.calls = 0

    def __call__(self, timeout: float) -> str | None:
        self.calls += 1
        self.clock.advance(timeout)
        if not self.steps:
            return "q\n"
        step = self.steps.pop(0)
        if callable(step):
            step()
            return None
        return step


@dataclass
class FakeRun:
    result: TestResult
    cancelled: bool = False

    def poll(self) -> TestResult:
        return self.result

    def wait(self) -> TestResult:
        return self.result

    def cancel(self) -> None:
        self.cancelled = True


class FakeRunner:
    """An instant runner: two passing tests per implemented function of the file, and two
    "not implemented" per function that still raises. Counts its runs."""

    def __init__(self) -> None:
        self.runs = 0

    def __call__(self, project: Project, kata: Kata, solutions: bool, timeout: float):
        self.runs += 1
        part = "solution" if solutions else "exercise"
        source = project.path(kata, part).read_text()
        import ast

        funcs = [
            n.name
            for n in ast.walk(ast.parse(source))
            if isinstance(n, ast.FunctionDef) and n.name != "__init__"
        ]
        done = len(implemented_functions(source))
        result = TestResult(
            kata.id, solutions, passed=2 * done, not_implemented=2 * (len(funcs) - done)
        )
        return FakeRun(result)


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def tool(project, clock) -> Callable[..., Run]:
    """Run one command in-process: ``tool("list", keys=[...], stdin="y\\n")``."""
    return make_tool(project, clock)


@pytest.fixture
def bare_tool(tmp_path, clock) -> Callable[..., Run]:
    """``tool`` on an empty folder: for argument parsing, which never reaches the files."""
    return make_tool(Project(tmp_path, KATAS), clock)


def make_tool(project: Project, clock: FakeClock) -> Callable[..., Run]:

    def run(*argv: str, keys=(), stdin: str = "", runner=None, env=None, tty: bool = True) -> Run:
        out, err = io.StringIO(), io.StringIO()
        app = App(
            project=project,
            stdout=out,
            stderr=err,
            stdin=io.StringIO(stdin),
            clock=clock,
            wait_line=Keyboard(clock, keys),
            run_factory=runner or FakeRunner(),
            env=env or {},
            poll=0.5,
            interactive=tty,  # stdin is a terminal unless the test says otherwise
        )
        code = main(list(argv), app)
        return Run(code, out.getvalue(), err.getvalue())

    return run


def kata_env(root: Path) -> dict[str, str]:
    """The environment for ``python -m kata`` in the sandbox (its own kata package)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "COV"))}
    env.pop("PYTHONPATH", None)
    env["NO_COLOR"] = "1"
    return env


def run_kata(root: Path, *args: str, stdin: str = "", timeout: float = 60) -> Run:
    """Run the real tool in the sandbox, as a learner would from its root."""
    proc = subprocess.run(
        [sys.executable, "-m", "kata", *args],
        cwd=root,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=kata_env(root),
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)
