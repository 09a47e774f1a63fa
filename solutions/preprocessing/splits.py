"""Reference solution for preprocessing/splits.

The statement is in exercises/preprocessing/splits.py.
"""

import math
import numbers

import numpy as np

from kata.validation import check_consistent_length, check_labels, check_random_state, check_scalar


def _n_test(test_size, n_samples):
    """The number of test samples: an int is a count, a float a fraction (rounded up)."""
    if isinstance(test_size, numbers.Integral) and not isinstance(test_size, bool):
        n_test = int(test_size)
        if not 1 <= n_test < n_samples:
            raise ValueError(
                f"test_size={test_size} as a count must be in [1, {n_samples - 1}] "
                f"for {n_samples} samples"
            )
    elif isinstance(test_size, numbers.Real) and not isinstance(test_size, bool):
        if not 0.0 < test_size < 1.0:
            raise ValueError(f"test_size={test_size} as a fraction must be in (0, 1)")
        # ceil, as scikit-learn: test_size=0.25 of 10 samples is 3 test samples, not 2.
        n_test = math.ceil(test_size * n_samples)
        if n_test >= n_samples:
            raise ValueError(
                f"test_size={test_size} of {n_samples} samples leaves no training samples"
            )
    else:
        raise ValueError(
            f"test_size must be an int (a count) or a float (a fraction), got {test_size!r}"
        )
    return n_test


def _stratified_test_indices(labels, n_test, rng):
    """Pick n_test indices so that each class gets its share of the test set (within 1)."""
    _, y = np.unique(labels, return_inverse=True)
    counts = np.bincount(y)
    # Largest-remainder apportionment: every class gets floor of its exact share
    # n_test * n_c / n, and the few seats left over go to the largest fractional parts.
    exact = n_test * counts / len(labels)
    per_class = np.floor(exact).astype(np.int64)
    leftover = n_test - per_class.sum()
    per_class[np.argsort(-(exact - per_class), kind="stable")[:leftover]] += 1
    picks = [rng.permutation(np.flatnonzero(y == c))[:k] for c, k in enumerate(per_class) if k > 0]
    return rng.permutation(np.concatenate(picks))


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
        Seed for the shuffle; the same int gives the same split, and a Generator is used
        as given (and advanced).

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

    n_test = _n_test(test_size, n_samples)
    if not shuffle:
        # Without shuffling, the test set is the tail (as scikit-learn): deterministic.
        test = np.arange(n_samples - n_test, n_samples)
        train = np.arange(n_samples - n_test)
    elif stratify is None:
        perm = rng.permutation(n_samples)
        test, train = perm[:n_test], perm[n_test:]
    else:
        test = _stratified_test_indices(stratify, n_test, rng)
        train = rng.permutation(np.setdiff1d(np.arange(n_samples), test))
    # Fancy indexing copies, so the caller's arrays are never shared or modified.
    return [part for a in arrays for part in (a[train], a[test])]


def _check_folds(n_samples, n_splits):
    check_scalar(n_splits, "n_splits", kind=int, low=2)
    if n_splits > n_samples:
        raise ValueError(f"n_splits={n_splits} is more than the {n_samples} samples")


def _fold_sizes(n_samples, n_splits):
    # Every sample is used: the first n % k folds take one extra sample (as scikit-learn).
    sizes = np.full(n_splits, n_samples // n_splits)
    sizes[: n_samples % n_splits] += 1
    return sizes


def _split_from_test(n_samples, test):
    in_test = np.zeros(n_samples, dtype=bool)
    in_test[test] = True
    return np.flatnonzero(~in_test), test


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
        Seed for the shuffle (ignored without shuffling); a Generator is used as given
        (and advanced).

    Yields
    ------
    train_idx : ndarray of int
        The samples not in this fold, sorted.
    test_idx : ndarray of int
        This fold's samples, sorted: consecutive blocks of sizes ``n // k + 1`` (the first
        ``n % k`` folds) and ``n // k`` (the others), taken from the (shuffled) indices.

    Examples
    --------
    >>> [test.tolist() for train, test in k_fold_indices(7, n_splits=3)]
    [[0, 1, 2], [3, 4], [5, 6]]
    """
    check_scalar(n_samples, "n_samples", kind=int, low=1)
    _check_folds(n_samples, n_splits)
    rng = check_random_state(random_state)
    indices = rng.permutation(n_samples) if shuffle else np.arange(n_samples)
    sizes = _fold_sizes(n_samples, n_splits)
    stops = np.cumsum(sizes)
    for start, stop in zip(stops - sizes, stops, strict=True):
        # Sorted within the fold, as scikit-learn's KFold (the shuffle picks which samples).
        yield _split_from_test(n_samples, np.sort(indices[start:stop]))


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
        Seed for the shuffle (ignored without shuffling); a Generator is used as given
        (and advanced).

    Yields
    ------
    train_idx : ndarray of int
        The samples not in this fold, sorted.
    test_idx : ndarray of int
        This fold's samples, sorted. Fold sizes differ by at most 1, and so do the counts of each
        class across folds.

    Examples
    --------
    >>> y = np.array(["a", "a", "a", "a", "b", "b"])
    >>> [y[test].tolist() for train, test in stratified_k_fold_indices(y, n_splits=2)]
    [['a', 'a', 'b'], ['a', 'a', 'b']]
    """
    y = check_labels(y)
    _check_folds(len(y), n_splits)
    rng = check_random_state(random_state)
    # Line the samples up class by class (shuffled within each class if asked), then deal
    # them to folds like cards: position j goes to fold j mod k. Each class is a run of
    # consecutive positions, so its members spread over the folds within 1 of each other,
    # and the folds' total sizes also differ by at most 1.
    _, codes = np.unique(y, return_inverse=True)
    order = rng.permutation(len(y)) if shuffle else np.arange(len(y))
    order = order[np.argsort(codes[order], kind="stable")]
    for fold in range(n_splits):
        yield _split_from_test(len(y), np.sort(order[fold::n_splits]))
