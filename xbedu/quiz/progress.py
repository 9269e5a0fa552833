"""The learner's progress: every quiz attempt in a local SQLite file.

Where: ``$XBEDU_PROGRESS_DB`` if set, else ``<jupyter data dir>/xbedu/progress.sqlite3``
(``jupyter_core.paths.jupyter_data_dir()``). Each attempt is written in its own
transaction (rollback journal, ``synchronous=FULL``), so a killed kernel loses at most
the attempt in flight. A store that is not a readable SQLite database is never
overwritten: it is renamed ``<name>.corrupt-<n>``, a fresh store is started, and
``ProgressStore.notice`` says so (the widget and the CLI show it).

JupyterLite (Pyodide, ``sys.platform == "emscripten"``): the file system is in browser
memory and ``sqlite3`` may be missing, so the store falls back to an in-memory database
(or, without ``sqlite3``, a plain list) and ``notice`` tells the learner to export a
submission to keep their answers.
"""

from __future__ import annotations

import json
import os
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..i18n import Message

__all__ = ["PROGRESS_ENV", "Attempt", "ChapterProgress", "ProgressStore", "default_path", "summarize"]

#: Environment variable pointing at the progress file (tests and CI use a temporary one).
PROGRESS_ENV = "XBEDU_PROGRESS_DB"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    learner_id TEXT NOT NULL,
    quiz_id TEXT NOT NULL,
    bank_hash TEXT NOT NULL,
    question_id TEXT NOT NULL,
    response TEXT NOT NULL,
    status TEXT NOT NULL,
    score REAL,
    max_score REAL NOT NULL,
    hints_used INTEGER NOT NULL DEFAULT 0,
    mode TEXT NOT NULL,
    seed INTEGER,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS attempts_by_quiz ON attempts (learner_id, quiz_id, question_id);
