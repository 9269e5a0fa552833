"""The capstone explorer: the plan's inputs on controls, its headline as the reading, an export button."""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from .. import logistics, startup
from ..data import economics as economics_data
from ..data import figure
from ..data import logistics as logistics_data
from ..data import modes as modes_data
from ..data import startup as startup_data
from ..errors import InputError
from ..i18n import t
from ..modes import MODE_KEYS
from ..widgets.base import Control, Explorer
from ..widgets.format import Table, days, months, percent
from .plan import MARKETS, FirstProductPlan, plan_first_product  # noqa: F401


# -- the explorer -----------------------------------------------------------------------------
class CapstoneExplorer(Explorer):
    """Every input of ``plan_first_product`` on a control; the result is the plan, the chart its unit waterfall."""

    title_key = "capstone.title"
    intro_key = "capstone.intro"

    def __init__(self, lang: str = "en", product_name: str = "") -> None:
        self.product_name = product_name
        super().__init__(lang)
        import ipywidgets as w

        self.export_path = w.Text(value=t("capstone.export.default_file", self.lang),
                                  description=t("capstone.export.file", self.lang), style={"description_width": "initial"})
        self.export_button = w.Button(description=t("capstone.export.button", self.lang),
                                      tooltip=t("capstone.export.button", self.lang), icon="download")
        self.export_status = w.HTML()
        self.export_button.on_click(lambda _b: self._export_clicked())
        self._root.children = (*self._root.children, w.HBox([self.export_path, self.export_button]), self.export_status)

    def control_specs(self) -> Sequence[Control]:
        """Choices as menus (defaults: the example learner's best mode, Amazon FBA into the US); numbers typed freely."""
        ship = logistics_data.default_shipment()
        usd, best = "widgets.unit.usd", modes_data.rank_modes(modes_data.example_situation())[0].mode_key
        return (
            Control("mode", "dropdown", "capstone.control.mode", best, options=tuple((f"capstone.mode.{m}", m) for m in MODE_KEYS)),
            Control("market", "dropdown", "capstone.control.market", MARKETS[0],
                    options=tuple((f"capstone.market.{m}", m) for m in MARKETS)),
            Control("platform", "dropdown", "capstone.control.platform", economics_data.PLATFORMS[0],
                    options=tuple((f"economics.platform.{p}", p) for p in economics_data.PLATFORMS)),
            Control("logistics_option", "dropdown", "capstone.control.logistics", "overseas_warehouse",
                    options=tuple((f"logistics.option.{k}", k) for k in logistics.OPTION_KEYS)),
            Control("price_usd", "float_text", "capstone.control.price", figure("economics.example.price_usd").value, usd, step=0.5),
            Control("product_cost_usd", "float_text", "capstone.control.cost",
                    figure("economics.example.product_cost_usd").value, usd, step=0.5),
            Control("weight_kg", "float_text", "capstone.control.weight", ship.weight_kg, "widgets.unit.kg", step=0.1),
            Control("length_cm", "float_text", "capstone.control.length", ship.length_cm, "widgets.unit.cm", step=1),
            Control("width_cm", "float_text", "capstone.control.width", ship.width_cm, "widgets.unit.cm", step=1),
            Control("height_cm", "float_text", "capstone.control.height", ship.height_cm, "widgets.unit.cm", step=1),
            Control("units_first_order", "int_text", "capstone.control.units", ship.units, "widgets.unit.units"),
            Control("monthly_cost_usd", "float_text", "capstone.control.monthly",
                    startup.monthly_total_usd(startup_data.monthly_costs()), "widgets.unit.usd_month", step=10),
            Control("capital_usd", "float_text", "capstone.control.capital", figure("startup.total.max_usd").value, usd, step=500),
            Control("on", "date", "capstone.control.on", date.today()),
        )

    def compute(self, values: Mapping[str, Any]) -> FirstProductPlan:
        """Plan the product from the controls."""
        return plan_first_product(**values, product_name=self.product_name, lang=self.lang)

    def build_chart(self, result: FirstProductPlan) -> Any:
        """The price of one unit, cost line by cost line, down to the profit (or loss)."""
        from ..charts.caption import caption
        from ..charts.economics import build_unit_economics_chart

        return build_unit_economics_chart(result.unit, lang=self.lang,
                                          caption=caption(result.sources, self.lang, learner_values=True))

    def describe(self, result: FirstProductPlan) -> str:
        """The plan in one sentence."""
        return result.headline(self.lang)

    def warn(self, result: FirstProductPlan) -> tuple[str, ...]:
        """A loss, an option that cannot carry the goods, a platform that does not serve the mode or market."""
        return result.warnings(self.lang)

    def tabulate(self, result: FirstProductPlan) -> Table:
        """The plan's key numbers."""
        u, q, run = result.unit, result.quote, result.runway
        rows = (
            (self.t("capstone.row.profit"), self.money(u.profit_usd, cny=True)),
            (self.t("capstone.row.margin_roi"), f"{percent(u.margin)} / {percent(u.roi) if math.isfinite(u.roi) else '—'}"),
            (self.t("capstone.row.break_even_price"), self.money(result.break_even_price_usd)),
            (self.t("capstone.row.first_order"), self.t("capstone.doc.order_cost", cost=self.money(q.cost_usd),
                                                       low=days(q.days_min, self.lang), high=days(q.days_max, self.lang))),
            (self.t("capstone.row.capital_total"), self.money(result.capital_totals.typical_usd, cny=True)),
            (self.t("capstone.row.runway"), months(run.months, self.lang) if run.shortfall_usd == 0
             else self.t("capstone.headline.shortfall", short=self.money(run.shortfall_usd))),
        )
        return Table((self.t("capstone.col.item"), self.t("capstone.col.value")), rows)

    def source_figures(self) -> tuple[Any, ...]:
        """The figures behind the current plan."""
        return self.result.sources if self.result is not None else ()

    def export(self, path: str | Path, lang: str | None = None) -> Path:
        """Write the last good plan to ``path`` (``.md`` or ``.html``) and return the path."""
        return self.result.save(path, lang or self.lang)

    def _export_clicked(self) -> None:
        try:
            written = self.export(self.export_path.value)
            self.export_status.value = html.escape(t("capstone.export.done", self.lang, path=str(written.resolve())))
        except InputError as exc:
            self.export_status.value = html.escape(exc.message(self.lang))
        except OSError as exc:
            self.export_status.value = html.escape(t("capstone.export.failed", self.lang, detail=str(exc)))


def capstone_explorer(lang: str = "en", product_name: str = "") -> CapstoneExplorer:
    """Return the capstone planner in ``lang`` ("en" or "zh"); ``.export("my-plan.html")`` writes the plan."""
    return CapstoneExplorer(lang, product_name)

