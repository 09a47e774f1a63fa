"""Tests for preprocessing/splits: train_test_split, k_fold_indices, stratified_k_fold_indices."""

import math

import numpy as np
import pytest

from kata.testing import SEEDS, import_sklearn, inputs_unchanged, load_kata

mod = load_kata("preprocessing/splits")


def assert_partition(train, test, n, what="the split"):
    train, test = np.asarray(train), np.asarray(test)
    both = np.concatenate([train, test])
    assert len(both) == n and np.array_equal(np.sort(both), np.arange(n)), (
        f"{what}: train and test together must hold every sample 0..{n - 1} exactly once "
        f"(got {len(train)} + {len(test)} indices, {len(np.unique(both))} distinct)"
    )


def folds_of(gen):
    folds = [(np.asarray(tr), np.asarray(te)) for tr, te in gen]
    return folds


def imbalanced_labels(seed, n=61):
    rng = np.random.default_rng(seed)
    return rng.choice(np.array(["cat", "dog", "emu"]), size=n, p=[0.6, 0.3, 0.1])


# --- train_test_split -------------------------------------------------------------------------


def test_without_shuffle_the_test_part_is_the_tail():
    X = np.arange(10)
    X_train, X_test = mod.train_test_split(X, test_size=0.25, shuffle=False)
    assert len(X_test) != 2, (
        "test_size=0.25 of 10 samples gave 2 test samples: the fraction is rounded UP, "
        "n_test = ceil(0.25 * 10) = 3 (as scikit-learn), not int() or round()"
    )
    assert list(X_test) != [0, 1, 2], (
        "with shuffle=False the test part was the FIRST samples: it is the last n_test "
        "samples, in order (as scikit-learn)"
    )
    np.testing.assert_array_equal(X_test, [7, 8, 9], err_msg="shuffle=False: test = the tail")
    np.testing.assert_array_equal(
        X_train, np.arange(7), err_msg="shuffle=False: train = the first n - n_test, in order"
    )


@pytest.mark.parametrize(
    "n, test_size", [(10, 0.25), (10, 0.05), (10, 0.3), (7, 0.5), (100, 0.15), (3, 0.34)]
)
def test_fractional_test_size_rounds_up(n, test_size):
    expected = math.ceil(test_size * n)
    _, X_test = mod.train_test_split(np.arange(n), test_size=test_size, random_state=0)
    assert len(X_test) == expected, (
        f"test_size={test_size} of {n} samples gave {len(X_test)} test samples, expected "
        f"ceil({test_size} * {n}) = {expected}: a float is a fraction, rounded up "
        "(as scikit-learn)"
    )


@pytest.mark.parametrize("test_size", [1, 3, 9])
def test_integer_test_size_is_a_count(test_size):
    X_train, X_test = mod.train_test_split(np.arange(10), test_size=test_size, random_state=0)
    assert len(X_test) == test_size and len(X_train) == 10 - test_size, (
        f"test_size={test_size} (an int) gave {len(X_test)} test samples: an int is a count "
        "of samples, a float a fraction"
    )


@pytest.mark.parametrize("test_size", [np.int64(3), np.int32(3)])
def test_numpy_integer_test_size_is_a_count(test_size):
    mod.train_test_split(np.arange(10), test_size=3, random_state=0)
    try:
        _, X_test = mod.train_test_split(np.arange(10), test_size=test_size, random_state=0)
    except ValueError as exc:
        pytest.fail(
            f"test_size={test_size!r} ({type(test_size).__name__}) was refused ({exc}): a NumPy "
            "integer is a count too; isinstance(x, int) is False for it, test with "
            "numbers.Integral (as scikit-learn)"
        )
    assert len(X_test) == 3, f"test_size=np.int64(3) gave {len(X_test)} test samples, not 3"


@pytest.mark.parametrize("n", [5, 10, 33])
@pytest.mark.parametrize("test_size", [0.1, 0.25, 0.5, 0.8, 2])
def test_split_sizes_match_sklearn(n, test_size):
    model_selection = import_sklearn("model_selection")
    ours = mod.train_test_split(np.arange(n), test_size=test_size, random_state=0)
    ref = model_selection.train_test_split(np.arange(n), test_size=test_size, random_state=0)
    assert [len(p) for p in ours] == [len(p) for p in ref], (
        f"part sizes {[len(p) for p in ours]}, scikit-learn's {[len(p) for p in ref]} "
        "(n_test = ceil(test_size * n) for a fraction)"
    )


