"""Kata foundations/pairwise_distances: pairwise Euclidean, Manhattan and cosine.

Difficulty 1 (warm-up), target time 15 minutes.

Compute the distance (or similarity) between every row of A and every row of B in one
vectorized call: euclidean_distances(A, B=None, squared=False),
manhattan_distances(A, B=None) and cosine_similarity(A, B=None). k-NN, k-means, kernels,
DBSCAN and clustering all start here.

Math:
    euclidean_distances(A, B)[i, j]  = ||a_i - b_j||   = sqrt(sum_k (a_ik - b_jk)^2)
    manhattan_distances(A, B)[i, j]  = ||a_i - b_j||_1 = sum_k |a_ik - b_jk|
    cosine_similarity(A, B)[i, j]    = a_i . b_j / (||a_i|| ||b_j||)
    ||a - b||^2 = ||a||^2 - 2 a.b + ||b||^2 turns all the squared distances into one
    matrix product plus two vectors of squared norms.

Shapes: A is (n, d), B is (m, d) (B=None means B = A); every result is (n, m), float64.

Conventions:
- A and B must have the same number of features d (ValueError otherwise), 2-D, finite and
  non-empty: the stub's check_pairwise_arrays call checks it. With B=None it returns the
  very same array twice, so after it `B is A` tells that the rows are compared with
  themselves, whether B was None or the caller passed A twice.
- Distances are never negative, not even by rounding (a formula that subtracts large,
  nearly equal numbers can return -1e-7 for two nearly equal rows, and its square root is
  NaN): clip at 0, and only that (no threshold on small values, no eps added).
- When B is A (B=None, or A passed as both arguments) the diagonal of
  euclidean_distances is exactly 0, as scikit-learn guarantees; with another B it is the
  distance between A[i] and B[i], whatever the shapes.
- squared=True returns the squared Euclidean distances (no square root).
- cosine_similarity lies in [-1, 1] (clip the rounding), and is scale-invariant for rows
  of any nonzero norm, 1e-150 included. A row whose norm is exactly 0 has similarity 0 with
  every row, itself included (as scikit-learn), never NaN and without computing 0/0.
- Never modify A or B in place.

Complexity: O(n m d) time and only O(n m) extra memory. No (n, m, d) intermediate: for
n = m = 10 000 and d = 100 that array alone would take 80 GB (the tests measure the peak).
Euclidean distances and cosine similarities can each be done with one matrix product, which
BLAS runs far faster than any loop you write; Manhattan has no such expansion, so add one
(n, m) block per feature.

Pitfalls:
- Forgetting to clip the expansion at 0 (NaN from the square root of -1e-7).
- sqrt(D + 1e-12) or D[D < 1e-12] = 0: every small distance is biased or wiped out.
- Zeroing the diagonal whenever the result is square, or only when B is None (testing
  `B is None` before the validation line instead of `B is A` after it).
- Manhattan without the absolute value, or with squares (that is squared Euclidean).
- Cosine: dividing by the norm of the whole matrix instead of each row's own norm; an eps
  or a threshold on the norms (rows of norm 1e-150 are not zero rows); computing 0/0 and
  then replacing the NaN (np.nan_to_num, np.where evaluates both branches); forgetting
  the clip to [-1, 1] (np.arccos of 1 + 2e-16 is NaN).
- A[:, None, :] - B[None, :, :]: an (n, m, d) temporary.
- A /= norms: modifies the caller's array.

Worked example:
    euclidean_distances([[0, 0], [3, 4]])                  -> [[0, 5], [5, 0]]
    euclidean_distances([[0, 0], [3, 4]], squared=True)    -> [[0, 25], [25, 0]]
    manhattan_distances([[0, 0]], [[3, -4], [1, 1]])       -> [[7, 2]]
    cosine_similarity([[1, 0], [0, 0]], [[2, 0], [1, 1]])  -> [[1, 0.7071], [0, 0]]

Run `pytest --kata foundations/pairwise_distances` to check your work; hints are in
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
        Defaults to ``A`` itself; the diagonal of the result is then exactly 0, as it is
        when the very same array is passed as ``A`` and ``B``.
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
