"""Tests for sequence/beam_search: beam search with finished hypotheses and a length penalty.

The truths: hand-worked models, exhaustive enumeration of every hypothesis on a tiny
vocabulary (a beam wider than the number of hypotheses prunes nothing), a plain greedy loop
for beam_width = 1, and the statement's definition of one step written out as a plain
Python loop over a list, for the beams in between.
"""

import itertools
import math
import numbers

import numpy as np
import pytest

from kata.testing import SEEDS, load_kata, python_lines

mod = load_kata("sequence/beam_search")

BOS, EOS = 9, 2  # vocab {0: a, 1: b, 2: eos}; bos is not a vocabulary token


def prefix_kind(prefix):
    """None if ``prefix`` is a list of ints (as pinned), else what it is instead."""
    if not isinstance(prefix, list):
        return type(prefix).__name__
    bad = [t for t in prefix if isinstance(t, bool) or not isinstance(t, numbers.Integral)]
    return f"a list holding {type(bad[0]).__name__}" if bad else None


class TableModel:
    """log_prob_fn from a table of next-token probabilities; records every prefix it sees."""

    def __init__(self, table, default=(0.25, 0.25, 0.5)):
        self.table, self.default, self.calls, self.kinds = table, default, [], []

    def __call__(self, prefix):
        self.kinds.append(prefix_kind(prefix))
        self.calls.append(list(prefix))
        with np.errstate(divide="ignore"):
            return np.log(np.asarray(self.table.get(tuple(prefix), self.default), dtype=float))


class RandomModel:
    """A fixed random model: the log-softmax of logits seeded by the prefix itself, so the
    answer for a prefix never depends on the order of the calls."""

    def __init__(self, seed, vocab, scale=1.5, banned=()):
        self.seed, self.vocab, self.scale, self.banned = seed, vocab, scale, banned
        self.calls, self.kinds = [], []

    def __call__(self, prefix):
        self.kinds.append(prefix_kind(prefix))
        self.calls.append(list(prefix))
        rng = np.random.default_rng([self.seed, *[int(t) for t in prefix]])
        logits = rng.normal(size=self.vocab) * self.scale
        logits = logits - np.logaddexp.reduce(logits)
        logits[list(self.banned)] = -np.inf
        return logits


# The statement's worked example.
WORKED = {(9,): (0.5, 0.4, 0.1), (9, 0): (0.3, 0.3, 0.4), (9, 1): (0.05, 0.05, 0.9)}


def search(model, bos=BOS, eos=EOS, beam_width=3, max_len=20, length_penalty=0.0):
    return mod.beam_search(
        model, bos, eos, beam_width=beam_width, max_len=max_len, length_penalty=length_penalty
    )


def finished(tokens, eos=EOS):
    return len(tokens) > 1 and tokens[-1] == eos


def score_of(total, tokens, length_penalty):
    return total / (len(tokens) - 1) ** length_penalty


def log_sum(model, tokens):
    """sum of log_prob_fn(prefix)[next token] along ``tokens`` (bos first)."""
    return float(sum(model(tokens[:i])[tokens[i]] for i in range(1, len(tokens))))


def as_pairs(result):
    """The result as [(list of ints, float)], failing clearly if its structure is wrong."""
    assert isinstance(result, list), (
        f"beam_search must return a list of (tokens, score), got {type(result).__name__}"
    )
    pairs = []
    for item in result:
        assert len(item) == 2, f"each hypothesis is a pair (tokens, score), got {item!r}"
        tokens, score = item
        assert isinstance(tokens, list), (
            f"tokens must be a Python list of ints, got {type(tokens).__name__} {tokens!r}"
        )
        assert not isinstance(score, np.ndarray) and isinstance(score, numbers.Real), (
            f"score must be a float, got {type(score).__name__} {score!r}"
        )
        tokens = [int(t) for t in tokens]
        pairs.append((tokens, float(score)))
    return pairs


