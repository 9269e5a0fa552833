"""The progress store: one transaction per attempt, survives SIGKILL, never overwrites a corrupt file."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from xbedu.quiz.bank import load_banks
from xbedu.quiz.dashboard import progress_report
from xbedu.quiz.progress import Attempt, ProgressStore, default_path, summarize


def attempt(n, **kw):
    base = dict(learner_id="alice", quiz_id="ch03", bank_hash="h", question_id=f"ch03.q{n}", response=["a", n], status="correct",
                score=1.0, max_score=1.0, at=f"2026-11-25T10:00:{n:02d}Z")
    base.update(kw)
    return Attempt(**base)


def test_default_path_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("XBEDU_PROGRESS_DB", str(tmp_path / "x.sqlite3"))
    assert default_path() == tmp_path / "x.sqlite3"
    monkeypatch.delenv("XBEDU_PROGRESS_DB")
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jd"))
    assert default_path() == tmp_path / "jd" / "xbedu" / "progress.sqlite3"


def test_record_and_read_back(tmp_path):
    store = ProgressStore(tmp_path / "p.sqlite3")
    store.record(attempt(1))
    store.record(attempt(2, learner_id="bob", response={"x": "1"}, score=None, status="saved"))
    store.close()
    again = ProgressStore(tmp_path / "p.sqlite3")
    assert again.notice is None
    assert [a.response for a in again.attempts()] == [["a", 1], {"x": "1"}]
    assert again.attempts("bob")[0].score is None and again.learners() == ["alice", "bob"]
    assert set(again.latest("alice", "ch03")) == {"ch03.q1"}
    again.close()


def test_a_killed_writer_loses_at_most_the_attempt_in_flight(tmp_path):
    db = tmp_path / "p.sqlite3"
    child = textwrap.dedent(f"""
        import sys
        from xbedu.quiz.progress import Attempt, ProgressStore
        store = ProgressStore({str(db)!r})
        n = 0
        while True:
            store.record(Attempt("alice", "ch03", "h", f"ch03.q{{n}}", {{"n": n, "pad": "x" * 2000}}, "correct", 1.0, 1.0, at="t"))
            print(n, flush=True)   # attempt n is committed
            n += 1
    """)
    proc = subprocess.Popen([sys.executable, "-c", child], stdout=subprocess.PIPE, text=True)
    committed = -1
    for line in proc.stdout:
        committed = int(line)
        if committed >= 40:
            break
    os.kill(proc.pid, signal.SIGKILL)  # killed while it is writing more attempts
    proc.wait()
    proc.stdout.close()
    store = ProgressStore(db)
    assert store.notice is None  # not corrupt
    numbers = [a.response["n"] for a in store.attempts()]
    assert numbers[: committed + 1] == list(range(committed + 1))  # every committed attempt is there, in order
    assert len(numbers) <= committed + 2 + 5  # at most the ones written after the last report, none half-written
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()


def test_a_corrupt_store_is_reported_and_moved_aside(tmp_path):
    db = tmp_path / "progress.sqlite3"
    garbage = b"this is not a database\x00\xff" * 100
    db.write_bytes(garbage)
    with pytest.warns(RuntimeWarning, match="damaged"):
        store = ProgressStore(db)
    moved = tmp_path / "progress.sqlite3.corrupt-1"
    assert moved.read_bytes() == garbage  # kept, byte for byte
    assert store.notice.key == "quiz.progress.corrupt"
    assert "progress.sqlite3.corrupt-1" in store.notice.render("zh") and "已损坏" in store.notice.render("zh")
    store.record(attempt(1))
    assert len(store.attempts()) == 1
    store.close()
    db.write_bytes(garbage)
    with pytest.warns(RuntimeWarning):
        ProgressStore(db).close()
    assert (tmp_path / "progress.sqlite3.corrupt-2").exists() and moved.read_bytes() == garbage  # never overwritten


def test_memory_fallback_as_in_jupyterlite(monkeypatch):
    monkeypatch.setattr(sys, "platform", "emscripten")
    store = ProgressStore()
    assert store.memory and store.path is None and store.notice.key == "quiz.progress.memory"
    store.record(attempt(1))
    assert len(store.attempts()) == 1


def test_summary_across_chapters(tmp_path):
    banks = load_banks()
    store = ProgressStore(tmp_path / "p.sqlite3")
    store.record(attempt(1, question_id="ch03.payment_fee", score=0.0, status="wrong"))
    store.record(attempt(2, question_id="ch03.payment_fee", score=1.0))
    store.record(attempt(3, question_id="ch03.eight_steps", score=2.0, max_score=4.0, status="partial"))
    rows = {r.quiz_id: r for r in summarize(store, banks, "alice")}
    ch03 = next(b for b in banks if b.quiz_id == "ch03")
    # best per question: payment_fee 1, eight_steps 2 → 3 points
    assert (rows["ch03"].answered, rows["ch03"].attempts, rows["ch03"].best_score, rows["ch03"].max_score) == (2, 3, 3.0, ch03.max_points)
    assert rows["ch01"].answered == 0
    report = progress_report("en", learner="alice", banks=banks, store=store)
    assert f"ch03: 2/{len(ch03.questions)} answered, best 3/{int(ch03.max_points)}" in repr(report)
    table = report.table()
    assert list(table.columns)[:3] == ["Quiz", "Answered", "Questions"] and len(table) == 6
    chart = report.chart().to_dict()
    assert chart["title"] == "Best score per chapter quiz (share of points)"
    store.close()


def test_cli_progress_summary_and_submission(tmp_path):
    import json

    from xbedu.quiz.bank import default_banks_dir, load_bank

    db = tmp_path / "p.sqlite3"
    bank = load_bank(default_banks_dir() / "ch03.yaml")
    store = ProgressStore(db)
    store.record(attempt(1, learner_id="li", question_id="ch03.payment_fee", response="7.3", bank_hash=bank.hash))
    store.record(attempt(2, learner_id="li", question_id="ch03.payment_fee", response="7.30 USD", bank_hash=bank.hash))
    store.close()
    exe = [sys.executable, "-m", "xbedu.cli", "quiz", "progress", "--db", str(db), "--learner", "li"]
    shown = subprocess.run([*exe, "--lang", "zh"], capture_output=True, text=True, check=True).stdout
    assert f"ch03：已答 1/{len(bank.questions)} 题，最好成绩 1/{int(bank.max_points)}" in shown
    out = tmp_path / "sub.json"
    subprocess.run([*exe, "--submission", "ch03", "--out", str(out)], capture_output=True, text=True, check=True)
    sub = json.loads(out.read_text(encoding="utf-8"))
    assert sub["learner_id"] == "li" and sub["bank_hash"] == bank.hash
    assert sub["responses"]["ch03.payment_fee"]["response"] == "7.30 USD"  # the latest attempt
