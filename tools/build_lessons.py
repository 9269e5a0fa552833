#!/usr/bin/env python
"""Build the lesson notebooks from their bilingual sources.

Each lesson is written once, in ``lessons/src/NN-slug.md``, and built into
``lessons/en/NN-slug.ipynb`` and ``lessons/zh/NN-slug.ipynb`` (see ``briefs/lesson-format.md``)::

    python tools/build_lessons.py                    # (re)write every notebook
    python tools/build_lessons.py --check            # exit 1 and list notebooks that are out of date
    python tools/build_lessons.py --execute-checked  # run the notebooks, keep outputs of cells tagged nbval-check-output
    python tools/build_lessons.py 01 02-three-modes  # only these lessons

Source file shape: YAML front matter between ``---`` lines (number, slug, title{en,zh},
subtitle{en,zh}, minutes, objectives[{outline?, en, zh}]), then cells, each opened by a line

    %% md [outline=a,b]            markdown; ``@en`` and ``@zh`` lines start each language's text
    %% code [tags=t1,t2] [outline=a,b]
    %% toc                         generated: the table of lessons from lessons/toc.yaml
    %% next                        generated: "Next / 下一课" with links to the next lesson and the
                                   chapter quiz (optional ``@en``/``@zh`` text is appended)

The builder adds, in this order: the title cell, a ``<!--NAV-->`` cell, "What you will learn /
学习目标", the ``parameters`` cell (``LANG = "en"``), the body, and a closing ``<!--NAV-->`` cell.

Writing is deterministic: nbformat 4.5 JSON (nbformat's writer: sorted keys, indent 1), cell ids
``<slug>-<index>``, notebook metadata limited to ``kernelspec`` and ``language_info.name``.
Only cells tagged ``nbval-check-output`` keep outputs, and only they carry an execution count:
their Run-All ordinal, because nbval rejects outputs on a cell whose count is null. A rebuild
carries those outputs over from the notebook on disk while that cell and every code cell before
it are unchanged; otherwise ``--execute-checked`` must refill them (``--check`` reports it).

Errors name the file and line (``lessons/src/01-what-is-cbec.md:42: …``); the exit status is 2.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "zh")
CHECK_TAG = "nbval-check-output"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
NB_METADATA = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
CELL_RE = re.compile(r"^%%\s+(\S+)(.*)$")
LANG_RE = re.compile(r"^@(en|zh)\s*$")
FRONT_KEYS = {"number", "slug", "title", "subtitle", "minutes", "objectives"}
ATTRS = {"md": {"outline"}, "code": {"tags", "outline"}, "toc": set(), "next": set()}

TEXT = {
    "en": {
        "minutes": "*Estimated time: {minutes} minutes*",
        "objectives": "## What you will learn",
        "contents": "Contents",
        "quiz": "Chapter {number:02d} quiz",
        "next": "## Next",
        "next_lesson": "Next lesson: {link}",
        "chapter_quiz": "Chapter quiz: {link}",
        "last": "This is the last lesson. Back to the [contents]({contents}).",
        "toc_head": "| # | Lesson | Minutes | Quiz |",
        "none": "—",
    },
    "zh": {
        "minutes": "*预计用时：{minutes} 分钟*",
        "objectives": "## 学习目标",
        "contents": "目录",
        "quiz": "第 {number:02d} 章测验",
        "next": "## 下一课",
        "next_lesson": "下一课：{link}",
        "chapter_quiz": "本章测验：{link}",
        "last": "这是最后一课。返回[目录]({contents})。",
        "toc_head": "| # | 课程 | 时长（分钟） | 测验 |",
        "none": "—",
    },
}


class LessonError(Exception):
    """A lesson source is malformed; the message starts with ``file:line:``."""


@dataclass
class SourceCell:
    """One cell of a lesson source, as written."""

    kind: str
    line: int
    tags: tuple[str, ...] = ()
    outline: tuple[str, ...] = ()
    text: dict[str, str] = field(default_factory=dict)
    code: str = ""


@dataclass
class Lesson:
    """A parsed lesson source."""

    path: Path
    number: int
    slug: str
    title: dict[str, str]
    subtitle: dict[str, str]
    minutes: int
    objectives: list[dict[str, Any]]
    cells: list[SourceCell]

    @property
    def name(self) -> str:
        """Return ``NN-slug``, the notebook's file stem."""
        return f"{self.number:02d}-{self.slug}"


