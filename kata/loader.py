"""The single switch point between the learner's code and the reference answers.

Tests never import ``exercises`` or ``solutions`` by name: they call ``load_kata(id)``,
which imports the kata's module from the active set. ``pytest --solutions`` (see
``kata/pytest_plugin.py``) flips the active set before any test module is imported.

A learner's file that does not import (a syntax error, a bad import, an exception at
module level) must not stop the whole run: ``load_kata`` then returns a stand-in whose
every attribute raises :class:`KataImportError`, so that kata's tests fail with one clear
message and every other kata runs as usual.
"""

from __future__ import annotations

import importlib
import linecache
import sys
import traceback
from pathlib import Path
from types import ModuleType

from kata.catalog import KATA_SETS, ROOT, get_kata

_active_set = "exercises"


class KataImportError(Exception):
    """A kata's module could not be imported; the message says where and why."""


def use_set(kata_set: str) -> None:
    """Make ``kata_set`` ("exercises" or "solutions") the set ``load_kata`` reads."""
    global _active_set
    if kata_set not in KATA_SETS:
        raise ValueError(f"kata_set must be one of {KATA_SETS}, got {kata_set!r}")
    _active_set = kata_set


def active_set() -> str:
    return _active_set


class BrokenKata(ModuleType):
    """Stands in for a kata module that failed to import."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(name)
        self.__kata_import_problem__ = problem

    def __getattr__(self, attr: str):
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        raise KataImportError(self.__kata_import_problem__)


def _shown(path: Path) -> Path:
    try:
        return Path(path).resolve().relative_to(ROOT)
    except ValueError:
        return Path(path)


def describe_import_error(exc: BaseException, path: Path) -> str:
    """One short paragraph: which file, which line, what Python said, the line itself."""
    shown = _shown(path)
    if isinstance(exc, SyntaxError):
        # The error may sit in a sibling kata that this one imports: name that file.
        shown = _shown(Path(exc.filename)) if exc.filename else shown
        lineno = exc.lineno or 0
        text = (exc.text or "").rstrip("\n")
        where = f"{type(exc).__name__} at {shown} line {lineno}: {exc.msg}"
        if text.strip():
            caret = ""
            if exc.offset:
                indent = len(text) - len(text.lstrip())
                caret = "\n    " + " " * max(exc.offset - 1 - indent, 0) + "^"
            where += f"\n    {text.strip()}{caret}"
        return f"does not import: {where}"
    # Another exception while the module ran: point at the deepest frame in the kata file.
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename) == path]
    if frames:
        frame = frames[-1]
        line = (frame.line or linecache.getline(str(path), frame.lineno)).strip()
        where = f"{type(exc).__name__} at {shown} line {frame.lineno}: {exc}\n    {line}"
    else:
        where = f"{type(exc).__name__} while importing {shown}: {exc}"
    return f"does not import: {where}"


def load_kata(kata_id: str, kata_set: str | None = None, *, strict: bool = False) -> ModuleType:
    """Import kata ``topic/name`` from ``kata_set`` (default: the active set).

    With ``strict=False`` (what the tests use) a module that fails to import comes back
    as a :class:`BrokenKata`; ``strict=True`` lets the exception propagate.
    """
    kata_set = kata_set or _active_set
    if kata_set not in KATA_SETS:
        raise ValueError(f"kata_set must be one of {KATA_SETS}, got {kata_set!r}")
    kata = get_kata(kata_id)
    name = kata.module_name(kata_set)
    try:
        return importlib.import_module(name)
    except Exception as exc:
        if strict:
            raise
        sys.modules.pop(name, None)  # a later fixed import must not find a half module
        return BrokenKata(name, describe_import_error(exc, kata.source_path(kata_set)))
