"""Tests for metrics/regression_metrics: MSE, RMSE, MAE and R²."""

import math

import numpy as np
import pytest

from kata.testing import SEEDS, import_sklearn, inputs_unchanged, load_kata

rm = load_kata("metrics/regression_metrics")

NAMES = ["mean_squared_error", "root_mean_squared_error", "mean_absolute_error", "r2_score"]

# y_true = [1, 2, 3, 6], y_pred = [2, 2, 1, 6]: residuals [-1, 0, 2, 0].
Y_TRUE = [1.0, 2.0, 3.0, 6.0]
Y_PRED = [2.0, 2.0, 1.0, 6.0]


def test_mse_by_hand():
    got = rm.mean_squared_error(Y_TRUE, Y_PRED)
    assert got == pytest.approx((1 + 0 + 4 + 0) / 4, rel=1e-12), (
        f"MSE gave {got}, expected (1 + 0 + 4 + 0) / 4: the mean of the squared residuals"
    )


def test_rmse_is_the_root_of_the_mean_not_the_mean_of_the_roots():
    got = rm.root_mean_squared_error(Y_TRUE, Y_PRED)
    if got == pytest.approx(0.75):
        pytest.fail("RMSE returned mean(sqrt(r**2)) = MAE; take the sqrt after the mean")
    assert got == pytest.approx(math.sqrt(5 / 4), rel=1e-12), (
        f"RMSE gave {got}, expected sqrt(5/4): the square root of the MSE"
    )


def test_mae_by_hand():
    got = rm.mean_absolute_error(Y_TRUE, Y_PRED)
    if got == pytest.approx(0.25):
        pytest.fail("MAE returned mean(r) = 0.25: the absolute value is missing")
    assert got == pytest.approx(3 / 4, rel=1e-12), (
        f"MAE gave {got}, expected (1 + 0 + 2 + 0) / 4: the mean of |residual|"
    )


def test_r2_by_hand():
    # mean(y_true) = 3, SS_tot = 4 + 1 + 0 + 9 = 14, SS_res = 5.
    got = rm.r2_score(Y_TRUE, Y_PRED)
    # Swapped roles: SS_tot of y_pred about its mean 2.75 is 14.75; y_true about 2.75 is 14.25.
    if got == pytest.approx(1 - 5 / 14.75, rel=1e-9) or got == pytest.approx(
        1 - 5 / 14.25, rel=1e-9
    ):
        pytest.fail(
            f"r2_score gave {got}: the baseline was the mean of y_pred (arguments swapped?). "
            "R² compares with always predicting the mean of y_TRUE; the arguments are "
            "(y_true, y_pred)"
        )
    assert got == pytest.approx(1 - 5 / 14, rel=1e-12), (
        f"r2_score gave {got}, expected 1 - SS_res/SS_tot = 1 - 5/14: SS_tot sums squared "
        "deviations of y_true from ITS mean (no ddof, no n)"
    )


def test_r2_is_not_symmetric():
    # Swapped arguments use SS_tot of y_pred (mean 2.75): 1 - 5/14.75.
    got = rm.r2_score(Y_TRUE, Y_PRED)
    assert got != pytest.approx(1 - 5 / 14.75), (
        "r2_score used the mean of y_pred as the baseline: the arguments are (y_true, y_pred)"
    )


def test_r2_of_the_mean_predictor_is_zero_and_worse_models_go_negative():
    y = np.array([1.0, 2.0, 4.0, 7.0])
    got = rm.r2_score(y, np.full(4, y.mean()))
    assert got == pytest.approx(0.0, abs=1e-12), (
        f"r2_score of always predicting mean(y_true) gave {got}, expected 0 (SS_res = SS_tot)"
    )
    got = rm.r2_score(y, y[::-1])
    assert got < 0, f"r2_score of a reversed prediction is {got}: R² must not be clipped at 0"
    expected = 1 - np.sum((y - y[::-1]) ** 2) / np.sum((y - 3.5) ** 2)
    assert got == pytest.approx(expected, rel=1e-12), (
        f"r2_score of a reversed prediction gave {got}, expected {expected} (negative)"
    )


