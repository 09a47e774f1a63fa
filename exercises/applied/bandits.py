"""Kata applied/bandits: Multi-armed bandits: epsilon-greedy, UCB1, Thompson sampling.

Difficulty 2 (standard), target time 30 minutes.

A slot machine with K arms pays rewards in [0, 1] whose means are unknown; every play
teaches you something about one arm and costs you the gap to the best arm. Write three
policies with the same interface (`select()` returns the arm to play, `update(arm,
reward)` records what it paid) and `simulate`, which plays a policy on Bernoulli arms and
returns its cumulative pseudo-regret.

Math:
    sample mean      values[a] = (sum of the rewards of arm a) / counts[a]
                     (or incrementally values[a] += (r - values[a]) / counts[a] after
                     counts[a] += 1: the same number up to rounding)
    epsilon-greedy   with probability epsilon: a uniformly random arm (any of the K);
                     otherwise argmax_a values[a]
    UCB1             play each arm once; then argmax_a values[a] + sqrt(2 ln n / counts[a])
                     with n = counts.sum(), the number of plays so far (all arms)
    Thompson         posterior Beta(alpha_a, beta_a), from Beta(1, 1); select draws
                     theta_a ~ Beta(alpha_a, beta_a) for every arm and plays argmax theta;
                     update: alpha_a += r, beta_a += 1 - r
    pseudo-regret    regret[t] = sum_{s <= t} (max_a p_a - p_{arm_s})

Shapes: `counts`, `values` (EpsilonGreedy, UCB1) and `alpha`, `beta` (ThompsonSampling) are
(n_arms,) arrays; `select()` returns a Python int in [0, n_arms); `simulate` returns a
float64 array of shape (n_steps,).

Conventions:
- Rewards are in [0, 1]; `update` raises ValueError for a reward outside it or an arm
  outside [0, n_arms) (the stub checks both).
- `counts` (int64) and `values` (the sample means, float64) start at 0; `values[a]` is
  exactly the mean of the rewards recorded for arm a. Every argmax breaks ties toward the
  lowest arm index (np.argmax does).
- EpsilonGreedy: with probability epsilon (in [0, 1]) it explores, choosing uniformly among
  ALL n_arms arms (the greedy arm included); otherwise it plays the greedy arm.
- UCB1 plays the arms it has never played first, in index order (0, 1, ...), one per
  select; after that argmax values + sqrt(2 ln n / counts) with n the total number of
  plays so far (n = counts.sum(), so ln n is 0 when n = 1). UCB1 uses no randomness.
- ThompsonSampling starts every arm at alpha = beta = 1 (a uniform prior) and a reward r
  adds r to alpha and 1 - r to beta.
- `select` never changes the statistics; only `update` does.
- random_state: EpsilonGreedy and ThompsonSampling draw only from
  `check_random_state(random_state)`, made once in `__init__` (the stub does it): the same
  int gives the same choices.
- simulate(policy, probs, n_steps, random_state): at each step arm = policy.select(),
  then ONE draw u = rng.random() from its own generator and reward = 1.0 if u < probs[arm]
  else 0.0, then policy.update(arm, reward). It returns the cumulative pseudo-regret,
  regret[t] = sum over steps s <= t of (max(probs) - probs[arm_s]): from the means probs,
  not from the rewards drawn, and against the best arm whether or not it was played.
  probs outside [0, 1], a policy whose n_arms differs from len(probs), and n_steps < 1
  are ValueErrors (the stub checks them).

Complexity: select and update are O(K) (UCB1 and Thompson score every arm with one
vectorized expression). simulate is O(n_steps K): a Python loop over the steps is the
nature of the problem (each choice depends on the previous rewards).

Pitfalls:
- A mean that is off by one (dividing by the count before incrementing it), a running sum
  instead of a mean, or a constant step size (an exponential average, not the mean).
- UCB1 with the wrong count in the log: ln(n) uses the TOTAL plays so far, not the arm's
  count, and not n + 1; the bonus is sqrt(2 ln n / n_a), not sqrt(ln n / n_a).
- UCB1 dividing by a zero count instead of playing each unplayed arm first.
- Epsilon-greedy exploring only the non-greedy arms, or treating epsilon as the
  probability of exploiting.
- Thompson sampling with alpha and beta swapped (alpha counts successes), or playing the
  posterior mean instead of a posterior draw (that is greedy, with no exploration).
- Regret from the rewards drawn (noisy, can decrease) instead of the arms' means; a
  per-step regret instead of the cumulative one; drawing the rewards from the policy's
  generator or from np.random.

Worked example (UCB1, two arms, arm 0 always pays 0 and arm 1 always pays 1):
    select -> 0 (unplayed), update(0, 0.0);  select -> 1 (unplayed), update(1, 1.0)
    n = 2: indices 0 + sqrt(2 ln 2 / 1) = 1.177 and 1 + 1.177 = 2.177  -> arm 1
    n = 3: indices sqrt(2 ln 3) = 1.482 and 1 + sqrt(2 ln 3 / 2) = 2.048 -> arm 1
    simulate(UCB1(2), probs=[0.2, 0.8], n_steps=4, random_state=0)[:2] = [0.6, 0.6]

Run `pytest --kata applied/bandits` to check your work; hints are in hints/applied/bandits.md.
"""

