"""What the browser tests do in JupyterLab: open a notebook, run it, find outputs, run axe-core.

Selectors were measured with JupyterLab 4.6 and ipywidgets 8 (see the tooling notes).
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

#: Every code cell with source has a numbered prompt, none is queued or running.
_ALL_EXECUTED_JS = """() => {
  const cells = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell')];
  const withCode = cells.filter(c => (c.querySelector('.jp-InputArea-editor')?.textContent || '').trim() !== '');
  return withCode.length > 0 && withCode.every(c => /\\[\\d+\\]/.test(c.querySelector('.jp-InputPrompt')?.textContent || ''));
}"""


def kernel_idle(base_url: str, timeout_s: float = 60.0) -> None:
    """Wait until every kernel of the server reports ``idle`` (its REST API; the UI can lag behind)."""
    deadline = time.monotonic() + timeout_s
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base_url}/api/kernels", timeout=5) as response:
                kernels = json.load(response)
        except (urllib.error.URLError, OSError) as exc:
            # the kernels API can answer 500 for a moment while the previous test's kernel shuts down
            last_error, kernels = exc, []
        if kernels and all(k.get("execution_state") == "idle" for k in kernels):
            return
        time.sleep(0.2)
    raise TimeoutError(f"no idle kernel after {timeout_s:.0f} s" + (f" (last error: {last_error})" if last_error else ""))


def open_notebook(page: Any, base_url: str, rel_path: str) -> float:
    """Open ``rel_path`` in a fresh workspace (``?reset``) and wait for its kernel; return seconds taken."""
    started = time.perf_counter()
    page.goto(f"{base_url}/lab/tree/{rel_path}?reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']")
    kernel_idle(base_url)
    return time.perf_counter() - started


def run_all(page: Any, timeout_ms: int = 120_000) -> float:
    """Run every cell from the Run menu and wait until all have executed; return seconds taken."""
    started = time.perf_counter()
    page.click(".jp-NotebookPanel .jp-Notebook .jp-Cell >> nth=0")  # a focused cell, or Run All may do nothing
    page.click(".lm-MenuBar-itemLabel:text-is('Run')")
    page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
    page.wait_for_function(_ALL_EXECUTED_JS, timeout=timeout_ms)
    return time.perf_counter() - started


def error_outputs(page: Any) -> list[str]:
    """Return the text of every output that shows a Python error (traceback or ``…Error:``)."""
    texts = page.eval_on_selector_all(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']",
        "els => els.map(e => e.innerText)",
    )
    return [t for t in texts if "Traceback" in t or re.search(r"\b\w*(Error|Exception)\b", t)]


def output_with_heading(page: Any, heading: str) -> Any:
    """Return the output area whose widget shows ``heading`` as its ``<h3>`` title (an explorer)."""
    return page.locator(".jp-OutputArea-output", has=page.locator(f"h3:text-is({json.dumps(heading, ensure_ascii=False)})")).first


def slider_by_label(scope: Any, label: str) -> Any:
    """Return the ipywidgets slider whose description is ``label``."""
    return scope.locator(".widget-slider", has=scope.page.locator(f".widget-label:text-is({json.dumps(label, ensure_ascii=False)})")).first


def screenshot(page: Any, folder: Path, name: str, locator: Any = None) -> Path:
    """Save a PNG of the page (or of one element) under ``folder``; return its path."""
    path = folder / f"{name}.png"
    (locator or page).screenshot(path=str(path))
    return path


def run_axe(page: Any, source: str, selector: str) -> dict[str, list[dict[str, Any]]]:
    """Run axe-core on the elements matching ``selector``; return violations grouped by impact."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=source)
    result = page.evaluate(
        """async (sel) => {
            const nodes = document.querySelectorAll(sel);
            if (!nodes.length) return null;
            // "region" (every node inside a landmark) is a whole-page rule: JupyterLab's, not ours.
            const r = await axe.run(nodes, {resultTypes: ['violations'], rules: {region: {enabled: false}}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                          nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.html.slice(0, 160))}));
        }""",
        selector,
    )
    if result is None:
        raise AssertionError(f"axe: nothing matches {selector!r}")
    grouped: dict[str, list[dict[str, Any]]] = {}
    for violation in result:
        grouped.setdefault(violation["impact"] or "unknown", []).append(violation)
    return grouped
