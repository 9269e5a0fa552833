"""Write the quiz notebooks (``quizzes/{en,zh}/NN-quiz.ipynb`` and ``00-progress.ipynb``) from the banks.

A development tool: ``python -m xbedu.quiz.notebooks [QUIZZES_DIR]`` rewrites them after a
bank changes. The en and zh notebooks share every code cell except the ``parameters``
cell (``LANG = "en"`` / ``"zh"``). They are stored clean (no execution counts, metadata
only ``kernelspec`` and ``language_info.name``) except the cell tagged
``nbval-check-output``, whose stored output (and the execution count nbval requires
with it) is computed here the way CI will see it:
with ``XBEDU_QUIZ_AUTOSOLVE=1`` (key filled in, no progress written) and, for the
progress notebook, an empty ``XBEDU_PROGRESS_DB``.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from .bank import Bank, load_banks

__all__ = ["write_notebooks"]

_META = {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
         "language_info": {"name": "python"}}

_TEXT = {
    "en": {
        "intro": ("Answer each question, then press **Check**: you get feedback at once, in words and symbols "
                  "(✓ right, ◐ partly right, ✗ not yet). **Show hint** gives hints one at a time, gentlest first; "
                  "**Retry** clears your answer. The explanation appears once your answer is right.\n\n"
                  "Every attempt is saved on this computer, so your progress survives a restart "
                  "(see [your progress](00-progress.ipynb)). Numbers may be typed as `1,234.5`, `１２３４．５` "
                  "or with a unit (`12 kg`). Questions with numbers in them are drawn for you: a classmate sees other numbers."),
        "run": "Run the next cell to show the quiz.",
        "summary": "Your result so far (run this cell again after answering):",
        "handin": ("**Handing in?** Type your name or student id at the bottom of the quiz and press "
                   "**Export submission**: a `.json` file appears next to this notebook. Send it to your teacher."),
        "progress_title": "# Your progress across the course\n\n> Answered questions and best scores in every chapter quiz.",
        "progress_intro": "Your attempts are kept in a small file on this computer. The summary, then a table and a chart:",
        "quiz_link": "Back to the [lesson](../../lessons/en/{lesson}) · [your progress](00-progress.ipynb)",
    },
    "zh": {
        "intro": ("回答每道题后点击 **检查答案**：系统会立即用文字和符号给出反馈（✓ 正确，◐ 部分正确，✗ 还不对）。"
                  "**查看提示** 会由浅入深逐条给出提示；**重新作答** 会清空你的答案。答对之后会显示解析。\n\n"
                  "每次作答都会保存在这台电脑上，重启后进度依然保留（见 [学习进度](00-progress.ipynb)）。"
                  "数字可以写成 `1,234.5`、`１２３４．５`，也可以带单位（如 `12 kg`）。含数字的计算题为每位学员单独出题：同学看到的数字与你不同。"),
        "run": "运行下一个单元格，显示测验。",
        "summary": "目前的成绩（作答后可再次运行本单元格）：",
        "handin": "**要交作业？** 在测验底部填写你的姓名或学号，点击 **导出提交文件**：本笔记本旁边会出现一个 `.json` 文件，把它交给老师即可。",
        "progress_title": "# 全课程学习进度\n\n> 每章测验的已答题数和最好成绩。",
        "progress_intro": "你的作答记录保存在这台电脑上的一个小文件里。先看摘要，再看表格和图表：",
        "quiz_link": "返回 [课程](../../lessons/zh/{lesson}) · [学习进度](00-progress.ipynb)",
    },
}


def _md(text: str) -> dict[str, Any]:
    return {"cell_type": "markdown", "id": "", "metadata": {}, "source": text.splitlines(keepends=True)}


def _code(source: str, tags: list[str] | None = None, output: str | None = None, count: int | None = None) -> dict[str, Any]:
    """A code cell; a stored output carries the execution count of a top-to-bottom run (nbval needs one)."""
    outputs = [] if output is None else [{"output_type": "execute_result", "execution_count": count, "metadata": {},
                                          "data": {"text/plain": output.splitlines(keepends=True)}}]
    return {"cell_type": "code", "id": "", "execution_count": count if output is not None else None, "metadata": {"tags": tags} if tags else {},
            "outputs": outputs, "source": source.splitlines(keepends=True)}


def _quiz_notebook(bank: Bank, lang: str, lesson: str) -> dict[str, Any]:
    from .widget import Quiz

    text = _TEXT[lang]
    path = Path(bank.path).name
    summary = repr(Quiz(bank, lang=lang, autosolve=True, store=False).summary())
    cells = [
        _md(f"# {bank.title[lang]}\n\n{text['quiz_link'].format(lesson=lesson)}"),
        _md(text["intro"]),
        _code(f'LANG = "{lang}"', ["parameters"]),
        _code("from xbedu.quiz import Quiz"),
        _md(text["run"]),
        _code(f'quiz = Quiz.from_bank("../banks/{path}", lang=LANG)\nquiz'),
        _md(text["summary"]),
        _code("quiz.summary()", ["nbval-check-output"], summary, count=4),
        _md(text["handin"]),
    ]
    return _with_ids(cells, f"quiz-{bank.chapter:02d}")


def _with_ids(cells: list[dict[str, Any]], stem: str) -> dict[str, Any]:
    """Return a notebook whose cells carry stable ids (the same in en and zh)."""
    for n, cell in enumerate(cells):
        cell["id"] = f"{stem}-{n:02d}"
    return {"cells": cells, "metadata": _META, "nbformat": 4, "nbformat_minor": 5}


def _progress_notebook(banks: tuple[Bank, ...], lang: str) -> dict[str, Any]:
    from .dashboard import progress_report
    from .progress import ProgressStore

    text = _TEXT[lang]
    with tempfile.TemporaryDirectory() as tmp:
        store = ProgressStore(Path(tmp) / "empty.sqlite3")
        report = repr(progress_report(lang, learner="learner", banks=banks, store=store))
        store.close()
    cells = [
        _md(text["progress_title"]),
        _code(f'LANG = "{lang}"', ["parameters"]),
        _code("from xbedu.charts.render import show\nfrom xbedu.quiz import progress_report"),
        _md(text["progress_intro"]),
        _code("report = progress_report(LANG)\nreport", ["nbval-check-output"], report, count=3),
        _code("report.table()"),
        _code("show(report.chart())"),
    ]
    return _with_ids(cells, "progress")


def _lesson_for(root: Path, lang: str, chapter: int) -> str:
    found = sorted((root.parent / "lessons" / lang).glob(f"{chapter:02d}-*.ipynb"))
    return found[0].name if found else f"{chapter:02d}.ipynb"


def write_notebooks(quizzes_dir: str | Path) -> list[Path]:
    """Write every quiz notebook and the progress notebook in both languages; return the paths."""
    root = Path(quizzes_dir)
    banks = load_banks([root / "banks"])
    written = []
    for lang in ("en", "zh"):
        folder = root / lang
        folder.mkdir(parents=True, exist_ok=True)
        notebooks = {f"{b.chapter:02d}-quiz.ipynb": _quiz_notebook(b, lang, _lesson_for(root, lang, b.chapter)) for b in banks}
        notebooks["00-progress.ipynb"] = _progress_notebook(banks, lang)
        for name, nb in notebooks.items():
            path = folder / name
            path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover
    for p in write_notebooks(sys.argv[1] if len(sys.argv) > 1 else Path.cwd() / "quizzes"):
        print(p)
