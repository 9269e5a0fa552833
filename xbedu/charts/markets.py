"""Market-size charts: a yearly series with its sources, and the guide's own figure beside it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import t
from ..markets import Series
from .theme import OKABE_ITO, WIDTH, finish

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

__all__ = ["build_market_size_chart", "series_caption", "series_rows"]


def series_rows(series: Series, *, lang: str) -> list[dict[str, Any]]:
    """Return one row per year: value, label, and whether it is the guide's figure or a current source."""
    return [{"year": p.year, "value": p.value, "label": f"{p.value:,.2f}".rstrip("0").rstrip("."),
             "basis": t(f"charts.markets.basis.{'guide' if p.basis == 'guide' else 'sourced'}", lang),
             "as_of": p.as_of} for p in series.points]


def series_caption(series: Series, lang: str) -> str:
    """Return the caption of a series: every source (short name) with its as-of date."""
    parts = list(dict.fromkeys(t("charts.markets.source_item", lang, source=p.source_title.split(" (")[0].split(", \"")[0][:60],
                                   as_of=p.as_of) for p in series.points))
    return t("charts.markets.sources", lang, items=t("charts.caption.join", lang).join(parts))


def build_market_size_chart(series: Series, *, lang: str, title: str, guide_value: float | None = None,
                            caption: str | None = None) -> "alt.LayerChart":
    """Return the series as points joined by a line, each labelled with its value; the guide's figure as a rule.

    Args:
        series: ``xbedu.data.markets.series(...)``.
        lang: ``"en"`` or ``"zh"``.
        title: the series' name in ``lang`` (the chart title).
        guide_value: the guide's own figure for the same measure, drawn as a dashed line.
        caption: source line; defaults to each year's source and as-of date.
    """
    import altair as alt

    rows = series_rows(series, lang=lang)
    years = [r["year"] for r in rows]
    x = alt.X("year", type="quantitative", title=t("charts.markets.x", lang), axis=alt.Axis(format="d", tickMinStep=1),
              scale=alt.Scale(domain=[min(years) - 0.5, max(years) + 0.5]))
    y = alt.Y("value", type="quantitative", title=t("charts.markets.y", lang, unit=series.unit), scale=alt.Scale(zero=True))
    base = alt.Chart()
    line = base.mark_line(color=OKABE_ITO[0]).encode(x=x, y=y)
    points = base.mark_point(size=90, filled=True, color=OKABE_ITO[0]).encode(
        x=x, y=y, shape=alt.Shape("basis", type="nominal", title=None))
    labels = base.mark_text(dy=-12, fontSize=11, color="#222222").encode(x=x, y=y, text=alt.Text("label", type="nominal"))
    layers: list[Any] = [line, points, labels]
    if guide_value is not None:
        guide = alt.Chart(alt.Data(values=[{"value": guide_value, "text": t("charts.markets.guide", lang, value=f"{guide_value:g}")}]))
        layers.append(guide.mark_rule(color=OKABE_ITO[3], strokeDash=[5, 3]).encode(y=alt.Y("value", type="quantitative")))
        layers.append(guide.mark_text(align="left", baseline="bottom", x=4, dy=-3, color=OKABE_ITO[3], fontSize=11).encode(
            y=alt.Y("value", type="quantitative"), text=alt.Text("text", type="nominal")))
    chart = alt.LayerChart(layer=layers, data=alt.Data(values=rows), width=WIDTH, height=240)
    first, last = series.points[0], series.points[-1]
    return finish(
        chart,
        title=title,
        description=t("charts.markets.description", lang, n=len(rows), first_year=first.year, first=f"{first.value:g}",
                      last_year=last.year, last=f"{last.value:g}", unit=series.unit),
        caption=caption if caption is not None else series_caption(series, lang),
        lang=lang,
    )
