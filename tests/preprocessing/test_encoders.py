"""Tests for preprocessing/encoders: one_hot and LabelEncoder."""

import numpy as np
import pytest

from kata.testing import (
    SEEDS,
    import_sklearn,
    inputs_unchanged,
    load_kata,
    peak_memory,
    python_lines,
)
from kata.validation import NotFittedError

mod = load_kata("preprocessing/encoders")


# --- one_hot --------------------------------------------------------------------------------


def test_one_hot_hand_example():
    try:
        got = mod.one_hot([0, 2, 1, 2])
    except IndexError as exc:
        pytest.fail(
            f"one_hot([0, 2, 1, 2]) raised IndexError ({exc}): the output needs max(y) + 1 = 3 "
            "columns (classes 0, 1, 2), not max(y)",
            pytrace=False,
        )
    expected = [[1, 0, 0], [0, 0, 1], [0, 1, 0], [0, 0, 1]]
    np.testing.assert_array_equal(got, expected, err_msg="one_hot of the hand example")
    assert got.dtype == np.float64, f"one_hot returned {got.dtype}, expected float64"


def test_one_hot_default_width_is_max_label_plus_one():
    got = mod.one_hot([3, 1])
    assert got.shape == (2, 4), (
        f"one_hot([3, 1]) has shape {got.shape}, expected (2, 4): with n_classes=None the "
        "width is max(y) + 1 (classes 0..3), not the number of distinct labels"
    )
    np.testing.assert_array_equal(
        got, [[0, 0, 0, 1], [0, 1, 0, 0]], err_msg="n_classes=None gives max(y) + 1 = 4 columns"
    )


def test_one_hot_larger_n_classes_adds_zero_columns():
    got = mod.one_hot([1, 0], n_classes=5)
    np.testing.assert_array_equal(
        got, [[0, 1, 0, 0, 0], [1, 0, 0, 0, 0]], err_msg="a larger n_classes adds all-zero columns"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_one_hot_rows_have_a_single_one_at_the_label(seed):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 7, size=200)
    got = mod.one_hot(y, n_classes=7)
    assert got.shape == (200, 7)
    np.testing.assert_array_equal(
        got.sum(axis=1), 1.0, err_msg="each row of one_hot holds exactly one 1"
    )
    np.testing.assert_array_equal(
        np.argmax(got, axis=1), y, err_msg="the 1 of row i sits in column y[i]"
    )
    np.testing.assert_array_equal(
        got,
        np.arange(7) == y[:, None],
        err_msg="one_hot against the comparison y[:, None] == arange(K)",
    )  # independent oracle


def test_one_hot_accepts_whole_number_floats():
    try:
        got = mod.one_hot(np.array([2.0, 0.0]))
    except IndexError as exc:
        pytest.fail(
            f"one_hot([2.0, 0.0]) raised IndexError ({exc}): float labels cannot index an "
            "array; check they are whole numbers and convert them to int64 first",
            pytrace=False,
        )
    np.testing.assert_array_equal(
        got,
        [[0, 0, 1], [1, 0, 0]],
        err_msg="whole-number floats are class indices",
    )


def test_one_hot_matches_sklearn():
    preprocessing = import_sklearn("preprocessing")
    y = np.random.default_rng(3).integers(0, 5, size=50)
    ref = preprocessing.label_binarize(y, classes=list(range(6)))
    np.testing.assert_array_equal(
        mod.one_hot(y, n_classes=6), ref, err_msg="one_hot against scikit-learn's OneHotEncoder"
    )


def test_one_hot_n_classes_smaller_than_max_label_is_a_value_error():
    mod.one_hot([0, 1, 2], n_classes=3)
    try:
        with pytest.raises(ValueError, match="n_classes"):
            mod.one_hot([0, 1, 2], n_classes=2)
    except IndexError:
        pytest.fail(
            "one_hot([0, 1, 2], n_classes=2) raised IndexError: check n_classes >= max(y) + 1 "
            "first and raise a ValueError mentioning n_classes",
            pytrace=False,
        )


