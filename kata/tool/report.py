"""``progress``: per-topic and per-kata mastery, streaks, the solve-time trend, and the
matplotlib chart of all three."""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from dataclasses import dataclass
from pathlib import Path

from kata.tool import scheduler
from kata.tool.history import History
from kata.tool.project import ToolError
from kata.tool.term import Style, clock, day, due_text, table


@dataclass(frozen=True)
class Solve:
    kata: str
    topic: str
    at: float
    seconds: float
    ratio: float  # seconds / target


@dataclass(frozen=True)
class TopicMastery:
    topic: str
    available: int
    solved: int
    score: float  # mean mastery score of its available katas, in [0, 1]


def solves(history: History) -> list[Solve]:
    by_id = history.project.by_id()
    out = []
    for a in history.attempts:
        kata = by_id.get(a.kata)
        if kata is None or a.outcome != "solved" or not a.duration:
            continue
        out.append(
            Solve(a.kata, kata.topic, a.ended_at, a.duration, a.duration / (kata.minutes * 60))
        )
    return sorted(out, key=lambda s: s.at)


def topic_mastery(history: History) -> list[TopicMastery]:
    solved = history.solved()
    out = []
    for topic in history.project.topics():
        katas = [
            k for k in history.project.katas if k.topic == topic and history.project.available(k)
        ]
        scores = [scheduler.mastery(history.state(k))[1] for k in katas]
        out.append(
            TopicMastery(
                topic,
                len(katas),
                sum(k.id in solved for k in katas),
                statistics.fmean(scores) if scores else 0.0,
            )
        )
    return out


def streaks(history: History, now: float) -> tuple[int, int]:
    """(current, longest) runs of consecutive days with at least one finished attempt. The
    current streak is still alive if the last practice day was yesterday."""
    days = sorted({dt.date.fromtimestamp(a.started_at) for a in history.attempts})
    if not days:
        return 0, 0
    longest = run = 1
    for before, after in itertools.pairwise(days):
        run = run + 1 if (after - before).days == 1 else 1
        longest = max(longest, run)
    today = dt.date.fromtimestamp(now)
    current = 0
    if (today - days[-1]).days <= 1:
        current = 1
        for before, after in reversed(list(itertools.pairwise(days))):
            if (after - before).days != 1:
                break
            current += 1
    return current, longest


#: No average of solve time against target is shown from fewer solves than this.
MIN_SOLVES = 3


def trend(items: list[Solve]) -> str | None:
    """Compare the recent half of the solves with the earlier half (time / target); each
    half must hold at least ``MIN_SOLVES`` solves, else there is no trend to tell."""
    if len(items) < 2 * MIN_SOLVES:
        return None
    half = len(items) // 2
    early = statistics.fmean(s.ratio for s in items[:half])
    late = statistics.fmean(s.ratio for s in items[half:])
    direction = "faster" if late < early * 0.95 else "slower" if late > early * 1.05 else "steady"
    return (
        f"Solve time against target: {early:.2f}x on average in your earlier {half} solves, "
        f"{late:.2f}x in the recent {len(items) - half} ({direction})."
    )


def rolling_mean(items: list[Solve], window: int = MIN_SOLVES) -> list[float | None]:
    """The mean ratio of each solve and the ``window - 1`` before it (None until there
    are ``window`` solves)."""
    ratios = [s.ratio for s in items]
    return [
        statistics.fmean(ratios[i - window + 1 : i + 1]) if i >= window - 1 else None
        for i in range(len(ratios))
    ]