def structure_problem(pairs, bos, eos, beam_width, max_len):
    """A message naming a structural mistake in the result, or None."""
    if not pairs:
        return (
            "beam_search returned no hypothesis: were the finished ones dropped? A finished "
            "hypothesis stays in the beam (it keeps its slot and competes) and is returned "
            "with the others"
        )
    if len(pairs) > beam_width:
        return (
            f"{len(pairs)} hypotheses returned with beam_width = {beam_width}: at most beam_width"
        )
    for tokens, _ in pairs:
        if not tokens or tokens[0] != bos:
            return f"hypothesis {tokens} does not start with bos = {bos}"
        if eos in tokens[1:-1]:
            return (
                f"hypothesis {tokens} continues after eos: a finished hypothesis (last token "
                "eos) is never extended; it stays in the beam unchanged"
            )
        n = len(tokens) - 1
        if n > max_len:
            return (
                f"hypothesis {tokens} has {n} generated tokens with max_len = {max_len}: "
                "max_len counts generated tokens (eos included, bos not), so the search runs "
                "at most max_len steps (off by one?)"
            )
        if n == 0:
            return "a hypothesis with no generated token was returned: run at least one step"
        if tokens[-1] != eos and n < max_len:
            return (
                f"hypothesis {tokens} is unfinished (no eos) with {n} generated tokens < "
                f"max_len = {max_len}: the search stopped early. It runs until every "
                "hypothesis of the beam is finished, or for max_len steps (max_len counts "
                "generated tokens, eos included: range(max_len) steps, not max_len - 1); "
                "one finished hypothesis does not stop it, nor beam_width finished ones kept "
                "aside outside the beam (here they keep their slots in the beam)"
            )
    seen = [tuple(t) for t, _ in pairs]
    if len(set(seen)) < len(seen):
        return (
            f"duplicate hypotheses {seen}: start from ONE hypothesis [bos], not beam_width "
            "copies of it (their extensions are all the same); and a finished hypothesis "
            "enters each step's pool once, as itself"
        )
    scores = [s for _, s in pairs]
    shown = f"{[round(x, 4) for x in scores[:6]]}{' ...' if len(scores) > 6 else ''}"
    if any(a < b for a, b in itertools.pairwise(scores)):
        if len(scores) > 2 and all(a <= b for a, b in itertools.pairwise(scores)):
            return f"the hypotheses come worst first (scores {shown}): return the best first"
        done = [s for t, s in pairs if t[-1] == eos]
        going = [s for t, s in pairs if t[-1] != eos]
        if (
            done
            and going
            and [s for t, s in pairs] == done + going
            and all(a >= b for a, b in itertools.pairwise(done))
            and all(a >= b for a, b in itertools.pairwise(going))
        ):
            return (
                f"the finished hypotheses are listed before the unfinished ones (scores "
                f"{shown}): the result is one list sorted by score alone, best first"
            )
        return (
            f"the hypotheses are not sorted best first by their own scores {shown}: the beam "
            "was ranked with a different score than the one returned? Rank, prune and return "
            "by the same sum / n ** length_penalty, n = the hypothesis' own generated tokens "
            "(not the raw sum; not the step number for a hypothesis that finished earlier; "
            "not n off by one), best first (not worst first)"
        )
    return None


def score_problem(pairs, model, length_penalty):
    """A message naming a mistake in the score formula, or None."""
    for tokens, score in pairs:
        total, n = log_sum(model, tokens), len(tokens) - 1
        expected = total / n**length_penalty
        if math.isclose(score, expected, rel_tol=1e-9, abs_tol=1e-12):
            continue
        named = [
            (
                total / (n + 1) ** length_penalty,
                "n counted bos: n is the number of GENERATED tokens (eos included, bos not)",
            ),
            (
                total / max(n - 1, 1) ** length_penalty,
                "n left eos out: n counts every generated token, eos included",
            ),
            (total * n**length_penalty, "the sum was multiplied by n ** length_penalty: divide"),
            (total, "the length penalty is missing: score = sum / n ** length_penalty"),
            (math.exp(total), "the score is a probability: it is the SUM of log-probabilities"),
        ]
        for wrong, what in named:
            if math.isclose(score, wrong, rel_tol=1e-9, abs_tol=1e-12):
                return f"hypothesis {tokens} scored {score:.6f}, expected {expected:.6f}: {what}"
        return (
            f"hypothesis {tokens} scored {score:.6f}, expected sum of log-probs / n ** "
            f"length_penalty = {total:.6f} / {n} ** {length_penalty} = {expected:.6f}"
        )
    return None


