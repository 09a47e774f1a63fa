"""The catalog lookups and the datasets the tests and figures rely on."""

import numpy as np
import pytest

from kata import datasets
from kata.catalog import ROOT, UnknownKataError, get_kata, kata_for_test_file
from kata.testing import import_sklearn


def test_get_kata_by_id_or_short_name():
    assert get_kata("foundations/softmax").name == "softmax"
    assert get_kata("softmax").id == "foundations/softmax"


@pytest.mark.parametrize("bad", ["softmx", "../exercises/foundations/softmax", "foundations"])
def test_unknown_kata_is_refused_with_suggestions(bad):
    with pytest.raises(UnknownKataError, match="Unknown kata"):
        get_kata(bad)
    with pytest.raises(UnknownKataError, match="Did you mean foundations/softmax"):
        get_kata("foundations/sofmax")


def test_test_files_map_to_their_kata():
    assert kata_for_test_file(ROOT / "tests/foundations/test_softmax.py").id == (
        "foundations/softmax"
    )
    assert kata_for_test_file(ROOT / "tests/self/test_contract.py") is None


@pytest.mark.parametrize(
    "loader, shape, n_classes",
    [
        (datasets.load_iris, (150, 4), 3),
        (datasets.load_wine, (178, 13), 3),
        (datasets.load_breast_cancer, (569, 30), 2),
        (datasets.load_diabetes, (442, 10), None),
    ],
)
def test_real_datasets_load(loader, shape, n_classes):
    data = loader()
    assert data.X.shape == shape and data.y.shape == (shape[0],)
    assert len(data.feature_names) == shape[1]
    if n_classes:
        assert len(np.unique(data.y)) == n_classes == len(data.target_names)


def test_real_datasets_equal_scikit_learns_copies():
    sk = import_sklearn("datasets")
    pairs = [
        (datasets.load_iris(), sk.load_iris()),
        (datasets.load_wine(), sk.load_wine()),
        (datasets.load_breast_cancer(), sk.load_breast_cancer()),
        (datasets.load_diabetes(), sk.load_diabetes(scaled=False)),
    ]
    for ours, theirs in pairs:
        np.testing.assert_array_equal(ours.X, theirs.data)
        np.testing.assert_array_equal(ours.y, theirs.target)


def test_generators_are_deterministic_and_shaped():
    X1, y1, c1 = datasets.make_blobs(60, centers=3, random_state=0)
    X2, y2, c2 = datasets.make_blobs(60, centers=3, random_state=0)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    np.testing.assert_array_equal(c1, c2)
    assert X1.shape == (60, 2) and c1.shape == (3, 2) and np.bincount(y1).tolist() == [20] * 3
    X, y = datasets.make_moons(50, random_state=1)
    assert X.shape == (50, 2) and set(y) == {0, 1}
    X, y = datasets.make_spirals(90, n_classes=3, random_state=1)
    assert X.shape == (90, 2) and set(y) == {0, 1, 2}
    X, y, coef = datasets.make_linear_regression(40, 3, noise=0.0, intercept=2.0, random_state=2)
    np.testing.assert_allclose(y, X @ coef + 2.0)
    X, y, coef = datasets.make_logistic(500, 2, scale=50.0, random_state=3)
    assert np.mean((X @ coef > 0) == (y == 1)) > 0.95
