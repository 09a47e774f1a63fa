"""Tests for applied/bandits: epsilon-greedy, UCB1, Thompson sampling and simulate.

Deterministic parts are checked on scripted rewards against loops written here; random
parts by their frequencies over many draws (tolerances of 5+ standard deviations).
"""

import math

import numpy as np
import pytest

from kata.testing import fp_diagnosis, load_kata

mod = load_kata("applied/bandits")


# --- oracles ----------------------------------------------------------------------------------


def first_inconsistent_step(arms, script, n_arms, rule):
    """The first step where ``arms`` breaks ``rule`` on scripted rewards (None: consistent).

    script[a][k] is arm a's reward at its k-th play. ``rule(means, counts)`` scores the arms
    once all were played; an arm scoring within 1e-9 of the best is accepted, so that a sum
    / count mean and an incremental mean (equal up to rounding) both pass; the oracle then
    follows the arm actually played. Exact ties are tested separately.
    """
    counts, sums = np.zeros(n_arms, dtype=int), np.zeros(n_arms)
    for t, arm in enumerate(arms):
        if np.any(counts == 0) and rule is not GREEDY:
            if arm != int(np.flatnonzero(counts == 0)[0]):
                return t
        else:
            means = np.divide(sums, np.maximum(counts, 1))
            score = rule(means, counts)
            if score[arm] < score.max() - 1e-9:
                return t
        sums[arm] += script[arm][counts[arm]]
        counts[arm] += 1
    return None


def GREEDY(means, counts):
    return means


def ucb_rule(bonus):
    def rule(means, counts):
        return means + bonus(int(counts.sum()), counts)

    return rule


UCB_BONUS = {
    "correct": lambda n, c: np.sqrt(2 * np.log(n) / c),
    "ln(n + 1), the 1-based step number, instead of ln(n) with n the plays so far": (
        lambda n, c: np.sqrt(2 * np.log(n + 1) / c)
    ),
    "ln(n_a), the arm's own count, instead of ln(n) with n the total plays": (
        lambda n, c: np.sqrt(2 * np.log(c) / c)
    ),
    "sqrt(ln n / n_a): the factor 2 is missing": lambda n, c: np.sqrt(np.log(n) / c),
    "log10 instead of the natural log": lambda n, c: np.sqrt(2 * np.log10(n) / c),
    "ln(n - 1): n counted before the previous play": (
        lambda n, c: np.sqrt(2 * np.log(max(n - 1, 1)) / c)
    ),
    "sqrt(2 ln n) / n_a: divide by n_a inside the square root": (
        lambda n, c: np.sqrt(2 * np.log(n)) / c
    ),
    "n_a + 1 in the denominator (a guard against 1/0; play each arm once instead)": (
        lambda n, c: np.sqrt(2 * np.log(n) / (c + 1))
    ),
    "ln K, the number of arms, instead of ln n with n the total plays": (
        lambda n, c: np.sqrt(2 * np.log(len(c)) / c)
    ),
}


def scripted_rewards(seed, probs, length):
    rng = np.random.default_rng(seed)
    return [(rng.random(length) < p).astype(float) for p in probs]


ZERO_COUNT = (
    "select() divided by a zero count (UCB1's sqrt(2 ln n / n_a) before every arm was "
    "played, or ln 0): UCB1 first plays each never-played arm, lowest index first"
)


def select(policy):
    with fp_diagnosis(ZERO_COUNT):
        return policy.select()


def play(policy, script, n_steps):
    """Drive a policy on scripted rewards; return the arms it chose."""
    played = [0] * len(script)
    arms = []
    for _ in range(n_steps):
        arm = select(policy)
        assert isinstance(arm, int | np.integer), f"select() returned {arm!r}, not an int"
        assert 0 <= arm < len(script), f"select() returned arm {arm} of {len(script)}"
        policy.update(arm, float(script[arm][played[arm]]))
        played[arm] += 1
        arms.append(int(arm))
    return arms


