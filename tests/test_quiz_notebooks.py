"""The quiz notebooks: generated from the banks, clean, en/zh code-identical, stored outputs up to date."""

import json
import re

import pytest

from xbedu.quiz.bank import default_banks_dir
from xbedu.quiz.notebooks import write_notebooks

QUIZZES = default_banks_dir().parent
NAMES = ["00-progress.ipynb", *(f"0{n}-quiz.ipynb" for n in range(1, 7))]


def load(lang, name):
    return json.loads((QUIZZES / lang / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", NAMES)
def test_en_and_zh_share_code_except_parameters(name):
    en, zh = load("en", name), load("zh", name)
    assert [c["cell_type"] for c in en["cells"]] == [c["cell_type"] for c in zh["cells"]]
    for a, b in zip(en["cells"], zh["cells"]):
        if a["cell_type"] != "code":
            continue
        if "parameters" in a["metadata"].get("tags", []):
            assert "".join(a["source"]) == 'LANG = "en"' and "".join(b["source"]) == 'LANG = "zh"'
        else:
            assert a["source"] == b["source"] and a["metadata"] == b["metadata"]


@pytest.mark.parametrize("name", NAMES)
def test_stored_clean(name):
    for lang in ("en", "zh"):
        nb = load(lang, name)
        assert set(nb["metadata"]) == {"kernelspec", "language_info"} and nb["metadata"]["language_info"] == {"name": "python"}
        checked = [c for c in nb["cells"] if "nbval-check-output" in c["metadata"].get("tags", [])]
        assert len(checked) == 1
        for cell in nb["cells"]:
            if cell["cell_type"] == "code" and cell not in checked:
                assert cell["outputs"] == [] and cell["execution_count"] is None
        text = "".join(checked[0]["outputs"][0]["data"]["text/plain"])
        assert not re.search(r"0x[0-9a-f]+|\d{4}-\d\d-\d\dT\d\d:", text)  # no object ids, no timestamps


def test_notebooks_are_up_to_date_with_the_banks(tmp_path):
    copy = tmp_path / "quizzes"
    (copy / "banks").mkdir(parents=True)
    for bank in default_banks_dir().glob("*.yaml"):
        (copy / "banks" / bank.name).write_bytes(bank.read_bytes())
    (tmp_path / "lessons").symlink_to(QUIZZES.parent / "lessons")
    write_notebooks(copy)
    for lang in ("en", "zh"):
        for name in NAMES:
            assert json.loads((copy / lang / name).read_text(encoding="utf-8")) == load(lang, name), f"rerun python -m xbedu.quiz.notebooks: {lang}/{name}"
