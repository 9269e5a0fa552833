"""Run All time of every lesson and quiz notebook (fresh kernel each, as nbval runs them) and stored sizes.

Target: each notebook under 15 s on the course's 2-core machine, the whole course well under 5 minutes.
Run: .venv/bin/python benchmarks/bench_notebooks.py
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def run_all_seconds(path: Path) -> float:
    """Execute the notebook in its own folder with a fresh kernel; return the wall time."""
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - start


def main() -> None:
    """Print each notebook's Run All time and size, then the totals."""
    scratch = tempfile.mkdtemp(prefix="xbedu-bench-")
    os.environ.setdefault("XBEDU_PROGRESS_DB", os.path.join(scratch, "progress.sqlite3"))
    os.environ.setdefault("XBEDU_QUIZ_AUTOSOLVE", "1")
    paths = sorted(ROOT.glob("lessons/*/*.ipynb")) + sorted(ROOT.glob("quizzes/*/*.ipynb"))
    total_s = total_b = 0.0
    slowest = (0.0, "")
    print(f"{'notebook':<42}{'Run All s':>10}{'stored KB':>11}")
    for path in paths:
        seconds, size = run_all_seconds(path), path.stat().st_size
        total_s, total_b = total_s + seconds, total_b + size
        slowest = max(slowest, (seconds, str(path.relative_to(ROOT))))
        print(f"{str(path.relative_to(ROOT)):<42}{seconds:>10.1f}{size / 1024:>11.1f}")
    print(f"\n{len(paths)} notebooks: {total_s:.0f} s in all (target well under 300 s), slowest {slowest[1]} {slowest[0]:.1f} s "
          f"(target < 15 s); stored {total_b / 1024:.0f} KB")


if __name__ == "__main__":
    main()
