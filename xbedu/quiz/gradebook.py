"""``xbedu quiz grade``: a folder of submissions → a gradebook CSV and an item analysis CSV.

Nothing is executed and no notebook is re-run: each response goes through
``grading.grade`` with the instructor's key (computed questions are redrawn from the
submission's seed). A malformed, duplicate or foreign-bank submission is reported for
its file and the run goes on.

Item analysis, per question: *difficulty* = mean score share (1 = everyone right);
*discrimination* two ways: ``discrimination_pbis`` = point-biserial / Pearson correlation
of the item's score share with the learner's score on the *rest* of the quiz, and
``discrimination_ul27`` = mean share in the top 27 % minus the bottom 27 % (by quiz
total); *distractors* = how often each choice was picked (choice questions).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..i18n import Message
from .bank import Bank, Question
from .computed import ComputedUnavailable, instantiate, seed_for
from .grading import GradingError, grade
from .submission import SubmissionError, read_submission

__all__ = ["GradeRun", "ItemStats", "LearnerRow", "Problem", "grade_submissions", "submission_files", "write_gradebook", "write_item_analysis"]


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with one submission file (the run went on)."""

    file: str
    message: Message

    def render(self, lang: str = "en") -> str:
        """Return ``file: message`` in ``lang``."""
        return f"{self.file}: {self.message.render(lang)}"


@dataclass(slots=True)
class LearnerRow:
    """One graded submission: a learner's scores on one quiz."""

    learner_id: str
    quiz_id: str
    file: str
    submitted_at: str
    scores: dict[str, float] = field(default_factory=dict)
    responses: dict[str, Any] = field(default_factory=dict)

    @property
    def total(self) -> float:
        """Sum of the scores."""
        return round(sum(self.scores.values()), 4)


@dataclass(frozen=True, slots=True)
class ItemStats:
    """Item analysis of one question."""

    quiz_id: str
    question_id: str
    type: str
    tag: str
    points: float
    n: int
    answered: int
    difficulty: float | None
    discrimination_pbis: float | None
    discrimination_ul27: float | None
    distractors: str


@dataclass(frozen=True, slots=True)
class GradeRun:
    """Everything a grading run produced."""

    rows: tuple[LearnerRow, ...]
    problems: tuple[Problem, ...]
    banks: tuple[Bank, ...]

    def learners(self) -> list[str]:
        """Return the learner ids graded, sorted."""
        return sorted({r.learner_id for r in self.rows})


