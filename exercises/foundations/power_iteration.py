"""Kata foundations/power_iteration: power iteration for the dominant eigenpair.

Difficulty 2 (standard), target time 30 minutes.

Find the eigenvalue of largest magnitude of a square matrix A, and its eigenvector, using
nothing but matrix-vector products: power_iteration(A, n_iter=1000, tol=1e-10,
random_state=None) -> (eigenvalue, eigenvector). The same loop powers PageRank, the first
principal component, and the spectral-norm estimate behind spectral normalization.

Math:
    v_0     = a random unit vector
    v_{k+1} = A v_k / ||A v_k||
    eigenvalue = v . A v       (Rayleigh quotient of the final unit vector v)
    Write v_0 = sum_i c_i u_i in eigenvectors of A: then A^k v_0 = sum_i c_i lambda_i^k u_i,
    and every component shrinks relative to the dominant one like |lambda_i / lambda_1|^k.

Shapes: A is (n, n); the eigenvalue is a Python float and the eigenvector an (n,) float64
array.

Conventions:
- n_iter is the maximum number of products by A (>= 1): n_iter=1 returns the unit vector
  A v_0 / ||A v_0||. Stop earlier when two successive unit iterates differ by less than
  tol (Euclidean norm) up to sign: for a negative dominant eigenvalue the iterate flips
  sign at every step, yet it has converged. tol=0 runs all n_iter products.
- Return the LAST iterate (the one after the final product) and the eigenvalue computed
  from it, with its sign: the dominant eigenvalue of [[-6, 0], [0, 3]] is -6.
- The eigenvector has unit norm and its largest-magnitude entry positive.
- The start vector is random, drawn from the Generator the stub makes from random_state
  (None, int or numpy Generator): the same int gives the same result, random_state=s and
  np.random.default_rng(s) give the same result, and a Generator is used as given and
  advanced.
- When A v = 0 (the zero matrix, a nilpotent matrix) stop there: eigenvalue 0 and that
  unit v, without dividing by zero.
- A must be square, finite and 2-D; n_iter an integer >= 1 and tol >= 0 (ValueError
  otherwise: the stub checks them). Never modify A.

Complexity: O(n^2) per iteration (one matrix-vector product, never a matrix-matrix one);
the number of iterations grows like log(tol) / log|lambda_2 / lambda_1|.

Pitfalls:
- ||A v|| as the eigenvalue: it loses the sign of a negative eigenvalue.
- Comparing v_new with v without "up to sign": a negative dominant eigenvalue never
  converges, and the loop runs all n_iter products.
- A fixed start such as ones(n) or e_1: it fails whenever it is orthogonal to the answer.
- np.random instead of the Generator from random_state (not reproducible).
- Dividing by ||A v|| = 0 (or spotting the NaN afterwards: 0/0 was still computed).
- Off by one in the number of products, or returning the iterate before the last product.
- No sign convention on the eigenvector, or one based on the sum or the first entry.

Worked example:
    power_iteration([[2, 2], [2, 5]])  -> (6.0, [0.4472, 0.8944])   eigenvalues 6 and 1,
                                          eigenvector [1, 2] / sqrt(5)
    power_iteration([[0, 1, 0], [0, 0, 1], [0, 0, 0]], n_iter=2, tol=0)
                                       -> (0.0, [1, 0, 0])   (S^2 v_0 is along e_1)

Run `pytest --kata foundations/power_iteration` to check your work; hints are in
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
