"""Build the target markets and market-size series of ``xbedu.markets`` from ``data/``."""

from __future__ import annotations

from ..markets import Market, MarketRow, Series, Trait, build_series, compare_markets
from . import Figure, figure, figures, resource

__all__ = [
    "comparison",
    "emerging_markets",
    "global_figures",
    "market",
    "market_sizes",
    "markets",
    "series",
    "target_markets",
]


def markets() -> tuple[Market, ...]:
    """Return the four target markets with the guide's traits and their figure ids.

    >>> [m.key for m in markets()]
    ['north_america', 'europe', 'japan', 'southeast_asia']
    """
    return tuple(
        Market(
            key=m["key"],
            name_en=m["name"]["en"],
            name_zh=m["name"]["zh"],
            traits=tuple(Trait(t["key"], t["en"], t["zh"]) for t in m["traits"]),
            figure_ids=tuple(m["figures"]),
            series_ids=tuple(m["series"]),
            main_target=m["main_target"],
            amazon_global_selling=m["amazon_global_selling"],
            note_en=m.get("figures_note", {}).get("en", ""),
            note_zh=m.get("figures_note", {}).get("zh", ""),
        )
        for m in resource("markets")["markets"]
    )


def market(key: str) -> Market:
    """Return one target market by key."""
    from .. import validation

    found = {m.key: m for m in markets()}
    return found[validation.choice("key", key, tuple(found))]


def comparison(keys: tuple[str, ...] | None = None) -> tuple[MarketRow, ...]:
    """Return the target markets side by side (traits and figures)."""
    chosen = markets()
    ids = {fid for m in chosen for fid in m.figure_ids}
    return compare_markets(chosen, {fid: figure(fid) for fid in ids}, keys)


def series(series_id: str) -> Series:
    """Return a yearly series, e.g. ``series("markets.china_cbec_trade_cny_tn")``.

    >>> series("markets.china_cbec_trade_cny_tn").pairs()[:2]
    ((2018, 1.06), (2022, 2.1))
    """
    return build_series(series_id, figures(series_id + "."))


def global_figures() -> tuple[Figure, ...]:
    """Return the headline global figures of chapter 4 (the guide's and current sources')."""
    return tuple(figure(fid) for fid in resource("markets")["global_figures"])


def emerging_markets() -> tuple[Trait, ...]:
    """Return the emerging regions the guide names (Southeast Asia, Latin America)."""
    return tuple(Trait(r["key"], r["en"], r["zh"]) for r in resource("markets")["emerging_markets"]["regions"])


def target_markets() -> tuple[MarketRow, ...]:
    """Return the four target markets side by side (the same as ``comparison()``)."""
    return comparison()


def market_sizes() -> tuple[Figure, ...]:
    """Return the chapter-4 headline sizes: the guide's own figures beside current sources."""
    return global_figures()
