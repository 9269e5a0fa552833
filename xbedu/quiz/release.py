"""``xbedu quiz release``: a student copy of the banks and quiz notebooks without a plain-text key.

- ``exam``: ``answer``, ``explanation``, ``hints`` and choice ``feedback`` are removed;
  the widget only saves answers for a submission.
- ``practice``: ``answer`` becomes ``key``: a salt and the salted sha256 of each key fact
  (the right choice, each position, each pair; see ``grading.key_facts``). The
  explanation (and the feedback of right choices) is *sealed*: XOR-encrypted with a
  key derived from the right answer, so it opens once the learner gives that answer.
  Numbers are hashed in buckets a quarter of the tolerance wide: the self-check accepts
  every answer inside the tolerance and, at most, answers up to a quarter-tolerance
  beyond it (instructor grading uses the exact key). Hashes of small answer spaces can
  be brute-forced by a determined learner: practice copies are for self-checking, and
  graded work should use exam copies.

Notebooks are copied with every output and execution count cleared. Computed questions
keep ``function`` and ``params`` (the numbers are drawn in the learner's kernel).
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import secrets
from pathlib import Path
from typing import Any

from .bank import Question, bank_hash, question_from_dict, read_yaml
from .grading import BUCKETS_PER_TOLERANCE, fact_hash, key_facts, response_facts

__all__ = ["MODES", "release", "release_bank", "seal", "unseal"]

#: Release modes.
MODES = ("exam", "practice")


def _stream(secret: bytes, size: int) -> bytes:
    out = b""
    counter = 0
    while len(out) < size:
        out += hashlib.sha256(secret + counter.to_bytes(4, "big")).digest()
        counter += 1
    return out[:size]


def _secret(salt: str, question_id: str, facts: dict[str, str]) -> bytes:
    return hashlib.sha256(f"{salt}|{question_id}|{json.dumps(facts, sort_keys=True)}".encode()).digest()


def seal(text: str, secret: bytes) -> str:
    """Encrypt ``text`` with ``secret`` (XOR with a sha256 stream), base64-encoded."""
    data = text.encode("utf-8")
    return base64.b64encode(bytes(a ^ b for a, b in zip(data, _stream(secret, len(data))))).decode("ascii")


def _open(token: str, secret: bytes) -> str:
    data = base64.b64decode(token)
    return bytes(a ^ b for a, b in zip(data, _stream(secret, len(data)))).decode("utf-8")


def _check(secret: bytes) -> str:
    return hashlib.sha256(secret + b"check").hexdigest()[:16]


def unseal(question: Question, response: Any, lang: str) -> str | None:
    """Return the sealed explanation if ``response`` is the right answer, else None."""
    sealed, key = question.sealed, question.key
    if not sealed or key is None:
        return None
    if question.type == "numeric":
        from .numbers import parse_number

        parsed = parse_number(response)
        if parsed is None or not key.bucket_width:
            return None
        k = int(parsed.value // key.bucket_width)
        candidates = [{"bucket": str(k + d)} for d in range(-BUCKETS_PER_TOLERANCE, BUCKETS_PER_TOLERANCE + 1)]
    else:
        facts = response_facts(question, response)
        candidates = [facts] if facts else []
    for facts in candidates:
        secret = _secret(key.salt, question.id, facts)
        if _check(secret) == sealed.get("check"):
            token = (sealed.get("explanation") or {}).get(lang)
            return _open(token, secret) if token else None
    return None


def release_bank(raw: dict[str, Any], mode: str, *, salt: str | None = None) -> dict[str, Any]:
    """Return a student copy of a parsed bank (the input is not changed)."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}; got {mode!r}")
    out = copy.deepcopy(raw)
    out["release"] = {"mode": mode}
    for q in out["questions"]:
        answer = q.pop("answer", None)
        if mode == "exam":
            for name in ("explanation", "hints"):
                q.pop(name, None)
            for name in ("choices", "items", "left", "right"):
                for option in q.get(name) or []:
                    option.pop("feedback", None)
            continue
        if answer is None:
            continue  # computed: nothing to hide
        question = question_from_dict({**q, "answer": answer})
        q_salt = hashlib.sha256(f"{salt}|{q['id']}".encode()).hexdigest()[:16] if salt else secrets.token_hex(8)
        facts = key_facts(question)
        key: dict[str, Any] = {"salt": q_salt, "facts": {p: fact_hash(q_salt, q["id"], p, v) for p, v in facts.items()}}
        if "bucket" in facts and question.tolerance:
            key["bucket_width"] = question.tolerance.width(float(answer)) / BUCKETS_PER_TOLERANCE
        q["key"] = key
        secret = _secret(q_salt, q["id"], facts)
        explanation = q.pop("explanation", None)
        if explanation:
            q["sealed"] = {"check": _check(secret), "explanation": {lang: seal(text, secret) for lang, text in explanation.items()}}
        right = set(answer) if isinstance(answer, list) else {answer} if isinstance(answer, str) else set()
        for option in q.get("choices") or []:
            if option["id"] in right:
                option.pop("feedback", None)
    assert bank_hash(out) == bank_hash(raw)
    return out


def _clean_notebook(path: Path) -> dict[str, Any]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    return nb


def release(out_dir: str | Path, *, mode: str = "exam", banks_dir: str | Path | None = None,
            notebooks_dir: str | Path | None = None, salt: str | None = None) -> tuple[int, int]:
    """Write ``out_dir/banks/*.yaml`` and ``out_dir/<lang>/*.ipynb``; return (banks, notebooks) written."""
    import yaml  # noqa: PLC0415

    from .bank import default_banks_dir

    banks = Path(banks_dir) if banks_dir else default_banks_dir()
    notebooks = Path(notebooks_dir) if notebooks_dir else banks.parent
    out = Path(out_dir)
    (out / "banks").mkdir(parents=True, exist_ok=True)
    n_banks = n_notebooks = 0
    for path in sorted(banks.glob("*.yaml")):
        student = release_bank(read_yaml(path), mode, salt=salt)
        text = yaml.safe_dump(student, allow_unicode=True, sort_keys=False, width=100000)
        (out / "banks" / path.name).write_text(text, encoding="utf-8")
        n_banks += 1
    for lang_dir in sorted(p for p in notebooks.iterdir() if p.is_dir() and p.name in ("en", "zh")):
        for nb_path in sorted(lang_dir.glob("*.ipynb")):
            target = out / lang_dir.name / nb_path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(_clean_notebook(nb_path), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            n_notebooks += 1
    return n_banks, n_notebooks