def check(result, model, bos=BOS, eos=EOS, beam_width=3, max_len=20, length_penalty=0.0):
    pairs = as_pairs(result)
    problem = structure_problem(pairs, bos, eos, beam_width, max_len)
    problem = problem or score_problem(pairs, model, length_penalty)
    if problem:
        pytest.fail(problem)
    return pairs


def tokens_of(pairs):
    return [t for t, _ in pairs]


# --- the worked example and hand-made models ----------------------------------------------------


def test_worked_example_greedy():
    model = TableModel(WORKED)
    pairs = check(search(model, beam_width=1, max_len=2), model, beam_width=1, max_len=2)
    assert tokens_of(pairs) == [[9, 0, 2]], (
        f"greedy (beam_width = 1) takes a (0.5), then eos (0.4): expected [[9, 0, 2]], got "
        f"{tokens_of(pairs)}"
    )
    assert math.isclose(pairs[0][1], math.log(0.5 * 0.4), rel_tol=1e-12), "score log(0.2)"


def test_the_beam_keeps_the_best_of_all_extensions():
    # Step 1 keeps [9, 0] (0.5) and [9, 1] (0.4). Step 2: both extensions of [9, 0] (0.23,
    # 0.22) beat the best extension of [9, 1] ([9, 1, 2], 0.16): the beam is [9, 0, *] only.
    table = {(9,): (0.5, 0.4, 0.1), (9, 0): (0.46, 0.44, 0.1), (9, 1): (0.3, 0.3, 0.4)}
    model = TableModel(table)
    pairs = as_pairs(search(model, beam_width=2, max_len=2))
    if sorted(tokens_of(pairs)) == [[9, 0, 0], [9, 1, 2]]:
        pytest.fail(
            f"got {tokens_of(pairs)}: the best token of each hypothesis (beam_width separate "
            "greedy searches). Keep the beam_width best of ALL beam_width x vocab extensions: "
            "[9, 0, 0] (0.23) and [9, 0, 1] (0.22) both beat [9, 1, 2] (0.16)"
        )
    pairs = check(pairs, model, beam_width=2, max_len=2)
    assert tokens_of(pairs) == [[9, 0, 0], [9, 0, 1]], (
        f"by hand: [9, 0, 0] (0.5 * 0.46) then [9, 0, 1] (0.5 * 0.44); got {tokens_of(pairs)}"
    )


def test_bos_may_equal_eos():
    # GPT-2 style: one token both starts and ends a text. [bos] has no generated token, so it
    # is not finished; only a GENERATED eos finishes a hypothesis. The worked example, bos = 2.
    table = {(2,): (0.5, 0.4, 0.1), (2, 0): (0.3, 0.3, 0.4), (2, 1): (0.05, 0.05, 0.9)}
    model = TableModel(table)
    pairs = as_pairs(search(model, bos=2, eos=2, beam_width=2, max_len=2))
    if any(len(t) == 1 for t in tokens_of(pairs)):
        pytest.fail(
            f"got {tokens_of(pairs)} with bos = eos = 2: [bos] was taken as finished. A "
            "hypothesis is finished when its last GENERATED token is eos, and bos is not "
            "generated (keep a finished flag, or test len(tokens) > 1)"
        )
    pairs = check(pairs, model, bos=2, eos=2, beam_width=2, max_len=2)
    assert tokens_of(pairs) == [[2, 1, 2], [2, 0, 2]], (
        f"the worked example with bos = 2: [2, 1, 2] (0.36), [2, 0, 2] (0.2); got "
        f"{tokens_of(pairs)}"
    )


