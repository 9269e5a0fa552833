"""Build the reference exchange rates of ``xbedu.money`` from ``data/figures/fx.csv``."""

from __future__ import annotations

from ..money import CURRENCIES, Rate, Rates
from . import figure

__all__ = ["reference_rates"]


def reference_rates() -> Rates:
    """Return the course's reference rates (CNY, EUR, GBP, JPY per USD), each with its source and date.

    >>> reference_rates().rate("CNY").as_of
    '2026-01-08'
    """
    rates = []
    for currency in CURRENCIES[1:]:
        fig = figure(f"fx.{currency.lower()}_per_usd")
        rates.append(Rate(currency, fig.value, fig.as_of, fig.source_title))
    return Rates(tuple(rates))
