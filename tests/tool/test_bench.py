"""The benchmark (kata/bench): its arithmetic, its verdicts and its command line.

No test here asserts anything about how fast something is: the timings come from fake
clocks or are only checked to exist. What is checked is what a learner reads: the ratio
and the growth exponent computed right, "results differ" for a fast wrong answer, "not
implemented" for a stub, one line (not a traceback) for a broken file.
"""

from __future__ import annotations

import io
import math
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

import kata.bench as bench
from kata.bench import Row, all_rows, close, same_labels, timing
from kata.bench import cli as bench_cli
from kata.bench.timing import Progress, growth_exponent, measure, ratio

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _quick(monkeypatch):
    # One call per measurement: these tests check verdicts, not speed.
    monkeypatch.setattr(timing, "MIN_MEASUREMENT", 0.0)


class SumRow(Row):
    """A synthetic row: ``mod.total(x)`` against ``x.sum()``."""

    kata_id = "foundations/softmax"  # any catalogued id; its module is never imported
    timed = "total"
    slow_hint = "a Python loop over the entries?"

    def data(self, n, d, rng):
        return {"x": rng.standard_normal(n)}

    def ours(self, mod, data):
        return lambda: mod.total(data["x"])

    def sklearn(self, data):
        return lambda: float(np.sum(data["x"]))

    def agree(self, yours, baseline, data):
        return close(yours, baseline, rtol=1e-9, what="total")


def run_sum(module, *, sklearn_version="1.9", reference=None, size="tiny"):
    """Run SumRow with ``module`` as the active set's kata; return (results, output)."""
    out = io.StringIO()
    loaded = []

    def load(kata_id, kata_set):
        loaded.append(kata_set)
        if isinstance(module, BaseException):
            raise module
        if kata_set == "solutions" and reference is not None:
            return reference
        return module

    results = bench_cli.run(
        [SumRow()],
        size=size,
        rounds=2,
        stdout=out,
        progress=Progress(io.StringIO()),
        load=load,
        sklearn_version=sklearn_version,
    )
    return results, out.getvalue(), loaded


# --- the verdicts a learner reads --------------------------------------------------------


def test_a_stub_row_says_not_implemented_without_a_traceback():
    def total(x):
        raise NotImplementedError("total")

    (result,), text, _ = run_sum(SimpleNamespace(total=total))
    assert result.status == "not implemented", f"a stub must give 'not implemented':\n{text}"
    assert "not implemented" in text and "Traceback" not in text, text


def test_a_fast_wrong_answer_shows_results_differ():
    (result,), text, _ = run_sum(SimpleNamespace(total=lambda x: 0.0))
    assert not result.agree, f"total() = 0 must not agree with x.sum():\n{text}"
    assert "results differ" in text.lower(), f"the table must say the results differ:\n{text}"


def test_a_right_answer_agrees_and_gets_a_ratio_and_exponents():
    (result,), text, _ = run_sum(SimpleNamespace(total=lambda x: float(np.sum(x))))
    assert result.status == "ok" and result.agree, text
    assert len(result.yours) == len(result.baseline) == 3, "three sizes: n/4, n/2, n"
    assert result.sizes == SumRow().series("tiny"), "the sizes timed are the row's series"
    assert math.isfinite(result.ratio) and result.ratio > 0, text
    assert "agree" in text and "total rel. err" in text, "the tolerance is stated in the row"


def test_an_exception_is_one_line_naming_it():
    def total(x):
        raise ValueError("x must be 1-D")

    (result,), text, _ = run_sum(SimpleNamespace(total=total))
    assert result.status == "error", text
    assert "error: ValueError: x must be 1-D" in text and "Traceback" not in text, text


def test_a_file_that_does_not_import_is_named_with_its_line():
    err = SyntaxError("invalid syntax", ("exercises/foundations/softmax.py", 7, 9, "def f(:"))
    (result,), text, _ = run_sum(err)
    assert result.status == "does not import", text
    assert "SyntaxError at exercises/foundations/softmax.py line 7" in text, text


