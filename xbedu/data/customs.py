"""Builds ``xbedu.customs.MarketRules`` for US, EU_DE, EU_FR, UK and JP from ``data/figures/customs.csv``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from .. import validation as v
from ..customs import MARKETS, ImportCharges, MarketRules, import_charges
from . import DataError, figure, figures

__all__ = ["RuleChange", "all_market_rules", "fx_usd_per_unit", "market_currency", "market_rules", "rule_change", "shipment_import_charges"]

_CURRENCY = {"US": "USD", "EU_DE": "EUR", "EU_FR": "EUR", "UK": "GBP", "JP": "JPY"}


def _date(figure_id: str) -> date:
    """Read a date stored as a YYYYMMDD number."""
    raw = int(figure(figure_id).value)
    return date(raw // 10000, raw // 100 % 100, raw % 100)


def _value(figure_id: str) -> float:
    return figure(figure_id).value


def market_currency(market: str) -> str:
    """Return the currency the market's thresholds are set in."""
    return _CURRENCY[v.choice("market", market, MARKETS)]


def market_rules(market: str) -> MarketRules:
    """Return the import rules of ``market`` (one of ``xbedu.customs.MARKETS``) with the data's defaults.

    >>> market_rules("US").duty_rate
    0.2
    """
    v.choice("market", market, MARKETS)
    if market == "US":
        return MarketRules(
            "US", "USD", duty_rate=_value("customs.us.duty_rate"), vat_rate=0.0,
            relief_max_local=_value("customs.us.de_minimis_usd"),
            relief_ends_on=_date("customs.us.de_minimis_end_all"),
            relief_ends_for_china_on=_date("customs.us.de_minimis_end_china"),
            relief_repealed_on=_date("customs.us.de_minimis_repeal"),
            duty_on_freight=False,
        )
    if market in ("EU_DE", "EU_FR"):
        low_value = _value("customs.eu.low_value_max_eur")
        start = _date("customs.eu.flat_duty_start")
        return MarketRules(
            market, "EUR", duty_rate=_value("customs.eu.duty_rate"),
            vat_rate=_value("customs.de.vat_rate" if market == "EU_DE" else "customs.fr.vat_rate"),
            relief_max_local=low_value, relief_ends_on=start, checkout_vat_max_local=low_value,
            flat_duty_per_category_local=_value("customs.eu.flat_duty_eur_per_category"),
            flat_duty_from=start, flat_duty_until=_date("customs.eu.flat_duty_end"),
        )
    if market == "UK":
        low_value = _value("customs.uk.low_value_max_gbp")
        return MarketRules(
            "UK", "GBP", duty_rate=_value("customs.uk.duty_rate"), vat_rate=_value("customs.uk.vat_rate"),
            relief_max_local=low_value, checkout_vat_max_local=low_value,
        )
    return MarketRules(
        "JP", "JPY", duty_rate=_value("customs.jp.duty_rate"), vat_rate=_value("customs.jp.consumption_tax_rate"),
        relief_max_local=_value("customs.jp.exempt_max_jpy"), relief_covers_vat=True, threshold_on_freight=True,
    )


def all_market_rules() -> dict[str, MarketRules]:
    """Return the rules of every market, keyed by market key."""
    return {key: market_rules(key) for key in MARKETS}


def fx_usd_per_unit(currency: str) -> float:
    """Return the reference rate in USD per 1 ``currency`` from ``data/figures/fx.csv``.

    Looks for an ``fx.*`` figure whose id names the currency (e.g. ``fx.eur_per_usd``); a unit
    written "EUR per USD" is inverted, "USD per EUR" is used as it is.
    """
    code = currency.upper()
    if code == "USD":
        return 1.0
    for fig in figures("fx."):
        parts = fig.id.lower().replace(".", "_").split("_")
        if code.lower() not in parts:
            continue
        unit = fig.unit.upper().replace("/", " PER ")
        if f"{code} PER USD" in unit:
            return 1.0 / fig.value
        if f"USD PER {code}" in unit:
            return fig.value
    raise DataError("figures/fx.csv", f"no reference exchange rate for {code} (an fx.* figure with unit '{code} per USD' or 'USD per {code}')")


@dataclass(frozen=True, slots=True)
class RuleChange:
    """The same consignment entering a market the day before and the day a rule change took effect."""

    market_key: str
    changed_on: date
    customs_value_usd: float
    before: ImportCharges
    after: ImportCharges


def rule_change(market: str, customs_value_usd: float, freight_usd: float = 0.0, *, item_categories: int = 1) -> RuleChange:
    """Compare import charges on either side of the market's latest rule change (dates from the data).

    The US: the end of the de minimis for every origin (2025-08-29). The EU: the €3 duty per
    item category on parcels under €150 (2026-07-01). UK and Japan have had no such change.

    >>> change = rule_change("US", 20)
    >>> change.changed_on.isoformat(), change.before.total_usd, change.after.total_usd
    ('2025-08-29', 0.0, 4.0)
    """
    rules = market_rules(market)
    changed = rules.flat_duty_from if rules.flat_duty_from else rules.relief_ends_on
    if changed is None:
        from ..errors import InputError

        raise InputError("customs.error.no_rule_change", name="market", value=market, allowed=("US", "EU_DE", "EU_FR"))
    fx = None if rules.currency == "USD" else fx_usd_per_unit(rules.currency)
    origin = "other" if rules.relief_ends_for_china_on else "CN"  # the change for every origin, not the earlier China-only one

    def charges(on: date) -> ImportCharges:
        return import_charges(rules, customs_value_usd, freight_usd, on=on, item_categories=item_categories,
                              origin=origin, fx_usd_per_unit=fx)

    return RuleChange(market, changed, customs_value_usd, charges(changed - timedelta(days=1)), charges(changed))


def shipment_import_charges(market: str, *, unit_value_usd: float, units: int, freight_usd: float, per_parcel: bool,
                            on: date) -> ImportCharges:
    """Return what a shipment pays entering ``market`` on ``on``, in USD for the whole shipment.

    ``per_parcel``: each unit travels as its own parcel (express, dedicated line, postal), so a
    de minimis or a flat duty per item category applies parcel by parcel; otherwise the units
    enter in bulk (sea freight to an overseas warehouse) as one consignment.

    >>> bulk = shipment_import_charges("US", unit_value_usd=15, units=50, freight_usd=100, per_parcel=False,
    ...                                on=date(2026, 7, 1))
    >>> round(bulk.duty_usd, 2)  # 20 % of the 750 USD goods value (the US duty base excludes freight)
    150.0
    """
    rules = market_rules(market)
    v.whole("units", units)
    fx = None if rules.currency == "USD" else fx_usd_per_unit(rules.currency)
    if not per_parcel:
        return import_charges(rules, unit_value_usd * units, freight_usd, on=on, fx_usd_per_unit=fx)
    one = import_charges(rules, unit_value_usd, freight_usd / units, on=on, fx_usd_per_unit=fx)
    return replace(one, duty_usd=one.duty_usd * units, vat_usd=one.vat_usd * units,
                   flat_duty_usd=one.flat_duty_usd * units, total_usd=one.total_usd * units)
