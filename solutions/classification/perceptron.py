"""Reference solution for classification/perceptron.

The statement is in exercises/classification/perceptron.py.
"""

import numbers

import numpy as np

from kata.validation import check_fitted_input, check_random_state, check_scalar, check_X_y

#: The fewest samples scored by one product (the block then adapts to the gap between mistakes).
_BLOCK = 64


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

        self.classes_ = np.unique(y)
        if self.classes_.size != 2:
            raise ValueError(
                f"Perceptron is binary: y must have exactly 2 classes, "
                f"got {self.classes_.size} ({self.classes_.tolist()[:5]})"
            )
        s = np.where(y == self.classes_[1], 1.0, -1.0)  # +-1 whatever the labels are

        n, d = X.shape
        w, b = np.zeros(d), 0.0
        self.errors_ = []
        for _ in range(self.max_iter):  # bounded: non-separable data never reaches 0 errors
            # This epoch's visiting order, as contiguous arrays (one copy per epoch), so that
            # the blocks below are slices, not gathers.
            if self.shuffle:
                visit = rng.permutation(n)
                Xe, se = X[visit], s[visit]
            else:
                Xe, se = X, s
            mistakes = 0
            # Online updates: each mistake changes w for the samples after it, so the visit is
            # sequential. But w only changes AT a mistake: score a block of the next samples
            # with the current w in one product, jump to the block's first mistake, update,
            # and resume just after it. Same updates as the one-sample loop, and the Python
            # work is per mistake rather than per sample (late epochs make few mistakes).
            pos, size = 0, _BLOCK
            resume = 0  # where the visit resumed after the last mistake
            while pos < n:
                stop = min(pos + size, n)
                # "<= 0": a point on the boundary is a mistake too; with "< 0" the
                # all-zero start would classify nothing as wrong and never move.
                wrong = se[pos:stop] * (Xe[pos:stop] @ w + b) <= 0
                first = int(wrong.argmax())  # the first True (0 when there is none)
                if not wrong[first]:
                    # A clean block: the next mistake is probably far, so look further at
                    # once (at most twice the work of the gap, and log-many products).
                    pos, size = stop, 2 * size
                    continue
                i = pos + first
                gap = i - resume  # clean samples since the previous mistake
                w += self.learning_rate * se[i] * Xe[i]
                b += self.learning_rate * se[i]
                mistakes += 1
                # The next mistake is probably about as far away as this one was: a block
                # of twice that gap keeps both the wasted scores and the products few.
                resume = pos = i + 1
                size = max(_BLOCK, 2 * gap)
            self.errors_.append(mistakes)
            if mistakes == 0:  # a full clean pass: every sample is classified correctly
                break

        self.n_iter_ = len(self.errors_)
        self.coef_ = w.reshape(1, -1)
        self.intercept_ = np.array([b])
        return self

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
        return X @ self.coef_[0] + self.intercept_[0]

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
        return self.classes_[(self.decision_function(X) > 0).astype(int)]
