"""Build chapter 3's steps, money flow, payment categories and payment methods from ``data/``."""

from __future__ import annotations

from typing import Any

from ..operations import PaymentCategory, PaymentMethod, Step
from ..validation import choice
from . import DataError, figure, load, resource

__all__ = [
    "customs_essentials",
    "fba_advantages",
    "money_flow",
    "operating_steps",
    "payment_categories",
    "payment_method",
    "payment_methods",
]

_FILE = "operations.yaml"


def _steps(section: str) -> tuple[Step, ...]:
    items: list[dict[str, Any]] = resource("operations")[section]
    keys = [item["key"] for item in items]
    for index, key in enumerate(keys):
        if key in keys[:index]:
            raise DataError(_FILE, f"key {key!r} appears twice", field=f"{section}/{index}/key")
    return tuple(
        Step(key=item["key"], order=number, name_en=item["name"]["en"], name_zh=item["name"]["zh"],
             what_en=item["what"]["en"], what_zh=item["what"]["zh"])
        for number, item in enumerate(items, start=1)
    )


def operating_steps() -> tuple[Step, ...]:
    """Return the eight operating steps in the guide's order (market research … after-sales).

    >>> [s.key for s in operating_steps()][:2]
    ['market_research', 'platform_onboarding']
    """
    return _steps("steps")


def money_flow() -> tuple[Step, ...]:
    """Return the five stages of the money flow, from the buyer's payment to the seller's withdrawal."""
    return _steps("money_flow")


def customs_essentials() -> tuple[Step, ...]:
    """Return the four customs-clearance essentials (declaration, duties, compliance, documents)."""
    return _steps("customs_essentials")


def fba_advantages() -> tuple[Step, ...]:
    """Return the guide's five FBA advantages."""
    return _steps("fba_advantages")


def payment_categories() -> tuple[PaymentCategory, ...]:
    """Return the four kinds of payment method with examples and the keys of their methods."""
    result = []
    for item in resource("operations")["payment_categories"]:
        examples = item["examples"]
        en, zh = (examples["en"], examples["zh"]) if isinstance(examples, dict) else (examples, examples)
        result.append(PaymentCategory(key=item["key"], name_en=item["name"]["en"], name_zh=item["name"]["zh"],
                                      examples_en=tuple(en), examples_zh=tuple(zh), method_keys=tuple(item["methods"])))
    return tuple(result)


def _fig(key: str, name: str) -> float:
    return figure(f"payments.{key}.{name}").value


def payment_method(key: str, *, international: bool = True) -> PaymentMethod:
    """Return one payment method's figures from ``data/figures/payments.csv``.

    Card and PayPal rates add the surcharge for an international (cross-border) payment when
    ``international`` is true. Amazon's payout wait is its 14-day settlement period plus the days the
    bank transfer takes.
    """
    categories = {m: c.key for c in payment_categories() for m in c.method_keys}
    choice("method_key", key, tuple(categories))
    figs = load().figures
    rate = _fig(key, "fee_rate")
    if international and f"payments.{key}.international_rate" in figs:
        rate += _fig(key, "international_rate")
    if key == "amazon":
        payout = _fig(key, "settlement_days") + _fig(key, "bank_transfer_days")
    else:
        payout = _fig(key, "payout_days")
    return PaymentMethod(key=key, category=categories[key], fee_rate=rate, fee_fixed_usd=_fig(key, "fee_fixed_usd"),
                         fx_spread_rate=_fig(key, "fx_spread_rate"), payout_days=payout)


def payment_methods(*, international: bool = True) -> tuple[PaymentMethod, ...]:
    """Return every payment method named in ``operations.yaml``, grouped by category."""
    return tuple(payment_method(m, international=international) for c in payment_categories() for m in c.method_keys)
