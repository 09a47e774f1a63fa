"""Kata preprocessing/splits: train/test split and k-fold indices.

Difficulty 1 (warm-up), target time 15 minutes.

Write the three ways of holding data out that every evaluation starts with, as
scikit-learn's train_test_split, KFold and StratifiedKFold do.

train_test_split(*arrays, test_size, shuffle, stratify, random_state)
    Split every array with the SAME indices (row i of X stays with y[i]) and return
    [a_train, a_test, b_train, b_test, ...].
    - test_size as an int is a COUNT in [1, n - 1]; as a float in (0, 1) it is a FRACTION,
      n_test = ceil(test_size * n) (rounded UP, as scikit-learn: 0.25 of 10 samples is 3).
      Anything else (0, n, 1.0, -0.5, True, "a", or a fraction leaving no training
      sample) is a ValueError mentioning test_size.
    - shuffle=False: the test part is the LAST n_test samples, in order (no randomness).
    - stratify=labels: each class gets its share of the test set, within 1 sample of
      n_test * n_class / n, and the test set still has exactly n_test samples.

k_fold_indices(n_samples, n_splits=k, shuffle, random_state)
    Yield k pairs (train_idx, test_idx). The test folds are consecutive blocks of the
    indices 0..n-1 (shuffled first if shuffle=True); the first n % k folds hold
    n // k + 1 samples and the others n // k, so no sample is left out and every sample
    is in exactly one test fold. Without shuffling this equals scikit-learn's KFold
    (train_idx is then the other samples in increasing order).

stratified_k_fold_indices(y, n_splits=k, shuffle, random_state)
    The same, but each fold keeps the class ratios: for every class, its counts across
    the folds differ by at most 1, and the fold sizes differ by at most 1 too (as
    scikit-learn's StratifiedKFold). Which samples go where is up to you.

Randomness: random_state is an int, a numpy Generator or None (turn it into a Generator
with the check_random_state call already in place); the same int gives the same split.

Complexity: O(n) per split (O(n log n) if you sort), no Python loop over samples.

Requirements:
- Input checks are written for you (at least one array, equal lengths, stratify only with
  shuffle=True, n_splits an int in [2, n_samples]).
- Never modify the input arrays; return new arrays.

Worked example:
    train_test_split(np.arange(10), test_size=0.25, shuffle=False)
        -> [array([0, 1, 2, 3, 4, 5, 6]), array([7, 8, 9])]
    [test.tolist() for _, test in k_fold_indices(7, n_splits=3)]
        -> [[0, 1, 2], [3, 4], [5, 6]]
    y = [a, a, a, a, b, b], 2 stratified folds -> each test fold holds 2 a's and 1 b

Run `pytest -k splits` to check your work; hints are in hints/preprocessing/splits.md.
"""

import math  # noqa: F401  (you may need it)
import numbers  # noqa: F401  (you may need it)

import numpy as np

from kata.validation import check_consistent_length, check_labels, check_random_state, check_scalar


