"""``xbedu doctor``: is this computer ready for the course? Each problem comes with a fix.

Checks: the Python version, the packages the course needs (versions from installed
metadata, nothing heavy imported), the JupyterLab widget extension, the message catalog,
the data package (validated afresh), and figures whose as-of date is old (a warning).
A lesson's first cell calls ``preflight(lang)``; the command line calls ``run_checks``.

    >>> report = Report((Check("python", "ok", Message.of("doctor.check.python.ok", version="3.11.7")),))
    >>> report.ok, report.exit_code()
    (True, 0)
"""

from __future__ import annotations

import argparse
import html
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from importlib import metadata
from pathlib import Path

from .i18n import Message, check_lang, t

__all__ = ["STATUSES", "Check", "Report", "package_problems", "preflight", "register", "run_checks", "widget_extension_dirs"]

#: A check passes ("ok"), needs attention but does not stop the course ("warn"), or fails ("fail").
STATUSES: tuple[str, ...] = ("ok", "warn", "fail")
#: The JupyterLab extension that renders ipywidgets.
WIDGET_EXTENSION = ("@jupyter-widgets", "jupyterlab-manager")
_ICONS = {"ok": "✔", "warn": "!", "fail": "✘"}
#: Packages that run beside the kernel, not in it: not needed when the kernel runs in the browser (JupyterLite).
SERVER_SIDE = ("jupyterlab", "vl-convert-python")


@dataclass(frozen=True, slots=True)
class Check:
    """The result of one check: its status, what was found, and how to fix a problem."""

    key: str
    status: str
    detail: Message
    fix: Message | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """All checks, readable as text (``str``) or as an HTML table in a notebook."""

    checks: tuple[Check, ...]
    lang: str = "en"

    @property
    def ok(self) -> bool:
        """Whether no check failed (warnings do not count)."""
        return all(c.status != "fail" for c in self.checks)

    def exit_code(self) -> int:
        """Return 0 when every check passed, else 1."""
        return 0 if self.ok else 1

    def in_lang(self, lang: str) -> Report:
        """Return the same report, shown in ``lang``."""
        return replace(self, lang=check_lang(lang))

    def failed(self) -> tuple[Check, ...]:
        """Return the checks that failed."""
        return tuple(c for c in self.checks if c.status == "fail")

    def _summary(self) -> str:
        if self.ok:
            return t("doctor.summary.ok", self.lang)
        return t("doctor.summary.fail", self.lang, count=len(self.failed()))

    def render(self) -> str:
        """Return the report as plain text in the report's language."""
        lines = [t("doctor.title", self.lang)]
        for check in self.checks:
            lines.append(f"{_ICONS[check.status]} {t('doctor.name.' + check.key, self.lang)}: {check.detail.render(self.lang)}")
            if check.fix is not None and check.status != "ok":
                lines.append(f"    {t('doctor.fix', self.lang)}: {check.fix.render(self.lang)}")
        lines.append(self._summary())
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.render()

    def _repr_html_(self) -> str:
        colours = {"ok": "#1a7f37", "warn": "#9a6700", "fail": "#cf222e"}
        rows = []
        for check in self.checks:
            fix = check.fix.render(self.lang) if check.fix is not None and check.status != "ok" else ""
            rows.append(
                f"<tr><td style='color:{colours[check.status]}'>{_ICONS[check.status]} {html.escape(t('doctor.status.' + check.status, self.lang))}</td>"
                f"<td>{html.escape(t('doctor.name.' + check.key, self.lang))}</td>"
                f"<td>{_html_lines(check.detail.render(self.lang))}</td><td>{html.escape(fix)}</td></tr>"
            )
        head = "".join(f"<th>{html.escape(t('doctor.column.' + c, self.lang))}</th>" for c in ("status", "check", "detail", "fix"))
        return (
            f"<div class='xbedu-doctor'><strong>{html.escape(t('doctor.title', self.lang))}</strong>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f"<p>{html.escape(self._summary())}</p></div>"
        )


def _html_lines(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.split("\n"))


def _check_python() -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    try:
        needed = metadata.metadata("xbedu")["Requires-Python"] or ">=3.10"
    except metadata.PackageNotFoundError:
        needed = ">=3.10"
    minimum = tuple(int(p) for p in needed.lstrip(">=~ ").split(".")[:2])
    if sys.version_info[:2] >= minimum:
        return Check("python", "ok", Message.of("doctor.check.python.ok", version=version))
    return Check("python", "fail", Message.of("doctor.check.python.fail", version=version, needed=needed), Message.of("doctor.fix.python", needed=needed))


