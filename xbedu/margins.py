"""The margin chain: traditional export (factory → exporter → importer → wholesaler → retailer) vs selling direct.

Pure: markups and costs come in as arguments (``xbedu.data.margins`` supplies the data's defaults).
A markup is on the layer's purchase price (1.0 = +100%, price doubled).

    >>> chain = traditional_chain(10.0, {"exporter": 0.15, "importer": 0.25, "wholesaler": 0.20, "retailer": 1.0})
    >>> round(chain.consumer_price_usd, 2), round(chain.multiple, 2)
    (34.5, 3.45)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from . import validation as v
from .errors import InputError
from .i18n import Message

__all__ = [
    "LAYERS",
    "Chain",
    "DirectSale",
    "LayerPrice",
    "PriceVsProfit",
    "Share",
    "direct_chain",
    "price_vs_profit",
    "traditional_chain",
]

#: Intermediaries of the traditional export chain, from the factory towards the consumer.
LAYERS: tuple[str, ...] = ("exporter", "importer", "wholesaler", "retailer")


@dataclass(frozen=True, slots=True)
class LayerPrice:
    """One intermediary: what it pays, what it charges, its markup and what it keeps per unit."""

    key: str
    buy_usd: float
    sell_usd: float
    markup: float
    keeps_usd: float


@dataclass(frozen=True, slots=True)
class Share:
    """Who keeps what of the consumer price: an amount and its share of the price."""

    key: str
    usd: float
    share: float


@dataclass(frozen=True, slots=True)
class Chain:
    """A traditional chain: the layers in order, the consumer price and its multiple of the factory price."""

    factory_price_usd: float
    layers: tuple[LayerPrice, ...]
    consumer_price_usd: float
    multiple: float

    def shares(self) -> tuple[Share, ...]:
        """Return who keeps what of the consumer price: the factory, then each layer."""
        price = self.consumer_price_usd
        parts = [("factory", self.factory_price_usd)] + [(layer.key, layer.keeps_usd) for layer in self.layers]
        return tuple(Share(key, usd, usd / price if price else 0.0) for key, usd in parts)


@dataclass(frozen=True, slots=True)
class DirectSale:
    """Selling direct (factory/brand → platform → consumer): the price split and the seller's margin."""

    price_usd: float
    factory_cost_usd: float
    landed_cost_usd: float
    platform_usd: float
    seller_profit_usd: float
    seller_margin: float
    multiple: float
    shares: tuple[Share, ...]
    loses_money: bool


@dataclass(frozen=True, slots=True)
class PriceVsProfit:
    """A higher price abroad against the profit it leaves: the two multiples side by side."""

    domestic_profit_usd: float
    overseas_profit_usd: float
    price_multiple: float
    profit_multiple: float | None
    message: Message


def traditional_chain(factory_price_usd: float, markups: Mapping[str, float]) -> Chain:
    """Return the price at each layer of a traditional export chain.

    Args:
        factory_price_usd: the factory's selling price (ex-works / FOB) per unit.
        markups: markup per layer, keys from ``LAYERS``; a missing layer is skipped (a shorter chain).

    Raises:
        InputError: an unknown layer key, or a negative price or markup.
    """
    price = v.positive("factory_price_usd", factory_price_usd)
    for key in markups:
        v.choice("markups", key, LAYERS)
    layers = []
    for key in LAYERS:
        if key not in markups:
            continue
        markup = v.non_negative(f"markups[{key!r}]", markups[key])
        sell = price * (1 + markup)
        layers.append(LayerPrice(key, price, sell, markup, sell - price))
        price = sell
    factory = float(factory_price_usd)
    return Chain(factory, tuple(layers), price, price / factory)


def direct_chain(
    factory_cost_usd: float,
    price_usd: float,
    *,
    landed_multiple: float = 1.0,
    referral_rate: float = 0.0,
    fulfilment_fee_usd: float = 0.0,
    other_costs_usd: float = 0.0,
) -> DirectSale:
    """Return who keeps what when the factory or brand sells straight to consumers on a platform.

    Args:
        factory_cost_usd: the unit's cost at the factory.
        price_usd: the consumer price the seller chooses.
        landed_multiple: landed cost ÷ factory cost (freight, duty, …; e.g. 1.3).
        referral_rate: the platform's commission on the price.
        fulfilment_fee_usd: the platform's fulfilment fee per unit (e.g. FBA).
        other_costs_usd: anything else per unit (ads, returns…).

    >>> d = direct_chain(10.0, 34.5, landed_multiple=1.3, referral_rate=0.15, fulfilment_fee_usd=4.60)
    >>> round(d.seller_profit_usd, 3), round(d.seller_margin, 3)
    (11.725, 0.34)
    """
    cost = v.positive("factory_cost_usd", factory_cost_usd)
    price = v.non_negative("price_usd", price_usd)
    multiple_landed = v.number("landed_multiple", landed_multiple)
    if multiple_landed < 1:
        raise InputError("error.too_small", name="landed_multiple", value=landed_multiple, minimum=1)
    rate = v.fraction("referral_rate", referral_rate)
    fulfil = v.non_negative("fulfilment_fee_usd", fulfilment_fee_usd)
    other = v.non_negative("other_costs_usd", other_costs_usd)
    landed = cost * multiple_landed
    platform = rate * price + fulfil
    profit = price - landed - platform - other
    margin = profit / price if price > 0 else 0.0
    parts = [("factory", cost), ("logistics_duty", landed - cost), ("platform", platform)]
    if other:
        parts.append(("other", other))
    parts.append(("seller", profit))
    shares = tuple(Share(key, usd, usd / price if price else 0.0) for key, usd in parts)
    return DirectSale(price, cost, landed, platform, profit, margin, price / cost, shares, profit < 0)


def price_vs_profit(
    domestic_price_usd: float,
    domestic_cost_usd: float,
    overseas_price_usd: float,
    overseas_cost_usd: float,
) -> PriceVsProfit:
    """Compare selling at home and abroad: a 2–3× price abroad is not a 2–3× profit.

    The costs are everything per unit (product, freight, duty, platform fees, ads…), which are
    higher abroad; so the profit grows by less than the price — or even shrinks.

    >>> r = price_vs_profit(10.0, 7.0, 25.0, 19.0)
    >>> r.price_multiple, r.profit_multiple
    (2.5, 2.0)
    """
    d_price = v.positive("domestic_price_usd", domestic_price_usd)
    d_cost = v.non_negative("domestic_cost_usd", domestic_cost_usd)
    o_price = v.non_negative("overseas_price_usd", overseas_price_usd)
    o_cost = v.non_negative("overseas_cost_usd", overseas_cost_usd)
    d_profit = d_price - d_cost
    o_profit = o_price - o_cost
    price_multiple = o_price / d_price
    if d_profit > 0:
        profit_multiple: float | None = o_profit / d_profit
        message = Message.of("margins.note.price_vs_profit", price_multiple=price_multiple,
                             profit_multiple=profit_multiple, domestic_profit_usd=d_profit, overseas_profit_usd=o_profit)
    else:
        profit_multiple = None
        message = Message.of("margins.note.no_domestic_profit", price_multiple=price_multiple,
                             domestic_profit_usd=d_profit, overseas_profit_usd=o_profit)
    return PriceVsProfit(d_profit, o_profit, price_multiple, profit_multiple, message)