def render(history: History, now: float, style: Style) -> list[str]:
    lines: list[str] = []
    project = history.project
    available = [k for k in project.katas if project.available(k)]
    lines.append(
        style.bold("Progress")
        + f"  ({len(history.solved() & {k.id for k in available})} of {len(available)} "
        f"available katas solved, {len(history.attempts)} "
        f"attempt{'s' if len(history.attempts) != 1 else ''})"
    )
    lines.append("")
    rows, paint = [], []
    for tm in topic_mastery(history):
        if not tm.available:
            rows.append([tm.topic, "-", "", "no kata ready yet"])
            paint.append([(), (), (), ("dim",)])
            continue
        rows.append(
            [
                tm.topic,
                f"{tm.solved}/{tm.available}",
                style.bar(round(tm.score * 100), 100, 10),
                f"{tm.score:.0%}",
            ]
        )
        paint.append([(), (), (), ()])
    lines += table(["topic", "solved", "mastery", ""], rows, right=[1], paint=paint, style=style)
    lines.append("")

    rows = []
    for kata in project.katas:
        attempts = history.attempts_of(kata)
        state = history.state(kata)
        if not attempts and state.is_new:
            continue
        best = history.best_time(kata)
        rows.append(
            [
                kata.id,
                str(len(attempts)),
                str(sum(a.outcome == "solved" for a in attempts)),
                clock(best) if best is not None else "-",
                f"{kata.minutes} min",
                state.mastery,
                due_text(state.due_at, now),
            ]
        )
    if rows:
        headers = ["kata", "attempts", "solved", "best", "target", "mastery", "next review"]
        lines += table(headers, rows, right=[1, 2, 3], style=style)
    else:
        lines.append("No attempt yet: start one with python -m kata practice")
    lines.append("")

    current, longest = streaks(history, now)
    lines.append(
        f"Streak: {current} day{'s' if current != 1 else ''} in a row (longest {longest})."
    )
    recent = solves(history)
    text = trend(recent)
    if text:
        lines.append(text)
    elif recent:
        needed = 2 * MIN_SOLVES - len(recent)
        lines.append(
            f"Solve-time trend: {needed} more solve{'s' if needed != 1 else ''} to go "
            f"(it compares averages of at least {MIN_SOLVES} solves)."
        )
    if recent:
        by_id = project.by_id()
        lines.append("Recent solves:")
        for s in recent[-5:]:
            target = by_id[s.kata].minutes * 60
            lines.append(
                f"  {day(s.at)}  {s.kata:<36} {clock(s.seconds):>7}  (target {clock(target)})"
            )
    return lines


def plot(history: History, now: float, path: Path) -> None:
    """Save the chart (``chart``) to ``path``; the format follows its suffix."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path = Path(path)
    if not path.parent.is_dir():
        raise ToolError(f"cannot save the chart: folder {path.parent} does not exist")
    fig = chart(history, now)
    try:
        supported = fig.canvas.get_supported_filetypes()
        if path.suffix.lstrip(".").lower() not in supported:
            kinds = ", ".join(sorted(f".{k}" for k in supported))
            raise ToolError(f"cannot save the chart as {path.name!r}: use one of {kinds}")
        try:
            fig.savefig(path)
        except OSError as exc:
            raise ToolError(f"cannot save the chart to {path}: {exc.strerror or exc}") from None
    finally:
        plt.close(fig)


def chart(history: History, now: float):
    """The matplotlib figure of the solve-time trend and per-topic mastery (headless).

    The trend's x-axis is calendar days (dates, never clock times, however close the
    solves are), and its legend sits below the axes, where it hides no point. The caller
    closes the figure."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(
        1, 2, figsize=(12, 5), dpi=100, layout="constrained", width_ratios=(3, 2)
    )
    items = solves(history)
    if items:
        _plot_trend(left, items, mdates)
    else:
        left.text(0.5, 0.5, "no solved attempt yet", ha="center", va="center")
        left.set_xticks([])
    left.set_title("Solve time against target (lower is faster)")
    left.set_ylabel("solve time / target time")
    mastery = [tm for tm in topic_mastery(history) if tm.available]
    right.barh([tm.topic for tm in mastery], [100 * tm.score for tm in mastery])
    right.set_xlim(0, 100)
    right.invert_yaxis()
    right.set_xlabel("mastery (%)")
    right.set_title("Mastery by topic")
    fig.suptitle(f"Kata progress, {day(now)}")
    return fig


def _plot_trend(ax, items: list[Solve], mdates) -> None:
    when = [dt.datetime.fromtimestamp(s.at) for s in items]
    for topic in dict.fromkeys(s.topic for s in items):
        mine = [(w, s.ratio) for w, s in zip(when, items, strict=True) if s.topic == topic]
        ax.plot([w for w, _ in mine], [r for _, r in mine], "o", label=topic)
    means = rolling_mean(items)
    if sum(m is not None for m in means) >= 2:  # a line needs two points
        shown = [(w, m) for w, m in zip(when, means, strict=True) if m is not None]
        ax.plot(
            [w for w, _ in shown],
            [m for _, m in shown],
            "-",
            color="grey",
            alpha=0.6,
            label=f"mean of the last {MIN_SOLVES} solves",
        )
    ax.axhline(1.0, color="black", linestyle="--", linewidth=1, label="target time")
    # Whole days on the axis: from the day before the first solve to the day after the
    # last, so that solves of a single day still get dated ticks around them.
    first = dt.datetime.combine(min(when).date(), dt.time()) - dt.timedelta(days=1)
    last = dt.datetime.combine(max(when).date(), dt.time()) + dt.timedelta(days=2)
    ax.set_xlim(first, last)
    days = (last - first).days
    ax.xaxis.set_major_locator(mdates.DayLocator(interval=max(1, round(days / 8))))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    ax.xaxis.set_minor_locator(mdates.DayLocator())
    ax.tick_params(axis="x", labelrotation=30)
    ax.set_ylim(0, max(1.2, max(s.ratio for s in items) * 1.1))
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=3, frameon=False)