def test_worked_example_beam_of_two():
    model = TableModel(WORKED)
    pairs = check(search(model, beam_width=2, max_len=2), model, beam_width=2, max_len=2)
    if tokens_of(pairs) == [[9, 0, 2]] or tokens_of(pairs)[:1] == [[9, 0, 2]]:
        pytest.fail(
            f"got {tokens_of(pairs)}: the greedy answer. Keep the beam_width best of ALL the "
            "extensions of every hypothesis (a then eos: 0.2; b then eos: 0.36), not the best "
            "token of each"
        )
    assert tokens_of(pairs) == [[9, 1, 2], [9, 0, 2]], (
        f"by hand: [9, 1, 2] (0.4 * 0.9 = 0.36) then [9, 0, 2] (0.2); got {tokens_of(pairs)}"
    )
    np.testing.assert_allclose(
        [s for _, s in pairs], np.log([0.36, 0.2]), rtol=1e-12, err_msg="scores log 0.36, log 0.2"
    )


def test_finished_hypotheses_are_never_extended():
    # With max_len = 6 the search could go on, but both hypotheses finish at step 2.
    model = TableModel(WORKED)
    pairs = check(search(model, beam_width=2, max_len=6), model, beam_width=2, max_len=6)
    extended = [p for p in model.calls if finished(p)]
    assert not extended, (
        f"log_prob_fn was called on {extended}, which already end in eos: a finished "
        "hypothesis is never extended (it stays in the beam as it is)"
    )
    assert tokens_of(pairs) == [[9, 1, 2], [9, 0, 2]], (
        f"both hypotheses finish at step 2 and nothing can beat them: got {tokens_of(pairs)}"
    )


def test_finished_hypotheses_keep_competing():
    # eos right away (0.5) beats everything that goes on: it must stay in the beam while
    # the others are extended, and come out first.
    table = {
        (9,): (0.3, 0.2, 0.5),
        (9, 0): (0.6, 0.1, 0.3),
        (9, 1): (0.5, 0.4, 0.1),
        (9, 0, 0): (0.2, 0.2, 0.6),
    }
    model = TableModel(table, default=(0.4, 0.4, 0.2))
    pairs = check(search(model, beam_width=2, max_len=4), model, beam_width=2, max_len=4)
    got = tokens_of(pairs)
    if [9, 2] not in got:
        pytest.fail(
            f"got {got}: [9, 2] (probability 0.5, the best) is missing. A finished "
            "hypothesis stays in the beam and competes at every step"
        )
    # Step 1 keeps [9, 2] (0.5) and [9, 0] (0.3); step 2: [9, 0, 0] 0.18, [9, 0, 2] 0.09;
    # step 3: [9, 0, 0, 2] 0.108 > [9, 0, 0, 0] 0.036; the beam is then all finished.
    assert got == [[9, 2], [9, 0, 0, 2]], (
        f"by hand: [9, 2] (0.5) then [9, 0, 0, 2] (0.3 * 0.6 * 0.6 = 0.108), got {got}"
    )


def test_unfinished_hypotheses_compete_at_max_len():
    table = {(9,): (0.5, 0.4, 0.1), (9, 0): (0.32, 0.28, 0.4), (9, 1): (0.05, 0.05, 0.9)}
    model = TableModel(table)
    pairs = check(search(model, beam_width=3, max_len=2), model, beam_width=3, max_len=2)
    # Step 2's pool: [9,0,0] .16, [9,0,1] .14, [9,0,2] .2, [9,1,*] .02 .02 .36, and [9, 2] .1
    # finished at step 1. The three best: .36, .2 and the unfinished .16.
    assert tokens_of(pairs) == [[9, 1, 2], [9, 0, 2], [9, 0, 0]], (
        f"by hand: [9, 1, 2] (0.36), [9, 0, 2] (0.2), then [9, 0, 0] (0.16), unfinished but "
        f"returned: at max_len the unfinished hypotheses compete too. Got {tokens_of(pairs)}"
    )


LENGTH_TABLE = {(9,): (0.4, 0.1, 0.5), (9, 0): (0.9, 0.05, 0.05), (9, 0, 0): (0.05, 0.05, 0.9)}


