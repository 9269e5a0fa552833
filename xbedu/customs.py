"""Import charges on a parcel or shipment: duty, VAT/GST and de minimis rules by market and date.

Pure: the rules come in as ``MarketRules`` values (``xbedu.data.customs`` builds them from
``data/``); thresholds in a local currency need an exchange rate in USD per unit of it.

    >>> from datetime import date
    >>> us = MarketRules("US", "USD", duty_rate=0.20, vat_rate=0.0, relief_max_local=800,
    ...                  relief_ends_on=date(2025, 8, 29), duty_on_freight=False)
    >>> import_charges(us, 20.0, 5.0, on=date(2025, 6, 1)).total_usd
    0.0
    >>> import_charges(us, 20.0, 5.0, on=date(2025, 9, 1)).duty_usd
    4.0
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from . import validation as v
from .errors import InputError
from .i18n import Message

__all__ = [
    "MARKETS",
    "ORIGINS",
    "ImportCharges",
    "MarketRules",
    "import_charges",
    "relief_applies",
]

#: Market keys the course models.
MARKETS: tuple[str, ...] = ("US", "EU_DE", "EU_FR", "UK", "JP")
#: Where the goods come from: mainland China / Hong Kong, or anywhere else.
ORIGINS: tuple[str, ...] = ("CN", "other")


@dataclass(frozen=True, slots=True)
class MarketRules:
    """Import rules of one market, with the dates they change.

    Attributes:
        key: market key, one of ``MARKETS``.
        currency: currency of the thresholds (``USD``, ``EUR``, ``GBP``, ``JPY``).
        duty_rate: default ad-valorem duty, share of the duty base.
        vat_rate: VAT / GST / consumption-tax rate (0 where there is none, as in the US).
        relief_max_local: de minimis: at or below this value no duty is due.
        relief_covers_vat: the de minimis also removes import VAT (Japan).
        relief_ends_on: from this date the de minimis no longer applies to any origin.
        relief_ends_for_china_on: from this date it no longer applies to goods from China/HK.
        relief_repealed_on: the date a law repeals it for good (only changes the note shown).
        checkout_vat_max_local: at or below this value VAT is collected at checkout
            (EU IOSS, UK) instead of at import.
        flat_duty_per_category_local: flat duty per item category on parcels below
            ``checkout_vat_max_local`` (EU €3), in force ``flat_duty_from`` … ``flat_duty_until``.
        duty_on_freight: the duty base includes international freight (CIF), else FOB.
        threshold_on_freight: the thresholds compare goods value + freight (Japan), else goods only.
    """

    key: str
    currency: str
    duty_rate: float
    vat_rate: float
    relief_max_local: float | None = None
    relief_covers_vat: bool = False
    relief_ends_on: date | None = None
    relief_ends_for_china_on: date | None = None
    relief_repealed_on: date | None = None
    checkout_vat_max_local: float | None = None
    flat_duty_per_category_local: float = 0.0
    flat_duty_from: date | None = None
    flat_duty_until: date | None = None
    duty_on_freight: bool = True
    threshold_on_freight: bool = False

    def __post_init__(self) -> None:
        v.choice("key", self.key, MARKETS)
        v.fraction("duty_rate", self.duty_rate)
        v.fraction("vat_rate", self.vat_rate)
        for name in ("relief_max_local", "checkout_vat_max_local"):
            value = getattr(self, name)
            if value is not None:
                v.non_negative(name, value)
        v.non_negative("flat_duty_per_category_local", self.flat_duty_per_category_local)


@dataclass(frozen=True, slots=True)
class ImportCharges:
    """What import costs on one consignment, in USD, and why (``notes``)."""

    market_key: str
    duty_usd: float
    vat_usd: float
    flat_duty_usd: float
    total_usd: float
    relief_applied: bool
    vat_at_checkout: bool
    notes: tuple[Message, ...] = field(default=())


def relief_applies(rules: MarketRules, on: date, origin: str = "CN") -> bool:
    """Return whether the market's de minimis exists for goods of ``origin`` on the date ``on``.

    >>> r = MarketRules("US", "USD", 0.2, 0.0, relief_max_local=800, relief_ends_on=date(2025, 8, 29),
    ...                 relief_ends_for_china_on=date(2025, 5, 2))
    >>> relief_applies(r, date(2025, 6, 1), "CN"), relief_applies(r, date(2025, 6, 1), "other")
    (False, True)
    """
    v.choice("origin", origin, ORIGINS)
    if rules.relief_max_local is None:
        return False
    if rules.relief_ends_on is not None and on >= rules.relief_ends_on:
        return False
    if origin == "CN" and rules.relief_ends_for_china_on is not None and on >= rules.relief_ends_for_china_on:
        return False
    return True


def _flat_duty_in_force(rules: MarketRules, on: date) -> bool:
    if rules.flat_duty_per_category_local <= 0 or rules.flat_duty_from is None:
        return False
    return on >= rules.flat_duty_from and (rules.flat_duty_until is None or on < rules.flat_duty_until)


def import_charges(
    rules: MarketRules,
    customs_value_usd: float,
    freight_usd: float = 0.0,
    *,
    on: date,
    item_categories: int = 1,
    origin: str = "CN",
    fx_usd_per_unit: float | None = None,
) -> ImportCharges:
    """Return duty, VAT and flat duties due on one consignment entering ``rules.key`` on ``on``.

    Args:
        rules: the market's rules.
        customs_value_usd: value of the goods (transaction value, before freight).
        freight_usd: international freight and insurance paid for the consignment.
        on: the date the goods enter (rules change over time).
        item_categories: distinct item categories (6-digit HS codes) in the parcel (EU €3 each).
        origin: ``"CN"`` (mainland China / Hong Kong) or ``"other"``.
        fx_usd_per_unit: USD per unit of ``rules.currency``; required unless it is USD.

    Returns:
        ``ImportCharges`` with the amounts and the notes that explain them.

    Raises:
        InputError: a negative value, an unknown origin, or a missing exchange rate.

    >>> de = MarketRules("EU_DE", "EUR", 0.04, 0.19, relief_max_local=150, checkout_vat_max_local=150,
    ...                  flat_duty_per_category_local=3, flat_duty_from=date(2026, 7, 1))
    >>> c = import_charges(de, 100.0, 0.0, on=date(2026, 7, 1), item_categories=2, fx_usd_per_unit=1.0)
    >>> c.flat_duty_usd, round(c.vat_usd, 2)
    (6.0, 20.14)
    """
    value = v.non_negative("customs_value_usd", customs_value_usd)
    freight = v.non_negative("freight_usd", freight_usd)
    categories = v.whole("item_categories", item_categories, minimum=1)
    v.choice("origin", origin, ORIGINS)
    if not isinstance(on, date):
        raise InputError("customs.error.not_a_date", name="on", value=on)
    if rules.currency == "USD":
        fx = 1.0
    elif fx_usd_per_unit is None:
        raise InputError("customs.error.fx_needed", name="fx_usd_per_unit", value=None, currency=rules.currency)
    else:
        fx = v.positive("fx_usd_per_unit", fx_usd_per_unit)

    notes: list[Message] = []
    tested_value = value + freight if rules.threshold_on_freight else value
    tested_local = tested_value / fx

    relief_exists = relief_applies(rules, on, origin)
    relief = relief_exists and rules.relief_max_local is not None and tested_local <= rules.relief_max_local
    checkout = rules.checkout_vat_max_local is not None and tested_local <= rules.checkout_vat_max_local
    flat = checkout and _flat_duty_in_force(rules, on)

    duty_base = value + freight if rules.duty_on_freight else value
    duty = flat_duty = 0.0
    if flat:
        flat_duty = rules.flat_duty_per_category_local * categories * fx
        notes.append(Message.of("customs.note.flat_duty", categories=categories,
                                per_category=rules.flat_duty_per_category_local, currency=rules.currency,
                                amount_usd=flat_duty, since=rules.flat_duty_from.isoformat()))
    elif relief:
        notes.append(Message.of("customs.note.relief", currency=rules.currency, threshold=rules.relief_max_local,
                                value_local=tested_local))
    else:
        duty = rules.duty_rate * duty_base
        notes.append(Message.of("customs.note.duty", rate=rules.duty_rate, base_usd=duty_base, amount_usd=duty,
                                cif="CIF" if rules.duty_on_freight else "FOB"))
    if not relief and rules.relief_max_local is not None and tested_local <= rules.relief_max_local:
        _explain_ended_relief(rules, on, origin, value, notes)

    vat = 0.0
    if rules.vat_rate == 0:
        if rules.key == "US":
            notes.append(Message.of("customs.note.us_no_vat"))
    elif relief and rules.relief_covers_vat:
        pass  # the relief note already says no tax is due
    elif checkout:
        vat = rules.vat_rate * (value + freight + flat_duty)
        notes.append(Message.of("customs.note.checkout_vat", rate=rules.vat_rate, currency=rules.currency,
                                threshold=rules.checkout_vat_max_local, amount_usd=vat))
    else:
        vat = rules.vat_rate * (value + freight + duty)
        notes.append(Message.of("customs.note.import_vat", rate=rules.vat_rate, amount_usd=vat))
    total = duty + vat + flat_duty
    return ImportCharges(rules.key, duty, vat, flat_duty, total, relief, checkout, tuple(notes))


def _explain_ended_relief(rules: MarketRules, on: date, origin: str, value_usd: float, notes: list[Message]) -> None:
    """Add a note saying that the de minimis which once covered this value has ended by ``on``."""
    if rules.relief_repealed_on is not None and on >= rules.relief_repealed_on:
        notes.append(Message.of("customs.note.relief_repealed", market=rules.key,
                                repealed=rules.relief_repealed_on.isoformat(), value_usd=value_usd))
    elif rules.relief_ends_on is not None and on >= rules.relief_ends_on:
        notes.append(Message.of("customs.note.relief_ended_all", market=rules.key,
                                ended=rules.relief_ends_on.isoformat(), value_usd=value_usd))
    elif origin == "CN" and rules.relief_ends_for_china_on is not None and on >= rules.relief_ends_for_china_on:
        notes.append(Message.of("customs.note.relief_ended_china", market=rules.key,
                                ended=rules.relief_ends_for_china_on.isoformat(), value_usd=value_usd))
