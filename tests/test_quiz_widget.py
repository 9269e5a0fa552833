"""The quiz widget: driven through its controls like a learner would, checked through what it shows."""

import pytest

from xbedu.quiz.bank import default_banks_dir, load_bank, question_from_dict, Bank
from xbedu.quiz.progress import ProgressStore
from xbedu.quiz.widget import Quiz

BANKS = default_banks_dir()


@pytest.fixture(autouse=True)
def no_autosolve(monkeypatch):
    """The test session turns autosolve on for notebooks; these tests answer by hand."""
    monkeypatch.delenv("XBEDU_QUIZ_AUTOSOLVE", raising=False)


@pytest.fixture()
def store(tmp_path):
    s = ProgressStore(tmp_path / "progress.sqlite3")
    yield s
    s.close()


def ch03(store, **kw):
    return Quiz.from_bank(BANKS / "ch03.yaml", lang=kw.pop("lang", "en"), store=store, learner="alice", **kw)


def card(quiz, qid):
    return next(c for c in quiz.cards if c.question.id == qid)


def test_single_choice_radio_and_check_button(store):
    quiz = Quiz.from_bank(BANKS / "ch01.yaml", lang="en", store=store, learner="alice")
    c = card(quiz, "ch01.definition")
    radio = c.controls[0]
    assert radio.__class__.__name__ == "RadioButtons" and radio.value is None
    radio.value = "trade_fair"
    c.check_button.click()
    assert c.result.status == "wrong" and c.result.score == 0
    assert "✗ Not quite" in c.feedback.value and 'role="status"' in c.feedback.value and 'aria-live="polite"' in c.feedback.value
    assert "traditional trade" in c.feedback.value  # the picked choice's own feedback
    assert "Why:" not in c.feedback.value            # no explanation before a right answer
    assert not c.retry_button.disabled
    c.retry_button.click()
    assert radio.value is None
    radio.value = "platform_abroad"
    c.check_button.click()
    assert c.result.correct and "✓ Correct." in c.feedback.value and "Why:" in c.feedback.value
    assert [a.status for a in store.attempts("alice", "ch01")] == ["wrong", "correct"]


def test_multiple_choice_checkboxes_partial_credit(store):
    quiz = Quiz.from_bank(BANKS / "ch01.yaml", lang="zh", store=store, learner="alice")
    c = card(quiz, "ch01.six_features")
    boxes = dict(zip([ch.id for ch in c.question.choices], c.controls))
    boxes["crosses_borders"].value = True
    boxes["online_deal"].value = True
    boxes["shop_abroad"].value = True
    c.check_button.click()
    # 2 points × (2 right − 1 wrong) / 4 right choices = 0.5
    assert c.result.score == 0.5 and c.result.status == "partial"
    assert "◐ 部分正确：得 0.5 分（满分 2 分）。" in c.feedback.value


def test_numeric_text_box_unreadable_then_right(store):
    quiz = ch03(store)
    c = card(quiz, "ch03.payment_fee")
    c.controls[0].value = "seven point three"
    c.check_button.click()
    assert c.result.status == "unreadable" and "Could not read this as a number" in c.feedback.value
    assert c.attempts == 0  # an unreadable answer does not use up a try
    c.controls[0].value = "７．３ USD"
    c.check_button.click()
    assert c.result.correct and c.attempts == 1


def test_ordering_and_matching_dropdowns(store):
    quiz = ch03(store)
    order = card(quiz, "ch03.eight_steps")
    right = ["market_research", "onboarding", "listing", "marketing", "order_processing", "logistics", "settlement", "after_sales"]
    swapped = right[:6] + [right[7], right[6]]
    for dropdown, item in zip(order.controls, swapped):
        dropdown.value = item
    order.check_button.click()
    assert order.result.score == 3.0  # 6 of 8 steps in place: 4 points × 6/8
    match = card(quiz, "ch03.transit_times")
    values = {"express": "d3_7", "dedicated_line": "d7_15", "postal": "d1_3", "overseas_warehouse": "d1_3"}
    for left, dropdown in zip(match.question.left, match.controls):
        dropdown.value = values[left.id]
    match.check_button.click()
    assert match.result.score == 3.0 and match.result.parts == (True, True, False, True)  # 4 × 3/4


def test_tiered_hints_one_at_a_time(store):
    quiz = ch03(store, lang="zh")
    c = card(quiz, "ch03.eight_steps")
    assert c.hint_button.description == "查看提示（第 1 条，共 2 条）" and c.hints.value == ""
    c.hint_button.click()
    assert "提示 1：" in c.hints.value and "提示 2：" not in c.hints.value
    c.hint_button.click()
    assert "提示 2：" in c.hints.value and c.hint_button.disabled
    c.controls[0].value = "market_research"
    c.check_button.click()
    assert store.attempts("alice", "ch03")[-1].hints_used == 2


def test_computed_question_shows_the_learners_numbers(store):
    quiz = ch03(store)
    c = card(quiz, "ch03.chargeable_weight")
    v = c.question.values
    assert f"{v['weight_kg']} kg" in c.prompt.value and "{" not in c.prompt.value
    c.controls[0].value = str(c.question.answer)
    c.check_button.click()
    assert c.result.correct
    assert store.attempts("alice", "ch03")[-1].seed == quiz.seeds["ch03.chargeable_weight"]


