"""Spaced repetition: when each kata should come back, and which one to practise next.

The rule (pure functions, no clock of their own: ``now`` is always an argument):

1. Every finished attempt (practice or interview) is a review, graded

   - **clean**: solved within the kata's target time, with no hint;
   - **slow**: solved, but over the target time or with a hint;
   - **failed**: time ran out, skipped, or abandoned (quit, Ctrl-C, killed).

   Revealing the reference solution is a failed review too.
2. The interval to the next review, in days, starts at 0 and after each review becomes

   - clean: twice the previous interval (2 days after the first clean solve), at most 60;
   - slow: half the previous interval, kept between 1 and 3 days;
   - failed: 1 day.

   The kata is due that many days after the review ended. A kata never attempted is due now.
3. Picking the next kata (``practice`` with no id): first the katas whose review is due,
   most overdue first; then new katas in catalog order, those whose prerequisites are all
   solved before the others; then, if everything has been reviewed and nothing is due, the
   kata that comes due soonest; last, katas never reviewed but already solved outside a
   session (plain ``pytest``, ``python -m kata test``): they are not new work.

Mastery follows the interval once the kata has been solved in a session: learning (under
2 days), reviewing (2 to 7), strong (8 to 31), mastered (32 days and more: five clean
solves in a row). Before that it is new (never attempted) or unsolved (attempted, never
solved), both worth 0: an attempt that was abandoned, timed out or skipped never raises
mastery.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

DAY = 86400.0
FIRST_INTERVAL = 2.0
MAX_INTERVAL = 60.0
SLOW_RANGE = (1.0, 3.0)
FAILED_INTERVAL = 1.0

MASTERY_LEVELS = (
    # (label, lowest interval in days, score in [0, 1])
    ("mastered", 32.0, 1.0),
    ("strong", 8.0, 0.75),
    ("reviewing", 2.0, 0.5),
    ("learning", 0.0, 0.25),
)


class Grade(Enum):
    CLEAN = "clean"
    SLOW = "slow"
    FAILED = "failed"


@dataclass(frozen=True)
class Review:
    """One graded review of a kata, ending at time ``at`` (seconds since the epoch)."""

    at: float
    grade: Grade


def grade(outcome: str, duration: float, hints_used: int, target_minutes: float) -> Grade:
    """The grade of a finished attempt."""
    if outcome != "solved":
        return Grade.FAILED
    if hints_used > 0 or duration > target_minutes * 60:
        return Grade.SLOW
    return Grade.CLEAN


def next_interval(previous: float, grade: Grade) -> float:
    """The interval (days) after a review with ``grade``, given the previous interval."""
    if grade is Grade.CLEAN:
        return min(MAX_INTERVAL, previous * 2 if previous >= 1 else FIRST_INTERVAL)
    if grade is Grade.SLOW:
        low, high = SLOW_RANGE
        return min(high, max(low, previous / 2))
    return FAILED_INTERVAL


@dataclass(frozen=True)
class State:
    """Where a kata stands after its reviews."""

    reviews: int = 0
    interval: float = 0.0
    due_at: float | None = None
    last_grade: Grade | None = None
    clean_streak: int = 0
    #: Reviews that solved the kata (clean or slow).
    solves: int = 0

    @property
    def is_new(self) -> bool:
        return self.reviews == 0

    def is_due(self, now: float) -> bool:
        return self.due_at is None or self.due_at <= now

    @property
    def mastery(self) -> str:
        return mastery(self)[0]


def replay(reviews: Iterable[Review]) -> State:
    """Apply the rule to a kata's reviews (in any order: they are sorted by time)."""
    state = State()
    for review in sorted(reviews, key=lambda r: r.at):
        interval = next_interval(state.interval, review.grade)
        streak = state.clean_streak + 1 if review.grade is Grade.CLEAN else 0
        state = State(
            reviews=state.reviews + 1,
            interval=interval,
            due_at=review.at + interval * DAY,
            last_grade=review.grade,
            clean_streak=streak,
            solves=state.solves + (review.grade is not Grade.FAILED),
        )
    return state


def mastery(state: State) -> tuple[str, float]:
    """(label, score in [0, 1]) for a kata's state."""
    if state.is_new:
        return "new", 0.0
    if state.solves == 0:
        return "unsolved", 0.0
    for label, lowest, score in MASTERY_LEVELS:
        if state.interval >= lowest:
            return label, score
    return "learning", 0.25  # pragma: no cover (the last level starts at 0)


@dataclass(frozen=True)
class Candidate:
    """A kata that could be practised next: its id, catalog position and prerequisites."""

    kata: str
    position: int
    prerequisites: tuple[str, ...]
    state: State


def priority(candidate: Candidate, now: float, solved: set[str]) -> tuple:
    """Sort key: smaller comes first (see rule 3 in the module docstring)."""
    state = candidate.state
    if not state.is_new and state.is_due(now):
        return (0, state.due_at, candidate.position)
    if state.is_new:
        if candidate.kata in solved:  # solved outside a session: not new work
            return (4, 0.0, candidate.position)
        blocked = any(p not in solved for p in candidate.prerequisites)
        return (1 + int(blocked), 0.0, candidate.position)
    return (3, state.due_at, candidate.position)


def rank(candidates: Sequence[Candidate], now: float, solved: set[str]) -> list[Candidate]:
    """Candidates, the one to practise next first."""
    return sorted(candidates, key=lambda c: priority(c, now, solved))


@dataclass(frozen=True)
class Pick:
    """A kata offered to ``draw_interview``: id, difficulty and target minutes."""

    kata: str
    difficulty: int
    minutes: float


def draw_interview(pool: Sequence[Pick], minutes: float, count: int, rng) -> list[Pick]:
    """Draw ``count`` katas for a mock interview of ``minutes``, by difficulty.

    Slot by slot, take the hardest difficulty whose target time still leaves room for the
    remaining slots at the easiest target, and draw one kata of it at random (``rng`` is a
    ``random.Random``); when nothing fits, the easiest left. The result runs easiest first,
    as an interview warms up. Fewer katas come back when the pool is smaller than ``count``.
    """
    left = list(pool)
    chosen: list[Pick] = []
    remaining = float(minutes)
    for slot in range(count):
        if not left:
            break
        slots_after = count - slot - 1
        easiest = min(p.minutes for p in left)
        fitting = [p for p in left if p.minutes + slots_after * easiest <= remaining]
        if fitting:
            level = max(p.difficulty for p in fitting)
            options = [p for p in fitting if p.difficulty == level]
        else:
            level = min(p.difficulty for p in left)
            options = [p for p in left if p.difficulty == level]
        pick = rng.choice(sorted(options, key=lambda p: p.kata))
        chosen.append(pick)
        left.remove(pick)
        remaining -= pick.minutes
    return sorted(chosen, key=lambda p: (p.difficulty, p.kata))
