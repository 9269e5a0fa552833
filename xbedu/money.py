"""Currency conversion from US dollars with reference rates the learner can override.

Rates are "units of a currency per 1 USD". The course's reference rates come from
``data/figures/fx.csv`` (with their source and date); ``Rates.with_rate`` returns a copy
with one rate changed, e.g. to today's rate.

    >>> rates = Rates((Rate("CNY", 7.0, "2026-01-08", "example"),))
    >>> convert_usd(100, "CNY", rates)
    700.0
    >>> convert_usd(100, "CNY", rates.with_rate("CNY", 7.2))
    720.0
"""

from __future__ import annotations

from dataclasses import dataclass

from . import validation
from .errors import InputError

__all__ = ["CURRENCIES", "Rate", "Rates", "convert", "convert_usd", "to_usd"]

#: Currencies the course converts between (USD is the base).
CURRENCIES: tuple[str, ...] = ("USD", "CNY", "EUR", "GBP", "JPY")


@dataclass(frozen=True, slots=True)
class Rate:
    """One reference rate: ``per_usd`` units of ``currency`` for 1 USD, with where it comes from."""

    currency: str
    per_usd: float
    as_of: str
    source: str
    overridden: bool = False

    def __post_init__(self) -> None:
        validation.choice("currency", self.currency, CURRENCIES[1:])
        object.__setattr__(self, "per_usd", validation.positive("per_usd", self.per_usd))


@dataclass(frozen=True, slots=True)
class Rates:
    """A set of reference rates, one per currency."""

    rates: tuple[Rate, ...]

    def __post_init__(self) -> None:
        seen = [r.currency for r in self.rates]
        if len(set(seen)) != len(seen):
            raise InputError("money.error.duplicate_rate", name="rates", value=seen)

    def currencies(self) -> tuple[str, ...]:
        """Return the currencies with a rate, USD first."""
        return ("USD", *(r.currency for r in self.rates))

    def rate(self, currency: str) -> Rate:
        """Return the ``Rate`` of ``currency`` (not USD, whose rate is 1 by definition)."""
        validation.choice("currency", currency, self.currencies()[1:])
        return next(r for r in self.rates if r.currency == currency)

    def per_usd(self, currency: str) -> float:
        """Return how many units of ``currency`` buy 1 USD (1.0 for USD).

        >>> Rates((Rate("JPY", 150, "2026-01", "example"),)).per_usd("JPY")
        150.0
        """
        validation.choice("currency", currency, self.currencies())
        return 1.0 if currency == "USD" else self.rate(currency).per_usd

    def with_rate(self, currency: str, per_usd: float, *, as_of: str = "", source: str = "") -> Rates:
        """Return a copy with ``currency`` set to ``per_usd`` (marked as the learner's own rate).

        Raises:
            InputError: if the currency is not supported or the rate is not a positive number.
        """
        validation.choice("currency", currency, CURRENCIES[1:])
        new = Rate(currency, per_usd, as_of, source, overridden=True)
        kept = tuple(r for r in self.rates if r.currency != currency)
        return Rates(tuple(sorted((*kept, new), key=lambda r: CURRENCIES.index(r.currency))))


def _rates(rates: object) -> Rates:
    if not isinstance(rates, Rates):
        raise InputError("money.error.not_rates", name="rates", value=type(rates).__name__)
    return rates


def convert_usd(amount_usd: float, currency: str, rates: Rates) -> float:
    """Return ``amount_usd`` in ``currency`` at ``rates``.

    Raises:
        InputError: if the amount is not a finite number or the currency has no rate.
    """
    amount = validation.number("amount_usd", amount_usd)
    return amount * _rates(rates).per_usd(currency)


def to_usd(amount: float, currency: str, rates: Rates) -> float:
    """Return ``amount`` of ``currency`` in USD.

    >>> to_usd(700, "CNY", Rates((Rate("CNY", 7.0, "2026-01-08", "example"),)))
    100.0
    """
    value = validation.number("amount", amount)
    return value / _rates(rates).per_usd(currency)


def convert(amount: float, from_currency: str, to_currency: str, rates: Rates) -> float:
    """Return ``amount`` of ``from_currency`` in ``to_currency`` (via USD)."""
    return convert_usd(to_usd(amount, from_currency, rates), to_currency, rates)
