"""Currency conversion: reference rates from data, with source and date; learners override them."""

import math

import pytest
from hypothesis import given, strategies as st

from xbedu.data import figure
from xbedu.data.money import reference_rates
from xbedu.errors import InputError
from xbedu.money import CURRENCIES, Rate, Rates, convert, convert_usd, to_usd


def test_reference_rates_come_from_the_data_with_source_and_date():
    rates = reference_rates()
    assert rates.currencies() == ("USD", "CNY", "EUR", "GBP", "JPY")
    for currency in CURRENCIES[1:]:
        fig = figure(f"fx.{currency.lower()}_per_usd")
        rate = rates.rate(currency)
        assert rate.per_usd == fig.value and rate.as_of == fig.as_of and rate.source == fig.source_title
        assert not rate.overridden


def test_derived_rates_are_the_arithmetic_of_their_quotes():
    gbp_usd, gbp_eur, gbp_jpy = (figure(f"fx.{q}").value for q in ("gbp_usd", "gbp_eur", "gbp_jpy"))
    assert figure("fx.gbp_per_usd").value == pytest.approx(1 / gbp_usd, abs=1e-6)
    assert figure("fx.eur_per_usd").value == pytest.approx(gbp_eur / gbp_usd, abs=1e-6)
    assert figure("fx.jpy_per_usd").value == pytest.approx(gbp_jpy / gbp_usd, abs=1e-4)


def test_convert_hand_computed():
    rates = Rates((Rate("CNY", 7.0, "2026-01-08", "test"), Rate("EUR", 0.8, "2026-01-14", "test")))
    assert convert_usd(100, "CNY", rates) == 700.0  # 100 × 7.0
    assert convert_usd(100, "USD", rates) == 100.0
    assert to_usd(700, "CNY", rates) == 100.0  # 700 ÷ 7.0
    assert convert(80, "EUR", "CNY", rates) == pytest.approx(700.0)  # 80 ÷ 0.8 = 100 USD × 7.0


def test_with_rate_returns_a_new_set_and_marks_the_override():
    rates = reference_rates()
    mine = rates.with_rate("CNY", 7.3, as_of="2026-11-25")
    assert convert_usd(10, "CNY", mine) == pytest.approx(73.0)
    assert mine.rate("CNY").overridden and mine.rate("CNY").as_of == "2026-11-25"
    assert rates.rate("CNY").per_usd == figure("fx.cny_per_usd").value  # the original is unchanged
    assert mine.currencies() == rates.currencies()


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: reference_rates().with_rate("CNY", 0), "per_usd"),
        (lambda: reference_rates().with_rate("CNY", -7), "per_usd"),
        (lambda: reference_rates().with_rate("CNY", math.nan), "per_usd"),
        (lambda: reference_rates().with_rate("CNY", "7.1"), "per_usd"),
        (lambda: reference_rates().with_rate("XBT", 1), "currency"),
        (lambda: reference_rates().with_rate("USD", 2), "currency"),
        (lambda: convert_usd("100", "CNY", reference_rates()), "amount_usd"),
        (lambda: convert_usd(100, "AUD", reference_rates()), "currency"),
        (lambda: convert_usd(100, "CNY", {"CNY": 7}), "rates"),
        (lambda: Rates((Rate("CNY", 7, "", ""), Rate("CNY", 7.1, "", ""))), "rates"),
        (lambda: to_usd(math.inf, "CNY", reference_rates()), "amount"),
    ],
)
def test_bad_rates_and_amounts_raise_input_error(call, name):
    with pytest.raises(InputError) as info:
        call()
    assert name in info.value.message("en") and name in info.value.message("zh")


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.sampled_from(CURRENCIES), st.floats(min_value=1e-3, max_value=1e4))
def test_round_trip_through_any_currency(amount, currency, per_usd):
    rates = reference_rates() if currency == "USD" else reference_rates().with_rate(currency, per_usd)
    assert to_usd(convert_usd(amount, currency, rates), currency, rates) == pytest.approx(amount, rel=1e-9, abs=1e-6)
