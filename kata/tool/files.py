"""The learner's files: atomic writes, backups that are never overwritten, and the pristine
stub recovered from git.

- A write goes to a temporary file in the same folder, is flushed to disk, then replaces the
  target with ``os.replace``: a crash leaves either the old file or the new one, never half.
- Before the tool overwrites a learner's file it copies it to
  ``.kata/backups/<topic>/<name>/<YYYYmmdd-HHMMSS>.py``; an existing backup is never
  replaced (a second one in the same second gets ``-2``, ``-3``...).
- The stub comes from git: HEAD's version when ``kata.stubs.is_pristine_stub`` says it is
  untouched, else the newest untouched version in the file's history.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from kata.catalog import Kata
from kata.statement import blind_stub
from kata.stubs import is_pristine_stub
from kata.tool.project import Project, ToolError, read

GIT_TIMEOUT = 20


def atomic_write(path: Path, text: str) -> None:
    """Replace ``path``'s content with ``text`` in one step (temp file + ``os.replace``)."""
    path = Path(path)
    mode = path.stat().st_mode & 0o777 if path.exists() else None
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def backup(project: Project, kata: Kata, now: float, path: Path | None = None) -> Path | None:
    """Copy the kata's exercise file (or ``path``) into ``.kata/backups``; None if there is
    no file. Returns the new backup's path; an existing backup is never overwritten."""
    source = project.path(kata, "exercise") if path is None else path
    if not source.is_file():
        return None
    data = source.read_bytes()
    folder = project.backup_dir / kata.topic / kata.name
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    for n in range(1, 10_000):
        target = folder / (f"{stamp}.py" if n == 1 else f"{stamp}-{n}.py")
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        return target
    raise ToolError(f"too many backups in {project.rel(folder)} for one second")


def _git(project: Project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", *args],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=GIT_TIMEOUT,
        stdin=subprocess.DEVNULL,
    )


def pristine_stub(project: Project, kata: Kata) -> str:
    """The kata's untouched stub, from git (see the module docstring), or a ToolError."""
    rel = project.rel(project.path(kata, "exercise"))
    why = f"cannot find the untouched stub of {kata.id} in git"
    try:
        head = _git(project, "show", f"HEAD:./{rel}")
        if head.returncode == 0 and is_pristine_stub(head.stdout):
            return head.stdout
        log = _git(project, "log", "--format=%H", "--", rel)
        if log.returncode != 0:
            raise ToolError(f"{why}: {(log.stderr or head.stderr).strip().splitlines()[-1]}")
        for commit in log.stdout.split():
            old = _git(project, "show", f"{commit}:./{rel}")
            if old.returncode == 0 and is_pristine_stub(old.stdout):
                return old.stdout
    except FileNotFoundError:
        raise ToolError(f"{why}: git is not installed") from None
    except subprocess.TimeoutExpired:
        raise ToolError(f"{why}: git did not answer within {GIT_TIMEOUT} s") from None
    raise ToolError(f"{why}: no committed version of {rel} is an untouched stub")


@dataclass(frozen=True)
class Restored:
    """What ``restore_stub`` did: the stub text now in the file, the file, and the backup
    (if any)."""

    stub: str
    backup: Path | None
    changed: bool
    path: Path


def holds_work(project: Project, kata: Kata) -> str | None:
    """The learner's exercise file if it holds their work (anything but an untouched
    stub: code in a function, or a file that does not parse), else None."""
    path = project.path(kata, "exercise")
    if not path.is_file():
        return None
    source = read(path)
    return None if is_pristine_stub(source) else source


def restore_stub(project: Project, kata: Kata, now: float, *, blind: bool = False) -> Restored:
    """Back up the learner's exercise file, then put the pristine stub in its place (with
    ``blind``, the stub whose statement is ``kata.statement.blind_stub``'s).

    A file that already holds exactly that stub is left alone (there is nothing to lose).
    When git cannot give the stub but the file is itself an untouched stub, it is used as
    the stub; otherwise the ToolError from ``pristine_stub`` stands and nothing is
    touched. Whatever is replaced is backed up first (a backup is never overwritten)."""
    path = project.path(kata, "exercise")
    current = read(path) if path.is_file() else None
    try:
        stub = pristine_stub(project, kata)
    except ToolError:
        if current is None or not is_pristine_stub(current):
            raise
        stub = current
    if blind:
        stub = blind_stub(stub)
    if current == stub:
        return Restored(stub, None, False, path)
    saved = backup(project, kata, now)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, stub)
    return Restored(stub, saved, True, path)