"""


@dataclass(frozen=True, slots=True)
class Attempt:
    """One answer to one question (``score`` is None when it was saved, not graded: exam mode)."""

    learner_id: str
    quiz_id: str
    bank_hash: str
    question_id: str
    response: Any
    status: str
    score: float | None
    max_score: float
    hints_used: int = 0
    mode: str = "practice"
    seed: int | None = None
    at: str = ""


@dataclass(frozen=True, slots=True)
class ChapterProgress:
    """Progress on one quiz: answered questions, attempts, best score."""

    quiz_id: str
    title: str
    questions: int
    answered: int
    attempts: int
    best_score: float
    max_score: float

    @property
    def share(self) -> float:
        """Best score as a share of the points (0–1)."""
        return self.best_score / self.max_score if self.max_score else 0.0


def default_path() -> Path:
    """Return where progress is kept (``$XBEDU_PROGRESS_DB`` or the Jupyter data dir)."""
    env = os.environ.get(PROGRESS_ENV)
    if env:
        return Path(env)
    from jupyter_core.paths import jupyter_data_dir  # noqa: PLC0415

    return Path(jupyter_data_dir()) / "xbedu" / "progress.sqlite3"


class ProgressStore:
    """A SQLite file of attempts; open it, ``record`` attempts, read them back."""

    def __init__(self, path: str | Path | None = None, *, memory: bool | None = None) -> None:
        self.notice: Message | None = None
        self._rows: list[Attempt] | None = None
        in_browser = sys.platform == "emscripten"
        self.memory = in_browser if memory is None else memory
        self.path = None if self.memory else Path(path) if path else default_path()
        try:
            import sqlite3  # noqa: PLC0415 - may be missing in Pyodide
        except ImportError:  # pragma: no cover - only in Pyodide builds without sqlite3
            self._conn = None
            self._rows = []
            self.notice = Message.of("quiz.progress.memory")
            return
        self._sqlite = sqlite3
        if self.memory:
            self.notice = Message.of("quiz.progress.memory") if in_browser else None
            self._conn = sqlite3.connect(":memory:", isolation_level=None)
        else:
            assert self.path is not None
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = self._open_checked(self.path)
        self._conn.executescript(_SCHEMA)

    def _open_checked(self, path: Path) -> Any:
        sqlite3 = self._sqlite
        if path.exists():
            try:
                conn = sqlite3.connect(path, isolation_level=None)
                ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
                if ok:
                    return self._tune(conn)
                conn.close()
            except sqlite3.DatabaseError:
                pass
            moved = self._move_aside(path)
            self.notice = Message.of("quiz.progress.corrupt", path=str(path), moved=str(moved))
            warnings.warn(self.notice.render("en"), RuntimeWarning, stacklevel=3)
        return self._tune(sqlite3.connect(path, isolation_level=None))

    @staticmethod
    def _tune(conn: Any) -> Any:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("PRAGMA synchronous=FULL")
        return conn

    @staticmethod
    def _move_aside(path: Path) -> Path:
        n = 1
        while path.with_name(f"{path.name}.corrupt-{n}").exists():
            n += 1
        target = path.with_name(f"{path.name}.corrupt-{n}")
        os.replace(path, target)
        for suffix in ("-journal", "-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                os.replace(side, target.with_name(target.name + suffix))
        return target

    def record(self, attempt: Attempt) -> None:
        """Write one attempt in its own transaction (committed when this returns)."""
        if self._conn is None:
            assert self._rows is not None
            self._rows.append(attempt)
            return
        values = (attempt.learner_id, attempt.quiz_id, attempt.bank_hash, attempt.question_id,
                  json.dumps(attempt.response, ensure_ascii=False), attempt.status, attempt.score, attempt.max_score,
                  attempt.hints_used, attempt.mode, attempt.seed, attempt.at)
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            self._conn.execute(
                "INSERT INTO attempts (learner_id, quiz_id, bank_hash, question_id, response, status, score, max_score,"
                " hints_used, mode, seed, at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", values)
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def attempts(self, learner_id: str | None = None, quiz_id: str | None = None) -> list[Attempt]:
        """Return the attempts (oldest first), optionally for one learner and/or quiz."""
        if self._conn is None:
            assert self._rows is not None
            return [a for a in self._rows if learner_id in (None, a.learner_id) and quiz_id in (None, a.quiz_id)]
        sql = "SELECT learner_id, quiz_id, bank_hash, question_id, response, status, score, max_score, hints_used, mode, seed, at FROM attempts"
        where, args = [], []
        if learner_id is not None:
            where.append("learner_id = ?")
            args.append(learner_id)
        if quiz_id is not None:
            where.append("quiz_id = ?")
            args.append(quiz_id)
        sql += (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
        return [Attempt(*row[:4], json.loads(row[4]), *row[5:]) for row in self._conn.execute(sql, args)]

    def latest(self, learner_id: str, quiz_id: str) -> dict[str, Attempt]:
        """Return each question's most recent attempt by this learner in this quiz."""
        return {a.question_id: a for a in self.attempts(learner_id, quiz_id)}

    def learners(self) -> list[str]:
        """Return the learner ids that have attempts."""
        return sorted({a.learner_id for a in self.attempts()})

    def close(self) -> None:
        """Close the database."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
            self._rows = []


def summarize(store: ProgressStore, banks: Any, learner_id: str, lang: str = "en") -> list[ChapterProgress]:
    """Return one ``ChapterProgress`` per bank: answered questions, attempts, best score per question summed."""
    out = []
    for bank in banks:
        attempts = store.attempts(learner_id, bank.quiz_id)
        best: dict[str, float] = {}
        for a in attempts:
            if a.score is not None:
                best[a.question_id] = max(best.get(a.question_id, 0.0), a.score)
        answered = len({a.question_id for a in attempts if a.status != "unanswered"})
        out.append(ChapterProgress(bank.quiz_id, bank.title[lang], len(bank.questions), answered, len(attempts),
                                   round(sum(best.values()), 4), bank.max_points))
    return out