import numbers

import numpy as np

from kata.validation import check_array, check_random_state, check_scalar


class EpsilonGreedy:
    """Epsilon-greedy: explore a uniformly random arm with probability ``epsilon``.

    Parameters
    ----------
    n_arms : int
        The number of arms, at least 1.
    epsilon : float in [0, 1], default 0.1
        The exploration probability.
    random_state : int, numpy Generator or None, default None
        Source of the exploration draws.

    Attributes
    ----------
    counts : ndarray of int64 of shape (n_arms,)
        How many times each arm was updated.
    values : ndarray of float64 of shape (n_arms,)
        The sample mean reward of each arm (0 for an arm never played).

    Examples
    --------
    >>> policy = EpsilonGreedy(3, epsilon=0.0)
    >>> policy.update(1, 1.0)
    >>> policy.select()
    1
    """

    def __init__(self, n_arms, epsilon=0.1, random_state=None):
        check_scalar(n_arms, "n_arms", kind=numbers.Integral, low=1)
        check_scalar(epsilon, "epsilon", low=0.0, high=1.0)
        self.n_arms = n_arms
        self.epsilon = epsilon
        self.random_state = random_state
        self.counts = np.zeros(n_arms, dtype=np.int64)
        self.values = np.zeros(n_arms)
        self._rng = check_random_state(random_state)

    def select(self):
        """The arm to play next.

        Returns
        -------
        arm : int
            With probability ``epsilon`` an arm drawn uniformly from all ``n_arms`` (the
            greedy one included); otherwise the arm with the highest sample mean, ties to the
            lowest index.
        """

        raise NotImplementedError("EpsilonGreedy.select")

    def update(self, arm, reward):
        """Record that ``arm`` was played and paid ``reward``.

        Parameters
        ----------
        arm : int in [0, n_arms)
        reward : float in [0, 1]
        """
        check_scalar(arm, "arm", kind=numbers.Integral, low=0, high=self.n_arms - 1)
        check_scalar(reward, "reward", low=0.0, high=1.0)

        raise NotImplementedError("EpsilonGreedy.update")