def submission_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders (``*.json`` inside, recursively) into a sorted list of files."""
    out: list[Path] = []
    for entry in map(Path, paths):
        out.extend(sorted(entry.rglob("*.json")) if entry.is_dir() else [entry])
    return out


_IDS: dict[str, frozenset[str]] = {}


def _question_ids(bank: Bank) -> frozenset[str]:
    if bank.hash + bank.path not in _IDS:
        _IDS[bank.hash + bank.path] = frozenset(q.id for q in bank.questions)
    return _IDS[bank.hash + bank.path]


def _grade_one(bank: Bank, data: dict[str, Any], file: str, problems: list[Problem]) -> LearnerRow:
    row = LearnerRow(data["learner_id"].strip(), bank.quiz_id, file, str(data.get("submitted_at", "")))
    responses = data["responses"]
    for qid in sorted(set(responses) - _question_ids(bank)):
        problems.append(Problem(file, Message.of("quiz.grade.unknown_question", question=qid)))
    for q in bank.questions:
        entry = responses.get(q.id)
        response = entry.get("response") if entry else None
        question = q
        try:
            if q.type == "computed":
                seed = entry.get("seed") if entry else None
                seed = seed if isinstance(seed, int) and not isinstance(seed, bool) else seed_for(row.learner_id, q.id)
                question = instantiate(q, seed, prompt=False)
            result = grade(question, response)
        except (GradingError, ComputedUnavailable) as exc:
            problems.append(Problem(file, Message.of("quiz.grade.malformed", detail=f"{q.id}: {exc}")))
            row.scores[q.id] = 0.0
            continue
        row.scores[q.id] = result.score
        row.responses[q.id] = response
    return row


def grade_submissions(paths: Iterable[str | Path], banks: Sequence[Bank]) -> GradeRun:
    """Grade every submission file against the instructor ``banks``; collect problems per file."""
    by_id = {b.quiz_id: b for b in banks}
    problems: list[Problem] = []
    kept: dict[tuple[str, str], LearnerRow] = {}
    for path in submission_files(paths):
        file = str(path)
        try:
            data = read_submission(path)
        except SubmissionError as exc:
            problems.append(Problem(file, Message.of("quiz.grade.malformed", detail=str(exc))))
            continue
        bank = by_id.get(str(data["quiz_id"]))
        if bank is None:
            problems.append(Problem(file, Message.of("quiz.grade.unknown_quiz", quiz=data["quiz_id"])))
            continue
        if data["bank_hash"] != bank.hash:
            problems.append(Problem(file, Message.of("quiz.grade.foreign", quiz=bank.quiz_id, got=str(data["bank_hash"])[:12], expected=bank.hash[:12])))
            continue
        row = _grade_one(bank, data, file, problems)
        slot = (row.learner_id, row.quiz_id)
        earlier = kept.get(slot)
        if earlier is not None:
            newer, older = (row, earlier) if (row.submitted_at, row.file) >= (earlier.submitted_at, earlier.file) else (earlier, row)
            problems.append(Problem(older.file, Message.of("quiz.grade.duplicate", learner=row.learner_id, quiz=row.quiz_id, kept=newer.file)))
            row = newer
        kept[slot] = row
    rows = tuple(sorted(kept.values(), key=lambda r: (r.learner_id, r.quiz_id)))
    return GradeRun(rows, tuple(problems), tuple(b for b in banks if any(r.quiz_id == b.quiz_id for r in rows)))


def _num(x: float | None) -> str:
    return "" if x is None else f"{x:.4f}".rstrip("0").rstrip(".") if not float(x).is_integer() else str(int(x))


def write_gradebook(run: GradeRun, path: str | Path) -> Path:
    """Write learner × question scores (blank = quiz not submitted), then total and maximum."""
    questions = [q for b in run.banks for q in b.questions]
    by_learner: dict[str, list[LearnerRow]] = {}
    for r in run.rows:
        by_learner.setdefault(r.learner_id, []).append(r)
    path = Path(path)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["learner_id", *(q.id for q in questions), "total", "max"])
        for learner in sorted(by_learner):
            scores: dict[str, float] = {}
            maximum = 0.0
            for r in by_learner[learner]:
                scores.update(r.scores)
                maximum += next(b.max_points for b in run.banks if b.quiz_id == r.quiz_id)
            out.writerow([learner, *(_num(scores.get(q.id)) for q in questions), _num(round(sum(scores.values()), 4)), _num(maximum)])
    return path


def _pearson(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 3:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / math.sqrt(sxx * syy)


def _distractors(q: Question, responses: list[Any]) -> str:
    if q.type == "true_false":
        counts = {"true": 0, "false": 0}
        for r in responses:
            if isinstance(r, bool):
                counts["true" if r else "false"] += 1
        return "; ".join(f"{k}={v}" for k, v in counts.items())
    if q.type not in ("single", "multiple"):
        return ""
    counts = {c.id: 0 for c in q.choices}
    for r in responses:
        for pick in r if isinstance(r, list) else [r]:
            if pick in counts:
                counts[pick] += 1
    return "; ".join(f"{k}={v}" for k, v in counts.items())


def item_analysis(run: GradeRun) -> list[ItemStats]:
    """Return difficulty, discrimination and distractor counts for every question graded."""
    stats = []
    for bank in run.banks:
        rows = [r for r in run.rows if r.quiz_id == bank.quiz_id]
        totals = [r.total for r in rows]
        order = sorted(range(len(rows)), key=lambda i: totals[i])
        k = max(1, round(0.27 * len(rows))) if len(rows) >= 4 else 0
        low, high = order[:k], order[-k:] if k else []
        for q in bank.questions:
            shares = [r.scores.get(q.id, 0.0) / q.points for r in rows]
            rest = [totals[i] - rows[i].scores.get(q.id, 0.0) for i in range(len(rows))]
            answered = sum(1 for r in rows if r.responses.get(q.id) not in (None, "", [], {}))
            ul = (sum(shares[i] for i in high) / k - sum(shares[i] for i in low) / k) if k else None
            stats.append(ItemStats(bank.quiz_id, q.id, q.type, q.tag, q.points, len(rows), answered,
                                   round(sum(shares) / len(shares), 4) if shares else None,
                                   None if (p := _pearson(shares, rest)) is None else round(p, 4),
                                   None if ul is None else round(ul, 4),
                                   _distractors(q, [r.responses.get(q.id) for r in rows])))
    return stats


def write_item_analysis(run: GradeRun, path: str | Path) -> Path:
    """Write the item analysis CSV (one row per question)."""
    path = Path(path)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["quiz_id", "question_id", "type", "tag", "points", "n", "answered", "difficulty",
                      "discrimination_pbis", "discrimination_ul27", "distractors"])
        for s in item_analysis(run):
            out.writerow([s.quiz_id, s.question_id, s.type, s.tag, _num(s.points), s.n, s.answered, _num(s.difficulty),
                          _num(s.discrimination_pbis), _num(s.discrimination_ul27), s.distractors])
    return path
