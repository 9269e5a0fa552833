"""`xbedu quiz grade`: a folder of submissions → gradebook + item analysis; bad files reported, never fatal."""

import csv
import json
import subprocess
import sys

import yaml

from xbedu.quiz.bank import default_banks_dir, load_bank
from xbedu.quiz.computed import instantiate, seed_for
from xbedu.quiz.gradebook import grade_submissions, item_analysis, write_gradebook, write_item_analysis

T = {"en": "t", "zh": "题"}


def tiny_bank(tmp_path):
    def single(qid):
        return {"id": f"t.{qid}", "type": "single", "points": 1, "tag": "ch1.definition", "difficulty": "easy", "prompt": T,
                "choices": [{"id": "a", "text": {"en": "A", "zh": "甲"}}, {"id": "b", "text": {"en": "B", "zh": "乙"}}],
                "answer": "a", "explanation": T, "hints": []}
    raw = {"quiz_id": "t", "chapter": 0, "version": 1, "title": T, "questions": [single("q1"), single("q2")]}
    path = tmp_path / "t.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return load_bank(path)


def submit(folder, name, bank, learner, responses, at="2026-11-25T10:00:00Z", **overrides):
    sub = {"format": "xbedu-submission/1", "learner_id": learner, "quiz_id": bank.quiz_id, "bank_hash": bank.hash, "mode": "exam",
           "started_at": at, "submitted_at": at, "responses": {k: {"response": v, "answered_at": at} for k, v in responses.items()}}
    sub.update(overrides)
    path = folder / name
    path.write_text(json.dumps(sub, ensure_ascii=False), encoding="utf-8")
    return path


def test_item_analysis_by_hand(tmp_path):
    bank = tiny_bank(tmp_path)
    subs = tmp_path / "subs"
    subs.mkdir()
    answers = {"s1": ("a", "a"), "s2": ("a", "b"), "s3": ("a", "b"), "s4": ("b", "b"), "s5": ("b", "a")}
    for learner, (r1, r2) in answers.items():
        submit(subs, f"{learner}.json", bank, learner, {"t.q1": r1, "t.q2": r2})
    run = grade_submissions([subs], [bank])
    assert run.problems == () and len(run.rows) == 5
    stats = {s.question_id: s for s in item_analysis(run)}
    q1 = stats["t.q1"]
    assert q1.difficulty == 0.6            # 3 of 5 right
    # point-biserial of q1 = [1,1,1,0,0] with the rest (q2) = [1,0,0,0,1]:
    # cov = 0.24 − 0.16 − 0.16 + 0.24 − 0.36 = −0.2; sxx = syy = 1.2 → r = −0.2 / 1.2
    assert q1.discrimination_pbis == round(-0.2 / 1.2, 4)
    # 27 % of 5 → 1 learner each end: top s1 (total 2) got q1 right, bottom s4 (total 0) wrong → 1 − 0
    assert q1.discrimination_ul27 == 1.0
    assert q1.distractors == "a=3; b=2"
    assert stats["t.q2"].difficulty == 0.4
    write_gradebook(run, tmp_path / "gb.csv")
    rows = list(csv.reader((tmp_path / "gb.csv").open(encoding="utf-8")))
    assert rows[0] == ["learner_id", "t.q1", "t.q2", "total", "max"]
    assert rows[1] == ["s1", "1", "1", "2", "2"] and rows[4] == ["s4", "0", "0", "0", "2"]
    write_item_analysis(run, tmp_path / "items.csv")
    items = list(csv.DictReader((tmp_path / "items.csv").open(encoding="utf-8")))
    assert items[0]["question_id"] == "t.q1" and items[0]["difficulty"] == "0.6" and items[0]["distractors"] == "a=3; b=2"


