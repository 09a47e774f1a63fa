"""The practice history: SQLite in ``.kata/history.sqlite3``.

- ``schema_version`` holds one row, the number of ``MIGRATIONS`` applied; opening the store
  applies the missing ones in order, each in its own transaction. Append a migration to
  change the schema; never edit one that has shipped.
- Every write is one transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``): an interrupted
  process leaves the database as it was before the write.
- A file that SQLite cannot read (not a database, corrupt, unreadable) is moved aside to
  ``history.sqlite3.corrupt-<time>`` with a warning, and a fresh history starts; nothing
  else is touched. A database from a newer version of the tool is refused, not moved.
- An attempt is written when it starts (outcome NULL) and completed when it ends; one left
  open by a process that was killed is closed as "abandoned" the next time the store opens.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kata.tool.project import ToolError

MIGRATIONS: list[str] = [
    # 1: attempts (practice and interview sessions) and events (hints, reveals, resets).
    """
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        kata TEXT NOT NULL,
        mode TEXT NOT NULL,
        started_at REAL NOT NULL,
        time_limit REAL,
        pid INTEGER,
        last_seen REAL,
        duration REAL,
        tests_passed INTEGER,
        tests_total INTEGER,
        hints_used INTEGER NOT NULL DEFAULT 0,
        outcome TEXT
    );
    CREATE INDEX attempts_kata ON attempts (kata, started_at);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        kata TEXT NOT NULL,
        kind TEXT NOT NULL,
        at REAL NOT NULL,
        level INTEGER
    );
    CREATE INDEX events_kata ON events (kata, kind, at);
    """,
    # 2: test runs outside sessions (`test`, `watch`), so `list` knows a kata solved that way.
    """
    CREATE TABLE test_runs (
        id INTEGER PRIMARY KEY,
        kata TEXT NOT NULL,
        at REAL NOT NULL,
        passed INTEGER NOT NULL,
        total INTEGER NOT NULL
    );
    CREATE INDEX test_runs_kata ON test_runs (kata, at);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)

#: Outcomes of a finished attempt.
OUTCOMES = ("solved", "timeout", "abandoned", "skipped")
#: An open attempt whose process is gone, or silent this long, is closed as abandoned.
STALE_AFTER = 6 * 3600


@dataclass(frozen=True)
class Attempt:
    id: int
    kata: str
    mode: str
    started_at: float
    time_limit: float | None
    duration: float | None
    tests_passed: int | None
    tests_total: int | None
    hints_used: int
    outcome: str | None

    @property
    def ended_at(self) -> float:
        return self.started_at + (self.duration or 0.0)


@dataclass(frozen=True)
class Event:
    kata: str
    kind: str
    at: float
    level: int | None


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _stderr_warning(message: str) -> None:
    import sys

    print(f"warning: {message}", file=sys.stderr)


