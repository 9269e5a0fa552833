"""Each lesson follows the template, and its code cells follow the house style (short calls into xbedu)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import nbrepo

HEADINGS = {
    "en": {"objectives": "## What you will learn", "summary": "## Summary", "check": "## Check yourself", "next": "## Next"},
    "zh": {"objectives": "## 学习目标", "summary": "## 小结", "check": "## 自测", "next": "## 下一课"},
}
TRY = {"en": "**Try this", "zh": "**动手试"}
NOTEBOOKS = nbrepo.lesson_notebooks()
IDS = [str(p.relative_to(nbrepo.ROOT)) for p in NOTEBOOKS]
FORBIDDEN_ATTRS = {"value", "result", "controls"}


def cells_of(path: Path) -> list[dict]:
    assert path.exists(), f"{path.relative_to(nbrepo.ROOT)} is not built (run python tools/build_lessons.py)"
    return nbrepo.load_nb(path)["cells"]


def first_line(cell: dict) -> str:
    return nbrepo.source(cell).split("\n", 1)[0].strip()


def index_of(cells: list[dict], heading: str) -> int | None:
    for i, cell in enumerate(cells):
        if cell["cell_type"] == "markdown" and first_line(cell) == heading:
            return i
    return None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_lesson_follows_the_template(path: Path):
    lang, number = path.parent.name, int(path.name[:2])
    cells = cells_of(path)
    words = HEADINGS[lang]
    assert re.match(rf"^# {number:02d} · \S", nbrepo.source(cells[0])) and "\n> " in nbrepo.source(cells[0])
    assert nbrepo.source(cells[1]).startswith("<!--NAV-->") and nbrepo.source(cells[-1]).startswith("<!--NAV-->")
    assert first_line(cells[2]) == words["objectives"]
    assert "parameters" in nbrepo.tags(cells[3]) and nbrepo.source(cells[3]) == f'LANG = "{lang}"'
    setup = next(c for c in cells[4:] if c["cell_type"] == "code")
    assert all(isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.parse(nbrepo.source(setup)).body), "the first body code cell is the setup (imports only)"
    summary, check, nxt = (index_of(cells, words[k]) for k in ("summary", "check", "next"))
    assert summary is not None, f"no '{words['summary']}' heading"
    assert nxt is not None, f"no '{words['next']}' heading"
    if number >= 1:
        assert check is not None, f"no '{words['check']}' heading"
        assert summary < check < nxt
        quiz_calls = [c for c in cells[check:nxt] if c["cell_type"] == "code" and "quiz." in nbrepo.source(c)]
        assert len(quiz_calls) == 1, f"'{words['check']}' needs one quiz call (found {len(quiz_calls)})"
    else:
        assert summary < nxt


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if int(p.name[:2]) >= 1], ids=[i for i in IDS if int(Path(i).name[:2]) >= 1])
def test_each_numbered_section_has_code_and_ends_with_a_prompt(path: Path):
    lang = path.parent.name
    cells = cells_of(path)
    starts = [i for i, c in enumerate(cells) if c["cell_type"] == "markdown" and re.match(r"^## \d+\. ", first_line(c))]
    assert starts, "no '## 1. …' section"
    ends = [*starts[1:], index_of(cells, HEADINGS[lang]["summary"]) or len(cells)]
    for start, end in zip(starts, ends):
        section = cells[start:end]
        title = first_line(cells[start])
        assert any(c["cell_type"] == "code" for c in section), f"{title}: no code cell"
        assert section[-1]["cell_type"] == "markdown" and TRY[lang] in nbrepo.source(section[-1]), f"{title}: does not end with a '{TRY[lang]}' prompt"


def style_problems(code: str) -> list[str]:
    """What breaks the lesson code style in one cell (empty list: fine)."""
    problems = []
    lines = [line for line in code.strip().split("\n")]
    if len(lines) > 8:
        problems.append(f"{len(lines)} lines (at most 8)")
    tree = ast.parse(code)
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            problems.append("defines a function or class")
        elif isinstance(node, (ast.For, ast.While, ast.ListComp, ast.DictComp, ast.SetComp, ast.GeneratorExp)):
            problems.append("loops over data")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
            problems.append("calls print")
        elif isinstance(node, ast.Import) and not all(a.name == "xbedu" or a.name.startswith("xbedu.") for a in node.names):
            problems.append("imports from outside xbedu")
        elif isinstance(node, ast.ImportFrom) and not (node.module or "").split(".")[0] == "xbedu":
            problems.append(f"imports from {node.module}")
        elif isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_ATTRS:
            problems.append(f"reads widget state .{node.attr}")
    body = tree.body
    only_imports = all(isinstance(n, (ast.Import, ast.ImportFrom)) for n in body)
    if body and not only_imports and not isinstance(body[-1], ast.Expr):
        problems.append("does not end with an expression")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_code_cells_are_short_calls_into_xbedu(path: Path):
    found = []
    for cell in cells_of(path):
        if cell["cell_type"] != "code" or "parameters" in nbrepo.tags(cell) or "exercise" in nbrepo.tags(cell):
            continue
        for problem in style_problems(nbrepo.source(cell)):
            found.append(f"{cell.get('id')}: {problem}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("print(1)", "calls print"),
        ("f = lambda x: x\nf(1)", "defines a function or class"),
        ("[x for x in range(3)]", "loops over data"),
        ("import pandas as pd\npd", "imports from outside xbedu"),
        ("ex.value", "reads widget state .value"),
        ("x = 1", "does not end with an expression"),
        ("\n".join(["1"] * 9), "9 lines (at most 8)"),
    ],
)
def test_style_check_catches(code: str, problem: str):
    assert problem in style_problems(code)


def test_style_check_accepts_a_setup_cell_and_a_call():
    assert style_problems("from xbedu import doctor\nimport xbedu.data") == []
    assert style_problems('glossary_table(lang=LANG, chapter=1)') == []


def quiz_calls(path: Path) -> list[tuple[str, list[str]]]:
    """(bank path, question ids) of every ``Quiz.from_bank(<path>, questions=[...])`` call in a notebook."""
    found = []
    for cell in cells_of(path):
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(ast.parse(nbrepo.source(cell))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "from_bank":
                bank = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else ""
                wanted = next((k.value for k in node.keywords if k.arg == "questions"), None)
                ids = [e.value for e in wanted.elts] if isinstance(wanted, (ast.List, ast.Tuple)) else []
                found.append((bank, ids))
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_check_yourself_asks_existing_bank_questions(path: Path):
    for bank, ids in quiz_calls(path):
        bank_path = (path.parent / bank).resolve()
        assert bank_path.exists(), f"no bank {bank}"
        known = {q["id"] for q in nbrepo.read_yaml(bank_path)["questions"]}
        assert 3 <= len(ids) <= 4, f"'Check yourself' should ask 3–4 questions, asks {len(ids)}"
        assert set(ids) <= known, f"not in {bank}: {sorted(set(ids) - known)}"
