"""Start-up capital (chapter 6, step 4): a plan of min / typical / max per line, its totals, and runway.

The guide's five lines add up to 4,000–18,500 USD. A plan is a tuple of ``CapitalLine``;
``replace_line`` returns a new plan with one line changed, so a learner can edit it.

    >>> plan = (CapitalLine("inventory", 2000, 6000, 10000), CapitalLine("ads", 1000, 3000, 5000))
    >>> plan_totals(plan)
    Totals(min_usd=3000.0, typical_usd=9000.0, max_usd=15000.0)
    >>> runway_months(3000, 500)
    6.0
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import validation
from .errors import InputError
from .i18n import Message

__all__ = [
    "SCENARIOS",
    "CapitalLine",
    "MonthlyCost",
    "Runway",
    "Totals",
    "explain_runway",
    "monthly_total_usd",
    "plan_totals",
    "replace_line",
    "runway",
    "runway_months",
]

#: Which column of the plan to use: the guide's minimum, our typical value, or the guide's maximum.
SCENARIOS: tuple[str, ...] = ("min", "typical", "max")


@dataclass(frozen=True, slots=True)
class CapitalLine:
    """One line of the start-up budget, in USD: minimum <= typical <= maximum."""

    key: str
    min_usd: float
    typical_usd: float
    max_usd: float

    def __post_init__(self) -> None:
        for name in ("min_usd", "typical_usd", "max_usd"):
            object.__setattr__(self, name, validation.non_negative(name, getattr(self, name)))
        if self.min_usd > self.max_usd:
            raise InputError("error.min_above_max", name=self.key, low=self.min_usd, high=self.max_usd)
        if not self.min_usd <= self.typical_usd <= self.max_usd:
            raise InputError("error.out_of_range", name="typical_usd", value=self.typical_usd, low=self.min_usd, high=self.max_usd)

    def amount_usd(self, scenario: str = "typical") -> float:
        """Return the line's amount in one scenario ("min", "typical" or "max")."""
        validation.choice("scenario", scenario, SCENARIOS)
        return {"min": self.min_usd, "typical": self.typical_usd, "max": self.max_usd}[scenario]


@dataclass(frozen=True, slots=True)
class Totals:
    """The plan's total in each scenario, in USD."""

    min_usd: float
    typical_usd: float
    max_usd: float


@dataclass(frozen=True, slots=True)
class MonthlyCost:
    """A running cost after launch, in USD per month."""

    key: str
    usd_per_month: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "usd_per_month", validation.non_negative("usd_per_month", self.usd_per_month))


@dataclass(frozen=True, slots=True)
class Runway:
    """What is left after the launch spend and how many months it pays the running costs.

    ``shortfall_usd`` is how much capital is missing for the launch itself (0 when enough).
    """

    capital_usd: float
    launch_usd: float
    left_after_launch_usd: float
    monthly_cost_usd: float
    months: float
    shortfall_usd: float


def _lines(lines: Sequence[CapitalLine]) -> tuple[CapitalLine, ...]:
    if not lines or not all(isinstance(line, CapitalLine) for line in lines):
        raise InputError("startup.error.not_lines", name="lines", value=len(lines) if lines is not None else 0)
    keys = [line.key for line in lines]
    if len(set(keys)) != len(keys):
        raise InputError("startup.error.duplicate_line", name="lines", value=keys)
    return tuple(lines)


def plan_totals(lines: Sequence[CapitalLine]) -> Totals:
    """Return the sum of the lines' minimum, typical and maximum amounts.

    Raises:
        InputError: if ``lines`` is empty, holds something other than ``CapitalLine`` or repeats a key.
    """
    plan = _lines(lines)
    return Totals(
        min_usd=sum(line.min_usd for line in plan),
        typical_usd=sum(line.typical_usd for line in plan),
        max_usd=sum(line.max_usd for line in plan),
    )


def replace_line(
    lines: Sequence[CapitalLine],
    key: str,
    *,
    min_usd: float | None = None,
    typical_usd: float | None = None,
    max_usd: float | None = None,
) -> tuple[CapitalLine, ...]:
    """Return a new plan with line ``key`` changed (amounts not given stay as they were).

    >>> plan = (CapitalLine("ads", 1000, 3000, 5000),)
    >>> replace_line(plan, "ads", typical_usd=1500)[0].typical_usd
    1500.0
    """
    plan = _lines(lines)
    validation.choice("key", key, [line.key for line in plan])
    return tuple(
        CapitalLine(
            key,
            line.min_usd if min_usd is None else min_usd,
            line.typical_usd if typical_usd is None else typical_usd,
            line.max_usd if max_usd is None else max_usd,
        )
        if line.key == key
        else line
        for line in plan
    )


def runway_months(capital_usd: float, monthly_cost_usd: float) -> float:
    """Return how many months ``capital_usd`` pays a running cost of ``monthly_cost_usd``.

    >>> runway_months(1200, 400)
    3.0
    """
    capital = validation.non_negative("capital_usd", capital_usd)
    monthly = validation.positive("monthly_cost_usd", monthly_cost_usd)
    return capital / monthly


def monthly_total_usd(costs: Sequence[MonthlyCost]) -> float:
    """Return the sum of the monthly running costs."""
    if not all(isinstance(cost, MonthlyCost) for cost in costs):
        raise InputError("startup.error.not_costs", name="costs", value=len(costs))
    return sum(cost.usd_per_month for cost in costs)


def runway(capital_usd: float, lines: Sequence[CapitalLine], costs: Sequence[MonthlyCost], scenario: str = "typical") -> Runway:
    """Return the runway after paying the plan's launch spend in ``scenario``.

    The launch spend is the plan's total in that scenario; what is left pays the monthly costs.
    If the capital does not cover the launch, ``months`` is 0 and ``shortfall_usd`` says how much is missing.

    >>> r = runway(10000, (CapitalLine("ads", 1000, 3000, 5000),), (MonthlyCost("tools", 500),))
    >>> r.left_after_launch_usd, r.months, r.shortfall_usd
    (7000.0, 14.0, 0.0)
    """
    capital = validation.non_negative("capital_usd", capital_usd)
    validation.choice("scenario", scenario, SCENARIOS)
    launch = sum(line.amount_usd(scenario) for line in _lines(lines))
    monthly = monthly_total_usd(costs)
    left = capital - launch
    if left < 0:
        return Runway(capital, launch, 0.0, monthly, 0.0, -left)
    return Runway(capital, launch, left, monthly, runway_months(left, monthly), 0.0)


def explain_runway(result: Runway) -> Message:
    """Return a message a learner reads about ``result`` (months of runway, or the shortfall).

    >>> explain_runway(runway(1000, (CapitalLine("ads", 1000, 3000, 5000),), (MonthlyCost("tools", 50),))).render("en")
    'Your capital does not cover the launch: 2,000 USD short.'
    """
    if result.shortfall_usd > 0:
        return Message.of("startup.runway.shortfall", shortfall_usd=result.shortfall_usd)
    return Message.of(
        "startup.runway.months",
        months=result.months,
        launch_usd=result.launch_usd,
        left_usd=result.left_after_launch_usd,
        monthly_usd=result.monthly_cost_usd,
    )