@pytest.mark.parametrize(
    ("length_penalty", "best"), [(0.0, [9, 2]), (1.0, [9, 0, 0, 2])], ids=["lp0", "lp1"]
)
def test_length_penalty_changes_the_winner(length_penalty, best):
    # [9, 2]: log 0.5 = -0.69 over n = 1; [9, 0, 0, 2]: log(0.4 * 0.9 * 0.9) = -1.13 over n = 3.
    # The raw sum prefers the short one, the per-token mean (-0.38) the long one.
    model = TableModel(LENGTH_TABLE, default=(0.1, 0.1, 0.8))
    pairs = check(
        search(model, beam_width=2, max_len=3, length_penalty=length_penalty),
        model,
        beam_width=2,
        max_len=3,
        length_penalty=length_penalty,
    )
    assert pairs[0][0] == best, (
        f"with length_penalty = {length_penalty} the best hypothesis is {best} (by hand), got "
        f"{pairs[0][0]}: candidates are ranked (and pruned) by sum / n ** length_penalty"
    )


@pytest.mark.parametrize("length_penalty", [0.0, 0.5, 1.0, 2.0, -0.5])
def test_scores_follow_the_length_penalty(length_penalty):
    model = RandomModel(3, 4)
    check(
        search(model, eos=3, beam_width=4, max_len=5, length_penalty=length_penalty),
        model,
        eos=3,
        beam_width=4,
        max_len=5,
        length_penalty=length_penalty,
    )


@pytest.mark.parametrize("max_len", [1, 2, 5])
def test_max_len_counts_generated_tokens(max_len):
    # eos is banned (-inf): no hypothesis can finish, so all have exactly max_len tokens.
    model = RandomModel(4, 4, banned=(3,))
    pairs = check(
        search(model, eos=3, beam_width=3, max_len=max_len),
        model,
        eos=3,
        beam_width=3,
        max_len=max_len,
    )
    lengths = sorted({len(t) - 1 for t, _ in pairs})
    assert lengths == [max_len], (
        f"with eos impossible every hypothesis runs to max_len = {max_len} generated tokens, "
        f"got lengths {lengths} (max_len counts generated tokens, bos not included: off by "
        "one?)"
    )
    assert len(pairs) == min(3, 3**max_len), f"{len(pairs)} hypotheses, expected the full beam"


def test_the_search_starts_from_one_hypothesis():
    model = RandomModel(5, 5)
    pairs = check(
        search(model, eos=4, beam_width=4, max_len=3), model, eos=4, beam_width=4, max_len=3
    )
    assert len(pairs) == 4, f"a beam of 4 over 5 tokens returns 4 hypotheses, got {len(pairs)}"


# --- oracles: greedy, exhaustive, and the definition --------------------------------------------


def greedy(model, bos, eos, max_len, length_penalty):
    tokens, total = [bos], 0.0
    while len(tokens) - 1 < max_len and not finished(tokens, eos):
        log_p = model(tokens)
        v = int(np.argmax(log_p))
        tokens, total = [*tokens, v], total + float(log_p[v])
    return [(tokens, score_of(total, tokens, length_penalty))]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("length_penalty", [0.0, 1.0])
def test_beam_width_one_is_greedy(seed, length_penalty):
    model = RandomModel(10 + seed, 5)
    got = check(
        search(model, eos=4, beam_width=1, max_len=8, length_penalty=length_penalty),
        model,
        eos=4,
        beam_width=1,
        max_len=8,
        length_penalty=length_penalty,
    )
    expected = greedy(model, BOS, 4, 8, length_penalty)
    assert tokens_of(got) == tokens_of(expected), (
        f"beam_width = 1 is greedy decoding: expected {tokens_of(expected)}, got "
        f"{tokens_of(got)}. A finished hypothesis keeps its slot in the beam (it is not set "
        "aside while the search goes on), so a beam of one stops at its first eos"
    )


