"""Kata regression/polynomial_regression: Polynomial regression.

Difficulty 1 (warm-up), target time 15 minutes.

Fit a curve with a linear model: expand X into polynomial features, then solve least
squares on them (ridge when alpha > 0), with an intercept that is not penalized.

Math:
    features(X) = every monomial of X's columns of total degree 1..degree, no bias column
    model:        y_hat = features(X) @ coef_ + intercept_
    objective:    ||y - Z coef - intercept||^2 + alpha * ||coef||^2,   Z = features(X)
                  (the intercept is NOT in the penalty)
    closed form:  centre Zc = Z - mean(Z), yc = y - mean(y);
                  coef = argmin ||yc - Zc coef||^2 + alpha ||coef||^2,
                  intercept = mean(y) - mean(Z)·coef

Shapes: X is 2-D (n_samples, n_features), like every estimator here; for one variable x
pass x.reshape(-1, 1). coef_ has one entry per monomial (degree entries for one input
column), intercept_ is a float, predict returns (n_samples,).

Conventions:
- Defaults: degree=2 (an integer >= 1), alpha=0.0 (>= 0); invalid values are a ValueError
  at the start of fit. fit returns self; refitting (other data, other feature count)
  starts afresh.
- Feature order is scikit-learn's PolynomialFeatures(include_bias=False): grouped by degree;
  within a degree, the lexicographic order of the sorted column indices:
      one column x:               x, x^2, ..., x^degree
      two columns a, b, degree 2: a, b, a^2, a*b, b^2
      (0,), (1,), (0,0), (0,1), (1,1), then (0,0,0), (0,0,1), ...
- alpha is the penalty on the sum of squared errors, exactly as scikit-learn's Ridge (not
  alpha / n, not 2 * alpha). alpha = 0 is plain least squares, minimum-norm when features
  are collinear (e.g. a degree higher than the number of distinct x values).
- predict before fit raises NotFittedError (the stub's validation does it); a feature count
  differing from fit is a ValueError. X and y are never modified.

Complexity: O(n m) to build the n x m feature matrix (each column one product of a
lower-degree column by an input column), then O(n m^2) for a least-squares solve on it
(a thin SVD that builds its n x m factor U is the same order but about twice as slow);
no Python loop over samples.

Pitfalls:
- A column of ones among the features: it is then penalized with the others.
- alpha scaled as alpha / n, 2 * alpha or alpha / 2, or silently ignored.
- High degrees make the feature columns nearly collinear (x^14 and x^15 look alike):
  never invert Z^T Z. It must stay accurate for degree 10 on x in [0, 3].
- Monomials in another order than scikit-learn's (a*b before a^2), or missing cross terms.
- Keeping the feature layout of an earlier fit when refitting on a different X.
- Modifying X or y in place.

Worked example:
    X = [[-1], [0], [1], [2]], y = 1 - 2x + 3x^2 = [6, 1, 2, 9], degree = 2
    features: [[-1, 1], [0, 0], [1, 1], [2, 4]]  ->  coef_ = [-2, 3], intercept_ = 1
    with alpha > 0 the coefficients shrink towards 0; the intercept is never pulled to 0.

Run `pytest --kata regression/polynomial_regression` to check your work; hints are in
hints/regression/polynomial_regression.md.
"""

import numbers

import numpy as np  # noqa: F401  (you will need it)

from kata.validation import check_fitted_input, check_scalar, check_X_y


class PolynomialRegression:
    """Least squares (ridge when ``alpha > 0``) on the polynomial features of X.

    The features are every monomial of the input columns of total degree 1 to ``degree``,
    in scikit-learn's ``PolynomialFeatures(degree, include_bias=False)`` order (for two
    columns and degree 2: x0, x1, x0², x0·x1, x1²). The model is then
    ``y ≈ features @ coef_ + intercept_``, fitted by minimising
    ``||y - features @ coef_ - intercept_||² + alpha * ||coef_||²``: the intercept is not
    penalized, as in scikit-learn's ``Ridge``; with ``alpha = 0`` (least squares), the
    minimum-norm ``coef_`` when the features are collinear.

    Parameters
    ----------
    degree : int, default 2
        Highest total degree of the monomials (>= 1).
    alpha : float, default 0.0
        Strength of the L2 penalty on ``coef_`` (>= 0).

    Attributes
    ----------
    coef_ : ndarray of shape (n_output_features,)
        One weight per monomial, in the order above: ``degree`` weights for one input
        column (x, x², ..., x^degree), ``C(d + degree, degree) - 1`` for ``d`` columns.
    intercept_ : float
    n_features_in_ : int

    Examples
    --------
    >>> x = np.array([[-1.0], [0.0], [1.0], [2.0]])
    >>> model = PolynomialRegression(degree=2).fit(x, 1 - 2 * x[:, 0] + 3 * x[:, 0] ** 2)
    >>> model.coef_.round(10), round(model.intercept_, 10)
    (array([-2.,  3.]), 1.0)
    """

    def __init__(self, degree=2, alpha=0.0):
        self.degree = degree
        self.alpha = alpha

    def fit(self, X, y):
        """Fit ``coef_`` and ``intercept_`` on the polynomial features of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            For a single variable ``x`` pass ``x.reshape(-1, 1)``.
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : PolynomialRegression
            The fitted estimator.

        Examples
        --------
        >>> model = PolynomialRegression(degree=3).fit([[0], [1], [2], [3]], [0, 3, 14, 39])
        >>> model.coef_.round(10)  # y = x + x² + x³
        array([1., 1., 1.])
        """
        check_scalar(self.degree, "degree", kind=numbers.Integral, low=1)
        check_scalar(self.alpha, "alpha", low=0)
        X, y = check_X_y(X, y)
        self.n_features_in_ = X.shape[1]
        raise NotImplementedError("PolynomialRegression.fit")

    def predict(self, X):
        """Predict ``features(X) @ coef_ + intercept_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)

        Examples
        --------
        >>> model = PolynomialRegression(degree=2).fit([[0.0], [1.0], [2.0]], [0.0, 1.0, 4.0])
        >>> model.predict([[3.0], [-1.0]]).round(10)
        array([9., 1.])
        """
        X = check_fitted_input(self, X, attribute="coef_")
        raise NotImplementedError("PolynomialRegression.predict")
