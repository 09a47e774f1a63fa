"""Tests for sequence/sampling: apply_temperature, top_k_filter, top_p_filter and sample."""

import math

import numpy as np
import pytest

from kata.testing import SEEDS, fp_diagnosis, inputs_unchanged, load_kata, python_lines

mod = load_kata("sequence/sampling")

NEG = -np.inf


# --- the test's own oracles: sorted lists and plain Python ------------------------------------


def softmax(z):
    z = np.asarray(z, dtype=float)
    finite = z[np.isfinite(z)]
    e = np.array([math.exp(v - finite.max()) if np.isfinite(v) else 0.0 for v in z])
    return e / e.sum()


def oracle_top_k(z, k, extra=0):
    """Keep every z_j >= the k-th largest value (ties kept); ``extra`` shifts k (mistakes)."""
    z = np.asarray(z, dtype=float)
    k = k + extra
    if k >= z.size:
        return z.copy()
    kth = sorted(z, reverse=True)[k - 1]
    return np.array([v if v >= kth else NEG for v in z])


def oracle_top_p(z, p, rule="before"):
    """Walk the tokens by decreasing probability (ties by index).

    rule="before": keep a token while the mass before it is < p (the convention);
    rule="strict": keep while the mass including it is <= p (drops the crossing token);
    rule="plus_one": keep one token more than the convention.
    """
    z = np.asarray(z, dtype=float)
    q = softmax(z)
    order = sorted(range(z.size), key=lambda j: (-q[j], j))
    if rule == "ascending":
        order, rule = order[::-1], "before"
    keep, mass = set(), 0.0
    for rank, j in enumerate(order):
        if rule == "before" and mass < p:
            keep.add(j)
        elif rule == "strict" and mass + q[j] <= p:
            keep.add(j)
        elif rule == "plus_one" and (mass < p or (rank > 0 and mass - q[order[rank - 1]] < p)):
            keep.add(j)
        mass += q[j]
    return np.array([z[j] if j in keep else NEG for j in range(z.size)])


def oracle_distribution(z, temperature=1.0, top_k=None, top_p=None):
    z = np.asarray(z, dtype=float) / temperature
    if top_k is not None:
        z = oracle_top_k(z, top_k)
    if top_p is not None:
        z = oracle_top_p(z, top_p)
    return softmax(z)


def same_filtered(got, expected):
    got = np.asarray(got, dtype=float)
    return (
        got.shape == expected.shape
        and np.array_equal(np.isinf(got), np.isinf(expected))
        and (np.allclose(got[np.isfinite(got)], expected[np.isfinite(expected)], rtol=1e-12))
    )


def describe(z):
    return "[" + ", ".join("-inf" if v == NEG else f"{v:g}" for v in z) + "]"


# --- apply_temperature ---------------------------------------------------------------------------


def test_temperature_divides_the_logits():
    got = np.asarray(mod.apply_temperature([1.0, 2.0, 4.0], 2.0))
    if got.shape == (3,) and np.allclose(got, [2.0, 4.0, 8.0]):
        pytest.fail(
            "apply_temperature multiplied the logits by t: it DIVIDES them (z / t), so t = 2 "
            "flattens the distribution and t = 0.5 sharpens it"
        )
    if got.shape == (3,) and np.allclose(got.sum(), 1.0):
        pytest.fail("apply_temperature returned probabilities: it returns the scaled LOGITS z / t")
    np.testing.assert_allclose(got, [0.5, 1.0, 2.0], rtol=1e-15, err_msg="[1, 2, 4] / 2")
    assert got.dtype == np.float64, f"apply_temperature returned dtype {got.dtype}"


def test_low_temperature_sharpens_and_high_temperature_flattens():
    z = np.array([0.5, 2.0, -1.0, 1.0])
    p1 = softmax(np.asarray(mod.apply_temperature(z, 1.0)))
    sharp = softmax(np.asarray(mod.apply_temperature(z, 0.5)))
    flat = softmax(np.asarray(mod.apply_temperature(z, 3.0)))
    assert sharp.max() > p1.max() > flat.max(), (
        "t = 0.5 must sharpen (a larger top probability) and t = 3 flatten (a smaller one): "
        "divide the logits by t"
    )
    np.testing.assert_allclose(
        mod.apply_temperature(z, 1.0), z, rtol=0, err_msg="t = 1 leaves the logits unchanged"
    )