def mean_diagnosis(values, rewards_by_arm):
    """Name the mistake when values are not the sample means of the rewards recorded."""
    values = np.asarray(values, dtype=float)
    means = np.array([np.mean(r) if len(r) else 0.0 for r in rewards_by_arm])
    if np.allclose(values, means, rtol=1e-12, atol=1e-15):
        return None
    never = [a for a, r in enumerate(rewards_by_arm) if not len(r)]
    if any(values[a] != 0 for a in never):
        return (
            f"values are {values}: an arm never played has value {values[never[0]]}, not 0. "
            "values start at 0 (no optimistic initial value)"
        )
    sums = np.array([np.sum(r) for r in rewards_by_arm])
    if np.allclose(values, sums):
        return f"values are {values}, the SUMS of the rewards: values holds the sample means"
    off = np.array([np.sum(r) / (len(r) + 1) for r in rewards_by_arm])
    if np.allclose(values, off):
        return (
            f"values are {values}: sum / (count + 1). The mean is off by one: increment the "
            "count BEFORE values[a] += (r - values[a]) / counts[a]"
        )
    return (
        f"values are {values}, expected the sample means {means}: use the exact incremental "
        "mean values[a] += (r - values[a]) / counts[a], not a constant step size"
    )


# --- sample means (EpsilonGreedy and UCB1) -----------------------------------------------------


@pytest.mark.parametrize("make", [lambda: mod.EpsilonGreedy(3, 0.0, 0), lambda: mod.UCB1(3)])
def test_values_are_sample_means(make):
    policy = make()
    select(policy)
    rewards = [[1.0, 0.0, 0.25, 1.0], [0.5], []]
    for arm, rs in enumerate(rewards):
        for r in rs:
            policy.update(arm, r)
    problem = mean_diagnosis(policy.values, rewards)
    if problem:
        pytest.fail(f"{type(policy).__name__}: {problem}")
    np.testing.assert_array_equal(
        policy.counts, [4, 1, 0], err_msg="counts[a] is the number of updates of arm a"
    )


@pytest.mark.parametrize("played", [[1], [1, 0, 2]], ids=["some-unplayed", "all-played"])
def test_select_does_not_change_the_statistics(played):
    for policy in (mod.EpsilonGreedy(3, 0.5, 0), mod.UCB1(3), mod.ThompsonSampling(3, 0)):
        for arm in played:
            policy.update(arm, 1.0)
        public = (
            ("alpha", "beta") if isinstance(policy, mod.ThompsonSampling) else ("counts", "values")
        )
        state = {k: np.array(getattr(policy, k), copy=True) for k in public}
        for _ in range(20):
            select(policy)
        for key, before in state.items():
            after = np.asarray(getattr(policy, key))
            if not np.array_equal(after, before):
                pytest.fail(
                    f"{type(policy).__name__}.select() changed {key} from {before.tolist()} "
                    f"to {after.tolist()}: only update changes the statistics (count a play "
                    "in update, not in select)"
                )


# --- epsilon-greedy ---------------------------------------------------------------------------


def test_greedy_plays_the_best_mean_with_ties_to_the_lowest_arm():
    policy = mod.EpsilonGreedy(4, epsilon=0.0, random_state=0)
    firsts = [policy.select() for _ in range(20)]
    if len(set(firsts)) > 1:
        pytest.fail(
            f"with epsilon=0 and all values 0, select() returned several arms "
            f"{sorted(set(firsts))}: epsilon=0 is pure greedy (epsilon is the probability of "
            "EXPLORING), and a tie goes to the lowest arm (np.argmax), not a random best arm"
        )
    first = firsts[0]
    assert first == 0, f"with all values 0 the greedy arm is 0 (ties to the lowest), got {first}"
    policy.update(2, 0.5)
    policy.update(3, 0.5)
    got = [policy.select() for _ in range(5)]
    if got == [3] * 5:
        pytest.fail("arms 2 and 3 tie at 0.5 and select() chose 3: ties go to the LOWEST arm")
    assert got == [2] * 5, f"epsilon=0 must always play the best mean (arm 2), got {got}"