class UCB1:
    """UCB1 (Auer et al., 2002): optimism in the face of uncertainty.

    Parameters
    ----------
    n_arms : int
        The number of arms, at least 1.

    Attributes
    ----------
    counts : ndarray of int64 of shape (n_arms,)
        How many times each arm was updated.
    values : ndarray of float64 of shape (n_arms,)
        The sample mean reward of each arm.

    Examples
    --------
    >>> policy = UCB1(2)
    >>> policy.select()
    0
    >>> policy.update(0, 1.0)
    >>> policy.select()  # every arm is played once first
    1
    """

    def __init__(self, n_arms):
        check_scalar(n_arms, "n_arms", kind=numbers.Integral, low=1)
        self.n_arms = n_arms
        self.counts = np.zeros(n_arms, dtype=np.int64)
        self.values = np.zeros(n_arms)

    def select(self):
        """The arm to play next.

        Returns
        -------
        arm : int
            The lowest-index arm never played if there is one; otherwise
            ``argmax values + sqrt(2 ln n / counts)`` with ``n = counts.sum()``, ties to the
            lowest index.
        """

        raise NotImplementedError("UCB1.select")

    def update(self, arm, reward):
        """Record that ``arm`` was played and paid ``reward``.

        Parameters
        ----------
        arm : int in [0, n_arms)
        reward : float in [0, 1]
        """
        check_scalar(arm, "arm", kind=numbers.Integral, low=0, high=self.n_arms - 1)
        check_scalar(reward, "reward", low=0.0, high=1.0)

        raise NotImplementedError("UCB1.update")


class ThompsonSampling:
    """Beta-Bernoulli Thompson sampling: play the arm whose sampled mean is largest.

    Parameters
    ----------
    n_arms : int
        The number of arms, at least 1.
    random_state : int, numpy Generator or None, default None
        Source of the posterior draws.

    Attributes
    ----------
    alpha, beta : ndarray of float64 of shape (n_arms,)
        The Beta posterior of each arm's mean, starting from Beta(1, 1).

    Examples
    --------
    >>> policy = ThompsonSampling(2, random_state=0)
    >>> policy.update(1, 1.0)
    >>> policy.alpha, policy.beta
    (array([1., 2.]), array([1., 1.]))
    """

    def __init__(self, n_arms, random_state=None):
        check_scalar(n_arms, "n_arms", kind=numbers.Integral, low=1)
        self.n_arms = n_arms
        self.random_state = random_state
        self.alpha = np.ones(n_arms)
        self.beta = np.ones(n_arms)
        self._rng = check_random_state(random_state)

    def select(self):
        """The arm to play next: one draw from each posterior, the largest draw wins.

        Returns
        -------
        arm : int
        """

        raise NotImplementedError("ThompsonSampling.select")

    def update(self, arm, reward):
        """Record that ``arm`` was played and paid ``reward``: alpha += r, beta += 1 - r.

        Parameters
        ----------
        arm : int in [0, n_arms)
        reward : float in [0, 1]
        """
        check_scalar(arm, "arm", kind=numbers.Integral, low=0, high=self.n_arms - 1)
        check_scalar(reward, "reward", low=0.0, high=1.0)

        raise NotImplementedError("ThompsonSampling.update")


def simulate(policy, probs, n_steps, random_state=None):
    """Play ``policy`` for ``n_steps`` on Bernoulli arms; return its cumulative pseudo-regret.

    Parameters
    ----------
    policy : object with ``select() -> arm`` and ``update(arm, reward)``
        Updated in place as it plays.
    probs : array-like of shape (n_arms,)
        The success probability of each arm, in [0, 1].
    n_steps : int
        The number of plays, at least 1.
    random_state : int, numpy Generator or None, default None
        Source of the rewards (the policy keeps its own randomness).

    Returns
    -------
    regret : ndarray of float64 of shape (n_steps,)
        ``regret[t] = sum over steps s <= t of (max(probs) - probs[arm_s])``.

    Examples
    --------
    >>> regret = simulate(UCB1(2), [0.2, 0.8], n_steps=4, random_state=0)
    >>> regret[:2]
    array([0.6, 0.6])
    """
    probs = check_array(probs, name="probs", ndim=1)
    if np.any(probs < 0) or np.any(probs > 1):
        raise ValueError("probs must be probabilities in [0, 1]")
    if getattr(policy, "n_arms", probs.shape[0]) != probs.shape[0]:
        raise ValueError(f"probs has {probs.shape[0]} arms but the policy has {policy.n_arms}")
    check_scalar(n_steps, "n_steps", kind=numbers.Integral, low=1)
    rng = check_random_state(random_state)

    raise NotImplementedError("simulate")
