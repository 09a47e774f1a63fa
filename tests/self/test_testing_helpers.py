"""The suite's own measuring helpers in kata/testing.py, checked on the reference answers."""

import sys

import numpy as np
import pytest

from kata.loader import active_set, use_set
from kata.testing import load_kata, python_lines


@pytest.fixture
def solutions():
    before = active_set()
    use_set("solutions")
    yield
    use_set(before)


def test_python_lines_counts_the_kata_code_once_per_loop_iteration(solutions):
    tree = load_kata("unsupervised/agglomerative")
    X = np.random.default_rng(0).normal(size=(60, 2))
    small = python_lines(tree.AgglomerativeClustering(linkage="single").fit, X, budget=10**6)
    large = python_lines(
        tree.AgglomerativeClustering(linkage="single").fit,
        np.vstack([X, X + 100.0]),
        budget=10**6,
    )
    # fit loops over the n - 1 merges in Python: twice the samples, about twice the lines.
    assert 0 < small < large
    assert 1.5 < large / small < 2.5, (small, large)


def test_python_lines_ignores_code_outside_the_kata_files(solutions):
    def busy():
        total = 0
        for i in range(10_000):  # this test file is not kata code
            total += i
        return total

    assert python_lines(busy, budget=10) == 0


def test_python_lines_stops_the_call_past_the_budget(solutions):
    tree = load_kata("unsupervised/agglomerative")
    X = np.random.default_rng(1).normal(size=(2000, 2))  # whole fit: ~100 000 lines
    assert python_lines(tree.AgglomerativeClustering().fit, X, budget=50) == 51


def test_python_lines_restores_the_previous_tracer_and_passes_exceptions(solutions):
    def tracer(frame, event, arg):
        return None

    tree = load_kata("unsupervised/agglomerative")
    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        with pytest.raises(ValueError, match="n_clusters"):
            python_lines(tree.AgglomerativeClustering(n_clusters=0).fit, [[0.0], [1.0]], budget=99)
        assert sys.gettrace() is tracer
    finally:
        sys.settrace(previous)
