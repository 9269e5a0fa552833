"""Import cost: `import xbedu` against the libraries a lesson uses (fresh interpreter each run).

Run: .venv/bin/python benchmarks/bench_import.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys

RUNS = 5
TARGETS = {
    "xbedu": "import xbedu",
    "xbedu + data loaded": "import xbedu.data as d; d.load()",
    "ipywidgets": "import ipywidgets",
    "pandas": "import pandas",
    "altair": "import altair",
}


def wall_seconds(code: str) -> float:
    """Return the in-process wall time of ``code`` in a fresh interpreter."""
    probe = f"import time; t=time.perf_counter(); {code}; print(time.perf_counter()-t)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main() -> None:
    """Print median and max import time per target."""
    print(f"{'import':<22}{'median ms':>10}{'max ms':>10}   ({RUNS} fresh interpreters)")
    for name, code in TARGETS.items():
        times = [wall_seconds(code) * 1000 for _ in range(RUNS)]
        print(f"{name:<22}{statistics.median(times):>10.1f}{max(times):>10.1f}")


if __name__ == "__main__":
    main()
