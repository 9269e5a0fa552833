"""Delivery benchmark: time to the first rendered explorer in JupyterLab and JupyterLite, and the site size.

Prints numbers; asserts nothing. Needs Debian's chromium and the test extra::

    .venv/bin/python benchmarks/bench_delivery.py [--runs 3] [--lesson lessons/en/03-operations.ipynb] [--no-lite]

"Time to first explorer" is measured from ``page.goto`` of the lesson (fresh workspace) to the
first explorer chart (an ``svg[role=img]`` inside a widget) being visible, with Run All clicked as
soon as the kernel is idle. The JupyterLab server is started once (its start time is printed
separately) over a temporary copy of the course, like the browser tests.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from conftest import (  # noqa: E402
    CHROMIUM_ARGS, LAB_SETTINGS, SERVED, LabServer, _free_port, _interrupt_on_sigterm, _stop, _wait_http,
)
from notebook_ui import kernel_idle, run_all  # noqa: E402

EXPLORER_CHART = ".jp-OutputArea-output .widget-html svg[role=img]"


def first_explorer_lesson(lang: str = "en") -> str:
    """Return the first lesson notebook (relative path) whose code shows an explorer."""
    for path in sorted((ROOT / "lessons" / lang).glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        if any(re.search(r"\b\w+_explorer\(", "".join(c["source"])) for c in cells if c["cell_type"] == "code"):
            return path.relative_to(ROOT).as_posix()
    raise SystemExit(f"no lesson in lessons/{lang}/ shows an explorer")


def start_lab(base: Path) -> tuple[subprocess.Popen, LabServer, float]:
    """Start JupyterLab over a copy of the course; return the process, server and seconds to /api/status."""
    root = base / "course"
    for name in SERVED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for rel, values in LAB_SETTINGS.items():
        (base / "settings" / rel).parent.mkdir(parents=True, exist_ok=True)
        (base / "settings" / rel).write_text(json.dumps(values), encoding="utf-8")
    (base / "home").mkdir()
    env = {**os.environ, "HOME": str(base / "home"), "JUPYTER_CONFIG_DIR": str(base / "config"),
           "JUPYTER_RUNTIME_DIR": str(base / "runtime"), "JUPYTERLAB_SETTINGS_DIR": str(base / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(base / "workspaces"), "JUPYTER_PLATFORM_DIRS": "1",
           "XBEDU_PROGRESS_DB": str(base / "home" / "progress.sqlite3")}
    port = _free_port()
    log = base / "lab.log"
    started = time.perf_counter()
    with log.open("w") as out:
        proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", "--allow-root", f"--port={port}",
             "--ip=127.0.0.1", "--ServerApp.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
             f"--ServerApp.root_dir={root}"],
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, cwd=root,
        )
    try:
        _wait_http(f"http://127.0.0.1:{port}/api/status", proc, log)
    except BaseException:
        _stop(proc)
        raise
    return proc, LabServer(f"http://127.0.0.1:{port}", root, log), time.perf_counter() - started


def time_lab(browser, lab: LabServer, lesson: str) -> dict[str, float]:
    """Open the lesson, Run All, wait for the first explorer chart; return the phase times in seconds."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(120_000)
    try:
        t0 = time.perf_counter()
        page.goto(f"{lab.url}/lab/tree/{lesson}?reset")
        page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell")
        t_ui = time.perf_counter()
        page.wait_for_selector(".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']")
        kernel_idle(lab.url)
        t_kernel = time.perf_counter()
        page.click(".jp-NotebookPanel .jp-Notebook .jp-Cell >> nth=0")
        page.click(".lm-MenuBar-itemLabel:text-is('Run')")
        page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
        page.wait_for_selector(EXPLORER_CHART)
        t_explorer = time.perf_counter()
        page.wait_for_function("""() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
            .every(p => !p.textContent.includes('*'))""")
        t_done = time.perf_counter()
        return {"ui": t_ui - t0, "kernel": t_kernel - t0, "first_explorer": t_explorer - t0, "all_cells": t_done - t0}
    finally:
        context.close()
        lab.delete_sessions()


