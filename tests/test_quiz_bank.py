"""The chapter banks: they load, cover every question type and both languages; the version hash behaves."""

import copy

import pytest
import yaml

from xbedu.quiz.bank import TYPES, BankError, bank_hash, default_banks_dir, load_bank, load_banks
from xbedu.quiz.lint import OUTLINE_TAGS, schema

BANKS = default_banks_dir()


def test_six_starter_banks_of_at_least_four_questions():
    banks = load_banks()
    assert [b.quiz_id for b in banks] == [f"ch0{n}" for n in range(1, 7)]
    for b in banks:
        assert len(b.questions) >= 4 and b.chapter == int(b.quiz_id[2:])
        assert all(q.tag.startswith(f"ch{b.chapter}.") and q.tag in OUTLINE_TAGS for q in b.questions)


def test_every_type_appears_and_required_examples_exist():
    questions = {q.id: q for b in load_banks() for q in b.questions}
    assert {q.type for q in questions.values()} == set(TYPES)
    assert len(questions["ch03.eight_steps"].items) == 8 and questions["ch03.eight_steps"].type == "ordering"
    assert questions["ch02.mode_platform"].type == "matching" and questions["ch03.transit_times"].type == "matching"
    functions = {(q.id.split(".")[0], q.function) for q in questions.values() if q.type == "computed"}
    assert {("ch03", "chargeable_weight"), ("ch03", "logistics_cost"), ("ch04", "chain_price"), ("ch06", "startup_total"),
            ("ch06", "unit_profit")} <= functions
    assert all(q.scoring in ("partial", "all_or_nothing") for q in questions.values() if q.type == "multiple")


def test_both_languages_everywhere():
    for b in load_banks():
        for q in b.questions:
            texts = [q.prompt, q.explanation, *q.hints, *(o.text for o in (*q.choices, *q.items, *q.left, *q.right))]
            assert all(set(t) == {"en", "zh"} and all(v.strip() for v in t.values()) for t in texts), q.id


def test_hash_ignores_key_fields_but_not_what_learners_see():
    raw = yaml.safe_load((BANKS / "ch01.yaml").read_text(encoding="utf-8"))
    same = copy.deepcopy(raw)
    same["questions"][0]["answer"] = "domestic_online"
    same["questions"][0]["explanation"] = {"en": "changed", "zh": "改了"}
    assert bank_hash(same) == bank_hash(raw) == load_bank(BANKS / "ch01.yaml").hash
    changed = copy.deepcopy(raw)
    changed["questions"][0]["prompt"]["en"] += "!"
    assert bank_hash(changed) != bank_hash(raw)
    renamed = copy.deepcopy(raw)
    renamed["questions"][0]["choices"][0]["id"] = "zz"
    assert bank_hash(renamed) != bank_hash(raw)


def test_load_errors_name_file_question_and_field(tmp_path):
    path = tmp_path / "ch09.yaml"
    path.write_text("quiz_id: ch09\ntitle: {en: a, zh: b}\nquestions:\n  - {id: ch09.a, type: essay, prompt: {en: x, zh: y}}\n", encoding="utf-8")
    with pytest.raises(BankError, match=r"ch09.yaml: ch09.a: type: unknown type 'essay'"):
        load_bank(path)
    path.write_text("quiz_id: [", encoding="utf-8")
    with pytest.raises(BankError, match="not valid YAML"):
        load_bank(path)


def test_schema_documents_every_question_field():
    props = schema()["$defs"]["question"]["properties"]
    assert all(p.get("description") or "$ref" in p or "enum" in p or p.get("type") for p in props.values())
    assert "partial" in props["scoring"]["description"] and "THE KEY" in props["answer"]["description"]


def test_default_banks_dir_env_override(tmp_path, monkeypatch):
    monkeypatch.setenv("XBEDU_QUIZ_BANKS", str(tmp_path))
    assert default_banks_dir() == tmp_path