def test_exam_mode_saves_without_feedback(store):
    quiz = ch03(store, mode="exam")
    c = card(quiz, "ch03.customs_documents")
    assert c.check_button.description == "Save answer"
    c.controls[0].value = "reviews"
    c.check_button.click()
    assert c.result is None and "Answer saved" in c.feedback.value and "Not quite" not in c.feedback.value
    saved = store.attempts("alice", "ch03")[-1]
    assert saved.status == "saved" and saved.score is None and saved.response == "reviews"
    assert repr(quiz.summary()) == f"Quiz ch03: 1/{len(quiz.cards)} answers saved."


def test_bank_text_is_escaped(tmp_path):
    evil = "<script>alert('x')</script>"
    raw = {"quiz_id": "t", "title": {"en": evil, "zh": evil}, "questions": [{
        "id": "t.q", "type": "single", "points": 1, "tag": "ch1.definition", "difficulty": "easy",
        "prompt": {"en": f"Pick {evil} & go", "zh": evil}, "answer": "a",
        "choices": [{"id": "a", "text": {"en": evil, "zh": evil}}, {"id": "b", "text": {"en": "b", "zh": "b"}, "feedback": {"en": evil, "zh": evil}}],
        "explanation": {"en": evil, "zh": evil}, "hints": [{"en": evil, "zh": evil}]}]}
    bank = Bank("t", 0, 1, raw["title"], (question_from_dict(raw["questions"][0]),), "t.yaml", "h", raw)
    quiz = Quiz(bank, lang="en", store=False)
    c = quiz.cards[0]
    c.controls[0].value = "b"
    c.check_button.click()
    c.hint_button.click()
    shown = [c.prompt.value, c.feedback.value, c.hints.value, quiz.box.children[0].value]
    assert all("<script>" not in html for html in shown)
    assert "Pick &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; go" in c.prompt.value
    assert "&lt;script&gt;" in c.feedback.value and "&lt;script&gt;" in c.hints.value
    # choice labels go to RadioButtons as plain text (ipywidgets renders option labels as text)
    assert c.controls[0]._options_labels[0] == evil and not getattr(c.controls[0], "description_allow_html", False)


def test_autosolve_uses_the_controls_and_writes_no_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("XBEDU_PROGRESS_DB", str(tmp_path / "p.sqlite3"))
    monkeypatch.setenv("XBEDU_QUIZ_AUTOSOLVE", "1")
    quiz = Quiz.from_bank(BANKS / "ch03.yaml", lang="en")
    assert all(c.result.correct for c in quiz.cards)
    assert card(quiz, "ch03.eight_steps").controls[0].value == "market_research"
    n, points = len(quiz.cards), int(load_bank(BANKS / "ch03.yaml").max_points)
    assert repr(quiz.summary()) == f"Quiz ch03: {n}/{n} questions answered, {n} fully right, score {points}/{points}."
    assert not (tmp_path / "p.sqlite3").exists()


def test_summary_and_text_repr_are_deterministic(store):
    a = Quiz.from_bank(BANKS / "ch02.yaml", lang="zh", store=False, autosolve=True)
    b = Quiz.from_bank(BANKS / "ch02.yaml", lang="zh", store=False, autosolve=True)
    n, points = len(a.cards), int(a.bank.max_points)
    assert repr(a.summary()) == repr(b.summary()) == f"测验 ch02：已答 {n}/{n} 题，全对 {n} 题，得分 {points}/{points}。"
    bundle = a._repr_mimebundle_()
    assert bundle["text/plain"] == f"测验 ch02：共 {n} 题，满分 {points} 分。"
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_subset_by_id_or_tag(store):
    quiz = ch03(store, questions=["ch3.payments", "ch03.eight_steps"])
    expected = [q.id for q in load_bank(BANKS / "ch03.yaml").questions if q.tag == "ch3.payments" or q.id == "ch03.eight_steps"]
    assert [c.question.id for c in quiz.cards] == expected and "ch03.payment_fee" in expected and len(expected) >= 3


def test_an_unknown_question_id_is_an_error_not_a_shorter_quiz(store):
    from xbedu.errors import InputError

    with pytest.raises(InputError) as info:
        ch03(store, questions=["ch03.eight_steps", "ch03.no_such_question"])
    assert "ch03.no_such_question" in info.value.message("en") and "ch03.eight_steps" in info.value.message("zh")


def test_export_submission_button(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    quiz = ch03(store)
    c = card(quiz, "ch03.customs_documents")
    c.controls[0].value = "invoice_packing"
    c.check_button.click()
    quiz.learner_box.value = ""
    quiz.export_button.click()
    assert "Please type your name" in quiz.export_status.value
    quiz.learner_box.value = "alice"
    quiz.export_button.click()
    path = tmp_path / "ch03-alice-submission.json"
    assert path.exists() and "ch03-alice-submission.json" in quiz.export_status.value
    import json
    sub = json.loads(path.read_text(encoding="utf-8"))
    assert sub["responses"]["ch03.customs_documents"]["response"] == "invoice_packing"
    assert sub["bank_hash"] == load_bank(BANKS / "ch03.yaml").hash