def time_lite(browser, lesson: str, out: Path) -> dict[str, object]:
    """Build the site, serve it, open the lesson; return build time, size and what loaded."""
    from xbedu.site import build_site

    report = build_site(out)
    port = _free_port()
    log = out.parent / "http.log"
    with log.open("w") as handle:
        proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(out)],
                                stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)
    result: dict[str, object] = {"build_s": report.seconds, "size_mb": report.size_bytes / 1e6, "notebooks": report.notebooks}
    try:
        _wait_http(f"http://127.0.0.1:{port}/index.html", proc, log)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        failed: list[str] = []
        page.on("requestfailed", lambda r: failed.append(r.url))
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        t0 = time.perf_counter()
        page.goto(f"http://127.0.0.1:{port}/lab/index.html?path={lesson}")
        page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=120_000)
        result["ui_s"] = time.perf_counter() - t0
        idle = ".jp-StatusBar-TextItem:has-text('Pyodide) | Idle')"  # the indicator says idle before any kernel exists
        for _ in range(240):
            if page.locator(idle).count() or any("pyodide" in u for u in failed):
                break
            page.wait_for_timeout(250)
        if page.locator(idle).count():
            run_all(page, timeout_ms=300_000)
            page.wait_for_selector(".jp-OutputArea-output .vega-embed, " + EXPLORER_CHART, timeout=300_000)
            result["first_explorer_s"] = time.perf_counter() - t0
        else:
            result["first_explorer_s"] = None
            result["kernel"] = "not started: " + ", ".join(sorted({u for u in failed if "pyodide" in u})[:1])
        context.close()
    finally:
        _stop(proc)
    return result


def main() -> int:
    """Run the benchmark and print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lesson", help="lesson notebook, relative to the checkout (default: the first with an explorer)")
    parser.add_argument("--no-lite", action="store_true", help="skip the JupyterLite build and load")
    args = parser.parse_args()
    _interrupt_on_sigterm()  # a killed benchmark still stops its servers
    chromium = shutil.which("chromium")
    if not chromium:
        print("chromium is not installed (apt-get install chromium): nothing measured")
        return 1
    from playwright.sync_api import sync_playwright

    lesson = args.lesson or first_explorer_lesson()
    print(f"lesson: {lesson}; {os.cpu_count()} cores; runs: {args.runs}")
    with tempfile.TemporaryDirectory(prefix="xbedu-bench-") as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        proc, lab, start_s = start_lab(Path(tmp) / "lab")
        try:
            print(f"JupyterLab server start (to /api/status): {start_s:.2f} s")
            runs = [time_lab(browser, lab, lesson) for _ in range(args.runs)]
        finally:
            _stop(proc)
        for key in ("ui", "kernel", "first_explorer", "all_cells"):
            values = [r[key] for r in runs]
            print(f"JupyterLab {key:>15}: median {statistics.median(values):6.2f} s  (runs: {', '.join(f'{v:.2f}' for v in values)})")
        if not args.no_lite:
            (Path(tmp) / "lite").mkdir()
            lite = time_lite(browser, lesson, Path(tmp) / "lite" / "site")
            print(f"JupyterLite build: {lite['build_s']:.1f} s; site size {lite['size_mb']:.1f} MB; {lite['notebooks']} notebooks")
            print(f"JupyterLite UI + notebook shown: {lite['ui_s']:.2f} s")
            if lite["first_explorer_s"] is None:
                print(f"JupyterLite first explorer: n/a, kernel {lite['kernel']} (Pyodide comes from a CDN; offline here)")
            else:
                print(f"JupyterLite first explorer: {lite['first_explorer_s']:.2f} s")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
