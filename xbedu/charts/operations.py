"""The order-to-cash chart: where the goods and the money are, day by day, and the money tied up."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import t
from ..operations import GOODS_LOCATIONS, MONEY_LOCATIONS, Timeline
from .caption import caption as source_caption
from .theme import OKABE_ITO, WIDTH, finish

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

__all__ = ["build_cash_timeline_chart", "timeline_segments"]


def timeline_segments(timeline: Timeline, *, lang: str) -> list[dict[str, Any]]:
    """Return runs of days with the same location, one lane for the goods and one for the money."""
    segments: list[dict[str, Any]] = []
    for lane, attr, prefix in (("goods", "goods_location", "operations.goods."), ("money", "money_location", "operations.money.")):
        lane_name = t(f"charts.operations.lane.{lane}", lang)
        for row in timeline.rows:
            where = getattr(row, attr)
            last = segments[-1] if segments and segments[-1]["lane_key"] == lane else None
            if last is not None and last["where_key"] == where:
                last["end"] = row.day + 1
            else:
                segments.append({"lane_key": lane, "lane": lane_name, "where_key": where,
                                 "where": t(prefix + where, lang), "start": row.day, "end": row.day + 1})
    for seg in segments:
        seg["label"] = t("charts.operations.segment", lang, where=seg["where"], start=seg["start"], end=seg["end"] - 1)
    return segments


def build_cash_timeline_chart(timeline: Timeline, *, lang: str, caption: str | None = None) -> "alt.VConcatChart":
    """Return two panels on one day axis: location lanes (goods, money) and the seller's money tied up.

    Args:
        timeline: ``xbedu.operations.cash_timeline(...)``.
        lang: ``"en"`` or ``"zh"``.
        caption: source line; defaults to the payments and logistics figures' sources.
    """
    import altair as alt

    segments = timeline_segments(timeline, lang=lang)
    wheres = [t(f"operations.goods.{k}", lang) for k in GOODS_LOCATIONS] + [t(f"operations.money.{k}", lang) for k in MONEY_LOCATIONS]
    colours = [OKABE_ITO[5], OKABE_ITO[1], OKABE_ITO[2], "#BBBBBB", OKABE_ITO[0]]
    days = alt.Scale(domain=[timeline.order_day, timeline.payout_day + 1])
    x_title = t("charts.operations.x", lang)
    lanes_base = alt.Chart()
    y = alt.Y("lane", type="nominal", title=None, sort=[t(f"charts.operations.lane.{k}", lang) for k in ("goods", "money")])
    bars = lanes_base.mark_bar(height=26, stroke="white", strokeWidth=1).encode(
        x=alt.X("start", type="quantitative", scale=days, title=x_title), x2=alt.X2("end"), y=y,
        color=alt.Color("where", type="nominal", title=None, scale=alt.Scale(domain=wheres, range=colours)))
    text = lanes_base.mark_text(align="left", dx=3, fontSize=10, color="#000000").encode(
        x=alt.X("start", type="quantitative", scale=days), y=y, text=alt.Text("label", type="nominal"))
    lanes = alt.LayerChart(layer=[bars, text], data=alt.Data(values=segments), width=WIDTH, height=70)
    tied_rows = [{"day": r.day, "tied_usd": r.tied_usd} for r in timeline.rows]
    tied_rows.append({"day": timeline.payout_day + 1, "tied_usd": 0.0})
    area = alt.Chart(alt.Data(values=tied_rows)).mark_area(interpolate="step-after", color=OKABE_ITO[3], opacity=0.5,
                                                           line={"color": OKABE_ITO[3]}).encode(
        x=alt.X("day", type="quantitative", scale=days, title=x_title),
        y=alt.Y("tied_usd", type="quantitative", title=t("charts.operations.y", lang), axis=alt.Axis(format="$,.0f")))
    marks = [{"day": timeline.ship_day, "text": t("charts.operations.ship", lang)},
             {"day": timeline.arrival_day, "text": t("charts.operations.arrive", lang)},
             {"day": timeline.payout_day, "text": t("charts.operations.payout", lang)}]
    events = alt.Chart(alt.Data(values=marks))
    rules = events.mark_rule(color="#000000", strokeDash=[3, 3]).encode(x=alt.X("day", type="quantitative", scale=days))
    labels = events.mark_text(align="left", baseline="top", dx=3, y=2, fontSize=10).encode(
        x=alt.X("day", type="quantitative", scale=days), text=alt.Text("text", type="nominal"))
    money = alt.LayerChart(layer=[area, rules, labels], width=WIDTH, height=120)
    return finish(
        alt.VConcatChart(vconcat=[lanes, money], spacing=12),
        title=t("charts.operations.title", lang),
        description=t("charts.operations.description", lang, arrival=timeline.arrival_day, payout=timeline.payout_day,
                      peak=f"{timeline.peak_tied_usd:,.2f}", usd_days=f"{timeline.tied_usd_days:,.0f}"),
        caption=caption if caption is not None else _caption(lang),
        lang=lang,
    )


def _caption(lang: str) -> str:
    from ..data import figures

    return source_caption((*figures("payments."), *figures("logistics.")), lang, learner_values=True)
