"""Tests for preprocessing/scalers: StandardScaler and MinMaxScaler."""

import math

import numpy as np
import pytest

from kata.testing import SEEDS, import_sklearn, inputs_unchanged, load_kata, run_numerically
from kata.validation import NotFittedError

mod = load_kata("preprocessing/scalers")


def degenerate_columns():
    """A varying column, then a constant, an all-zero and a rounding-noise constant column."""
    return np.column_stack([np.arange(10.0), np.full(10, 4.0), np.zeros(10), np.full(10, 1 / 3)])


def random_data(seed, n=40, d=4):
    rng = np.random.default_rng(seed)
    # Features on very different scales and offsets, as scalers meet them in practice.
    return rng.normal(size=(n, d)) * rng.uniform(0.1, 50, size=d) + rng.uniform(-100, 100, d)


# --- StandardScaler: hand-worked cases ----------------------------------------------------


def test_standard_scaler_hand_example():
    X = np.array([[1.0, 10.0], [3.0, 10.0], [5.0, 10.0]])
    scaler = mod.StandardScaler().fit(X)
    # Column 0: mean 3, deviations -2, 0, 2, population variance 8/3.
    np.testing.assert_allclose(
        scaler.mean_, [3.0, 10.0], rtol=1e-12, err_msg="mean_ of [[1, 10], [3, 10], [5, 10]]"
    )
    assert not np.isclose(scaler.scale_[0], 2.0, rtol=1e-12), (
        "scale_ of [1, 3, 5] is 2, the sample std (ddof=1, divide by n - 1): use the "
        "population std (ddof=0), sqrt(8/3) = 1.633, as scikit-learn"
    )
    assert scaler.scale_[1] == 1.0, (
        f"scale_ of the constant column [10, 10, 10] is {scaler.scale_[1]!r}: a constant "
        "feature gets scale_ = 1 (as scikit-learn), so it transforms to 0 instead of NaN"
    )
    np.testing.assert_allclose(
        scaler.scale_,
        [math.sqrt(8 / 3), 1.0],
        rtol=1e-12,
        err_msg="scale_: population std sqrt(8/3), and 1 for the constant column",
    )
    s = math.sqrt(8 / 3)
    expected = np.array([[-2 / s, 0.0], [0.0, 0.0], [2 / s, 0.0]])
    np.testing.assert_allclose(
        scaler.transform(X),
        expected,
        rtol=1e-12,
        atol=1e-15,
        err_msg="transform of the training data by hand",
    )


def test_standard_scaler_uses_the_population_std():
    X = np.array([[0.0], [2.0]])  # population std 1, sample std sqrt(2)
    scaler = mod.StandardScaler().fit(X)
    assert np.isclose(scaler.scale_[0], 1.0, rtol=1e-12), (
        f"scale_ is {scaler.scale_[0]:.6g} for [0, 2], expected 1: use the population std "
        "(ddof=0, divide by n), not the sample std (ddof=1, divide by n - 1)"
    )
    np.testing.assert_allclose(
        scaler.transform(X),
        [[-1.0], [1.0]],
        rtol=1e-12,
        err_msg="population std (ddof=0): [0, 2] scales to [-1, 1]; ddof=1 would give +-0.707",
    )


def test_standard_scaler_fit_returns_self():
    scaler = mod.StandardScaler()
    assert scaler.fit(random_data(0)) is scaler, "fit must return self (to allow chaining)"


