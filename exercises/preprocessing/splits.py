"""Kata preprocessing/splits: train/test split and k-fold indices.

Difficulty 1 (warm-up), target time 15 minutes.

Write the three ways of holding data out that every evaluation starts with, as
scikit-learn's train_test_split, KFold and StratifiedKFold do: train_test_split(*arrays,
test_size, shuffle, stratify, random_state) splits every array with the same indices;
k_fold_indices(n_samples, n_splits, shuffle, random_state) and
stratified_k_fold_indices(y, n_splits, shuffle, random_state) yield k pairs
(train_idx, test_idx).

Math:
    n_test = ceil(test_size * n) for a fractional test_size (0.25 of 10 samples is 3).
    k folds of n samples: the first n % k folds hold n // k + 1 samples and the others
    n // k, so sum of the fold sizes = (n % k)(n // k + 1) + (k - n % k)(n // k) = n.
    Stratified: a class with n_c samples puts floor(n_c / k) or ceil(n_c / k) of them in
    each fold; in the test set of a stratified split it gets about n_test * n_c / n.

Shapes: the arrays of train_test_split share their first dimension n (any number of
further dimensions); it returns [a_train, a_test, b_train, b_test, ...] with the rows of
each array taken by the same indices. train_idx and test_idx are 1-D integer arrays.

Conventions:
- train_test_split: test_size as an int is a COUNT in [1, n - 1]; as a float in (0, 1) a
  FRACTION, n_test = ceil(test_size * n) (rounded UP, as scikit-learn). Anything else
  (0, n, 1.0, -0.5, True, "a", or a fraction leaving no training sample) is a ValueError
  mentioning test_size. Row i of every array stays with row i of the others.
- shuffle=False: the test part is the LAST n_test samples, in order, and the training part
  the first n - n_test, in order (no randomness). shuffle=True: both parts come out in
  random order.
- stratify=labels (requires shuffle=True): each class's test count is within 1 sample of
  n_test * n_class / n, and the test set still has exactly n_test samples.
- k_fold_indices: the test folds are consecutive blocks of the indices 0..n-1 (of a random
  permutation of them when shuffle=True), of the sizes above, so every sample is in
  exactly one test fold. Both train_idx and test_idx come out SORTED in increasing order,
  also when shuffle=True (as scikit-learn's KFold); without shuffling the folds equal
  KFold's exactly.
- stratified_k_fold_indices: for every class, its counts across the folds differ by at
  most 1, and the fold sizes differ by at most 1 too (as StratifiedKFold); train_idx and
  test_idx sorted. Which samples go where is up to you.
- random_state is an int, a numpy Generator or None; the check_random_state call already
  in place turns it into a Generator: draw every random number from that generator. The
  same int gives the same split every time, and random_state=s gives the same split as
  random_state=np.random.default_rng(s). A Generator is used as given and advanced, so
  two calls with the same Generator give different splits. Without shuffling,
  random_state is ignored.
- Input checks are written for you (at least one array, equal lengths, stratify only with
  shuffle=True, n_splits an int in [2, n_samples]). Never modify the input arrays; return
  new arrays (copies, not views).

Complexity: O(n) per split (O(n log n) if you sort), no Python loop over samples.

Pitfalls:
- Rounding n_test down (int(0.25 * 10) = 2, scikit-learn gives 3).
- Shuffling each array with its own permutation: rows of X and y no longer match.
- shuffle=False taking the head instead of the tail, or still shuffling.
- Folds of n // k samples that drop the n % k leftover samples, or a last fold that takes
  all of them (sizes must differ by at most 1, the larger ones first).
- "Shuffling" by reordering the folds: the folds must hold different groups of samples.
- Yielding the test fold in shuffled order instead of sorted.
- np.random.permutation / np.random.shuffle (global state) instead of the Generator, so
  the same random_state does not repeat the split; copying the Generator instead of using it.
- Stratifying by rounding each class's share separately: the test set ends up with more
  or fewer than n_test samples.

Worked example:
    train_test_split(np.arange(10), test_size=0.25, shuffle=False)
        -> [array([0, 1, 2, 3, 4, 5, 6]), array([7, 8, 9])]
    [test.tolist() for _, test in k_fold_indices(7, n_splits=3)]
        -> [[0, 1, 2], [3, 4], [5, 6]]
    with shuffle=True each test fold is a sorted random subset, e.g. [[1, 4, 6], [0, 5], [2, 3]]
    y = [a, a, a, a, b, b], 2 stratified folds -> each test fold holds 2 a's and 1 b

Run `pytest --kata preprocessing/splits` to check your work; hints are in
hints/preprocessing/splits.md.
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
    check_scalar(n_splits, "n_splits", kind=int, low=2)
    if n_splits > len(y):
        raise ValueError(f"n_splits={n_splits} is more than the {len(y)} samples")
    rng = check_random_state(random_state)
    raise NotImplementedError("stratified_k_fold_indices")
