"""The last pytest outcome of each kata, shared by the pytest plugin and the practice tool.

Whenever plain ``pytest`` (the learner's code in ``exercises/``) finishes, the plugin
records each kata it ran: its status ("solved", "in progress", "not started", "does not
import"), its pass count, when, and a fingerprint of the exercise file as it was tested.
``python -m kata`` reads the record, so a kata solved with plain ``pytest`` is solved for
the tool too, as long as the file has not changed since (compare ``source_sha256``).

The record lives in ``.kata/pytest_results.json`` beside the tool's history, is merged
(a run of one kata leaves the others' entries alone) and is written atomically.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from kata.catalog import ROOT

RESULTS_FILE = ROOT / ".kata" / "pytest_results.json"


@dataclass(frozen=True)
class KataRun:
    """One kata's outcome in one pytest run of the exercises."""

    status: str
    passed: int
    total: int
    finished_at: float
    source_sha256: str | None


def file_sha256(path: Path) -> str | None:
    """The SHA-256 of a file's bytes, or None if it cannot be read."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def load_results(path: Path = RESULTS_FILE) -> dict[str, KataRun]:
    """Every recorded kata outcome; an absent or unreadable record is empty."""
    try:
        raw = json.loads(Path(path).read_text())
        return {kata_id: KataRun(**entry) for kata_id, entry in raw.items()}
    except (OSError, ValueError, TypeError):
        return {}


def record_results(runs: dict[str, KataRun], path: Path = RESULTS_FILE) -> None:
    """Merge ``runs`` into the record, atomically (a crash leaves the old record whole)."""
    merged = load_results(path)
    merged.update(runs)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".pytest_results.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w") as fh:
            json.dump({k: asdict(v) for k, v in sorted(merged.items())}, fh, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
