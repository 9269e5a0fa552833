"""One pure grader, ``grade(question, response) -> Result``, used by the widget, the CLI and the tests.

It never runs code from a learner or a bank. A response is plain data:

========== ============================================================
single     a choice id, e.g. ``"b"``
multiple   a list of choice ids, e.g. ``["a", "c"]``
true_false ``True`` / ``False`` (or the strings "true" / "false")
numeric    what the learner typed (``"1,234.5 kg"``) or a number
computed   as numeric, graded against the learner's drawn instance
ordering   a list of item ids, first to last
matching   a mapping ``{left id: right id}``
========== ============================================================

The key is either plain (``question.answer``) or a practice release's salted hashes
(``question.key``); both are read through the same "key facts" (one fact per part:
the choice, each position, each pair, the numeric bucket), so a hashed copy grades
exactly as the plain one (numbers: see ``xbedu.quiz.release``).
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from typing import Any

from ..i18n import t
from .bank import Question
from .numbers import parse_number

__all__ = ["STATUSES", "GradingError", "Result", "fact_hash", "grade", "key_facts", "numeric_bucket", "response_facts"]

#: Result statuses: ``unreadable`` (a number we could not read) and ``unanswered`` are not "wrong".
STATUSES = ("correct", "partial", "wrong", "unreadable", "unanswered", "invalid")
#: Buckets per tolerance width when a numeric key is hashed (see ``numeric_bucket``).
BUCKETS_PER_TOLERANCE = 4


class GradingError(ValueError):
    """The question cannot be graded (no key in this copy, or a computed question not yet drawn)."""


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome of grading one response."""

    question_id: str
    status: str
    score: float
    max_score: float
    parts: tuple[bool, ...] = ()
    feedback_key: str = "quiz.feedback.wrong"
    value: float | None = None

    @property
    def correct(self) -> bool:
        """Whether the response earned full points."""
        return self.status == "correct"

    def feedback(self, lang: str = "en") -> str:
        """Return the feedback sentence in ``lang`` (words, not colour)."""
        return t(self.feedback_key, lang, score=_fmt(self.score), max=_fmt(self.max_score))


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}".rstrip("0")


def fact_hash(salt: str, question_id: str, part: str, value: str) -> str:
    """Return the salted sha256 of one key fact (hex)."""
    return hashlib.sha256(f"{salt}|{question_id}|{part}|{value}".encode()).hexdigest()


def numeric_bucket(value: float, width: float) -> int:
    """Return the bucket index of ``value`` for buckets ``width / 4`` wide."""
    return math.floor(value / (width / BUCKETS_PER_TOLERANCE))


def key_facts(question: Question) -> dict[str, str]:
    """Return the plain key as facts, one per gradable part (what a practice release hashes)."""
    q, a = question, question.answer
    if a is None:
        raise GradingError(f"{q.id}: this copy of the bank has no answer key")
    if q.type == "single":
        return {"choice": str(a)}
    if q.type == "true_false":
        return {"answer": "true" if a else "false"}
    if q.type == "multiple":
        return {f"choice:{c.id}": "1" if c.id in a else "0" for c in q.choices}
    if q.type == "ordering":
        return {f"pos:{i}": str(item) for i, item in enumerate(a)}
    if q.type == "matching":
        return {f"match:{left}": str(right) for left, right in a.items()}
    width = q.tolerance.width(float(a)) if q.tolerance else 0.0
    return {"bucket": str(numeric_bucket(float(a), width))} if width > 0 else {"value": repr(float(a))}


def response_facts(question: Question, response: Any) -> dict[str, str] | None:
    """Return a response as facts in the key's shape (None if it does not have that shape)."""
    q = question
    if q.type == "single":
        return {"choice": response} if isinstance(response, str) else None
    if q.type == "true_false":
        value = _bool(response)
        return None if value is None else {"answer": "true" if value else "false"}
    if q.type == "multiple":
        if not isinstance(response, (list, tuple)) or not all(isinstance(r, str) for r in response):
            return None
        return {f"choice:{c.id}": "1" if c.id in response else "0" for c in q.choices}
    if q.type == "ordering":
        if not isinstance(response, (list, tuple)):
            return None
        return {f"pos:{i}": str(item) for i, item in enumerate(response) if item is not None}
    if q.type == "matching":
        if not isinstance(response, dict):
            return None
        return {f"match:{k}": str(v) for k, v in response.items() if v is not None}
    return None


def _bool(response: Any) -> bool | None:
    if isinstance(response, bool):
        return response
    if isinstance(response, str) and response.strip().lower() in ("true", "false"):
        return response.strip().lower() == "true"
    return None


