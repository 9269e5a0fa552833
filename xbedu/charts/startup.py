"""The start-up capital chart: each line's range and your amount, the total against the guide's range."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..i18n import t
from ..startup import CapitalLine, Totals, plan_totals
from .caption import topic_caption
from .theme import OKABE_ITO, WIDTH, finish

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

__all__ = ["build_capital_chart", "capital_rows"]

_KINDS = ("line", "total", "guide")


def _usd(value: float) -> str:
    return f"{value:,.0f}"


def capital_rows(lines: Sequence[CapitalLine], *, lang: str, guide: Totals | None = None,
                 scenario: str = "typical") -> list[dict[str, Any]]:
    """Return one chart row per line, then your total and (if given) the guide's total."""
    totals = plan_totals(lines)
    rows = [{
        "row": t(f"startup.line.{line.key}", lang), "kind": "line", "min_usd": line.min_usd, "max_usd": line.max_usd,
        "amount_usd": line.amount_usd(scenario), "label": _usd(line.amount_usd(scenario)),
    } for line in lines]
    total = {"min": totals.min_usd, "typical": totals.typical_usd, "max": totals.max_usd}[scenario]
    rows.append({"row": t("charts.startup.your_total", lang), "kind": "total", "min_usd": totals.min_usd,
                 "max_usd": totals.max_usd, "amount_usd": total, "label": _usd(total)})
    if guide is not None:
        rows.append({"row": t("charts.startup.guide_total", lang), "kind": "guide", "min_usd": guide.min_usd,
                     "max_usd": guide.max_usd, "amount_usd": None,
                     "label": t("charts.startup.range_label", lang, low=_usd(guide.min_usd), high=_usd(guide.max_usd))})
    return rows


def build_capital_chart(lines: Sequence[CapitalLine], *, lang: str, guide: Totals | None = None,
                        capital_usd: float | None = None, scenario: str = "typical",
                        caption: str | None = None) -> "alt.LayerChart":
    """Return a range chart of the start-up plan: min–max bar per line, a diamond at the amount used.

    Args:
        lines: the plan (``xbedu.startup.CapitalLine`` values).
        lang: ``"en"`` or ``"zh"``.
        guide: the guide's totals (drawn as a grey range row).
        capital_usd: the learner's capital, drawn as a dashed vertical line.
        scenario: which amount the diamond marks: "min", "typical" or "max".
        caption: source line; defaults to the start-up figures' sources.
    """
    import altair as alt

    rows = capital_rows(lines, lang=lang, guide=guide, scenario=scenario)
    order = [r["row"] for r in rows]
    kind_names = [t(f"charts.startup.kind.{k}", lang) for k in _KINDS]
    for row in rows:
        row["kind_name"] = kind_names[_KINDS.index(row["kind"])]
    y = alt.Y("row", type="nominal", sort=order, title=None, axis=alt.Axis(labelLimit=260))
    x = alt.X("min_usd", type="quantitative", title=t("charts.startup.x", lang), axis=alt.Axis(format=",.0f"))
    colour = alt.Color("kind_name", type="nominal", title=None,
                       scale=alt.Scale(domain=kind_names, range=[OKABE_ITO[0], OKABE_ITO[1], "#999999"]))
    base = alt.Chart()
    bars = base.mark_bar(height=14, opacity=0.55).encode(y=y, x=x, x2=alt.X2("max_usd"), color=colour)
    marks = base.transform_filter("datum.amount_usd != null").mark_point(
        shape="diamond", size=120, filled=True, color="#000000").encode(
        y=y, x=alt.X("amount_usd", type="quantitative"))
    labels = base.mark_text(align="left", dx=6, fontSize=11, color="#222222").encode(
        y=y, x=alt.X("max_usd", type="quantitative"), text=alt.Text("label", type="nominal"))
    layers: list[Any] = [bars, marks, labels]
    if capital_usd is not None:
        cap = alt.Chart(alt.Data(values=[{"capital_usd": capital_usd,
                                          "text": t("charts.startup.capital", lang, usd=_usd(capital_usd))}]))
        layers.append(cap.mark_rule(color="#D55E00", strokeDash=[4, 4], strokeWidth=2).encode(
            x=alt.X("capital_usd", type="quantitative")))
        layers.append(cap.mark_text(align="right", baseline="top", dx=-4, y=2, color="#D55E00", fontSize=11).encode(
            x=alt.X("capital_usd", type="quantitative"), text=alt.Text("text", type="nominal")))
    chart = alt.LayerChart(layer=layers, data=alt.Data(values=rows), width=WIDTH, height=26 * len(rows))
    totals = plan_totals(lines)
    return finish(
        chart,
        title=t("charts.startup.title", lang),
        description=t("charts.startup.description", lang, n=len(lines), low=_usd(totals.min_usd), high=_usd(totals.max_usd),
                      guide=t("charts.startup.range_label", lang, low=_usd(guide.min_usd), high=_usd(guide.max_usd)) if guide else "—"),
        caption=caption if caption is not None else topic_caption("startup.", lang),
        lang=lang,
    )
