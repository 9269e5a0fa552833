"""Explorer 4: the margin chain, traditional against direct selling (chapter 4)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .. import margins
from ..charts.margins import build_margin_chain_chart
from ..data import figure, figures
from ..data import margins as margins_data
from .base import Control, Explorer
from .format import Table, multiple, percent

__all__ = ["MarginExplorer", "MarginResult", "margin_explorer"]


@dataclass(frozen=True, slots=True)
class MarginResult:
    """The traditional chain, the direct sale at the learner's price, and price against profit."""

    chain: margins.Chain
    direct: margins.DirectSale
    price_vs_profit: margins.PriceVsProfit


class MarginExplorer(Explorer):
    """A markup per layer, the factory price and the learner's price in; two waterfalls out."""

    title_key = "widgets.margins.title"
    intro_key = "widgets.margins.intro"

    def control_specs(self) -> Sequence[Control]:
        """Factory price and prices typed freely; one markup slider per layer (range from the data)."""
        factory = figure("economics.example.product_cost_usd").value
        chain = margins_data.default_chain(factory)
        low_multiple = margins_data.guide_price_multiple()[0]
        specs = [Control("factory_price_usd", "float_text", "widgets.margins.factory", factory, "widgets.unit.usd", step=0.5)]
        for key, value in margins_data.default_markups().items():
            fig = figure(f"margins.markup.{key}")
            specs.append(Control(f"markup_{key}", "float_slider", "widgets.margins.markup", value, "widgets.unit.percent",
                                 low=0.0, high=max(fig.high or 1.0, value) * 1.5, step=0.05, percent=True,
                                 label_fields=(("layer", self.t(f"margins.layer.{key}")),)))
        price = round(chain.consumer_price_usd, 2)
        specs.append(Control("price_usd", "float_text", "widgets.margins.price", price, "widgets.unit.usd", step=0.5))
        specs.append(Control("domestic_price_usd", "float_text", "widgets.margins.domestic", round(price / low_multiple, 2),
                             "widgets.unit.usd", step=0.5))
        return specs

    def compute(self, values: Mapping[str, Any]) -> MarginResult:
        """Build both chains and compare the price multiple with the profit multiple."""
        factory = values["factory_price_usd"]
        chain = margins.traditional_chain(factory, {k: values[f"markup_{k}"] for k in margins.LAYERS})
        direct = margins_data.default_direct_sale(factory, values["price_usd"])
        overseas_cost = direct.price_usd - direct.seller_profit_usd
        pvp = margins.price_vs_profit(values["domestic_price_usd"], factory, direct.price_usd, overseas_cost)
        return MarginResult(chain, direct, pvp)

    def build_chart(self, result: MarginResult) -> Any:
        """The two waterfalls."""
        return build_margin_chain_chart(result.chain, result.direct, lang=self.lang)

    def describe(self, result: MarginResult) -> str:
        """Consumer price and who keeps what, the learner's margin, and price against profit."""
        chain, direct = result.chain, result.direct
        factory_share = chain.shares()[0].share
        return self.sentences(
            self.t("widgets.margins.reading_chain", price=self.money(chain.consumer_price_usd), multiple=multiple(chain.multiple),
                   share=percent(factory_share)),
            self.t("widgets.margins.reading_direct", price=self.money(direct.price_usd), profit=self.money(direct.seller_profit_usd, cny=True),
                   margin=percent(direct.seller_margin)),
            result.price_vs_profit.message.render(self.lang),
        )

    def warn(self, result: MarginResult) -> tuple[str, ...]:
        """Warn when the learner's price loses money."""
        if result.direct.loses_money:
            return (self.t("widgets.margins.loss", price=self.money(result.direct.price_usd),
                           loss=self.money(-result.direct.seller_profit_usd)),)
        return ()

    def tabulate(self, result: MarginResult) -> Table:
        """Who keeps what in each chain: amount and share of the consumer price."""
        rows = [(self.t("charts.margins.traditional") + " · " + self.t(f"margins.layer.{s.key}"), self.money(s.usd), percent(s.share))
                for s in result.chain.shares()]
        rows += [(self.t("charts.margins.direct") + " · " + self.t(f"margins.layer.{s.key}"), self.money(s.usd), percent(s.share))
                 for s in result.direct.shares]
        return Table((self.t("widgets.margins.col.who"), self.t("widgets.margins.col.usd"), self.t("widgets.margins.col.share")),
                     tuple(rows))

    def source_figures(self) -> tuple[Any, ...]:
        """Margins figures, plus the Amazon fees the direct sale uses."""
        return (*figures("margins."), figure("fees.amazon.referral_rate"), figure("fees.amazon.fba_fulfilment_usd"),
                figure("economics.example.product_cost_usd"))


def margin_explorer(lang: str = "en") -> MarginExplorer:
    """Return the margin-chain explorer in ``lang`` ("en" or "zh")."""
    return MarginExplorer(lang)
