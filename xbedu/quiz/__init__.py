"""Auto-graded quizzes: bilingual YAML banks, one pure grader, a notebook widget, progress, classroom tools.

    >>> from xbedu.quiz import Quiz                     # doctest: +SKIP
    >>> Quiz.from_bank("../banks/ch03.yaml", lang="zh")  # doctest: +SKIP

Public names are loaded lazily, so ``import xbedu.quiz`` stays light (ipywidgets, yaml,
jsonschema and pandas load only in the functions that need them).
"""

from __future__ import annotations

from ..lazy import exports

__all__ = [
    "Attempt",
    "Bank",
    "BankError",
    "ProgressStore",
    "Question",
    "Quiz",
    "Result",
    "grade",
    "grade_submissions",
    "instantiate",
    "lint_paths",
    "load_bank",
    "load_banks",
    "parse_number",
    "progress_report",
    "release",
    "seed_for",
]

_WHERE = {
    "Attempt": "progress",
    "Bank": "bank",
    "BankError": "bank",
    "ProgressStore": "progress",
    "Question": "bank",
    "Quiz": "widget",
    "Result": "grading",
    "grade": "grading",
    "grade_submissions": "gradebook",
    "instantiate": "computed",
    "lint_paths": "lint",
    "load_bank": "bank",
    "load_banks": "bank",
    "parse_number": "numbers",
    "progress_report": "dashboard",
    "release": "release",
    "seed_for": "computed",
}


__getattr__, __dir__ = exports(__name__, _WHERE)
