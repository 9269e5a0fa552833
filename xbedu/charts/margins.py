"""The margin-chain chart: the traditional export chain against selling direct, as two waterfalls."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import t
from ..margins import Chain, DirectSale
from .caption import topic_caption
from .theme import OKABE_ITO, WIDTH, finish

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

__all__ = ["build_margin_chain_chart", "chain_rows", "direct_rows"]

_WHO = ("factory", "middle", "costs", "seller", "consumer")
_COLOURS = (OKABE_ITO[0], OKABE_ITO[1], "#999999", OKABE_ITO[2], "#000000")


def _usd(value: float) -> str:
    return f"{'-' if value < 0 else ''}${abs(value):,.2f}"


def _row(lang: str, step: str, start: float, end: float, who: str, label: str) -> dict[str, Any]:
    return {"step": step, "start": round(start, 4), "end": round(end, 4), "right": round(max(start, end), 4),
            "who": t(f"charts.margins.who.{who}", lang), "label": label}


def chain_rows(chain: Chain, *, lang: str) -> list[dict[str, Any]]:
    """Return the traditional waterfall: the factory price, each layer's markup added, the consumer price."""
    rows = [_row(lang, t("margins.layer.factory", lang), 0.0, chain.factory_price_usd, "factory", _usd(chain.factory_price_usd))]
    for layer in chain.layers:
        rows.append(_row(lang, t("charts.margins.markup_step", lang, layer=t(f"margins.layer.{layer.key}", lang),
                                 markup=f"{layer.markup * 100:.0f}"),
                         layer.buy_usd, layer.sell_usd, "middle", "+" + _usd(layer.keeps_usd)))
    rows.append(_row(lang, t("charts.margins.consumer_price", lang), 0.0, chain.consumer_price_usd, "consumer",
                     t("charts.margins.price_label", lang, usd=_usd(chain.consumer_price_usd), multiple=f"{chain.multiple:.2f}")))
    return rows


def direct_rows(sale: DirectSale, *, lang: str) -> list[dict[str, Any]]:
    """Return the direct waterfall: factory cost, freight and duty, platform fees, the seller's profit, the price."""
    rows, level = [], 0.0
    for share in sale.shares:
        who = {"factory": "factory", "seller": "seller"}.get(share.key, "costs")
        rows.append(_row(lang, t(f"margins.layer.{share.key}", lang), level, level + share.usd, who,
                         ("+" if share.usd >= 0 else "") + _usd(share.usd)))
        level += share.usd
    rows.append(_row(lang, t("charts.margins.consumer_price", lang), 0.0, sale.price_usd, "consumer",
                     t("charts.margins.price_label", lang, usd=_usd(sale.price_usd), multiple=f"{sale.multiple:.2f}")))
    return rows


def _panel(rows: list[dict[str, Any]], title: str, top: float, lang: str) -> "alt.LayerChart":
    import altair as alt

    names = [t(f"charts.margins.who.{w}", lang) for w in _WHO]
    y = alt.Y("step", type="nominal", sort=[r["step"] for r in rows], title=None, axis=alt.Axis(labelLimit=220))
    x = alt.X("start", type="quantitative", title=t("charts.margins.x", lang), axis=alt.Axis(format="$,.0f"),
              scale=alt.Scale(domain=[min(0.0, *(r["end"] for r in rows)), top]))
    base = alt.Chart()
    bars = base.mark_bar(height=14).encode(
        y=y, x=x, x2=alt.X2("end"),
        color=alt.Color("who", type="nominal", title=None, scale=alt.Scale(domain=names, range=list(_COLOURS))))
    labels = base.mark_text(align="left", dx=4, fontSize=11, color="#222222").encode(
        y=y, x=alt.X("right", type="quantitative"), text=alt.Text("label", type="nominal"))
    return alt.LayerChart(layer=[bars, labels], data=alt.Data(values=rows), width=WIDTH, height=22 * len(rows),
                          title=alt.TitleParams(title, anchor="start", fontSize=12))


def build_margin_chain_chart(chain: Chain, sale: DirectSale, *, lang: str, caption: str | None = None) -> "alt.VConcatChart":
    """Return two waterfalls on one price scale: the traditional chain on top, selling direct below.

    Args:
        chain: ``xbedu.margins.traditional_chain(...)``.
        sale: ``xbedu.margins.direct_chain(...)`` at the learner's price.
        lang: ``"en"`` or ``"zh"``.
        caption: source line; defaults to the margins figures' sources.
    """
    import altair as alt

    top = max(chain.consumer_price_usd, sale.price_usd, sale.landed_cost_usd + sale.platform_usd) * 1.3
    chart = alt.VConcatChart(vconcat=[
        _panel(chain_rows(chain, lang=lang), t("charts.margins.traditional", lang), top, lang),
        _panel(direct_rows(sale, lang=lang), t("charts.margins.direct", lang), top, lang),
    ], spacing=18)
    return finish(
        chart,
        title=t("charts.margins.title", lang),
        description=t("charts.margins.description", lang, traditional=_usd(chain.consumer_price_usd),
                      multiple=f"{chain.multiple:.2f}", direct=_usd(sale.price_usd), seller=_usd(sale.seller_profit_usd)),
        caption=caption if caption is not None else topic_caption("margins.", lang),
        lang=lang,
    )
