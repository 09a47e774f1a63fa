"""Reference solution for preprocessing/polynomial_features.

The statement is in exercises/preprocessing/polynomial_features.py.
"""

from itertools import chain, combinations, combinations_with_replacement

import numpy as np

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
        # A monomial of degree k is a multiset of k feature indices. Enumerating degrees in
        # increasing order, and the multisets of each degree in lexicographic order (what
        # itertools yields for sorted input), is exactly scikit-learn's column order.
        # Multisets, not sequences: (0, 1) and (1, 0) are the same monomial ab.
        pick = combinations if self.interaction_only else combinations_with_replacement
        start = 0 if self.include_bias else 1
        combos = chain.from_iterable(
            pick(range(self.n_features_in_), k) for k in range(start, self.degree + 1)
        )
        # Exponents count how often each feature occurs: (0, 0, 1) -> a^2 b -> [2, 1].
        rows = [
            np.bincount(np.array(combo, dtype=np.int64), minlength=self.n_features_in_)
            for combo in combos
        ]
        self.powers_ = np.array(rows, dtype=np.int64)
        self.n_output_features_ = self.powers_.shape[0]
        return self

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
        n, d = X.shape
        out = np.empty((n, self.n_output_features_))
        col = 0
        if self.include_bias:
            out[:, 0] = 1.0
            col = 1
        if self.degree == 0:
            return out
        # Degree by degree, each new column is ONE product: an existing column of the
        # previous degree times one input column (never a power, never a product over all
        # features). In scikit-learn's order, the degree-k monomials whose smallest feature
        # is j are x_j times the degree-(k-1) monomials whose smallest feature is >= j
        # (> j with interaction_only): a contiguous tail of the previous block. starts[j]
        # marks where the previous block's monomials with smallest feature >= j begin.
        out[:, col : col + d] = X
        prev, starts = (col, col + d), np.arange(d + 1)
        col += d
        shift = 1 if self.interaction_only else 0
        for _ in range(2, self.degree + 1):
            block_start, new_starts = col, np.empty(d + 1, dtype=np.int64)
            for j in range(d):
                new_starts[j] = col - block_start
                first = prev[0] + starts[min(j + shift, d)]
                width = prev[1] - first
                if width > 0:
                    # out[:, first:prev_end] are already computed; multiply them in place
                    # into the next free columns (no temporary of the block).
                    np.multiply(
                        out[:, first : prev[1]], X[:, j : j + 1], out=out[:, col : col + width]
                    )
                    col += width
            new_starts[d] = col - block_start
            prev, starts = (block_start, col), new_starts
        return out

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
        return self.fit(X).transform(X)
