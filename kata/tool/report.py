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


def trend(items: list[Solve]) -> str | None:
    """Compare the recent half of the solves with the earlier half (time / target)."""
    if len(items) < 2:
        return None
    half = len(items) // 2
    early = statistics.fmean(s.ratio for s in items[:half])
    late = statistics.fmean(s.ratio for s in items[half:])
    direction = "faster" if late < early * 0.95 else "slower" if late > early * 1.05 else "steady"
    return (
        f"Solve time against target: {early:.2f}x in your earlier solves, {late:.2f}x in the "
        f"recent ones ({direction})."
    )


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
    if recent:
        lines.append("Recent solves:")
        for s in recent[-5:]:
            lines.append(
                f"  {day(s.at)}  {s.kata:<36} {clock(s.seconds):>7}  ({s.ratio:.2f}x target)"
            )
    return lines


def plot(history: History, now: float, path: Path) -> None:
    """Save a chart of the solve-time trend and per-topic mastery to ``path``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path = Path(path)
    if not path.parent.is_dir():
        raise ToolError(f"cannot save the chart: folder {path.parent} does not exist")
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4), dpi=100)
    try:
        supported = fig.canvas.get_supported_filetypes()
        if path.suffix.lstrip(".").lower() not in supported:
            kinds = ", ".join(sorted(f".{k}" for k in supported))
            raise ToolError(f"cannot save the chart as {path.name!r}: use one of {kinds}")
        items = solves(history)
        if items:
            when = [dt.datetime.fromtimestamp(s.at) for s in items]
            for topic in dict.fromkeys(s.topic for s in items):
                mine = [(w, s.ratio) for w, s in zip(when, items, strict=True) if s.topic == topic]
                left.plot([w for w, _ in mine], [r for _, r in mine], "o", label=topic)
            window = [
                statistics.fmean(s.ratio for s in items[max(0, i - 2) : i + 1])
                for i in range(len(items))
            ]
            left.plot(when, window, "-", color="grey", alpha=0.6, label="mean of last 3")
            left.axhline(1.0, color="black", linestyle="--", linewidth=1, label="target time")
            left.legend(fontsize=8)
            left.set_ylim(bottom=0)
            left.tick_params(axis="x", labelrotation=30)
        else:
            left.text(0.5, 0.5, "no solved attempt yet", ha="center", va="center")
        left.set_title("Solve time against target (lower is faster)")
        left.set_ylabel("solve time / target time")
        mastery = [tm for tm in topic_mastery(history) if tm.available]
        right.barh([tm.topic for tm in mastery], [100 * tm.score for tm in mastery])
        right.set_xlim(0, 100)
        right.invert_yaxis()
        right.set_xlabel("mastery (%)")
        right.set_title("Mastery by topic")
        fig.suptitle(f"Kata progress, {day(now)}")
        fig.tight_layout()
        try:
            fig.savefig(path)
        except OSError as exc:
            raise ToolError(f"cannot save the chart to {path}: {exc.strerror or exc}") from None
    finally:
        plt.close(fig)
