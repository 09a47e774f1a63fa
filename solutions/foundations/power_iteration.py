"""Reference solution for foundations/power_iteration.

The statement is in exercises/foundations/power_iteration.py.
"""

import numbers

import numpy as np

from kata.validation import check_array, check_random_state, check_scalar


def power_iteration(A, n_iter=1000, tol=1e-10, random_state=None):
    """Dominant eigenpair (largest ``|eigenvalue|``) of a square matrix by power iteration.

    Parameters
    ----------
    A : array-like of shape (n, n)
        A real matrix whose eigenvalue of largest magnitude is real and unique, as for a
        symmetric matrix whose two largest ``|eigenvalues|`` differ.
    n_iter : int, default 1000
        The maximum number of multiplications by ``A``, >= 1.
    tol : float, default 1e-10
        Stop once two successive unit iterates differ by less than ``tol`` (Euclidean norm,
        up to sign: for a negative eigenvalue the iterates flip sign at every step).
    random_state : None, int or numpy.random.Generator, default None
        Seeds the random start vector.

    Returns
    -------
    eigenvalue : float
        The Rayleigh quotient ``v . A v``: the dominant eigenvalue, with its sign.
    eigenvector : ndarray of float64, shape (n,)
        Unit norm, with its largest-magnitude entry positive. If ``A v = 0`` (e.g. ``A`` is
        the zero matrix) the eigenvalue is 0 and ``v`` is the current unit iterate.

    Examples
    --------
    >>> value, vector = power_iteration([[2.0, 2.0], [2.0, 5.0]], random_state=0)
    >>> round(value, 12), vector.round(6)  # eigenvalues 6 and 1
    (6.0, array([0.447214, 0.894427]))
    """
    A = check_array(A, name="A")
    if A.shape[0] != A.shape[1]:
        raise ValueError(f"A must be square (n, n), got shape {A.shape}")
    n_iter = check_scalar(n_iter, "n_iter", kind=numbers.Integral, low=1)
    tol = check_scalar(tol, "tol", low=0.0)
    rng = check_random_state(random_state)
    # A random start has a non-zero component along the dominant eigenvector with
    # probability 1; a fixed one such as ones(n) can be orthogonal to it and never find it.
    v = rng.standard_normal(A.shape[0])
    v /= np.linalg.norm(v)
    for _ in range(n_iter):
        w = A @ v
        norm = np.linalg.norm(w)
        if norm == 0.0:  # A v = 0 = 0 v: v is an eigenvector for 0 (and no 0/0 below)
            break
        w /= norm
        # Each step multiplies the component along eigenvector i by lambda_i, so the others
        # shrink like |lambda_2 / lambda_1|^k. A negative lambda_1 flips the sign of the
        # iterate every step, so measure the change up to sign.
        change = min(np.linalg.norm(w - v), np.linalg.norm(w + v))
        v = w
        if change < tol:
            break
    # An eigenvector's sign is arbitrary: make the largest-magnitude entry positive.
    v = v * np.sign(v[np.argmax(np.abs(v))])
    # The Rayleigh quotient (v unit) keeps the eigenvalue's sign, unlike ||A v||, and for a
    # symmetric A its error is the square of the eigenvector's.
    return float(v @ A @ v), v
