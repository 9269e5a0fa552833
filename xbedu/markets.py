"""Target markets (chapter 6, step 2) and market-size series (chapter 4), as pure values.

A figure series is read by id prefix: ``markets.china_cbec_trade_cny_tn.2023`` is the 2023
point of the series ``markets.china_cbec_trade_cny_tn``. Any object with the attributes of
``xbedu.data.Figure`` (``id, value, unit, source_title, source_url, as_of, basis``) works.

    >>> from types import SimpleNamespace as F
    >>> figs = [F(id=f"m.x.{y}", value=v, unit="USD tn", label_en="x", label_zh="x", source_title="S", source_url="", as_of="2025-01", basis="sourced")
    ...         for y, v in ((2024, 2.0), (2022, 1.0))]
    >>> [(p.year, p.value) for p in build_series("m.x", figs).points]
    [(2022, 1.0), (2024, 2.0)]
    >>> round(growth_rate(build_series("m.x", figs), 2022, 2024), 4)
    0.4142
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import validation
from .errors import InputError
from .figure import Figure
from .validation import pick

__all__ = [
    "MARKET_KEYS",
    "Market",
    "MarketRow",
    "Series",
    "SeriesPoint",
    "Trait",
    "build_series",
    "compare_markets",
    "growth_rate",
]

#: The four target markets of chapter 6.
MARKET_KEYS: tuple[str, ...] = ("north_america", "europe", "japan", "southeast_asia")


@dataclass(frozen=True, slots=True)
class Trait:
    """One of the guide's traits of a market, in both languages."""

    key: str
    en: str
    zh: str

    def text(self, lang: str = "en") -> str:
        """Return the trait in ``lang``."""
        return pick(lang, self.en, self.zh)


@dataclass(frozen=True, slots=True)
class Market:
    """A target market: the guide's traits and the ids of its data figures and series."""

    key: str
    name_en: str
    name_zh: str
    traits: tuple[Trait, ...]
    figure_ids: tuple[str, ...] = ()
    series_ids: tuple[str, ...] = ()
    main_target: bool = False
    amazon_global_selling: bool = False
    note_en: str = ""
    note_zh: str = ""

    def __post_init__(self) -> None:
        validation.choice("key", self.key, MARKET_KEYS)

    def name(self, lang: str = "en") -> str:
        """Return the market's name in ``lang``."""
        return pick(lang, self.name_en, self.name_zh)


@dataclass(frozen=True, slots=True)
class MarketRow:
    """One market in a comparison: its traits and its figures."""

    market_key: str
    name_en: str
    name_zh: str
    traits: tuple[Trait, ...]
    figures: tuple[Figure, ...]
    main_target: bool
    amazon_global_selling: bool


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One year of a series, with the source and as-of date of that value."""

    year: int
    value: float
    basis: str
    source_title: str
    source_url: str
    as_of: str


@dataclass(frozen=True, slots=True)
class Series:
    """A yearly series of one figure, sorted by year."""

    id: str
    unit: str
    points: tuple[SeriesPoint, ...]

    def pairs(self) -> tuple[tuple[int, float], ...]:
        """Return ``(year, value)`` pairs, sorted by year."""
        return tuple((p.year, p.value) for p in self.points)

    def value(self, year: int) -> float:
        """Return the value of ``year``."""
        validation.choice("year", year, [p.year for p in self.points])
        return next(p.value for p in self.points if p.year == year)


def build_series(series_id: str, figures: Iterable[Any]) -> Series:
    """Return the series ``series_id`` from the figures whose id is ``series_id.<year>``, sorted by year.

    Raises:
        InputError: if no figure belongs to the series, or its figures mix units.
    """
    prefix = series_id + "."
    points, units = [], set()
    for fig in figures:
        if fig.id.startswith(prefix) and fig.id[len(prefix):].isdigit():
            points.append(SeriesPoint(int(fig.id[len(prefix):]), fig.value, fig.basis, fig.source_title, fig.source_url, fig.as_of))
            units.add(fig.unit)
    if not points:
        raise InputError("markets.error.no_series", name="series_id", value=series_id)
    if len(units) != 1:
        raise InputError("markets.error.mixed_units", name=series_id, value=sorted(units))
    return Series(series_id, units.pop(), tuple(sorted(points, key=lambda p: p.year)))


def growth_rate(series: Series, from_year: int, to_year: int) -> float:
    """Return the compound annual growth rate of ``series`` from ``from_year`` to ``to_year`` (0.1 = 10 %/yr).

    Raises:
        InputError: if a year is not in the series or ``to_year`` is not after ``from_year``.
    """
    start, end = series.value(from_year), series.value(to_year)
    if to_year <= from_year:
        raise InputError("markets.error.years_order", name="to_year", value=to_year, low=from_year)
    if start <= 0:
        raise InputError("error.not_positive", name=f"{series.id}.{from_year}", value=start)
    return (end / start) ** (1 / (to_year - from_year)) - 1


def compare_markets(markets: Sequence[Market], figures_by_id: Mapping[str, Figure], keys: Sequence[str] | None = None) -> tuple[MarketRow, ...]:
    """Return the markets side by side: the guide's traits and each market's data figures.

    Args:
        markets: the markets (``xbedu.data.markets.markets()``).
        figures_by_id: figures by id (every id a market names must be there).
        keys: which markets, in this order (default: all, in the given order).

    Raises:
        InputError: if a key is unknown or a market names a figure that is missing.
    """
    by_key = {m.key: m for m in markets}
    chosen = list(by_key) if keys is None else [validation.choice("keys", k, tuple(by_key)) for k in keys]
    if not chosen:
        raise InputError("markets.error.empty", name="keys", value="()")
    rows = []
    for key in chosen:
        market = by_key[key]
        missing = [fid for fid in market.figure_ids if fid not in figures_by_id]
        if missing:
            raise InputError("markets.error.missing_figure", name=key, value=missing)
        rows.append(
            MarketRow(
                market.key, market.name_en, market.name_zh, market.traits,
                tuple(figures_by_id[fid] for fid in market.figure_ids),
                market.main_target, market.amazon_global_selling,
            )
        )
    return tuple(rows)