@pytest.mark.parametrize("seed", SEEDS)
def test_standardized_training_data_has_zero_mean_and_unit_variance(seed):
    Xt = mod.StandardScaler().fit_transform(random_data(seed))
    np.testing.assert_allclose(
        Xt.mean(axis=0), 0.0, atol=1e-12, err_msg="standardized training columns have mean 0"
    )
    np.testing.assert_allclose(
        Xt.std(axis=0),
        1.0,
        rtol=1e-12,
        err_msg="standardized training columns have population std 1",
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_standard_scaler_fit_transform_equals_fit_then_transform(seed):
    X = random_data(seed)
    np.testing.assert_allclose(
        mod.StandardScaler().fit_transform(X),
        mod.StandardScaler().fit(X).transform(X),
        err_msg="fit_transform(X) must equal fit(X).transform(X)",
    )


# --- StandardScaler: constant features ----------------------------------------------------


def test_constant_feature_scales_to_zero_not_nan():
    X = np.array([[1.0, 4.0], [2.0, 4.0], [3.0, 4.0]])
    scaler = mod.StandardScaler().fit(X)
    with np.errstate(divide="ignore", invalid="ignore"):
        Xt = scaler.transform(X)
    assert np.all(np.isfinite(Xt)), (
        f"a constant feature gave {Xt[:, 1]}: its std is 0 and 0/0 is NaN. Set scale_ to 1 "
        "for a constant feature (as scikit-learn), so it transforms to 0."
    )
    assert scaler.scale_[1] == 1.0, f"scale_ of a constant feature is {scaler.scale_[1]}, not 1"
    np.testing.assert_array_equal(Xt[:, 1], 0.0, err_msg="a constant column transforms to 0")


@pytest.mark.parametrize("value", [1 / 3, 0.1, 123.456, -7.7e5])
def test_constant_feature_with_rounding_noise_is_still_constant(value):
    X = np.column_stack([np.arange(10.0), np.full(10, value)])
    scaler = mod.StandardScaler().fit(X)
    with np.errstate(divide="ignore", invalid="ignore"):
        Xt = scaler.transform(X)
    assert np.all(np.abs(Xt[:, 1]) < 1e-9), (
        f"ten copies of {value!r} transform to {Xt[:3, 1]}...: their computed std is a rounding "
        "error (about 1e-17 * value), not exactly 0, and dividing by it blows the noise up. "
        "Treat a variance within rounding error of 0 as constant (scale_ = 1)."
    )
    assert scaler.scale_[1] == 1.0, f"scale_ of a constant feature is {scaler.scale_[1]!r}, not 1"


def test_small_but_genuine_spread_is_still_scaled():
    X = np.array([[0.0], [1.0], [2.0], [3.0]]) * 1e-10
    scaler = mod.StandardScaler().fit(X)
    np.testing.assert_allclose(
        scaler.scale_,
        [math.sqrt(1.25) * 1e-10],
        rtol=1e-12,
        err_msg=(
            "values spread over 1e-10 are not constant: an absolute threshold on the std "
            "(std < 1e-8) wrongly treats them as constant; compare the variance with its "
            "rounding error instead"
        ),
    )
    np.testing.assert_allclose(
        scaler.transform(X).std(),
        1.0,
        rtol=1e-12,
        err_msg="values spread over 1e-10 standardize to std 1",
    )


def test_fit_transform_handles_constant_and_all_zero_columns_like_fit_then_transform():
    X = degenerate_columns()
    with inputs_unchanged("StandardScaler.fit_transform", X=X):
        Xt, fp_error = run_numerically(mod.StandardScaler().fit_transform, X)
    assert fp_error is None and np.all(np.isfinite(Xt)), (
        f"StandardScaler().fit_transform of constant / all-zero columns gave "
        f"{Xt[:2].tolist()}... ({fp_error}): fit_transform must use the same rule as fit + "
        "transform (scale_ = 1 for a constant column), not its own (X - mean) / std; simplest "
        "is return self.fit(X).transform(X)"
    )
    assert np.all(np.abs(Xt[:, 1:]) < 1e-9), (
        f"fit_transform gave {Xt[:2, 1:].tolist()}... for the constant, all-zero and 1/3 "
        "columns: each must transform to 0"
    )
    expected = (np.arange(10.0) - 4.5) / np.std(np.arange(10.0))
    np.testing.assert_allclose(
        Xt[:, 0], expected, rtol=1e-12, err_msg="the varying column next to constant ones"
    )
    scaler = mod.StandardScaler().fit(X)
    np.testing.assert_array_equal(
        scaler.scale_[1:], 1.0, err_msg="scale_ of the constant, all-zero and 1/3 columns"
    )
    np.testing.assert_allclose(
        scaler.mean_, [4.5, 4.0, 0.0, 1 / 3], rtol=1e-15, err_msg="mean_ of every column"
    )
    np.testing.assert_allclose(
        scaler.inverse_transform(Xt),
        X,
        rtol=1e-12,
        atol=1e-15,
        err_msg="inverse_transform(fit_transform(X)) must give X back, constant columns "
        "included: Z * scale_ + mean_ (scale first, then shift)",
    )


# --- StandardScaler: fit on train, apply to test ------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_standard_scaler_transform_uses_the_training_statistics(seed):
    X_train, X_test = random_data(seed), random_data(seed + 100, n=7)
    scaler = mod.StandardScaler().fit(X_train)
    expected = (X_test - X_train.mean(axis=0)) / X_train.std(axis=0)
    got = scaler.transform(X_test)
    assert np.allclose(got, expected, rtol=1e-12), (
        "transform(X_test) does not use the mean_ and scale_ learned in fit: never recompute "
        "the statistics on the data being transformed (that leaks test data)"
    )


def test_standard_scaler_transforms_a_single_row():
    X_train = np.array([[0.0, 1.0], [2.0, 3.0], [4.0, 8.0]])
    scaler = mod.StandardScaler().fit(X_train)
    got = scaler.transform([[2.0, 4.0]])
    np.testing.assert_allclose(
        got,
        [[0.0, 0.0]],
        atol=1e-15,
        err_msg=(
            "one row at the training mean must transform to 0: transform uses the fitted "
            "statistics, not the row's own"
        ),
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_standard_scaler_inverse_transform_round_trips(seed):
    X = random_data(seed)
    scaler = mod.StandardScaler().fit(X)
    Z = np.random.default_rng(seed).normal(size=(5, X.shape[1]))
    np.testing.assert_allclose(
        scaler.inverse_transform(scaler.transform(X)),
        X,
        rtol=1e-12,
        err_msg="inverse_transform(transform(X)) must give X back",
    )
    np.testing.assert_allclose(
        scaler.inverse_transform(Z),
        Z * X.std(axis=0) + X.mean(axis=0),
        rtol=1e-12,
        err_msg="inverse_transform must compute Z * scale_ + mean_ (scale first, then shift)",
    )


# --- StandardScaler: options ----------------------------------------------------------------


def test_with_mean_false_only_divides():
    X = np.array([[1.0], [3.0]])  # mean 2, population std 1
    scaler = mod.StandardScaler(with_mean=False).fit(X)
    np.testing.assert_allclose(
        scaler.transform(X),
        [[1.0], [3.0]],
        rtol=1e-12,
        err_msg=("with_mean=False must not subtract the mean"),
    )
    np.testing.assert_allclose(
        scaler.mean_, [2.0], err_msg="with_mean=False still learns mean_ (as scikit-learn)"
    )  # still learned, as scikit-learn
    np.testing.assert_allclose(
        scaler.inverse_transform([[1.0], [3.0]]),
        X,
        rtol=1e-12,
        err_msg="with_mean=False: inverse_transform only multiplies by scale_",
    )


def test_with_std_false_only_centres():
    X = np.array([[1.0], [5.0]])
    scaler = mod.StandardScaler(with_std=False).fit(X)
    np.testing.assert_allclose(
        scaler.transform(X),
        [[-2.0], [2.0]],
        rtol=1e-12,
        err_msg=("with_std=False must not divide by the std"),
    )
    assert scaler.scale_ is None, "scale_ is None when with_std=False (as scikit-learn)"
    np.testing.assert_allclose(
        scaler.inverse_transform([[-2.0], [2.0]]),
        X,
        rtol=1e-12,
        err_msg="with_std=False: inverse_transform only adds mean_",
    )


def test_with_neither_option_is_the_identity():
    X = np.array([[1.0, -2.0], [5.0, 7.0]])
    scaler = mod.StandardScaler(with_mean=False, with_std=False).fit(X)
    np.testing.assert_array_equal(
        scaler.transform(X), X, err_msg="with neither option transform is the identity"
    )
    np.testing.assert_array_equal(
        scaler.inverse_transform(X),
        X,
        err_msg="with neither option inverse_transform is the identity",
    )
    assert scaler.mean_ is None and scaler.scale_ is None, (
        "with with_mean=False and with_std=False, mean_ and scale_ are None (as scikit-learn)"
    )


@pytest.mark.parametrize("with_mean", [True, False])
@pytest.mark.parametrize("with_std", [True, False])
def test_standard_scaler_matches_sklearn(with_mean, with_std):
    preprocessing = import_sklearn("preprocessing")
    X = random_data(3)
    X[:, 2] = 0.7  # a constant feature
    X_test = random_data(4, n=6)
    ours = mod.StandardScaler(with_mean=with_mean, with_std=with_std).fit(X)
    ref = preprocessing.StandardScaler(with_mean=with_mean, with_std=with_std).fit(X)
    for name in ("mean_", "scale_"):
        a, b = getattr(ours, name), getattr(ref, name)
        if b is None:
            assert a is None, f"{name} should be None here, as scikit-learn's"
        else:
            np.testing.assert_allclose(a, b, rtol=1e-12, err_msg=name)
    np.testing.assert_allclose(
        ours.transform(X_test),
        ref.transform(X_test),
        rtol=1e-12,
        atol=1e-12,
        err_msg="transform against scikit-learn's StandardScaler",
    )
    np.testing.assert_allclose(
        ours.inverse_transform(X_test),
        ref.inverse_transform(X_test),
        rtol=1e-12,
        atol=1e-12,
        err_msg="inverse_transform against scikit-learn's StandardScaler",
    )


def test_standard_scaler_matches_sklearn_on_real_data():
    preprocessing = import_sklearn("preprocessing")
    from kata.datasets import load_wine

    X = load_wine().X
    np.testing.assert_allclose(
        mod.StandardScaler().fit_transform(X),
        preprocessing.StandardScaler().fit_transform(X),
        rtol=1e-12,
        atol=1e-12,
        err_msg="fit_transform of the wine data against scikit-learn",
    )


# --- MinMaxScaler ---------------------------------------------------------------------------


def test_min_max_scaler_hand_example():
    X = np.array([[1.0, -4.0], [2.0, 0.0], [3.0, 4.0]])
    scaler = mod.MinMaxScaler().fit(X)
    np.testing.assert_array_equal(
        scaler.data_min_, [1.0, -4.0], err_msg="data_min_ is the per-column minimum"
    )
    np.testing.assert_array_equal(
        scaler.data_max_, [3.0, 4.0], err_msg="data_max_ is the per-column maximum"
    )
    np.testing.assert_array_equal(
        scaler.data_range_, [2.0, 8.0], err_msg="data_range_ is data_max_ - data_min_"
    )
    expected = [[0.0, 0.0], [0.5, 0.5], [1.0, 1.0]]
    np.testing.assert_allclose(
        scaler.transform(X),
        expected,
        rtol=1e-12,
        atol=1e-15,
        err_msg="transform of the training data by hand",
    )


def test_min_max_scaler_uses_the_feature_range():
    X = np.array([[0.0], [4.0]])
    scaler = mod.MinMaxScaler(feature_range=(-1, 1)).fit(X)
    got = scaler.transform([[0.0], [1.0], [4.0]])
    np.testing.assert_allclose(
        got,
        [[-1.0], [-0.5], [1.0]],
        rtol=1e-12,
        err_msg=(
            "with feature_range=(-1, 1) the training min maps to -1 and the max to 1: "
            "scale to [0, 1] first, then multiply by (max - min) and add min"
        ),
    )


def test_min_max_scaler_fit_returns_self():
    scaler = mod.MinMaxScaler()
    assert scaler.fit(random_data(0)) is scaler, "fit must return self (to allow chaining)"


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("feature_range", [(0, 1), (-3.0, 2.5)])
def test_scaled_training_data_spans_exactly_the_feature_range(seed, feature_range):
    Xt = mod.MinMaxScaler(feature_range=feature_range).fit_transform(random_data(seed))
    np.testing.assert_allclose(
        Xt.min(axis=0),
        feature_range[0],
        rtol=1e-12,
        atol=1e-12,
        err_msg="the scaled training data reaches the lower end of feature_range",
    )
    np.testing.assert_allclose(
        Xt.max(axis=0),
        feature_range[1],
        rtol=1e-12,
        atol=1e-12,
        err_msg="the scaled training data reaches the upper end of feature_range",
    )


@pytest.mark.parametrize("feature_range", [(0, 1), (-1, 1), (2, 5)])
def test_min_max_constant_feature_maps_to_the_lower_end(feature_range):
    X = np.array([[1.0, 3.0], [2.0, 3.0], [5.0, 3.0]])
    scaler = mod.MinMaxScaler(feature_range=feature_range).fit(X)
    with np.errstate(divide="ignore", invalid="ignore"):
        Xt = scaler.transform(X)
    assert np.all(np.isfinite(Xt)), (
        "a constant feature has max - min = 0, and dividing by it gives NaN; divide by 1 "
        "instead for a constant feature"
    )
    np.testing.assert_allclose(
        Xt[:, 1],
        feature_range[0],
        rtol=1e-12,
        err_msg=(
            f"a constant feature must map to the lower end {feature_range[0]} of feature_range "
            "(as scikit-learn), not to the middle or the upper end"
        ),
    )


def test_min_max_fit_transform_of_constant_and_all_zero_columns_and_data_range():
    X = degenerate_columns()
    Xt, fp_error = run_numerically(mod.MinMaxScaler(feature_range=(-1, 1)).fit_transform, X)
    assert fp_error is None and np.all(np.isfinite(Xt)), (
        f"MinMaxScaler.fit_transform of constant / all-zero columns gave {Xt[:2].tolist()}... "
        f"({fp_error}): max - min = 0 there; fit_transform must use the same rule as fit + "
        "transform (divide by 1 instead), simplest is return self.fit(X).transform(X)"
    )
    np.testing.assert_allclose(
        Xt[:, 1:],
        -1.0,
        rtol=1e-12,
        err_msg="constant, all-zero and 1/3 columns map to the lower end -1 of feature_range",
    )
    scaler = mod.MinMaxScaler().fit(X)
    assert np.array_equal(scaler.data_range_, [9.0, 0.0, 0.0, 0.0]), (
        f"data_range_ is {scaler.data_range_.tolist()}, expected [9, 0, 0, 0]: it is "
        "data_max_ - data_min_ as learned (0 for a constant column, as scikit-learn); only "
        "the division uses 1 in place of a zero range"
    )


def test_min_max_range_within_rounding_of_zero_counts_as_constant():
    # 0.1 + 0.2 and 0.3 differ by 5.6e-17: a rounding error, not a spread. scikit-learn
    # treats a range below 10 * eps as zero, so the column maps to the lower end, whereas
    # a range == 0 test would stretch the rounding error to the whole feature_range.
    X = np.array([[0.0, 0.1 + 0.2], [1.0, 0.3], [2.0, 0.3]])
    Xt = mod.MinMaxScaler().fit_transform(X)
    assert np.all(np.abs(Xt[:, 1]) < 1e-9), (
        f"a column of 0.1 + 0.2 and 0.3 (range 5.6e-17, a rounding error) scaled to "
        f"{Xt[:, 1].tolist()}: a range below 10 * eps (float64 machine epsilon) counts as "
        "zero, as in scikit-learn; exactly == 0 is not enough"
    )
    X_small = np.array([[0.0], [1e-10], [2e-10]])  # a genuine, tiny spread still scales
    np.testing.assert_allclose(
        mod.MinMaxScaler().fit_transform(X_small)[:, 0],
        [0.0, 0.5, 1.0],
        rtol=1e-12,
        err_msg="values spread over 1e-10 are not constant: an absolute threshold such as "
        "range < 1e-8 wrongly flattens them",
    )


def test_min_max_scaler_transform_uses_the_training_range_and_does_not_clip():
    scaler = mod.MinMaxScaler().fit([[0.0, 10.0], [10.0, 20.0]])
    got = scaler.transform([[5.0, 40.0]])
    np.testing.assert_allclose(
        got,
        [[0.5, 3.0]],
        rtol=1e-12,
        err_msg=(
            "transform must use data_min_ and data_max_ from fit (not the new data's own min and "
            "max), and must not clip values outside the training range"
        ),
    )


def test_min_max_scaler_transforms_several_new_rows_with_the_training_range():
    scaler = mod.MinMaxScaler().fit([[0.0, -1.0], [4.0, 1.0]])
    # New rows, whose own min and max (1..3 and 0..0.5) differ from the training ones.
    got = scaler.transform([[1.0, 0.0], [2.0, 0.5], [3.0, 0.0]])
    np.testing.assert_allclose(
        got,
        [[0.25, 0.5], [0.5, 0.75], [0.75, 0.5]],
        rtol=1e-12,
        err_msg=(
            "transform of several new rows must use data_min_ and data_max_ learned in fit, "
            "not the min and max of the rows being transformed (that leaks test data)"
        ),
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_min_max_inverse_transform_round_trips(seed):
    X = random_data(seed)
    scaler = mod.MinMaxScaler(feature_range=(-2, 3)).fit(X)
    np.testing.assert_allclose(
        scaler.inverse_transform(scaler.transform(X)),
        X,
        rtol=1e-12,
        err_msg="inverse_transform(transform(X)) must give X back",
    )
    mid = scaler.inverse_transform(np.full((1, X.shape[1]), 0.5))
    np.testing.assert_allclose(
        mid[0],
        (X.min(axis=0) + X.max(axis=0)) / 2,
        rtol=1e-12,
        err_msg="0.5 maps back to the middle of the training range",
    )


def test_both_scalers_match_sklearn_on_degenerate_columns():
    preprocessing = import_sklearn("preprocessing")
    X = np.column_stack([degenerate_columns(), [0.1 + 0.2] + [0.3] * 9])
    pairs = [
        (mod.StandardScaler(), preprocessing.StandardScaler(), ("mean_", "scale_")),
        (mod.MinMaxScaler((2, 5)), preprocessing.MinMaxScaler((2, 5)), ("data_range_",)),
    ]
    for ours, ref, attributes in pairs:
        name = type(ours).__name__
        np.testing.assert_allclose(
            ours.fit_transform(X),
            ref.fit_transform(X),
            rtol=1e-12,
            atol=1e-12,
            err_msg=f"{name}.fit_transform of constant, all-zero and near-constant columns",
        )
        for attribute in attributes:
            np.testing.assert_allclose(
                getattr(ours, attribute),
                getattr(ref, attribute),
                rtol=1e-12,
                atol=1e-300,
                err_msg=f"{name}.{attribute} against scikit-learn",
            )


@pytest.mark.parametrize("feature_range", [(0, 1), (-1, 1), (-5.5, 0.25)])
def test_min_max_scaler_matches_sklearn(feature_range):
    preprocessing = import_sklearn("preprocessing")
    X = random_data(5)
    X[:, 1] = -3.0  # a constant feature
    X_test = random_data(6, n=8)
    ours = mod.MinMaxScaler(feature_range=feature_range).fit(X)
    ref = preprocessing.MinMaxScaler(feature_range=feature_range).fit(X)
    np.testing.assert_array_equal(
        ours.data_min_, ref.data_min_, err_msg="data_min_ against scikit-learn"
    )
    np.testing.assert_array_equal(
        ours.data_max_, ref.data_max_, err_msg="data_max_ against scikit-learn"
    )
    np.testing.assert_allclose(
        ours.transform(X_test),
        ref.transform(X_test),
        rtol=1e-12,
        atol=1e-12,
        err_msg="transform against scikit-learn's MinMaxScaler",
    )
    np.testing.assert_allclose(
        ours.inverse_transform(X_test),
        ref.inverse_transform(X_test),
        rtol=1e-12,
        atol=1e-12,
        err_msg="inverse_transform against scikit-learn's MinMaxScaler",
    )


@pytest.mark.parametrize(
    "feature_range", [(1, 0), (1, 1), (0,), (0, 1, 2), (0, np.nan), (0, np.inf), "ab", 5]
)
def test_bad_feature_range_is_a_value_error(feature_range):
    X = random_data(0)
    mod.MinMaxScaler(feature_range=(0, 1)).fit(X)
    with pytest.raises(ValueError, match="feature_range"):
        mod.MinMaxScaler(feature_range=feature_range).fit(X)


# --- both scalers: inputs, dtypes, errors ---------------------------------------------------

SCALERS = ["StandardScaler", "MinMaxScaler"]


@pytest.mark.parametrize("name", SCALERS)
def test_scaler_does_not_modify_its_inputs(name):
    X = random_data(7)
    Z = random_data(8, n=5)
    scaler = getattr(mod, name)()
    with inputs_unchanged("fit", X=X):
        scaler.fit(X)
    with inputs_unchanged("transform", Z=Z):
        scaler.transform(Z)
    with inputs_unchanged("inverse_transform", Z=Z):
        scaler.inverse_transform(Z)
    with inputs_unchanged("fit_transform", X=X):
        getattr(mod, name)().fit_transform(X)


@pytest.mark.parametrize("with_mean", [True, False])
@pytest.mark.parametrize("with_std", [True, False])
def test_standard_scaler_options_never_touch_the_input_array(with_mean, with_std):
    X = random_data(9)
    Z = random_data(10, n=5)
    scaler = mod.StandardScaler(with_mean=with_mean, with_std=with_std)
    with inputs_unchanged("fit", X=X):
        scaler.fit(X)
    for method in ("transform", "inverse_transform"):
        with inputs_unchanged(f"{method} (with_mean={with_mean}, with_std={with_std})", Z=Z):
            out = getattr(scaler, method)(Z)
        assert not np.shares_memory(out, Z), (
            f"{method} with with_mean={with_mean}, with_std={with_std} returned the input "
            "array itself (or a view of it): return a new array, e.g. X.copy() when a step "
            "is skipped, so later in-place edits cannot reach the caller's data"
        )


@pytest.mark.parametrize("name", SCALERS)
def test_scaler_returns_float64_for_integer_input(name):
    X = np.array([[1, 2], [3, 5], [4, 9]])
    Xt = getattr(mod, name)().fit_transform(X)
    assert Xt.dtype == np.float64, f"{name} returned {Xt.dtype}, expected float64"
    assert Xt.shape == X.shape, f"output shape {Xt.shape}, expected X's {X.shape}"


@pytest.mark.parametrize("name", SCALERS)
@pytest.mark.parametrize("method", ["transform", "inverse_transform"])
def test_scaler_before_fit_is_not_fitted_error(name, method):
    X = random_data(0)
    getattr(mod, name)().fit(X)
    with pytest.raises(NotFittedError, match="fit"):
        getattr(getattr(mod, name)(), method)(X)


@pytest.mark.parametrize("name", SCALERS)
def test_scaler_rejects_bad_input(name):
    X = random_data(0)
    scaler = getattr(mod, name)().fit(X)
    with pytest.raises(ValueError, match="2-D"):
        getattr(mod, name)().fit(X[:, 0])
    with pytest.raises(ValueError, match="2-D"):
        getattr(mod, name)().fit(X.reshape(10, 4, 4))  # 3-D: no axis to guess
    with pytest.raises(ValueError, match="2-D"):
        scaler.transform(X.reshape(10, 4, 4))
    with pytest.raises(ValueError, match="NaN"):
        getattr(mod, name)().fit(np.where(X > 50, np.nan, X))
    with pytest.raises(ValueError, match="features"):
        scaler.transform(X[:, :2])
    with pytest.raises(ValueError, match="features"):
        scaler.inverse_transform(X[:, :2])