def test_epsilon_zero_on_scripted_rewards():
    script = scripted_rewards(11, (0.3, 0.6, 0.5), 60)
    got = play(mod.EpsilonGreedy(3, epsilon=0.0, random_state=1), script, 60)
    # Oracle: greedy on sample means, ties to the lowest arm.
    counts, sums, expected = np.zeros(3, int), np.zeros(3), []
    for _ in range(60):
        means = np.divide(sums, counts, out=np.zeros(3), where=counts > 0)
        arm = int(np.argmax(means))
        sums[arm] += script[arm][counts[arm]]
        counts[arm] += 1
        expected.append(arm)
    assert got == expected, (
        f"epsilon=0 is pure greedy on sample means: got {got}, expected {expected}"
    )


def share_of(arms, arm):
    return float(np.mean(np.asarray(arms) == arm))


def test_epsilon_one_explores_uniformly_over_all_arms():
    policy = mod.EpsilonGreedy(4, epsilon=1.0, random_state=2)
    policy.update(2, 1.0)  # arm 2 is greedy; exploration must still pick it 1/4 of the time
    draws = [policy.select() for _ in range(4000)]
    counts = np.bincount(draws, minlength=4)
    if len(set(draws)) == 1:
        pytest.fail(
            f"epsilon=1 played arm {draws[0]} 4000 times: is the generator re-created at every "
            "select? Make it once in __init__ (check_random_state) and keep drawing from it"
        )
    if counts[-1] == 0 and counts[:-1].min() > 0:
        pytest.fail(
            "epsilon=1 never explored the LAST arm: rng.integers(n_arms) already excludes "
            "n_arms (integers(n_arms - 1) drops the last arm)"
        )
    if counts[2] == 0:
        pytest.fail(
            "epsilon=1 never chose the greedy arm: exploration draws uniformly from ALL arms, "
            "the greedy one included"
        )
    if counts[2] == 4000:
        pytest.fail(
            "epsilon=1 always played the greedy arm: epsilon is the EXPLORATION probability"
        )
    # Chi-square with 3 degrees of freedom: 25 is beyond the 0.9999 quantile (21.1).
    chi2 = float(np.sum((counts - 1000) ** 2 / 1000))
    assert chi2 < 25, f"epsilon=1: arm counts {counts.tolist()} are not uniform (chi2 {chi2:.1f})"


def test_exploration_rate():
    eps, n = 0.3, 4000
    policy = mod.EpsilonGreedy(4, epsilon=eps, random_state=3)
    policy.update(2, 1.0)
    share = share_of([policy.select() for _ in range(n)], 2)
    expected = 1 - eps + eps / 4  # exploit, or explore and happen to draw the greedy arm
    sd = math.sqrt(expected * (1 - expected) / n)
    named = [
        (1 - eps, "exploration chose only among the NON-greedy arms; it draws from all arms"),
        (eps + (1 - eps) / 4, "epsilon was treated as the probability of exploiting"),
    ]
    for wrong, what in named:
        if abs(share - wrong) < 5 * sd:
            pytest.fail(f"the greedy arm was played {share:.3f} of the time: {what}")
    assert abs(share - expected) < 5 * sd, (
        f"with epsilon={eps} and 4 arms the greedy arm is played 1 - eps + eps/4 = "
        f"{expected:.3f} of the time, got {share:.3f}"
    )