def test_split_without_shuffle_matches_sklearn():
    model_selection = import_sklearn("model_selection")
    X = np.arange(26).reshape(13, 2)
    ours = mod.train_test_split(X, np.arange(13), test_size=0.3, shuffle=False)
    ref = model_selection.train_test_split(X, np.arange(13), test_size=0.3, shuffle=False)
    for a, b in zip(ours, ref, strict=True):
        np.testing.assert_array_equal(
            a, b, err_msg="the split differs from scikit-learn's train_test_split(shuffle=False)"
        )


@pytest.mark.parametrize("seed", SEEDS)
def test_split_is_a_partition_of_the_samples(seed):
    train, test = mod.train_test_split(np.arange(37), test_size=0.3, random_state=seed)
    assert_partition(train, test, 37)


@pytest.mark.parametrize("seed", SEEDS)
def test_rows_stay_together_across_arrays(seed):
    n = 20
    X = np.column_stack([np.arange(n), np.arange(n) ** 2])
    y = np.arange(n) * 10
    names = np.array([f"s{i}" for i in range(n)])
    parts = mod.train_test_split(X, y, names, test_size=5, random_state=seed)
    assert len(parts) == 6, f"3 arrays must give 6 parts (train, test for each), got {len(parts)}"
    X_tr, X_te, y_tr, y_te, n_tr, n_te = parts
    for Xp, yp, np_ in ((X_tr, y_tr, n_tr), (X_te, y_te, n_te)):
        assert Xp.shape[1] == 2, "2-D arrays are split by rows, keeping all columns"
        assert np.array_equal(yp, Xp[:, 0] * 10), (
            "X and y were split with different indices (row i of X no longer goes with y[i]): "
            "draw ONE permutation and index every array with it"
        )
        assert np.array_equal(np_, [f"s{i}" for i in Xp[:, 0]]), (
            "the third array was split with other indices than X: use the same index arrays"
        )


def test_same_seed_gives_the_same_split_and_seeds_differ():
    X = np.arange(50)
    a = mod.train_test_split(X, random_state=7)
    b = mod.train_test_split(X, random_state=7)
    for p, q in zip(a, b, strict=True):
        assert np.array_equal(p, q), (
            "random_state=7 twice gave different splits: shuffle with the Generator that "
            "check_random_state(random_state) returns, not with np.random"
        )
    tests = {tuple(np.sort(mod.train_test_split(X, random_state=s)[1])) for s in range(5)}
    assert len(tests) > 1, "different random_states all gave the same test set"


def test_shuffle_draws_the_test_set_at_random():
    X = np.arange(40)
    tails = 0
    for seed in range(5):
        _, test = mod.train_test_split(X, test_size=10, random_state=seed)
        tails += set(test.tolist()) == set(range(30, 40))
    assert tails == 0, "with shuffle=True the test set must not simply be the last samples"


@pytest.mark.parametrize("stratified", [False, True])
def test_with_shuffle_the_training_part_comes_out_shuffled(stratified):
    y = np.repeat([0, 1], 30)  # a dataset sorted by class, as iris is
    X = np.arange(60)
    for seed in SEEDS:
        X_train, X_test = mod.train_test_split(
            X, test_size=0.25, stratify=y if stratified else None, random_state=seed
        )
        assert_partition(X_train, X_test, 60)
        assert not np.all(np.diff(X_train) > 0), (
            "with shuffle=True the training part came back in the original sample order: "
            "return the shuffled indices as drawn (perm[n_test:]), not a sorted mask or "
            "setdiff1d. On data sorted by class (iris) a model trained by SGD would otherwise "
            "see one class after the other (scikit-learn shuffles the training part too)"
        )
        if stratified:
            assert not np.all(np.diff(y[X_test]) >= 0), (
                "with stratify=y the test part came back grouped class by class: shuffle the "
                "picked test indices too (the concatenation of per-class picks is sorted by class)"
            )


def test_split_accepts_a_generator_as_random_state():
    rng = np.random.default_rng(0)
    train, test = mod.train_test_split(np.arange(12), random_state=rng)
    assert_partition(train, test, 12)