def package_problems(requirements: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return (present, problems) for requirement strings like ``"altair>=5.4"``.

    A problem reads "name (missing)" or "name 1.0 (needs >=2)". Markers (``; extra == ...``)
    are skipped: only the course's own dependencies are checked.
    """
    from packaging.requirements import (
        Requirement,  # small; installed with JupyterLab and pip
    )

    present, problems = [], []
    for text in requirements:
        req = Requirement(text)
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        try:
            installed = metadata.version(req.name)
        except metadata.PackageNotFoundError:
            problems.append(f"{req.name} (missing)")
            continue
        if req.specifier and not req.specifier.contains(installed, prereleases=True):
            problems.append(f"{req.name} {installed} (needs {req.specifier})")
        else:
            present.append(f"{req.name} {installed}")
    return tuple(present), tuple(problems)


def _check_packages(requirements: Sequence[str] | None, browser: bool) -> Check:
    if requirements is None:
        try:
            requirements = metadata.requires("xbedu") or ()
        except metadata.PackageNotFoundError:
            return Check("packages", "fail", Message.of("doctor.check.packages.not_installed"), Message.of("doctor.fix.packages"))
    if browser:
        requirements = [r for r in requirements if not any(r.lower().startswith(name) for name in SERVER_SIDE)]
    present, problems = package_problems(requirements)
    if problems:
        return Check("packages", "fail", Message.of("doctor.check.packages.fail", problems="; ".join(problems)), Message.of("doctor.fix.packages"))
    return Check("packages", "ok", Message.of("doctor.check.packages.ok", count=len(present), names=", ".join(present)))


def widget_extension_dirs() -> tuple[Path, ...]:
    """Return the folders where JupyterLab looks for prebuilt extensions (this environment first)."""
    dirs = [Path(sys.prefix) / "share" / "jupyter" / "labextensions"]
    try:
        from jupyter_core.paths import jupyter_path  # light; part of Jupyter itself
    except ImportError:
        return tuple(dirs)
    for folder in jupyter_path("labextensions"):
        if Path(folder) not in dirs:
            dirs.append(Path(folder))
    return tuple(dirs)


def _check_widgets(dirs: Sequence[Path] | None, browser: bool) -> Check:
    if browser and dirs is None:
        return Check("widgets", "ok", Message.of("doctor.check.widgets.browser"))
    folders = tuple(widget_extension_dirs() if dirs is None else dirs)
    for folder in folders:
        found = folder.joinpath(*WIDGET_EXTENSION)
        if (found / "package.json").is_file():
            return Check("widgets", "ok", Message.of("doctor.check.widgets.ok", where=str(found)))
    where = ", ".join(str(f) for f in folders) or "-"
    return Check("widgets", "fail", Message.of("doctor.check.widgets.fail", where=where), Message.of("doctor.fix.widgets"))


def _check_catalog() -> Check:
    from . import i18n

    try:
        count = len(i18n.catalog())
    except (i18n.CatalogError, ValueError) as exc:
        return Check("catalog", "fail", Message.of("doctor.check.catalog.fail", error=str(exc)), Message.of("doctor.fix.catalog"))
    return Check("catalog", "ok", Message.of("doctor.check.catalog.ok", count=count))


def _check_data(today: date, months: int) -> tuple[Check, ...]:
    from . import data

    root = data.data_dir()
    try:
        package = data.validate_dir(root)
    except data.DataError as exc:
        return (Check("data", "fail", Message.of("doctor.check.data.fail", error=str(exc), root=str(root)), Message.of("doctor.fix.data", root=str(root))),)
    found = Check(
        "data", "ok",
        Message.of("doctor.check.data.ok", resources=len(package.descriptor.get("resources", [])), figures=len(package.figures), root=str(root)),
    )
    stale = data.stale_figures(today, months)
    if not stale:
        return found, Check("stale", "ok", Message.of("doctor.check.stale.ok", months=months, today=today.isoformat()))
    listed = "".join(f"\n      - {f.id} ({f.as_of})" for f in stale)
    return found, Check(
        "stale", "warn",
        Message.of("doctor.check.stale.warn", count=len(stale), months=months, today=today.isoformat(), figures=listed),
        Message.of("doctor.fix.stale"),
    )


def run_checks(
    *,
    today: date | None = None,
    stale_months: int = 18,
    requirements: Sequence[str] | None = None,
    labextension_dirs: Sequence[Path] | None = None,
    lang: str = "en",
    browser: bool | None = None,
) -> Report:
    """Run every check and return the report.

    Args:
        today: the date old figures are measured from (default: today's date).
        stale_months: figures older than this many months are listed (a warning, not a failure).
        requirements: requirement strings to check (default: xbedu's installed dependencies).
        labextension_dirs: where to look for the widget extension (default: JupyterLab's folders).
        lang: "en" or "zh".
        browser: whether the kernel runs in the browser (JupyterLite); default: detected
            (``sys.platform == "emscripten"``). There the site supplies JupyterLab and the widget
            extension, so those checks are skipped.

    Returns:
        A ``Report``; ``report.exit_code()`` is non-zero when a check failed.
    """
    check_lang(lang)
    day = date.today() if today is None else today
    in_browser = sys.platform == "emscripten" if browser is None else browser
    checks = [_check_python(), _check_packages(requirements, in_browser), _check_widgets(labextension_dirs, in_browser), _check_catalog()]
    if checks[-1].status == "ok":
        checks.extend(_check_data(day, stale_months))
    return Report(tuple(checks), lang)


def preflight(lang: str = "en") -> Report:
    """Run the checks for a lesson's first cell; the report shows itself in ``lang``."""
    return run_checks(lang=lang)


def _command(args: argparse.Namespace) -> int:
    report = run_checks(today=args.today, stale_months=args.months, lang=args.lang)
    print(report.render())
    return report.exit_code()


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``xbedu doctor`` to the command line."""
    parser = subparsers.add_parser("doctor", help="check that this computer is ready for the course / 检查环境是否就绪")
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the report")
    parser.add_argument("--today", type=date.fromisoformat, default=None, help="date to measure old figures from (YYYY-MM-DD)")
    parser.add_argument("--months", type=int, default=18, help="list figures older than this many months (default 18)")
    parser.set_defaults(func=_command)
