"""What the notebook tests read: the repository's lessons, toc, outline and stored notebooks."""

from __future__ import annotations

import functools
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
LANGS = ("en", "zh")
CHECK_TAG = "nbval-check-output"


def read_yaml(path: Path) -> Any:
    """Return a YAML file's content."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def toc() -> list[dict[str, Any]]:
    """Return the lessons listed in lessons/toc.yaml."""
    return read_yaml(ROOT / "lessons" / "toc.yaml")["lessons"]


def outline_points() -> list[dict[str, Any]]:
    """Return the points of lessons/outline.yaml."""
    return read_yaml(ROOT / "lessons" / "outline.yaml")["points"]


def lesson_names() -> list[str]:
    """Return the stems of the lesson sources that exist (NN-slug)."""
    return sorted(p.stem for p in (ROOT / "lessons" / "src").glob("*.md"))


def load_nb(path: Path) -> dict[str, Any]:
    """Return a stored notebook as plain JSON."""
    return json.loads(path.read_text(encoding="utf-8"))


def stored_notebooks(*folders: str) -> list[Path]:
    """Return every stored notebook under the given folders (relative to the repo)."""
    return sorted(p for folder in folders for p in (ROOT / folder).glob("*.ipynb"))


def source(cell: dict[str, Any]) -> str:
    """Return a cell's source as one string."""
    src = cell["source"]
    return src if isinstance(src, str) else "".join(src)


def tags(cell: dict[str, Any]) -> list[str]:
    """Return a cell's tags."""
    return list(cell.get("metadata", {}).get("tags", []))


@functools.lru_cache(maxsize=1)
def builder() -> Any:
    """Import tools/build_lessons.py as a module (once)."""
    spec = importlib.util.spec_from_file_location("build_lessons", ROOT / "tools" / "build_lessons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_lessons"] = module
    spec.loader.exec_module(module)
    return module


def lesson_notebooks() -> list[Path]:
    """Return the built lesson notebooks of every existing source, both languages."""
    return [ROOT / "lessons" / lang / f"{name}.ipynb" for name in lesson_names() for lang in LANGS]