def test_epsilon_greedy_random_state():
    script = scripted_rewards(12, (0.4, 0.5, 0.6), 300)
    a = play(mod.EpsilonGreedy(3, 0.4, random_state=5), script, 300)
    b = play(mod.EpsilonGreedy(3, 0.4, random_state=5), script, 300)
    assert a == b, "EpsilonGreedy with random_state=5 twice chose different arms"
    c = play(mod.EpsilonGreedy(3, 0.4, random_state=6), script, 300)
    assert a != c, "random_state 5 and 6 gave the same choices: is random_state used?"
    gen = np.random.default_rng(7)
    first = play(mod.EpsilonGreedy(3, 0.4, random_state=gen), script, 300)
    second = play(mod.EpsilonGreedy(3, 0.4, random_state=gen), script, 300)
    assert first != second, "two policies sharing a Generator must advance it, not re-seed"


# --- UCB1 -------------------------------------------------------------------------------------


def test_ucb1_plays_every_arm_once_in_index_order():
    policy = mod.UCB1(5)
    with fp_diagnosis(
        "UCB1 divided by a zero count: play every never-played arm first (lowest index "
        "first), and only then use sqrt(2 ln n / n_a)"
    ):
        got = []
        for reward in [0.0, 1.0, 0.5, 1.0, 0.0]:
            got.append(policy.select())
            policy.update(got[-1], reward)
    assert got == [0, 1, 2, 3, 4], f"UCB1's first five plays on 5 arms are 0..4, got {got}"


def test_ucb1_worked_example():
    policy = mod.UCB1(2)
    got = []
    for _ in range(4):
        got.append(policy.select())
        policy.update(got[-1], float(got[-1]))  # arm 0 pays 0, arm 1 pays 1
    # n = 2: 0 + sqrt(2 ln 2) = 1.18 < 1 + 1.18; n = 3: 1.48 < 1 + sqrt(ln 3) = 2.05.
    assert got == [0, 1, 1, 1], f"UCB1 on arms paying 0 and 1: expected [0, 1, 1, 1], got {got}"


def test_ucb1_on_scripted_rewards_names_the_count_in_the_log():
    n_steps = 40
    script = scripted_rewards(4, (0.3, 0.5, 0.6), n_steps)
    with fp_diagnosis("UCB1 raised a floating-point error on scripted rewards"):
        got = play(mod.UCB1(3), script, n_steps)
    bad = first_inconsistent_step(got, script, 3, ucb_rule(UCB_BONUS["correct"]))
    if bad is None:
        return
    for what, bonus in UCB_BONUS.items():
        if what != "correct" and first_inconsistent_step(got, script, 3, ucb_rule(bonus)) is None:
            pytest.fail(
                f"UCB1's choices are those of {what}: the index is "
                "values[a] + sqrt(2 ln n / counts[a]) with n = counts.sum()"
            )
    pytest.fail(
        f"UCB1 differs from values + sqrt(2 ln n / n_a) at step {bad}: played {got[bad]} "
        f"(arms so far {got[: bad + 1]})"
    )


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_ucb1_matches_the_oracle_on_longer_scripts(seed):
    n_steps = 300
    script = scripted_rewards(100 + seed, (0.2, 0.45, 0.5, 0.3), n_steps)
    got = play(mod.UCB1(4), script, n_steps)
    bad = first_inconsistent_step(got, script, 4, ucb_rule(UCB_BONUS["correct"]))
    assert bad is None, (
        f"UCB1 differs from values + sqrt(2 ln n / n_a) at step {bad} of 300 scripted rewards"
    )


def test_ucb1_ties_go_to_the_lowest_arm():
    policy = mod.UCB1(3)
    for arm in range(3):
        policy.select()
        policy.update(arm, 0.5)
    got = policy.select()
    assert got == 0, f"three arms with equal counts and means: UCB1 plays arm 0, got {got}"


def test_ucb1_with_one_arm():
    policy = mod.UCB1(1)
    with fp_diagnosis("UCB1 with one arm: ln(1) = 0 is fine, but something divided by zero"):
        for _ in range(3):
            assert policy.select() == 0, "a one-armed UCB1 always plays arm 0"
            policy.update(0, 1.0)


# --- Thompson sampling ------------------------------------------------------------------------


