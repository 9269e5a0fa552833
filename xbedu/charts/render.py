"""The one place that decides how a chart is shown: offline SVG, or Vega-Lite JSON in the browser.

Why SVG: altair's default renderer loads vega from a CDN and fails offline; its
``mimetype`` renderer (Vega-Lite 6) is not understood by JupyterLab 4; the anywidget
JupyterChart needs a kernel-side anywidget and does not run in JupyterLite. An SVG drawn
in the kernel by ``vl-convert`` needs no network and no front-end extension, and it is
the same bytes every time (so nbval can compare stored outputs).

Where ``vl-convert`` cannot run (JupyterLite / Pyodide, ``sys.platform == "emscripten"``),
the chart is sent as Vega-Lite JSON under ``application/vnd.vegalite.v5+json``, which
JupyterLab renders with its built-in extension.

Nothing here runs at import: call :func:`use_offline_renderer` (the lesson's setup does)
to make plain ``alt.Chart`` values display the same way.
"""

from __future__ import annotations

import html
import re
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

__all__ = [
    "VEGALITE_MIMETYPE",
    "ChartView",
    "accessible_svg",
    "chart_svg",
    "mimebundle",
    "render_mode",
    "show",
    "spec",
    "use_offline_renderer",
]

#: The Vega-Lite mimetype JupyterLab 4 renders natively (v6 is not registered there).
VEGALITE_MIMETYPE = "application/vnd.vegalite.v5+json"

#: Vega-Lite version that vl-convert uses for altair 6 specs.
_VL_VERSION = "6.4"

_RENDERER_NAME = "xbedu"


def render_mode() -> str:
    """Return ``"svg"`` where vl-convert can draw in the kernel, else ``"vegalite"`` (JupyterLite)."""
    if sys.platform == "emscripten":
        return "vegalite"
    try:
        import vl_convert  # noqa: F401
    except ImportError:
        return "vegalite"
    return "svg"


def spec(chart: "alt.TopLevelMixin | dict[str, Any]") -> dict[str, Any]:
    """Return the chart's Vega-Lite spec as a plain dict (not re-validated: tests validate every builder)."""
    return chart if isinstance(chart, dict) else chart.to_dict(validate=False)


def _title_text(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("text", "")
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value)
    return str(value or "")


def accessible_svg(svg: str, *, title: str, description: str) -> str:
    """Give an SVG a role, an ``aria-label`` and a ``<title>``/``<desc>`` that screen readers read.

    >>> accessible_svg('<svg width="1"><g/></svg>', title="T", description="D")
    '<svg role="img" aria-label="T. D" width="1"><title>T</title><desc>D</desc><g/></svg>'
    """
    label = html.escape(f"{title}. {description}" if description else title, quote=True)
    head = f'<svg role="img" aria-label="{label}"'
    inner = f"<title>{html.escape(title)}</title>" + (f"<desc>{html.escape(description)}</desc>" if description else "")
    body = svg[len("<svg"):] if svg.startswith("<svg") else svg
    return re.sub(r">", ">" + inner, head + body, count=1)


def chart_svg(chart: "alt.TopLevelMixin | dict[str, Any]") -> str:
    """Draw the chart as an accessible SVG string, offline (vl-convert); same input, same bytes."""
    import vl_convert

    vl = spec(chart)
    svg = vl_convert.vegalite_to_svg(vl, vl_version=_VL_VERSION)
    return accessible_svg(svg, title=_title_text(vl.get("title")), description=str(vl.get("description", "")))


def _vegalite_v5(vl: dict[str, Any]) -> dict[str, Any]:
    """Return the spec with its ``$schema`` dropped so JupyterLab's v5 renderer accepts it."""
    return {k: v for k, v in vl.items() if k != "$schema"}


def mimebundle(chart: "alt.TopLevelMixin | dict[str, Any]", mode: str | None = None) -> dict[str, Any]:
    """Return the display bundle for the chart: SVG (offline) or Vega-Lite JSON, plus plain text."""
    vl = spec(chart)
    text = f"{_title_text(vl.get('title'))}: {vl.get('description', '')}".strip(": ")
    if (mode or render_mode()) == "svg":
        return {"image/svg+xml": chart_svg(vl), "text/plain": text}
    return {VEGALITE_MIMETYPE: _vegalite_v5(vl), "text/plain": text}


class ChartView:
    """A chart that displays itself offline in a notebook cell (``_repr_mimebundle_``)."""

    __slots__ = ("chart",)

    def __init__(self, chart: "alt.TopLevelMixin") -> None:
        self.chart = chart

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return mimebundle(self.chart)

    def to_dict(self) -> dict[str, Any]:
        """Return the Vega-Lite spec."""
        return spec(self.chart)


def show(chart: "alt.TopLevelMixin") -> ChartView:
    """Wrap a chart so that a notebook cell shows it offline: ``show(build_capital_chart(plan, lang="en"))``."""
    return ChartView(chart)


def _renderer(vl: dict[str, Any], **_: Any) -> dict[str, Any]:
    return mimebundle(vl)


def use_offline_renderer() -> str:
    """Register and enable altair's ``"xbedu"`` renderer (SVG offline; Vega-Lite JSON in JupyterLite).

    Call it once in a notebook's setup cell; it is never called on import.

    Returns:
        The name of the renderer now active.
    """
    import altair as alt

    alt.renderers.register(_RENDERER_NAME, _renderer)
    alt.renderers.enable(_RENDERER_NAME)
    return _RENDERER_NAME