def test_perfect_prediction_scores():
    y = np.array([0.5, -1.0, 3.0])
    for name in NAMES[:3]:
        got = getattr(rm, name)(y, y)
        assert got == 0.0, f"{name} of a perfect prediction gave {got}, expected exactly 0"
    got = rm.r2_score(y, y)
    assert got == 1.0, f"r2_score of a perfect prediction gave {got}, expected exactly 1"


def test_r2_of_constant_targets_follows_scikit_learns_convention():
    y = np.full(3, 2.0)
    perfect = rm.r2_score(y, y)
    imperfect = rm.r2_score(y, [2.0, 2.0, 3.0])
    assert perfect == 1.0 and imperfect == 0.0, (
        f"constant y_true gave R² {perfect} (perfect) and {imperfect} (imperfect): SS_tot is 0, "
        "so return 1.0 for a perfect prediction and 0.0 otherwise instead of dividing"
    )


@pytest.mark.parametrize(
    "scale, shift", [(1e-6, 0.0), (1.0, 1e6), (1e3, 1e8)], ids=["micro", "offset", "prices"]
)
def test_r2_does_not_depend_on_the_units_of_the_target(scale, shift):
    # R² is unchanged by y -> scale * y + shift (applied to targets and predictions alike).
    rng = np.random.default_rng(11)
    y = rng.normal(size=40)
    p = y + 0.5 * rng.normal(size=40)
    expected = 1.0 - np.sum((y - p) ** 2) / np.sum((y - y.mean()) ** 2)  # unit-scale data
    got = rm.r2_score(scale * y + shift, scale * p + shift)
    assert got == pytest.approx(expected, rel=1e-8), (
        f"r2_score gave {got} instead of {expected} once the targets were scaled by {scale} "
        f"and shifted by {shift}. SS_tot as sum(y^2) - n * mean(y)^2 cancels catastrophically "
        "for large offsets: sum the squared deviations (y - mean(y))^2 instead. A tolerance "
        "or an eps in the SS_tot = 0 test (np.isclose, + 1e-12) breaks small-scale targets"
    )


def test_r2_recognises_constant_targets_whose_mean_does_not_round_exactly():
    # mean([0.1, 0.1, 0.1]) is 0.10000000000000002, so the computed SS_tot is ~6e-34, not 0.
    got = rm.r2_score([0.1, 0.1, 0.1], [0.1, 0.1, 1.1])
    assert got == 0.0, (
        f"r2_score of constant y_true [0.1, 0.1, 0.1] gave {got}: the rounded mean leaves "
        "SS_tot ~1e-34 instead of 0, so test for constant targets on the values themselves "
        "(all equal to the first), not with SS_tot == 0"
    )


@pytest.mark.parametrize(
    "y_true, y_pred, expected",
    [
        # Spread 3e-9 around 1e-8: SS_tot ~ 1e-17, far below any absolute tolerance.
        ([1e-8, 2e-8, 3e-8, 4e-8], [2e-8, 2e-8, 3e-8, 3e-8], 1 - 2 / 5),
        # Spread 3e-4 on top of 1e6 (float64 still resolves 1e-10 there): SS_tot = 5e-8,
        # tiny next to sum(y^2) = 4e12, so a relative eps calls it constant.
        (
            [1e6, 1e6 + 1e-4, 1e6 + 2e-4, 1e6 + 3e-4],
            [1e6 + 1e-4, 1e6 + 1e-4, 1e6 + 2e-4, 1e6 + 2e-4],
            1 - 2 / 5,
        ),
    ],
    ids=["tiny_units", "large_offset"],
)
def test_r2_of_a_near_constant_but_not_constant_target_uses_the_formula(y_true, y_pred, expected):
    got = rm.r2_score(y_true, y_pred)
    assert got == pytest.approx(expected, rel=1e-6), (
        f"r2_score({y_true}, {y_pred}) gave {got}, expected 1 - 2/5 = 0.6: y_true is NOT "
        "constant (its values differ), so R² is 1 - SS_res / SS_tot however small SS_tot is. "
        "A tolerance in the constant test (np.isclose(SS_tot, 0), SS_tot < 1e-12, an eps "
        "relative to sum(y^2)) wrongly returns 0.0 or 1.0 here: compare the values themselves"
    )