def test_temperature_keeps_minus_inf():
    got = np.asarray(mod.apply_temperature([1.0, NEG, 3.0], 0.5))
    assert got[1] == NEG, f"a -inf logit must stay -inf after the temperature, got {got[1]}"
    np.testing.assert_allclose(got[[0, 2]], [2.0, 6.0], err_msg="[1, -inf, 3] / 0.5")


# --- top_k_filter --------------------------------------------------------------------------------


def test_top_k_keeps_the_k_largest():
    z = [1.0, 5.0, 3.0, 4.0, 2.0]
    got = np.asarray(mod.top_k_filter(z, 2))
    named = [
        (
            oracle_top_k(z, 2, extra=1),
            "top_k_filter(k=2) kept 3 tokens: an off-by-one keeps k + 1",
        ),
        (
            oracle_top_k(z, 2, extra=-1),
            "top_k_filter(k=2) kept 1 token: an off-by-one keeps k - 1",
        ),
        (
            np.array([1.0, NEG, NEG, NEG, 2.0]),
            "top_k_filter kept the k SMALLEST logits: keep the largest",
        ),
    ]
    for wrong, what in named:
        if same_filtered(got, wrong):
            pytest.fail(f"{what} ({describe(got)})")
    if got.shape == (5,) and np.all(np.isfinite(got)):
        pytest.fail(f"top_k_filter removed nothing ({describe(got)}): the others become -inf")
    assert same_filtered(got, np.array([NEG, 5.0, NEG, 4.0, NEG])), (
        f"top_k_filter([1, 5, 3, 4, 2], 2) = {describe(got)}, expected [-inf, 5, -inf, 4, -inf] "
        "(kept logits unchanged, the others -inf)"
    )


def test_top_k_keeps_every_tie_at_the_kth_value():
    got = np.asarray(mod.top_k_filter([3.0, 1.0, 3.0, 2.0], 1))
    if np.sum(np.isfinite(got)) == 1:
        pytest.fail(
            f"top_k_filter([3, 1, 3, 2], 1) = {describe(got)}: both logits tied at the k-th "
            "largest value (3) are kept. Keep every z >= the k-th value (np.partition), not "
            "the first k indices of a sort"
        )
    assert same_filtered(got, np.array([3.0, NEG, 3.0, NEG])), (
        f"top_k_filter([3, 1, 3, 2], 1) = {describe(got)}, expected [3, -inf, 3, -inf]"
    )


@pytest.mark.parametrize("k", [4, 10])
def test_top_k_at_least_the_vocabulary_keeps_everything(k):
    z = np.array([0.5, -2.0, 3.0, 1.0])
    got = np.asarray(mod.top_k_filter(z, k))
    assert same_filtered(got, z), f"top_k_filter with k = {k} >= V = 4 must keep every token"


def test_top_k_with_minus_inf_entries():
    z = np.array([NEG, 2.0, NEG, 1.0, 0.0])
    for k, expected in [(1, [NEG, 2.0, NEG, NEG, NEG]), (3, z), (4, z)]:
        got = np.asarray(mod.top_k_filter(z, k))
        assert same_filtered(got, np.array(expected)), (
            f"top_k_filter({describe(z)}, {k}) = {describe(got)}, expected {describe(expected)}"
        )


@pytest.mark.parametrize("seed", SEEDS)
def test_top_k_matches_a_sorted_list(seed):
    rng = np.random.default_rng(seed)
    z = np.round(rng.normal(size=30), 1)  # rounding makes ties likely
    for k in (1, 3, 7, 29, 30):
        got = np.asarray(mod.top_k_filter(z, k))
        wrong = oracle_top_k(z, k, extra=1)
        if not same_filtered(got, oracle_top_k(z, k)) and same_filtered(got, wrong):
            pytest.fail(f"top_k_filter(k={k}) kept the top k + 1: an off-by-one")
        assert same_filtered(got, oracle_top_k(z, k)), (
            f"top_k_filter(k={k}) on 30 rounded logits differs from keeping every logit >= "
            "the k-th largest (ties kept)"
        )


# --- top_p_filter --------------------------------------------------------------------------------