@pytest.mark.parametrize("seed", SEEDS)
def test_stratified_split_keeps_class_proportions(seed):
    y = imbalanced_labels(seed)
    X = np.arange(len(y))
    X_train, X_test, y_train, y_test = mod.train_test_split(
        X, y, test_size=0.3, stratify=y, random_state=seed
    )
    n_test = math.ceil(0.3 * len(y))
    _, counts = np.unique(y, return_counts=True)
    rounded = int(np.sum(np.round(n_test * counts / len(y))))
    assert len(X_test) == n_test, (
        f"the stratified test set has {len(X_test)} samples, expected n_test = {n_test}"
        + (
            ": rounding each class's share n_test * n_c / n separately does not add up to "
            "n_test; take the floors, then give the leftover slots to the largest remainders"
            if len(X_test) == rounded
            else ""
        )
    )
    assert_partition(X_train, X_test, len(y), "a stratified split")
    np.testing.assert_array_equal(
        y_test, y[X_test], err_msg="stratified split: y_test must be y at the test rows"
    )
    np.testing.assert_array_equal(
        y_train, y[X_train], err_msg="stratified split: y_train must be y at the train rows"
    )
    for c in np.unique(y):
        share = n_test * np.mean(y == c)
        got = np.sum(y_test == c)
        assert abs(got - share) < 1, (
            f"class {c!r} has {got} test samples, but its share of the {n_test} test samples "
            f"is {share:.2f}: a stratified split gives each class its share (within 1)"
        )


def test_stratified_split_of_two_equal_classes_is_exact():
    y = np.array([0] * 10 + [1] * 10)
    _, y_test = mod.train_test_split(y, test_size=0.5, stratify=y, random_state=0)
    assert np.sum(y_test == 0) == 5 and np.sum(y_test == 1) == 5, (
        f"the test half holds {np.sum(y_test == 0)} and {np.sum(y_test == 1)} of the two "
        "equal classes: stratified, each gets exactly 5"
    )


def test_split_parts_are_copies_not_views():
    X = np.arange(12.0).reshape(6, 2)
    X_train, X_test = mod.train_test_split(X, test_size=2, shuffle=False)
    X_train *= 0  # a caller scaling its training part in place
    X_test *= 0
    assert np.array_equal(X, np.arange(12.0).reshape(6, 2)), (
        "changing the returned parts changed X: they are views (slices) of the input; "
        "return copies (index with an index array)"
    )


def test_split_does_not_modify_its_inputs():
    X = np.arange(20.0).reshape(10, 2)
    y = np.arange(10) % 2
    with inputs_unchanged("train_test_split", X=X, y=y):
        mod.train_test_split(X, y, stratify=y, random_state=0)


@pytest.mark.parametrize(
    "test_size", [0, 10, 11, -1, 0.0, 1.0, -0.1, 1.5, 0.999, True, "0.2", None]
)
def test_bad_test_size_is_a_value_error(test_size):
    mod.train_test_split(np.arange(10), test_size=0.2, random_state=0)
    with pytest.raises(ValueError, match="test_size"):
        mod.train_test_split(np.arange(10), test_size=test_size, random_state=0)


def test_arrays_of_different_lengths_are_a_value_error():
    mod.train_test_split(np.arange(10), np.arange(10), random_state=0)
    with pytest.raises(ValueError, match="must match"):
        mod.train_test_split(np.arange(10), np.arange(9), random_state=0)
    with pytest.raises(ValueError, match="stratify"):
        mod.train_test_split(np.arange(10), stratify=np.arange(9) % 2, random_state=0)


def test_other_bad_split_input_is_a_value_error():
    mod.train_test_split(np.arange(10), random_state=0)
    with pytest.raises(ValueError, match="at least one array"):
        mod.train_test_split()
    with pytest.raises(ValueError, match="shuffle"):
        mod.train_test_split(np.arange(10), stratify=np.arange(10) % 2, shuffle=False)
    with pytest.raises(ValueError, match="random_state"):
        mod.train_test_split(np.arange(10), random_state=-1)


# --- k_fold_indices ---------------------------------------------------------------------------


def test_k_fold_hand_example():
    folds = folds_of(mod.k_fold_indices(7, n_splits=3))
    assert len(folds) == 3, f"expected 3 folds, got {len(folds)}"
    assert [te.tolist() for _, te in folds] == [[0, 1, 2], [3, 4], [5, 6]], (
        f"test folds are {[te.tolist() for _, te in folds]}; with 7 samples and 3 folds the "
        "first 7 % 3 = 1 fold takes one extra sample: [[0, 1, 2], [3, 4], [5, 6]]"
    )
    assert [tr.tolist() for tr, _ in folds] == [[3, 4, 5, 6], [0, 1, 2, 5, 6], [0, 1, 2, 3, 4]]


