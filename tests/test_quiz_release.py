"""`xbedu quiz release`: student copies hold no plain-text key; practice copies still self-check."""

import json
import re
import subprocess
import sys

import pytest
import yaml

from xbedu.quiz.bank import default_banks_dir, load_bank, load_banks
from xbedu.quiz.grading import grade
from xbedu.quiz.numbers import format_number
from xbedu.quiz.release import release, unseal
from xbedu.quiz.widget import Quiz

BANKS = default_banks_dir()


@pytest.fixture(autouse=True)
def no_autosolve(monkeypatch):
    monkeypatch.delenv("XBEDU_QUIZ_AUTOSOLVE", raising=False)


def _walk(value, path=()):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, (*path, i))
    else:
        yield path, value


def _public(q):
    return {"prompt": q.prompt, "hints": list(q.hints), "unit": q.unit,
            "options": [o.text for o in (*q.choices, *q.items, *q.left, *q.right)]}


def _key_leaks(source_bank, released_raw, released_text):
    """Every way the key could show in plain text: key fields, key values tied to the question, explanations."""
    leaks = []
    by_id = {q["id"]: q for q in released_raw["questions"]}
    for q in source_bank.questions:
        rq = by_id[q.id]
        for path, _ in _walk(rq):
            if path and path[0] in ("answer", "correct"):
                leaks.append((q.id, path))
        if q.explanation and q.type != "computed":  # a computed question's key is not in the bank; its explanation is the method
            for text in q.explanation.values():
                if text in released_text:
                    leaks.append((q.id, "explanation"))
        if q.type == "numeric":  # the number may show only where the instructor's public text shows it too
            public = " ".join(str(v) for path, v in _walk(_public(q)))
            shown_text = " ".join(str(v) for path, v in _walk(rq) if path and path[0] not in ("key", "sealed"))
            for shown in {format_number(q.answer, 4), repr(q.answer), str(q.answer)}:
                pattern = rf"(?<![\d.,]){re.escape(shown)}(?![\d])"
                if re.search(pattern, shown_text) and not re.search(pattern, public):
                    leaks.append((q.id, shown))
        for choice in q.choices:  # feedback on a right choice would name it
            right = q.answer if isinstance(q.answer, list) else [q.answer]
            if choice.id in right and choice.feedback and choice.feedback["en"] in released_text:
                leaks.append((q.id, "feedback"))
    return leaks


@pytest.mark.parametrize("mode", ["exam", "practice"])
def test_release_holds_no_plain_text_key(tmp_path, mode):
    banks, notebooks = release(tmp_path, mode=mode)
    assert banks == 6 and notebooks == 14
    for source in load_banks():
        text = (tmp_path / "banks" / f"{source.quiz_id}.yaml").read_text(encoding="utf-8")
        raw = yaml.safe_load(text)
        assert raw["release"] == {"mode": mode}
        assert _key_leaks(source, raw, text) == []
        assert load_bank(tmp_path / "banks" / f"{source.quiz_id}.yaml").hash == source.hash  # submissions still match the key
    for nb_path in (tmp_path / "en").glob("*.ipynb"):
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None


def test_the_leak_check_can_fail(tmp_path):
    source = load_bank(BANKS / "ch03.yaml")
    raw = yaml.safe_load((BANKS / "ch03.yaml").read_text(encoding="utf-8"))
    assert _key_leaks(source, raw, (BANKS / "ch03.yaml").read_text(encoding="utf-8"))  # the instructor bank leaks, of course


def test_exam_release_removes_teaching_text_and_the_widget_only_saves(tmp_path):
    release(tmp_path, mode="exam")
    bank = load_bank(tmp_path / "banks" / "ch01.yaml")
    assert bank.release_mode == "exam"
    assert all(q.answer is None and q.key is None and q.explanation is None and not q.hints for q in bank.questions)
    quiz = Quiz(bank, lang="en", store=False)
    assert quiz.mode == "exam"
    c = quiz.cards[0]
    c.controls[0].value = "platform_abroad"
    c.check_button.click()
    assert c.result is None and "Answer saved" in c.feedback.value


def test_practice_release_self_checks_and_unseals_the_explanation(tmp_path):
    release(tmp_path, mode="practice", salt="class-2026")
    bank = load_bank(tmp_path / "banks" / "ch03.yaml")
    source = load_bank(BANKS / "ch03.yaml")
    fee = bank.question("ch03.payment_fee")
    assert fee.answer is None and fee.key.bucket_width == pytest.approx(0.01 / 4)
    assert grade(fee, "7.3 USD").correct and grade(fee, "7.30").correct and not grade(fee, "7.4").correct
    assert unseal(fee, "7.3", "en") == source.question("ch03.payment_fee").explanation["en"]
    assert unseal(fee, "8", "en") is None
    order = bank.question("ch03.eight_steps")
    assert unseal(order, source.question("ch03.eight_steps").answer, "zh") == source.question("ch03.eight_steps").explanation["zh"]
    quiz = Quiz(bank, lang="en", store=False)
    c = next(c for c in quiz.cards if c.question.id == "ch03.customs_documents")
    c.controls[0].value = "reviews"
    c.check_button.click()
    assert c.result.status == "wrong" and "Why:" not in c.feedback.value
    c.controls[0].value = "invoice_packing"
    c.check_button.click()
    assert c.result.correct and "Why:" in c.feedback.value and "packing list" in c.feedback.value


def test_same_salt_same_release_different_salt_different_hashes(tmp_path):
    release(tmp_path / "a", mode="practice", salt="s1")
    release(tmp_path / "b", mode="practice", salt="s1")
    release(tmp_path / "c", mode="practice", salt="s2")
    a, b, c = ((tmp_path / x / "banks" / "ch02.yaml").read_text(encoding="utf-8") for x in "abc")
    assert a == b and a != c


def test_cli_release(tmp_path):
    out = subprocess.run([sys.executable, "-m", "xbedu.cli", "quiz", "release", "--out", str(tmp_path), "--mode", "practice"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "Student release (practice) written" in out.stdout and (tmp_path / "zh" / "03-quiz.ipynb").exists()
