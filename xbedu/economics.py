"""Unit economics of one marketplace sale: landed cost, fees, ads, returns → profit, margin, break-even.

Pure: the inputs come in as a ``UnitInputs`` value; ``xbedu.data.economics`` fills it from
``data/`` for Amazon FBA, Amazon self-ship (FBM), eBay, Etsy and Shopee, with the import duty
from ``xbedu.customs``.

    >>> u = unit_economics(UnitInputs(price_usd=20.0, product_cost_usd=5.0, referral_rate=0.15))
    >>> u.profit_usd, u.margin
    (12.0, 0.6)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace

from . import validation as v
from .errors import InputError
from .i18n import Message

__all__ = [
    "COST_KEYS",
    "CostLine",
    "PlatformFees",
    "UnitEconomics",
    "UnitInputs",
    "break_even_price_usd",
    "break_even_units",
    "profit_usd",
    "unit_economics",
    "with_platform",
]

#: The cost lines of a sale, in the order they are listed.
COST_KEYS: tuple[str, ...] = (
    "product", "freight", "duty", "vat", "referral", "per_order", "payment", "fulfilment",
    "storage", "payout_fx", "advertising", "returns",
)

_SHARES = ("vat_rate", "referral_rate", "payment_rate", "payout_fx_rate", "ad_rate", "return_rate",
           "unsellable_return_share")


@dataclass(frozen=True, slots=True)
class UnitInputs:
    """Everything that decides the profit on one unit sold (money in USD, rates as shares 0–1).

    Attributes:
        price_usd: what the buyer pays (VAT included where the market's prices include it).
        product_cost_usd: purchase (FOB) cost of one unit.
        freight_per_unit_usd: first-leg freight to the market, per unit.
        duty_usd: import duty per unit (from ``xbedu.customs.import_charges``).
        vat_rate: VAT inside the price that the seller pays over (0.19 in Germany, 0 in the US).
        referral_rate: platform commission on the price (Amazon referral, eBay final value fee…).
        referral_min_usd: minimum commission per unit (Amazon 0.30).
        per_order_fee_usd: fixed platform fee per unit sold (eBay per-order, Etsy listing, Amazon Individual).
        payment_rate, payment_fixed_usd: payment processing (Etsy Payments, eBay international fee).
        fulfilment_fee_usd: FBA fulfilment fee, or the seller's own shipping cost per unit.
        storage_per_unit_usd: warehouse storage per unit until it sells.
        payout_fx_rate: currency conversion / receiving fee on the payout.
        ad_rate: advertising as a share of the price (TACoS).
        return_rate: share of units sold that come back.
        unsellable_return_share: share of returned units that cannot be resold.
        return_handling_usd: cost of handling one return.
    """

    price_usd: float
    product_cost_usd: float
    freight_per_unit_usd: float = 0.0
    duty_usd: float = 0.0
    vat_rate: float = 0.0
    referral_rate: float = 0.0
    referral_min_usd: float = 0.0
    per_order_fee_usd: float = 0.0
    payment_rate: float = 0.0
    payment_fixed_usd: float = 0.0
    fulfilment_fee_usd: float = 0.0
    storage_per_unit_usd: float = 0.0
    payout_fx_rate: float = 0.0
    ad_rate: float = 0.0
    return_rate: float = 0.0
    unsellable_return_share: float = 0.0
    return_handling_usd: float = 0.0

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in _SHARES:
                v.fraction(f.name, value)
            else:
                v.non_negative(f.name, value)

    @property
    def landed_cost_usd(self) -> float:
        """Product cost + freight + duty per unit."""
        return self.product_cost_usd + self.freight_per_unit_usd + self.duty_usd


@dataclass(frozen=True, slots=True)
class PlatformFees:
    """A platform's fee schedule as it enters ``UnitInputs`` (plus its monthly fixed fee)."""

    key: str
    referral_rate: float
    referral_min_usd: float = 0.0
    per_order_fee_usd: float = 0.0
    payment_rate: float = 0.0
    payment_fixed_usd: float = 0.0
    fulfilment_fee_usd: float = 0.0
    storage_per_unit_usd: float = 0.0
    monthly_fixed_usd: float = 0.0


@dataclass(frozen=True, slots=True)
class CostLine:
    """One cost of a unit sold, in USD."""

    key: str
    usd: float


@dataclass(frozen=True, slots=True)
class UnitEconomics:
    """The result: cost lines, profit, margin (on price), ROI (on landed cost), and notes."""

    lines: tuple[CostLine, ...]
    revenue_usd: float
    total_cost_usd: float
    profit_usd: float
    margin: float
    roi: float
    landed_cost_usd: float
    loses_money: bool
    notes: tuple[Message, ...] = field(default=())

    def line(self, key: str) -> float:
        """Return the USD amount of the cost line ``key`` (one of ``COST_KEYS``)."""
        v.choice("key", key, COST_KEYS)
        return next(line.usd for line in self.lines if line.key == key)


def with_platform(inputs: UnitInputs, fees: PlatformFees) -> UnitInputs:
    """Return ``inputs`` with the platform fee fields replaced by ``fees``."""
    return replace(
        inputs, referral_rate=fees.referral_rate, referral_min_usd=fees.referral_min_usd,
        per_order_fee_usd=fees.per_order_fee_usd, payment_rate=fees.payment_rate,
        payment_fixed_usd=fees.payment_fixed_usd, fulfilment_fee_usd=fees.fulfilment_fee_usd,
        storage_per_unit_usd=fees.storage_per_unit_usd,
    )


def _lines(i: UnitInputs) -> dict[str, float]:
    price = i.price_usd
    vat = price * i.vat_rate / (1 + i.vat_rate)
    referral = max(i.referral_rate * price, i.referral_min_usd) if (i.referral_rate or i.referral_min_usd) else 0.0
    payment = i.payment_rate * price + i.payment_fixed_usd
    payout = price - vat - referral - i.per_order_fee_usd - payment - i.fulfilment_fee_usd - i.storage_per_unit_usd
    return {
        "product": i.product_cost_usd,
        "freight": i.freight_per_unit_usd,
        "duty": i.duty_usd,
        "vat": vat,
        "referral": referral,
        "per_order": i.per_order_fee_usd,
        "payment": payment,
        "fulfilment": i.fulfilment_fee_usd,
        "storage": i.storage_per_unit_usd,
        "payout_fx": i.payout_fx_rate * max(payout, 0.0),
        "advertising": i.ad_rate * price,
        "returns": i.return_rate * (i.return_handling_usd + i.unsellable_return_share * i.landed_cost_usd),
    }


def profit_usd(inputs: UnitInputs) -> float:
    """Return the profit on one unit sold (price minus every cost line)."""
    return inputs.price_usd - sum(_lines(inputs).values())


def unit_economics(inputs: UnitInputs) -> UnitEconomics:
    """Return the cost lines, profit, margin and ROI of one unit sold.

    Margin is profit ÷ price (0 when the price is 0); ROI is profit ÷ landed cost
    (product + freight + duty; ``inf``/``-inf`` signs when the landed cost is 0).

    >>> u = unit_economics(UnitInputs(price_usd=10.0, product_cost_usd=4.0, referral_rate=0.15,
    ...                               referral_min_usd=0.30, fulfilment_fee_usd=3.0))
    >>> round(u.profit_usd, 2), u.loses_money
    (1.5, False)
    """
    amounts = _lines(inputs)
    lines = tuple(CostLine(key, amounts[key]) for key in COST_KEYS)
    total = sum(amounts.values())
    profit = inputs.price_usd - total
    landed = inputs.landed_cost_usd
    margin = profit / inputs.price_usd if inputs.price_usd > 0 else 0.0
    if landed > 0:
        roi = profit / landed
    else:
        roi = math.copysign(math.inf, profit) if profit else 0.0
    notes: list[Message] = []
    if inputs.referral_min_usd and amounts["referral"] == inputs.referral_min_usd > inputs.referral_rate * inputs.price_usd:
        notes.append(Message.of("economics.note.referral_minimum", minimum_usd=inputs.referral_min_usd))
    loses = profit < 0
    if loses:
        notes.append(Message.of("economics.note.loses_money", loss_usd=-profit, price_usd=inputs.price_usd))
    return UnitEconomics(lines, inputs.price_usd, total, profit, margin, roi, landed, loses, tuple(notes))


def _price_share(inputs: UnitInputs) -> float:
    """Share of each extra dollar of price that VAT, fees, ads and payout FX take at high prices."""
    base = inputs.vat_rate / (1 + inputs.vat_rate) + inputs.referral_rate + inputs.payment_rate
    payout_share = inputs.payout_fx_rate * (1 - base) if base < 1 else 0.0
    return base + inputs.ad_rate + payout_share


def break_even_price_usd(inputs: UnitInputs, *, tolerance_usd: float = 1e-9) -> float:
    """Return the price at which the profit on a unit is zero (all other inputs unchanged).

    Profit rises with the price as long as fees, VAT and ads take less than the whole of each
    extra dollar; the root is found by bisection.

    Raises:
        InputError: when the percentage charges take 100% or more of the price, so no price breaks even.

    >>> i = UnitInputs(price_usd=30.0, product_cost_usd=8.0, referral_rate=0.2)
    >>> round(break_even_price_usd(i), 6)
    10.0
    """
    share = _price_share(inputs)
    if share >= 1:
        raise InputError("economics.error.no_break_even", name="inputs", value=round(share, 4))
    low, high = 0.0, max(1.0, inputs.price_usd)
    if profit_usd(replace(inputs, price_usd=low)) >= 0:
        return low
    while profit_usd(replace(inputs, price_usd=high)) < 0:
        high *= 2
    for _ in range(200):
        if high - low <= tolerance_usd:
            break
        mid = (low + high) / 2
        if profit_usd(replace(inputs, price_usd=mid)) < 0:
            low = mid
        else:
            high = mid
    return high


def break_even_units(inputs: UnitInputs, monthly_fixed_usd: float) -> float:
    """Return the units a month needed to cover ``monthly_fixed_usd`` (e.g. a 39.99 plan fee).

    Returns ``math.inf`` when a unit makes no profit (no number of sales covers the fixed cost).

    >>> break_even_units(UnitInputs(price_usd=10.0, product_cost_usd=6.0), 40.0)
    10.0
    """
    fixed = v.non_negative("monthly_fixed_usd", monthly_fixed_usd)
    profit = profit_usd(inputs)
    if fixed == 0:
        return 0.0
    if profit <= 0:
        return math.inf
    return fixed / profit
