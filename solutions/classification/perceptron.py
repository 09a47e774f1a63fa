"""Reference solution for classification/perceptron.

The statement is in exercises/classification/perceptron.py.
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
            order = rng.permutation(n) if self.shuffle else range(n)
            mistakes = 0
            for i in order:  # online updates: each one changes w for the next sample
                # "<= 0": a point on the boundary is a mistake too; with "< 0" the
                # all-zero start would classify nothing as wrong and never move.
                if s[i] * (X[i] @ w + b) <= 0:
                    w += self.learning_rate * s[i] * X[i]
                    b += self.learning_rate * s[i]
                    mistakes += 1
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