def test_r2_of_a_near_constant_target_is_not_called_perfect():
    # A nearly constant y_true predicted by its exact mean: R² = 0, whatever the scale.
    y = np.array([1e-9, 2e-9, 3e-9])
    got = rm.r2_score(y, np.full(3, 2e-9))
    assert got == pytest.approx(0.0, abs=1e-6), (
        f"r2_score gave {got} for predicting the mean of a target with spread 2e-9: expected "
        "0. Calling a small SS_tot 'constant' (and SS_res small, so 'perfect') returns 1.0"
    )


@pytest.mark.parametrize("name", NAMES)
def test_scores_return_python_floats(name):
    got = getattr(rm, name)([1, 2, 3], [1, 2, 4])  # integer input
    assert type(got) is float, f"{name} returned {type(got).__name__}, expected a Python float"


@pytest.mark.parametrize("seed", SEEDS)
def test_invariants(seed):
    rng = np.random.default_rng(seed)
    y, p = rng.normal(size=30), rng.normal(size=30)
    mse, rmse = rm.mean_squared_error(y, p), rm.root_mean_squared_error(y, p)
    mae, r2 = rm.mean_absolute_error(y, p), rm.r2_score(y, p)
    assert rmse == pytest.approx(math.sqrt(mse), rel=1e-12), "RMSE must be sqrt(MSE)"
    assert mae <= rmse + 1e-12, "MAE can never exceed RMSE (Jensen's inequality)"
    # Symmetric errors; order of samples does not matter; shift of both leaves all unchanged.
    perm = rng.permutation(30)
    assert rm.mean_squared_error(p, y) == pytest.approx(mse, rel=1e-12), (
        "MSE is symmetric in its arguments"
    )
    assert rm.r2_score(y[perm], p[perm]) == pytest.approx(r2, rel=1e-12), (
        "R² changed when the samples were permuted"
    )
    assert rm.r2_score(y + 100, p + 100) == pytest.approx(r2, rel=1e-9), (
        "R² changed when targets and predictions were both shifted by 100"
    )
    # Scaling both by c scales MSE by c², MAE by |c|, and leaves R² unchanged.
    assert rm.mean_squared_error(3 * y, 3 * p) == pytest.approx(9 * mse, rel=1e-12), (
        "scaling both arguments by 3 must scale MSE by 9"
    )
    assert rm.mean_absolute_error(-3 * y, -3 * p) == pytest.approx(3 * mae, rel=1e-12), (
        "scaling both arguments by -3 must scale MAE by 3"
    )
    assert rm.r2_score(3 * y, 3 * p) == pytest.approx(r2, rel=1e-12), (
        "R² changed when targets and predictions were both scaled by 3"
    )


@pytest.mark.parametrize("name", NAMES)
def test_matches_scikit_learn(name):
    metrics = import_sklearn("metrics")
    rng = np.random.default_rng(7)
    y, p = rng.normal(scale=5, size=50), rng.normal(scale=5, size=50)
    expected = getattr(metrics, name)(y, p)
    got = getattr(rm, name)(y, p)
    assert got == pytest.approx(expected, rel=1e-12, abs=1e-12), (
        f"{name} gave {got}, scikit-learn's {name} {expected}"
    )


@pytest.mark.parametrize("name", NAMES)
def test_inputs_are_not_modified(name):
    y, p = np.array([1.0, 2.0, 3.0]), np.array([1.5, 2.0, 2.0])
    with inputs_unchanged(name, y_true=y, y_pred=p):
        getattr(rm, name)(y, p)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    "y_true, y_pred, match",
    [
        ([1.0, 2.0], [1.0], "y_true has 2 but y_pred has 1 samples"),
        ([1.0, np.nan], [1.0, 2.0], "NaN"),
        ([[1.0, 2.0]], [[1.0, 2.0]], "1-D"),
        ([], [], "empty"),
    ],
)
def test_bad_input_is_a_value_error(name, y_true, y_pred, match):
    func = getattr(rm, name)
    func([1.0, 2.0], [1.0, 3.0])  # works on good input first
    with pytest.raises(ValueError, match=match):
        func(y_true, y_pred)
