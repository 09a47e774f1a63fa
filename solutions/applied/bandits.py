"""Reference solution for applied/bandits.

The statement is in exercises/applied/bandits.py.
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
        self._sums = np.zeros(n_arms)
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
        if self._rng.random() < self.epsilon:
            return int(self._rng.integers(self.n_arms))
        return int(np.argmax(self.values))  # argmax returns the first maximum: lowest arm

    def update(self, arm, reward):
        """Record that ``arm`` was played and paid ``reward``.

        Parameters
        ----------
        arm : int in [0, n_arms)
        reward : float in [0, 1]
        """
        check_scalar(arm, "arm", kind=numbers.Integral, low=0, high=self.n_arms - 1)
        check_scalar(reward, "reward", low=0.0, high=1.0)
        self.counts[arm] += 1
        # The sample mean from the running sum: arms with equal sums and counts then get
        # bit-identical means, so an exact tie stays a tie (an incremental mean
        # m += (r - m) / n is the same number up to rounding, which can split a tie).
        self._sums[arm] += reward
        self.values[arm] = self._sums[arm] / self.counts[arm]


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
        self._sums = np.zeros(n_arms)

    def select(self):
        """The arm to play next.

        Returns
        -------
        arm : int
            The lowest-index arm never played if there is one; otherwise
            ``argmax values + sqrt(2 ln n / counts)`` with ``n = counts.sum()``, ties to the
            lowest index.
        """
        unplayed = np.flatnonzero(self.counts == 0)
        if unplayed.size:
            return int(unplayed[0])  # play every arm once, in index order (no 1/0 bonus)
        n = self.counts.sum()  # plays so far, all arms together: the log grows with time
        bonus = np.sqrt(2.0 * np.log(n) / self.counts)
        return int(np.argmax(self.values + bonus))

    def update(self, arm, reward):
        """Record that ``arm`` was played and paid ``reward``.

        Parameters
        ----------
        arm : int in [0, n_arms)
        reward : float in [0, 1]
        """
        check_scalar(arm, "arm", kind=numbers.Integral, low=0, high=self.n_arms - 1)
        check_scalar(reward, "reward", low=0.0, high=1.0)
        self.counts[arm] += 1
        self._sums[arm] += reward
        self.values[arm] = self._sums[arm] / self.counts[arm]


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
        # One sample per arm from its posterior: an arm is played with the posterior
        # probability that it is the best (probability matching).
        theta = self._rng.beta(self.alpha, self.beta)
        return int(np.argmax(theta))

    def update(self, arm, reward):
        """Record that ``arm`` was played and paid ``reward``: alpha += r, beta += 1 - r.

        Parameters
        ----------
        arm : int in [0, n_arms)
        reward : float in [0, 1]
        """
        check_scalar(arm, "arm", kind=numbers.Integral, low=0, high=self.n_arms - 1)
        check_scalar(reward, "reward", low=0.0, high=1.0)
        # Conjugacy: a Bernoulli success adds one to alpha, a failure one to beta; a reward
        # in [0, 1] adds its fractional parts (the "soft" update of Agrawal and Goyal).
        self.alpha[arm] += reward
        self.beta[arm] += 1.0 - reward


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

    arms = np.empty(n_steps, dtype=np.int64)
    for t in range(n_steps):
        arm = policy.select()
        # One uniform draw per step: a Bernoulli(probs[arm]) reward.
        reward = float(rng.random() < probs[arm])
        policy.update(arm, reward)
        arms[t] = arm
    # Pseudo-regret uses the arms' MEANS, not the rewards drawn: it measures the choices,
    # without the noise of the coin flips.
    return np.cumsum(probs.max() - probs[arms])
