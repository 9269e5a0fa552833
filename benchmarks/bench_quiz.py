"""Quiz engine benchmarks: print numbers, assert nothing.

1. `xbedu quiz grade` on a generated class (300 learners × 30 questions) as a fresh
   subprocess, start-up included (target: under 1 s wall).
2. For comparison, one notebook executed with nbclient (what nbgrader/otter do per submission).
3. Widget render time for a 10-question quiz.

Run: .venv/bin/python benchmarks/bench_quiz.py [--learners 300] [--questions 30]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from xbedu.quiz.bank import load_bank  # noqa: E402
from xbedu.quiz.computed import instantiate, seed_for  # noqa: E402
from xbedu.quiz.numbers import format_number  # noqa: E402


def make_bank(folder: Path, n_questions: int) -> Path:
    """Build one bank of n questions by cycling through the shipped banks' questions (ids renamed)."""
    source = [q for n in range(1, 7) for q in yaml.safe_load((ROOT / f"quizzes/banks/ch0{n}.yaml").read_text(encoding="utf-8"))["questions"]]
    questions = []
    for i in range(n_questions):
        q = dict(source[i % len(source)])
        q["id"] = f"bench.q{i:02d}"
        questions.append(q)
    raw = {"quiz_id": "bench", "chapter": 0, "version": 1, "title": {"en": "Benchmark", "zh": "基准"}, "questions": questions}
    path = folder / "bench.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def answer(q, rng: random.Random, learner: str):
    """A plausible response: right about 70 % of the time, else something wrong."""
    right = rng.random() < 0.7
    if q.type == "computed":
        q = instantiate(q, seed_for(learner, q.id))
    if q.type == "single":
        return q.answer if right else rng.choice([c.id for c in q.choices])
    if q.type == "multiple":
        return list(q.answer) if right else rng.sample([c.id for c in q.choices], 2)
    if q.type == "true_false":
        return q.answer if right else not q.answer
    if q.type in ("numeric", "computed"):
        return format_number(q.answer * (1 if right else 1.3), 4) + " " + (q.unit["en"] if q.unit else "")
    if q.type == "ordering":
        return list(q.answer) if right else rng.sample(list(q.answer), len(q.answer))
    return dict(q.answer) if right else {k: rng.choice([r.id for r in q.right]) for k in q.answer}


def make_class(folder: Path, bank_path: Path, learners: int) -> Path:
    bank = load_bank(bank_path)
    subs = folder / "submissions"
    subs.mkdir()
    rng = random.Random(7)
    for n in range(learners):
        learner = f"s{n:04d}"
        responses = {q.id: {"response": answer(q, rng, learner), "answered_at": "2026-11-25T10:00:00Z"} for q in bank.questions}
        sub = {"format": "xbedu-submission/1", "learner_id": learner, "quiz_id": "bench", "bank_hash": bank.hash, "mode": "exam",
               "started_at": "2026-11-25T09:00:00Z", "submitted_at": "2026-11-25T10:00:00Z", "responses": responses}
        (subs / f"{learner}.json").write_text(json.dumps(sub), encoding="utf-8")
    return subs


def bench_grade(folder: Path, bank_path: Path, subs: Path, runs: int = 3) -> tuple[list[float], list[float]]:
    """Return wall and CPU (user + sys of the child) seconds of each fresh `xbedu quiz grade` run."""
    import resource

    exe = Path(sys.executable).parent / "xbedu"
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([str(exe), "quiz", "grade", str(subs), "--key", str(bank_path), "--out", str(folder / "gradebook.csv")],
                       check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return walls, cpus


def bench_nbclient(folder: Path) -> float | None:
    try:
        import nbformat
        from nbclient import NotebookClient
    except ImportError:
        return None
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("answers = {'q1': 'b', 'q2': 7.3}\nscore = sum([answers['q1'] == 'b', abs(answers['q2'] - 7.3) < 0.01])\nscore")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    start = time.perf_counter()
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    return time.perf_counter() - start


def bench_widget(bank_path: Path) -> float:
    from xbedu.quiz.widget import Quiz

    bank = load_bank(bank_path)
    ids = [q.id for q in bank.questions[:10]]
    Quiz(bank, lang="en", questions=ids[:1], store=False)  # import ipywidgets outside the timing
    start = time.perf_counter()
    for _ in range(5):
        quiz = Quiz(bank, lang="en", questions=ids, store=False)
        quiz._repr_mimebundle_()
    return (time.perf_counter() - start) / 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, default=300)
    parser.add_argument("--questions", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bank_path = make_bank(folder, args.questions)
        subs = make_class(folder, bank_path, args.learners)
        times, cpus = bench_grade(folder, bank_path, subs)
        n = args.learners * args.questions
        print(f"xbedu quiz grade, {args.learners} learners x {args.questions} questions ({n} responses), fresh process:")
        print(f"  wall {min(times):.3f} s best, {sum(times) / len(times):.3f} s mean of {len(times)}; "
              f"{n / min(times):,.0f} responses/s including start-up")
        print(f"  CPU (user+sys) {min(cpus):.3f} s best; load average now {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} cores (wall > CPU means waiting for a core)")
        nb = bench_nbclient(folder)
        if nb is not None:
            print(f"one notebook executed with nbclient (kernel start + run): {nb:.2f} s "
                  f"-> about {nb * args.learners / 60:.1f} min for {args.learners} submissions re-executed one by one")
        print(f"widget render, 10-question quiz: {bench_widget(bank_path) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