# --------------------------------------------------------------------------- inputs


def rel(path: Path, root: Path = ROOT) -> str:
    """Return ``path`` relative to the repository when possible (for messages)."""
    for base in (root, ROOT):
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            continue
    return str(path)


def _where(path: Path) -> str:
    """Return how messages name a lesson source: ``lessons/src/NN-slug.md``."""
    return f"lessons/src/{path.name}" if path.parent.name == "src" else rel(path)


def load_toc(root: Path = ROOT) -> list[dict[str, Any]]:
    """Return the lessons of ``lessons/toc.yaml``, checked."""
    path = root / "lessons" / "toc.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    lessons = doc.get("lessons") if isinstance(doc, dict) else None
    if not isinstance(lessons, list) or not lessons:
        raise LessonError(f"{rel(path)}:1: expected a 'lessons:' list")
    for i, entry in enumerate(lessons):
        missing = {"number", "slug", "minutes", "title", "quiz"} - set(entry)
        if missing:
            raise LessonError(f"{rel(path)}: lesson {i} lacks {sorted(missing)}")
        if set(entry["title"]) != set(LANGS):
            raise LessonError(f"{rel(path)}: lesson {i} needs title.en and title.zh")
    return lessons


def load_outline_ids(root: Path = ROOT) -> set[str]:
    """Return the ids of ``lessons/outline.yaml``."""
    doc = yaml.safe_load((root / "lessons" / "outline.yaml").read_text(encoding="utf-8"))
    return {p["id"] for p in doc["points"]}


def _bilingual(value: Any, where: str, key: str) -> dict[str, str]:
    if not isinstance(value, dict) or set(value) != set(LANGS) or not all(isinstance(value[k], str) and value[k].strip() for k in LANGS):
        raise LessonError(f"{where}: {key} must be {{en: \"…\", zh: \"…\"}} with both texts filled in")
    return {k: value[k].strip() for k in LANGS}


def _attrs(raw: str, kind: str, where: str) -> dict[str, tuple[str, ...]]:
    attrs: dict[str, tuple[str, ...]] = {}
    for token in raw.split():
        key, eq, value = token.partition("=")
        if not eq or not value:
            raise LessonError(f"{where}: expected key=value after '%% {kind}', got {token!r}")
        if key not in ATTRS[kind]:
            allowed = ", ".join(sorted(ATTRS[kind])) or "none"
            raise LessonError(f"{where}: '%% {kind}' takes no attribute {key!r} (allowed: {allowed})")
        if key in attrs:
            raise LessonError(f"{where}: attribute {key!r} given twice")
        items = tuple(v.strip() for v in value.split(","))
        if not all(items):
            raise LessonError(f"{where}: empty item in {token!r}")
        attrs[key] = items
    return attrs


def _split_languages(lines: list[tuple[int, str]], where: str, *, required: bool) -> dict[str, str]:
    texts: dict[str, list[str]] = {}
    current: str | None = None
    for number, line in lines:
        match = LANG_RE.match(line)
        if match:
            current = match.group(1)
            if current in texts:
                raise LessonError(f"{where.rsplit(':', 1)[0]}:{number}: @{current} appears twice in this cell")
            texts[current] = []
        elif current is None:
            if line.strip():
                raise LessonError(f"{where.rsplit(':', 1)[0]}:{number}: text before @en/@zh; start each language with a line '@en' or '@zh'")
        else:
            texts[current].append(line)
    if not texts and not required:
        return {}
    out = {}
    for lang in LANGS:
        body = "\n".join(texts.get(lang, [])).strip("\n").rstrip()
        if not body.strip():
            raise LessonError(f"{where}: the {lang!r} text is missing or empty (both @en and @zh are required)")
        out[lang] = body
    return out