@pytest.mark.parametrize("seed", SEEDS)
def test_k_fold_indices_are_sorted_also_when_shuffled(seed):
    folds = folds_of(mod.k_fold_indices(23, n_splits=4, shuffle=True, random_state=seed))
    assert len(folds) == 4, f"expected 4 folds, got {len(folds)}"
    for i, (tr, te) in enumerate(folds):
        assert np.array_equal(te, np.sort(te)), (
            f"with shuffle=True, test fold {i} came out as {te.tolist()}: sort each test fold "
            "(np.sort) as scikit-learn's KFold does; the shuffle decides WHICH samples are in "
            "a fold, not their order"
        )
        assert np.array_equal(tr, np.sort(tr)), (
            f"with shuffle=True, the train indices of fold {i} are not sorted: yield the "
            "other samples in increasing order"
        )
        assert_partition(tr, te, 23, f"fold {i}")


@pytest.mark.parametrize("n, k", [(10, 5), (7, 3), (23, 5), (5, 5), (2, 2), (101, 10)])
def test_k_fold_matches_sklearn_without_shuffle(n, k):
    model_selection = import_sklearn("model_selection")
    ours = folds_of(mod.k_fold_indices(n, n_splits=k))
    ref = list(model_selection.KFold(n_splits=k).split(np.zeros(n)))
    assert len(ours) == k, f"k_fold_indices yielded {len(ours)} folds, expected n_splits={k}"
    for (tr, te), (tr_ref, te_ref) in zip(ours, ref, strict=True):
        np.testing.assert_array_equal(te, te_ref, err_msg="test fold differs from KFold's")
        np.testing.assert_array_equal(tr, tr_ref, err_msg="train indices differ from KFold's")


@pytest.mark.parametrize("n, k", [(10, 3), (23, 5), (9, 4), (11, 2)])
@pytest.mark.parametrize("shuffle", [False, True])
def test_k_fold_uses_every_sample_exactly_once(n, k, shuffle):
    folds = folds_of(mod.k_fold_indices(n, n_splits=k, shuffle=shuffle, random_state=0))
    tests = np.concatenate([te for _, te in folds])
    assert len(tests) == n, (
        f"the test folds hold {len(tests)} samples in total, not {n}: folds of n // k samples "
        "drop the leftover n % k; give the first n % k folds one extra sample"
    )
    assert np.array_equal(np.sort(tests), np.arange(n)), (
        "some sample is in two test folds (and another in none)"
    )
    for i, (tr, te) in enumerate(folds):
        assert_partition(tr, te, n, f"fold {i}")
    sizes = [len(te) for _, te in folds]
    assert sizes == [n // k + 1] * (n % k) + [n // k] * (k - n % k), (
        f"fold sizes {sizes}: the first n % k = {n % k} folds have n // k + 1 = {n // k + 1} "
        f"samples and the others {n // k} (as scikit-learn)"
    )


def test_k_fold_shuffle_is_deterministic_and_actually_shuffles():
    a = folds_of(mod.k_fold_indices(20, n_splits=4, shuffle=True, random_state=3))
    b = folds_of(mod.k_fold_indices(20, n_splits=4, shuffle=True, random_state=3))
    for (tr_a, te_a), (tr_b, te_b) in zip(a, b, strict=True):
        np.testing.assert_array_equal(te_a, te_b, err_msg="the same random_state must repeat")
        np.testing.assert_array_equal(
            np.sort(tr_a),
            np.sort(tr_b),
            err_msg="the same random_state must repeat the train indices",
        )
    plain = [te.tolist() for _, te in mod.k_fold_indices(20, n_splits=4)]
    assert [sorted(te.tolist()) for _, te in a] != plain, (
        "shuffle=True gave the same consecutive blocks as shuffle=False"
    )
    assert {frozenset(te.tolist()) for _, te in a} != {frozenset(te) for te in plain}, (
        "shuffle=True only reordered the folds: the test folds hold the same groups of "
        "samples as without shuffling. Shuffle the sample indices, then cut them into folds"
    )


def test_k_fold_without_shuffle_ignores_random_state():
    a = folds_of(mod.k_fold_indices(9, n_splits=3, random_state=1))
    b = folds_of(mod.k_fold_indices(9, n_splits=3, random_state=2))
    for (tr_a, te_a), (tr_b, te_b) in zip(a, b, strict=True):
        np.testing.assert_array_equal(
            te_a, te_b, err_msg="without shuffling random_state must not change the test folds"
        )
        np.testing.assert_array_equal(
            tr_a, tr_b, err_msg="without shuffling random_state must not change the train indices"
        )


