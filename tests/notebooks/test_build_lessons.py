"""tools/build_lessons.py: sources parse, errors name file and line, output is deterministic, --check holds."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import nbrepo

B = nbrepo.builder()

FRONT = """---
number: 1
slug: what-is-cbec
title: {en: "What cross-border e-commerce is", zh: "什么是跨境电商"}
subtitle: {en: "Sub", zh: "副标题"}
minutes: 30
objectives:
  - {outline: ch1.definition, en: "Define it", zh: "说出定义"}
---
"""

BODY = """
%% md outline=ch1.definition
@en
## 1. Definition
Some English text.
@zh
## 1. 定义
一些中文。

%% code
from xbedu.data.glossary import concept_table

%% code tags=nbval-check-output outline=ch1.features
concept_table("cases", lang=LANG)

%% next
"""


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A scratch repository with the real toc and outline and one small lesson source."""
    (tmp_path / "lessons" / "src").mkdir(parents=True)
    for name in ("toc.yaml", "outline.yaml"):
        shutil.copy(nbrepo.ROOT / "lessons" / name, tmp_path / "lessons" / name)
    (tmp_path / "lessons" / "src" / "01-what-is-cbec.md").write_text(FRONT + BODY, encoding="utf-8")
    return tmp_path


def write(repo: Path, text: str) -> Path:
    path = repo / "lessons" / "src" / "01-what-is-cbec.md"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(B.LessonError) as info:
        B.parse_lesson(path, B.load_outline_ids(path.parents[2]))
    return str(info.value)


def test_repository_notebooks_are_up_to_date():
    result = subprocess.run([sys.executable, str(nbrepo.ROOT / "tools" / "build_lessons.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_built_notebook_has_the_generated_frame(repo: Path):
    lesson = B.parse_lesson(repo / "lessons" / "src" / "01-what-is-cbec.md")
    nb = B.build_notebook(lesson, "zh", B.load_toc(repo))
    kinds = [c.cell_type for c in nb.cells]
    # title, nav, objectives, parameters, 4 body cells (md, code, code, next), closing nav = 9
    assert kinds == ["markdown", "markdown", "markdown", "code", "markdown", "code", "code", "markdown", "markdown"]
    assert nb.cells[0].source.startswith("# 01 · 什么是跨境电商\n\n> 副标题")
    assert "30 分钟" in nb.cells[0].source
    assert nb.cells[1].source.startswith("<!--NAV-->") and nb.cells[-1].source == nb.cells[1].source
    assert "(00-start-here.ipynb)" in nb.cells[1].source and "(02-three-modes.ipynb)" in nb.cells[1].source
    assert "(../../quizzes/zh/01-quiz.ipynb)" in nb.cells[1].source
    assert nb.cells[2].source == "## 学习目标\n\n- 说出定义"
    assert nb.cells[3].source == 'LANG = "zh"' and nb.cells[3].metadata["tags"] == ["parameters"]
    assert nb.cells[4].source == "## 1. 定义\n一些中文。" and nb.cells[4].metadata["xbedu"] == {"outline": ["ch1.definition"]}
    assert nb.cells[6].metadata["tags"] == ["nbval-check-output"]
    assert nb.cells[7].source.startswith("## 下一课\n\n- 下一课：[02 · 三大运作模式](02-three-modes.ipynb)")
    assert [c.id for c in nb.cells] == [f"what-is-cbec-{i:02d}" for i in range(9)]
    assert dict(nb.metadata) == {"kernelspec": B.KERNELSPEC, "language_info": {"name": "python"}}
    assert (nb.nbformat, nb.nbformat_minor) == (4, 5)


def test_code_cells_are_identical_in_both_languages(repo: Path):
    lesson = B.parse_lesson(repo / "lessons" / "src" / "01-what-is-cbec.md")
    toc = B.load_toc(repo)
    en, zh = (B.build_notebook(lesson, lang, toc) for lang in ("en", "zh"))
    code = [(a.source, b.source) for a, b in zip(en.cells, zh.cells) if a.cell_type == "code"]
    assert code[0] == ('LANG = "en"', 'LANG = "zh"')
    assert all(a == b for a, b in code[1:])


def test_building_twice_gives_the_same_bytes(repo: Path):
    status, _ = B.run(repo)
    assert status == 0
    first = (repo / "lessons" / "en" / "01-what-is-cbec.ipynb").read_bytes()
    status, messages = B.run(repo)
    assert status == 0 and not any(m.startswith("wrote") for m in messages)
    assert (repo / "lessons" / "en" / "01-what-is-cbec.ipynb").read_bytes() == first
    nbformat.validate(nbformat.reads(first.decode(), as_version=4))


def test_check_reports_stale_and_missing_outputs(repo: Path):
    B.run(repo)
    status, messages = B.run(repo, check=True)
    assert status == 1  # the tagged cell has no stored output yet
    assert any("no stored output on what-is-cbec-06" in m for m in messages)
    write(repo, FRONT + BODY.replace("Some English text.", "Changed text."))
    status, messages = B.run(repo, check=True)
    assert status == 1 and any(m.startswith("stale: lessons/en/01-what-is-cbec.ipynb") or "lessons/en/01-what-is-cbec.ipynb (run" in m for m in messages)


def test_check_reports_a_notebook_without_source(repo: Path):
    B.run(repo)
    (repo / "lessons" / "en" / "09-orphan.ipynb").write_text("{}", encoding="utf-8")
    status, messages = B.run(repo, check=True)
    assert status == 1 and any("09-orphan.ipynb has no source" in m for m in messages)


def test_outputs_are_carried_only_while_the_code_before_is_unchanged(repo: Path):
    B.run(repo)
    path = repo / "lessons" / "en" / "01-what-is-cbec.ipynb"
    nb = nbformat.read(str(path), as_version=4)
    nb.cells[6].outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "42"}, execution_count=None)]
    path.write_text(B.render(nb), encoding="utf-8")
    B.run(repo)  # prose change elsewhere would keep it; an identical rebuild keeps it too
    assert nbformat.read(str(path), as_version=4).cells[6].outputs[0]["data"]["text/plain"] == "42"
    write(repo, FRONT + BODY.replace("from xbedu.data.glossary import concept_table", "from xbedu.data.glossary import concept_table, glossary_table"))
    B.run(repo)
    assert nbformat.read(str(path), as_version=4).cells[6].outputs == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("\n%% md\n@en\nOnly English.\n", ":11: the 'zh' text is missing"),
        ("\n%% md\nNo marker.\n@en\nx\n@zh\ny\n", ":12: text before @en/@zh"),
        ("\n%% md\n@en\nx\n@en\ny\n@zh\nz\n", ":14: @en appears twice"),
        ("\n%% chart\nx\n", ":11: unknown cell kind 'chart'"),
        ("\n%% md outline=ch9.nothing\n@en\nx\n@zh\ny\n", ":11: unknown outline id(s) ['ch9.nothing']"),
        ("\n%% code colour=red\nx = 1\n", ":11: '%% code' takes no attribute 'colour'"),
        ("\n%% code\n", ":11: empty code cell"),
        ("\n%% code\n@en\nx\n", ":11: a code cell cannot hold @en/@zh text"),
        ("\nstray text\n%% md\n@en\nx\n@zh\ny\n", ":11: text outside a cell"),
        ("\n", ":10: the lesson has no cells"),
    ],
)
def test_source_errors_name_the_file_and_line(repo: Path, body: str, expected: str):
    message = error_of(write(repo, FRONT + body))
    assert message.startswith("lessons/src/01-what-is-cbec.md:")
    assert expected in message, message


