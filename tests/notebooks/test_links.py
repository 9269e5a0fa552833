"""Links between notebooks resolve; the notebooks the toc plans all exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import nbrepo

LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
NOTEBOOKS = nbrepo.stored_notebooks("lessons/en", "lessons/zh", "quizzes/en", "quizzes/zh")


def planned() -> set[Path]:
    """Every notebook the toc promises: each lesson and each chapter quiz, in both languages."""
    out = set()
    for entry in nbrepo.toc():
        for lang in nbrepo.LANGS:
            out.add(nbrepo.ROOT / "lessons" / lang / f"{entry['number']:02d}-{entry['slug']}.ipynb")
            if entry.get("quiz"):
                out.add(nbrepo.ROOT / "quizzes" / lang / f"{entry['quiz']}.ipynb")
    return out


def relative_links(path: Path) -> list[tuple[str, Path]]:
    found = []
    for cell in nbrepo.load_nb(path)["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        for target in LINK.findall(nbrepo.source(cell)):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
                continue
            found.append((target, (path.parent / target.split("#", 1)[0]).resolve()))
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[str(p.relative_to(nbrepo.ROOT)) for p in NOTEBOOKS])
def test_relative_links_resolve_or_are_planned(path: Path):
    targets = planned()
    broken = [link for link, resolved in relative_links(path) if not resolved.exists() and resolved not in targets]
    assert not broken, f"links to nothing: {broken}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[str(p.relative_to(nbrepo.ROOT)) for p in NOTEBOOKS])
def test_links_stay_in_the_right_language(path: Path):
    lang = path.parent.name
    wrong = [link for link, resolved in relative_links(path)
             if resolved.suffix == ".ipynb" and resolved.parent.name in nbrepo.LANGS and resolved.parent.name != lang]
    assert not wrong, f"{lang} notebook links to the other language: {wrong}"


def test_every_planned_notebook_exists():
    missing = sorted(str(p.relative_to(nbrepo.ROOT)) for p in planned() if not p.exists())
    assert not missing, f"planned in lessons/toc.yaml but not built yet: {missing}"


def test_lesson_sources_exist_for_the_whole_toc():
    expected = [f"{e['number']:02d}-{e['slug']}" for e in nbrepo.toc()]
    assert expected == ["00-start-here", "01-what-is-cbec", "02-three-modes", "03-operations",
                        "04-advantages", "05-trends", "06-getting-started"]
    missing = [name for name in expected if name not in nbrepo.lesson_names()]
    assert not missing, f"lessons/src has no source for {missing}"