def test_thompson_posterior_update():
    policy = mod.ThompsonSampling(3, random_state=0)
    np.testing.assert_array_equal(
        policy.alpha, np.ones(3), err_msg="alpha starts at 1 (Beta(1, 1))"
    )
    np.testing.assert_array_equal(policy.beta, np.ones(3), err_msg="beta starts at 1 (Beta(1, 1))")
    policy.select()
    for arm, r in [(0, 1.0), (0, 0.25), (1, 0.0)]:
        policy.update(arm, r)
    alpha, beta = np.asarray(policy.alpha), np.asarray(policy.beta)
    if np.allclose(alpha, [1.75, 2, 1]) and np.allclose(beta, [2.25, 1, 1]):
        pytest.fail("alpha and beta are swapped: a reward r adds r to alpha and 1 - r to beta")
    if np.allclose(alpha, [2, 1, 1]) and np.allclose(beta, [2, 2, 1]):
        pytest.fail(
            "the reward 0.25 was rounded to a 0/1 outcome: a reward r in [0, 1] adds r to "
            "alpha and 1 - r to beta (alpha = [2.25, 1, 1], beta = [1.75, 2, 1])"
        )
    np.testing.assert_allclose(alpha, [2.25, 1, 1], err_msg="alpha = 1 + sum of the rewards")
    np.testing.assert_allclose(beta, [1.75, 2, 1], err_msg="beta = 1 + sum of (1 - reward)")


def test_thompson_plays_each_arm_with_its_posterior_probability():
    # Arm 0 ~ Beta(2, 1) (density 2x), arm 1 ~ Beta(1, 2) (density 2(1 - y)):
    # P(theta_0 > theta_1) = int_0^1 2x (2x - x^2) dx = 4/3 - 1/2 = 5/6.
    n = 4000
    policy = mod.ThompsonSampling(2, random_state=8)
    policy.update(0, 1.0)
    policy.update(1, 0.0)
    share = share_of([policy.select() for _ in range(n)], 0)
    sd = math.sqrt(5 / 6 * 1 / 6 / n)
    if share == 1.0:
        pytest.fail(
            "Thompson sampling always played the arm with the best posterior mean: select "
            "draws theta_a ~ Beta(alpha_a, beta_a) and plays the largest draw"
        )
    if abs(share - 1 / 6) < 5 * sd:
        pytest.fail(
            f"arm 0 (one success) was played {share:.3f} of the time, not 5/6: are alpha "
            "and beta swapped in the draw?"
        )
    assert abs(share - 5 / 6) < 5 * sd, (
        f"P(Beta(2,1) draw > Beta(1,2) draw) = 5/6; arm 0 was played {share:.3f} of the time"
    )


def test_thompson_starts_uniform():
    policy = mod.ThompsonSampling(3, random_state=9)
    counts = np.bincount([policy.select() for _ in range(3000)], minlength=3)
    chi2 = float(np.sum((counts - 1000) ** 2 / 1000))  # 2 dof: 0.9999 quantile 18.4
    assert chi2 < 22, f"from Beta(1, 1) priors every arm is equally likely, got {counts.tolist()}"


def test_thompson_random_state():
    script = scripted_rewards(13, (0.4, 0.5, 0.6), 200)
    a = play(mod.ThompsonSampling(3, random_state=5), script, 200)
    assert a == play(mod.ThompsonSampling(3, random_state=5), script, 200), (
        "ThompsonSampling with random_state=5 twice chose different arms"
    )
    assert a != play(mod.ThompsonSampling(3, random_state=6), script, 200), (
        "random_state 5 and 6 gave the same choices: is random_state used?"
    )


# --- simulate ---------------------------------------------------------------------------------


