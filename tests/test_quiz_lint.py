"""`xbedu quiz lint`: the shipped banks are clean; each kind of mistake is named by file, question and field."""

import copy
import subprocess
import sys

import pytest
import yaml

from xbedu.quiz.bank import default_banks_dir
from xbedu.quiz.lint import lint_bank, lint_paths

T = {"en": "text", "zh": "文本"}


def base():
    return {
        "quiz_id": "ch09", "chapter": 9, "version": 1, "title": {"en": "Test", "zh": "测试"},
        "questions": [
            {"id": "ch09.one", "type": "single", "points": 1, "tag": "ch3.steps", "difficulty": "easy", "prompt": dict(T),
             "choices": [{"id": "a", "text": {"en": "A", "zh": "甲"}}, {"id": "b", "text": {"en": "B", "zh": "乙"}}],
             "answer": "a", "explanation": dict(T), "hints": [dict(T)]},
            {"id": "ch09.num", "type": "numeric", "points": 1, "tag": "ch3.payments", "difficulty": "easy", "prompt": dict(T),
             "answer": 7.3, "tolerance": {"abs": 0.01}, "unit": {"en": "USD", "zh": "美元"}, "explanation": dict(T), "hints": []},
            {"id": "ch09.order", "type": "ordering", "points": 1, "tag": "ch3.steps", "difficulty": "easy", "prompt": dict(T),
             "items": [{"id": "x", "text": {"en": "X", "zh": "X"}}, {"id": "y", "text": {"en": "Y", "zh": "Y"}}],
             "answer": ["y", "x"], "explanation": dict(T), "hints": []},
            {"id": "ch09.match", "type": "matching", "points": 1, "tag": "ch2.b2b", "difficulty": "easy", "prompt": dict(T),
             "left": [{"id": "l1", "text": {"en": "L1", "zh": "左1"}}, {"id": "l2", "text": {"en": "L2", "zh": "左2"}}],
             "right": [{"id": "r1", "text": {"en": "R1", "zh": "右1"}}, {"id": "r2", "text": {"en": "R2", "zh": "右2"}}],
             "answer": {"l1": "r1", "l2": "r2"}, "explanation": dict(T), "hints": []},
            {"id": "ch09.cw", "type": "computed", "function": "chargeable_weight", "points": 1, "tag": "ch3.logistics",
             "difficulty": "easy", "prompt": {"en": "{weight_kg} kg", "zh": "{weight_kg} 千克"},
             "params": {"weight_kg": {"min": 1, "max": 2, "step": 0.5}, "length_cm": {"value": 30}, "width_cm": {"value": 20},
                        "height_cm": {"value": 10}, "divisor_cm3_per_kg": {"value": 5000}},
             "tolerance": {"abs": 0.01}, "unit": {"en": "kg", "zh": "千克"}, "explanation": dict(T), "hints": []},
        ],
    }


def problems(tmp_path, mutate):
    raw = copy.deepcopy(base())
    mutate(raw)
    path = tmp_path / "ch09.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return [p.render("en") for p in lint_bank(path)]


def test_every_shipped_bank_lints_clean():
    banks, questions, found = lint_paths()
    assert banks == 6 and questions >= 24
    assert [p.render() for p in found] == []


def test_the_base_fixture_is_clean(tmp_path):
    assert problems(tmp_path, lambda raw: None) == []


