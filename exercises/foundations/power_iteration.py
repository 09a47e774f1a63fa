"""Kata foundations/power_iteration: power iteration for the dominant eigenpair.

Difficulty 2 (standard), target time 30 minutes.

Find the eigenvalue of largest magnitude of a square matrix A, and its eigenvector, using
nothing but matrix-vector products. The same loop powers PageRank, the first principal
component, and the spectral-norm estimate behind spectral normalization.

    v_0     = a random unit vector
    v_{k+1} = A v_k / ||A v_k||
    eigenvalue = v . A v       (Rayleigh quotient of the final unit vector v)

Write v_0 = sum_i c_i u_i in eigenvectors of A: then A^k v_0 = sum_i c_i lambda_i^k u_i, and
every component shrinks relative to the dominant one like |lambda_i / lambda_1|^k.

Shapes: A is (n, n); the eigenvalue is a float and the eigenvector an (n,) float64 array.

Complexity: O(n^2) per iteration (one matrix-vector product, never a matrix-matrix one);
the number of iterations grows like log(tol) / log|lambda_2 / lambda_1|.

Requirements:
- Stop when two successive unit iterates differ by less than tol (Euclidean norm) up to
  sign, or after n_iter products. Careful: for a negative dominant eigenvalue the iterate
  flips sign at every step, yet it has converged.
- Return the eigenvalue with its sign: the dominant eigenvalue of [[-6, 0], [0, 3]] is -6.
- Return the eigenvector with unit norm and its largest-magnitude entry positive.
- Start from a random vector drawn with random_state (the same int gives the same result).
  A fixed start such as ones(n) or e_1 fails whenever it is orthogonal to the answer.
- The zero matrix (more generally A v = 0) gives eigenvalue 0 and a unit vector, without
  dividing by zero.
- A must be square (ValueError otherwise: the stub checks it). Never modify A.

Worked example:
    power_iteration([[2, 2], [2, 5]])  -> (6.0, [0.4472, 0.8944])   eigenvalues 6 and 1,
                                          eigenvector [1, 2] / sqrt(5)

Run `pytest -k power_iteration` to check your work; hints are in
hints/foundations/power_iteration.md.
"""

import numbers

import numpy as np  # noqa: F401  (you will need it)

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
    raise NotImplementedError("power_iteration")
