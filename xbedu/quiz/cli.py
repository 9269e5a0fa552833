"""``xbedu quiz lint|release|grade|export|progress``: the classroom side of the quizzes.

Kept light at import (the top-level CLI imports it to build its parser); each command
imports what it needs. ``grade`` stays off nbformat, jsonschema and pandas.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

__all__ = ["register"]


def _lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the messages (and of the export)")


def register(subparsers: Any) -> None:
    """Add the ``quiz`` command and its sub-commands to the ``xbedu`` parser."""
    quiz = subparsers.add_parser("quiz", help="quiz banks: lint, release, grade, export, progress")
    sub = quiz.add_subparsers(dest="quiz_command", metavar="QUIZ_COMMAND")
    quiz.set_defaults(func=lambda _args: (quiz.print_help(), 2)[1])

    p = sub.add_parser("lint", help="check banks: schema, both languages, ids, keys, tolerances, computed answers")
    p.add_argument("banks", nargs="*", help="bank files or folders (default: quizzes/banks)")
    _lang(p)
    p.set_defaults(func=_lint)

    p = sub.add_parser("release", help="write a student copy of banks and quiz notebooks without a plain-text key")
    p.add_argument("--out", required=True, help="folder to write (banks/, en/, zh/)")
    p.add_argument("--mode", choices=("exam", "practice"), default="exam", help="exam: keys removed; practice: keys as salted hashes")
    p.add_argument("--banks", help="folder of instructor banks (default: quizzes/banks)")
    p.add_argument("--notebooks", help="folder holding en/ and zh/ quiz notebooks (default: the banks folder's parent)")
    p.add_argument("--salt", help="make the practice hashes reproducible with this secret (default: random)")
    _lang(p)
    p.set_defaults(func=_release)

    p = sub.add_parser("grade", help="grade submission files into a gradebook CSV and an item analysis CSV")
    p.add_argument("submissions", nargs="+", help="submission files or folders")
    p.add_argument("--key", nargs="+", required=True, help="instructor bank files or folders")
    p.add_argument("--out", required=True, help="gradebook CSV to write")
    p.add_argument("--items", help="item analysis CSV to write (default: <out>-items.csv)")
    _lang(p)
    p.set_defaults(func=_grade)

    p = sub.add_parser("export", help="export banks to Moodle XML, QTI 2.1 or CSV")
    p.add_argument("banks", nargs="*", help="bank files or folders (default: quizzes/banks)")
    p.add_argument("--format", dest="fmt", choices=("moodle", "qti", "csv"), required=True)
    p.add_argument("--out", help="file to write (default: xbedu-quiz-<lang>.xml|.zip|.csv)")
    _lang(p)
    p.set_defaults(func=_export)

    p = sub.add_parser("progress", help="show a learner's progress, or export it as a submission")
    p.add_argument("--learner", help="learner id (default: $XBEDU_LEARNER or 'learner')")
    p.add_argument("--db", help="progress file (default: $XBEDU_PROGRESS_DB or the Jupyter data dir)")
    p.add_argument("--submission", metavar="QUIZ_ID", help="write this quiz's latest answers as a submission file")
    p.add_argument("--out", help="submission file to write (with --submission)")
    p.add_argument("--banks", nargs="*", help="bank files or folders (default: quizzes/banks)")
    _lang(p)
    p.set_defaults(func=_progress)


def _lint(args: argparse.Namespace) -> int:
    from ..i18n import t
    from .lint import lint_paths

    banks, questions, problems = lint_paths(args.banks or None)
    for problem in problems:
        print(problem.render(args.lang), file=sys.stderr)
    if problems:
        print(t("quiz.lint.count", args.lang, count=len(problems)), file=sys.stderr)
        return 1
    print(t("quiz.lint.ok", args.lang, banks=banks, questions=questions))
    return 0


def _release(args: argparse.Namespace) -> int:
    from ..i18n import t
    from .release import release

    banks, notebooks = release(args.out, mode=args.mode, banks_dir=args.banks, notebooks_dir=args.notebooks, salt=args.salt)
    print(t("quiz.release.done", args.lang, mode=args.mode, out=args.out, banks=banks, notebooks=notebooks))
    return 0


def _grade(args: argparse.Namespace) -> int:
    from ..i18n import t
    from .bank import load_banks
    from .gradebook import grade_submissions, write_gradebook, write_item_analysis

    run = grade_submissions(args.submissions, load_banks(args.key))
    out = Path(args.out)
    items = Path(args.items) if args.items else out.with_name(out.stem + "-items.csv")
    write_gradebook(run, out)
    write_item_analysis(run, items)
    for problem in run.problems:
        print(problem.render(args.lang), file=sys.stderr)
    print(t("quiz.grade.done", args.lang, graded=len(run.rows), learners=len(run.learners()), problems=len(run.problems),
            out=out, items=items))
    return 0


def _export(args: argparse.Namespace) -> int:
    from ..i18n import t
    from .bank import load_banks
    from .export import export_banks

    banks = load_banks(args.banks or None)
    suffix = {"moodle": "xml", "qti": "zip", "csv": "csv"}[args.fmt]
    out = export_banks(banks, args.fmt, args.lang, args.out or f"xbedu-quiz-{args.lang}.{suffix}")
    print(t("quiz.export.written", args.lang, count=sum(len(b.questions) for b in banks), out=out))
    return 0


def _progress(args: argparse.Namespace) -> int:
    import os

    from ..i18n import t
    from .bank import load_banks
    from .dashboard import progress_report
    from .progress import ProgressStore
    from .submission import submission_from_attempts, write_submission

    learner = args.learner or os.environ.get("XBEDU_LEARNER") or "learner"
    store = ProgressStore(args.db) if args.db else ProgressStore()
    try:
        if store.notice:
            print(store.notice.render(args.lang), file=sys.stderr)
        banks = load_banks(args.banks or None)
        if args.submission:
            bank = next((b for b in banks if b.quiz_id == args.submission), None)
            if bank is None:
                print(t("quiz.grade.unknown_quiz", args.lang, quiz=args.submission), file=sys.stderr)
                return 1
            sub = submission_from_attempts(learner, bank, store.latest(learner, bank.quiz_id))
            path = write_submission(sub, args.out or f"{bank.quiz_id}-{learner}-submission.json")
            print(t("quiz.export.done", args.lang, path=path))
            return 0
        print(repr(progress_report(args.lang, learner=learner, banks=banks, store=store)))
        return 0
    finally:
        store.close()
