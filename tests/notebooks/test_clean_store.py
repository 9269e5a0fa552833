"""Notebooks are stored clean: outputs and counts only on nbval-check-output cells, minimal metadata, no widget state."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

import nbrepo

NOTEBOOKS = nbrepo.stored_notebooks("lessons/en", "lessons/zh", "quizzes/en", "quizzes/zh")
CELL_KEYS = {"tags", "xbedu"}
WIDGET = "application/vnd.jupyter.widget-view+json"


def ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(nbrepo.ROOT)) for p in paths]


def test_there_are_notebooks_to_check():
    assert len(NOTEBOOKS) >= 4


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_notebook_is_valid_nbformat_4_5(path: Path):
    stored = nbrepo.load_nb(path)  # as written: nbformat.read would fill in missing ids
    assert (stored["nbformat"], stored["nbformat_minor"]) == (4, 5)
    missing = [i for i, cell in enumerate(stored["cells"]) if not cell.get("id")]
    assert not missing, f"cells without an id: {missing}"
    nbformat.validate(nbformat.from_dict(stored))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_notebook_metadata_holds_only_kernelspec_and_language(path: Path):
    nb = nbrepo.load_nb(path)
    assert set(nb["metadata"]) <= {"kernelspec", "language_info"}, sorted(nb["metadata"])
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert nb["metadata"].get("language_info", {"name": "python"}) == {"name": "python"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_cells_carry_no_counts_no_stray_outputs_no_editor_keys(path: Path):
    problems = []
    ordinal = 0
    for cell in nbrepo.load_nb(path)["cells"]:
        where = cell.get("id", "?")
        extra = set(cell.get("metadata", {})) - CELL_KEYS
        if extra:
            problems.append(f"{where}: cell metadata {sorted(extra)}")
        if cell["cell_type"] != "code":
            continue
        ordinal += 1
        outputs = cell.get("outputs", [])
        checked = nbrepo.CHECK_TAG in nbrepo.tags(cell)
        if outputs and not checked:
            problems.append(f"{where}: outputs on a cell not tagged {nbrepo.CHECK_TAG}")
        # nbval compares only cells with a count, so a checked cell with outputs carries its Run-All ordinal
        expected = ordinal if checked and outputs else None
        if cell.get("execution_count") != expected:
            problems.append(f"{where}: execution_count {cell.get('execution_count')}, expected {expected}")
        for out in outputs:
            if out.get("output_type") == "execute_result" and out.get("execution_count") != expected:
                problems.append(f"{where}: output execution_count {out['execution_count']}, expected {expected}")
            if WIDGET in out.get("data", {}):
                problems.append(f"{where}: stored widget view")
            if out.get("output_type") == "error":
                problems.append(f"{where}: stored error {out.get('ename')}")
    assert not problems, "\n".join(problems)
