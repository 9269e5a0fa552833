"""Explorer 3: the logistics time–cost trade-off (chapter 3)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .. import logistics
from ..charts.logistics import build_tradeoff_chart
from ..customs import MARKETS, ImportCharges
from ..data import customs as customs_data
from ..data import figure, figures
from ..data import logistics as logistics_data
from ..data.economics import rules_date
from .base import Control, Explorer
from .format import Table, days, kg

__all__ = ["LogisticsExplorer", "TradeOff", "logistics_explorer"]


@dataclass(frozen=True, slots=True)
class TradeOff:
    """What the explorer computed: a quote per option, the frontier and the recommendation."""

    shipment: logistics.Shipment
    quotes: tuple[logistics.Quote, ...]
    frontier: tuple[logistics.Quote, ...]
    recommendation: logistics.Recommendation
    deadline_days: float
    destination: str = "US"
    import_charges: tuple[tuple[str, ImportCharges], ...] = ()

    def charges_for(self, key: str) -> ImportCharges | None:
        """Return what the option's shipment pays entering the destination (None if the option is not allowed)."""
        return dict(self.import_charges).get(key)

    def quote_for(self, key: str) -> logistics.Quote:
        """Return the quote of one option."""
        return next(q for q in self.quotes if q.option_key == key)


