"""The spaced-repetition rule (kata/tool/scheduler.py), as pure functions."""

import random

import pytest

from kata.tool.scheduler import (
    DAY,
    Candidate,
    Grade,
    Pick,
    Review,
    State,
    draw_interview,
    grade,
    mastery,
    next_interval,
    rank,
    replay,
)

T0 = 1_800_000_000.0


def reviews(*grades, every=DAY):
    return [Review(T0 + i * every, g) for i, g in enumerate(grades)]


def test_grades_follow_outcome_time_and_hints():
    assert grade("solved", 10 * 60, 0, 15) is Grade.CLEAN
    assert grade("solved", 16 * 60, 0, 15) is Grade.SLOW, "over the target time is slow"
    assert grade("solved", 5 * 60, 1, 15) is Grade.SLOW, "a hint makes a solve slow"
    for outcome in ("timeout", "abandoned", "skipped"):
        assert grade(outcome, 60, 0, 15) is Grade.FAILED


def test_clean_solves_double_the_interval_up_to_the_cap():
    intervals = [replay(reviews(*[Grade.CLEAN] * n)).interval for n in range(1, 9)]
    assert intervals == [2, 4, 8, 16, 32, 60, 60, 60]


def test_slow_solve_halves_within_one_to_three_days():
    assert next_interval(0, Grade.SLOW) == 1
    assert next_interval(4, Grade.SLOW) == 2
    assert next_interval(32, Grade.SLOW) == 3


def test_failure_resets_to_one_day():
    state = replay(reviews(Grade.CLEAN, Grade.CLEAN, Grade.CLEAN, Grade.FAILED))
    assert state.interval == 1
    assert state.due_at == T0 + 3 * DAY + 1 * DAY
    assert state.clean_streak == 0


def test_due_date_counts_from_the_last_review_and_order_does_not_matter():
    shuffled = list(reversed(reviews(Grade.CLEAN, Grade.CLEAN)))
    state = replay(shuffled)
    assert state.due_at == T0 + DAY + 4 * DAY
    assert state.clean_streak == 2
    assert not state.is_due(T0 + 2 * DAY)
    assert state.is_due(T0 + 5 * DAY)


def test_never_attempted_is_due_now_and_new():
    state = replay([])
    assert state.is_new and state.is_due(T0) and state.due_at is None
    assert mastery(state) == ("new", 0.0)


@pytest.mark.parametrize(
    ("n_clean", "label"),
    [(1, "reviewing"), (2, "reviewing"), (3, "strong"), (4, "strong"), (5, "mastered")],
)
def test_mastery_follows_the_interval(n_clean, label):
    assert replay(reviews(*[Grade.CLEAN] * n_clean)).mastery == label
    assert replay(reviews(Grade.SLOW)).mastery == "learning"


def test_abandoned_attempts_never_raise_mastery():
    # Quitting (or running out of time) on a kata never solved is no progress: it stays
    # at 0, where before the first failure put it at "learning" (1 day, a quarter).
    assert mastery(replay([])) == ("new", 0.0)
    assert mastery(replay(reviews(Grade.FAILED))) == ("unsolved", 0.0)
    assert mastery(replay(reviews(Grade.FAILED, Grade.FAILED, Grade.FAILED))) == ("unsolved", 0.0)
    # After a solve, a failure can only lower it.
    solved = mastery(replay(reviews(Grade.CLEAN, Grade.CLEAN)))
    then_failed = mastery(replay(reviews(Grade.CLEAN, Grade.CLEAN, Grade.FAILED)))
    assert then_failed[1] <= solved[1] and then_failed == ("learning", 0.25)
    assert mastery(replay(reviews(Grade.FAILED, Grade.SLOW)))[0] == "learning"


NEW = State()


def cand(kata, position, state=NEW, prereqs=()):
    return Candidate(kata, position, prereqs, state)


def test_rank_puts_due_reviews_first_then_new_in_catalog_order():
    now = T0 + 10 * DAY
    overdue_a = replay([Review(T0, Grade.FAILED)])  # due T0 + 1 day
    overdue_b = replay([Review(T0 + 5 * DAY, Grade.FAILED)])  # due T0 + 6 days
    later = replay([Review(now - DAY, Grade.CLEAN)])  # due in a day
    order = rank(
        [
            cand("later", 0, later),
            cand("new2", 4),
            cand("b", 1, overdue_b),
            cand("new1", 3),
            cand("a", 2, overdue_a),
        ],
        now,
        solved=set(),
    )
    assert [c.kata for c in order] == ["a", "b", "new1", "new2", "later"]


def test_rank_puts_new_katas_with_unsolved_prerequisites_after_the_others():
    order = rank(
        [cand("needs_x", 0, prereqs=("x",)), cand("free", 1)],
        T0,
        solved=set(),
    )
    assert [c.kata for c in order] == ["free", "needs_x"]
    order = rank(
        [cand("needs_x", 0, prereqs=("x",)), cand("free", 1)],
        T0,
        solved={"x"},
    )
    assert [c.kata for c in order] == ["needs_x", "free"]


def test_rank_puts_katas_solved_outside_a_session_last():
    # Solved with plain pytest (or kata test): never reviewed, but not new work either.
    later = replay([Review(T0, Grade.CLEAN)])  # due in 2 days
    order = rank(
        [cand("solved_by_pytest", 0), cand("later", 1, later), cand("new", 2)],
        T0 + 60,
        solved={"solved_by_pytest", "later"},
    )
    assert [c.kata for c in order] == ["new", "later", "solved_by_pytest"]


def test_after_a_clean_solve_tomorrow_brings_the_next_new_kata():
    # The "come back tomorrow" loop: solved a yesterday (clean), failed b yesterday.
    yesterday = T0
    solved_a = replay([Review(yesterday, Grade.CLEAN)])
    failed_b = replay([Review(yesterday, Grade.FAILED)])
    tomorrow = yesterday + DAY + 60
    order = rank([cand("a", 0, solved_a), cand("b", 1, failed_b), cand("c", 2)], tomorrow, {"a"})
    assert [c.kata for c in order] == ["b", "c", "a"]


POOL = [
    Pick("w1", 1, 15),
    Pick("w2", 1, 15),
    Pick("s1", 2, 30),
    Pick("s2", 2, 30),
    Pick("h1", 3, 45),
]


def test_interview_draws_by_difficulty_to_fit_the_time():
    picks = draw_interview(POOL, 45, 2, random.Random(0))
    assert [p.difficulty for p in picks] == [1, 2], "45 min, 2 katas: a warm-up and a standard"
    picks = draw_interview(POOL, 60, 2, random.Random(0))
    assert [p.difficulty for p in picks] == [1, 3]
    picks = draw_interview(POOL, 90, 3, random.Random(0))
    assert [p.difficulty for p in picks] == [1, 2, 3]


def test_interview_draw_is_seeded_and_copes_with_a_small_pool():
    a = draw_interview(POOL, 45, 2, random.Random(7))
    b = draw_interview(POOL, 45, 2, random.Random(7))
    assert a == b
    assert len({p.kata for p in draw_interview(POOL, 300, 10, random.Random(1))}) == 5
    assert draw_interview([], 45, 2, random.Random(0)) == []
    tight = draw_interview(POOL, 10, 2, random.Random(0))
    assert [p.difficulty for p in tight] == [1, 1], "nothing fits: the easiest ones"