class ScriptedPolicy:
    """Plays a fixed sequence of arms and records the rewards it is given."""

    def __init__(self, arms, n_arms):
        self.arms, self.n_arms, self.t, self.rewards = list(arms), n_arms, 0, []

    def select(self):
        if self.t >= len(self.arms) or len(self.rewards) != self.t:
            pytest.fail(
                "simulate called select() twice without an update, or more than n_steps "
                "times: each step is ONE select(), then ONE update(arm, reward)"
            )
        arm = self.arms[self.t]
        self.t += 1
        return arm

    def update(self, arm, reward):
        assert arm == self.arms[self.t - 1], "simulate must update the arm select() returned"
        self.rewards.append(reward)


def test_simulate_returns_the_cumulative_pseudo_regret():
    probs = np.array([0.2, 0.9, 0.5])
    arms = [0, 1, 2, 2, 1, 0, 1, 1]
    policy = ScriptedPolicy(arms, 3)
    regret = np.asarray(mod.simulate(policy, probs, len(arms), random_state=0))
    gaps = 0.9 - probs[arms]
    expected = np.cumsum(gaps)
    if regret.shape == (len(arms) + 1,):
        pytest.fail(
            f"simulate returned {len(arms) + 1} values for {len(arms)} steps: "
            "regret[t] is the regret AFTER step t, shape (n_steps,)"
        )
    assert regret.shape == (len(arms),), f"regret has shape {regret.shape}, not ({len(arms)},)"
    if np.allclose(regret, gaps):
        pytest.fail("simulate returned the per-step regret: it returns the CUMULATIVE sum")
    if np.allclose(regret, expected / np.arange(1, len(arms) + 1)):
        pytest.fail(
            "simulate returned the AVERAGE regret (cumulative / t): it returns the cumulative sum"
        )
    rewards = np.asarray(policy.rewards, dtype=float)
    if rewards.shape == gaps.shape and np.allclose(regret, np.cumsum(0.9 - rewards)):
        pytest.fail(
            "the regret uses the rewards drawn (max p - reward): the pseudo-regret "
            "uses the arms' means, sum of (max p - p[arm])"
        )
    np.testing.assert_allclose(
        regret, expected, rtol=1e-12, err_msg="regret[t] = sum_{s<=t} (max probs - probs[arm_s])"
    )
    assert regret.dtype == np.float64, f"the regret curve has dtype {regret.dtype}, not float64"


def test_regret_is_measured_against_the_best_arm_even_if_never_played():
    probs = np.array([0.2, 0.9, 0.5])
    arms = [0, 2, 2, 0]  # the best arm (1) is never played
    regret = np.asarray(mod.simulate(ScriptedPolicy(arms, 3), probs, 4, random_state=0))
    expected = np.cumsum(0.9 - probs[arms])
    if np.allclose(regret, np.cumsum(0.5 - probs[arms])):
        pytest.fail(
            "the regret is measured against the best arm PLAYED: the pseudo-regret uses "
            "max(probs) over all arms, played or not"
        )
    np.testing.assert_allclose(
        regret, expected, rtol=1e-12, err_msg="regret[t] = sum_{s<=t} (max probs - probs[arm_s])"
    )


def test_simulate_draws_bernoulli_rewards_with_the_arm_probability():
    n = 6000
    probs = [0.1, 0.7]
    arms = [t % 2 for t in range(n)]
    policy = ScriptedPolicy(arms, 2)
    mod.simulate(policy, probs, n, random_state=1)
    rewards = np.asarray(policy.rewards, dtype=float)
    assert set(np.unique(rewards).tolist()) <= {0.0, 1.0}, "rewards are Bernoulli: 0.0 or 1.0"
    for arm, p in enumerate(probs):
        share = float(rewards[arm::2].mean())
        sd = math.sqrt(p * (1 - p) / (n / 2))
        if abs(share - (1 - p)) < 5 * sd:
            pytest.fail(
                f"arm {arm} with p = {p} paid 1 with frequency {share:.3f}: the reward is "
                "1 when u < p (you drew it with probability 1 - p)"
            )
        assert abs(share - p) < 5 * sd, f"arm {arm} (p = {p}) paid 1 with frequency {share:.3f}"