def test_without_sklearn_the_baseline_is_the_reference_solution():
    calls = []

    def reference_total(x):
        calls.append(1)
        return float(np.sum(x))

    (result,), text, loaded = run_sum(
        SimpleNamespace(total=lambda x: float(np.sum(x))),
        sklearn_version=None,
        reference=SimpleNamespace(total=reference_total),
    )
    assert "solutions" in loaded and calls, "the reference solution must be the baseline"
    assert "scikit-learn is not installed" in text, text
    assert "reference" in text.splitlines()[3], "the baseline column is named 'reference'"
    assert result.agree, text


def test_an_implementation_that_writes_into_its_input_does_not_change_the_baseline():
    def total(x):
        s = float(np.sum(x))
        x[:] = 0.0  # a mistake the kata tests catch; here it must not corrupt the comparison
        return s

    (result,), text, _ = run_sum(SimpleNamespace(total=total))
    assert result.agree, f"the baseline must get its own copy of the data:\n{text}"


def test_a_slow_row_prints_its_follow_up_question():
    r = bench_cli.RowResult("foundations/softmax", "total", [(10, 1), (20, 1)], [4.0, 8.0])
    r.baseline = [1.0, 2.0]
    note = bench_cli._note(r, [SumRow()], "sklearn")
    assert "4.00x" in note and "a Python loop over the entries?" in note, note
    assert "n^1.00" in note, f"the growth exponent of times doubling with n is 1: {note}"


# --- the arithmetic ----------------------------------------------------------------------


def test_ratio_is_yours_over_the_baseline():
    assert ratio(4.0, 2.0) == 2.0, "4 s against 2 s is 2x"
    assert ratio(1.0, 4.0) == 0.25, "faster than the baseline is below 1"
    assert ratio(1.0, 0.0) == math.inf, "a zero baseline time must not divide by zero"


@pytest.mark.parametrize("a", [1.0, 1.15, 2.0, 0.5])
def test_growth_exponent_recovers_a_power_law(a):
    ns = [1000, 2000, 4000, 8000]
    times = [3e-4 * n**a for n in ns]
    assert growth_exponent(ns, times) == pytest.approx(a, abs=1e-9), f"t = c n^{a}"


def test_growth_exponent_is_a_least_squares_fit_over_all_sizes():
    ns = np.array([1000.0, 2000.0, 4000.0])
    times = 1e-6 * ns**1.2 * np.array([1.1, 0.9, 1.05])  # noisy measurements
    slope = np.polyfit(np.log(ns), np.log(times), 1)[0]
    assert growth_exponent(ns, times) == pytest.approx(slope), "log-log least squares"
    assert math.isnan(growth_exponent([1000], [1.0])), "one size gives no exponent"
    assert math.isnan(growth_exponent([1000, 1000], [1.0, 2.0])), "nor do equal sizes"


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_measure_keeps_the_minimum_of_interleaved_rounds():
    clock = FakeClock()
    order = []
    # Per-round durations of each function: the minimum is what is kept.
    durations = {"a": iter([0.5, 0.3, 0.4]), "b": iter([0.2, 0.25, 0.1])}

    def make(name):
        def call():
            order.append(name)
            clock.now += next(durations[name])

        return call

    best = measure([make("a"), make("b")], rounds=3, first=[1.0, 1.0], clock=clock)
    assert best == pytest.approx([0.3, 0.1]), "the minimum over rounds"
    assert order == ["a", "b", "b", "a", "a", "b"], "rounds alternate which side goes first"


def test_measure_repeats_a_fast_call_and_divides():
    clock = FakeClock()
    calls = []

    def call():
        calls.append(1)
        clock.now += 0.001

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(timing, "MIN_MEASUREMENT", 0.01)
        best = measure([call], rounds=2, first=[0.001], clock=clock)
    assert len(calls) == 20, "a 1 ms call is repeated 10 times per 10 ms measurement"
    assert best == pytest.approx([0.001]), "the time is per call"


