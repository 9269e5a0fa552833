"""Explorer 2: order to cash (chapter 3): the eight steps, the money flow, and the day-by-day timeline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .. import logistics, operations
from ..charts.operations import build_cash_timeline_chart, timeline_segments
from ..data import figure, figures
from ..data import logistics as logistics_data
from ..data import operations as operations_data
from .base import Control, Explorer
from .format import Table

__all__ = ["CashFlow", "OrderToCashExplorer", "order_to_cash_explorer"]


@dataclass(frozen=True, slots=True)
class CashFlow:
    """The timeline of one order and what it was computed from, plus the steps being shown."""

    timeline: operations.Timeline
    shipping: logistics.Quote
    method: operations.PaymentMethod
    fees_usd: float
    step: operations.Step
    stage: operations.Step


class OrderToCashExplorer(Explorer):
    """Order value, goods cost, logistics option and payment method in; where goods and money are, day by day."""

    title_key = "widgets.operations.title"
    intro_key = "widgets.operations.intro"

    def control_specs(self) -> Sequence[Control]:
        """Money typed freely; logistics option and payment method from the data; steps as sliders."""
        steps, stages = operations_data.operating_steps(), operations_data.money_flow()
        return (
            Control("order_value_usd", "float_text", "widgets.operations.value", figure("economics.example.price_usd").value,
                    "widgets.unit.usd", step=1),
            Control("goods_cost_usd", "float_text", "widgets.operations.cost", figure("economics.example.product_cost_usd").value,
                    "widgets.unit.usd", step=0.5),
            Control("option", "dropdown", "widgets.operations.option", "dedicated_line",
                    options=tuple((f"logistics.option.{k}", k) for k in logistics.OPTION_KEYS)),
            Control("method", "dropdown", "widgets.operations.method", "amazon",
                    options=tuple((f"operations.method.{m.key}", m.key) for m in operations_data.payment_methods())),
            Control("processing_days", "int_slider", "widgets.operations.processing", 0, "widgets.unit.days", low=0, high=10, step=1),
            Control("step", "int_slider", "widgets.operations.step", 1, low=1, high=len(steps), step=1),
            Control("stage", "int_slider", "widgets.operations.stage", 1, low=1, high=len(stages), step=1),
        )

    def compute(self, values: Mapping[str, Any]) -> CashFlow:
        """Ship one unit with the chosen option and follow the money until the payout."""
        option = logistics.option_by_key(logistics_data.shipping_options(), values["option"])
        one_unit = replace(logistics_data.default_shipment(), units=1)
        shipping = logistics.quote(one_unit, option, annual_cost_of_capital=logistics_data.default_cost_of_capital())
        method = operations_data.payment_method(values["method"])
        fees = operations.payment_cost_usd(values["order_value_usd"], method)
        timeline = operations.cash_timeline(
            values["order_value_usd"], values["goods_cost_usd"], shipping.days_typical, method.payout_days,
            shipping_cost_usd=shipping.cost_per_unit_usd, processing_days=values["processing_days"], fees_usd=fees)
        step = operations_data.operating_steps()[values["step"] - 1]
        stage = operations_data.money_flow()[values["stage"] - 1]
        return CashFlow(timeline, shipping, method, fees, step, stage)

    def build_chart(self, result: CashFlow) -> Any:
        """Location lanes and the money tied up."""
        return build_cash_timeline_chart(result.timeline, lang=self.lang)

    def describe(self, result: CashFlow) -> str:
        """The current operating step and money-flow stage, then the timeline in words."""
        tl = result.timeline
        steps, stages = len(operations_data.operating_steps()), len(operations_data.money_flow())
        return self.sentences(
            self.t("widgets.operations.step_text", n=result.step.order, total=steps, name=result.step.name(self.lang),
                   what=result.step.what(self.lang)),
            self.t("widgets.operations.stage_text", n=result.stage.order, total=stages, name=result.stage.name(self.lang),
                   what=result.stage.what(self.lang)),
            self.t("widgets.operations.reading", arrive=tl.arrival_day, payout=tl.payout_day,
                   peak=self.money(tl.peak_tied_usd, cny=True), usd_days=f"{tl.tied_usd_days:,.0f}",
                   payout_usd=self.money(tl.payout_usd), profit=self.money(tl.profit_usd)),
        )

    def warn(self, result: CashFlow) -> tuple[str, ...]:
        """Warn when the order loses money after shipping and fees."""
        if result.timeline.profit_usd < 0:
            return (self.t("widgets.operations.loss", loss=self.money(-result.timeline.profit_usd)),)
        return ()

    def tabulate(self, result: CashFlow) -> Table:
        """The lanes as runs of days, then the money tied up per day."""
        rows = [(s["lane"], self.t("widgets.operations.days", start=s["start"], end=s["end"] - 1), s["where"])
                for s in timeline_segments(result.timeline, lang=self.lang)]
        runs: list[tuple[int, int, float]] = []
        for row in result.timeline.rows:
            if runs and runs[-1][2] == row.tied_usd:
                runs[-1] = (runs[-1][0], row.day, row.tied_usd)
            else:
                runs.append((row.day, row.day, row.tied_usd))
        rows += [(self.t("widgets.operations.tied"), self.t("widgets.operations.days", start=a, end=b), self.money(usd))
                 for a, b, usd in runs]
        return Table((self.t("widgets.operations.col.what"), self.t("widgets.operations.col.days"),
                      self.t("widgets.operations.col.where")), tuple(rows))

    def source_figures(self) -> tuple[Any, ...]:
        """Payment and logistics figures, and the example order."""
        return (*figures("payments."), *figures("logistics."), figure("economics.example.price_usd"),
                figure("economics.example.product_cost_usd"))


def order_to_cash_explorer(lang: str = "en") -> OrderToCashExplorer:
    """Return the order-to-cash explorer in ``lang`` ("en" or "zh")."""
    return OrderToCashExplorer(lang)