def test_simulate_uses_one_uniform_draw_per_step_from_random_state():
    n = 50
    probs = np.array([0.3, 0.6, 0.45])
    arms = np.random.default_rng(2).integers(0, 3, size=n).tolist()
    policy = ScriptedPolicy(arms, 3)
    mod.simulate(policy, probs, n, random_state=3)
    u = np.random.default_rng(3).random(n)
    expected = (u < probs[arms]).astype(float)
    np.testing.assert_array_equal(
        policy.rewards,
        expected,
        err_msg="simulate draws its rewards from check_random_state(random_state), one "
        "rng.random() per step, reward 1.0 if u < probs[arm] (the convention the tests pin)",
    )


def test_simulate_is_reproducible_and_independent_of_np_random():
    probs = [0.3, 0.5, 0.55]
    np.random.seed(0)  # noqa: NPY002  (the global state must not matter)
    a = mod.simulate(mod.EpsilonGreedy(3, 0.2, random_state=4), probs, 300, random_state=5)
    np.random.seed(1)  # noqa: NPY002
    b = mod.simulate(mod.EpsilonGreedy(3, 0.2, random_state=4), probs, 300, random_state=5)
    np.testing.assert_array_equal(a, b, err_msg="the same seeds must give the same regret curve")


@pytest.mark.parametrize(
    "make",
    [lambda: mod.UCB1(3), lambda: mod.ThompsonSampling(3, random_state=0)],
    ids=["ucb1", "thompson"],
)
def test_regret_grows_sublinearly(make):
    # Uniform play costs mean(gap) = 0.2 per step, 600 over 3000 steps. UCB1's expected regret
    # is O(sum ln T / gap): here well under 150; Thompson's lower still.
    probs = [0.3, 0.5, 0.6]
    regret = np.asarray(mod.simulate(make(), probs, 3000, random_state=10))
    assert np.all(np.diff(regret) >= 0), "the pseudo-regret never decreases"
    assert regret[-1] < 200, (
        f"regret after 3000 steps is {regret[-1]:.0f}: no better than guessing"
    )
    first, second = regret[1499], regret[-1] - regret[1499]
    assert second < first, (
        f"regret grew by {first:.0f} in the first 1500 steps and {second:.0f} in the next: "
        "a learning policy's regret grows sublinearly"
    )


def test_epsilon_greedy_regret_is_linear_in_epsilon():
    # Once the best arm is found, each step explores with probability eps and then costs the
    # mean gap over all arms: slope eps * mean(gap) = 0.2 * (0.3 + 0.1 + 0) / 3 = 0.0267.
    probs = [0.3, 0.5, 0.6]
    regret = np.asarray(mod.simulate(mod.EpsilonGreedy(3, 0.2, 11), probs, 6000, 12))
    slope = (regret[-1] - regret[2999]) / 3000
    assert 0.015 < slope < 0.04, (
        f"epsilon-greedy's late regret slope is {slope:.4f}, expected ~0.027"
    )


# --- bad input --------------------------------------------------------------------------------


def test_bad_input_is_a_value_error():
    policy = mod.UCB1(2)
    policy.select()
    with pytest.raises(ValueError, match="arm"):
        policy.update(2, 1.0)
    with pytest.raises(ValueError, match="reward"):
        policy.update(0, 1.5)
    mod.simulate(mod.UCB1(2), [0.5, 0.5], 2, random_state=0)
    with pytest.raises(ValueError, match="probs"):
        mod.simulate(mod.UCB1(2), [0.5, 1.5], 5)
    with pytest.raises(ValueError, match="arms"):
        mod.simulate(mod.UCB1(3), [0.5, 0.5], 5)
    with pytest.raises(ValueError, match="n_steps"):
        mod.simulate(mod.UCB1(2), [0.5, 0.5], 0)
    with pytest.raises(ValueError, match="epsilon"):
        mod.EpsilonGreedy(2, epsilon=1.5)