@pytest.mark.parametrize(
    "y, what",
    [
        (["cat", "dog"], "string labels"),
        ([0.0, 1.5], "a fractional label"),
        ([0, -1, 2], "a negative label"),
    ],
)
def test_one_hot_rejects_labels_that_are_not_class_indices(y, what):
    mod.one_hot([0, 1])
    try:
        got = mod.one_hot(y)
    except ValueError:
        return
    pytest.fail(
        f"one_hot({y!r}) returned {got!r} instead of raising ValueError for {what}: one_hot "
        "takes whole-number class indices >= 0 (encode other labels with LabelEncoder first; "
        "a negative index would silently count from the end)"
    )


def test_one_hot_rejects_a_bad_n_classes():
    mod.one_hot([0, 1])
    for bad in (0, 2.5, "3"):
        with pytest.raises(ValueError, match="n_classes"):
            mod.one_hot([0, 1], n_classes=bad)


def test_one_hot_rejects_bad_input():
    mod.one_hot([0, 1])
    with pytest.raises(ValueError, match="1-D"):
        mod.one_hot([[0, 1]])
    with pytest.raises(ValueError, match="empty"):
        mod.one_hot([])


def test_one_hot_does_not_modify_its_input():
    y = np.array([2, 0, 1])
    with inputs_unchanged("one_hot", y=y):
        mod.one_hot(y)


# --- LabelEncoder ---------------------------------------------------------------------------


def test_label_encoder_hand_example_with_strings():
    enc = mod.LabelEncoder()
    assert enc.fit(["b", "a", "c", "a"]) is enc, "fit must return self"
    assert list(enc.classes_) != ["b", "a", "c"], (
        "classes_ is ['b', 'a', 'c'], the order of first appearance: it must be the SORTED "
        "distinct labels (np.unique), ['a', 'b', 'c']"
    )
    np.testing.assert_array_equal(
        enc.classes_, ["a", "b", "c"], err_msg="classes_ of ['b', 'a', 'c', 'a'], sorted"
    )
    got = enc.transform(["c", "a", "b", "a"])
    np.testing.assert_array_equal(
        got, [2, 0, 1, 0], err_msg="transform gives each label's index in the sorted classes_"
    )
    assert np.issubdtype(got.dtype, np.integer), f"transform gave {got.dtype}, expected ints"
    np.testing.assert_array_equal(
        enc.inverse_transform([1, 2]),
        ["b", "c"],
        err_msg="inverse_transform maps indices back to labels",
    )


def test_label_encoder_classes_are_sorted_not_in_order_of_appearance():
    enc = mod.LabelEncoder().fit(["zebra", "cat", "mouse", "cat"])
    assert list(enc.classes_) == ["cat", "mouse", "zebra"], (
        f"classes_ is {list(enc.classes_)}: it must be the sorted distinct labels (np.unique), "
        "not the order of first appearance, so the encoding does not depend on sample order"
    )
    np.testing.assert_array_equal(
        enc.transform(["zebra", "cat"]),
        [2, 0],
        err_msg="indices follow the sorted classes_, not the order of appearance",
    )


def test_label_encoder_handles_arbitrary_integer_labels():
    enc = mod.LabelEncoder().fit([42, -1, 7, 42])
    np.testing.assert_array_equal(
        enc.classes_, [-1, 7, 42], err_msg="classes_ of arbitrary integers, sorted"
    )
    np.testing.assert_array_equal(
        enc.transform([7, 42, -1]), [1, 2, 0], err_msg="transform of arbitrary integer labels"
    )
    np.testing.assert_array_equal(
        enc.inverse_transform([2, 0]),
        [42, -1],
        err_msg="inverse_transform of arbitrary integer labels",
    )


