"""The English and Chinese notebooks are the same notebook: cell types, code, tags and heading tree."""

from __future__ import annotations

import re

import pytest

import nbrepo

PAIRS = [
    (folder, path.name)
    for folder in ("lessons", "quizzes")
    for path in sorted((nbrepo.ROOT / folder / "en").glob("*.ipynb"))
]
HEADING = re.compile(r"^(#{1,6}) ", re.M)


def pair(folder: str, name: str) -> tuple[list[dict], list[dict]]:
    en = nbrepo.load_nb(nbrepo.ROOT / folder / "en" / name)["cells"]
    zh_path = nbrepo.ROOT / folder / "zh" / name
    assert zh_path.exists(), f"{folder}/zh/{name} is missing"
    return en, nbrepo.load_nb(zh_path)["cells"]


def test_every_zh_notebook_has_an_en_twin():
    for folder in ("lessons", "quizzes"):
        en = {p.name for p in (nbrepo.ROOT / folder / "en").glob("*.ipynb")}
        zh = {p.name for p in (nbrepo.ROOT / folder / "zh").glob("*.ipynb")}
        assert en == zh, f"{folder}: only en {sorted(en - zh)}, only zh {sorted(zh - en)}"


@pytest.mark.parametrize(("folder", "name"), PAIRS, ids=[f"{f}/{n}" for f, n in PAIRS])
def test_cell_sequence_and_code_are_identical(folder: str, name: str):
    en, zh = pair(folder, name)
    assert [c["cell_type"] for c in en] == [c["cell_type"] for c in zh]
    differences = []
    for a, b in zip(en, zh):
        if a["cell_type"] != "code":
            continue
        if "parameters" in nbrepo.tags(a):
            assert nbrepo.source(a).strip() == 'LANG = "en"' and nbrepo.source(b).strip() == 'LANG = "zh"'
        elif nbrepo.source(a) != nbrepo.source(b):
            differences.append(f"{a.get('id')}: {nbrepo.source(a)!r} != {nbrepo.source(b)!r}")
    assert not differences, "\n".join(differences)


@pytest.mark.parametrize(("folder", "name"), PAIRS, ids=[f"{f}/{n}" for f, n in PAIRS])
def test_tags_outline_and_headings_match(folder: str, name: str):
    en, zh = pair(folder, name)
    for a, b in zip(en, zh):
        assert a.get("metadata", {}) == b.get("metadata", {}), a.get("id")
        if a["cell_type"] == "markdown":
            levels_en = HEADING.findall(nbrepo.source(a))
            levels_zh = HEADING.findall(nbrepo.source(b))
            assert levels_en == levels_zh, f"{a.get('id')}: headings {levels_en} vs {levels_zh}"


@pytest.mark.parametrize(("folder", "name"), PAIRS, ids=[f"{f}/{n}" for f, n in PAIRS])
def test_exactly_one_parameters_cell(folder: str, name: str):
    en, _ = pair(folder, name)
    assert sum("parameters" in nbrepo.tags(c) for c in en) == 1