def test_front_matter_errors(repo: Path):
    assert "front matter lacks ['minutes']" in error_of(write(repo, FRONT.replace("minutes: 30\n", "") + BODY))
    assert ":2: title must be" in error_of(write(repo, FRONT.replace('zh: "什么是跨境电商"', 'zh: ""') + BODY))
    assert ":1: the file must start with '---'" in error_of(write(repo, BODY))
    assert "should be named 01-other.md" in error_of(write(repo, FRONT.replace("slug: what-is-cbec", "slug: other") + BODY))


def test_a_title_that_differs_from_the_toc_is_an_error(repo: Path):
    write(repo, FRONT.replace('en: "What cross-border e-commerce is"', 'en: "Another title"') + BODY)
    status, messages = B.run(repo)
    assert status == 2 and any("title differs from lessons/toc.yaml" in m for m in messages)


def test_one_broken_lesson_does_not_stop_the_others(repo: Path):
    (repo / "lessons" / "src" / "00-start-here.md").write_text("no front matter\n", encoding="utf-8")
    status, messages = B.run(repo)
    assert status == 2
    assert any("00-start-here.md:1:" in m for m in messages)
    assert (repo / "lessons" / "zh" / "01-what-is-cbec.ipynb").exists()


@pytest.mark.notebooks
def test_execute_keeps_only_tagged_outputs_and_names_a_failing_line(repo: Path):
    status, messages = B.run(repo, execute=True)
    assert status == 0, messages
    nb = nbrepo.load_nb(repo / "lessons" / "en" / "01-what-is-cbec.ipynb")
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    # parameters, setup, tagged call: only the third keeps outputs, with its Run-All ordinal 3
    assert [bool(c["outputs"]) for c in code] == [False, False, True]
    assert [c["execution_count"] for c in code] == [None, None, 3]
    assert "text/html" in code[2]["outputs"][0]["data"] and code[2]["outputs"][0]["execution_count"] == 3
    assert set(nb["metadata"]) == {"kernelspec", "language_info"}
    status, messages = B.run(repo, check=True)
    assert status == 0, messages
    write(repo, FRONT + BODY.replace('concept_table("cases", lang=LANG)', 'concept_table("nope", lang=LANG)'))
    status, messages = B.run(repo, execute=True)
    assert status == 2
    assert any(m.startswith("error: lessons/src/01-what-is-cbec.md:22: cell what-is-cbec-06 fails") and "InputError" in m for m in messages), messages
