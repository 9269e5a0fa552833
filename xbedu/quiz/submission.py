"""A learner's answers as a submission file (JSON) for the instructor's ``xbedu quiz grade``.

Format ``xbedu-submission/1``::

    {"format": "xbedu-submission/1", "learner_id": "alice", "quiz_id": "ch03",
     "bank_hash": "<sha256 of the bank's public content>", "mode": "exam",
     "started_at": "2026-11-25T10:00:00Z", "submitted_at": "2026-11-25T10:20:00Z",
     "responses": {"ch03.payment_fee": {"response": "7.3 USD", "answered_at": "…", "hints_used": 0},
                   "ch03.chargeable_weight": {"response": "3.75", "answered_at": "…", "seed": 123}}}

``seed`` is stored for computed questions (the numbers the learner saw); the grader
recomputes the key from it with the named domain function. Timestamps are UTC, ISO 8601.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import XbeduError
from .bank import Bank

__all__ = ["FORMAT", "SubmissionError", "build_submission", "read_submission", "submission_from_attempts", "utc_now", "write_submission"]

#: Format tag written into every submission.
FORMAT = "xbedu-submission/1"
_REQUIRED = ("learner_id", "quiz_id", "bank_hash", "responses")


class SubmissionError(XbeduError, ValueError):
    """A submission file is not readable (names what is wrong)."""


def utc_now() -> str:
    """Return the current UTC time as ``YYYY-MM-DDTHH:MM:SSZ``."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_submission(learner_id: str, bank: Bank, responses: Mapping[str, Mapping[str, Any]], *, mode: str = "practice",
                     started_at: str | None = None, submitted_at: str | None = None) -> dict[str, Any]:
    """Return a submission dict for ``bank`` (responses: question id → {response, answered_at, …})."""
    if not str(learner_id).strip():
        raise SubmissionError("learner_id is empty")
    stamps = [str(r.get("answered_at")) for r in responses.values() if r.get("answered_at")]
    now = submitted_at or utc_now()
    return {
        "format": FORMAT,
        "learner_id": str(learner_id).strip(),
        "quiz_id": bank.quiz_id,
        "bank_hash": bank.hash,
        "mode": mode,
        "started_at": started_at or (min(stamps) if stamps else now),
        "submitted_at": now,
        "responses": {qid: dict(r) for qid, r in responses.items()},
    }


def submission_from_attempts(learner_id: str, bank: Bank, attempts: Mapping[str, Any], *, mode: str = "practice") -> dict[str, Any]:
    """Return a submission from each question's latest ``progress.Attempt``."""
    responses = {}
    for qid, a in attempts.items():
        entry: dict[str, Any] = {"response": a.response, "answered_at": a.at, "hints_used": a.hints_used}
        if a.seed is not None:
            entry["seed"] = a.seed
        responses[qid] = entry
    return build_submission(learner_id, bank, responses, mode=mode)


def write_submission(submission: Mapping[str, Any], path: str | Path) -> Path:
    """Write a submission as UTF-8 JSON (written to a temporary name, then renamed)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(submission, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    tmp.replace(path)
    return path


def read_submission(path: str | Path) -> dict[str, Any]:
    """Read and shape-check a submission file; raise ``SubmissionError`` saying what is wrong."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise SubmissionError(f"cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise SubmissionError("not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise SubmissionError(f"not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict):
        raise SubmissionError("not a JSON object")
    if data.get("format") != FORMAT:
        raise SubmissionError(f"format is {data.get('format')!r}, expected {FORMAT!r}")
    missing = [k for k in _REQUIRED if k not in data]
    if missing:
        raise SubmissionError(f"missing {', '.join(missing)}")
    if not isinstance(data["responses"], dict) or not all(isinstance(v, dict) and "response" in v for v in data["responses"].values()):
        raise SubmissionError("responses must map question ids to {\"response\": …}")
    if not isinstance(data["learner_id"], str) or not data["learner_id"].strip():
        raise SubmissionError("learner_id is empty")
    return data
