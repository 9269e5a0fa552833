"""Builds margin-chain defaults from ``data/figures/margins.csv`` (and the Amazon fees in ``fees.csv``)."""

from __future__ import annotations

from ..margins import LAYERS, Chain, DirectSale, direct_chain, traditional_chain
from . import figure

__all__ = ["default_chain", "default_direct_sale", "default_markups", "guide_price_multiple"]


def default_markups() -> dict[str, float]:
    """Return the default markup of each layer of the traditional chain (exporter … retailer).

    >>> default_markups()["retailer"]
    1.0
    """
    return {key: figure(f"margins.markup.{key}").value for key in LAYERS}


def default_chain(factory_price_usd: float = 100.0) -> Chain:
    """Return the traditional chain for ``factory_price_usd`` with the default markups."""
    return traditional_chain(factory_price_usd, default_markups())


def default_direct_sale(factory_cost_usd: float, price_usd: float, *, other_costs_usd: float = 0.0) -> DirectSale:
    """Return a direct sale on Amazon with the data's landed multiple, referral rate and FBA fee."""
    return direct_chain(
        factory_cost_usd, price_usd,
        landed_multiple=figure("margins.direct.landed_multiple").value,
        referral_rate=figure("fees.amazon.referral_rate").value,
        fulfilment_fee_usd=figure("fees.amazon.fba_fulfilment_usd").value,
        other_costs_usd=other_costs_usd,
    )


def guide_price_multiple() -> tuple[float, float]:
    """Return the guide's claim "overseas prices are often 2–3× domestic" as (low, high)."""
    return (figure("margins.guide.overseas_price_multiple_low").value,
            figure("margins.guide.overseas_price_multiple_high").value)
