"""Explorer 6: the start-up capital planner (chapter 6, step 4)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .. import startup
from ..charts.startup import build_capital_chart
from ..data import figure, figures
from ..data import startup as startup_data
from ..errors import InputError
from ..i18n import t
from .base import Control, Explorer
from .format import Table

__all__ = ["CapitalPlan", "StartupExplorer", "startup_explorer"]


@dataclass(frozen=True, slots=True)
class CapitalPlan:
    """What the planner computed: the learner's lines, their totals, the guide's totals and the runway."""

    lines: tuple[startup.CapitalLine, ...]
    totals: startup.Totals
    guide: startup.Totals
    runway: startup.Runway
    scenario: str


class StartupExplorer(Explorer):
    """Five editable lines (range and your amount), your capital and monthly costs → total and runway."""

    title_key = "widgets.startup.title"
    intro_key = "widgets.startup.intro"

    def control_specs(self) -> Sequence[Control]:
        """A range slider and an amount per line; capital, scenario and monthly costs."""
        specs: list[Control] = []
        for line in startup_data.capital_lines():
            top = _slider_top(line.max_usd)
            name = (("line", t(f"startup.line.{line.key}", self.lang)),)
            specs.append(Control(f"{line.key}_range", "float_range", "widgets.startup.range", (line.min_usd, line.max_usd),
                                 "widgets.unit.usd", low=0.0, high=top, step=50.0, label_fields=name))
            specs.append(Control(f"{line.key}_usd", "float_slider", "widgets.startup.amount", line.typical_usd,
                                 "widgets.unit.usd", low=0.0, high=top, step=50.0, label_fields=name))
        specs.append(Control("scenario", "toggle", "widgets.startup.scenario", "typical",
                             options=tuple((f"startup.scenario.{s}", s) for s in startup.SCENARIOS)))
        specs.append(Control("capital_usd", "float_text", "widgets.startup.capital", figure("startup.total.max_usd").value,
                             "widgets.unit.usd", step=500))
        for cost in startup_data.monthly_costs():
            specs.append(Control(f"monthly_{cost.key}", "float_text", "widgets.startup.monthly", cost.usd_per_month,
                                 "widgets.unit.usd_month", step=10,
                                 label_fields=(("item", t(f"startup.monthly.{cost.key}", self.lang)),)))
        return specs

    def compute(self, values: Mapping[str, Any]) -> CapitalPlan:
        """Build the plan from the controls and compute totals and runway."""
        lines = []
        for line in startup_data.capital_lines():
            low, high = values[f"{line.key}_range"]
            try:
                lines.append(startup.CapitalLine(line.key, low, values[f"{line.key}_usd"], high))
            except InputError as exc:  # name the line the learner sees, not the field
                raise InputError(exc.key, **{**exc.fields, "name": t(f"startup.line.{line.key}", self.lang)}) from None
        costs = []
        for cost in startup_data.monthly_costs():
            try:
                costs.append(startup.MonthlyCost(cost.key, values[f"monthly_{cost.key}"]))
            except InputError as exc:
                raise InputError(exc.key, **{**exc.fields, "name": t(f"startup.monthly.{cost.key}", self.lang)}) from None
        scenario = values["scenario"]
        return CapitalPlan(tuple(lines), startup.plan_totals(lines), startup_data.guide_totals(),
                           startup.runway(values["capital_usd"], lines, costs, scenario), scenario)

    def build_chart(self, result: CapitalPlan) -> Any:
        """Range chart of the lines, your total, the guide's total and your capital."""
        return build_capital_chart(result.lines, lang=self.lang, guide=result.guide,
                                   capital_usd=result.runway.capital_usd, scenario=result.scenario)

    def describe(self, result: CapitalPlan) -> str:
        """Your total against the guide's range, then the runway."""
        totals, guide = result.totals, result.guide
        used = result.runway.launch_usd
        if used < guide.min_usd:
            where = self.t("widgets.startup.below", low=self.money(guide.min_usd))
        elif used > guide.max_usd:
            where = self.t("widgets.startup.above", high=self.money(guide.max_usd))
        else:
            where = self.t("widgets.startup.within", low=self.money(guide.min_usd), high=self.money(guide.max_usd))
        return self.sentences(
            self.t("widgets.startup.reading", low=self.money(totals.min_usd), high=self.money(totals.max_usd),
                   scenario=self.t(f"startup.scenario.{result.scenario}"), used=self.money(used, cny=True), where=where),
            startup.explain_runway(result.runway).render(self.lang),
        )

    def warn(self, result: CapitalPlan) -> tuple[str, ...]:
        """Warn when the capital does not cover the launch."""
        if result.runway.shortfall_usd > 0:
            return (startup.explain_runway(result.runway).render(self.lang),)
        return ()

    def tabulate(self, result: CapitalPlan) -> Table:
        """One row per line plus the totals: min, amount used, max."""
        headers = (self.t("widgets.startup.col.line"), self.t("startup.scenario.min"),
                   self.t("widgets.startup.col.used"), self.t("startup.scenario.max"))
        rows = [(self.t(f"startup.line.{line.key}"), self.money(line.min_usd), self.money(line.amount_usd(result.scenario)),
                 self.money(line.max_usd)) for line in result.lines]
        rows.append((self.t("startup.line.total"), self.money(result.totals.min_usd), self.money(result.runway.launch_usd),
                     self.money(result.totals.max_usd)))
        rows.append((self.t("charts.startup.guide_total"), self.money(result.guide.min_usd), "—", self.money(result.guide.max_usd)))
        return Table(headers, tuple(rows))

    def source_figures(self) -> tuple[Any, ...]:
        """The start-up figures."""
        return figures("startup.")


def _slider_top(max_usd: float) -> float:
    """Slider range: twice the guide's maximum, rounded up to a round number (1,000 at least)."""
    return float(max(1000, math.ceil(2 * max_usd / 1000) * 1000))


def startup_explorer(lang: str = "en") -> StartupExplorer:
    """Return the start-up capital planner in ``lang`` ("en" or "zh")."""
    return StartupExplorer(lang)
