"""The shared validation helper: every kata's bad-input behaviour rests on it."""

import numpy as np
import pytest

from kata.validation import (
    NotFittedError,
    check_array,
    check_axis,
    check_consistent_length,
    check_fitted_input,
    check_is_fitted,
    check_labels,
    check_option,
    check_pairwise_arrays,
    check_random_state,
    check_scalar,
    check_X_y,
)


def test_check_array_converts_to_float64_without_copying_float_input():
    X = np.ones((2, 3))
    assert check_array(X) is X, "a float64 array must be passed through, not copied"
    got = check_array([[1, 2], [3, 4]])
    assert got.dtype == np.float64 and got.shape == (2, 2)


@pytest.mark.parametrize(
    "X, match",
    [
        (np.ones(3), r"X must be 2-D \(n_samples, n_features\), got an array of shape \(3,\)"),
        (np.ones((0, 2)), "X is empty"),
        ([[1.0, np.nan]], "X contains NaN or infinity"),
        ([[1.0, np.inf]], "X contains NaN or infinity"),
        ([["a", "b"]], "X must be numeric"),
        ([[1.0], [2.0, 3.0]], "X could not be converted"),
        ([[1 + 2j]], "real-valued"),
    ],
)
def test_check_array_rejects_bad_input_with_a_named_problem(X, match):
    with pytest.raises(ValueError, match=match):
        check_array(X)


def test_check_array_ndim_options():
    assert check_array(3.0, ndim=None).shape == ()
    assert check_array(np.ones((2, 2, 2)), ndim=(2, 3)).ndim == 3
    with pytest.raises(ValueError, match="z must be 1-D or 2-D"):
        check_array(np.ones((2, 2, 2)), name="z", ndim=(1, 2))


def test_check_X_y_checks_lengths_and_keeps_label_dtype():
    X, y = check_X_y([[1.0], [2.0]], ["cat", "dog"], classification=True)
    assert X.dtype == np.float64 and y.dtype.kind == "U"
    with pytest.raises(ValueError, match="X has 2 but y has 3 samples"):
        check_X_y([[1.0], [2.0]], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="y_true has 2 but y_pred has 1 samples"):
        check_consistent_length(y_true=[1, 2], y_pred=[1])
    with pytest.raises(ValueError, match="y must be 1-D"):
        check_X_y([[1.0], [2.0]], [[1.0], [2.0]])


def test_check_labels_rejects_nan_and_mixed_types():
    with pytest.raises(ValueError, match="NaN"):
        check_labels([0.0, np.nan])
    with pytest.raises(ValueError, match="mixes label types"):
        check_labels(np.array([1, "a"], dtype=object))


class _Model:
    coef_ = None
    n_features_in_ = 2


def test_not_fitted_error_is_a_value_error_naming_fit():
    assert issubclass(NotFittedError, ValueError)
    with pytest.raises(NotFittedError, match="call fit"):
        check_is_fitted(_Model(), "coef_")


def test_check_fitted_input_checks_the_feature_count():
    model = _Model()
    model.coef_ = np.zeros(2)
    assert check_fitted_input(model, np.ones((3, 2)), attribute="coef_").shape == (3, 2)
    with pytest.raises(ValueError, match="X has 3 features, but _Model was fitted with 2"):
        check_fitted_input(model, np.ones((1, 3)), attribute="coef_")


def test_check_random_state():
    a = check_random_state(7).random(3)
    b = check_random_state(7).random(3)
    np.testing.assert_array_equal(a, b)
    gen = np.random.default_rng(0)
    assert check_random_state(gen) is gen
    assert isinstance(check_random_state(None), np.random.Generator)
    for bad in (-1, 1.5, "0", True):
        with pytest.raises(ValueError, match="random_state"):
            check_random_state(bad)


def test_check_scalar_and_option():
    assert check_scalar(3, "k", kind=int, low=1) == 3
    assert check_scalar(np.int64(3), "k", kind=int, low=1) == 3, "NumPy ints are integers"
    assert check_scalar(np.float32(0.5), "alpha", low=0) == 0.5
    with pytest.raises(ValueError, match="k must be an integer"):
        check_scalar(True, "k", kind=int)
    with pytest.raises(ValueError, match="k must be >= 1, got 0"):
        check_scalar(0, "k", kind=int, low=1)
    with pytest.raises(ValueError, match="k must be an integer"):
        check_scalar(2.5, "k", kind=int)
    with pytest.raises(ValueError, match="alpha must be > 0"):
        check_scalar(0.0, "alpha", low=0, low_inclusive=False)
    with pytest.raises(ValueError, match="must be finite"):
        check_scalar(float("nan"), "alpha")
    with pytest.raises(ValueError, match="solver must be one of 'normal', 'gd'; got 'sgd'"):
        check_option("sgd", "solver", ("normal", "gd"))


def test_check_axis():
    assert check_axis(-1, 3) == 2
    with pytest.raises(ValueError, match="axis=2 is out of range"):
        check_axis(2, 2)
    with pytest.raises(ValueError, match="axis must be an integer"):
        check_axis(1.0, 2)


def test_check_pairwise_arrays():
    A = np.ones((2, 3))
    same_A, same_B = check_pairwise_arrays(A)
    assert same_A is A and same_B is A, "B=None must return A itself twice"
    _, B = check_pairwise_arrays(A, [[1, 2, 3]])
    assert B.shape == (1, 3)
    with pytest.raises(ValueError, match="X has 3 features but Y has 2"):
        check_pairwise_arrays(A, np.ones((4, 2)), names=("X", "Y"))
