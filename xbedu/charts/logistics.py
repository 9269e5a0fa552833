"""The logistics time–cost chart: each option's days against its total cost, with the Pareto frontier."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..i18n import t
from ..logistics import OPTION_KEYS, Quote, pareto_frontier
from .caption import topic_caption
from .theme import WIDTH, colour_scale, finish, shape_scale

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

__all__ = ["build_tradeoff_chart", "tradeoff_rows"]

HEIGHT = 300


def tradeoff_rows(quotes: Sequence[Quote], *, lang: str, choice_key: str | None = None) -> list[dict[str, Any]]:
    """Return one chart row per quote: option name, days (min/typical/max), total cost and status label."""
    front = {q.option_key for q in pareto_frontier(quotes)}
    rows = []
    for q in quotes:
        name = t(f"logistics.option.{q.option_key}", lang)
        if not q.available:
            status = "not_allowed"
        elif q.option_key in front:
            status = "frontier"
        else:
            status = "dominated"
        marks = [t(f"charts.logistics.status.{status}", lang)]
        if q.option_key == choice_key:
            marks.insert(0, t("charts.logistics.status.chosen", lang))
        rows.append({
            "key": q.option_key,
            "option": name,
            "days_min": round(q.days_min, 2),
            "days_typical": round(q.days_typical, 2),
            "days_max": round(q.days_max, 2),
            "total_cost_usd": round(q.total_cost_usd, 2),
            "available": q.available,
            "status": t(f"charts.logistics.status.{status}", lang),
            "label": [name, t("charts.list_sep", lang).join(marks)],
            "frontier_order": round(q.days_typical, 2) if status == "frontier" else None,
        })
    return rows


def build_tradeoff_chart(quotes: Sequence[Quote], *, lang: str, deadline_days: float | None = None,
                         choice_key: str | None = None, caption: str | None = None) -> "alt.LayerChart":
    """Return the days-vs-total-cost chart of the quotes, frontier joined by a line, deadline as a rule.

    Args:
        quotes: one quote per option (``xbedu.logistics.compare``).
        lang: ``"en"`` or ``"zh"``.
        deadline_days: draw the learner's deadline as a dashed vertical line.
        choice_key: the recommended option, marked in its label.
        caption: source line; defaults to the logistics figures' sources.

    Returns:
        A layered altair chart (points with shapes, day ranges, labels, frontier line, deadline).
    """
    import altair as alt

    rows = tradeoff_rows(quotes, lang=lang, choice_key=choice_key)
    names = [t(f"logistics.option.{k}", lang) for k in OPTION_KEYS if any(r["key"] == k for r in rows)]
    x = alt.X("days_typical", type="quantitative", title=t("charts.logistics.x", lang), scale=alt.Scale(zero=True, nice=True))
    y = alt.Y("total_cost_usd", type="quantitative", title=t("charts.logistics.y", lang), scale=alt.Scale(zero=True), axis=alt.Axis(format=",.0f"))
    # Each point is named by a text label next to it, so colour and shape need no legend.
    colour = alt.Color("option", type="nominal", scale=colour_scale(names), legend=None)
    shape = alt.Shape("option", type="nominal", scale=shape_scale(names), legend=None)
    fills = dict(zip(names, colour_scale(names).range))
    widest = max((r["days_max"] for r in rows), default=0.0)
    for row in rows:
        row["fill"] = fills[row["option"]] if row["available"] else "white"
        row["align"] = "right" if row["days_typical"] > 0.55 * widest else "left"
    base = alt.Chart()  # data is set once on the layer, so the rows are not deep-copied per mark
    ranges = base.mark_rule(strokeWidth=2, opacity=0.6).encode(
        x=alt.X("days_min", type="quantitative"), x2=alt.X2("days_max"), y=y,
        color=colour)
    frontier = base.transform_filter("datum.frontier_order != null").mark_line(
        color="#000000", strokeDash=[6, 3], strokeWidth=1.5).encode(x=x, y=y, order=alt.Order("frontier_order", type="quantitative"))
    points = base.mark_point(size=140, strokeWidth=2).encode(
        x=x, y=y, color=colour, shape=shape, fill=alt.Fill("fill", type="nominal", scale=None),
        tooltip=[alt.Tooltip("option", type="nominal"), alt.Tooltip("status", type="nominal"),
                 alt.Tooltip("days_typical", type="quantitative"), alt.Tooltip("total_cost_usd", type="quantitative", format=",.2f")],
    )
    text = alt.Text("label", type="nominal")
    left = base.transform_filter("datum.align == 'left'").mark_text(
        align="left", baseline="bottom", dx=8, dy=-6, fontSize=11, color="#222222").encode(x=x, y=y, text=text)
    right = base.transform_filter("datum.align == 'right'").mark_text(
        align="right", baseline="bottom", dx=-8, dy=-6, fontSize=11, color="#222222").encode(x=x, y=y, text=text)
    layers: list[Any] = [ranges, frontier, points, left, right]
    if deadline_days is not None:
        dl = alt.Chart(alt.Data(values=[{"deadline_days": deadline_days,
                                         "text": t("charts.logistics.deadline", lang, days=f"{deadline_days:g}")}]))
        layers.append(dl.mark_rule(color="#D55E00", strokeDash=[4, 4], strokeWidth=2).encode(x=alt.X("deadline_days", type="quantitative")))
        layers.append(dl.mark_text(align="left", baseline="bottom", dx=4, y=HEIGHT - 4, color="#D55E00", fontSize=11).encode(
            x=alt.X("deadline_days", type="quantitative"), text=alt.Text("text", type="nominal")))
    chart = alt.LayerChart(layer=layers, data=alt.Data(values=rows), width=WIDTH, height=HEIGHT)
    return finish(
        chart,
        title=t("charts.logistics.title", lang),
        description=t("charts.logistics.description", lang, n=len(rows),
                      frontier=t("charts.list_sep", lang).join(r["option"] for r in rows if r["frontier_order"] is not None)),
        caption=caption if caption is not None else topic_caption("logistics.", lang),
        lang=lang,
    )
