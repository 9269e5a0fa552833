"""A sourced figure: the value type behind every number a learner sees.

It lives below the domain modules so that pure code (``xbedu.markets``) and the data package
(``xbedu.data``, which builds these from ``data/figures/*.csv``) share one type.

    >>> f = Figure("fx.cny_per_usd", 7.0197, "CNY per USD", "Reference rate", "参考汇率", "sourced",
    ...            "CFETS central parity", "https://example.org", "2026-01-08", False)
    >>> f.label("zh"), f.as_of_date().isoformat()
    ('参考汇率', '2026-01-08')
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .validation import pick

__all__ = ["Figure"]


@dataclass(frozen=True, slots=True)
class Figure:
    """One sourced figure: value, range, unit and provenance."""

    id: str
    value: float
    unit: str
    label_en: str
    label_zh: str
    basis: str
    source_title: str
    source_url: str
    as_of: str
    assumption: bool
    low: float | None = None
    high: float | None = None
    note: str = ""

    def label(self, lang: str = "en") -> str:
        """Return the figure's label in ``lang``."""
        return pick(lang, self.label_en, self.label_zh)

    def as_of_date(self) -> date:
        """Return ``as_of`` as a date (a month-only date counts as the 1st)."""
        parts = [int(p) for p in self.as_of.split("-")]
        return date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