def test_label_encoder_classes_keep_the_label_dtype():
    enc = mod.LabelEncoder().fit(np.array(["yes", "no"]))
    assert enc.classes_.dtype.kind == "U", (
        f"classes_ has dtype {enc.classes_.dtype}: keep the labels' own dtype (strings here)"
    )
    back = enc.inverse_transform([0, 1])
    assert back.dtype.kind == "U" and list(back) == ["no", "yes"]


@pytest.mark.parametrize("seed", SEEDS)
def test_label_encoder_round_trips(seed):
    rng = np.random.default_rng(seed)
    words = np.array(["ant", "bee", "cat", "dog", "eel", "fox"])
    y = rng.choice(words, size=100)
    enc = mod.LabelEncoder()
    codes = enc.fit_transform(y)
    np.testing.assert_array_equal(
        codes,
        mod.LabelEncoder().fit(y).transform(y),
        err_msg="fit_transform(y) must equal fit(y).transform(y)",
    )
    np.testing.assert_array_equal(
        enc.inverse_transform(codes), y, err_msg="inverse_transform(transform(y)) must give y back"
    )
    # Order preserving: the code order is the label order (the classes_ are sorted).
    np.testing.assert_array_equal(
        np.argsort(codes, kind="stable"),
        np.argsort(y, kind="stable"),
        err_msg="codes must sort the samples as the labels do",
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_label_encoder_does_not_depend_on_sample_order(seed):
    y = np.random.default_rng(seed).integers(10, 20, size=30)
    perm = np.random.default_rng(seed + 1).permutation(30)
    a = mod.LabelEncoder().fit(y)
    b = mod.LabelEncoder().fit(y[perm])
    np.testing.assert_array_equal(
        a.classes_, b.classes_, err_msg="the same labels in another order give the same classes_"
    )
    np.testing.assert_array_equal(
        a.transform(y),
        b.transform(y),
        err_msg="the same labels in another order give the same codes",
    )


def test_label_encoder_unseen_label_is_a_clear_error():
    enc = mod.LabelEncoder().fit(["cat", "dog"])
    enc.transform(["dog"])
    with pytest.raises(ValueError) as info:
        enc.transform(["dog", "zebra", "cat"])
    assert "zebra" in str(info.value), (
        f"the error for an unseen label should name it ('zebra'); got: {info.value}"
    )


def test_label_encoder_unseen_integer_label_is_an_error_not_a_neighbour_index():
    enc = mod.LabelEncoder().fit([10, 20, 30])
    np.testing.assert_array_equal(
        enc.transform([20]), [1], err_msg="a seen label keeps its own index"
    )
    for unseen in (15, 35, 5):
        try:
            got = enc.transform([unseen])
        except ValueError as exc:
            assert str(unseen) in str(exc), f"name the unseen label {unseen} in the error: {exc}"
            continue
        pytest.fail(
            f"transform([{unseen}]) returned {got} for a label never seen in fit: binary search "
            "gives an insertion point, not a match; check that the label really is in classes_"
        )


@pytest.mark.parametrize(
    "fitted, unseen",
    [(["ab", "c"], "abc"), ([1, 2, 3], 1.5)],
    ids=["longer-string", "fractional-number"],
)
def test_label_encoder_unseen_label_is_not_cast_onto_a_seen_one(fitted, unseen):
    enc = mod.LabelEncoder().fit(fitted)
    enc.transform(fitted)
    try:
        got = enc.transform([unseen])
    except ValueError:
        return
    pytest.fail(
        f"transform([{unseen!r}]) returned {got} after fit({fitted!r}): the label was never "
        "seen. Casting y to classes_'s dtype first truncates it ('abc' -> 'ab', 1.5 -> 1) "
        "onto a seen label; compare the labels as they are (scikit-learn's LabelEncoder "
        "does this cast, but the kata asks that every unseen label be an error)"
    )


def test_label_encoder_inverse_transform_rejects_bad_indices():
    enc = mod.LabelEncoder().fit(["a", "b", "c"])
    np.testing.assert_array_equal(
        enc.inverse_transform([2]), ["c"], err_msg="a valid index still works"
    )
    for bad in ([-1], [3], [0.5]):
        try:
            got = enc.inverse_transform(bad)
        except ValueError:
            continue
        pytest.fail(
            f"inverse_transform({bad}) returned {got!r}: only whole numbers 0..2 are codes here "
            "(classes_[-1] silently wraps around to the last class)"
        )


@pytest.mark.parametrize(
    "y",
    [np.array(["b", "a", "c", "a", "b"]), np.array([3, 1, 2, 3, 9]), np.array([0.5, -2.0, 0.5])],
    ids=["strings", "ints", "floats"],
)
def test_label_encoder_matches_sklearn(y):
    preprocessing = import_sklearn("preprocessing")
    ours, ref = mod.LabelEncoder().fit(y), preprocessing.LabelEncoder().fit(y)
    np.testing.assert_array_equal(
        ours.classes_, ref.classes_, err_msg="classes_ against scikit-learn's LabelEncoder"
    )
    np.testing.assert_array_equal(
        ours.transform(y),
        ref.transform(y),
        err_msg="transform against scikit-learn's LabelEncoder",
    )
    codes = ref.transform(y)[::-1]
    np.testing.assert_array_equal(
        ours.inverse_transform(codes),
        ref.inverse_transform(codes),
        err_msg="inverse_transform against scikit-learn's",
    )


def test_label_encoder_does_not_modify_its_inputs():
    y = np.array([3, 1, 2, 1])
    codes = np.array([0, 2, 1])
    enc = mod.LabelEncoder()
    with inputs_unchanged("fit", y=y):
        enc.fit(y)
    with inputs_unchanged("transform", y=y):
        enc.transform(y)
    with inputs_unchanged("inverse_transform", codes=codes):
        enc.inverse_transform(codes)


def test_label_encoder_refit_on_new_labels_forgets_the_old_ones():
    enc = mod.LabelEncoder().fit(["a", "b"])
    enc.fit(["z", "x", "y", "x"])
    assert list(enc.classes_) == ["x", "y", "z"], (
        f"after fit(['a', 'b']) then fit(['z', 'x', 'y', 'x']), classes_ is "
        f"{list(enc.classes_)}, expected ['x', 'y', 'z']: every fit starts afresh from the "
        "labels it is given (no merging with, or caching of, an earlier fit)"
    )
    assert enc.transform(["z", "x"]).tolist() == [2, 0], (
        "after a refit, transform must use the new classes_ (a lookup table built in the "
        "first fit and kept is stale)"
    )
    with pytest.raises(ValueError, match="a"):
        enc.transform(["a"])  # seen by the first fit only: unseen now
    assert enc.inverse_transform([1]).tolist() == ["y"], "inverse_transform after a refit"
    # Refitting with another label type works the same way.
    enc.fit([3, 1, 2])
    assert enc.classes_.tolist() == [1, 2, 3], f"refit on integers gave {enc.classes_.tolist()}"
    assert enc.transform([3]).tolist() == [2], "transform after a refit on integers"


@pytest.mark.parametrize("shape", [(2, 3), (2, 2, 2)])
def test_two_and_three_dimensional_labels_are_a_value_error(shape):
    mod.one_hot([0, 1])  # works on 1-D input first
    enc = mod.LabelEncoder().fit([0, 1])
    y = np.zeros(shape, dtype=int)
    for call in (mod.one_hot, mod.LabelEncoder().fit, enc.transform, enc.inverse_transform):
        with pytest.raises(ValueError, match="1-D"):
            call(y)


@pytest.mark.parametrize("method", ["transform", "inverse_transform"])
def test_label_encoder_before_fit_is_not_fitted_error(method):
    mod.LabelEncoder().fit([0, 1])
    with pytest.raises(NotFittedError, match="fit"):
        getattr(mod.LabelEncoder(), method)([0, 1])


def test_label_encoder_rejects_bad_input():
    enc = mod.LabelEncoder().fit([0, 1])
    with pytest.raises(ValueError, match="1-D"):
        mod.LabelEncoder().fit([[0, 1]])
    with pytest.raises(ValueError, match="empty"):
        mod.LabelEncoder().fit([])
    with pytest.raises(ValueError, match="NaN"):
        mod.LabelEncoder().fit([0.0, np.nan])
    with pytest.raises(ValueError, match="1-D"):
        enc.transform([[0, 1]])


# --- complexity, without a clock: Python lines counted, peak memory measured ---------------


def many_labels():
    """4000 integer labels drawn from 0..7999: about 3200 distinct classes."""
    return np.random.default_rng(0).integers(0, 8000, size=4000)


def test_label_encoder_runs_no_python_loop_over_samples_or_classes():
    # 4000 samples, ~3200 classes: np.unique, np.isin and np.searchsorted run under 10
    # Python lines per method; a loop over the samples (a dict lookup per label, a
    # comprehension in inverse_transform) runs 4000 or more, a loop over the classes
    # (codes[y == c] = k) over 3000, and costs O(n K) besides.
    y = many_labels()
    budget = 100
    for method in ("fit", "transform", "fit_transform"):
        enc = mod.LabelEncoder().fit(y)
        lines = python_lines(getattr(enc, method), y, budget=budget)
        assert lines <= budget, (
            f"LabelEncoder.{method} ran more than {budget} lines of Python on 4000 labels: is "
            "there a Python loop over the samples or the classes? Get classes_ from "
            "np.unique, check the labels with np.isin and find their codes with "
            "np.searchsorted, for all samples at once"
        )
    enc = mod.LabelEncoder().fit(y)
    codes = enc.transform(y)
    lines = python_lines(enc.inverse_transform, codes, budget=budget)
    assert lines <= budget, (
        f"LabelEncoder.inverse_transform ran more than {budget} lines of Python on 4000 "
        "codes: is there a Python loop over the samples? Index classes_ with the whole "
        "array of codes, classes_[codes]"
    )
    # np.unique's inverse is an independent way to get the same codes.
    np.testing.assert_array_equal(
        codes, np.unique(y, return_inverse=True)[1], err_msg="codes against np.unique's inverse"
    )
    np.testing.assert_array_equal(
        enc.inverse_transform(codes), y, err_msg="inverse_transform(transform(y)) must give y back"
    )


def test_label_encoder_transform_builds_no_samples_by_classes_matrix():
    # 4000 samples, ~3200 classes: comparing every label with every class, y[:, None] ==
    # classes_, is a 12.7 MB (n, K) matrix (and O(n K) time); a binary search needs a few
    # arrays of n or K entries, about 0.1 MB.
    y = many_labels()
    enc = mod.LabelEncoder().fit(y)
    n_by_k = len(y) * len(enc.classes_)
    _, peak = peak_memory(enc.transform, y)
    assert peak < n_by_k / 10, (
        f"transform allocated {peak / 1e6:.1f} MB for 4000 labels and {len(enc.classes_)} "
        "classes: is it comparing every label with every class (an (n_samples, n_classes) "
        "matrix, O(n K))? Find each label's code by binary search in the sorted classes_ "
        "(np.searchsorted), O(n log K)"
    )


def test_one_hot_runs_no_python_loop_over_samples():
    # 4000 labels of 10 classes: fancy indexing, out[np.arange(n), y] = 1, runs about 15
    # Python lines; setting the ones in a loop over the samples runs 4000 or more.
    y = np.random.default_rng(1).integers(0, 10, size=4000)
    budget = 100
    lines = python_lines(mod.one_hot, y, budget=budget)
    assert lines <= budget, (
        f"one_hot ran more than {budget} lines of Python on 4000 labels: is there a Python "
        "loop over the samples? Set all the ones at once: out[np.arange(n), y] = 1.0"
    )
