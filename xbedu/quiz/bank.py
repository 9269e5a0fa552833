"""Question banks: one bilingual YAML file per chapter, read into frozen ``Question`` values.

The format (checked in full by ``xbedu quiz lint`` against ``bank.schema.json``, which
describes every field) looks like this::

    quiz_id: ch03                 # every question id starts with "ch03."
    chapter: 3
    version: 1
    title: {en: "Chapter 3 quiz", zh: "第三章测验"}
    questions:
      - id: ch03.express_days     # stable: submissions and progress refer to it
        type: single              # single | multiple | true_false | numeric | ordering | matching | computed
        points: 1
        tag: ch3.logistics        # the outline point it tests
        difficulty: easy          # easy | medium | hard
        prompt: {en: "...", zh: "..."}
        choices:                  # single / multiple: display order
          - {id: a, text: {en: "3–7 days", zh: "3–7 天"}, feedback: {en: "...", zh: "..."}}
          - {id: b, text: {en: "15–30 days", zh: "15–30 天"}}
        answer: a                 # THE KEY (the only field a release removes or hashes)
        explanation: {en: "...", zh: "..."}   # teaching text, shown once answered right
        hints: [{en: "...", zh: "..."}]       # tiered, gentlest first

Per type, ``answer`` is: ``single`` a choice id; ``multiple`` a list of ids plus
``scoring: partial|all_or_nothing`` (partial = points × max(0, (right picks − wrong
picks) / right choices)); ``true_false`` a boolean; ``numeric`` a number with
``tolerance: {abs: x}`` or ``{rel: x}`` and a ``unit`` text; ``ordering`` the ``items`` ids
in the right order (``items`` are listed in display order); ``matching`` a mapping
``{left id: right id}`` (``right`` may hold distractors; partial credit per pair by
default). ``computed`` questions have no ``answer``: ``function`` names an entry of
``xbedu.quiz.computed.REGISTRY`` and ``params`` say how to draw each argument from the
learner's seed (``{value: 5000}``, ``{min: 1, max: 3, step: 0.5}`` or
``{choices: [...]}``); ``{name}`` in the prompt shows a drawn value.

Loading here is light (PyYAML's C loader, no JSON Schema) because it sits on the
grading path; ``xbedu.quiz.lint`` is the thorough check.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import XbeduError

__all__ = [
    "BANKS_ENV",
    "KEY_FIELDS",
    "TYPES",
    "Bank",
    "BankError",
    "Choice",
    "HashedKey",
    "Question",
    "Tolerance",
    "bank_hash",
    "default_banks_dir",
    "load_bank",
    "load_banks",
    "question_from_dict",
    "read_yaml",
]

#: Question types a bank may use.
TYPES = ("single", "multiple", "true_false", "numeric", "ordering", "matching", "computed")
#: Fields that carry (or give away) the key: removed or sealed by a student release and left
#: out of the bank hash, so an instructor bank and its release share one hash.
KEY_FIELDS = ("answer", "key", "sealed", "explanation", "hints", "feedback")
#: Environment variable naming the folder of banks (default: ``quizzes/banks`` found upwards from the working folder).
BANKS_ENV = "XBEDU_QUIZ_BANKS"


class BankError(XbeduError, ValueError):
    """A bank cannot be read: names the file, the question id and the field."""

    def __init__(self, file: str, problem: str, *, question: str | None = None, field: str | None = None) -> None:
        self.file, self.question, self.field, self.problem = file, question, field, problem
        where = ": ".join(p for p in (file, question, field) if p)
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True, slots=True)
class Choice:
    """A choice, an item to order, or one side of a matching pair."""

    id: str
    text: dict[str, str]
    feedback: dict[str, str] | None = None


@dataclass(frozen=True, slots=True)
class Tolerance:
    """How far a numeric answer may be from the key: absolute (answer's unit) or relative (share)."""

    abs: float | None = None
    rel: float | None = None

    def width(self, answer: float) -> float:
        """Return the allowed distance from ``answer``.

        >>> Tolerance(rel=0.01).width(250.0)
        2.5
        """
        return self.abs if self.abs is not None else (self.rel or 0.0) * abs(answer)


@dataclass(frozen=True, slots=True)
class HashedKey:
    """A practice release's key: salted sha256 of each key part (see ``xbedu.quiz.release``)."""

    salt: str
    facts: dict[str, str]
    bucket_width: float | None = None


@dataclass(frozen=True, slots=True)
class Question:
    """One question of a bank (texts keep both languages)."""

    id: str
    type: str
    points: float
    tag: str
    difficulty: str
    prompt: dict[str, str]
    explanation: dict[str, str] | None = None
    hints: tuple[dict[str, str], ...] = ()
    choices: tuple[Choice, ...] = ()
    items: tuple[Choice, ...] = ()
    left: tuple[Choice, ...] = ()
    right: tuple[Choice, ...] = ()
    answer: Any = None
    key: HashedKey | None = None
    sealed: dict[str, Any] | None = None
    scoring: str = "all_or_nothing"
    tolerance: Tolerance | None = None
    unit: dict[str, str] | None = None
    function: str | None = None
    params: dict[str, dict[str, Any]] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    decimals: int = 2

    @property
    def has_key(self) -> bool:
        """Whether this copy can be graded (plain or hashed key, or a drawn computed instance)."""
        return self.answer is not None or self.key is not None

    def option_text(self, option_id: str, lang: str) -> str:
        """Return the text of a choice/item/left/right option by id (the id itself if unknown)."""
        for option in (*self.choices, *self.items, *self.left, *self.right):
            if option.id == option_id:
                return option.text[lang]
        return option_id


@dataclass(frozen=True, slots=True)
class Bank:
    """A chapter's bank: its questions, where it came from, and its version hash."""

    quiz_id: str
    chapter: int
    version: int
    title: dict[str, str]
    questions: tuple[Question, ...]
    path: str
    hash: str
    raw: dict[str, Any]
    release_mode: str | None = None

    def question(self, question_id: str) -> Question:
        """Return the question with ``question_id`` (KeyError if there is none)."""
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    @property
    def max_points(self) -> float:
        """Return the total points of the bank."""
        return float(sum(q.points for q in self.questions))


def read_yaml(path: str | Path) -> Any:
    """Parse a YAML file with PyYAML's C loader when available (safe loading only)."""
    import yaml  # noqa: PLC0415 - heavy import kept off `import xbedu`

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)  # noqa: S506 - a safe loader