def parse_lesson(path: Path, outline_ids: set[str] | None = None) -> Lesson:
    """Parse one ``lessons/src/NN-slug.md`` file; raise ``LessonError`` naming file and line."""
    name = _where(path)
    lines = path.read_text(encoding="utf-8").split("\n")
    if not lines or lines[0].strip() != "---":
        raise LessonError(f"{name}:1: the file must start with '---' (YAML front matter)")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise LessonError(f"{name}:1: the front matter is not closed by a '---' line") from None
    try:
        front = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 2
        raise LessonError(f"{name}:{line}: front matter is not valid YAML ({getattr(exc, 'problem', exc)})") from None
    where = f"{name}:2"
    if not isinstance(front, dict):
        raise LessonError(f"{where}: front matter must be a mapping")
    missing, unknown = FRONT_KEYS - set(front), set(front) - FRONT_KEYS
    if missing or unknown:
        raise LessonError(f"{where}: front matter " + "; ".join(
            ([f"lacks {sorted(missing)}"] if missing else []) + ([f"has unknown keys {sorted(unknown)}"] if unknown else [])))
    if not isinstance(front["number"], int) or not isinstance(front["minutes"], int) or not isinstance(front["slug"], str):
        raise LessonError(f"{where}: number and minutes must be whole numbers and slug a string")
    objectives = front["objectives"]
    if not isinstance(objectives, list) or not objectives:
        raise LessonError(f"{where}: objectives must be a non-empty list")
    checked_objectives = []
    for i, obj in enumerate(objectives):
        if not isinstance(obj, dict) or set(obj) - {"outline", "en", "zh"}:
            raise LessonError(f"{where}: objective {i + 1} must have en, zh and optionally outline")
        texts = _bilingual({k: obj.get(k) for k in LANGS}, where, f"objective {i + 1}")
        ids = obj.get("outline") or []
        ids = [ids] if isinstance(ids, str) else list(ids)
        _check_ids(ids, outline_ids, where)
        checked_objectives.append({**texts, "outline": ids})
    lesson = Lesson(path=path, number=front["number"], slug=front["slug"],
                    title=_bilingual(front["title"], where, "title"), subtitle=_bilingual(front["subtitle"], where, "subtitle"),
                    minutes=front["minutes"], objectives=checked_objectives, cells=[])
    if path.stem != lesson.name:
        raise LessonError(f"{where}: number {lesson.number} and slug {lesson.slug!r} mean the file should be named {lesson.name}.md")
    lesson.cells = _parse_cells(lines, end + 1, name, outline_ids)
    if not lesson.cells:
        raise LessonError(f"{name}:{end + 2}: the lesson has no cells (start one with '%% md' or '%% code')")
    return lesson


def _check_ids(ids: list[str] | tuple[str, ...], outline_ids: set[str] | None, where: str) -> None:
    if outline_ids is None:
        return
    unknown = [i for i in ids if i not in outline_ids]
    if unknown:
        raise LessonError(f"{where}: unknown outline id(s) {unknown}; see lessons/outline.yaml")


def _parse_cells(lines: list[str], start: int, name: str, outline_ids: set[str] | None) -> list[SourceCell]:
    cells: list[SourceCell] = []
    header: tuple[str, int, str] | None = None
    body: list[tuple[int, str]] = []

    def close() -> None:
        if header is None:
            return
        kind, number, raw = header
        where = f"{name}:{number}"
        attrs = _attrs(raw, kind, where)
        _check_ids(attrs.get("outline", ()), outline_ids, where)
        cell = SourceCell(kind=kind, line=number, tags=attrs.get("tags", ()), outline=attrs.get("outline", ()))
        if kind == "code":
            code = "\n".join(line for _, line in body).strip("\n").rstrip()
            if not code.strip():
                raise LessonError(f"{where}: empty code cell")
            if any(LANG_RE.match(line) for _, line in body):
                raise LessonError(f"{where}: a code cell cannot hold @en/@zh text (code is shared by both languages)")
            cell.code = code
        else:
            cell.text = _split_languages(body, where, required=kind == "md")
        cells.append(cell)

    for index in range(start, len(lines)):
        line, number = lines[index], index + 1
        match = CELL_RE.match(line)
        if match:
            close()
            kind = match.group(1)
            if kind not in ATTRS:
                raise LessonError(f"{name}:{number}: unknown cell kind {kind!r}; use one of: {', '.join(ATTRS)}")
            header, body = (kind, number, match.group(2)), []
        elif header is None:
            if line.strip():
                raise LessonError(f"{name}:{number}: text outside a cell; start a cell with '%% md' or '%% code'")
        else:
            body.append((number, line))
    close()
    return cells


# --------------------------------------------------------------------------- building


