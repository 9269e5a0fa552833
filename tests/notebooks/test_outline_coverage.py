"""Every point of the guide's outline has an id, and every id is taught in both languages."""

from __future__ import annotations

import re

import pytest

import nbrepo

# The ids and (Q) flags of shared/guide/outline.md, as agreed for the course (Q = the quiz must test it).
EXPECTED = {
    "ch1.definition": True, "ch1.features": True, "ch1.vs_traditional": True,
    "ch2.b2b": True, "ch2.b2c": True, "ch2.c2c": True,
    "ch3.steps": True, "ch3.payments": True, "ch3.logistics": True, "ch3.customs": True,
    "ch4.reach": True, "ch4.costs": True, "ch4.margins": True, "ch4.brand": False, "ch4.data": True, "ch4.agility": False,
    "ch5.trends": False, "ch5.directions": True,
    "ch6.model": True, "ch6.market": True, "ch6.platform": False, "ch6.capital": True, "ch6.skills": False,
}
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


def chapter_lessons() -> list[tuple[int, str]]:
    """(chapter, NN-slug) of every chapter lesson whose source exists."""
    names = set(nbrepo.lesson_names())
    return [(e["chapter"], f"{e['number']:02d}-{e['slug']}") for e in nbrepo.toc()
            if e.get("chapter") and f"{e['number']:02d}-{e['slug']}" in names]


def tagged_cells(name: str, lang: str) -> list[dict]:
    cells = nbrepo.load_nb(nbrepo.ROOT / "lessons" / lang / f"{name}.ipynb")["cells"]
    return [c for c in cells if c["cell_type"] == "markdown" and c.get("metadata", {}).get("xbedu", {}).get("outline")]


def test_outline_yaml_lists_exactly_the_guide_points():
    points = nbrepo.outline_points()
    assert [p["id"] for p in points] == list(EXPECTED)
    assert {p["id"]: p["q"] for p in points} == EXPECTED
    for p in points:
        assert p["id"].startswith(f"ch{p['chapter']}.")
        assert LATIN.search(p["en"]) and CJK.search(p["zh"]), p["id"]


def test_there_are_chapter_lessons_to_check():
    assert chapter_lessons(), "no chapter lesson source exists yet"


@pytest.mark.parametrize(("chapter", "name"), chapter_lessons(), ids=[n for _, n in chapter_lessons()])
@pytest.mark.parametrize("lang", nbrepo.LANGS)
def test_every_point_of_the_chapter_is_tagged(chapter: int, name: str, lang: str):
    wanted = {i for i in EXPECTED if i.startswith(f"ch{chapter}.")}
    tagged = {i for c in tagged_cells(name, lang) for i in c["metadata"]["xbedu"]["outline"]}
    assert wanted <= tagged, f"{lang}/{name}.ipynb teaches no cell tagged {sorted(wanted - tagged)}"
    assert tagged <= set(EXPECTED), f"unknown ids {sorted(tagged - set(EXPECTED))}"


@pytest.mark.parametrize(("chapter", "name"), chapter_lessons(), ids=[n for _, n in chapter_lessons()])
def test_tagged_cells_have_real_text_in_both_languages(chapter: int, name: str):
    thin = []
    for en, zh in zip(tagged_cells(name, "en"), tagged_cells(name, "zh")):
        words_en = LATIN.findall(nbrepo.source(en))
        chars_zh = CJK.findall(nbrepo.source(zh))
        if len(words_en) < 60 or len(chars_zh) < 30:
            thin.append(f"{en.get('id')}: {len(words_en)} Latin letters (en), {len(chars_zh)} Chinese characters (zh)")
    assert not thin, "\n".join(thin)
