"""Explorer 5: unit economics and landed cost (chapters 4 and 6)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .. import economics
from ..charts.economics import build_unit_economics_chart
from ..customs import MARKETS
from ..data import economics as economics_data
from ..data import figure, figures
from ..errors import InputError
from .base import Control, Explorer
from .format import Table, percent

__all__ = ["UnitResult", "UnitEconomicsExplorer", "unit_economics_explorer"]


@dataclass(frozen=True, slots=True)
class UnitResult:
    """What the explorer computed for one unit sold."""

    inputs: economics.UnitInputs
    economics: economics.UnitEconomics
    break_even_price_usd: float
    break_even_units: float
    monthly_fixed_usd: float


class UnitEconomicsExplorer(Explorer):
    """Price, cost, platform, market, ads and returns in; the waterfall to profit per unit out."""

    title_key = "widgets.economics.title"
    intro_key = "widgets.economics.intro"

    def control_specs(self) -> Sequence[Control]:
        """Money typed freely; platform and market as menus; ads and returns as sliders from the data's ranges."""
        ads, returns = figure("economics.ads.tacos_rate"), figure("economics.returns.rate")
        return (
            Control("price_usd", "float_text", "widgets.economics.price", figure("economics.example.price_usd").value,
                    "widgets.unit.usd", step=0.5),
            Control("product_cost_usd", "float_text", "widgets.economics.cost",
                    figure("economics.example.product_cost_usd").value, "widgets.unit.usd", step=0.5),
            Control("freight_per_unit_usd", "float_text", "widgets.economics.freight",
                    figure("economics.example.freight_per_unit_usd").value, "widgets.unit.usd", step=0.1),
            Control("platform", "dropdown", "widgets.economics.platform", economics_data.PLATFORMS[0],
                    options=tuple((f"economics.platform.{p}", p) for p in economics_data.PLATFORMS)),
            Control("market", "dropdown", "widgets.economics.market", MARKETS[0],
                    options=tuple((f"widgets.market.{m}", m) for m in MARKETS)),
            Control("on", "date", "widgets.economics.on", economics_data.rules_date()),
            Control("ad_rate", "float_slider", "widgets.economics.ads", ads.value, "widgets.unit.percent",
                    low=0.0, high=ads.high or 0.3, step=0.01, percent=True),
            Control("return_rate", "float_slider", "widgets.economics.returns", returns.value, "widgets.unit.percent",
                    low=0.0, high=returns.high or 0.3, step=0.01, percent=True),
        )

    def compute(self, values: Mapping[str, Any]) -> UnitResult:
        """Build the sale from the data's presets and the controls; compute profit and break-even."""
        if not isinstance(values["on"], dt.date):
            raise InputError("widgets.economics.error.no_date", name="on", value=values["on"])
        inputs = economics_data.default_inputs(
            values["platform"], market=values["market"], on=values["on"], price_usd=values["price_usd"],
            product_cost_usd=values["product_cost_usd"], freight_per_unit_usd=values["freight_per_unit_usd"])
        inputs = replace(inputs, ad_rate=values["ad_rate"], return_rate=values["return_rate"])
        monthly = economics_data.platform_fees(values["platform"], price_usd=values["price_usd"]).monthly_fixed_usd
        return UnitResult(inputs, economics.unit_economics(inputs), economics.break_even_price_usd(inputs),
                          economics.break_even_units(inputs, monthly), monthly)

    def build_chart(self, result: UnitResult) -> Any:
        """The waterfall from price to profit."""
        return build_unit_economics_chart(result.economics, lang=self.lang)

    def describe(self, result: UnitResult) -> str:
        """Profit, margin, ROI, break-even price and units."""
        u = result.economics
        key = "widgets.economics.reading_loss" if u.loses_money else "widgets.economics.reading"
        parts = [self.t(key, price=self.money(u.revenue_usd), profit=self.money(abs(u.profit_usd), cny=True),
                        margin=percent(u.margin), roi=percent(u.roi) if abs(u.roi) != float("inf") else "—",
                        landed=self.money(u.landed_cost_usd)),
                 self.t("widgets.economics.break_even", price=self.money(result.break_even_price_usd))]
        if result.monthly_fixed_usd > 0:
            key = "widgets.economics.units_never" if result.break_even_units == float("inf") else "widgets.economics.units"
            parts.append(self.t(key, fixed=self.money(result.monthly_fixed_usd), units=f"{result.break_even_units:,.1f}"))
        parts += [m.render(self.lang) for m in u.notes if m.key != "economics.note.loses_money"]
        return self.sentences(*parts)

    def warn(self, result: UnitResult) -> tuple[str, ...]:
        """Warn when the sale loses money."""
        return tuple(m.render(self.lang) for m in result.economics.notes if m.key == "economics.note.loses_money")

    def tabulate(self, result: UnitResult) -> Table:
        """Every cost line with its share of the price, then profit."""
        u = result.economics
        share = (lambda usd: percent(usd / u.revenue_usd)) if u.revenue_usd > 0 else (lambda usd: "—")
        rows = [(self.t("charts.economics.price"), self.money(u.revenue_usd), share(u.revenue_usd))]
        rows += [(self.t(f"economics.line.{line.key}"), self.money(-line.usd), share(line.usd)) for line in u.lines]
        rows.append((self.t("charts.economics.loss" if u.loses_money else "charts.economics.profit"),
                     self.money(u.profit_usd), share(u.profit_usd)))
        return Table((self.t("widgets.economics.col.line"), self.t("widgets.economics.col.usd"),
                      self.t("widgets.economics.col.share")), tuple(rows))

    def source_figures(self) -> tuple[Any, ...]:
        """Economics, fee and customs figures."""
        return (*figures("economics."), *figures("fees."), *figures("customs."))


def unit_economics_explorer(lang: str = "en") -> UnitEconomicsExplorer:
    """Return the unit-economics / landed-cost explorer in ``lang`` ("en" or "zh")."""
    return UnitEconomicsExplorer(lang)
