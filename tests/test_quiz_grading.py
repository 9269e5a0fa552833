"""One pure grade(): every type, the partial-credit rules, 'unreadable' apart from 'wrong', hashed keys."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xbedu.quiz.bank import Choice, Question, Tolerance, load_banks
from xbedu.quiz.grading import GradingError, grade
from xbedu.quiz.release import release_bank
from xbedu.quiz.bank import question_from_dict

T = {"en": "?", "zh": "？"}


def q(qtype, **kw):
    return Question(f"t.{qtype}", qtype, kw.pop("points", 1), "ch3.steps", "easy", T, **kw)


def opts(*ids):
    return tuple(Choice(i, {"en": i, "zh": i}) for i in ids)


def test_single_choice():
    s = q("single", choices=opts("a", "b", "c"), answer="b")
    assert grade(s, "b").score == 1 and grade(s, "b").status == "correct"
    assert grade(s, "a").status == "wrong" and grade(s, "a").score == 0
    assert grade(s, None).status == "unanswered"
    assert grade(s, ["b"]).status == "invalid"


def test_true_false_accepts_bool_or_text():
    tf = q("true_false", answer=False)
    assert grade(tf, False).correct and grade(tf, "false").correct
    assert not grade(tf, True).correct


def test_multiple_partial_rule():
    # 4 points, right choices a, b, c (3 of them); rule: points × max(0, (right picks − wrong picks) / 3)
    m = q("multiple", points=4, choices=opts("a", "b", "c", "d", "e"), answer=["a", "b", "c"], scoring="partial")
    assert grade(m, ["a", "b", "c"]).score == 4
    assert grade(m, ["a", "b"]).score == round(4 * 2 / 3, 4)           # 2.6667
    assert grade(m, ["a", "b", "d"]).score == round(4 * (2 - 1) / 3, 4)  # 1.3333
    assert grade(m, ["a", "d", "e"]).score == 0                          # 1 − 2 < 0 → 0
    r = grade(m, ["a", "d"])
    assert r.parts == (True, False, False, False, True)   # per choice: picked == should be picked
    assert r.status == "wrong" and r.score == 0             # (1 right − 1 wrong) / 3 = 0


def test_multiple_all_or_nothing():
    m = q("multiple", points=2, choices=opts("a", "b", "c"), answer=["a", "b"], scoring="all_or_nothing")
    assert grade(m, ["b", "a"]).score == 2
    assert grade(m, ["a"]).score == 0


def test_numeric_tolerance_units_and_unreadable():
    n = q("numeric", points=2, answer=7.3, tolerance=Tolerance(abs=0.01))
    assert grade(n, "7.3").score == 2
    assert grade(n, "７．３０ 美元").score == 2
    assert grade(n, "$7.31").correct            # |7.31 − 7.3| = 0.01 ≤ 0.01
    assert grade(n, "7.32").status == "wrong"   # 0.02 > 0.01
    r = grade(n, "seven")
    assert r.status == "unreadable" and r.feedback_key == "quiz.feedback.unreadable" and r.status != "wrong"
    rel = q("numeric", answer=200.0, tolerance=Tolerance(rel=0.01))
    assert grade(rel, "202").correct and not grade(rel, "202.5").correct  # 1 % of 200 = 2


def test_ordering_partial_is_share_of_right_places():
    o = q("ordering", points=4, items=opts("c", "a", "d", "b"), answer=["a", "b", "c", "d"], scoring="partial")
    assert grade(o, ["a", "b", "c", "d"]).score == 4
    assert grade(o, ["a", "b", "d", "c"]).score == 2          # 2 of 4 places → 4 × 2/4
    assert grade(o, ["a", None, None, None]).score == 1
    strict = q("ordering", points=4, items=opts("a", "b"), answer=["a", "b"])
    assert grade(strict, ["b", "a"]).score == 0 and grade(strict, ["a", "b", "a"]).score == 0


def test_matching_partial_per_pair():
    m = q("matching", points=3, left=opts("x", "y", "z"), right=opts("1", "2", "3"), answer={"x": "1", "y": "2", "z": "3"}, scoring="partial")
    assert grade(m, {"x": "1", "y": "2", "z": "3"}).score == 3
    assert grade(m, {"x": "1", "y": "3", "z": "2"}).score == 1   # one right pair of three
    assert grade(m, {"x": "1"}).parts == (True, False, False)
    assert grade(m, "x=1").status == "invalid"


def test_no_key_and_undrawn_computed_are_errors():
    with pytest.raises(GradingError):
        grade(q("single", choices=opts("a", "b")), "a")
    with pytest.raises(GradingError, match="drawn"):
        grade(q("computed", function="chargeable_weight", answer=None), "1")


def test_feedback_is_words_and_symbols_in_both_languages():
    s = q("single", choices=opts("a", "b"), answer="a")
    assert grade(s, "a").feedback("en").startswith("✓") and "Correct" in grade(s, "a").feedback("en")
    assert grade(s, "b").feedback("zh").startswith("✗")


_CACHE = []


def _instructor_questions():
    if not _CACHE:
        _CACHE.extend(q for bank in load_banks() for q in bank.questions if q.type != "computed")
    return _CACHE


@settings(deadline=None, max_examples=80)
@given(st.data())
def test_hashed_practice_key_grades_like_the_plain_key(data):
    plain = data.draw(st.sampled_from(_instructor_questions()))
    raw = {"quiz_id": "x", "questions": [_raw(plain)]}
    hashed = question_from_dict(release_bank(raw, "practice", salt="pepper")["questions"][0])
    assert hashed.answer is None and hashed.key is not None
    response = data.draw(_responses(plain))
    a, b = grade(plain, response), grade(hashed, response)
    if plain.type == "numeric":
        # buckets a quarter of the tolerance wide: inside the tolerance always accepted
        if a.correct:
            assert b.correct
    else:
        assert (a.score, a.status, a.parts) == (b.score, b.status, b.parts)


def _raw(question):
    import dataclasses
    d = {f.name: getattr(question, f.name) for f in dataclasses.fields(question)}
    out = {k: d[k] for k in ("id", "type", "points", "tag", "difficulty", "prompt", "answer", "scoring")}
    for name in ("choices", "items", "left", "right"):
        if d[name]:
            out[name] = [{"id": c.id, "text": c.text} for c in d[name]]
    if question.tolerance:
        out["tolerance"] = {k: v for k, v in (("abs", question.tolerance.abs), ("rel", question.tolerance.rel)) if v is not None}
    return out


def _responses(question):
    if question.type == "single":
        return st.sampled_from([c.id for c in question.choices])
    if question.type == "true_false":
        return st.booleans()
    if question.type == "multiple":
        return st.lists(st.sampled_from([c.id for c in question.choices]), unique=True)
    if question.type == "ordering":
        return st.permutations([i.id for i in question.items])
    if question.type == "matching":
        return st.fixed_dictionaries({left.id: st.sampled_from([r.id for r in question.right]) for left in question.left})
    width = question.tolerance.width(question.answer)
    return st.floats(min_value=question.answer - 3 * width, max_value=question.answer + 3 * width)