def _entry(toc: list[dict[str, Any]], lesson: Lesson) -> int:
    for i, entry in enumerate(toc):
        if entry["number"] == lesson.number:
            where = f"{_where(lesson.path)}:2"
            if entry["slug"] != lesson.slug:
                raise LessonError(f"{where}: slug {lesson.slug!r} differs from lessons/toc.yaml ({entry['slug']!r})")
            if entry["title"] != lesson.title:
                raise LessonError(f"{where}: title differs from lessons/toc.yaml ({entry['title']})")
            if entry["minutes"] != lesson.minutes:
                raise LessonError(f"{where}: minutes {lesson.minutes} differ from lessons/toc.yaml ({entry['minutes']})")
            return i
    raise LessonError(f"{_where(lesson.path)}:2: lesson number {lesson.number} is not in lessons/toc.yaml")


def _name(entry: dict[str, Any]) -> str:
    return f"{entry['number']:02d}-{entry['slug']}"


def _link(entry: dict[str, Any], lang: str) -> str:
    return f"[{entry['number']:02d} · {entry['title'][lang]}]({_name(entry)}.ipynb)"


def _quiz_link(entry: dict[str, Any], lang: str) -> str | None:
    if not entry.get("quiz"):
        return None
    return f"[{TEXT[lang]['quiz'].format(number=entry['number'])}](../../quizzes/{lang}/{entry['quiz']}.ipynb)"


def nav_text(toc: list[dict[str, Any]], index: int, lang: str) -> str:
    """Return the ``<!--NAV-->`` cell for lesson ``index`` of the toc."""
    parts = []
    if index > 0:
        parts.append("← " + _link(toc[index - 1], lang))
    if index != 0:
        parts.append(f"[{TEXT[lang]['contents']}]({_name(toc[0])}.ipynb)")
    quiz = _quiz_link(toc[index], lang)
    if quiz:
        parts.append(quiz)
    if index + 1 < len(toc):
        parts.append(_link(toc[index + 1], lang) + " →")
    return "<!--NAV-->\n" + " | ".join(parts)


def toc_text(toc: list[dict[str, Any]], lang: str) -> str:
    """Return the generated table of lessons (``%% toc``)."""
    rows = ["<!--TOC-->", TEXT[lang]["toc_head"], "|---|---|---|---|"]
    for entry in toc:
        quiz = _quiz_link(entry, lang) or TEXT[lang]["none"]
        rows.append(f"| {entry['number']:02d} | [{entry['title'][lang]}]({_name(entry)}.ipynb) | {entry['minutes']} | {quiz} |")
    return "\n".join(rows)


def next_text(toc: list[dict[str, Any]], index: int, lang: str, extra: str = "") -> str:
    """Return the generated "Next / 下一课" cell (``%% next``)."""
    words = TEXT[lang]
    items = []
    if index + 1 < len(toc):
        items.append("- " + words["next_lesson"].format(link=_link(toc[index + 1], lang)))
    else:
        items.append("- " + words["last"].format(contents=f"{_name(toc[0])}.ipynb"))
    quiz = _quiz_link(toc[index], lang)
    if quiz:
        items.append("- " + words["chapter_quiz"].format(link=quiz))
    text = words["next"] + "\n\n" + "\n".join(items)
    return text + ("\n\n" + extra if extra else "")


def _md(cell_id: str, text: str, outline: tuple[str, ...] = ()) -> Any:
    cell = nbformat.v4.new_markdown_cell(text, id=cell_id)
    if outline:
        cell.metadata["xbedu"] = {"outline": list(outline)}
    return cell


def _code(cell_id: str, code: str, tags: tuple[str, ...] = (), outline: tuple[str, ...] = ()) -> Any:
    cell = nbformat.v4.new_code_cell(code, id=cell_id)
    if tags:
        cell.metadata["tags"] = list(tags)
    if outline:
        cell.metadata["xbedu"] = {"outline": list(outline)}
    return cell


def build_notebook(lesson: Lesson, lang: str, toc: list[dict[str, Any]]) -> Any:
    """Return the notebook of ``lesson`` in ``lang`` (no outputs)."""
    index = _entry(toc, lesson)
    cells: list[Any] = []

    def cid() -> str:
        return f"{lesson.slug}-{len(cells):02d}"

    title = f"# {lesson.number:02d} · {lesson.title[lang]}\n\n> {lesson.subtitle[lang]}\n\n" + TEXT[lang]["minutes"].format(minutes=lesson.minutes)
    cells.append(_md(cid(), title))
    cells.append(_md(cid(), nav_text(toc, index, lang)))
    bullets = "\n".join(f"- {obj[lang]}" for obj in lesson.objectives)
    cells.append(_md(cid(), f"{TEXT[lang]['objectives']}\n\n{bullets}"))
    cells.append(_code(cid(), f'LANG = "{lang}"', tags=("parameters",)))
    for src in lesson.cells:
        if src.kind == "md":
            cells.append(_md(cid(), src.text[lang], src.outline))
        elif src.kind == "code":
            cells.append(_code(cid(), src.code, src.tags, src.outline))
        elif src.kind == "toc":
            cells.append(_md(cid(), toc_text(toc, lang)))
        elif src.kind == "next":
            cells.append(_md(cid(), next_text(toc, index, lang, src.text.get(lang, ""))))
    cells.append(_md(cid(), nav_text(toc, index, lang)))
    nb = nbformat.v4.new_notebook(cells=cells, metadata=_metadata())
    nb.nbformat, nb.nbformat_minor = 4, 5
    return nb