def check_top_p(z, p, what=""):
    # The oracle must see z as it was: an in-place edit is named here, not misread.
    with inputs_unchanged(f"{what}top_p_filter", logits=z):
        got = np.asarray(mod.top_p_filter(z, p))
    expected = oracle_top_p(z, p)
    if same_filtered(got, expected):
        return got
    if got.shape == expected.shape and np.all(np.isneginf(got)):
        pytest.fail(
            f"{what}top_p_filter(p={p}) kept NO token: the nucleus is the smallest prefix "
            "whose mass reaches p, so the most likely token is always kept (keep a token "
            "while the mass BEFORE it is < p)"
        )
    named = [
        (
            oracle_top_p(z, p, "strict"),
            "top_p_filter dropped the token whose mass crosses p: keep a token while the mass "
            "BEFORE it is < p, so the kept mass reaches p",
        ),
        (
            oracle_top_p(z, p, "ascending"),
            "top_p_filter walked the tokens from the LEAST likely (ascending sort): sort by "
            "decreasing probability",
        ),
        (
            oracle_top_p(z, p, "plus_one"),
            "top_p_filter kept one token too many: stop once the kept mass reaches p",
        ),
    ]
    # Two mistakes can give the same set on a small input: name every one that fits.
    fits = [name for wrong, name in named if same_filtered(got, wrong)]
    if fits:
        pytest.fail(
            f"{what}{'; or '.join(fits)} (got {describe(got)}, expected {describe(expected)})"
        )
    pytest.fail(
        f"{what}top_p_filter({describe(z)}, p={p}) = {describe(got)}, expected "
        f"{describe(expected)} (sort by decreasing probability, keep the smallest prefix "
        "whose mass reaches p)"
    )


def test_top_p_keeps_the_token_that_crosses_p():
    # q = [0.5, 0.2, 0.3]: sorted 0.5, 0.3, 0.2; p = 0.6 is crossed by the second token.
    z = np.log([0.5, 0.2, 0.3])
    got = check_top_p(z, 0.6)
    np.testing.assert_allclose(
        got[[0, 2]], z[[0, 2]], rtol=1e-15, err_msg="kept logits are returned unchanged"
    )


def test_top_p_always_keeps_the_most_likely_token():
    z = np.log([0.1, 0.7, 0.2])
    check_top_p(z, 0.5, what="the top token alone (0.7) exceeds p = 0.5: ")
    check_top_p(z, 1e-6, what="p = 1e-6: ")


def test_top_p_one_keeps_everything():
    z = np.array([2.0, -30.0, 0.0, 1.0])
    got = np.asarray(mod.top_p_filter(z, 1.0))
    assert same_filtered(got, z), f"top_p_filter(p=1) must keep every token, got {describe(got)}"


def test_top_p_one_keeps_a_token_whose_probability_underflows():
    # exp(-800) is 0 in float64: the mass before that token is already 1.0, so the rule
    # "mass before < p" alone drops it at p = 1. The convention: p = 1 keeps every token.
    z = np.array([0.0, -800.0, 1.0])
    got = np.asarray(mod.top_p_filter(z, 1.0))
    assert same_filtered(got, z), (
        f"top_p_filter({describe(z)}, p=1) = {describe(got)}: p = 1 keeps every token, also "
        "one whose probability underflows to 0 (its mass before is 1.0 in floating point, "
        "not < 1). Return the logits unchanged when p = 1"
    )


