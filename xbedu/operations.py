"""End-to-end operations: the ordered steps, payment costs and where goods and money are, day by day.

The steps, the money flow and the payment methods' figures come from ``data/`` through
``xbedu.data.operations``; this module only checks orders of steps and does the arithmetic.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from . import validation as v
from .errors import InputError
from .i18n import Message
from .validation import pick

__all__ = [
    "GOODS_LOCATIONS",
    "MONEY_LOCATIONS",
    "PAYMENT_CATEGORIES",
    "PaymentCategory",
    "PaymentMethod",
    "PositionCheck",
    "Step",
    "Timeline",
    "TimelineRow",
    "cash_timeline",
    "check_order",
    "net_payout_usd",
    "order_feedback",
    "payment_cost_usd",
    "wrong_positions",
]

#: Where the goods can be on a day of the timeline.
GOODS_LOCATIONS: tuple[str, ...] = ("seller", "in_transit", "buyer")
#: Where the buyer's money can be: held by the platform / payment company, or in the seller's bank.
MONEY_LOCATIONS: tuple[str, ...] = ("held", "seller_bank")
#: The guide's four kinds of payment method.
PAYMENT_CATEGORIES: tuple[str, ...] = ("credit_card", "third_party", "local", "platform")


@dataclass(frozen=True, slots=True)
class Step:
    """One item of an ordered list (an operating step, a money-flow stage…), with its bilingual text."""

    key: str
    order: int
    name_en: str = ""
    name_zh: str = ""
    what_en: str = ""
    what_zh: str = ""

    def name(self, lang: str = "en") -> str:
        """Return the step's name in ``lang``."""
        return pick(lang, self.name_en, self.name_zh)

    def what(self, lang: str = "en") -> str:
        """Return what happens in this step, in ``lang``."""
        return pick(lang, self.what_en, self.what_zh)


@dataclass(frozen=True, slots=True)
class PaymentCategory:
    """A kind of payment method (credit cards, third-party services, local methods, platform collection)."""

    key: str
    name_en: str
    name_zh: str
    examples_en: tuple[str, ...]
    examples_zh: tuple[str, ...]
    method_keys: tuple[str, ...]

    def name(self, lang: str = "en") -> str:
        """Return the category's name in ``lang``."""
        return pick(lang, self.name_en, self.name_zh)

    def examples(self, lang: str = "en") -> tuple[str, ...]:
        """Return example methods in ``lang``."""
        return pick(lang, self.examples_en, self.examples_zh)


@dataclass(frozen=True, slots=True)
class PaymentMethod:
    """The cost and speed of one way of getting paid: % fee, fixed fee, FX spread, days until payout."""

    key: str
    category: str
    fee_rate: float
    fee_fixed_usd: float
    fx_spread_rate: float
    payout_days: float

    def __post_init__(self) -> None:
        v.choice("category", self.category, PAYMENT_CATEGORIES)
        v.fraction("fee_rate", self.fee_rate)
        v.non_negative("fee_fixed_usd", self.fee_fixed_usd)
        v.fraction("fx_spread_rate", self.fx_spread_rate)
        v.non_negative("payout_days", self.payout_days)


def payment_cost_usd(amount_usd: float, method: PaymentMethod) -> float:
    """Return what receiving ``amount_usd`` costs: amount × (fee rate + FX spread) + fixed fee.

    >>> card = PaymentMethod("card", "credit_card", 0.044, 0.30, 0.01, 2)
    >>> round(payment_cost_usd(100, card), 2)
    5.7
    """
    amount = v.non_negative("amount_usd", amount_usd)
    return amount * (method.fee_rate + method.fx_spread_rate) + method.fee_fixed_usd


def net_payout_usd(amount_usd: float, method: PaymentMethod) -> float:
    """Return what reaches the seller from ``amount_usd`` after the method's costs (may be negative for tiny amounts)."""
    return v.non_negative("amount_usd", amount_usd) - payment_cost_usd(amount_usd, method)


@dataclass(frozen=True, slots=True)
class PositionCheck:
    """One position (1-based) of a proposed order: the key put there, the right key, and whether they match."""

    position: int
    proposed_key: str
    correct_key: str
    correct: bool


def check_order(proposed_keys: Sequence[str], correct_keys: Sequence[str]) -> tuple[PositionCheck, ...]:
    """Compare a proposed order of steps with the right one, position by position.

    Args:
        proposed_keys: the learner's order; must use each correct key exactly once.
        correct_keys: the right order.

    Raises:
        InputError: a key is unknown or repeated, or the number of keys differs.

    >>> [c.correct for c in check_order(["b", "a", "c"], ["a", "b", "c"])]
    [False, False, True]
    """
    if isinstance(proposed_keys, str) or isinstance(correct_keys, str):
        raise InputError("operations.error.not_a_list", name="proposed_keys", value=proposed_keys)
    correct = tuple(correct_keys)
    proposed = tuple(proposed_keys)
    for key in proposed:
        v.choice("proposed_keys", key, correct)
    seen: set[str] = set()
    for key in proposed:
        if key in seen:
            raise InputError("operations.error.repeated_key", name="proposed_keys", value=key)
        seen.add(key)
    if len(proposed) != len(correct):
        missing = tuple(k for k in correct if k not in seen)
        raise InputError("operations.error.missing_keys", name="proposed_keys", count=len(correct), value=len(proposed), missing=missing)
    return tuple(PositionCheck(i, p, c, p == c) for i, (p, c) in enumerate(zip(proposed, correct), start=1))