def _metadata() -> dict[str, Any]:
    return {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}


def _code_prefix(nb: Any, upto: int) -> list[str]:
    return [c.source for c in nb.cells[: upto + 1] if c.cell_type == "code"]


def carry_outputs(new: Any, old: Any | None) -> None:
    """Copy outputs of tagged cells from ``old`` while the cell and all code before it are unchanged."""
    if old is None:
        return
    old_cells = {c.get("id"): (i, c) for i, c in enumerate(old.cells)}
    for i, cell in enumerate(new.cells):
        if cell.cell_type != "code" or CHECK_TAG not in cell.metadata.get("tags", []):
            continue
        found = old_cells.get(cell.id)
        if found is None:
            continue
        j, prev = found
        if prev.cell_type == "code" and prev.source == cell.source and _code_prefix(old, j) == _code_prefix(new, i):
            cell.outputs = [dict(o) for o in prev.get("outputs", [])]
            cell.outputs = nbformat.from_dict(cell.outputs)


def number_checked_cells(nb: Any) -> None:
    """Give execution counts only to tagged cells with outputs: their Run-All ordinal (nbval skips unrun cells)."""
    ordinal = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        ordinal += 1
        checked = CHECK_TAG in cell.metadata.get("tags", []) and bool(cell.outputs)
        cell.execution_count = ordinal if checked else None
        for out in cell.outputs:
            if out.get("output_type") == "execute_result":
                out["execution_count"] = cell.execution_count


def render(nb: Any) -> str:
    """Return the notebook as the exact text stored on disk."""
    number_checked_cells(nb)
    nbformat.validate(nb)
    text = nbformat.writes(nb, version=4)
    return text if text.endswith("\n") else text + "\n"


def missing_outputs(nb: Any) -> list[str]:
    """Return the ids of cells tagged nbval-check-output that have no stored output."""
    return [c.id for c in nb.cells if c.cell_type == "code" and CHECK_TAG in c.metadata.get("tags", []) and not c.outputs]


# --------------------------------------------------------------------------- executing


def execute_checked(nb: Any, lesson: Lesson, lang: str, workdir: Path, timeout: int = 120) -> Any:
    """Run ``nb`` with nbclient; keep outputs only on tagged cells; raise LessonError on a failing cell."""
    from nbclient import NotebookClient

    run = nbformat.from_dict(nbformat.reads(nbformat.writes(nb), as_version=4))
    client = NotebookClient(run, timeout=timeout, kernel_name="python3", allow_errors=True,
                            record_timing=False, store_widget_state=False,
                            resources={"metadata": {"path": str(workdir)}})
    client.execute()
    lines = _source_lines(lesson)
    for cell in run.cells:
        if cell.cell_type != "code" or "raises-exception" in cell.metadata.get("tags", []):
            continue  # nbval's tag for a cell that is meant to raise
        for out in cell.outputs:
            if out.output_type == "error":
                where = f"{_where(lesson.path)}:{lines.get(cell.id, 1)}"
                raise LessonError(f"{where}: cell {cell.id} fails in the {lang!r} notebook: {out.ename}: {out.evalue}")
    for cell, done in zip(nb.cells, run.cells):
        if cell.cell_type != "code":
            continue
        cell.execution_count = None
        if CHECK_TAG not in cell.metadata.get("tags", []):
            cell.outputs = []
            continue
        kept = []
        for out in done.outputs:
            if "application/vnd.jupyter.widget-view+json" in out.get("data", {}):
                where = f"{_where(lesson.path)}:{lines.get(cell.id, 1)}"
                raise LessonError(f"{where}: a cell tagged {CHECK_TAG} shows a widget; tag only its static call")
            if out.output_type == "execute_result":
                out.execution_count = None
            out.pop("transient", None)
            kept.append(out)
        if not kept:
            where = f"{_where(lesson.path)}:{lines.get(cell.id, 1)}"
            raise LessonError(f"{where}: cell {cell.id} is tagged {CHECK_TAG} but shows nothing")
        cell.outputs = kept
    nb.metadata = nbformat.from_dict(_metadata())
    return nb