def train_test_split(*arrays, test_size=0.25, shuffle=True, stratify=None, random_state=None):
    """Split arrays (sharing their first dimension) into random train and test parts.

    Parameters
    ----------
    *arrays : array-likes with the same number of samples (first dimension)
        Features, labels, weights, ...: each is split with the same indices.
    test_size : int or float, default 0.25
        An int is the number of test samples, in ``[1, n_samples - 1]``; a float in (0, 1)
        the fraction of samples, rounded up (``ceil(test_size * n_samples)``).
    shuffle : bool, default True
        Shuffle before splitting; without shuffling the test part is the last samples.
    stratify : array-like of shape (n_samples,) or None
        Class labels whose proportions the test part keeps (each class's test count is
        within 1 of its exact share). Requires ``shuffle=True``.
    random_state : int, numpy Generator or None
        Seed for the shuffle; the same int gives the same split.

    Returns
    -------
    list of ndarray, length 2 * len(arrays)
        ``[a_train, a_test, b_train, b_test, ...]``, rows kept together across arrays.

    Examples
    --------
    >>> X, y = np.arange(10).reshape(5, 2), np.array([0, 1, 0, 1, 0])
    >>> X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=2, shuffle=False)
    >>> X_test, y_test
    (array([[6, 7],
           [8, 9]]), array([1, 0]))
    """
    if not arrays:
        raise ValueError("train_test_split needs at least one array to split")
    arrays = [np.asarray(a) for a in arrays]
    if any(a.ndim == 0 for a in arrays):
        raise ValueError("every array must have at least one dimension (the samples)")
    check_consistent_length(**{f"arrays[{i}]": a for i, a in enumerate(arrays)})
    n_samples = arrays[0].shape[0]
    if n_samples < 2:
        raise ValueError(f"cannot split {n_samples} sample(s): at least 2 are needed")
    if stratify is not None:
        stratify = check_labels(stratify, name="stratify")
        check_consistent_length(arrays=arrays[0], stratify=stratify)
        if not shuffle:
            raise ValueError("stratify requires shuffle=True")
    rng = check_random_state(random_state)
    raise NotImplementedError("train_test_split")


def k_fold_indices(n_samples, n_splits=5, shuffle=False, random_state=None):
    """Yield ``(train_idx, test_idx)`` for k-fold cross-validation.

    Parameters
    ----------
    n_samples : int
        Number of samples to split (>= n_splits).
    n_splits : int, default 5
        Number of folds k (>= 2).
    shuffle : bool, default False
        Shuffle the indices once before cutting them into folds.
    random_state : int, numpy Generator or None
        Seed for the shuffle (ignored without shuffling).

    Yields
    ------
    train_idx : ndarray of int
        The samples not in this fold.
    test_idx : ndarray of int
        This fold's samples: consecutive blocks of sizes ``n // k + 1`` (the first
        ``n % k`` folds) and ``n // k`` (the others), taken from the (shuffled) indices.

    Examples
    --------
    >>> [test.tolist() for train, test in k_fold_indices(7, n_splits=3)]
    [[0, 1, 2], [3, 4], [5, 6]]
    """
    check_scalar(n_samples, "n_samples", kind=int, low=1)
    check_scalar(n_splits, "n_splits", kind=int, low=2)
    if n_splits > n_samples:
        raise ValueError(f"n_splits={n_splits} is more than the {n_samples} samples")
    rng = check_random_state(random_state)
    raise NotImplementedError("k_fold_indices")


def stratified_k_fold_indices(y, n_splits=5, shuffle=False, random_state=None):
    """Yield ``(train_idx, test_idx)`` for k-fold cross-validation that keeps class ratios.

    Parameters
    ----------
    y : array-like of shape (n_samples,)
        Class labels (any type).
    n_splits : int, default 5
        Number of folds k (>= 2, <= n_samples).
    shuffle : bool, default False
        Shuffle the samples within each class before assigning folds.
    random_state : int, numpy Generator or None
        Seed for the shuffle (ignored without shuffling).

    Yields
    ------
    train_idx : ndarray of int
        The samples not in this fold.
    test_idx : ndarray of int
        This fold's samples. Fold sizes differ by at most 1, and so do the counts of each
        class across folds.

    Examples
    --------
    >>> y = np.array(["a", "a", "a", "a", "b", "b"])
    >>> [y[test].tolist() for train, test in stratified_k_fold_indices(y, n_splits=2)]
    [['a', 'a', 'b'], ['a', 'a', 'b']]
    """
    y = check_labels(y)
    check_scalar(n_splits, "n_splits", kind=int, low=2)
    if n_splits > len(y):
        raise ValueError(f"n_splits={n_splits} is more than the {len(y)} samples")
    rng = check_random_state(random_state)
    raise NotImplementedError("stratified_k_fold_indices")
