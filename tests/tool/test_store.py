"""The SQLite history (kata/tool/store.py): schema version and migrations, atomic
writes, the corrupt-file quarantine, and attempts left open by a killed process."""

import sqlite3
import subprocess
import sys

import pytest

from kata.tool import store as store_module
from kata.tool.project import ToolError
from kata.tool.store import SCHEMA_VERSION, Store

T0 = 1_800_000_000.0


def open_store(path, warnings=None, **kw):
    return Store.open(path, warn=(warnings.append if warnings is not None else print), **kw)


def test_a_new_store_is_at_the_latest_schema(tmp_path):
    with open_store(tmp_path / "h.sqlite3") as s:
        assert s.version() == SCHEMA_VERSION
        tables = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master")}
        assert {"schema_version", "attempts", "events", "test_runs"} <= tables


def test_an_old_database_is_migrated_and_keeps_its_rows(tmp_path):
    path = tmp_path / "h.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    old = Store(conn, path)
    old._migrate(upto=1)  # a database written by the first version of the tool
    assert old.version() == 1
    old.start_attempt("demo/add", "practice", T0, 15)
    conn.close()
    with open_store(path) as s:
        assert s.version() == SCHEMA_VERSION
        assert len(s.attempts(finished=False)) == 1
        s.record_test_run("demo/add", T0, 4, 4)  # table added by migration 2
        assert s.full_passes() == {"demo/add"}


def test_a_database_from_a_newer_tool_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "h.sqlite3"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE schema_version SET version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(ToolError, match="newer version"):
        open_store(path)
    assert path.exists() and not list(tmp_path.glob("*.corrupt-*"))


@pytest.mark.parametrize(
    "content", [b"this is not a database" * 100, b"SQLite format 3\x00" + b"\xff" * 5000]
)
def test_a_corrupt_database_is_moved_aside_and_a_fresh_one_starts(tmp_path, content):
    data = tmp_path / ".kata"
    data.mkdir()
    path = data / "history.sqlite3"
    path.write_bytes(content)
    (data / "keep.txt").write_text("mine")
    warnings = []
    with open_store(path, warnings, now=lambda: T0) as s:
        assert s.version() == SCHEMA_VERSION
        assert s.attempts() == []
    moved = list(data.glob("history.sqlite3.corrupt-*"))
    assert len(moved) == 1 and moved[0].read_bytes() == content, "the bad file is kept aside"
    assert (data / "keep.txt").read_text() == "mine", "nothing else is touched"
    assert len(warnings) == 1 and "moved" in warnings[0] and moved[0].name in warnings[0]


def test_quarantine_never_overwrites_an_earlier_one(tmp_path):
    path = tmp_path / "h.sqlite3"
    for _ in range(2):
        path.write_bytes(b"garbage" * 100)
        open_store(path, [], now=lambda: T0).close()
        path.unlink()
    assert len(list(tmp_path.glob("h.sqlite3.corrupt-*"))) == 2


def test_attempt_lifecycle_and_hint_counting(tmp_path):
    with open_store(tmp_path / "h.sqlite3") as s:
        attempt = s.start_attempt("demo/add", "practice", T0, 15)
        assert s.attempts() == [], "an open attempt is not finished"
        s.add_event("demo/add", "hint", T0 + 10, 1)
        s.add_event("demo/add", "hint", T0 + 20, 2)
        s.add_event("demo/add", "hint", T0 - 20, 3)  # before this attempt
        assert s.hint_levels("demo/add", T0) == {1, 2}
        s.heartbeat(attempt, T0 + 30, 2, 4)
        s.finish_attempt(attempt, duration=60, passed=4, total=4, hints_used=2, outcome="solved")
        (done,) = s.attempts()
        assert (done.outcome, done.tests_passed, done.hints_used) == ("solved", 4, 2)
        assert done.ended_at == T0 + 60
        with pytest.raises(ValueError):
            s.finish_attempt(attempt, duration=1, passed=0, total=0, hints_used=0, outcome="?")


def test_a_failed_write_leaves_the_database_unchanged(tmp_path):
    with open_store(tmp_path / "h.sqlite3") as s:
        with pytest.raises(RuntimeError), s.transaction() as conn:
            conn.execute("INSERT INTO events (kata, kind, at) VALUES ('demo/add', 'hint', 1)")
            raise RuntimeError("killed mid-write")
        assert s.events() == []


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_an_attempt_left_open_by_a_killed_process_is_closed_as_abandoned(tmp_path):
    path = tmp_path / "h.sqlite3"
    with open_store(path) as s:
        attempt = s.start_attempt("demo/add", "practice", T0, 15)
        s.heartbeat(attempt, T0 + 120, 1, 4)
        s.conn.execute("UPDATE attempts SET pid = ?", (dead_pid(),))
    with open_store(path, now=lambda: T0 + 200) as s:
        (closed,) = s.attempts()
        assert closed.outcome == "abandoned"
        assert closed.duration == 120, "the duration runs to the last sign of life"
        assert (closed.tests_passed, closed.tests_total) == (1, 4)


def test_an_attempt_of_a_live_process_stays_open(tmp_path):
    path = tmp_path / "h.sqlite3"
    with open_store(path) as s:
        s.start_attempt("demo/add", "practice", T0, 15)
    with open_store(path, now=lambda: T0 + 60, pid_alive=lambda pid: True) as s:
        assert s.attempts() == [] and len(s.attempts(finished=False)) == 1
    later = T0 + store_module.STALE_AFTER + 61
    with open_store(path, now=lambda: later, pid_alive=lambda pid: True) as s:
        assert [a.outcome for a in s.attempts()] == ["abandoned"], "silent for hours: stale"
