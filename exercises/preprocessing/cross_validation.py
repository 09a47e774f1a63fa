"""Kata preprocessing/cross_validation: cross-validation and grid search.

Difficulty 2 (standard), target time 30 minutes.

Write scikit-learn's cross_val_score and a small GridSearchCV, on top of your
k_fold_indices from preprocessing/splits (already imported below):
cross_val_score(make_estimator, X, y, cv, scoring, shuffle, random_state) fits a fresh
estimator on each training fold and scores it on the held-out fold;
grid_search(make_estimator, param_grid, X, y, cv, scoring) cross-validates every
combination of hyperparameters and returns the best.

Math:
    For each (train_idx, test_idx) in k_fold_indices(n_samples, k, shuffle, random_state):
        estimator = make_estimator()                 a NEW estimator for every fold
        estimator.fit(X[train_idx], y[train_idx])
        score_i   = scoring(y[test_idx], estimator.predict(X[test_idx]))
    CV estimate of a candidate = mean_i score_i, the plain mean over the k folds (not
    weighted by fold size, as scikit-learn). param_grid = {"alpha": [0.1, 1.0],
    "degree": [1, 2, 3]} describes 2 x 3 = 6 candidates, the Cartesian product of its lists.

Shapes: X is (n_samples, n_features), y is (n_samples,) (numbers or class labels of any
type). cross_val_score returns a float64 array of shape (cv,); in grid_search each
results entry holds "scores" of shape (cv,).

Conventions:
- cross_val_score returns the k scores in fold order, as a float64 array. With
  scoring=None the score is estimator.score(X[test_idx], y[test_idx]) instead;
  otherwise scoring(y_true, y_pred) -> float, higher is better, called with the true values
  FIRST.
- The folds are exactly those of k_fold_indices(n_samples, cv, shuffle, random_state):
  random_state (int, numpy Generator or None) is handed to it unchanged, so an int gives
  the same scores every time, random_state=s gives the same folds as
  random_state=np.random.default_rng(s), and a Generator is used as given and advanced
  (two calls with the same Generator shuffle differently).
- grid_search's candidates are the product of the lists with keys in insertion order and
  the last key varying fastest (exactly what itertools.product gives):
  {alpha: 0.1, degree: 1}, {alpha: 0.1, degree: 2}, ..., {alpha: 1.0, degree: 3}.
  An empty param_grid {} is one candidate, the defaults {}. Each candidate is
  cross-validated with make_estimator(**params) on the same unshuffled folds.
- grid_search returns (best_params, best_score, results): best_params the candidate with
  the highest mean score, on a TIE the EARLIEST candidate; best_score its mean score (a
  float); results one dict per candidate, in candidate order:
  {"params": dict, "mean_score": float, "scores": array of shape (k,)}.
- An estimator is anything with fit(X, y) and predict(X) (and score(X, y) if scoring is
  None), like scikit-learn's; make_estimator is a class or any function returning one.
- Input checks are written for you (callables, X 2-D, y 1-D of the same length, cv an int
  in [2, n_samples]); grid_search must also raise ValueError (mentioning param_grid) when
  param_grid is not a dict, or one of its values is not a non-empty list.
- Never modify X or y.

Complexity: n_candidates * k fits; the bookkeeping is negligible next to the fits.

Pitfalls:
- Reusing one estimator instance across folds (or across a candidate's folds): an
  estimator that keeps state between fit calls has then already seen today's test fold.
- Scoring on the training fold instead of the held-out one.
- Calling scoring(y_pred, y_true): asymmetric scores (R^2, precision) come out wrong.
- Weighting the fold scores by fold size, or averaging before the last fold is in.
- Ties going to the last candidate (>= in a running max), or ordering the candidates by
  sorted keys instead of insertion order (scikit-learn's ParameterGrid sorts them; this
  kata does not).
- Turning a Generator random_state into None, copying it or re-seeding from it, instead
  of passing random_state to k_fold_indices unchanged.

Worked example (Mean predicts the mean of its training targets; neg_mse is -MSE):
    X = zeros((4, 1)), y = [0, 0, 2, 2], cv=2
    fold 1 tests samples 0, 1 and trains on y = [2, 2]: predicts 2, score -4
    fold 2 tests samples 2, 3 and trains on y = [0, 0]: predicts 0, score -4
    cross_val_score(Mean, X, y, cv=2, scoring=neg_mse)   -> [-4., -4.]

Run `pytest --kata preprocessing/cross_validation` to check your work; hints are in
hints/preprocessing/cross_validation.md.
"""

import functools  # noqa: F401  (you may need it)
import itertools  # noqa: F401  (you may need it)

import numpy as np  # noqa: F401  (you will need it)

from kata.validation import check_scalar, check_X_y

from ..preprocessing.splits import k_fold_indices  # noqa: F401  (your solution to splits)


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
    raise NotImplementedError("cross_val_score")


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
    raise NotImplementedError("grid_search")
