"""The single switch point between the learner's code and the reference answers.

Tests never import ``exercises`` or ``solutions`` by name: they call ``load_kata(id)``,
which imports the kata's module from the active set. ``pytest --solutions`` (see
``kata/pytest_plugin.py``) flips the active set before any test module is imported.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from kata.catalog import KATA_SETS, get_kata

_active_set = "exercises"


def use_set(kata_set: str) -> None:
    """Make ``kata_set`` ("exercises" or "solutions") the set ``load_kata`` reads."""
    global _active_set
    if kata_set not in KATA_SETS:
        raise ValueError(f"kata_set must be one of {KATA_SETS}, got {kata_set!r}")
    _active_set = kata_set


def active_set() -> str:
    return _active_set


def load_kata(kata_id: str, kata_set: str | None = None) -> ModuleType:
    """Import kata ``topic/name`` from ``kata_set`` (default: the active set)."""
    kata_set = kata_set or _active_set
    if kata_set not in KATA_SETS:
        raise ValueError(f"kata_set must be one of {KATA_SETS}, got {kata_set!r}")
    return importlib.import_module(get_kata(kata_id).module_name(kata_set))
