"""``xbedu quiz lint``: check banks against the schema and the rules a schema cannot say.

Every problem names the file, the question id and the field, e.g.
``ch03.yaml: ch03.eight_steps: answer: the answer must list every item exactly once``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..i18n import Message
from .bank import read_yaml
from .numbers import format_number

__all__ = ["OUTLINE_TAGS", "LintProblem", "lint_bank", "lint_paths", "schema"]

#: Outline points a question may test (``/shared/guide/outline.md``, ids ``chN.<short_name>``).
OUTLINE_TAGS = (
    "ch1.definition", "ch1.features", "ch1.vs_traditional",
    "ch2.b2b", "ch2.b2c", "ch2.c2c",
    "ch3.steps", "ch3.payments", "ch3.logistics", "ch3.customs",
    "ch4.reach", "ch4.costs", "ch4.margins", "ch4.brand", "ch4.data", "ch4.agility",
    "ch5.trends", "ch5.directions",
    "ch6.model", "ch6.market", "ch6.platform", "ch6.capital", "ch6.skills",
)
#: Seeds tried to check that a computed question's answer can be computed, and reproduced.
CHECK_SEEDS = range(12)


@dataclass(frozen=True, slots=True)
class LintProblem:
    """One problem in a bank: where (file, question, field) and what (a catalog message)."""

    file: str
    question: str | None
    field: str | None
    message: Message

    def render(self, lang: str = "en") -> str:
        """Return ``file: question: field: message`` in ``lang``."""
        return ": ".join(p for p in (self.file, self.question, self.field, self.message.render(lang)) if p)


def schema() -> dict[str, Any]:
    """Return the bank JSON Schema shipped with the package."""
    return json.loads((resources.files("xbedu.quiz") / "bank.schema.json").read_text(encoding="utf-8"))


def _schema_problems(file: str, raw: Any) -> list[LintProblem]:
    import jsonschema  # noqa: PLC0415 - lint-only, slow to import

    validator = jsonschema.Draft202012Validator(schema())
    out = []
    for err in sorted(validator.iter_errors(raw), key=lambda e: list(map(str, e.absolute_path))):
        path = list(err.absolute_path)
        qid = None
        if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
            q = raw["questions"][path[1]]
            qid = q.get("id", f"questions[{path[1]}]") if isinstance(q, dict) else f"questions[{path[1]}]"
            path = path[2:]
        where = ".".join(str(p) for p in path) or None
        if err.validator == "required" and isinstance(err.instance, dict):
            missing = [n for n in err.validator_value if n not in err.instance]
            if missing and set(missing) <= {"en", "zh"}:
                out.append(LintProblem(file, qid, where, Message.of("quiz.lint.missing_lang", lang=missing[0])))
                continue
        if err.validator == "minLength" and path and path[-1] in ("en", "zh"):
            out.append(LintProblem(file, qid, ".".join(str(p) for p in path[:-1]), Message.of("quiz.lint.missing_lang", lang=path[-1])))
            continue
        out.append(LintProblem(file, qid, where, Message.of("quiz.lint.schema", detail=err.message)))
    return out


def _dupes(values: list[str]) -> list[str]:
    seen: set[str] = set()
    return [v for v in values if v in seen or seen.add(v)]  # type: ignore[func-returns-value]


def _option_problems(file: str, qid: str, name: str, options: list[dict[str, Any]]) -> list[LintProblem]:
    out = []
    for value in _dupes([str(o.get("id")) for o in options]):
        out.append(LintProblem(file, qid, name, Message.of("quiz.lint.duplicate_option", what="id", value=repr(value))))
    for lang in ("en", "zh"):
        texts = [str((o.get("text") or {}).get(lang, "")).strip().casefold() for o in options]
        for value in _dupes([t for t in texts if t]):
            out.append(LintProblem(file, qid, name, Message.of("quiz.lint.duplicate_option", what=f"text ({lang})", value=repr(value))))
    return out


def _question_problems(file: str, q: dict[str, Any], released: bool) -> list[LintProblem]:
    qid, qtype = str(q.get("id")), q.get("type")
    out: list[LintProblem] = []

    def add(field: str | None, key: str, **fields: Any) -> None:
        out.append(LintProblem(file, qid, field, Message.of(key, **fields)))

    if q.get("tag") and q["tag"] not in OUTLINE_TAGS:
        add("tag", "quiz.lint.unknown_tag", tag=repr(q["tag"]), known=", ".join(OUTLINE_TAGS))
    for name in ("choices", "items", "left", "right"):
        if isinstance(q.get(name), list):
            out += _option_problems(file, qid, name, [o for o in q[name] if isinstance(o, dict)])
    answer = q.get("answer")
    if qtype != "computed" and answer is None and not released:
        add("answer", "quiz.lint.no_answer")
        return out
    if answer is None:
        return out if qtype != "computed" else out + _computed_problems(file, q)
    ids = {name: [str(o.get("id")) for o in q.get(name) or [] if isinstance(o, dict)] for name in ("choices", "items", "left", "right")}
    if qtype == "single":
        if isinstance(answer, list):
            add("answer", "quiz.lint.one_correct", count=len(answer))
        elif answer not in ids["choices"]:
            add("answer", "quiz.lint.answer_not_option", answer=repr(answer))
    elif qtype == "multiple":
        for a in answer if isinstance(answer, list) else [answer]:
            if a not in ids["choices"]:
                add("answer", "quiz.lint.answer_not_option", answer=repr(a))
        if "scoring" not in q:
            add("scoring", "quiz.lint.scoring")
    elif qtype == "ordering":
        if not isinstance(answer, list) or sorted(map(str, answer)) != sorted(ids["items"]):
            add("answer", "quiz.lint.not_permutation")
    elif qtype == "matching":
        if not isinstance(answer, dict):
            add("answer", "quiz.lint.bad_match", detail="not a mapping")
        else:
            missing = sorted(set(ids["left"]) - set(answer))
            unknown = sorted(set(answer) - set(ids["left"])) + sorted(str(v) for v in answer.values() if v not in ids["right"])
            if missing or unknown:
                add("answer", "quiz.lint.bad_match", detail=f"missing {', '.join(missing) or '-'}; unknown {', '.join(unknown) or '-'}")
    elif qtype == "numeric":
        if not q.get("tolerance"):
            add("tolerance", "quiz.lint.no_tolerance")
        if isinstance(answer, (int, float)):
            shown = {format_number(float(answer), 4), str(answer)}
            for i, hint in enumerate(q.get("hints") or []):
                if isinstance(hint, dict) and any(re.search(rf"(?<![\d.,]){re.escape(s)}(?![\d])", str(t)) for s in shown for t in hint.values()):
                    add(f"hints[{i}]", "quiz.lint.hint_gives_answer", answer=format_number(float(answer), 4))
    return out


def _computed_problems(file: str, q: dict[str, Any]) -> list[LintProblem]:
    from .bank import question_from_dict
    from .computed import REGISTRY, ComputedUnavailable, instantiate

    qid = str(q.get("id"))
    name = q.get("function")
    entry = REGISTRY.get(str(name))
    if entry is None:
        return [LintProblem(file, qid, "function", Message.of("quiz.lint.unknown_function", name=repr(name), known=", ".join(sorted(REGISTRY))))]
    params = set(q.get("params") or {})
    missing = sorted(set(entry.required) - params)
    unknown = sorted(params - set(entry.required) - set(entry.optional))
    if missing or unknown:
        return [LintProblem(file, qid, "params", Message.of("quiz.lint.bad_params", name=repr(name), missing=", ".join(missing) or "-", unknown=", ".join(unknown) or "-"))]
    out = []
    for lang, text in (q.get("prompt") or {}).items():
        for placeholder in re.findall(r"\{([a-z_][a-z0-9_]*)(?:\|pct)?\}", str(text)):
            if placeholder not in params:
                out.append(LintProblem(file, qid, f"prompt.{lang}", Message.of("quiz.lint.unknown_placeholder", name=placeholder)))
    question = question_from_dict(q, file)
    for seed in CHECK_SEEDS:
        try:
            first, second = instantiate(question, seed).answer, instantiate(question, seed).answer
        except (ComputedUnavailable, ValueError, KeyError, TypeError) as exc:
            out.append(LintProblem(file, qid, "params", Message.of("quiz.lint.compute_failed", seed=seed, error=str(exc).splitlines()[0])))
            break
        if first != second:
            out.append(LintProblem(file, qid, "function", Message.of("quiz.lint.not_reproducible", first=first, second=second)))
            break
    return out


def lint_bank(path: str | Path) -> list[LintProblem]:
    """Return every problem found in one bank file (empty when it is clean)."""
    path = Path(path)
    file = path.name
    try:
        raw = read_yaml(path)
    except Exception as exc:  # OSError or yaml.YAMLError
        return [LintProblem(file, None, None, Message.of("quiz.lint.unreadable", detail=str(exc).splitlines()[0]))]
    problems = _schema_problems(file, raw)
    if not isinstance(raw, dict) or not isinstance(raw.get("questions"), list):
        return problems
    released = bool(raw.get("release"))
    quiz_id = str(raw.get("quiz_id", ""))
    ids = [str(q.get("id")) for q in raw["questions"] if isinstance(q, dict)]
    for dup in sorted(set(_dupes(ids))):
        problems.append(LintProblem(file, dup, "id", Message.of("quiz.lint.duplicate_id", id=dup)))
    for q in raw["questions"]:
        if not isinstance(q, dict):
            continue
        if quiz_id and not str(q.get("id", "")).startswith(quiz_id + "."):
            problems.append(LintProblem(file, str(q.get("id")), "id", Message.of("quiz.lint.id_prefix", prefix=quiz_id)))
        problems += _question_problems(file, q, released)
    return problems


def lint_paths(paths: list[str | Path] | None = None) -> tuple[int, int, list[LintProblem]]:
    """Lint bank files and/or folders; return (banks, questions, problems)."""
    from .bank import default_banks_dir

    files: list[Path] = []
    for entry in paths or [default_banks_dir()]:
        entry = Path(entry)
        files.extend(sorted(entry.glob("*.yaml")) if entry.is_dir() else [entry])
    problems: list[LintProblem] = []
    questions = 0
    for f in files:
        problems += lint_bank(f)
        try:
            raw = read_yaml(f)
            questions += len(raw.get("questions") or []) if isinstance(raw, dict) else 0
        except Exception:  # already reported by lint_bank
            pass
    return len(files), questions, problems
