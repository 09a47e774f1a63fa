"""``python -m kata bench [ID ...] [--solutions] [--size tiny|kata|large|scaling]``.

Times each kata's benchmark row with your code (``exercises/``, or the reference answers
with ``--solutions``) against scikit-learn on the same seeded data and prints, per kata:
both times, their ratio, the growth exponents (time ~ n^a) and whether the results agree.
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import math
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

import numpy as np

from kata.bench import SIZES, Row, all_rows
from kata.bench.timing import (
    Progress,
    blas_single_thread,
    format_exponent,
    format_ratio,
    format_time,
    growth_exponent,
    measure,
    ratio,
)

PROG = "python -m kata bench"
#: A ratio above this is called out with the row's follow-up question.
SLOW = 2.0
#: Seconds of measuring per size after which the rounds stop early (after two).
BUDGET = 8.0


@dataclass
class RowResult:
    """What one row measured."""

    kata_id: str
    timed: str
    sizes: list[tuple[int, int]] = field(default_factory=list)
    yours: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)
    status: str = "ok"  # ok | not implemented | error | does not import
    message: str = ""
    agree: bool = True
    detail: str = ""

    @property
    def ratio(self) -> float:
        if not self.yours or not self.baseline:
            return math.nan
        return ratio(self.yours[-1], self.baseline[-1])

    def exponent(self, times: list[float]) -> float:
        return growth_exponent([n for n, _ in self.sizes[: len(times)]], times)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[1])
    parser.add_argument("katas", nargs="*", metavar="ID", help="katas to time (default: all)")
    parser.add_argument(
        "--solutions", action="store_true", help="time the reference answers, not exercises/"
    )
    parser.add_argument(
        "--size",
        choices=(*SIZES, "scaling"),
        default="kata",
        help="kata: 1000 x 10 (default); large: 20000 x 20; scaling: n = 1000 ... 16000; "
        "tiny: a smoke test. Each is timed at n/4, n/2 and n to fit the growth exponent.",
    )
    parser.add_argument(
        "--against",
        choices=("sklearn", "reference"),
        default="sklearn",
        help="the baseline: scikit-learn (default; the reference answer if it is not "
        "installed) or the reference answer in solutions/",
    )
    parser.add_argument(
        "--rounds", type=int, default=5, help="interleaved timing rounds per size (min kept)"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated data")
    return parser


def main(argv: list[str] | None = None, *, stdout: TextIO | None = None, stderr=None) -> int:
    """Run the benchmark; 0 if every row that ran agrees, 1 if not, 2 on bad arguments."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.rounds < 1:
        stderr.write(f"{PROG}: --rounds must be at least 1\n")
        return 2
    rows = all_rows()
    try:
        rows = select(rows, args.katas)
    except ValueError as exc:
        stderr.write(f"{PROG}: {exc}\n")
        return 2
    results = run(
        rows,
        size=args.size,
        kata_set="solutions" if args.solutions else "exercises",
        against=args.against,
        rounds=args.rounds,
        seed=args.seed,
        stdout=stdout,
        progress=Progress(stderr),
    )
    bad = [r for r in results if r.status in ("error", "does not import") or not r.agree]
    return 1 if bad else 0


def select(rows: list[Row], ids: list[str]) -> list[Row]:
    """The rows of the named katas (ids or short names), in the order given."""
    if not ids:
        return rows
    from kata.catalog import get_kata

    by_id = {r.kata_id: r for r in rows}
    chosen = []
    for name in ids:
        if name.endswith(".py"):  # a file path: exercises/topic/name.py
            name = "/".join(name.removesuffix(".py").replace("\\", "/").split("/")[-2:])
        kata_id = get_kata(name).id
        if kata_id not in by_id:
            listed = ", ".join(by_id) or "none yet"
            raise ValueError(f"{kata_id} has no benchmark row (rows: {listed})")
        chosen.append(by_id[kata_id])
    return chosen


def _sklearn_version() -> str | None:
    if importlib.util.find_spec("sklearn") is None:
        return None
    import sklearn

    return sklearn.__version__


def run(
    rows: list[Row],
    *,
    size: str = "kata",
    kata_set: str = "exercises",
    against: str = "sklearn",
    rounds: int = 5,
    seed: int = 0,
    stdout: TextIO | None = None,
    progress: Progress | None = None,
    load: Callable | None = None,
    sklearn_version: str | None = "auto",
) -> list[RowResult]:
    """Measure ``rows`` and print the table to ``stdout``; return what was measured.

    ``load(kata_id, kata_set)`` imports a kata (default ``kata.loader.load_kata``);
    ``sklearn_version`` None means "behave as if scikit-learn were not installed".
    """
    stdout = stdout or sys.stdout
    progress = progress or Progress(sys.stderr)
    if load is None:
        from kata.loader import load_kata as load
    if sklearn_version == "auto":
        sklearn_version = _sklearn_version()
    use_sklearn = against == "sklearn" and sklearn_version is not None
    base_name = "sklearn" if use_sklearn else "reference"

    where = "solutions/ (the reference answers)" if kata_set == "solutions" else "exercises/"
    if use_sklearn:
        base_text = f"scikit-learn {sklearn_version}"
    elif against == "sklearn":
        base_text = "the reference answers (scikit-learn is not installed)"
    else:
        base_text = "the reference answers in solutions/"
    stdout.write(
        f"yours: {where}; baseline: {base_text}\n"
        f"size {size}; minimum over {rounds} interleaved round{'s' if rounds > 1 else ''}; "
        f"BLAS at one thread; growth: a of time ~ n^a (yours / {base_name}), fitted over "
        f"n/4, n/2, n (or the scaling series)\n\n"
    )
    widths = (35, 8, 15, 10, 10, 7, 17)
    head = ("kata", "timed", "n x d", "yours", base_name, "ratio", "growth")
    stdout.write(_line(head, widths) + "  results\n")
    stdout.flush()

    results = []
    with blas_single_thread():
        for number, row in enumerate(rows, 1):
            label = f"[{number}/{len(rows)}] {row.kata_id} {row.timed}"
            result = _run_row(
                row, size, kata_set, use_sklearn, rounds, seed, load, progress, label
            )
            results.append(result)
            with progress.cleared():
                stdout.write(_format_row(result, widths) + "\n")
                stdout.flush()
    progress.clear()
    notes = [note for r in results if (note := _note(r, rows, base_name))]
    if notes:
        stdout.write("\n" + "\n".join(notes) + "\n")
    stdout.flush()
    return results