def _source_lines(lesson: Lesson) -> dict[str, int]:
    """Map built cell ids to the source line of the cell they come from."""
    return {f"{lesson.slug}-{k + 4:02d}": src.line for k, src in enumerate(lesson.cells)}


# --------------------------------------------------------------------------- driver


def sources(root: Path = ROOT, only: list[str] | None = None) -> list[Path]:
    """Return the lesson sources, optionally only those whose name starts with one of ``only``."""
    paths = sorted((root / "lessons" / "src").glob("*.md"))
    if only:
        paths = [p for p in paths if any(p.stem == o or p.stem.startswith(o + "-") for o in only)]
    return paths


def notebook_path(root: Path, lang: str, lesson: Lesson) -> Path:
    """Return where the notebook of ``lesson`` in ``lang`` is stored."""
    return root / "lessons" / lang / f"{lesson.name}.ipynb"


def _read(path: Path) -> Any | None:
    if not path.exists():
        return None
    try:
        return nbformat.read(str(path), as_version=4)
    except Exception:  # a corrupt stored notebook is simply rebuilt
        return None


def run(root: Path = ROOT, *, check: bool = False, execute: bool = False, only: list[str] | None = None) -> tuple[int, list[str]]:
    """Build (or check) the notebooks; return the exit status and the lines to print.

    Each lesson is handled on its own: a broken source is reported (status 2) and the others
    are still built. Status 1 means ``check`` found stale notebooks.
    """
    messages: list[str] = []
    toc = load_toc(root)
    outline_ids = load_outline_ids(root)
    stale = errors = 0
    built: set[str] = set()
    for source in sources(root, only):
        built.add(source.stem)
        try:
            lesson = parse_lesson(source, outline_ids)
            notebooks = [(lang, build_notebook(lesson, lang, toc)) for lang in LANGS]
            for lang, nb in notebooks:
                path = notebook_path(root, lang, lesson)
                if execute:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    nb = execute_checked(nb, lesson, lang, path.parent)
                else:
                    carry_outputs(nb, _read(path))
                stale += _store(path, rel(path, root), render(nb), missing_outputs(nb), check, messages)
        except LessonError as exc:
            errors += 1
            messages.append(f"error: {exc}")
    if check and not only:
        for lang in LANGS:
            for path in sorted((root / "lessons" / lang).glob("*.ipynb")):
                if path.stem not in built:
                    stale += 1
                    messages.append(f"stale: {rel(path, root)} has no source lessons/src/{path.stem}.md")
    return (2 if errors else 1 if stale else 0), messages


def _store(path: Path, shown: str, text: str, missing: list[str], check: bool, messages: list[str]) -> int:
    """Write (or, when checking, compare) one notebook; return 1 if it is stale."""
    current = path.read_text(encoding="utf-8") if path.exists() else None
    if check:
        if current != text:
            messages.append(f"stale: {shown} (run python tools/build_lessons.py)")
            return 1
        if missing:
            messages.append(f"stale: {shown}: no stored output on {', '.join(missing)} (run python tools/build_lessons.py --execute-checked)")
            return 1
        return 0
    if current != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        messages.append(f"wrote {shown}")
    if missing:
        messages.append(f"note: {shown}: cells {', '.join(missing)} need outputs: run with --execute-checked")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lessons", nargs="*", help="only these lessons (e.g. 01 or 01-what-is-cbec)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="exit 1 and list the notebooks that are out of date")
    mode.add_argument("--execute-checked", action="store_true", help="execute and keep outputs of cells tagged nbval-check-output")
    args = parser.parse_args(argv)
    try:
        status, messages = run(check=args.check, execute=args.execute_checked, only=args.lessons or None)
    except LessonError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for line in messages:
        print(line, file=sys.stderr if line.startswith("error:") else sys.stdout)
    if args.check and status == 0:
        print("all lesson notebooks are up to date")
    return status


if __name__ == "__main__":
    sys.exit(main())