class _Key:
    """Reads key facts from a plain or a hashed key."""

    __slots__ = ("_facts", "_q")

    def __init__(self, question: Question) -> None:
        self._q = question
        if question.answer is not None:
            self._facts: dict[str, str] | None = key_facts(question)
        elif question.key is not None:
            self._facts = None
        else:
            raise GradingError(f"{question.id}: this copy of the bank has no answer key")

    def holds(self, part: str, value: str) -> bool:
        if self._facts is not None:
            return self._facts.get(part) == value
        key = self._q.key
        assert key is not None
        return key.facts.get(part) == fact_hash(key.salt, self._q.id, part, value)

    def parts(self, prefix: str) -> int:
        facts = self._facts if self._facts is not None else self._q.key.facts  # type: ignore[union-attr]
        return sum(1 for p in facts if p.startswith(prefix))


def _result(q: Question, share: float, parts: tuple[bool, ...], value: float | None = None) -> Result:
    share = max(0.0, min(1.0, share))
    status = "correct" if share >= 1 - 1e-9 else "partial" if share > 0 else "wrong"
    return Result(q.id, status, round(q.points * share, 4), q.points, parts, f"quiz.feedback.{status}", value)


def _empty(response: Any) -> bool:
    if response is None:
        return True
    if isinstance(response, str):
        return not response.strip()
    if isinstance(response, (list, tuple, dict)):
        return not response or all(r is None for r in (response.values() if isinstance(response, dict) else response))
    return False


def grade(question: Question, response: Any) -> Result:
    """Grade ``response`` to ``question``: score, max, which parts are right, feedback key.

    >>> from xbedu.quiz.bank import Question, Tolerance
    >>> q = Question("d.w", "numeric", 2, "ch3.logistics", "easy", {"en": "?", "zh": "？"}, answer=1.2, tolerance=Tolerance(abs=0.05))
    >>> grade(q, "1.2 kg").score, grade(q, "1,3").status
    (2.0, 'unreadable')
    """
    q = question
    if q.type == "computed" and not q.values:
        raise GradingError(f"{q.id}: a computed question must be drawn for a learner first (computed.instantiate)")
    key = _Key(q)
    if _empty(response):
        return Result(q.id, "unanswered", 0.0, q.points, (), "quiz.feedback.unanswered")
    if q.type in ("numeric", "computed"):
        return _grade_number(q, key, response)
    facts = response_facts(q, response)
    if facts is None:
        return Result(q.id, "invalid", 0.0, q.points, (), "quiz.feedback.invalid")
    if q.type in ("single", "true_false"):
        part = next(iter(facts))
        ok = key.holds(part, facts[part])
        return _result(q, 1.0 if ok else 0.0, (ok,))
    if q.type == "multiple":
        picked = [c.id for c in q.choices if facts[f"choice:{c.id}"] == "1"]
        unknown = [r for r in response if r not in {c.id for c in q.choices}]
        is_right = {c.id: key.holds(f"choice:{c.id}", "1") for c in q.choices}
        parts = tuple((c.id in picked) == is_right[c.id] for c in q.choices)
        n_right = sum(is_right.values()) or 1
        hits = sum(1 for c in picked if is_right[c])
        misses = len(picked) - hits + len(unknown)
        if q.scoring == "partial":
            share = (hits - misses) / n_right
        else:
            share = 1.0 if all(parts) and not unknown else 0.0
        return _result(q, share, parts)
    prefix = "pos:" if q.type == "ordering" else "match:"
    n = key.parts(prefix)
    if q.type == "ordering":
        names = [f"pos:{i}" for i in range(n)]
    else:
        names = [f"match:{o.id}" for o in q.left]
    parts = tuple(name in facts and key.holds(name, facts[name]) for name in names)
    size = max(len(names), len(response) if q.type == "ordering" else 0) or 1
    if q.scoring == "partial":
        share = sum(parts) / size
    else:
        share = 1.0 if all(parts) and size == len(names) else 0.0
    return _result(q, share, parts)


def _grade_number(q: Question, key: _Key, response: Any) -> Result:
    parsed = parse_number(response)
    if parsed is None:
        return Result(q.id, "unreadable", 0.0, q.points, (), "quiz.feedback.unreadable")
    x = parsed.value
    if q.answer is not None:
        a = float(q.answer)
        width = q.tolerance.width(a) if q.tolerance else 0.0
        ok = abs(x - a) <= width + 1e-9 * max(1.0, abs(a))
    else:
        hk = q.key
        assert hk is not None
        if hk.bucket_width:
            k = math.floor(x / hk.bucket_width)
            ok = any(key.holds("bucket", str(k + d)) for d in range(-BUCKETS_PER_TOLERANCE, BUCKETS_PER_TOLERANCE + 1))
        else:
            ok = key.holds("value", repr(float(x)))
    return _result(q, 1.0 if ok else 0.0, (ok,), x)
