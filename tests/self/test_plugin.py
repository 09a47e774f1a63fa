"""The pytest plugin's reporting, checked on small throwaway test sessions."""

from collections import Counter

import pytest

from kata.loader import active_set, use_set
from kata.pytest_plugin import DOES_NOT_IMPORT, NOT_FINISHED, NOT_IMPLEMENTED, kata_status


@pytest.fixture
def session(pytester):
    """Run a small session with the kata plugin, restoring the active kata set after."""
    before = active_set()
    pytester.makeini("[pytest]\naddopts = -p kata.pytest_plugin --tb=short\n")
    yield pytester
    use_set(before)


def test_not_implemented_is_its_own_status_without_traceback(session):
    session.makepyfile(
        test_stub="""
        def stub():
            raise NotImplementedError("sigmoid")

        def test_reaches_the_stub():
            stub()

        def test_real_failure():
            assert 1 == 2, "a real mistake"

        def test_passes():
            pass
        """
    )
    result = session.runpytest()
    result.assert_outcomes(passed=1, failed=1)
    assert result.parseoutcomes().get("not") == 1  # "1 not implemented"
    out = result.stdout.str()
    assert "1 not implemented" in out
    assert "NotImplementedError" not in out, "a stub must not print a traceback"
    assert "a real mistake" in out, "a real failure keeps its message"
    assert result.ret == 1, "the exit code must stay non-zero while a stub is unimplemented"


def test_only_not_implemented_still_exits_non_zero(session):
    session.makepyfile(test_stub="def test_x():\n    raise NotImplementedError('f')\n")
    assert session.runpytest().ret == 1


def test_numpy_overflow_fails_with_an_explanation(session):
    session.makepyfile(
        test_fp="""
        import numpy as np

        def test_overflow():
            np.exp(np.array([1000.0]))
        """
    )
    result = session.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*FloatingPointError: overflow encountered in exp*"])
    result.stdout.fnmatch_lines(["*np.where evaluates both branches*"])


def test_solutions_flag_switches_the_set_and_header(session):
    session.makepyfile(
        test_set="""
        from kata.loader import active_set

        def test_set():
            assert active_set() == "solutions"
        """
    )
    result = session.runpytest("--solutions")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["kata set: solutions/*"])


def test_timeout_message_tells_the_learner_the_loop_may_not_end(session):
    session.makepyfile(
        test_slow="""
        import pytest

        @pytest.mark.timeout(0.2)
        def test_forever():
            while True:
                pass
        """
    )
    result = session.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*A loop in your code may never terminate*"])


def test_an_unformattable_traceback_is_a_plain_failure_not_a_crash(session):
    # Stand in for CPython 3.11's tb_lineno = None after a timeout signal: pytest's report
    # building raises TypeError; the plugin must still report the test as failed.
    session.makeconftest(
        """
        import pytest

        @pytest.hookimpl(tryfirst=True)
        def pytest_runtest_makereport(item, call):
            if call.excinfo is not None:
                raise TypeError("unsupported operand type(s) for -: 'NoneType' and 'int'")
        """
    )
    session.makepyfile(
        test_boom="""
        import pytest

        def test_times_out():
            pytest.fail("Timeout (>1.0s) from pytest-timeout.")

        def test_fine():
            pass
        """
    )
    result = session.runpytest()
    result.assert_outcomes(passed=1, failed=1)
    assert "INTERNALERROR" not in result.stdout.str()
    result.stdout.fnmatch_lines(["*A loop in your code may never terminate*"])


@pytest.mark.parametrize(
    "counts, status",
    [
        ({"passed": 3}, "solved"),
        ({NOT_IMPLEMENTED: 3}, "not started"),
        ({"passed": 1, NOT_IMPLEMENTED: 2}, "in progress"),
        ({"failed": 1, NOT_IMPLEMENTED: 2}, "in progress"),
        ({"passed": 2, "skipped": 1}, "solved"),
        ({"skipped": 2}, "skipped"),
        ({DOES_NOT_IMPORT: 3}, DOES_NOT_IMPORT),
        ({"passed": 2, "failed": 1, NOT_FINISHED: 4}, "in progress"),
        ({NOT_IMPLEMENTED: 1, NOT_FINISHED: 4}, "in progress"),
    ],
)
def test_kata_status(counts, status):
    assert kata_status(Counter(counts)) == status


def test_a_stub_outcome_is_reported_without_formatting_a_traceback(session):
    # Formatting tracebacks that are then thrown away made a stub run 3x slower than the
    # solutions: the plugin must build the "not implemented" report itself.
    session.makeconftest(
        """
        import _pytest.python

        CALLS = []
        _original = _pytest.python.Function.repr_failure

        def counting(self, excinfo, *args, **kwargs):
            CALLS.append(self.nodeid)
            return _original(self, excinfo, *args, **kwargs)

        _pytest.python.Function.repr_failure = counting

        def pytest_terminal_summary(terminalreporter):
            terminalreporter.write_line(f"repr_failure calls: {len(CALLS)}")
        """
    )
    session.makepyfile(
        test_stub="""
        def test_stub():
            raise NotImplementedError("f")

        def test_real():
            assert 0, "real"
        """
    )
    result = session.runpytest()
    result.stdout.fnmatch_lines(["repr_failure calls: 1"])


def test_a_floating_point_note_suggests_no_wrong_fix(session):
    session.makepyfile(
        test_fp="""
        import numpy as np

        def test_log_of_negative_counts():
            np.log(np.array([-1.0]))
        """
    )
    out = session.runpytest().stdout.str()
    assert "clip" not in out.lower(), "clipping hides invalid input: never suggest it"
    assert "ValueError" in out, "invalid input must be pointed at a ValueError"


def test_a_tests_own_diagnosis_comes_before_numpys(session):
    session.makepyfile(
        test_fp="""
        import numpy as np
        from kata.testing import fp_diagnosis

        def test_overflow():
            with fp_diagnosis("sigmoid(-1000) overflowed: exp(-z) is inf"):
                np.exp(np.array([1000.0]))
        """
    )
    result = session.runpytest()
    result.assert_outcomes(failed=1)
    out = result.stdout.str()
    assert "sigmoid(-1000) overflowed" in out
    assert out.index("sigmoid(-1000) overflowed") < out.index("overflow encountered in exp")
    assert "The suite treats NumPy" not in out, "no generic note when the test explains"


def test_after_a_timeout_the_rest_of_the_kata_is_not_finished(session):
    session.makepyfile(
        test_slow="""
        import pytest

        @pytest.mark.timeout(0.3)
        def test_forever():
            while True:
                pass

        def test_next():
            pass
        """
    )
    result = session.runpytest()
    # Outside a kata's test file there is no kata to stop: both run.
    result.assert_outcomes(failed=1, passed=1)