def every_hypothesis(model, bos, eos, max_len, vocab, length_penalty):
    """Every finished sequence of at most max_len tokens and every unfinished one of
    exactly max_len tokens (a beam that never prunes ends with all of them), best first."""
    out = []

    def grow(tokens, total):
        if finished(tokens, eos) or len(tokens) - 1 == max_len:
            out.append((tokens, score_of(total, tokens, length_penalty)))
            return
        log_p = model(tokens)
        for v in range(vocab):
            if np.isfinite(log_p[v]):
                grow([*tokens, v], total + float(log_p[v]))

    grow([bos], 0.0)
    return sorted(out, key=lambda h: -h[1])


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("length_penalty", [0.0, 0.5, 1.0])
def test_a_wide_beam_is_exhaustive_search(seed, length_penalty):
    # vocab 3 (eos = 2), max_len 4: 15 finished sequences and 16 unfinished ones. A beam of
    # 64 never prunes, so it must return all 31, ranked by score.
    model = RandomModel(20 + seed, 3, scale=1.0)
    expected = every_hypothesis(model, BOS, 2, 4, 3, length_penalty)
    assert len(expected) == 31
    got = check(
        search(model, eos=2, beam_width=64, max_len=4, length_penalty=length_penalty),
        model,
        eos=2,
        beam_width=64,
        max_len=4,
        length_penalty=length_penalty,
    )
    missing = [t for t, _ in expected if t not in tokens_of(got)]
    assert not missing, (
        f"a beam wider than the number of hypotheses must return all {len(expected)}; "
        f"missing {missing[:4]}{' ...' if len(missing) > 4 else ''}"
    )
    assert tokens_of(got) == tokens_of(expected), (
        "all hypotheses are there but not in the exhaustive ranking by score (best first)"
    )
    np.testing.assert_allclose(
        [s for _, s in got],
        [s for _, s in expected],
        rtol=1e-9,
        err_msg="scores of the exhaustive ranking",
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_a_narrow_beam_finds_the_exhaustive_best_on_an_easy_model(seed):
    # A peaked model (large logits): the best sequence's prefixes are all among the best few,
    # so a beam of 3 already finds the exhaustive optimum.
    model = RandomModel(30 + seed, 3, scale=4.0)
    best = every_hypothesis(model, BOS, 2, 5, 3, 0.0)[0]
    got = as_pairs(search(model, eos=2, beam_width=3, max_len=5))
    assert got[0][0] == best[0], f"the best sequence is {best[0]}, got {got[0][0]}"


def definition(model, bos, eos, vocab, beam_width, max_len, length_penalty, set_aside=None):
    """The statement's step, as a plain loop over a list sorted with Python's stable sort.

    ``set_aside`` gives two mistaken variants, to name them: finished hypotheses moved out
    of the beam into a separate list ("shrink": the beam loses their slots; "refill": the
    beam is topped up with the next unfinished candidates), merged back at the end."""
    beam, done = [([bos], 0.0)], []

    def rank(h):
        return -score_of(h[1], h[0], length_penalty)

    for _ in range(max_len):
        if not beam or (set_aside == "refill" and len(done) >= beam_width):
            break
        if all(finished(t, eos) for t, _ in beam):
            break
        pool = []
        for tokens, total in beam:
            if finished(tokens, eos):
                pool.append((tokens, total))
                continue
            log_p = model(tokens)
            for v in range(vocab):
                if np.isfinite(log_p[v]):
                    pool.append(([*tokens, v], total + float(log_p[v])))
        pool.sort(key=rank)
        if set_aside == "refill":
            done += [h for h in pool[:beam_width] if finished(h[0], eos)]
            beam = [h for h in pool if not finished(h[0], eos)][:beam_width]
        elif set_aside == "shrink":
            done += [h for h in pool[:beam_width] if finished(h[0], eos)]
            beam = [h for h in pool[:beam_width] if not finished(h[0], eos)]
        else:
            beam = pool[:beam_width]
    if set_aside:
        beam = sorted(done + beam, key=rank)[:beam_width]
    return [(t, score_of(s, t, length_penalty)) for t, s in beam]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("beam_width", [2, 3, 5])
@pytest.mark.parametrize("length_penalty", [0.0, 0.8])
def test_matches_the_definition_step_by_step(seed, beam_width, length_penalty):
    model = RandomModel(40 + seed, 4, scale=1.2)
    expected = definition(model, BOS, 3, 4, beam_width, 6, length_penalty)
    got = as_pairs(
        search(model, eos=3, beam_width=beam_width, max_len=6, length_penalty=length_penalty)
    )
    for mode in ("shrink", "refill"):
        wrong = definition(model, BOS, 3, 4, beam_width, 6, length_penalty, set_aside=mode)
        if tokens_of(got) == tokens_of(wrong) != tokens_of(expected):
            pytest.fail(
                f"beam_width = {beam_width}: got {tokens_of(got)}, expected "
                f"{tokens_of(expected)}: the finished hypotheses were set aside outside the "
                "beam ("
                + (
                    "the beam refilled with unfinished ones"
                    if mode == "refill"
                    else "the beam shrinking"
                )
                + "). Here a finished hypothesis keeps its slot in the "
                "beam and competes at every step, so the beam holds at most beam_width "
                "hypotheses in all, finished or not"
            )
    got = check(got, model, eos=3, beam_width=beam_width, max_len=6, length_penalty=length_penalty)
    assert tokens_of(got) == tokens_of(expected), (
        f"beam_width = {beam_width}, length_penalty = {length_penalty}: expected "
        f"{tokens_of(expected)}, got {tokens_of(got)}. Each step's pool is the finished "
        "hypotheses plus every extension of the unfinished ones, cut to the beam_width best "
        "by score"
    )


# --- banned tokens, ties, the model's input -----------------------------------------------------


def test_banned_tokens_never_appear():
    model = RandomModel(50, 5, banned=(1,))
    pairs = check(
        search(model, eos=4, beam_width=6, max_len=4), model, eos=4, beam_width=6, max_len=4
    )
    used = {t for tokens, _ in pairs for t in tokens[1:]}
    assert 1 not in used, "token 1 has log-probability -inf: it must never be generated"
    assert all(np.isfinite(s) for _, s in pairs), "no hypothesis may have a -inf score"
    # Only tokens 3 and 4 are allowed: a beam of 6 has just two candidates to keep.
    narrow = RandomModel(51, 5, banned=(0, 1, 2))
    pairs = as_pairs(search(narrow, eos=4, beam_width=6, max_len=1))
    assert sorted(tokens_of(pairs)) == [[9, 3], [9, 4]], (
        f"with tokens 0, 1, 2 banned (-inf) only [9, 3] and [9, 4] exist: a beam does not fill "
        f"up with impossible extensions. Got {tokens_of(pairs)}"
    )


def test_ties_keep_the_pool_order():
    # [9, 0, 0] and [9, 0, 1] tie exactly (0.5 * 0.3 each), as do [9, 1, 0] and [9, 1, 1]:
    # the pool order (beam rank, then token id) puts [9, 0, 0] first.
    table = {(9,): (0.5, 0.4, 0.1), (9, 0): (0.3, 0.3, 0.4), (9, 1): (0.05, 0.05, 0.9)}
    model = TableModel(table)
    pairs = as_pairs(search(model, beam_width=3, max_len=2))
    assert tokens_of(pairs) == [[9, 1, 2], [9, 0, 2], [9, 0, 0]], (
        f"[9, 0, 0] and [9, 0, 1] tie for third place: ties keep the pool order (token 0 before "
        f"1; a stable sort on -score, not argsort(score)[::-1]). Got {tokens_of(pairs)}"
    )
    flat = TableModel({}, default=(0.25, 0.25, 0.5))
    pairs = as_pairs(search(flat, beam_width=2, max_len=1))
    assert tokens_of(pairs) == [[9, 2], [9, 0]], (
        f"after [9, 2] (0.5), [9, 0] and [9, 1] tie: the smaller token id first. Got "
        f"{tokens_of(pairs)}"
    )
    # A finished hypothesis ties with an extension. With eos = 0, step 1 keeps the finished
    # [9, 0] then [9, 1] (0.5 each, token order; token 2 is banned). Step 2's pool is [9, 0]
    # (rank 0), then [9, 1]'s extensions (rank 1): [9, 1, 1] has 0.5 * 1.0, exactly 0.5.
    mixed = TableModel({(9,): (0.5, 0.5, 0.0), (9, 1): (0.0, 1.0, 0.0)})
    pairs = as_pairs(search(mixed, eos=0, beam_width=2, max_len=2))
    assert tokens_of(pairs) == [[9, 0], [9, 1, 1]], (
        f"the finished [9, 0] and [9, 1, 1] tie (0.5 each): the pool lists the beam in rank "
        f"order, [9, 0] (rank 0) before [9, 1]'s extensions (rank 1), and ties keep that "
        f"order; finished hypotheses do not go after the extensions. Got {tokens_of(pairs)}"
    )


def test_the_model_sees_lists_of_ints_starting_with_bos():
    model = RandomModel(60, 4)
    search(model, eos=3, beam_width=2, max_len=3)
    assert model.calls, "log_prob_fn was never called"
    for prefix, kind in zip(model.calls, model.kinds, strict=True):
        assert kind is None, (
            f"log_prob_fn got the prefix {prefix} as {kind}: it is called with a Python list "
            "of ints (bos, then the tokens so far), e.g. [*tokens, token]"
        )
        assert prefix[0] == BOS, f"log_prob_fn got the prefix {prefix}, which lacks bos first"
        assert len(prefix) <= 3, f"log_prob_fn got {prefix}: longer than bos + max_len - 1"


def test_the_model_may_return_a_list():
    def model(prefix):
        return [math.log(0.7), math.log(0.2), math.log(0.1)]

    pairs = as_pairs(search(model, beam_width=1, max_len=2))
    assert tokens_of(pairs) == [[9, 0, 0]], f"greedy takes token 0 twice, got {tokens_of(pairs)}"


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"beam_width": 0}, "beam_width"),
        ({"beam_width": 2.5}, "beam_width"),
        ({"max_len": 0}, "max_len"),
        ({"length_penalty": float("nan")}, "length_penalty"),
        ({"eos": 3}, "eos"),
        ({"eos": -1}, "eos"),
    ],
    ids=["width0", "width-float", "max_len0", "penalty-nan", "eos-outside", "eos-negative"],
)
def test_bad_arguments_are_value_errors(kwargs, name):
    model = TableModel(WORKED)
    search(model, beam_width=2, max_len=2)  # the learner's code runs first
    args = {"eos": EOS, "beam_width": 2, "max_len": 2, "length_penalty": 0.0, **kwargs}
    with pytest.raises(ValueError, match=name):
        mod.beam_search(model, BOS, args.pop("eos"), **args)