def test_top_p_breaks_ties_by_token_index():
    # 30 logits with three values in a scrambled order: the cut falls inside the group of
    # the most likely tokens, so WHICH of the tied tokens survive is the tie rule. A default
    # (unstable) argsort scrambles equal entries of arrays longer than 16.
    z = np.random.default_rng(21).integers(0, 3, size=30).astype(float)
    q = softmax(z)
    top = np.flatnonzero(z == z.max())
    p = (len(top) // 2 + 0.5) * q[top[0]]  # keeps the first len(top) // 2 + 1 of them
    got = np.asarray(mod.top_p_filter(z, p))
    expected = oracle_top_p(z, p)
    kept, kept_expected = np.flatnonzero(np.isfinite(got)), np.flatnonzero(np.isfinite(expected))
    if len(kept) == len(kept_expected) and not np.array_equal(kept, kept_expected):
        pytest.fail(
            f"top_p_filter kept the tied tokens {kept.tolist()} instead of "
            f"{kept_expected.tolist()}: equal probabilities are ordered by token index, lowest "
            "first (a stable sort: np.argsort(-probs, kind='stable'))"
        )
    check_top_p(z, p, what="30 logits with ties: ")


def test_top_p_stops_when_the_mass_before_a_token_reaches_p():
    # Four equal logits: probabilities exactly 1/4, mass before each 0, 1/4, 1/2, 3/4. With
    # p = 1/2 the first two tokens already reach p, so the third is NOT kept (mass before it
    # is 1/2, not < 1/2); equal probabilities go by index (a stable sort).
    got = np.asarray(mod.top_p_filter([0.0, 0.0, 0.0, 0.0], 0.5))
    if same_filtered(got, np.array([0.0, 0.0, 0.0, NEG])):
        pytest.fail(
            "top_p_filter([0, 0, 0, 0], 0.5) kept 3 tokens: two already reach p = 0.5. Keep a "
            "token while the mass before it is STRICTLY below p"
        )
    assert same_filtered(got, np.array([0.0, 0.0, NEG, NEG])), (
        f"top_p_filter([0, 0, 0, 0], 0.5) = {describe(got)}, expected [0, 0, -inf, -inf] "
        "(the smallest prefix reaching p; ties by index)"
    )
    got = np.asarray(mod.top_p_filter([0.0, 0.0], 0.5))
    assert same_filtered(got, np.array([0.0, NEG])), (
        f"top_p_filter([0, 0], 0.5) = {describe(got)}, expected [0, -inf]: token 0 alone "
        "reaches 0.5, and equal probabilities are ordered by index"
    )


def test_top_p_sorts_by_probability_not_by_index():
    # Unsorted logits: the nucleus is about the most likely tokens wherever they sit.
    z = np.log([0.05, 0.1, 0.4, 0.05, 0.25, 0.15])
    got = np.asarray(mod.top_p_filter(z, 0.7))
    if same_filtered(got, np.array([z[0], z[1], z[2], z[3], NEG, NEG])):
        pytest.fail(
            "top_p_filter accumulated the mass in index order: sort the tokens by decreasing "
            "probability first"
        )
    check_top_p(z, 0.7)


def test_top_p_measures_probabilities_not_logits():
    z = np.array([3.0, 2.5, 1.0, 0.0, -1.0])
    check_top_p(z, 0.8, what="logits not normalized: ")
    check_top_p(z + 100.0, 0.8, what="the same logits shifted by 100 (same probabilities): ")


def test_top_p_with_minus_inf_entries():
    z = np.array([NEG, 1.0, NEG, 0.5, 0.0])
    check_top_p(z, 0.5, what="with -inf entries: ")
    check_top_p(z, 0.9, what="with -inf entries: ")


@pytest.mark.parametrize("seed", SEEDS)
def test_top_p_matches_a_sorted_walk(seed):
    rng = np.random.default_rng(10 + seed)
    z = rng.normal(size=40) * 2.0
    for p in (0.05, 0.3, 0.55, 0.9, 0.99):
        check_top_p(z, p, what=f"40 random logits, p = {p}: ")


def test_top_p_is_stable_for_logits_of_magnitude_1e3():
    z = np.array([1000.0, 999.0, -1000.0, 998.0])
    with fp_diagnosis(
        "top_p_filter overflowed on logits of magnitude 1e3: subtract the max before exp"
    ):
        check_top_p(z, 0.8, what="logits of magnitude 1e3: ")


# --- sample: exact cases ----------------------------------------------------------------------


def test_sample_returns_one_int_or_an_array_of_ints():
    token = mod.sample([0.0, 1.0, 2.0], random_state=0)
    assert isinstance(token, int | np.integer), (
        f"sample(size=None) must return one int, got {type(token).__name__}"
    )
    assert 0 <= int(token) < 3, f"sample returned token {token} outside 0..V-1"
    tokens = np.asarray(mod.sample([0.0, 1.0, 2.0], random_state=0, size=50))
    assert tokens.shape == (50,), f"sample(size=50) returned shape {tokens.shape}, expected (50,)"
    assert np.issubdtype(tokens.dtype, np.integer), f"tokens have dtype {tokens.dtype}"
    assert tokens.min() >= 0 and tokens.max() < 3, "sample returned tokens outside 0..V-1"


def test_sample_never_draws_a_minus_inf_token():
    tokens = np.asarray(mod.sample([NEG, 0.0, NEG, 0.0, NEG], random_state=1, size=2000))
    bad = sorted(set(tokens.tolist()) - {1, 3})
    assert not bad, f"sample drew tokens {bad}, whose logits are -inf (probability 0)"


def test_top_k_one_is_greedy():
    z = np.array([0.2, 1.5, 1.4, -3.0])
    tokens = np.asarray(mod.sample(z, top_k=1, random_state=2, size=500))
    assert np.all(tokens == 1), (
        f"sample(top_k=1) drew {sorted(set(tokens.tolist()))}: with one token left it is the "
        "argmax"
    )


def test_tiny_top_p_is_greedy():
    z = np.array([0.2, 1.4, 1.5, -3.0])
    tokens = np.asarray(mod.sample(z, top_p=1e-9, random_state=3, size=500))
    assert np.all(tokens == 2), (
        f"sample(top_p=1e-9) drew {sorted(set(tokens.tolist()))}: the nucleus always holds "
        "the most likely token, and only it when p is tiny"
    )


def test_the_same_seed_gives_the_same_tokens():
    z = np.linspace(-1, 1, 7)
    a = np.asarray(mod.sample(z, random_state=5, size=100))
    b = np.asarray(mod.sample(z, random_state=5, size=100))
    np.testing.assert_array_equal(
        a, b, err_msg="random_state=5 twice gave different tokens: draw from the stub's rng"
    )
    c = np.asarray(mod.sample(z, random_state=6, size=100))
    assert not np.array_equal(a, c), "random_state 5 and 6 gave the same 100 tokens"


def test_a_generator_is_used_and_advanced():
    z = np.linspace(-1, 1, 7)
    gen = np.random.default_rng(7)
    a = np.asarray(mod.sample(z, random_state=gen, size=100))
    b = np.asarray(mod.sample(z, random_state=gen, size=100))
    assert not np.array_equal(a, b), (
        "two calls with the same Generator gave the same tokens: use it as given (it advances)"
    )


def test_sample_is_stable_for_logits_of_magnitude_1e3():
    z = np.array([1000.0, -1000.0, 999.0])
    with fp_diagnosis("sample overflowed on logits of magnitude 1e3: subtract the max before exp"):
        tokens = np.asarray(mod.sample(z, random_state=8, size=1000))
    assert set(tokens.tolist()) <= {0, 2}, "a token of probability ~e^-2000 was drawn"


# --- sample: frequencies against the filtered softmax (seeded chi-square) ------------------------

N_DRAWS = 40_000
LOGITS = np.array([2.0, 1.2, 0.9, 0.5, 0.0, -0.4, -1.0, -2.0])

# (name, kwargs) and, for each, the classic wrong distributions with their names.
CASES = [
    ("plain", {}),
    ("t=0.5", {"temperature": 0.5}),
    ("t=2", {"temperature": 2.0}),
    ("top_k=3", {"top_k": 3}),
    ("top_p=0.6", {"top_p": 0.6}),
    # Under t = 2 the nucleus of 0.7 holds 4 tokens, under t = 1 only 3: the order matters.
    ("t=2, top_p=0.7", {"temperature": 2.0, "top_p": 0.7}),
    # top-p on the top-5 distribution keeps 4 tokens, on the full one 5: the order matters.
    ("t=2, top_k=5, top_p=0.8", {"temperature": 2.0, "top_k": 5, "top_p": 0.8}),
]


def wrong_distributions(kwargs):
    t = kwargs.get("temperature", 1.0)
    k, p = kwargs.get("top_k"), kwargs.get("top_p")
    out = []
    if t != 1.0:
        out.append(
            (
                oracle_distribution(LOGITS, 1.0, k, p),
                f"the temperature is ignored: divide the logits by t = {t} first",
            )
        )
        out.append(
            (
                oracle_distribution(LOGITS * t, 1.0, k, p),
                f"the temperature multiplies the logits: with t = {t} they are divided by t",
            )
        )
    if k is not None:
        z = oracle_top_k(LOGITS / t, k, extra=1)
        out.append(
            (
                softmax(z if p is None else oracle_top_p(z, p)),
                f"top_k = {k} kept k + 1 tokens (an off-by-one)",
            )
        )
    if p is not None:
        z = LOGITS / t if k is None else oracle_top_k(LOGITS / t, k)
        out.append(
            (
                softmax(oracle_top_p(z, p, "strict")),
                f"top_p = {p} dropped the token whose mass crosses p (keep a token while the "
                "mass BEFORE it is < p)",
            )
        )
        out.append(
            (
                softmax(oracle_top_p(z, p, "plus_one")),
                f"top_p = {p} kept one token too many",
            )
        )
        if t != 1.0:
            z = oracle_top_p(LOGITS, p)
            z = z if k is None else oracle_top_k(z, k)
            out.append(
                (
                    softmax(z / t),
                    "top-p was applied before the temperature: sample divides by t first, "
                    "then filters",
                )
            )
        if k is not None:
            z = oracle_top_k(oracle_top_p(LOGITS / t, p), k)
            out.append(
                (
                    softmax(z),
                    "top-p was applied before top-k: the nucleus is measured on the top-k "
                    "distribution (temperature, then top-k, then top-p)",
                )
            )
    return out


def chi2_limit(dof):
    """The 1 - 1e-6 quantile of a chi-square with ``dof`` degrees of freedom.

    Wilson-Hilferty: (X / dof)^(1/3) is close to normal with mean 1 - 2 / (9 dof) and variance
    2 / (9 dof); z = 4.7534 is the standard normal's 1 - 1e-6 quantile. (Slightly lenient for
    dof = 1: 27.5 against the exact 23.9.)
    """
    dof = max(dof, 1)
    c = 2.0 / (9.0 * dof)
    return dof * (1.0 - c + 4.7534 * math.sqrt(c)) ** 3


def chi_square(counts, probs):
    """Pearson's statistic over the tokens of positive probability, its degrees of freedom,
    and the tokens drawn although their probability is 0."""
    support = probs > 0
    expected = probs[support] * counts.sum()
    stat = float(np.sum((counts[support] - expected) ** 2 / expected))
    impossible = np.flatnonzero(~support & (counts > 0)).tolist()
    return stat, int(support.sum()) - 1, impossible


@pytest.mark.parametrize("name, kwargs", CASES, ids=[c[0] for c in CASES])
def test_sample_frequencies_match_the_filtered_softmax(name, kwargs):
    tokens = np.asarray(mod.sample(LOGITS, random_state=1234, size=N_DRAWS, **kwargs))
    assert tokens.shape == (N_DRAWS,), f"sample(size={N_DRAWS}) returned shape {tokens.shape}"
    counts = np.bincount(tokens, minlength=LOGITS.size).astype(float)
    probs = oracle_distribution(LOGITS, **kwargs)
    stat, dof, impossible = chi_square(counts, probs)
    # A seeded test: the threshold is the 1 - 1e-6 quantile, so a correct sampler fails it
    # once in a million seeds, while each named mistake moves the statistic into thousands.
    limit = chi2_limit(dof)
    if impossible or stat > limit:
        fits = []
        for wrong, what in wrong_distributions(kwargs):
            w_stat, w_dof, w_impossible = chi_square(counts, wrong)
            if not w_impossible and w_stat < chi2_limit(w_dof):
                fits.append(what)
        if fits:
            pytest.fail(f"{name}: the frequencies fit a wrong distribution: " + "; or ".join(fits))
    assert not impossible, (
        f"{name}: sample drew tokens {impossible}, which the filters remove (probability 0 "
        "under temperature, then top-k, then top-p)"
    )
    assert stat <= limit, (
        f"{name}: the token frequencies over {N_DRAWS} draws do not match softmax of the "
        f"filtered logits (chi-square {stat:.1f} on {dof} degrees of freedom, limit "
        f"{limit:.1f}); frequencies {np.round(counts / N_DRAWS, 4).tolist()}, expected "
        f"{np.round(probs, 4).tolist()}"
    )


# --- inputs and bad input ------------------------------------------------------------------------


def test_inputs_are_not_modified():
    z = np.array([1.0, NEG, 3.0, 0.5, 2.0])
    with inputs_unchanged("the sampling functions", logits=z):
        mod.apply_temperature(z, 0.5)
        mod.top_k_filter(z, 2)
        mod.top_p_filter(z, 0.5)
        mod.sample(z, temperature=0.7, top_k=3, top_p=0.9, random_state=0, size=10)


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: mod.apply_temperature([1.0, 2.0], 0.0), "t"),
        (lambda: mod.apply_temperature([1.0, 2.0], -1.0), "t"),
        (lambda: mod.top_k_filter([1.0, 2.0], 0), "k"),
        (lambda: mod.top_k_filter([1.0, 2.0], 1.5), "k"),
        (lambda: mod.top_p_filter([1.0, 2.0], 0.0), "p"),
        (lambda: mod.top_p_filter([1.0, 2.0], 1.5), "p"),
        (lambda: mod.sample([1.0, 2.0], temperature=0.0), "temperature"),
        (lambda: mod.sample([1.0, 2.0], top_k=0), "top_k"),
        (lambda: mod.sample([1.0, 2.0], top_p=2.0), "top_p"),
        (lambda: mod.top_k_filter([[1.0, 2.0]], 1), "1-D"),
        (lambda: mod.top_p_filter([1.0, np.nan], 0.5), "NaN"),
        (lambda: mod.sample([NEG, NEG]), "all -inf"),
    ],
    ids=[
        "t=0", "t<0", "k=0", "k float", "p=0", "p>1", "temperature=0", "top_k=0", "top_p=2",
        "2-D logits", "NaN logit", "all -inf",
    ],
)  # fmt: skip
def test_bad_input_is_a_value_error(call, match):
    mod.top_p_filter([1.0, 2.0], 0.5)  # the learner's code runs first
    with pytest.raises(ValueError, match=match):
        call()


