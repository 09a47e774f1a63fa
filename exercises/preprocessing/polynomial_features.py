"""Kata preprocessing/polynomial_features: polynomial features.

Difficulty 2 (standard), target time 30 minutes.

Write scikit-learn's PolynomialFeatures: expand each sample's features into all monomials of
total degree <= `degree`, so that a linear model fitted on the output is a polynomial model.
fit works out the monomials (it only looks at X's number of features), transform computes
them for any X with that many features.

Math:
    features (a, b), degree 2:  1, a, b, a^2, a*b, b^2
    features (a, b), degree 3:  1, a, b, a^2, a*b, b^2, a^3, a^2*b, a*b^2, b^3
    A monomial of degree k is a multiset of k feature indices (a*b and b*a are the same
    column); with n features there are C(n + k - 1, k) of them, or C(n, k) with
    interaction_only (distinct features only), so
        n_output_features_ = sum over the kept degrees k of C(n + k - 1, k)   (or C(n, k)).
    Column k of the output is prod_j X[:, j] ** powers_[k, j].

Shapes: X is (n_samples, n_features); transform returns float64
(n_samples, n_output_features_); powers_ is int (n_output_features_, n_features).

Conventions:
- Column ORDER is exactly scikit-learn's (a model's coefficients are read by position):
  by increasing degree; within one degree, the monomials as sorted tuples of feature
  indices in lexicographic order. For features (a, b, c) and degree 2:
      1, a, b, c, aa, ab, ac, bb, bc, cc
  Each monomial appears ONCE.
- include_bias=True (default) puts the degree-0 monomial, a column of ones, first;
  include_bias=False drops it (use it when the model has its own intercept).
- interaction_only=True keeps only products of DISTINCT features: for (a, b, c), degree 3:
  1, a, b, c, ab, ac, bc, abc (no a^2, no a^2*b); a degree above n_features adds nothing.
- Attributes learned in fit: powers_ (row k holds the exponent of each feature in
  column k: for a^2*b with features (a, b), [2, 1]), n_output_features_, n_features_in_.
  Refitting on X with another number of features replaces them.
- fit raises ValueError for a degree that is not an integer >= 0, or degree=0 with
  include_bias=False (no columns at all); X must be 2-D and finite; transform before fit
  is a NotFittedError, and X with another number of features than in fit a ValueError
  (all these checks are written for you). Never modify X in place.

Complexity: O(n_samples * n_output_features_) time if each new column costs one product
of two columns; memory: the output only. A Python loop over the output columns or the
features is fine (there are few); a Python loop over samples is not.

Pitfalls:
- itertools.product or permutations instead of combinations_with_replacement: a*b and
  b*a both appear (duplicate columns).
- An order that is not scikit-learn's (e.g. sorting by exponent vectors, or by feature
  then degree): the columns are right but in the wrong places.
- interaction_only still producing squares, or the bias column missing / not first.
- range(degree) instead of range(degree + 1): the highest degree is missing.
- X[:, None, :] ** powers_[None]: an (n_samples, n_output_features_, n_features)
  temporary. A power and a product over the features per column is correct but some 30x
  slower than building each column as one product of an earlier column by one feature.

Worked example:
    PolynomialFeatures(degree=2).fit_transform([[2, 3]])   -> [[1, 2, 3, 4, 6, 9]]
    PolynomialFeatures(degree=2, include_bias=False, interaction_only=True)
        .fit_transform([[2, 3]])                            -> [[2, 3, 6]]

Run `pytest --kata preprocessing/polynomial_features` to check your work; hints are in
hints/preprocessing/polynomial_features.md.
"""

import numpy as np  # noqa: F401  (you will need it)

from kata.validation import check_array, check_fitted_input, check_scalar


class PolynomialFeatures:
    """Expand features into all monomials up to a given degree, in scikit-learn's order.

    Parameters
    ----------
    degree : int, default 2
        Maximum total degree of the monomials (>= 0).
    include_bias : bool, default True
        Include the degree-0 monomial, a column of ones, first.
    interaction_only : bool, default False
        Keep only products of distinct features (no squares or higher powers of one
        feature).

    Attributes
    ----------
    powers_ : ndarray of int64, shape (n_output_features_, n_features_in_)
        ``powers_[k, j]`` is the exponent of feature ``j`` in output column ``k``.
    n_output_features_ : int
        Number of output columns.
    n_features_in_ : int
        Number of features seen in ``fit``.

    Examples
    --------
    >>> poly = PolynomialFeatures(degree=2).fit([[2.0, 3.0]])
    >>> poly.transform([[2.0, 3.0]])  # 1, a, b, a^2, ab, b^2
    array([[1., 2., 3., 4., 6., 9.]])
    >>> poly.n_output_features_
    6
    """

    def __init__(self, degree=2, include_bias=True, interaction_only=False):
        self.degree = degree
        self.include_bias = include_bias
        self.interaction_only = interaction_only

    def fit(self, X, y=None):
        """Work out the output columns (the monomials) for ``X``'s number of features.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        self : PolynomialFeatures
        """
        check_scalar(self.degree, "degree", kind=int, low=0)
        if self.degree == 0 and not self.include_bias:
            raise ValueError("degree=0 with include_bias=False would give no output columns")
        X = check_array(X)
        self.n_features_in_ = X.shape[1]
        raise NotImplementedError("PolynomialFeatures.fit")

    def transform(self, X):
        """Compute the monomials of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of float64, shape (n_samples, n_output_features_)
            Column ``k`` is ``prod_j X[:, j] ** powers_[k, j]``.
        """
        X = check_fitted_input(self, X, attribute="powers_")
        raise NotImplementedError("PolynomialFeatures.transform")

    def fit_transform(self, X, y=None):
        """Fit to ``X``, then transform it.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        ndarray of float64, shape (n_samples, n_output_features_)
        """
        raise NotImplementedError("PolynomialFeatures.fit_transform")
