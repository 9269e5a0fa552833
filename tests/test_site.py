"""xbedu.site: notebook copies for JupyterLite, the bundled wheel, the ``xbedu site build`` command."""

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from xbedu import site
from xbedu.cli import build_parser
from xbedu.errors import InputError
from xbedu.i18n import t

ROOT = Path(__file__).resolve().parent.parent


def _notebook(*cells: tuple[str, str], kernel: str = "python3") -> dict:
    return {
        "cells": [{"cell_type": kind, "metadata": {}, "source": text, **({"outputs": [], "execution_count": None} if kind == "code" else {})}
                  for kind, text in cells],
        "metadata": {"kernelspec": {"name": kernel, "display_name": "Python 3", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 4,
    }


def test_lite_notebook_puts_the_install_cell_before_the_first_code_cell():
    nb = _notebook(("markdown", "# Title"), ("markdown", "intro"), ("code", 'LANG = "en"'), ("code", "x"))
    out = site.lite_notebook(nb, "en")
    kinds = [(c["cell_type"], c.get("id")) for c in out["cells"]]
    assert kinds == [("markdown", None), ("markdown", None), ("code", site.INSTALL_CELL_MARK), ("code", None), ("code", None)]
    install = out["cells"][2]["source"]
    assert "%pip install -q --no-deps xbedu" in install
    assert install.splitlines()[0] == "# " + t("site.install_comment", "en")


def test_lite_notebook_uses_the_pyodide_kernel_and_leaves_the_source_alone():
    nb = _notebook(("code", "1 + 1"))
    before = json.dumps(nb, sort_keys=True)
    out = site.lite_notebook(nb, "zh")
    assert json.dumps(nb, sort_keys=True) == before
    assert out["metadata"]["kernelspec"] == site.LITE_KERNELSPEC
    assert out["nbformat_minor"] >= 5  # cell ids are valid from nbformat 4.5
    assert t("site.install_comment", "zh") in out["cells"][0]["source"]


def test_lite_notebook_is_idempotent():
    once = site.lite_notebook(_notebook(("code", "1")), "en")
    twice = site.lite_notebook(once, "en")
    assert [c["source"] for c in twice["cells"]] == [c["source"] for c in once["cells"]]


def test_lite_notebook_without_code_gets_the_install_cell_last():
    out = site.lite_notebook(_notebook(("markdown", "only prose")), "en")
    assert [c["cell_type"] for c in out["cells"]] == ["markdown", "code"]


def test_lite_requirements_are_the_runtime_deps_minus_server_only_ones():
    names = site.lite_requirements()
    lowered = {n.lower() for n in names}
    assert not lowered & site.LITE_SKIP_PACKAGES
    for needed in ("ipywidgets", "altair", "pandas", "pyyaml"):
        assert needed in lowered, names
    assert "playwright" not in lowered and "pytest" not in lowered  # the test extra stays out
    assert names[-len(site.LITE_PYODIDE_MODULES):] == site.LITE_PYODIDE_MODULES
    assert len(names) == len(set(names))


def test_build_site_refuses_a_folder_that_is_not_a_checkout(tmp_path):
    with pytest.raises(InputError) as err:
        site.build_site(tmp_path / "out", root=tmp_path)
    assert err.value.key == "site.error.not_checkout"
    assert str(tmp_path) in str(err.value) and "pyproject.toml" in str(err.value)
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The xbedu wheel the site bundles, built once for this module."""
    return site.build_wheel(ROOT, tmp_path_factory.mktemp("wheel"))


def test_build_wheel_carries_the_data_package_and_the_banks(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    data_files = {p.relative_to(ROOT / "data").as_posix() for p in (ROOT / "data").rglob("*") if p.is_file()}
    assert {f"xbedu/_data/{f}" for f in data_files} <= names
    banks = {p.name for p in (ROOT / "quizzes" / "banks").glob("*.yaml")}
    assert {f"xbedu/_banks/{b}" for b in banks} <= names
    assert "xbedu/locales/site.json" in names and "xbedu/site.py" in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert not (ROOT / "xbedu" / "_data").exists()  # built from a temporary copy


def test_the_installed_wheel_reads_its_own_data_without_the_checkout(wheel, tmp_path):
    target = tmp_path / "site-packages"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    purelib = sysconfig.get_paths()["purelib"]  # for yaml and jsonschema; -S keeps the editable install out
    code = ("import xbedu, xbedu.data as d; from xbedu.i18n import t; "
            "print(xbedu.__file__); print(d.data_dir()); print(len(d.load().figures)); print(t('site.install_comment', 'en'))")
    out = subprocess.run([sys.executable, "-S", "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": f"{target}{os.pathsep}{purelib}", "XBEDU_DATA": ""}).stdout.splitlines()
    assert out[0] == str(target / "xbedu" / "__init__.py")
    assert out[1] == str(target / "xbedu" / "_data")
    from xbedu.data import load

    assert int(out[2]) == len(load().figures) > 0
    assert out[3] == t("site.install_comment", "en")


def test_cli_has_site_build_with_an_out_option():
    args = build_parser().parse_args(["site", "build", "--out", "somewhere"])
    assert args.out == "somewhere" and args.func is not None and args.sourcemaps is False
    assert build_parser().parse_args(["site", "build"]).out == "_site"


def test_the_site_publishes_practice_banks_without_a_plain_key(tmp_path):
    import yaml

    from xbedu.quiz.bank import load_bank
    from xbedu.quiz.grading import grade

    out = site.student_banks(ROOT, tmp_path / "banks")
    instructor = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / "quizzes" / "banks").glob("*.yaml")}
    assert sorted(p.name for p in out.glob("*.yaml")) == sorted(instructor)
    for name, raw in instructor.items():
        student = yaml.safe_load((out / name).read_text(encoding="utf-8"))
        assert all("answer" not in q for q in student["questions"]), name
        # explanations are sealed until answered right (computed questions have no fixed answer to hide)
        assert all("explanation" not in q for q in student["questions"] if q["type"] != "computed"), name
    # the hashed key still grades: the instructor's right answer scores full marks against the student copy
    raw_q = next(q for q in instructor["ch03.yaml"]["questions"] if q["type"] == "ordering")
    student_q = next(q for q in load_bank(out / "ch03.yaml").questions if q.id == raw_q["id"])
    result = grade(student_q, raw_q["answer"])
    assert result.score == result.max_score