# --- complexity, without a clock: Python lines counted -------------------------------------------

VOCAB_CALLS = {
    "apply_temperature": (
        lambda z: mod.apply_temperature(z, 0.8),
        "Divide the whole array at once: logits / t",
    ),
    "top_k_filter": (
        lambda z: mod.top_k_filter(z, 1500),
        "Find the k-th largest value with np.partition and keep the logits >= it with "
        "np.where, as whole arrays",
    ),
    "top_p_filter": (
        lambda z: mod.top_p_filter(z, 0.9),
        "Sort once (np.argsort(-probs, kind='stable')), take the mass before each token from "
        "np.cumsum, and keep the tokens where it is < p, all as arrays (no walk down the "
        "sorted tokens)",
    ),
    "sample": (
        lambda z: mod.sample(z, temperature=0.8, top_k=1500, top_p=0.9, random_state=23),
        "Find the drawn token with np.searchsorted(np.cumsum(probs), u) (or rng.choice(V, "
        "p=probs)), not by walking the cumulative probabilities token by token (a loop in a "
        "filter that sample calls counts too)",
    ),
}


@pytest.mark.parametrize("name", list(VOCAB_CALLS))
def test_no_python_loop_over_the_vocabulary(name):
    # V = 2000 logits. Whole-array code runs a few dozen Python lines whatever V is (the
    # reference: 6, 9, 15 and 53 for the four calls, input checks included; np.sort instead
    # of np.partition and rng.choice(V, p=probs) instead of a cumulative sum: 6, 11, 16 and
    # 54); a Python loop or comprehension over the tokens runs at least one line per token:
    # 2000 or more (a walk down the sorted tokens in top_p until the mass reaches p: 4973;
    # a walk down the cumulative probabilities in sample: 4378).
    call, fix = VOCAB_CALLS[name]
    z = np.random.default_rng(22).normal(size=2000)
    budget = 200
    lines = python_lines(call, z, budget=budget)
    assert lines <= budget, (
        f"{name} on 2000 logits ran more than {budget} lines of Python: is there a Python "
        f"loop over the vocabulary? {fix}"
    )


def test_no_python_loop_over_the_draws():
    # 2000 draws from V = 20 tokens. Drawing them all at once (np.searchsorted on the
    # cumulative sum for all the uniforms, or rng.choice(V, size=size, p=probs)) runs some 55
    # Python lines in all, the filters included (the reference 54, rng.choice 55; a loop
    # over the 20 tokens in a filter adds about 20 per loop); a loop that draws one token at
    # a time (rng.choice(V, p=probs) once per draw) runs two lines per draw or more: 4099.
    z = np.random.default_rng(24).normal(size=20)
    budget = 300
    kwargs = {"temperature": 0.8, "top_k": 15, "top_p": 0.9, "random_state": 25, "size": 2000}
    lines = python_lines(mod.sample, z, budget=budget, **kwargs)
    assert lines <= budget, (
        f"sample(size=2000) ran more than {budget} lines of Python: is there a Python loop "
        "over the draws? Build the cumulative distribution once and draw every token at "
        "once: u = rng.random(size) * cdf[-1], then np.searchsorted(cdf, u, side='right') "
        "(or rng.choice(V, size=size, p=probs))"
    )
