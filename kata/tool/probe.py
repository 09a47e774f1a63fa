"""A pytest plugin the practice tool loads into its test runs (``-p kata.tool.probe``).

It writes what happens to a file, one JSON object per line, flushed as it happens:
``{"collected": N}``, ``{"start": nodeid}`` when a test begins, ``{"test": nodeid,
"outcome": ..., "message": ...}`` when it ends, and ``{"broken": text}`` for a test file
that cannot be collected. So when the tool has to kill a run that does not end, it still
knows which test was running and what finished before it.

Outcomes: passed, failed, error (a fixture failed), skipped, and the kata plugin's own
words: "not implemented", "not finished", "does not import"; a test stopped by its time
limit is "hung".

It also watches the tool: the tool holds the write end of a pipe whose read end this
process inherits (``KATA_PARENT_FD``). If the tool dies, even by SIGKILL, the pipe closes
and this run kills its own process group at once, instead of running on until its tests'
time limits.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import threading

import pytest

PROBE_ENV = "KATA_PROBE_FILE"
PARENT_FD_ENV = "KATA_PARENT_FD"

NOT_IMPLEMENTED = "not implemented"
NOT_FINISHED = "not finished"
DOES_NOT_IMPORT = "does not import"
HUNG = "hung"
_QUIET = (NOT_IMPLEMENTED, NOT_FINISHED, DOES_NOT_IMPORT)


def _watch_parent(fd: int) -> None:
    try:
        while os.read(fd, 1024):  # the tool never writes: this returns b"" when it is gone
            pass
    except OSError:
        pass
    with contextlib.suppress(OSError):
        if hasattr(os, "killpg"):
            os.killpg(os.getpgrp(), signal.SIGKILL)
    os._exit(1)


def _start_watchdog() -> None:
    raw = os.environ.get(PARENT_FD_ENV)
    if not raw:
        return
    try:
        fd = int(raw)
        os.fstat(fd)
    except (ValueError, OSError):
        return
    threading.Thread(target=_watch_parent, args=(fd,), name="kata-watchdog", daemon=True).start()


class _Log:
    def __init__(self, path: str) -> None:
        self._fh = open(path, "a", encoding="utf-8")  # kept open for the whole run
        self.outcomes: dict[str, tuple[str, str]] = {}

    def write(self, **entry) -> None:
        self._fh.write(json.dumps(entry) + "\n")
        self._fh.flush()

    def close(self) -> None:
        self._fh.close()


_log: _Log | None = None


def pytest_configure(config: pytest.Config) -> None:
    global _log
    _start_watchdog()
    path = os.environ.get(PROBE_ENV)
    if path and _log is None:
        _log = _Log(path)


def pytest_unconfigure(config: pytest.Config) -> None:
    global _log
    if _log is not None:
        _log.close()
        _log = None


def pytest_collection_finish(session: pytest.Session) -> None:
    if _log is not None:
        _log.write(collected=len(session.items))


def pytest_collectreport(report: pytest.CollectReport) -> None:
    if _log is not None and report.failed:
        _log.write(broken=str(report.longreprtext or report.longrepr), where=report.nodeid)


def pytest_runtest_logstart(nodeid: str, location) -> None:
    if _log is not None:
        _log.write(start=nodeid)


def _message(report: pytest.TestReport) -> str:
    crash = getattr(report.longrepr, "reprcrash", None)
    if crash is not None and getattr(crash, "message", None):
        return str(crash.message)
    return str(report.longrepr or "")


def _failure(report: pytest.TestReport) -> tuple[str, str]:
    message = _message(report)
    word = getattr(report, "kata_outcome", None)
    if word is None and getattr(report, "not_implemented", False):
        word = NOT_IMPLEMENTED
    if word is None:
        word = next((w for w in _QUIET if message.startswith(w)), None)
    if word is None and (
        getattr(report, "kata_timed_out", False) or "from pytest-timeout" in message
    ):
        word = HUNG
    if word is None:
        word = "failed" if report.when == "call" else "error"
    return word, message


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if _log is None:
        return
    seen = _log.outcomes.get(report.nodeid)
    if report.failed:
        if seen is None or seen[0] in ("passed", "skipped"):
            _log.outcomes[report.nodeid] = _failure(report)
    elif report.skipped:
        if seen is None:
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
            _log.outcomes[report.nodeid] = ("skipped", str(reason))
    elif report.when == "call" and seen is None:
        _log.outcomes[report.nodeid] = ("passed", "")


def pytest_runtest_logfinish(nodeid: str, location) -> None:
    if _log is None:
        return
    outcome, message = _log.outcomes.get(nodeid, ("error", "the test reported no outcome"))
    _log.write(test=nodeid, outcome=outcome, message=message)
