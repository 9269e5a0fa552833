"""Build the course as a static JupyterLite site: ``xbedu site build [--out DIR]``.

The site holds the lessons, the quizzes and ``data/``, plus a wheel of ``xbedu`` that
carries its own copy of the data package (``xbedu/_data``) and the question banks
(``xbedu/_banks``), so ``import xbedu`` works in the browser's Pyodide kernel. Each
notebook copy gets a first cell that installs that wheel with piplite; the source
notebooks are never changed. The Lite build runs offline (the wheel build may fetch
setuptools from PyPI or pip's cache when ``wheel`` is not installed); the finished site loads
Pyodide and its numpy/pandas wheels from a CDN when a learner opens it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .errors import InputError

__all__ = [
    "LITE_KERNELSPEC",
    "LITE_SKIP_PACKAGES",
    "SiteReport",
    "build_site",
    "build_wheel",
    "lite_install_cell",
    "lite_notebook",
    "lite_requirements",
    "register",
]

#: The Pyodide kernel's spec: notebooks that name it open in Lite without a "Select Kernel" dialog.
LITE_KERNELSPEC = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}

#: Runtime dependencies that are not installed in the browser: the Lab server itself, and
#: vl-convert (compiled; no WebAssembly wheel), which charts only use for offline rendering.
LITE_SKIP_PACKAGES = frozenset({"jupyterlab", "vl-convert-python"})

#: Pyodide standard-library modules loaded as packages (the quiz progress store uses sqlite3).
LITE_PYODIDE_MODULES = ("sqlite3",)

#: Folders of the checkout that become site contents (relative to the checkout root); the quiz
#: notebooks open their bank by a relative path (``../banks/chNN.yaml``), so the banks are there too
#: (the practice release: no plain answer key on a public site).
CONTENT_DIRS = ("lessons/en", "lessons/zh", "quizzes/en", "quizzes/zh", "quizzes/banks", "data")

#: Marks the generated install cell (cell metadata), so a rebuilt copy is never patched twice.
INSTALL_CELL_MARK = "xbedu-lite-install"


@dataclass(frozen=True, slots=True)
class SiteReport:
    """What a site build produced: where, which wheel, how many notebooks, size and time."""

    out_dir: Path
    wheel: str
    notebooks: int
    size_bytes: int
    seconds: float


def _checkout_root() -> Path:
    return Path(__file__).resolve().parent.parent


def lite_requirements() -> tuple[str, ...]:
    """Return the package names piplite installs before ``xbedu`` (its deps minus server-only ones)."""
    try:
        requires = metadata.requires("xbedu") or []
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare source tree
        requires = []
    names = []
    for req in requires:
        if "extra ==" in req:
            continue
        name = req.split(";")[0].strip()
        for sep in "<>=!~[ (":
            name = name.split(sep)[0]
        if name.lower() not in LITE_SKIP_PACKAGES and name not in names:
            names.append(name)
    return (*names, *LITE_PYODIDE_MODULES)


def lite_install_cell(lang: str = "en") -> dict:
    """Return the notebook cell (nbformat 4 dict) that installs the bundled wheel in Lite."""
    from .i18n import t

    source = "\n".join([
        f"# {t('site.install_comment', lang)}",
        f"%pip install -q {' '.join(lite_requirements())}",
        "%pip install -q --no-deps xbedu",
    ])
    return {
        "cell_type": "code",
        "execution_count": None,
        "id": INSTALL_CELL_MARK,
        "metadata": {"tags": [INSTALL_CELL_MARK]},
        "outputs": [],
        "source": source,
    }


def lite_notebook(notebook: dict, lang: str = "en") -> dict:
    """Return a copy of ``notebook`` for Lite: Pyodide kernelspec, install cell before the first code cell.

    >>> nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": "# T"}], "metadata": {}}
    >>> [c.get("id") for c in lite_notebook(nb)["cells"]]
    [None, 'xbedu-lite-install']
    """
    out = json.loads(json.dumps(notebook))
    cells = [c for c in out.get("cells", []) if INSTALL_CELL_MARK not in c.get("metadata", {}).get("tags", [])]
    first_code = next((i for i, c in enumerate(cells) if c.get("cell_type") == "code"), len(cells))
    cells.insert(first_code, lite_install_cell(lang))
    out["cells"] = cells
    out.setdefault("metadata", {})["kernelspec"] = dict(LITE_KERNELSPEC)
    out["metadata"]["language_info"] = {"name": "python"}
    out.setdefault("nbformat", 4)
    out["nbformat_minor"] = max(out.get("nbformat_minor", 5), 5)  # cell ids need 4.5
    return out


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)


def build_wheel(root: Path, wheel_dir: Path, *, banks_dir: Path | None = None) -> Path:
    """Build an ``xbedu`` wheel from ``root`` that carries ``data/`` and the question banks inside.

    Args:
        root: the checkout (holds ``pyproject.toml``, ``xbedu/``, ``data/``, ``quizzes/banks/``).
        wheel_dir: folder the wheel is written to.
        banks_dir: the banks to bundle (default: the checkout's ``quizzes/banks``; the site passes
            the practice release, so no plain answer key is published).

    Returns:
        The path of the wheel.

    Raises:
        InputError: the checkout is incomplete or the wheel build failed.
    """
    wheel_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="xbedu-wheel-") as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        for name in ("pyproject.toml", "README.md", "LICENSE"):
            if (root / name).exists():
                shutil.copy2(root / name, src / name)
        shutil.copytree(root / "xbedu", src / "xbedu", ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "_data", "_banks"))
        shutil.copytree(root / "data", src / "xbedu" / "_data")
        banks = banks_dir if banks_dir is not None else root / "quizzes" / "banks"
        (src / "xbedu" / "_banks").mkdir()
        if banks.is_dir():
            shutil.copytree(banks, src / "xbedu" / "_banks", dirs_exist_ok=True)
        # setuptools ships files listed here as package data (include_package_data is on for pyproject builds).
        (src / "MANIFEST.in").write_text("graft xbedu/_data\ngraft xbedu/_banks\nglobal-exclude *.py[cod] __pycache__\n", encoding="utf-8")
        base = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheel_dir)]
        # Offline first (the installed setuptools); then an isolated build that may fetch setuptools.
        result = _run([*base, "--no-build-isolation", str(src)], Path(tmp))
        if result.returncode != 0:
            result = _run([*base, str(src)], Path(tmp))
        if result.returncode != 0:
            raise InputError("site.error.wheel_failed", detail=_tail(result))
    wheels = sorted(wheel_dir.glob("xbedu-*.whl"), key=lambda p: p.stat().st_mtime)
    if not wheels:
        raise InputError("site.error.wheel_failed", detail=f"no xbedu-*.whl in {wheel_dir}")
    _check_wheel(wheels[-1])
    return wheels[-1]


def _check_wheel(wheel: Path) -> None:
    import zipfile

    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    if "xbedu/_data/datapackage.json" not in names:
        raise InputError("site.error.wheel_failed", detail=f"{wheel.name} lacks xbedu/_data/datapackage.json")


def _tail(result: subprocess.CompletedProcess[str], lines: int = 15) -> str:
    return "\n".join((result.stdout + result.stderr).strip().splitlines()[-lines:])


def student_banks(root: Path, out_dir: Path) -> Path:
    """Write the practice release of every bank into ``out_dir``: keys as salted hashes, explanations sealed.

    A static site is public, so it carries these instead of the instructor's banks; ``grade()``
    checks answers against the hashed keys just the same.
    """
    import yaml  # noqa: PLC0415

    from .quiz.release import release_bank  # noqa: PLC0415

    out_dir.mkdir(parents=True, exist_ok=True)
    for path in sorted((root / "quizzes" / "banks").glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = yaml.safe_dump(release_bank(raw, "practice"), allow_unicode=True, sort_keys=False)
        (out_dir / path.name).write_text(text, encoding="utf-8")
    return out_dir


def _stage_contents(root: Path, contents: Path, banks_dir: Path | None = None) -> int:
    """Copy the course into ``contents``, turning each notebook into its Lite copy; return the notebook count."""
    count = 0
    for rel in CONTENT_DIRS:
        source = banks_dir if (rel == "quizzes/banks" and banks_dir is not None) else root / rel
        if not source.is_dir():
            continue
        target = contents / rel
        shutil.copytree(source, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        lang = "zh" if "/zh" in rel else "en"
        for path in sorted(target.rglob("*.ipynb")):
            notebook = json.loads(path.read_text(encoding="utf-8"))
            path.write_text(json.dumps(lite_notebook(notebook, lang), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            count += 1
    return count


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def build_site(out_dir: str | Path = "_site", *, root: str | Path | None = None, sourcemaps: bool = False) -> SiteReport:
    """Build the static JupyterLite site of the course into ``out_dir`` (replaced if it exists).

    Args:
        out_dir: folder to write the site to; serve it with any static web server.
        root: the course checkout; defaults to the one this package was installed from.
        sourcemaps: keep the JavaScript source maps (about 49 MB more).

    Returns:
        A ``SiteReport`` with the wheel name, notebook count, site size and build time.

    Raises:
        InputError: ``root`` is not a checkout of the course, or a build step failed.
    """
    started = time.perf_counter()
    root = Path(root) if root is not None else _checkout_root()
    out = Path(out_dir).resolve()
    for needed in ("pyproject.toml", "xbedu", "data/datapackage.json", "lessons"):
        if not (root / needed).exists():
            raise InputError("site.error.not_checkout", path=str(root), missing=needed)
    with tempfile.TemporaryDirectory(prefix="xbedu-site-") as tmp:
        work = Path(tmp)
        banks = student_banks(root, work / "banks")
        wheel = build_wheel(root, work / "wheels", banks_dir=banks)
        contents = work / "contents"
        notebooks = _stage_contents(root, contents, banks)
        lite_dir = work / "lite"
        lite_dir.mkdir()
        if out.exists():
            shutil.rmtree(out)
        cmd = [
            sys.executable, "-m", "jupyter", "lite", "build",
            "--lite-dir", str(lite_dir), "--contents", str(contents),
            "--output-dir", str(out), "--piplite-wheels", str(wheel),
        ]
        if not sourcemaps:
            cmd.append("--no-sourcemaps")
        result = _run(cmd, lite_dir)  # cwd: its .jupyterlite.doit.db stays in the temp dir
        if result.returncode != 0 or not (out / "index.html").exists():
            raise InputError("site.error.lite_failed", detail=_tail(result))
    return SiteReport(out_dir=out, wheel=wheel.name, notebooks=notebooks, size_bytes=_size(out), seconds=time.perf_counter() - started)


def _cmd_build(args: argparse.Namespace) -> int:
    report = build_site(args.out, sourcemaps=args.sourcemaps)
    print(
        f"JupyterLite site: {report.out_dir} ({report.notebooks} notebooks, {report.size_bytes / 1e6:.1f} MB, "
        f"{report.wheel}, {report.seconds:.1f} s)\n"
        f"Serve it with: python -m http.server --directory {report.out_dir}  then open http://localhost:8000/lab/index.html"
    )
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``xbedu site build`` to the command line."""
    site = subparsers.add_parser("site", help="build the course as a static JupyterLite site")
    sub = site.add_subparsers(dest="site_command", metavar="ACTION")
    build = sub.add_parser("build", help="build the static site (no server needed to host it)")
    build.add_argument("--out", default="_site", help="output folder (default: _site)")
    build.add_argument("--sourcemaps", action="store_true", help="keep JavaScript source maps (about 49 MB more)")
    build.set_defaults(func=_cmd_build)
    site.set_defaults(func=lambda _args: site.print_help() or 2)
