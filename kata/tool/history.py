"""The learner's history read as a whole: each kata's status, best time, review state
(``scheduler``), and which kata to practise next.

A kata is solved when a practice or interview session solved it, when ``python -m kata
test``/``watch`` saw every test pass, or when plain ``pytest`` last found it solved and the
exercise file is still the file it tested (``kata.results``: the record the kata plugin
keeps in ``.kata/pytest_results.json``, checked by the file's SHA-256).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kata.catalog import Kata
from kata.results import KataRun, file_sha256, load_results
from kata.stubs import is_pristine_stub
from kata.tool import scheduler
from kata.tool.project import Project, read
from kata.tool.store import Attempt, Event, Store

STATUSES = ("not started", "in progress", "solved", "unavailable")


@dataclass
class History:
    project: Project
    attempts: list[Attempt]
    events: list[Event]
    full_passes: set[str]
    tested: set[str]
    #: Katas whose exercise file, as it is now, plain pytest found solved.
    pytest_solved: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, project: Project, store: Store) -> History:
        return cls(
            project,
            store.attempts(),
            store.events(),
            store.full_passes(),
            store.tested(),
            solved_by_pytest(project),
        )

    def attempts_of(self, kata: Kata) -> list[Attempt]:
        return [a for a in self.attempts if a.kata == kata.id]

    def reviews(self, kata: Kata) -> list[scheduler.Review]:
        reviews = [
            scheduler.Review(
                a.ended_at,
                scheduler.grade(a.outcome or "", a.duration or 0.0, a.hints_used, kata.minutes),
            )
            for a in self.attempts_of(kata)
        ]
        reviews += [
            scheduler.Review(e.at, scheduler.Grade.FAILED)
            for e in self.events
            if e.kata == kata.id and e.kind == "reveal"
        ]
        return reviews

    def state(self, kata: Kata) -> scheduler.State:
        return scheduler.replay(self.reviews(kata))

    def best_time(self, kata: Kata) -> float | None:
        times = [a.duration for a in self.attempts_of(kata) if a.outcome == "solved"]
        return min(times) if times else None

    def solved(self) -> set[str]:
        sessions = {a.kata for a in self.attempts if a.outcome == "solved"}
        return sessions | self.full_passes | self.pytest_solved

    def status(self, kata: Kata) -> str:
        """unavailable (files missing), solved, in progress or not started."""
        if not self.project.available(kata):
            return "unavailable"
        if kata.id in self.solved():
            return "solved"
        # Running the tests of an untouched stub is not a start (pytest agrees): only
        # sessions, hints, reveals and the file itself say the learner began.
        touched = any(a.kata == kata.id for a in self.attempts) or any(
            e.kata == kata.id for e in self.events
        )
        if touched:
            return "in progress"
        source = read(self.project.path(kata, "exercise"))
        return "not started" if is_pristine_stub(source) else "in progress"

    def ranked(self, now: float, topic: str | None = None) -> list[Kata]:
        """Available katas (of ``topic``), the one to practise next first."""
        by_id = self.project.by_id()
        candidates = [
            scheduler.Candidate(k.id, i, k.prerequisites, self.state(k))
            for i, k in enumerate(self.project.katas)
            if self.project.available(k) and (topic is None or k.topic == topic)
        ]
        ranked = scheduler.rank(candidates, now, self.solved())
        return [by_id[c.kata] for c in ranked]


def results_file(project: Project) -> Path:
    """Where the kata plugin records plain pytest's outcomes for this repository."""
    return project.data_dir / "pytest_results.json"


def solved_by_pytest(project: Project, runs: dict[str, KataRun] | None = None) -> set[str]:
    """Katas pytest last found solved whose exercise file has not changed since."""
    runs = load_results(results_file(project)) if runs is None else runs
    by_id = project.by_id()
    solved = set()
    for kata_id, run in runs.items():
        kata = by_id.get(kata_id)
        if kata is None or run.status != "solved" or not run.source_sha256:
            continue
        if file_sha256(project.path(kata, "exercise")) == run.source_sha256:
            solved.add(kata_id)
    return solved