def test_measure_stops_after_two_rounds_once_over_budget():
    clock = FakeClock()

    def call():
        clock.now += 1.0

    calls = []
    measure([call], rounds=10, budget=1.5, first=[1.0], clock=clock, on_round=calls.append)
    assert calls == [1, 2], "two rounds, then the budget stops it"


def test_progress_is_silent_for_a_short_run_and_shown_for_a_long_one():
    clock = FakeClock()
    stream = io.StringIO()
    progress = Progress(stream, clock=clock)
    progress.update("step 1")
    assert stream.getvalue() == "", "nothing under a second"
    clock.now = 1.5
    progress.update("step 2")
    clock.now = 1.6
    progress.update("step 3")  # within a second of the last line: skipped off a terminal
    clock.now = 2.7
    progress.update("step 4")
    assert stream.getvalue() == "step 2\nstep 4\n", stream.getvalue()


def test_agreement_helpers_state_the_tolerance():
    ok, text = close(np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-8]), rtol=1e-6, what="coef_")
    assert ok and "coef_" in text and "1e-06" in text, text
    ok, text = close(np.array([1.0, 2.0]), np.array([1.0, 2.1]), rtol=1e-6, what="coef_")
    assert not ok, text
    ok, text = close(np.array([np.nan]), np.array([1.0]), rtol=1.0, what="coef_")
    assert not ok and "NaN" in text, "NaN never agrees"
    ok, text = same_labels(np.array([1, 2, 3, 4]), np.array([1, 2, 3, 0]), min_share=0.9)
    assert not ok and "75.0%" in text, text


# --- registry and command line ------------------------------------------------------------


def test_one_row_per_kata(monkeypatch):
    monkeypatch.setattr(bench, "_REGISTRY", {})

    @bench.row("foundations/softmax")
    class First(SumRow):
        pass

    with pytest.raises(ValueError, match="already has a benchmark row"):

        @bench.row("foundations/softmax")
        class Second(SumRow):
            pass


def test_rows_are_discovered_and_each_names_a_catalogued_kata():
    from kata.catalog import kata_ids

    rows = all_rows()
    ids = [r.kata_id for r in rows]
    assert "classification/knn" in ids and "unsupervised/kmeans" in ids, ids
    assert len(ids) == len(set(ids)), "one row per kata"
    assert set(ids) <= set(kata_ids()), "every row names a kata of the catalog"


def test_select_accepts_ids_short_names_and_paths_and_rejects_others():
    rows = all_rows()
    pick = bench_cli.select(rows, ["knn", "exercises/unsupervised/kmeans.py"])
    assert [r.kata_id for r in pick] == ["classification/knn", "unsupervised/kmeans"]
    with pytest.raises(ValueError, match="Did you mean"):
        bench_cli.select(rows, ["kmean"])


def test_main_returns_2_on_an_unknown_kata():
    err = io.StringIO()
    assert bench_cli.main(["no_such_kata"], stdout=io.StringIO(), stderr=err) == 2
    assert "Unknown kata" in err.getvalue(), err.getvalue()


@pytest.mark.parametrize("kata_row", all_rows(), ids=lambda r: r.kata_id)
def test_every_row_runs_on_the_reference_at_the_tiny_size(kata_row):
    out = io.StringIO()
    (result,) = bench_cli.run(
        [kata_row], size="tiny", kata_set="solutions", rounds=1, stdout=out,
        progress=Progress(io.StringIO()),
    )  # fmt: skip
    assert result.status == "ok", f"{kata_row.kata_id}: {result.message}\n{out.getvalue()}"
    assert result.agree, f"the reference must agree with the baseline:\n{out.getvalue()}"


def test_python_m_kata_bench_runs_on_a_tiny_size():
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "kata.bench",
            "kmeans",
            "--solutions",
            *("--size", "tiny", "--rounds", "1"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "unsupervised/kmeans" in proc.stdout and "agree" in proc.stdout, proc.stdout
