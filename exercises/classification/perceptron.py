"""Kata classification/perceptron: Perceptron.

Difficulty 1 (warm-up), target time 15 minutes.

Train Rosenblatt's perceptron, the first learning algorithm for a linear classifier, for
two classes with any labels. It is an online rule that visits the samples one at a time
and moves the boundary only when a sample is on the wrong side of it.

Math:
    score z = x.w + b; prediction classes_[1] if z > 0, else classes_[0].
    Labels coded s_i = +1 if y_i == classes_[1] else -1; start at w = 0, b = 0.
    For each visited sample i:
        if s_i * (x_i.w + b) <= 0:          (wrong side of the boundary, or on it)
            w <- w + learning_rate * s_i * x_i
            b <- b + learning_rate * s_i
            count one mistake
    Each update uses the w and b left by the previous sample (online, not batch).

    Convergence (Novikoff): if some (u, c) separates the data with margin gamma, i.e.
    s_i (x_i.u + c) >= gamma ||(u, c)|| for all i, the total number of mistakes is at
    most (R / gamma)^2 with R = max_i ||(x_i, 1)||. On data that no line separates the
    perceptron never has a clean epoch: the max_iter cap is what stops it.

Shapes: X is (n, d); y is (n,) with exactly two distinct labels of any type (0/1, -1/+1,
strings, {3, 7}, ...). coef_ is (1, d), intercept_ is (1,), classes_ is (2,), errors_ is
a list of ints. decision_function gives the scores (n,); predict gives (n,) labels taken
from classes_.

Conventions:
- classes_ = the two labels, sorted; classes_[1] is the positive class (s = +1). A y with
  fewer or more than two classes is a ValueError whose message contains "2 classes".
- Start at w = 0, b = 0. One epoch visits every sample once, in order 0, 1, ..., n-1, or,
  if shuffle is True, in a fresh random permutation drawn from the generator of
  random_state (check_random_state) at the start of every epoch.
- A sample with s * score <= 0 is a mistake (a score of exactly 0 included) and updates
  both w and b; a correctly classified sample changes nothing.
- After each epoch, append its number of mistakes to errors_. Stop after the first epoch
  with zero mistakes, or after max_iter epochs, whichever comes first; n_iter_ is the
  number of epochs run (len(errors_) == n_iter_). coef_ and intercept_ are the last
  iterate, and a second fit starts again from zero.
- decision_function = X @ coef_[0] + intercept_[0]; predict gives classes_[1] where it is
  > 0, else classes_[0] (a score of 0 predicts classes_[0]).
- Never modify X or y; results are float64.

Complexity: O(n d) time per epoch, O(d) memory besides X. The visit is sequential (each
update changes w for the next sample), so a Python loop over samples is a fine first answer;
a pass over all of X inside it is not. Follow-up: w only changes at a mistake, so the
samples up to the next mistake can be scored in one product.

Pitfalls:
- Never assume the labels are -1/+1 or 0/1: map them through classes_.
- A point with score exactly 0 is a mistake ("<= 0"): otherwise the all-zero start never
  makes its first update.
- Only mistakes update: adding s * x for every sample is a different (wrong) algorithm,
  and so is one batched update per epoch.
- Update the intercept too, scaled by learning_rate like w: without it the boundary must
  pass through the origin.
- Keep going until an epoch has no mistake (count that clean epoch in errors_); stop at
  max_iter whatever happens. Return the last weights, not the best ones seen.
- Shuffling draws a permutation (each sample once per epoch), not n draws with
  replacement, and a new one every epoch.

Worked example: a hand trace with learning_rate = 1, X = [[1], [2], [4], [5]],
y = [0, 0, 1, 1], so s = [-1, -1, +1, +1].
    epoch 1: x=1: score 0 -> mistake, w=-1, b=-1;  x=2: -3, fine;
             x=4: -5 -> mistake, w=3, b=0;          x=5: 15, fine.         2 mistakes
    epoch 2: mistakes at x=1 (w=2, b=-1), x=2 (w=0, b=-2), x=4 (w=4, b=-1)  3 mistakes
    epoch 3: mistakes at x=1 (w=3, b=-2), x=2 (w=1, b=-3)                  2 mistakes
    epoch 4: scores -2, -1, 1, 2: no mistake, stop.
    So errors_ == [2, 3, 2, 0], n_iter_ == 4, coef_ == [[1.0]], intercept_ == [-3.0]:
    the boundary is x = 3.

Run `pytest --kata classification/perceptron` to check your work; hints are in
hints/classification/perceptron.md.
"""

import numbers

import numpy as np

from kata.validation import check_fitted_input, check_random_state, check_scalar, check_X_y


class Perceptron:
    """Rosenblatt's perceptron for two classes, trained online epoch by epoch.

    Visits the samples in order (or in a fresh random order each epoch when ``shuffle``);
    every sample with ``s * (w.x + b) <= 0`` (wrong side or on the boundary) is a mistake
    and triggers ``w += learning_rate * s * x``, ``b += learning_rate * s``, where
    ``s = +1`` for ``classes_[1]`` and ``-1`` for ``classes_[0]``. Training stops after the
    first epoch without a mistake, or after ``max_iter`` epochs.

    Parameters
    ----------
    max_iter : int, default 100
        Maximum number of epochs (passes over the data). Must be >= 1.
    learning_rate : float, default 1.0
        Step size of each update. Must be > 0.
    shuffle : bool, default False
        Whether to visit the samples in a new random order at every epoch.
    random_state : int, numpy Generator or None, default None
        Seeds the shuffling; the same int gives the same model.

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
        The two labels, sorted; ``classes_[1]`` is the positive class.
    coef_ : ndarray of shape (1, n_features)
    intercept_ : ndarray of shape (1,)
    n_iter_ : int
        Number of epochs run.
    errors_ : list of int
        Number of mistakes (updates) in each epoch; ``len(errors_) == n_iter_``.
    n_features_in_ : int

    Examples
    --------
    >>> X = np.array([[1.0], [2.0], [4.0], [5.0]])
    >>> model = Perceptron().fit(X, ["low", "low", "high", "high"])
    >>> model.errors_
    [2, 3, 2, 0]
    >>> model.predict([[0.0], [10.0]])
    array(['low', 'high'], dtype='<U4')
    """

    def __init__(self, max_iter=100, learning_rate=1.0, shuffle=False, random_state=None):
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.shuffle = shuffle
        self.random_state = random_state

    def fit(self, X, y):
        """Run perceptron epochs until one has no mistake or ``max_iter`` is reached.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Exactly two distinct labels of any sortable type (ints, strings, ...).

        Returns
        -------
        self : Perceptron
            The fitted model.
        """
        X, y = check_X_y(X, y, classification=True)
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, low=1)
        check_scalar(self.learning_rate, "learning_rate", low=0, low_inclusive=False)
        if not isinstance(self.shuffle, bool | np.bool_):
            raise ValueError(f"shuffle must be True or False, got {self.shuffle!r}")
        rng = check_random_state(self.random_state)
        self.n_features_in_ = X.shape[1]
        raise NotImplementedError("Perceptron.fit")

    def decision_function(self, X):
        """Signed score ``X @ coef_.T + intercept_``: positive means ``classes_[1]``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
        """
        X = check_fitted_input(self, X, attribute="coef_")
        raise NotImplementedError("Perceptron.decision_function")

    def predict(self, X):
        """``classes_[1]`` where the score is > 0, else ``classes_[0]``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
            Labels taken from ``classes_``.
        """
        X = check_fitted_input(self, X, attribute="coef_")
        raise NotImplementedError("Perceptron.predict")
