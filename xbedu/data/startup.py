"""Build the start-up capital plan of ``xbedu.startup`` from ``data/figures/startup.csv``."""

from __future__ import annotations

from ..startup import CapitalLine, MonthlyCost, Totals
from . import DataError, figure, figures, resource

__all__ = ["capital_lines", "default_plan", "guide_totals", "line_keys", "monthly_costs"]

#: Ids under ``startup.`` that are not capital lines.
_NOT_LINES = ("total", "monthly")


def line_keys() -> tuple[str, ...]:
    """Return the keys of the capital lines in the order the data file lists them.

    >>> line_keys()
    ('platform_fees', 'first_inventory', 'logistics', 'advertising', 'operations')
    """
    keys: list[str] = []
    for row in resource("figures-startup"):
        parts = row["id"].split(".")
        if len(parts) == 3 and parts[1] not in _NOT_LINES and parts[1] not in keys:
            keys.append(parts[1])
    return tuple(keys)


def capital_lines() -> tuple[CapitalLine, ...]:
    """Return the guide's start-up lines: its min and max, and our typical value (an assumption).

    >>> sum(line.max_usd for line in capital_lines())
    18500.0
    """
    lines = []
    for key in line_keys():
        try:
            lines.append(CapitalLine(key, *(figure(f"startup.{key}.{col}_usd").value for col in ("min", "typical", "max"))))
        except DataError as exc:
            raise DataError("figures/startup.csv", f"capital line {key!r} needs min_usd, typical_usd and max_usd figures ({exc.problem})") from None
    return tuple(lines)


def guide_totals() -> Totals:
    """Return the guide's own total (4,000–18,500 USD) with the typical total of our default plan."""
    typical = sum(line.typical_usd for line in capital_lines())
    return Totals(figure("startup.total.min_usd").value, typical, figure("startup.total.max_usd").value)


def monthly_costs() -> tuple[MonthlyCost, ...]:
    """Return the assumed monthly running costs after launch (learners change them)."""
    return tuple(MonthlyCost(f.id.split(".")[-1].removesuffix("_usd"), f.value) for f in figures("startup.monthly."))


def default_plan() -> tuple[CapitalLine, ...]:
    """Return the default start-up plan (the same lines as ``capital_lines()``)."""
    return capital_lines()
