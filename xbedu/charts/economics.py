"""The unit-economics waterfall: from the price, each cost line down to the profit (or loss) per unit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..economics import UnitEconomics
from ..i18n import t
from .caption import caption as source_caption
from .theme import OKABE_ITO, WIDTH, finish

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

__all__ = ["build_unit_economics_chart", "waterfall_rows"]

_KINDS = ("price", "cost", "profit", "loss")
_COLOURS = (OKABE_ITO[0], "#999999", OKABE_ITO[2], OKABE_ITO[3])


def _signed(usd: float) -> str:
    return f"{'-' if usd < 0 else ''}${abs(usd):,.2f}"


def waterfall_rows(result: UnitEconomics, *, lang: str) -> list[dict[str, Any]]:
    """Return the waterfall steps: the price, every non-zero cost line (falling), then profit or loss."""
    rows = [{"step": t("charts.economics.price", lang), "start": 0.0, "end": round(result.revenue_usd, 4),
             "kind": "price", "label": _signed(result.revenue_usd)}]
    level = result.revenue_usd
    for line in result.lines:
        if abs(line.usd) < 0.005:
            continue
        rows.append({"step": t(f"economics.line.{line.key}", lang), "start": round(level, 4),
                     "end": round(level - line.usd, 4), "kind": "cost", "label": _signed(-line.usd)})
        level -= line.usd
    kind = "loss" if result.profit_usd < 0 else "profit"
    rows.append({"step": t(f"charts.economics.{kind}", lang), "start": 0.0, "end": round(result.profit_usd, 4),
                 "kind": kind, "label": _signed(result.profit_usd)})
    for row in rows:
        row["kind_name"] = t(f"charts.economics.kind.{row['kind']}", lang)
        row["right"] = max(row["start"], row["end"])
    return rows


def build_unit_economics_chart(result: UnitEconomics, *, lang: str, caption: str | None = None) -> "alt.LayerChart":
    """Return a horizontal waterfall of one unit sold: price, each cost, and the profit (or loss).

    Args:
        result: ``xbedu.economics.unit_economics(...)``.
        lang: ``"en"`` or ``"zh"``.
        caption: source line; defaults to the economics and fee figures' sources.
    """
    import altair as alt

    rows = waterfall_rows(result, lang=lang)
    names = [t(f"charts.economics.kind.{k}", lang) for k in _KINDS]
    y = alt.Y("step", type="nominal", sort=[r["step"] for r in rows], title=None, axis=alt.Axis(labelLimit=240))
    x = alt.X("start", type="quantitative", title=t("charts.economics.x", lang), axis=alt.Axis(format="$,.2f"))
    base = alt.Chart()
    bars = base.mark_bar(height=16).encode(
        y=y, x=x, x2=alt.X2("end"),
        color=alt.Color("kind_name", type="nominal", title=None, scale=alt.Scale(domain=names, range=list(_COLOURS))))
    labels = base.mark_text(align="left", dx=4, fontSize=11, color="#222222").encode(
        y=y, x=alt.X("right", type="quantitative"), text=alt.Text("label", type="nominal"))
    zero = alt.Chart(alt.Data(values=[{"zero": 0}])).mark_rule(color="#000000").encode(x=alt.X("zero", type="quantitative"))
    chart = alt.LayerChart(layer=[bars, labels, zero], data=alt.Data(values=rows), width=WIDTH, height=22 * len(rows))
    return finish(
        chart,
        title=t("charts.economics.title", lang),
        description=t("charts.economics.description", lang, price=_signed(result.revenue_usd),
                      n=len(rows) - 2, result=rows[-1]["step"], amount=_signed(result.profit_usd)),
        caption=caption if caption is not None else _caption(lang),
        lang=lang,
    )


def _caption(lang: str) -> str:
    from ..data import figures

    return source_caption((*figures("economics."), *figures("fees.")), lang, learner_values=True)

