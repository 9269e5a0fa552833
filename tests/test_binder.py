"""Binder (repo2docker) installs what pyproject.toml declares, and opens the first lesson."""

import json
import re
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"


def _name(requirement: str) -> str:
    """Return the normalised project name of a requirement line (PEP 503)."""
    name = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement).group(1)
    return re.sub(r"[-_.]+", "-", name).lower()


def _spec(requirement: str) -> tuple[str, str]:
    """Return (name, version specifier without spaces) of a requirement, its comment dropped."""
    text = requirement.split("#", 1)[0].strip()
    name = _name(text)
    rest = text[re.match(r"\s*[A-Za-z0-9][A-Za-z0-9._-]*", text).end():]
    return name, re.sub(r"\s+", "", rest)


def _binder_requirements() -> list[str]:
    lines = (BINDER / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.split("#", 1)[0].strip()]


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_binder_requirements_equal_the_package_dependencies():
    wanted = dict(_spec(r) for r in _pyproject()["project"]["dependencies"])
    binder = [_spec(r) for r in _binder_requirements()]
    assert len(binder) == len(dict(binder)), f"a package is listed twice in binder/requirements.txt: {binder}"
    assert dict(binder) == wanted


def test_binder_leaves_out_test_only_tools():
    test_only = {_name(r) for r in _pyproject()["project"]["optional-dependencies"]["test"]}
    runtime = {_name(r) for r in _pyproject()["project"]["dependencies"]}
    listed = {_name(r) for r in _binder_requirements()}
    assert "playwright" in test_only  # the check below is about a real test-only tool
    assert not (listed & (test_only - runtime)), listed & (test_only - runtime)


def test_binder_requirements_are_plain_pins_not_local_paths():
    # A local path (".", "-e .") makes repo2docker install before the repo is copied: postBuild does it.
    for line in _binder_requirements():
        assert not line.startswith(("-", ".", "/")), line


def test_post_build_installs_the_package_and_is_executable():
    post = BINDER / "postBuild"
    text = post.read_text(encoding="utf-8")
    assert post.stat().st_mode & 0o111, "postBuild must be executable for repo2docker"
    assert text.startswith("#!/usr/bin/env bash") and "set -euo pipefail" in text
    assert re.search(r"pip install --no-deps (-e )?\.\s", text), "postBuild must install the package itself"
    assert "playwright" not in text


def test_binder_opens_the_first_lesson():
    text = (BINDER / "postBuild").read_text(encoding="utf-8")
    config = json.loads(re.search(r"xbedu\.json\" <<'JSON'\n(.+?)\nJSON", text, flags=re.S).group(1))
    url = config["ServerApp"]["default_url"]
    assert url.startswith("/lab/tree/")
    notebook = ROOT / url.removeprefix("/lab/tree/")
    if not notebook.exists():
        pytest.fail(f"Binder opens {notebook.relative_to(ROOT)}, which does not exist")
    assert notebook.suffix == ".ipynb"


def test_runtime_python_is_one_the_package_supports():
    runtime = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    major, minor = map(int, re.fullmatch(r"python-(\d+)\.(\d+)", runtime).groups())
    floor = re.search(r">=\s*(\d+)\.(\d+)", _pyproject()["project"]["requires-python"]).groups()
    assert (major, minor) >= tuple(map(int, floor))