def q(raw, qid):
    return next(x for x in raw["questions"] if x["id"] == qid)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda r: q(r, "ch09.one").update(prompt={"en": "only English"}), "ch09.yaml: ch09.one: prompt: the zh text is missing"),
        (lambda r: q(r, "ch09.one")["prompt"].update(zh=""), "ch09.yaml: ch09.one: prompt: the zh text is missing"),
        (lambda r: r["questions"].append(copy.deepcopy(r["questions"][0])), "ch09.yaml: ch09.one: id: the id ch09.one is used more than once"),
        (lambda r: q(r, "ch09.one").update(answer="z"), "ch09.yaml: ch09.one: answer: the answer 'z' is not one of the listed ids"),
        (lambda r: q(r, "ch09.one").update(answer=["a", "b"]), "ch09.yaml: ch09.one: answer: exactly one correct answer is required; got 2"),
        (lambda r: q(r, "ch09.one").pop("answer"), "ch09.yaml: ch09.one: answer: has no answer key"),
        (lambda r: q(r, "ch09.one")["choices"][1]["text"].update(en="A"), "ch09.yaml: ch09.one: choices: two options have the same text (en): 'a'"),
        (lambda r: q(r, "ch09.one")["choices"][1].update(id="a"), "ch09.yaml: ch09.one: choices: two options have the same id: 'a'"),
        (lambda r: q(r, "ch09.num").pop("tolerance"), "ch09.yaml: ch09.num: tolerance: a numeric question needs a tolerance"),
        (lambda r: q(r, "ch09.num").update(hints=[{"en": "It is 7.3", "zh": "答案是 7.3"}]), "ch09.yaml: ch09.num: hints[0]: a hint states the answer 7.3"),
        (lambda r: q(r, "ch09.order").update(answer=["x", "x"]), "ch09.yaml: ch09.order: answer: the answer must list every item exactly once"),
        (lambda r: q(r, "ch09.match").update(answer={"l1": "r1"}), "ch09.yaml: ch09.match: answer: the answer must match every left id"),
        (lambda r: q(r, "ch09.cw").update(function="eval"), "ch09.yaml: ch09.cw: function: unknown computed function 'eval'"),
        (lambda r: q(r, "ch09.cw")["params"].pop("length_cm"), "ch09.yaml: ch09.cw: params: parameters do not fit 'chargeable_weight': missing length_cm"),
        (lambda r: q(r, "ch09.cw")["params"].update(weight_kg={"value": -1}), "ch09.yaml: ch09.cw: params: computing the answer failed for seed 0"),
        (lambda r: q(r, "ch09.cw").update(prompt={"en": "{size_cm}", "zh": "{weight_kg}"}), "ch09.yaml: ch09.cw: prompt.en: the prompt uses {size_cm}"),
        (lambda r: q(r, "ch09.one").update(tag="ch9.nowhere"), "ch09.yaml: ch09.one: tag: 'ch9.nowhere' is not an outline point"),
        (lambda r: q(r, "ch09.one").update(id="ch08.one"), "ch09.yaml: ch08.one: id: the id must start with 'ch09.'"),
        (lambda r: q(r, "ch09.one").update(type="essay"), "ch09.yaml: ch09.one: type: does not follow the bank schema"),
        (lambda r: q(r, "ch09.num").update(tolerance={"abs": 0}), "ch09.yaml: ch09.num: tolerance.abs: does not follow the bank schema"),
    ],
)
def test_each_mistake_is_named_with_file_question_and_field(tmp_path, mutate, expected):
    found = problems(tmp_path, mutate)
    assert any(p.startswith(expected) for p in found), found


def test_a_computed_function_that_is_not_reproducible_is_caught(tmp_path, monkeypatch):
    import itertools

    from xbedu.quiz import computed

    counter = itertools.count()
    entry = computed.REGISTRY["chargeable_weight"]
    monkeypatch.setitem(computed.REGISTRY, "chargeable_weight", computed.ComputedFunction(
        entry.name, entry.required, entry.optional, lambda p: float(next(counter)), entry.source))
    found = problems(tmp_path, lambda r: None)
    assert any("ch09.cw: function: the same seed gave two different answers" in p for p in found), found


def test_yaml_syntax_error_is_reported_not_raised(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("questions: [unclosed", encoding="utf-8")
    found = [p.render() for p in lint_bank(path)]
    assert len(found) == 1 and found[0].startswith("broken.yaml: cannot be read")


def test_cli_lint_exit_status(tmp_path):
    exe = [sys.executable, "-m", "xbedu.cli", "quiz", "lint"]
    ok = subprocess.run([*exe, str(default_banks_dir())], capture_output=True, text=True)
    assert ok.returncode == 0 and "no problems found" in ok.stdout
    raw = base()
    raw["questions"][0]["answer"] = "z"
    bad = tmp_path / "ch09.yaml"
    bad.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    fail = subprocess.run([*exe, "--lang", "zh", str(bad)], capture_output=True, text=True)
    assert fail.returncode == 1 and "ch09.yaml: ch09.one: answer: 答案 'z' 不在所列选项的编号中" in fail.stderr
