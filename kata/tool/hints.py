"""Hints, one level at a time, and the record of which levels a learner has seen.

The levels count per try: a new practice attempt of a kata starts again from hint 1, and a
hint seen while an attempt is open (from the session or from another terminal) counts as
used in that attempt.
"""

from __future__ import annotations

from dataclasses import dataclass

from kata.catalog import Kata
from kata.tool.project import Hint, Project, ToolError
from kata.tool.store import Store


@dataclass(frozen=True)
class Revealed:
    hints: list[Hint]
    total: int
    #: True when every level had already been shown (the last one is shown again).
    exhausted: bool = False


def seen_levels(store: Store, kata: Kata) -> set[int]:
    """The levels already revealed in the current try (since the latest attempt began)."""
    return store.hint_levels(kata.id, store.last_attempt_start(kata.id) or 0.0)


def reveal(project: Project, store: Store, kata: Kata, now: float, *, every: bool = False):
    """Reveal the next hint level (or all of them), record it, and return what to show."""
    hints = project.hints(kata)
    if not hints:
        raise ToolError(
            f"{kata.id} has no hints yet ({project.rel(project.path(kata, 'hints'))} is missing)"
        )
    if every:
        shown = hints
    else:
        seen = seen_levels(store, kata)
        unseen = [h for h in hints if h.level not in seen]
        if not unseen:
            return Revealed([hints[-1]], len(hints), exhausted=True)
        shown = [unseen[0]]
    for hint in shown:
        store.add_event(kata.id, "hint", now, hint.level)
    return Revealed(shown, len(hints))


def render(revealed: Revealed, kata: Kata) -> str:
    parts = []
    for hint in revealed.hints:
        title = f": {hint.title}" if hint.title else ""
        parts.append(f"Hint {hint.level} of {revealed.total}{title} ({kata.id})\n\n{hint.body}")
    text = "\n\n".join(parts)
    if revealed.exhausted:
        text = "That was the last hint; here it is again.\n\n" + text
    return text
