"""Fixtures for the browser tests: a JupyterLab server, a static JupyterLite site, Debian's chromium.

Every server is started on a free local port in its own process group and stopped (the whole
group) when the session ends, also when a test fails. Nothing is written into the working
tree except screenshots under ``test-artifacts/``: the server serves a temporary copy of the
lessons and quizzes, with autosave off, a temporary ``HOME`` (so quiz progress stays out of
the learner's own store) and temporary Jupyter config, settings and workspace folders (no news
pop-up, no restored tabs). Playwright drives ``shutil.which("chromium")``; it never downloads
a browser.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: The course folder served to the browser: the checkout, or fixture notebooks while developing these tests.
COURSE = Path(os.environ.get("XBEDU_E2E_COURSE") or ROOT)
ARTIFACTS = ROOT / "test-artifacts"
CACHE = ROOT / ".cache"
BIN = Path(sys.executable).parent

#: Chromium flags measured to work headless in a container (see the tooling notes).
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

#: Folders of the checkout served to the browser (copied, so the tests never edit them).
SERVED = ("lessons", "quizzes", "data")

#: JupyterLab user settings: no news/update toast, no autosave into the served copy.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


def _interrupt_on_sigterm() -> None:
    """Turn SIGTERM (a CI timeout) into KeyboardInterrupt, so pytest still stops the servers."""
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        def _raise(signum: int, frame: object) -> None:
            raise KeyboardInterrupt(f"signal {signum}")

        signal.signal(signal.SIGTERM, _raise)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stop(proc: subprocess.Popen) -> None:
    """Stop a process started with ``start_new_session=True`` and everything it started."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=5)


def _wait_http(url: str, proc: subprocess.Popen, log: Path, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s:\n{log.read_text(errors='replace')[-3000:]}")


@dataclass
class LabServer:
    """A running JupyterLab: its base URL, served root and log file."""

    url: str
    root: Path
    log: Path

    def delete_sessions(self) -> None:
        """Shut down every kernel session (between tests, so no stale tab or kernel remains)."""
        with urllib.request.urlopen(f"{self.url}/api/sessions", timeout=5) as response:
            sessions = json.load(response)
        for session in sessions:
            req = urllib.request.Request(f"{self.url}/api/sessions/{session['id']}", method="DELETE")
            urllib.request.urlopen(req, timeout=10).close()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Return Debian's chromium, or skip the browser tests with the reason."""
    path = shutil.which("chromium")
    if not path:
        pytest.skip("browser tests need Debian's chromium (`apt-get install chromium`); it is not installed")
    pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package (pip install -e '.[test]')")
    return path


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Return ``test-artifacts/`` (gitignored), where screenshots go."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> Iterator[LabServer]:
    """Start ``jupyter lab`` on a free port over a copy of the course; stop it after the session."""
    _interrupt_on_sigterm()
    base = tmp_path_factory.mktemp("lab")
    root = base / "course"
    for name in SERVED:
        if (COURSE / name).is_dir():
            shutil.copytree(COURSE / name, root / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    settings = base / "settings"
    for rel, values in LAB_SETTINGS.items():
        path = settings / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    env = {
        **os.environ,
        "HOME": str(base / "home"),
        "JUPYTER_CONFIG_DIR": str(base / "config"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(base / "workspaces"),
        "JUPYTER_PLATFORM_DIRS": "1",
        "PYTHONUNBUFFERED": "1",
        "XBEDU_PROGRESS_DB": str(base / "home" / "progress.sqlite3"),
    }
    env.pop("XBEDU_QUIZ_AUTOSOLVE", None)  # the tests answer the quiz themselves
    (base / "home").mkdir()
    port = _free_port()
    log = base / "lab.log"
    cmd = [
        str(BIN / "jupyter"), "lab", "--no-browser", "--allow-root", f"--port={port}", "--ip=127.0.0.1",
        "--ServerApp.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
        f"--ServerApp.root_dir={root}",
    ]
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, cwd=root)
    try:
        _wait_http(f"http://127.0.0.1:{port}/api/status", proc, log)
        yield LabServer(url=f"http://127.0.0.1:{port}", root=root, log=log)
    finally:
        _stop(proc)


@dataclass
class LiteSite:
    """A built JupyterLite site served over HTTP: its URL, folder, size and build time."""

    url: str
    path: Path
    size_bytes: int
    build_seconds: float


@pytest.fixture(scope="session")
def lite_site(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> Iterator[LiteSite]:
    """Build the course's JupyterLite site into a temp folder and serve it with ``http.server``."""
    _interrupt_on_sigterm()
    pytest.importorskip("jupyterlite_core", reason="the JupyterLite test needs jupyterlite-core (pip install -e '.[site]')")
    from xbedu.site import build_site

    out = tmp_path_factory.mktemp("lite") / "site"
    report = build_site(out, root=ROOT)
    port = _free_port()
    log = out.parent / "http.log"
    with log.open("w") as handle:
        proc = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(out)],
            stdout=handle, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        _wait_http(f"http://127.0.0.1:{port}/index.html", proc, log)
        yield LiteSite(url=f"http://127.0.0.1:{port}", path=out, size_bytes=report.size_bytes, build_seconds=report.seconds)
    finally:
        _stop(proc)


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[object]:
    """Launch headless Debian chromium through Playwright (one browser for the session)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser: object, lab: LabServer) -> Iterator[object]:
    """A fresh page (1400×1000); its sessions are shut down after the test."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        yield page
    finally:
        context.close()
        lab.delete_sessions()


def axe_source() -> str:
    """Return axe-core's ``axe.min.js`` from ``.cache/axe-core`` (fetched once with ``npm pack``)."""
    target = CACHE / "axe-core" / "package" / "axe.min.js"
    if not target.exists():
        npm = shutil.which("npm")
        if not npm:
            pytest.skip("the accessibility check needs axe-core from npm, and npm is not installed")
        folder = target.parent.parent
        folder.mkdir(parents=True, exist_ok=True)
        result = subprocess.run([npm, "pack", "axe-core@4", "--silent"], cwd=folder, capture_output=True, text=True, timeout=120)
        tarballs = sorted(folder.glob("axe-core-*.tgz"))
        if result.returncode != 0 or not tarballs:
            pytest.skip(f"could not fetch axe-core with npm: {result.stderr.strip()[-300:]}")
        import tarfile

        with tarfile.open(tarballs[-1]) as tar:
            wanted = [m for m in tar.getmembers() if m.name == "package/axe.min.js"]
            tar.extractall(folder, members=wanted, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    return target.read_text(encoding="utf-8")
