"""Chart builders: ``build_*(result, *, lang) -> alt.Chart``, deterministic, captioned, colour-blind safe.

Each builder takes a domain result and the lesson's language and returns an altair chart
whose titles, axis titles, description (the SVG's aria-label) and caption (source and
as-of date, or "assumption") come from the i18n catalog. How a chart is *shown* is decided
in one place, :mod:`xbedu.charts.render` (offline SVG; Vega-Lite JSON in JupyterLite).

Submodules load on first use, so ``import xbedu.charts`` does not import altair.
"""

from __future__ import annotations

from ..lazy import exports

#: Public name → submodule that defines it.
_EXPORTS = {
    "build_capital_chart": "startup",
    "build_tradeoff_chart": "logistics",
    "build_margin_chain_chart": "margins",
    "build_unit_economics_chart": "economics",
    "build_mode_chart": "modes",
    "build_cash_timeline_chart": "operations",
    "build_market_size_chart": "markets",
    "ChartView": "render",
    "chart_svg": "render",
    "show": "render",
    "use_offline_renderer": "render",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = exports(__name__, _EXPORTS)