def bank_hash(raw: dict[str, Any]) -> str:
    """Return the sha256 of a bank's canonical public content (key fields left out).

    The same for an instructor bank and its student release, different as soon as a
    prompt, choice, point value or id changes.

    >>> bank_hash({"quiz_id": "x", "questions": [{"id": "x.a", "answer": 1}]}) == bank_hash({"quiz_id": "x", "questions": [{"id": "x.a"}]})
    True
    """
    public = _strip(raw)
    if isinstance(public, dict):
        public.pop("release", None)
    text = json.dumps(public, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in KEY_FIELDS}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _options(raw: Any, file: str, qid: str, name: str) -> tuple[Choice, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise BankError(file, "must be a list", question=qid, field=name)
    out = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or "id" not in item or "text" not in item:
            raise BankError(file, "each entry needs 'id' and 'text'", question=qid, field=f"{name}[{i}]")
        out.append(Choice(str(item["id"]), dict(item["text"]), dict(item["feedback"]) if item.get("feedback") else None))
    return tuple(out)


def question_from_dict(raw: dict[str, Any], file: str = "<bank>") -> Question:
    """Build a ``Question`` from one parsed bank entry; raise ``BankError`` on a missing basic field."""
    qid = str(raw.get("id", "?"))
    for name in ("id", "type", "prompt"):
        if name not in raw:
            raise BankError(file, "is missing", question=qid, field=name)
    qtype = raw["type"]
    if qtype not in TYPES:
        raise BankError(file, f"unknown type {qtype!r}; allowed: {', '.join(TYPES)}", question=qid, field="type")
    tol = raw.get("tolerance")
    key = raw.get("key")
    default_scoring = "partial" if qtype == "matching" else "all_or_nothing"
    return Question(
        id=qid,
        type=qtype,
        points=float(raw.get("points", 1)),
        tag=str(raw.get("tag", "")),
        difficulty=str(raw.get("difficulty", "medium")),
        prompt=dict(raw["prompt"]),
        explanation=dict(raw["explanation"]) if raw.get("explanation") else None,
        hints=tuple(dict(h) for h in raw.get("hints") or ()),
        choices=_options(raw.get("choices"), file, qid, "choices"),
        items=_options(raw.get("items"), file, qid, "items"),
        left=_options(raw.get("left"), file, qid, "left"),
        right=_options(raw.get("right"), file, qid, "right"),
        answer=raw.get("answer"),
        key=HashedKey(key["salt"], dict(key["facts"]), key.get("bucket_width")) if isinstance(key, dict) else None,
        sealed=raw.get("sealed"),
        scoring=str(raw.get("scoring", default_scoring)),
        tolerance=Tolerance(tol.get("abs"), tol.get("rel")) if isinstance(tol, dict) else None,
        unit=dict(raw["unit"]) if raw.get("unit") else None,
        function=raw.get("function"),
        params={k: dict(v) for k, v in (raw.get("params") or {}).items()},
        decimals=int(raw.get("decimals", 2)),
    )


def load_bank(path: str | Path) -> Bank:
    """Read one bank file into a ``Bank``; raise ``BankError`` naming file, question and field.

    >>> bank = load_bank(default_banks_dir() / "ch03.yaml")  # doctest: +SKIP
    """
    path = Path(path)
    file = path.name
    try:
        raw = read_yaml(path)
    except OSError as exc:
        raise BankError(str(path), f"cannot be read ({exc.strerror})") from None
    except Exception as exc:  # yaml.YAMLError: keep yaml out of the signature
        raise BankError(file, f"is not valid YAML ({str(exc).splitlines()[0]})") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("questions"), list):
        raise BankError(file, "a bank is a mapping with a 'questions' list", field="questions")
    for name in ("quiz_id", "title"):
        if name not in raw:
            raise BankError(file, "is missing", field=name)
    questions = tuple(question_from_dict(q, file) if isinstance(q, dict) else _not_mapping(file, i) for i, q in enumerate(raw["questions"]))
    release = raw.get("release") or {}
    return Bank(
        quiz_id=str(raw["quiz_id"]),
        chapter=int(raw.get("chapter", 0)),
        version=int(raw.get("version", 1)),
        title=dict(raw["title"]),
        questions=questions,
        path=str(path),
        hash=bank_hash(raw),
        raw=raw,
        release_mode=release.get("mode") if isinstance(release, dict) else None,
    )


def _not_mapping(file: str, index: int) -> Question:
    raise BankError(file, "each question must be a mapping", field=f"questions[{index}]")


def default_banks_dir(start: str | Path | None = None) -> Path:
    """Return ``$XBEDU_QUIZ_BANKS``, else the first ``quizzes/banks`` (or ``banks``) found upwards from ``start``."""
    env = os.environ.get(BANKS_ENV)
    if env:
        return Path(env)
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for candidate in (folder / "quizzes" / "banks", folder / "banks"):
            if candidate.is_dir():
                return candidate
    bundled = Path(__file__).resolve().parents[1] / "_banks"  # inside a wheel (the JupyterLite site)
    if bundled.is_dir():
        return bundled
    return Path(__file__).resolve().parents[2] / "quizzes" / "banks"


def load_banks(paths: list[str | Path] | tuple[str | Path, ...] | None = None) -> tuple[Bank, ...]:
    """Load banks from files and/or folders (``*.yaml`` inside); default: ``default_banks_dir()``."""
    files: list[Path] = []
    for entry in paths or [default_banks_dir()]:
        entry = Path(entry)
        files.extend(sorted(entry.glob("*.yaml")) if entry.is_dir() else [entry])
    return tuple(load_bank(f) for f in files)