class LogisticsExplorer(Explorer):
    """Weight, box, units, value, deadline and cost of capital in; cost and days per option out."""

    title_key = "widgets.logistics.title"
    intro_key = "widgets.logistics.intro"

    def control_specs(self) -> Sequence[Control]:
        """Shipment fields typed freely (checked by the domain), deadline and cost of capital as sliders."""
        ship = logistics_data.default_shipment()
        options = logistics_data.shipping_options()
        rate = logistics_data.default_cost_of_capital()
        capital = figure("logistics.cost_of_capital_per_year")
        slowest = max(o.days_max + o.replenishment_days for o in options)
        deadline = next(o.days_max for o in options if o.key == "dedicated_line")
        return (
            Control("weight_kg", "float_text", "widgets.logistics.weight", ship.weight_kg, "widgets.unit.kg", step=0.1),
            Control("length_cm", "float_text", "widgets.logistics.length", ship.length_cm, "widgets.unit.cm", step=1),
            Control("width_cm", "float_text", "widgets.logistics.width", ship.width_cm, "widgets.unit.cm", step=1),
            Control("height_cm", "float_text", "widgets.logistics.height", ship.height_cm, "widgets.unit.cm", step=1),
            Control("units", "int_text", "widgets.logistics.units", ship.units, "widgets.unit.units"),
            Control("declared_value_usd", "float_text", "widgets.logistics.value", ship.declared_value_usd, "widgets.unit.usd", step=1),
            Control("deadline_days", "int_slider", "widgets.logistics.deadline", int(deadline), "widgets.unit.days",
                    low=1, high=int(math.ceil(slowest / 10) * 10), step=1),
            Control("annual_cost_of_capital", "float_slider", "widgets.logistics.capital", rate, "widgets.unit.per_year",
                    low=capital.low if capital.low is not None else 0.0, high=capital.high if capital.high is not None else 0.3,
                    step=0.01, percent=True),
            Control("destination", "dropdown", "widgets.logistics.destination", "US",
                    options=tuple((f"tables.market.{m}", m) for m in MARKETS)),
            Control("stocked", "checkbox", "widgets.logistics.stocked", True),
            Control("days_basis", "toggle", "widgets.logistics.days_basis", "sourced",
                    options=(("widgets.logistics.basis.sourced", "sourced"), ("widgets.logistics.basis.guide", "guide"))),
        )

    def compute(self, values: Mapping[str, Any]) -> TradeOff:
        """Quote every option for the shipment and recommend one for the deadline."""
        shipment = logistics.Shipment(
            weight_kg=values["weight_kg"], length_cm=values["length_cm"], width_cm=values["width_cm"],
            height_cm=values["height_cm"], units=values["units"], declared_value_usd=values["declared_value_usd"],
        )
        quotes = logistics.compare(shipment, logistics_data.shipping_options(values["days_basis"]),
                                   annual_cost_of_capital=values["annual_cost_of_capital"], stocked=values["stocked"])
        rec = logistics.recommend(quotes, deadline_days=values["deadline_days"])
        options = {o.key: o for o in logistics_data.shipping_options(values["days_basis"])}
        charges = tuple(
            (q.option_key, customs_data.shipment_import_charges(
                values["destination"], unit_value_usd=shipment.declared_value_usd, units=shipment.units,
                freight_usd=q.cost_usd, per_parcel=not options[q.option_key].consolidated, on=rules_date()))
            for q in quotes if q.available)
        return TradeOff(shipment, quotes, logistics.pareto_frontier(quotes), rec, float(values["deadline_days"]),
                        values["destination"], charges)

    def build_chart(self, result: TradeOff) -> Any:
        """Days-vs-cost chart with the frontier and the deadline."""
        choice = result.recommendation.choice
        return build_tradeoff_chart(result.quotes, lang=self.lang, deadline_days=result.deadline_days,
                                    choice_key=choice.option_key if choice else None)

    def describe(self, result: TradeOff) -> str:
        """The recommendation, then why any option is not allowed."""
        parts = [result.recommendation.reason.render(self.lang)]
        parts += [m.render(self.lang) for q in result.quotes for m in q.reasons]
        duties = {key: c.duty_usd + c.flat_duty_usd for key, c in result.import_charges}
        if duties:
            low, high = min(duties, key=duties.__getitem__), max(duties, key=duties.__getitem__)
            if abs(duties[high] - duties[low]) < 0.005:
                parts.append(self.t("widgets.logistics.duty_reading_same", destination=self.t(f"tables.market.{result.destination}"),
                                    amount=self.money(duties[low])))
            else:
                parts.append(self.t("widgets.logistics.duty_reading", destination=self.t(f"tables.market.{result.destination}"),
                                    low_option=self.t(f"logistics.option.{low}"), low=self.money(duties[low]),
                                    high_option=self.t(f"logistics.option.{high}"), high=self.money(duties[high])))
        return self.sentences(*parts)

    def warn(self, result: TradeOff) -> tuple[str, ...]:
        """Warn when no option meets the deadline."""
        return () if result.recommendation.choice else (result.recommendation.reason.render(self.lang),)

    def tabulate(self, result: TradeOff) -> Table:
        """One row per option: chargeable weight, cost, days, holding cost, total, allowed or why not."""
        headers = tuple(self.t(f"widgets.logistics.col.{c}") for c in
                        ("option", "chargeable", "cost", "per_unit", "days", "holding", "total", "duty", "allowed"))
        rows = []
        for q in result.quotes:
            allowed = self.t("widgets.yes") if q.available else " ".join(m.render(self.lang) for m in q.reasons)
            charges = result.charges_for(q.option_key)
            duty = self.money(charges.duty_usd + charges.flat_duty_usd) if charges else "—"
            rows.append((
                self.t(f"logistics.option.{q.option_key}"), kg(round(q.chargeable_weight_kg, 2), self.lang),
                self.money(q.cost_usd, cny=True), self.money(q.cost_per_unit_usd),
                self.t("widgets.range", low=days(q.days_min, self.lang), high=days(q.days_max, self.lang)),
                self.money(q.holding_cost_usd), self.money(q.total_cost_usd, cny=True), duty, allowed,
            ))
        return Table(headers, tuple(rows))

    def source_figures(self) -> tuple[Any, ...]:
        """The logistics figures, and the customs and exchange-rate figures behind the duty column."""
        return figures("logistics.") + figures("customs.") + figures("fx.")


def logistics_explorer(lang: str = "en") -> LogisticsExplorer:
    """Return the logistics time–cost explorer in ``lang`` ("en" or "zh")."""
    return LogisticsExplorer(lang)
