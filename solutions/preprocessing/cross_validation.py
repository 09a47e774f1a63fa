"""Reference solution for preprocessing/cross_validation.

The statement is in exercises/preprocessing/cross_validation.py.
"""

import functools
import itertools

import numpy as np

from kata.validation import check_scalar, check_X_y

from ..preprocessing.splits import k_fold_indices


def _check_cv_arguments(make_estimator, X, y, cv, scoring):
    if not callable(make_estimator):
        raise ValueError(f"make_estimator must be callable, got {make_estimator!r}")
    if scoring is not None and not callable(scoring):
        raise ValueError(
            f"scoring must be a callable scoring(y_true, y_pred) or None, got {scoring!r}"
        )
    X, y = check_X_y(X, y, classification=True)
    check_scalar(cv, "cv", kind=int, low=2)
    if cv > X.shape[0]:
        raise ValueError(f"cv={cv} folds is more than the {X.shape[0]} samples")
    return X, y


def cross_val_score(make_estimator, X, y, cv=5, scoring=None, shuffle=False, random_state=None):
    """Score a model on each of ``cv`` folds, training a fresh estimator per fold.

    Parameters
    ----------
    make_estimator : callable
        ``make_estimator()`` returns a new, unfitted estimator with ``fit(X, y)`` and
        ``predict(X)`` (and ``score(X, y)`` if ``scoring`` is None).
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
        Targets or class labels (any type).
    cv : int, default 5
        Number of folds, made by ``k_fold_indices(n_samples, cv, shuffle, random_state)``.
    scoring : callable or None, default None
        ``scoring(y_true, y_pred) -> float``, higher is better, applied to the held-out
        fold. None uses the estimator's own ``score(X_test, y_test)``.
    shuffle : bool, default False
        Shuffle the samples before cutting the folds.
    random_state : int, numpy Generator or None
        Seed for the shuffle, passed to ``k_fold_indices`` unchanged (a Generator is used
        as given, and advanced).

    Returns
    -------
    ndarray of float64, shape (cv,)
        The score on each held-out fold, in fold order.

    Examples
    --------
    >>> class Mean:  # predicts the mean of its training targets
    ...     def fit(self, X, y):
    ...         self.mean_ = np.mean(y)
    ...         return self
    ...     def predict(self, X):
    ...         return np.full(len(X), self.mean_)
    >>> def neg_mse(y_true, y_pred):
    ...     return -np.mean((y_true - y_pred) ** 2)
    >>> X, y = np.zeros((4, 1)), np.array([0.0, 0.0, 2.0, 2.0])
    >>> cross_val_score(Mean, X, y, cv=2, scoring=neg_mse)  # each fold predicts the other
    array([-4., -4.])
    """
    X, y = _check_cv_arguments(make_estimator, X, y, cv, scoring)
    scores = []
    for train, test in k_fold_indices(X.shape[0], cv, shuffle, random_state):
        # A fresh estimator per fold: reusing one instance can carry state (or data) from
        # a fold where today's test samples were training samples, which leaks.
        estimator = make_estimator()
        estimator.fit(X[train], y[train])
        # Score on the held-out fold only: that is the whole point of cross-validation.
        if scoring is None:
            scores.append(estimator.score(X[test], y[test]))
        else:
            scores.append(scoring(y[test], estimator.predict(X[test])))
    return np.asarray(scores, dtype=np.float64)


def grid_search(make_estimator, param_grid, X, y, cv=5, scoring=None):
    """Cross-validate every combination of hyperparameters and pick the best.

    Parameters
    ----------
    make_estimator : callable
        ``make_estimator(**params)`` returns a new, unfitted estimator.
    param_grid : dict of str to non-empty list
        Candidate values per hyperparameter. The candidates are the product of the lists,
        keys in insertion order, the last key varying fastest (``itertools.product``).
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    cv : int, default 5
        Number of folds (``k_fold_indices`` without shuffling).
    scoring : callable or None, default None
        As in ``cross_val_score``; higher is better.

    Returns
    -------
    best_params : dict
        The candidate with the highest mean score; ties go to the earliest candidate.
    best_score : float
        Its mean score over the folds.
    results : list of dict
        One entry per candidate, in candidate order, with keys ``"params"`` (dict),
        ``"mean_score"`` (float) and ``"scores"`` (ndarray of shape (cv,)).

    Examples
    --------
    >>> class Constant:  # predicts the constant c
    ...     def __init__(self, c=0.0):
    ...         self.c = c
    ...     def fit(self, X, y):
    ...         return self
    ...     def predict(self, X):
    ...         return np.full(len(X), self.c)
    >>> def neg_mse(y_true, y_pred):
    ...     return -np.mean((y_true - y_pred) ** 2)
    >>> X, y = np.zeros((6, 1)), np.full(6, 2.0)
    >>> best_params, best_score, results = grid_search(
    ...     Constant, {"c": [0.0, 1.0, 2.0, 3.0]}, X, y, cv=3, scoring=neg_mse)
    >>> best_params, best_score
    ({'c': 2.0}, 0.0)
    >>> [r["mean_score"] for r in results]
    [-4.0, -1.0, 0.0, -1.0]
    """
    if not isinstance(param_grid, dict):
        raise ValueError(f"param_grid must be a dict of lists, got {type(param_grid).__name__}")
    for name, values in param_grid.items():
        if isinstance(values, str) or not hasattr(values, "__len__") or len(values) == 0:
            raise ValueError(f"param_grid[{name!r}] must be a non-empty list, got {values!r}")
    X, y = _check_cv_arguments(make_estimator, X, y, cv, scoring)
    keys = list(param_grid)
    results = []
    for combo in itertools.product(*(param_grid[k] for k in keys)):
        params = dict(zip(keys, combo, strict=True))
        # partial(make_estimator, **params) is itself a zero-argument factory, so each
        # fold still gets its own fresh estimator.
        scores = cross_val_score(
            functools.partial(make_estimator, **params), X, y, cv=cv, scoring=scoring
        )
        results.append({"params": params, "mean_score": float(scores.mean()), "scores": scores})
    # np.argmax returns the FIRST maximum: ties go to the earliest candidate, as promised.
    best = int(np.argmax([r["mean_score"] for r in results]))
    return dict(results[best]["params"]), results[best]["mean_score"], results