@pytest.mark.parametrize("n_splits", [1, 0, 11, 2.5, "3"])
def test_k_fold_bad_n_splits_is_a_value_error(n_splits):
    list(mod.k_fold_indices(10, n_splits=2))
    with pytest.raises(ValueError, match="n_splits"):
        list(mod.k_fold_indices(10, n_splits=n_splits))


# --- stratified_k_fold_indices ----------------------------------------------------------------


def test_stratified_k_fold_hand_example():
    y = np.array(["a", "a", "a", "a", "b", "b"])
    folds = folds_of(mod.stratified_k_fold_indices(y, n_splits=2))
    assert len(folds) == 2, f"expected 2 folds, got {len(folds)}"
    for tr, te in folds:
        assert sorted(y[te].tolist()) == ["a", "a", "b"], (
            f"a test fold holds {sorted(y[te].tolist())}; with 4 a's and 2 b's in 2 folds "
            "each fold must hold 2 a's and 1 b"
        )
        assert_partition(tr, te, 6)


def check_stratified(y, folds, k):
    n = len(y)
    assert len(folds) == k, f"expected {k} folds, got {len(folds)}"
    tests = np.concatenate([te for _, te in folds])
    assert np.array_equal(np.sort(tests), np.arange(n)), (
        "every sample must be in exactly one test fold"
    )
    for i, (tr, te) in enumerate(folds):
        assert_partition(tr, te, n, f"fold {i}")
    for c in np.unique(y):
        counts = [int(np.sum(y[te] == c)) for _, te in folds]
        assert max(counts) - min(counts) <= 1, (
            f"class {c!r} has counts {counts} across the test folds: stratified folds keep the "
            "class ratios, so each class's counts may differ by at most 1"
        )
    sizes = [len(te) for _, te in folds]
    assert max(sizes) - min(sizes) <= 1, (
        f"fold sizes {sizes} differ by more than 1: if every class starts filling at fold 0, "
        "the remainders pile up on the first folds; continue where the previous class stopped"
    )


def test_stratified_k_fold_balances_both_classes_and_fold_sizes():
    y = np.repeat([0, 1, 2], 4)  # 4 of each class, 3 folds
    check_stratified(y, folds_of(mod.stratified_k_fold_indices(y, n_splits=3)), 3)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("k", [3, 5])
@pytest.mark.parametrize("shuffle", [False, True])
def test_stratified_k_fold_keeps_class_ratios(seed, k, shuffle):
    y = imbalanced_labels(seed, n=61 + 7 * seed)
    folds = folds_of(
        mod.stratified_k_fold_indices(y, n_splits=k, shuffle=shuffle, random_state=seed)
    )
    check_stratified(y, folds, k)


@pytest.mark.parametrize("shuffle", [False, True])
def test_stratified_k_fold_indices_are_sorted(shuffle):
    y = np.random.default_rng(3).permutation(np.repeat([0, 1, 2], [9, 6, 4]))
    folds = folds_of(mod.stratified_k_fold_indices(y, n_splits=3, shuffle=shuffle, random_state=0))
    for i, (tr, te) in enumerate(folds):
        assert np.array_equal(te, np.sort(te)) and np.array_equal(tr, np.sort(tr)), (
            f"stratified fold {i} (shuffle={shuffle}) has unsorted indices: yield train_idx "
            "and test_idx in increasing order, as scikit-learn's StratifiedKFold"
        )


def test_stratified_k_fold_with_unsorted_integer_labels():
    y = np.array([3, 1, 3, 1, 3, 1, 3, 1, 7, 7])
    check_stratified(y, folds_of(mod.stratified_k_fold_indices(y, n_splits=2)), 2)


@pytest.mark.parametrize("shuffle", [False, True])
def test_stratified_k_fold_counts_match_sklearn(shuffle):
    model_selection = import_sklearn("model_selection")
    y = np.random.default_rng(5).permutation(np.repeat(["cat", "dog", "emu"], [27, 13, 7]))
    k = 4
    rs = 0 if shuffle else None
    ours = folds_of(mod.stratified_k_fold_indices(y, n_splits=k, shuffle=shuffle, random_state=rs))
    ref = list(
        model_selection.StratifiedKFold(n_splits=k, shuffle=shuffle, random_state=rs).split(
            np.zeros(len(y)), y
        )
    )
    assert sorted(len(te) for _, te in ours) == sorted(len(te) for _, te in ref)
    for c in np.unique(y):
        assert sorted(int(np.sum(y[te] == c)) for _, te in ours) == sorted(
            int(np.sum(y[te] == c)) for _, te in ref
        ), f"the per-fold counts of class {c!r} differ from StratifiedKFold's"