def wrong_positions(proposed_keys: Sequence[str], correct_keys: Sequence[str]) -> tuple[int, ...]:
    """Return the 1-based positions where the proposed order differs from the right one.

    >>> wrong_positions(["a", "c", "b"], ["a", "b", "c"])
    (2, 3)
    """
    return tuple(c.position for c in check_order(proposed_keys, correct_keys) if not c.correct)


def order_feedback(checks: Sequence[PositionCheck]) -> Message:
    """Return a message saying which positions of a checked order are wrong (or that all are right).

    >>> order_feedback(check_order(["b", "a", "c"], ["a", "b", "c"])).render("en")
    '2 of 3 positions are wrong: 1, 2.'
    """
    wrong = tuple(c.position for c in checks if not c.correct)
    if not wrong:
        return Message.of("operations.check.all_correct", count=len(checks))
    return Message.of("operations.check.wrong", wrong=len(wrong), count=len(checks), positions=_Positions(wrong))


@dataclass(frozen=True, slots=True)
class _Positions:
    """Step positions in a message, listed the way each language writes a list ({positions:en} / {positions:zh})."""

    numbers: tuple[int, ...]

    def __format__(self, spec: str) -> str:
        return ("、" if spec == "zh" else ", ").join(map(str, self.numbers))


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One day: where the goods are, where the buyer's money is, and how much of the seller's money is tied up."""

    day: int
    goods_location: str
    money_location: str
    tied_usd: float


@dataclass(frozen=True, slots=True)
class Timeline:
    """An order's cash timeline: day-by-day rows and the working capital it ties up."""

    rows: tuple[TimelineRow, ...]
    order_day: int
    ship_day: int
    arrival_day: int
    payout_day: int
    peak_tied_usd: float
    tied_usd_days: float
    payout_usd: float
    profit_usd: float


def cash_timeline(
    order_value_usd: float,
    goods_cost_usd: float,
    ship_days: float,
    payout_delay_days: float,
    *,
    shipping_cost_usd: float = 0.0,
    processing_days: int = 0,
    fees_usd: float = 0.0,
) -> Timeline:
    """Follow one order day by day, from the buyer's payment to the seller's payout.

    Day 0 is the day the goods ship, after ``processing_days`` of order processing (the buyer paid
    on day ``-processing_days``). The goods arrive on day ``ceil(ship_days)``; the platform releases
    the money ``payout_delay_days`` after delivery (rounded up to a whole day). The seller's own money
    is tied up from the order day (goods cost) and from day 0 (shipping) until the payout day.

    Args:
        order_value_usd: what the buyer pays.
        goods_cost_usd: what the goods cost the seller.
        ship_days: door-to-door days of the shipping option.
        payout_delay_days: days from delivery until the money is in the seller's bank.
        shipping_cost_usd: shipping paid by the seller on day 0.
        processing_days: whole days between the order and shipping.
        fees_usd: platform and payment fees taken from the payout.

    Raises:
        InputError: a value is negative, not a number, or ``processing_days`` is not whole.

    >>> tl = cash_timeline(30, 8, 4, 14, shipping_cost_usd=3, processing_days=2)
    >>> tl.payout_day, tl.peak_tied_usd, tl.tied_usd_days
    (18, 11.0, 214.0)
    """
    value = v.positive("order_value_usd", order_value_usd)
    goods = v.non_negative("goods_cost_usd", goods_cost_usd)
    shipping = v.non_negative("shipping_cost_usd", shipping_cost_usd)
    fees = v.non_negative("fees_usd", fees_usd)
    arrival = math.ceil(v.non_negative("ship_days", ship_days))
    payout = arrival + math.ceil(v.non_negative("payout_delay_days", payout_delay_days))
    start = -v.whole("processing_days", processing_days, minimum=0)
    rows = []
    for day in range(start, payout + 1):
        goods_at = "seller" if day < 0 else "in_transit" if day < arrival else "buyer"
        money_at = "held" if day < payout else "seller_bank"
        tied = 0.0 if day >= payout else goods + (shipping if day >= 0 else 0.0)
        rows.append(TimelineRow(day, goods_at, money_at, tied))
    payout_usd = value - fees
    return Timeline(
        rows=tuple(rows), order_day=start, ship_day=0, arrival_day=arrival, payout_day=payout,
        peak_tied_usd=max(r.tied_usd for r in rows), tied_usd_days=sum(r.tied_usd for r in rows),
        payout_usd=payout_usd, profit_usd=payout_usd - goods - shipping,
    )