def _run_row(row, size, kata_set, use_sklearn, rounds, seed, load, progress, label):
    result = RowResult(row.kata_id, row.timed)
    try:
        mod = load(row.kata_id, kata_set)
    except NotImplementedError:
        result.status = "not implemented"
        return result
    except Exception as exc:  # a learner's file with a syntax error or a failing import
        result.status, result.message = "does not import", _describe(exc)
        return result

    if use_sklearn:
        baseline = row.sklearn
    else:
        reference = load(row.kata_id, "solutions")

        def baseline(data):
            return row.ours(reference, data)

    details = []
    for step, (n, d) in enumerate(row.series(size), 1):
        progress.update(f"{label}: n={n} d={d} ({step}/{len(row.series(size))})")
        data = row.data(n, d, np.random.default_rng(seed))
        try:
            # Each side gets its own copy: an implementation that writes into its input
            # must not change what the other side sees.
            yours_call = row.ours(mod, copy.deepcopy(data))
            yours_result, yours_first = _timed_call(yours_call)
        except NotImplementedError:
            result.status = "not implemented"
            return result
        except Exception as exc:
            result.status, result.message = "error", _describe(exc)
            return result
        base_call = baseline(copy.deepcopy(data))
        base_result, base_first = _timed_call(base_call)
        try:
            ok, detail = row.agree(yours_result, base_result, data)
        except Exception as exc:  # a result of the wrong shape or type
            ok, detail = False, f"cannot compare: {_describe(exc)}"
        result.agree = result.agree and ok
        details.append((ok, detail))

        def on_round(r, n=n, d=d, step=step):
            progress.update(
                f"{label}: n={n} d={d} ({step}/{len(row.series(size))}), round {r}/{rounds}"
            )

        try:
            t_yours, t_base = measure(
                [yours_call, base_call],
                rounds=rounds,
                budget=BUDGET,
                first=[yours_first, base_first],
                on_round=on_round,
            )
        except Exception as exc:  # an implementation that fails on a second call
            result.status, result.message = "error", _describe(exc)
            return result
        result.sizes.append((n, d))
        result.yours.append(t_yours)
        result.baseline.append(t_base)
    # The detail shown: the first disagreement, else the comparison at the largest size.
    failing = [detail for ok, detail in details if not ok]
    result.detail = failing[0] if failing else details[-1][1]
    return result


def _timed_call(call):
    t0 = time.perf_counter()
    out = call()
    return out, time.perf_counter() - t0


def _describe(exc: BaseException) -> str:
    if isinstance(exc, SyntaxError):
        return f"SyntaxError at {exc.filename} line {exc.lineno}: {exc.msg}"
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _line(cells, widths) -> str:
    return " ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()


def _format_row(r: RowResult, widths) -> str:
    if r.status != "ok":
        text = r.status + (f": {r.message}" if r.message else "")
        blank = " " * (sum(widths[2:]) + len(widths) - 2)
        return f"{r.kata_id:<{widths[0]}} {r.timed:<{widths[1]}}{blank}  {text}"
    n, d = r.sizes[-1]
    if len(r.sizes) > 2 and r.sizes[0][0] * 4 < n:  # a scaling series: show its span
        shape = f"{r.sizes[0][0]}-{n} x {d}"
    else:
        shape = f"{n} x {d}"
    cells = (
        r.kata_id,
        r.timed,
        shape,
        format_time(r.yours[-1]),
        format_time(r.baseline[-1]),
        format_ratio(r.ratio),
        f"{format_exponent(r.exponent(r.yours))} / {format_exponent(r.exponent(r.baseline))}",
    )
    verdict = "agree" if r.agree else "RESULTS DIFFER"
    return _line(cells, widths) + f"  {verdict} ({r.detail})"


def _note(r: RowResult, rows: list[Row], base_name: str) -> str:
    if r.status != "ok":
        return ""
    row = next(x for x in rows if x.kata_id == r.kata_id)
    if not r.agree:
        return (
            f"{r.kata_id}: results differ from {base_name}'s ({r.detail}): a fast wrong "
            "answer is not a fast answer; run its tests (pytest --kata "
            f"{r.kata_id})."
        )
    if r.ratio > SLOW:
        growth = format_exponent(r.exponent(r.yours))
        theirs = format_exponent(r.exponent(r.baseline))
        hint = f": {row.slow_hint}" if row.slow_hint else "."
        return (
            f"{r.kata_id}: your {r.timed} takes {format_ratio(r.ratio)} {base_name}'s time, "
            f"growth {growth} ({base_name} {theirs}){hint}"
        )
    return ""