def test_stratified_k_fold_shuffle_is_deterministic_and_actually_shuffles():
    y = np.repeat([0, 1], 20)
    a = folds_of(mod.stratified_k_fold_indices(y, n_splits=4, shuffle=True, random_state=3))
    b = folds_of(mod.stratified_k_fold_indices(y, n_splits=4, shuffle=True, random_state=3))
    for (_, te_a), (_, te_b) in zip(a, b, strict=True):
        np.testing.assert_array_equal(
            np.sort(te_a), np.sort(te_b), err_msg=("the same random_state must repeat the folds")
        )
    plain = folds_of(mod.stratified_k_fold_indices(y, n_splits=4))
    assert [sorted(te.tolist()) for _, te in a] != [sorted(te.tolist()) for _, te in plain], (
        "shuffle=True gave the same folds as shuffle=False"
    )
    assert {frozenset(te.tolist()) for _, te in a} != {
        frozenset(te.tolist()) for _, te in plain
    }, (
        "shuffle=True only reordered the folds: the test folds hold the same groups of "
        "samples as without shuffling. Shuffle the samples within each class before "
        "dealing them to folds"
    )


def test_stratified_k_fold_does_not_modify_y():
    y = np.array([2, 0, 1, 0, 2, 1, 1, 0])
    with inputs_unchanged("stratified_k_fold_indices", y=y):
        list(mod.stratified_k_fold_indices(y, n_splits=2, shuffle=True, random_state=0))


def test_stratified_k_fold_bad_input_is_a_value_error():
    y = np.array([0, 1] * 5)
    list(mod.stratified_k_fold_indices(y, n_splits=2))
    with pytest.raises(ValueError, match="n_splits"):
        list(mod.stratified_k_fold_indices(y, n_splits=11))
    with pytest.raises(ValueError, match="n_splits"):
        list(mod.stratified_k_fold_indices(y, n_splits=1))
    with pytest.raises(ValueError, match="1-D"):
        list(mod.stratified_k_fold_indices(y.reshape(5, 2), n_splits=2))


# --- a numpy Generator as random_state --------------------------------------------------------


def _split_tts(random_state):
    return [p.tolist() for p in mod.train_test_split(np.arange(30), random_state=random_state)]


def _split_stratified_tts(random_state):
    y = np.repeat([0, 1], 15)
    parts = mod.train_test_split(
        np.arange(30), test_size=10, stratify=y, random_state=random_state
    )
    return [p.tolist() for p in parts]


def _split_kfold(random_state):
    gen = mod.k_fold_indices(30, n_splits=3, shuffle=True, random_state=random_state)
    return [te.tolist() for _, te in gen]


def _split_skfold(random_state):
    y = np.repeat([0, 1], 15)
    gen = mod.stratified_k_fold_indices(y, n_splits=3, shuffle=True, random_state=random_state)
    return [te.tolist() for _, te in gen]


SPLITTERS = {
    "train_test_split": _split_tts,
    "train_test_split(stratify=y)": _split_stratified_tts,
    "k_fold_indices(shuffle=True)": _split_kfold,
    "stratified_k_fold_indices(shuffle=True)": _split_skfold,
}


@pytest.mark.parametrize("name", list(SPLITTERS))
def test_a_generator_seeded_like_an_int_gives_the_same_split(name):
    split = SPLITTERS[name]
    by_int = split(11)
    assert split(11) == by_int, f"{name}: random_state=11 twice gave different splits"
    by_gen = split(np.random.default_rng(11))
    assert by_gen == by_int, (
        f"{name}: random_state=np.random.default_rng(11) gave another split than "
        "random_state=11: draw every random number from the Generator that "
        "check_random_state(random_state) returns (not from np.random, not from a new "
        "generator seeded from it)"
    )


@pytest.mark.parametrize("name", list(SPLITTERS))
def test_the_callers_generator_is_used_and_advanced(name):
    split = SPLITTERS[name]
    gen = np.random.default_rng(4)
    state = gen.bit_generator.state
    first = split(gen)
    assert gen.bit_generator.state != state, (
        f"{name}: the Generator passed as random_state was not advanced: shuffle with that "
        "Generator itself, not with a copy of it"
    )
    assert split(gen) != first, (
        f"{name}: two calls with the same Generator gave the same split: the caller's "
        "generator is used as given, so the second call continues its stream"
    )