@pytest.mark.parametrize(
    "output", [[[0.1, 0.2]], [np.nan, 0.0, 0.0], [np.inf, 0.0, 0.0]], ids=["2-D", "NaN", "+inf"]
)
def test_a_bad_model_output_is_a_value_error(output):
    search(TableModel(WORKED), beam_width=2, max_len=2)
    with pytest.raises(ValueError, match="log_prob_fn"):
        search(lambda prefix: np.asarray(output, dtype=float), beam_width=2, max_len=2)


# --- complexity, without a clock: Python lines counted ------------------------------------------


def test_no_python_loop_over_the_vocabulary():
    # vocab 1000, beam 4, 10 steps: 4 x 1000 candidates a step. Scoring and choosing them as
    # arrays, with a Python loop over the (at most 4) hypotheses of the beam, runs a few dozen
    # lines per hypothesis and step (the reference: 892 in all; a plainer answer with one
    # stable argsort of the whole pool per step: 1014). A loop over the vocabulary runs at
    # least one line per token and hypothesis, 4000 per step: a list of floats per hypothesis
    # ([total + x for x in log_p]) ran 37 000 lines, a list of candidate tuples sorted every
    # step 148 524.
    vocab = 1000
    base = np.random.default_rng(70).normal(size=(64, vocab))
    base -= np.log(np.sum(np.exp(base), axis=1, keepdims=True))
    base[:, vocab - 1] = -30.0  # eos is never chosen: the search runs all 10 steps

    def model(prefix):
        return base[(len(prefix) * 7 + int(prefix[-1])) % 64]

    budget = 100 * 4 * 10
    lines = python_lines(
        mod.beam_search, model, 0, vocab - 1, beam_width=4, max_len=10, budget=budget
    )
    assert lines <= budget, (
        f"beam_search with a vocabulary of 1000, beam_width 4 and max_len 10 ran more than "
        f"{budget} lines of Python (100 per hypothesis and step): is there a Python loop over "
        "the vocabulary? Loop over the hypotheses of the beam only: add each one's sum to the "
        "whole log-probability array (total + log_p), concatenate the blocks, and pick the "
        "beam_width best with one stable sort on -score (or np.argpartition)"
    )
