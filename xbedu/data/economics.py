"""Builds ``xbedu.economics`` inputs from ``data/``: platform presets and a default sale per market.

Presets: ``amazon_fba`` (Amazon, fulfilled by Amazon), ``amazon_fbm`` (Amazon, seller ships),
``ebay``, ``etsy``, ``shopee``. Import duty comes from ``xbedu.customs`` via the market's rules.
"""

from __future__ import annotations

from datetime import date

from .. import validation as v
from ..customs import MARKETS, MarketRules, import_charges
from ..economics import PlatformFees, UnitInputs, with_platform
from . import figure
from .customs import fx_usd_per_unit, market_currency, market_rules

__all__ = ["PLATFORMS", "bulk_import_charges", "default_inputs", "fx_usd_per_unit_for", "parcel_import_charges", "platform_fees", "rules_date", "self_ship_usd", "storage_per_unit_usd"]

#: Platform presets, in the order the course lists them.
PLATFORMS: tuple[str, ...] = ("amazon_fba", "amazon_fbm", "ebay", "etsy", "shopee")


def _value(figure_id: str) -> float:
    return figure(figure_id).value


def storage_per_unit_usd(*, peak: bool = False) -> float:
    """Return FBA storage per unit: rate × unit volume × months held (off-peak or Oct–Dec rate)."""
    rate = _value("fees.amazon.storage_peak_usd_per_cuft_month" if peak else "fees.amazon.storage_offpeak_usd_per_cuft_month")
    return rate * _value("economics.storage.unit_volume_cuft") * _value("economics.storage.months_held")


def self_ship_usd() -> float:
    """Return the default cost for the seller to ship one unit to the buyer."""
    return _value("economics.self_ship.per_unit_usd")


def platform_fees(platform: str, *, price_usd: float | None = None) -> PlatformFees:
    """Return the fee schedule of a platform preset (one of ``PLATFORMS``).

    ``price_usd`` matters only for eBay, whose per-order fee is lower on orders of $10 or less.

    >>> platform_fees("amazon_fba").referral_rate
    0.15
    """
    v.choice("platform", platform, PLATFORMS)
    if platform in ("amazon_fba", "amazon_fbm"):
        fba = platform == "amazon_fba"
        return PlatformFees(
            platform, referral_rate=_value("fees.amazon.referral_rate"), referral_min_usd=_value("fees.amazon.referral_min_usd"),
            fulfilment_fee_usd=_value("fees.amazon.fba_fulfilment_usd") if fba else self_ship_usd(),
            storage_per_unit_usd=storage_per_unit_usd() if fba else 0.0,
            monthly_fixed_usd=_value("fees.amazon.professional_usd_per_month"),
        )
    if platform == "ebay":
        small = price_usd is not None and v.non_negative("price_usd", price_usd) <= 10
        return PlatformFees(
            "ebay", referral_rate=_value("fees.ebay.final_value_rate"),
            per_order_fee_usd=_value("fees.ebay.per_order_small_usd" if small else "fees.ebay.per_order_usd"),
            payment_rate=_value("fees.ebay.international_rate"), fulfilment_fee_usd=self_ship_usd(),
        )
    if platform == "etsy":
        return PlatformFees(
            "etsy", referral_rate=_value("fees.etsy.transaction_rate"), per_order_fee_usd=_value("fees.etsy.listing_usd"),
            payment_rate=_value("fees.etsy.processing_rate"), payment_fixed_usd=_value("fees.etsy.processing_fixed_usd"),
            fulfilment_fee_usd=self_ship_usd(),
        )
    return PlatformFees(
        "shopee", referral_rate=_value("fees.shopee.commission_rate"), payment_rate=_value("fees.shopee.transaction_rate"),
        fulfilment_fee_usd=self_ship_usd(),
    )


def rules_date() -> date:
    """The date the course shows customs rules for unless told otherwise: the latest rule change in the data.

    Using a date from ``data/`` (not today's) keeps every lesson's numbers reproducible; pass
    ``on=`` to see another day.

    >>> rules_date().isoformat()
    '2026-07-01'
    """
    from .customs import all_market_rules

    changes = [d for r in all_market_rules().values() for d in (r.flat_duty_from, r.relief_ends_on) if d is not None]
    return max(changes)