class Store:
    """The history database. Open with ``Store.open(path)``; use as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    # --- opening ------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        warn: Callable[[str], None] = _stderr_warning,
        now: Callable[[], float] = time.time,
        pid_alive: Callable[[int], bool] = _pid_alive,
    ) -> Store:
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ToolError(f"cannot create {path.parent}: {exc.strerror or exc}") from None
        try:
            store = cls._connect(path)
        except sqlite3.DatabaseError as exc:
            moved = _quarantine(path, now())
            warn(
                f"the history database {path.name} could not be read ({exc}); it was moved "
                f"to {moved.name} and a fresh history starts now"
            )
            try:
                store = cls._connect(path)
            except sqlite3.DatabaseError as again:
                raise ToolError(f"cannot create a history database at {path}: {again}") from None
        store.close_stale_attempts(now(), pid_alive)
        return store

    @classmethod
    def _connect(cls, path: Path) -> Store:
        if path.exists() and not os.access(path, os.R_OK | os.W_OK):
            raise sqlite3.DatabaseError("no permission to read and write it")
        conn = sqlite3.connect(path, timeout=10, isolation_level=None)
        try:
            conn.execute("PRAGMA busy_timeout = 10000")
            # WAL: a killed process cannot leave a half-written database, and commits need
            # no fsync of the main file (a power cut may lose the last write, nothing more).
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            check = conn.execute("PRAGMA quick_check").fetchone()
            if not check or check[0] != "ok":
                raise sqlite3.DatabaseError(f"integrity check failed: {check and check[0]}")
            store = cls(conn, path)
            store._migrate()
        except BaseException:
            conn.close()
            raise
        return store

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # --- schema -------------------------------------------------------------------------

    def version(self) -> int:
        exists = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
        ).fetchone()
        if not exists:
            return 0
        row = self.conn.execute("SELECT version FROM schema_version").fetchone()
        return row[0] if row else 0

    def _migrate(self, upto: int = SCHEMA_VERSION) -> None:
        current = self.version()
        if current > SCHEMA_VERSION:
            raise ToolError(
                f"{self.path} was written by a newer version of this tool (schema "
                f"{current}, this one knows {SCHEMA_VERSION}): update the repository, or "
                "move the file aside to start a fresh history"
            )
        for number in range(current + 1, upto + 1):
            with self.transaction() as conn:
                if number == 1:
                    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
                    conn.execute("INSERT INTO schema_version VALUES (0)")
                for statement in MIGRATIONS[number - 1].split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute("UPDATE schema_version SET version = ?", (number,))

    # --- attempts -----------------------------------------------------------------------

    def start_attempt(
        self, kata: str, mode: str, started_at: float, time_limit: float | None
    ) -> int:
        with self.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO attempts (kata, mode, started_at, time_limit, pid, last_seen)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (kata, mode, started_at, time_limit, os.getpid(), started_at),
            )
            return int(cur.lastrowid)

    def heartbeat(self, attempt_id: int, at: float, passed: int, total: int) -> None:
        """Note that an open attempt is alive, with its latest test counts."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE attempts SET last_seen = ?, tests_passed = ?, tests_total = ?"
                " WHERE id = ? AND outcome IS NULL",
                (at, passed, total, attempt_id),
            )

    def finish_attempt(
        self,
        attempt_id: int,
        *,
        duration: float,
        passed: int | None,
        total: int | None,
        hints_used: int,
        outcome: str,
    ) -> None:
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}")
        with self.transaction() as conn:
            conn.execute(
                "UPDATE attempts SET duration = ?, tests_passed = COALESCE(?, tests_passed),"
                " tests_total = COALESCE(?, tests_total), hints_used = ?, outcome = ?,"
                " pid = NULL WHERE id = ?",
                (duration, passed, total, hints_used, outcome, attempt_id),
            )

    def close_stale_attempts(
        self, now: float, pid_alive: Callable[[int], bool] = _pid_alive
    ) -> int:
        """Close open attempts whose process is gone (killed) as abandoned."""
        rows = self.conn.execute(
            "SELECT id, kata, started_at, pid, last_seen FROM attempts WHERE outcome IS NULL"
        ).fetchall()
        closed = 0
        for attempt_id, kata, started_at, pid, last_seen in rows:
            last_seen = last_seen or started_at
            gone = pid is None or not pid_alive(pid)
            if gone or now - last_seen > STALE_AFTER:
                hints = len(self.hint_levels(kata, started_at, last_seen))
                self.finish_attempt(
                    attempt_id,
                    duration=max(0.0, last_seen - started_at),
                    passed=None,
                    total=None,
                    hints_used=hints,
                    outcome="abandoned",
                )
                closed += 1
        return closed

    def attempts(self, kata: str | None = None, *, finished: bool = True) -> list[Attempt]:
        """Attempts (finished ones only, unless ``finished=False``), oldest first."""
        sql = (
            "SELECT id, kata, mode, started_at, time_limit, duration, tests_passed,"
            " tests_total, hints_used, outcome FROM attempts WHERE 1 = 1"
        )
        args: list = []
        if kata is not None:
            sql += " AND kata = ?"
            args.append(kata)
        if finished:
            sql += " AND outcome IS NOT NULL"
        rows = self.conn.execute(sql + " ORDER BY started_at, id", args).fetchall()
        return [Attempt(*row) for row in rows]

    # --- events -------------------------------------------------------------------------

    def add_event(self, kata: str, kind: str, at: float, level: int | None = None) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO events (kata, kind, at, level) VALUES (?, ?, ?, ?)",
                (kata, kind, at, level),
            )

    def events(self, kata: str | None = None, kind: str | None = None) -> list[Event]:
        sql = "SELECT kata, kind, at, level FROM events WHERE 1 = 1"
        args: list = []
        if kata is not None:
            sql += " AND kata = ?"
            args.append(kata)
        if kind is not None:
            sql += " AND kind = ?"
            args.append(kind)
        return [Event(*row) for row in self.conn.execute(sql + " ORDER BY at, id", args)]

    def hint_levels(self, kata: str, since: float, until: float | None = None) -> set[int]:
        """The hint levels of ``kata`` revealed between ``since`` and ``until``."""
        sql = "SELECT level FROM events WHERE kata = ? AND kind = 'hint' AND at >= ?"
        args: list = [kata, since]
        if until is not None:
            sql += " AND at <= ?"
            args.append(until)
        return {row[0] for row in self.conn.execute(sql, args)}

    def last_attempt_start(self, kata: str) -> float | None:
        row = self.conn.execute(
            "SELECT MAX(started_at) FROM attempts WHERE kata = ?", (kata,)
        ).fetchone()
        return row[0]

    # --- test runs ----------------------------------------------------------------------

    def record_test_run(self, kata: str, at: float, passed: int, total: int) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO test_runs (kata, at, passed, total) VALUES (?, ?, ?, ?)",
                (kata, at, passed, total),
            )

    def full_passes(self) -> set[str]:
        """Katas with at least one test run where every test passed."""
        rows = self.conn.execute(
            "SELECT DISTINCT kata FROM test_runs WHERE total > 0 AND passed = total"
        )
        return {row[0] for row in rows}

    def tested(self) -> set[str]:
        return {row[0] for row in self.conn.execute("SELECT DISTINCT kata FROM test_runs")}


def _quarantine(path: Path, now: float) -> Path:
    """Move a database SQLite cannot read (and its journal files) aside; never overwrite."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    for n in range(1, 1000):
        target = path.with_name(f"{path.name}.corrupt-{stamp}" + (f"-{n}" if n > 1 else ""))
        if not target.exists():
            break
    try:
        os.rename(path, target)
    except OSError as exc:
        raise ToolError(
            f"the history database {path} cannot be read, and moving it aside failed "
            f"({exc.strerror or exc}): move or delete it yourself"
        ) from None
    for suffix in ("-journal", "-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            with contextlib.suppress(OSError):
                os.rename(side, target.with_name(target.name + suffix))
    return target
