"""Reference solution for foundations/pairwise_distances.

The statement is in exercises/foundations/pairwise_distances.py.
"""

import numpy as np

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
    # ||a - b||^2 = ||a||^2 + ||b||^2 - 2 a.b: one (n, d) @ (d, m) product (BLAS) and two
    # vectors of squared norms, so memory stays O(nm) instead of an (n, m, d) difference.
    sq_A = np.einsum("ij,ij->i", A, A)
    sq_B = sq_A if B is A else np.einsum("ij,ij->i", B, B)
    # Built in place on the one (n, m) array the product allocates: each extra (n, m)
    # temporary costs a fresh allocation (page faults), which dominates at kata sizes.
    D = A @ B.T
    D *= -2.0
    D += sq_A[:, None]
    D += sq_B[None, :]
    # The expansion cancels catastrophically for nearly equal rows and can dip below 0 by
    # rounding: clip before the square root, which would otherwise give NaN.
    np.maximum(D, 0.0, out=D)
    if B is A:
        # B was None (or the very same array): each row's distance to itself is exactly 0,
        # which the expansion only reaches up to rounding.
        np.fill_diagonal(D, 0.0)
    return D if squared else np.sqrt(D, out=D)


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
    # |a - b| has no matrix-product expansion, so broadcasting all features at once would
    # build an (n, m, d) array. Looping over the d features instead adds one (n, m) block
    # at a time: the same O(nmd) work, but O(nm) memory, and each step is vectorized.
    # Writing into one reused buffer (out=) also avoids allocating d fresh (n, m) arrays.
    D = np.zeros((A.shape[0], B.shape[0]))
    diff = np.empty_like(D)
    for k in range(A.shape[1]):
        np.subtract(A[:, k, None], B[None, :, k], out=diff)
        D += np.abs(diff, out=diff)
    return D


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
    # Normalize the rows first, then one matrix product gives every cosine. A zero row
    # keeps norm "1" so that it stays a zero row (0/0 would be NaN): similarity 0.
    norm_A = np.linalg.norm(A, axis=1, keepdims=True)
    norm_B = np.linalg.norm(B, axis=1, keepdims=True)
    A_unit = A / np.where(norm_A == 0.0, 1.0, norm_A)  # new arrays: the inputs stay intact
    B_unit = B / np.where(norm_B == 0.0, 1.0, norm_B)
    # Rounding can push a cosine of parallel rows a hair past 1; keep it a valid cosine.
    return np.clip(A_unit @ B_unit.T, -1.0, 1.0)