def default_inputs(
    platform: str = "amazon_fba",
    *,
    market: str | None = "US",
    on: date | None = None,
    price_usd: float | None = None,
    product_cost_usd: float | None = None,
    freight_per_unit_usd: float | None = None,
    fx_usd_per_unit: float | None = None,
) -> UnitInputs:
    """Return the inputs of one sale on ``platform`` into ``market`` on the date ``on``.

    Unset money values take the data's example (price 25, cost 5, freight 1). Duty: FBA stock is
    imported in bulk (``economics.fba.units_per_shipment`` units, customs value = product cost);
    ``on`` defaults to :func:`rules_date`. A self-shipped parcel is imported one by one, valued at the price without VAT, so a de minimis
    or the EU €3 per item category can apply. ``market=None`` models no import charges (e.g. Shopee's
    South-East Asian markets, whose rules the course does not hold).

    >>> round(default_inputs("amazon_fba", on=date(2026, 6, 1)).duty_usd, 2)
    1.0
    """
    v.choice("platform", platform, PLATFORMS)
    price = v.non_negative("price_usd", price_usd) if price_usd is not None else _value("economics.example.price_usd")
    cost = v.non_negative("product_cost_usd", product_cost_usd) if product_cost_usd is not None else _value("economics.example.product_cost_usd")
    freight = (v.non_negative("freight_per_unit_usd", freight_per_unit_usd) if freight_per_unit_usd is not None
               else _value("economics.example.freight_per_unit_usd"))
    fees = platform_fees(platform, price_usd=price)
    duty = vat_rate = 0.0
    if market is not None:
        when = on if on is not None else rules_date()
        if platform == "amazon_fba":
            duty, vat_rate = bulk_import_charges(market, cost, freight, int(_value("economics.fba.units_per_shipment")),
                                                 on=when, fx_usd_per_unit=fx_usd_per_unit)
        else:
            duty, vat_rate = parcel_import_charges(market, price, fees.fulfilment_fee_usd, on=when, fx_usd_per_unit=fx_usd_per_unit)
    base = UnitInputs(
        price_usd=price, product_cost_usd=cost, freight_per_unit_usd=freight, duty_usd=duty, vat_rate=vat_rate,
        payout_fx_rate=_value("economics.payout.fx_rate"), ad_rate=_value("economics.ads.tacos_rate"),
        return_rate=_value("economics.returns.rate"), unsellable_return_share=_value("economics.returns.unsellable_share"),
        return_handling_usd=_value("economics.returns.handling_usd"),
    )
    return with_platform(base, fees)


def _market(market: str, fx_usd_per_unit: float | None) -> tuple[MarketRules, float | None]:
    v.choice("market", market, MARKETS)
    rules = market_rules(market)
    fx = fx_usd_per_unit if fx_usd_per_unit is not None or rules.currency == "USD" else fx_usd_per_unit_for(market)
    return rules, fx


def bulk_import_charges(market: str, product_cost_usd: float, freight_per_unit_usd: float, units: int, *, on: date,
                        fx_usd_per_unit: float | None = None) -> tuple[float, float]:
    """Return (duty per unit in USD, VAT rate) when ``units`` are imported at once (e.g. FBA stock).

    The customs value is the product cost; VAT stays inside the selling price (the seller pays it over).
    """
    rules, fx = _market(market, fx_usd_per_unit)
    v.whole("units", units)
    charges = import_charges(rules, product_cost_usd * units, freight_per_unit_usd * units, on=on, fx_usd_per_unit=fx)
    return charges.duty_usd / units, rules.vat_rate


def parcel_import_charges(market: str, price_usd: float, shipping_usd: float, *, on: date,
                          fx_usd_per_unit: float | None = None) -> tuple[float, float]:
    """Return (duty per unit in USD, VAT rate) for one parcel sent straight to the buyer.

    The parcel is valued at its price without VAT, so a de minimis or the EU flat duty per item
    category can apply; the flat duty carries VAT. A relief that also covers VAT (Japan) zeroes it.
    """
    rules, fx = _market(market, fx_usd_per_unit)
    charges = import_charges(rules, price_usd / (1 + rules.vat_rate), shipping_usd, on=on, fx_usd_per_unit=fx)
    vat_rate = 0.0 if charges.relief_applied and rules.relief_covers_vat else rules.vat_rate
    return charges.duty_usd + charges.flat_duty_usd * (1 + rules.vat_rate), vat_rate


def fx_usd_per_unit_for(market: str) -> float:
    """Return the reference exchange rate (USD per unit) of the market's currency."""
    return fx_usd_per_unit(market_currency(market))
