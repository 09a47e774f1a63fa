"""Kata foundations/pairwise_distances: pairwise Euclidean, Manhattan and cosine.

Difficulty 1 (warm-up), target time 15 minutes.

Compute the distance (or similarity) between every row of A and every row of B in one
vectorized call. k-NN, k-means, kernels, DBSCAN and clustering all start here.

    euclidean_distances(A, B)[i, j]  = ||a_i - b_j||   = sqrt(sum_k (a_ik - b_jk)^2)
    manhattan_distances(A, B)[i, j]  = ||a_i - b_j||_1 = sum_k |a_ik - b_jk|
    cosine_similarity(A, B)[i, j]    = a_i . b_j / (||a_i|| ||b_j||)

Shapes: A is (n, d), B is (m, d) (B=None means B = A); every result is (n, m), float64.
A and B must have the same number of features d (ValueError otherwise: the stub checks it).

Complexity: O(n m d) time and only O(n m) extra memory. No (n, m, d) intermediate: for
n = m = 10 000 and d = 100 that array alone would take 80 GB (the tests measure the peak).
Euclidean distances and cosine similarities can each be done with one matrix product, which
BLAS runs far faster than any loop you write.

Requirements:
- Distances are never negative, not even by rounding: a formula that subtracts large, nearly
  equal numbers can return -1e-7 for two nearly equal rows, and its square root is NaN.
- euclidean_distances(A) (B=None) has an exactly 0 diagonal, as scikit-learn guarantees.
- squared=True returns the squared Euclidean distances (no square root).
- A zero row has cosine similarity 0 with every row, itself included (as scikit-learn),
  never NaN.
- Never modify A or B in place.

Worked example:
    euclidean_distances([[0, 0], [3, 4]])                  -> [[0, 5], [5, 0]]
    euclidean_distances([[0, 0], [3, 4]], squared=True)    -> [[0, 25], [25, 0]]
    manhattan_distances([[0, 0]], [[3, -4], [1, 1]])       -> [[7, 2]]
    cosine_similarity([[1, 0], [0, 0]], [[2, 0], [1, 1]])  -> [[1, 0.7071], [0, 0]]

Run `pytest -k pairwise_distances` to check your work; hints are in
hints/foundations/pairwise_distances.md.
"""

import numpy as np  # noqa: F401  (you will need it)

from kata.validation import check_pairwise_arrays


def euclidean_distances(A, B=None, squared=False):
    """Euclidean distance between every row of ``A`` and every row of ``B``.

    Parameters
    ----------
    A : array-like of shape (n, d)
    B : array-like of shape (m, d), optional
        Defaults to ``A`` itself; the diagonal of the result is then exactly 0.
    squared : bool, default False
        Return the squared distances ``||a_i - b_j||^2`` instead.

    Returns
    -------
    ndarray of float64, shape (n, m)
        Entry ``[i, j]`` is ``||A[i] - B[j]||`` (squared if ``squared``); never negative.

    Examples
    --------
    >>> euclidean_distances([[0.0, 0.0], [3.0, 4.0]])
    array([[0., 5.],
           [5., 0.]])
    """
    A, B = check_pairwise_arrays(A, B)
    raise NotImplementedError("euclidean_distances")


def manhattan_distances(A, B=None):
    """Manhattan (L1, city-block) distance between every row of ``A`` and every row of ``B``.

    Parameters
    ----------
    A : array-like of shape (n, d)
    B : array-like of shape (m, d), optional
        Defaults to ``A`` itself.

    Returns
    -------
    ndarray of float64, shape (n, m)
        Entry ``[i, j]`` is ``sum_k |A[i, k] - B[j, k]|``.

    Examples
    --------
    >>> manhattan_distances([[0.0, 0.0]], [[3.0, -4.0], [1.0, 1.0]])
    array([[7., 2.]])
    """
    A, B = check_pairwise_arrays(A, B)
    raise NotImplementedError("manhattan_distances")


def cosine_similarity(A, B=None):
    """Cosine of the angle between every row of ``A`` and every row of ``B``.

    Parameters
    ----------
    A : array-like of shape (n, d)
    B : array-like of shape (m, d), optional
        Defaults to ``A`` itself.

    Returns
    -------
    ndarray of float64, shape (n, m)
        Entry ``[i, j]`` is ``a_i . b_j / (||a_i|| ||b_j||)``, in [-1, 1]. A zero row has
        similarity 0 with every row (as scikit-learn), never NaN.

    Examples
    --------
    >>> cosine_similarity([[1.0, 0.0], [0.0, 0.0]], [[2.0, 0.0], [1.0, 1.0]])
    array([[1.        , 0.70710678],
           [0.        , 0.        ]])
    """
    A, B = check_pairwise_arrays(A, B)
    raise NotImplementedError("cosine_similarity")
