"""Explorer 7: market sizes and the four target markets (chapters 4–6)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .. import markets
from ..charts.markets import build_market_size_chart
from ..data import figure, figures
from ..data import markets as markets_data
from .base import Control, Explorer
from .format import Table, percent

__all__ = ["SERIES", "MarketView", "MarketsExplorer", "markets_explorer"]

#: The series a learner can pick, and the guide's own figure for the same measure (if it gives one).
SERIES: tuple[tuple[str, str | None], ...] = (
    ("markets.global_ecommerce_usd_tn", "markets.guide_global_ecommerce_usd_tn"),
    ("markets.global_cross_border_b2c_usd_tn", None),
    ("markets.china_cbec_trade_cny_tn", None),
)


@dataclass(frozen=True, slots=True)
class MarketView:
    """The chosen series with its growth, the guide's figure, and the four target markets side by side."""

    series: markets.Series
    growth: float | None
    guide_value: float | None
    rows: tuple[markets.MarketRow, ...]
    market_key: str


class MarketsExplorer(Explorer):
    """Pick a market-size series and a target market; see the series, its growth and the market's traits."""

    title_key = "widgets.markets.title"
    intro_key = "widgets.markets.intro"

    def control_specs(self) -> Sequence[Control]:
        """A series menu and the four target markets."""
        return (
            Control("series", "dropdown", "widgets.markets.series", SERIES[0][0],
                    options=tuple((f"widgets.markets.series.{sid.split('.')[1]}", sid) for sid, _ in SERIES)),
            Control("market", "toggle", "widgets.markets.market", markets.MARKET_KEYS[0],
                    options=tuple((f"widgets.markets.name.{k}", k) for k in markets.MARKET_KEYS)),
        )

    def compute(self, values: Mapping[str, Any]) -> MarketView:
        """Read the series, its growth per year, and the side-by-side comparison."""
        series = markets_data.series(values["series"])
        years = [p.year for p in series.points]
        growth = markets.growth_rate(series, years[0], years[-1]) if len(years) > 1 else None
        guide_id = dict(SERIES)[values["series"]]
        return MarketView(series, growth, figure(guide_id).value if guide_id else None, markets_data.comparison(),
                          values["market"])

    def build_chart(self, result: MarketView) -> Any:
        """The series chart, with the guide's figure where it gives one."""
        return build_market_size_chart(result.series, lang=self.lang, guide_value=result.guide_value,
                                       title=self.t(f"widgets.markets.series.{result.series.id.split('.')[1]}"))

    def describe(self, result: MarketView) -> str:
        """Growth of the series, then the chosen market's traits."""
        first, last = result.series.points[0], result.series.points[-1]
        parts = [self.t("widgets.markets.reading", first_year=first.year, first=f"{first.value:g}", last_year=last.year,
                        last=f"{last.value:g}", unit=result.series.unit,
                        growth=percent(result.growth) if result.growth is not None else "—")]
        if result.guide_value is not None:
            key = "widgets.markets.guide_more" if last.value > result.guide_value else "widgets.markets.guide_less"
            parts.append(self.t(key, value=f"{result.guide_value:g}", last=f"{last.value:g}", unit=result.series.unit))
        row = next(r for r in result.rows if r.market_key == result.market_key)
        parts.append(self.t("widgets.markets.traits", market=row.name_zh if self.lang == "zh" else row.name_en,
                            traits=self.t("charts.list_sep").join(tr.text(self.lang) for tr in row.traits)))
        return self.sentences(*parts)

    def tabulate(self, result: MarketView) -> Table:
        """The series by year, then the four markets side by side with their figures and sources."""
        rows = [(str(p.year), f"{p.value:g} {result.series.unit}", self.t("widgets.as_of", as_of=p.as_of) + " · " + p.source_title)
                for p in result.series.points]
        for row in result.rows:
            name = row.name_zh if self.lang == "zh" else row.name_en
            rows.append((name, self.t("charts.list_sep").join(tr.text(self.lang) for tr in row.traits), ""))
            for fig in row.figures:
                value = percent(fig.value) if fig.unit == "share" else f"{fig.value:,g} {fig.unit}"
                rows.append((f"  {fig.label_zh if self.lang == 'zh' else fig.label_en}", value,
                             self.t("widgets.as_of", as_of=fig.as_of) + " · " + fig.source_title))
        return Table((self.t("widgets.markets.col.what"), self.t("widgets.markets.col.value"),
                      self.t("widgets.markets.col.source")), tuple(rows))

    def source_figures(self) -> tuple[Any, ...]:
        """The markets figures."""
        return figures("markets.")


def markets_explorer(lang: str = "en") -> MarketsExplorer:
    """Return the markets explorer in ``lang`` ("en" or "zh")."""
    return MarketsExplorer(lang)