def test_bad_submissions_are_reported_per_file_and_the_run_goes_on(tmp_path):
    bank = load_bank(default_banks_dir() / "ch03.yaml")
    subs = tmp_path / "subs"
    subs.mkdir()
    good = submit(subs, "alice.json", bank, "alice", {"ch03.payment_fee": "7.3 USD", "ch03.customs_documents": "invoice_packing"})
    older = submit(subs, "bob-1.json", bank, "bob", {"ch03.payment_fee": "9"}, at="2026-11-25T09:00:00Z")
    newer = submit(subs, "bob-2.json", bank, "bob", {"ch03.payment_fee": "7.3"}, at="2026-11-25T11:00:00Z")
    foreign = submit(subs, "carol.json", bank, "carol", {"ch03.payment_fee": "7.3"}, bank_hash="0" * 64)
    unknown = submit(subs, "dan.json", bank, "dan", {}, quiz_id="ch99")
    extra = submit(subs, "erin.json", bank, "erin", {"ch03.payment_fee": "7.3", "ch03.no_such": "x"})
    (subs / "broken.json").write_text("{not json", encoding="utf-8")
    (subs / "other.json").write_text(json.dumps({"format": "something-else"}), encoding="utf-8")
    (subs / "nolearner.json").write_text(json.dumps({"format": "xbedu-submission/1", "quiz_id": "ch03", "bank_hash": bank.hash, "responses": {}}), encoding="utf-8")
    run = grade_submissions([subs], [bank])
    problems = {p.file.split("/")[-1]: p.render("en") for p in run.problems}
    assert "not valid JSON" in problems["broken.json"]
    assert "format is 'something-else'" in problems["other.json"]
    assert "missing learner_id" in problems["nolearner.json"]
    assert "another version of bank ch03" in problems["carol.json"]
    assert "no key for quiz ch99" in problems["dan.json"]
    assert "another submission of bob for ch03" in problems["bob-1.json"] and "bob-2.json" in problems["bob-1.json"]
    assert "question ch03.no_such is not in the key" in problems["erin.json"]
    scores = {r.learner_id: r for r in run.rows}
    assert set(scores) == {"alice", "bob", "erin"}
    assert scores["alice"].total == 2 and scores["bob"].scores["ch03.payment_fee"] == 1 and scores["bob"].file == str(newer)
    assert good and older and foreign and unknown and extra


def test_computed_questions_are_graded_with_the_submission_seed(tmp_path):
    bank = load_bank(default_banks_dir() / "ch03.yaml")
    q = bank.question("ch03.chargeable_weight")
    subs = tmp_path / "subs"
    subs.mkdir()
    mine = instantiate(q, seed_for("alice", q.id))
    submit(subs, "alice.json", bank, "alice", {q.id: f"{mine.answer} kg"})
    other = instantiate(q, 12345)
    sub = submit(subs, "bob.json", bank, "bob", {})
    data = json.loads(sub.read_text())
    data["responses"][q.id] = {"response": str(other.answer), "answered_at": "t", "seed": 12345}
    sub.write_text(json.dumps(data))
    run = grade_submissions([subs], [bank])
    assert {r.learner_id: r.scores[q.id] for r in run.rows} == {"alice": 2.0, "bob": 2.0}


def test_cli_grade_writes_both_csv_files(tmp_path):
    bank = load_bank(default_banks_dir() / "ch02.yaml")
    subs = tmp_path / "subs"
    subs.mkdir()
    submit(subs, "a.json", bank, "李雷", {"ch02.c2c_company": False, "ch02.b2b_settlement": "card_checkout"})
    (subs / "junk.json").write_text("[]", encoding="utf-8")
    out = tmp_path / "gradebook.csv"
    result = subprocess.run([sys.executable, "-m", "xbedu.cli", "quiz", "grade", str(subs), "--key", str(default_banks_dir()),
                             "--out", str(out), "--lang", "zh"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "junk.json: 不是可读取的提交文件" in result.stderr
    assert "已评分 1 份提交" in result.stdout
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["learner_id"] == "李雷" and rows[0]["ch02.c2c_company"] == "1" and rows[0]["ch02.b2b_settlement"] == "0"
    assert rows[0]["total"] == "1" and rows[0]["max"] == str(int(bank.max_points))
    items = list(csv.DictReader((tmp_path / "gradebook-items.csv").open(encoding="utf-8")))
    assert {i["question_id"] for i in items} == {q.id for q in bank.questions}
    assert next(i for i in items if i["question_id"] == "ch02.b2b_settlement")["distractors"] == "lc_tt=0; card_checkout=1; cash_on_delivery=0"


def test_grading_path_stays_off_heavy_imports(tmp_path):
    bank = tiny_bank(tmp_path)
    submit(tmp_path, "s.json", bank, "s", {"t.q1": "a"})
    code = ("import sys; from xbedu.cli import main; "
            f"main(['quiz', 'grade', {str(tmp_path / 's.json')!r}, '--key', {str(tmp_path / 't.yaml')!r}, '--out', {str(tmp_path / 'g.csv')!r}]); "
            "print(sorted(m for m in ('nbformat', 'jsonschema', 'pandas', 'ipywidgets', 'altair') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    assert out == "[]"
