"""xbedu.customs: date-aware duty, VAT and de minimis; xbedu.data.customs builds the rules from data."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xbedu import customs
from xbedu.customs import MarketRules, import_charges, relief_applies
from xbedu.data import customs as data_customs
from xbedu.data import figure
from xbedu.errors import InputError

US = data_customs.market_rules("US")
DE = data_customs.market_rules("EU_DE")
FR = data_customs.market_rules("EU_FR")
UK = data_customs.market_rules("UK")
JP = data_customs.market_rules("JP")


def keys(charges):
    return [m.key for m in charges.notes]


# --- United States: $800 de minimis, ended for China/HK on 2025-05-02 and for everyone on 2025-08-29


def test_us_parcel_before_the_end_of_de_minimis_pays_nothing():
    c = import_charges(US, 20.0, 5.0, on=date(2025, 4, 30))
    assert c.relief_applied and c.total_usd == 0.0
    assert "customs.note.relief" in keys(c)


def test_us_parcel_from_china_after_2025_05_02_pays_duty_on_fob_value():
    c = import_charges(US, 20.0, 5.0, on=date(2025, 5, 2))
    # US duty is on the FOB value (freight excluded): 0.20 × 20 = 4.00; no VAT in the US
    assert c.duty_usd == pytest.approx(0.20 * 20.0)
    assert c.vat_usd == 0.0 and c.total_usd == pytest.approx(4.0)
    assert "customs.note.relief_ended_china" in keys(c)


def test_us_parcel_from_elsewhere_keeps_de_minimis_until_2025_08_29():
    assert import_charges(US, 20.0, 5.0, on=date(2025, 8, 28), origin="other").total_usd == 0.0
    c = import_charges(US, 20.0, 5.0, on=date(2025, 8, 29), origin="other")
    assert c.duty_usd == pytest.approx(4.0)
    text = [m.render("en") for m in c.notes]
    assert any("ended for all countries on 2025-08-29: duty is due on this $20.00 parcel" in t for t in text)
    assert any("2025-08-29" in m.render("zh") and "取消" in m.render("zh") for m in c.notes)


def test_us_parcel_above_800_always_paid_duty_and_gets_no_ended_note():
    c = import_charges(US, 1000.0, 0.0, on=date(2025, 1, 1))
    assert c.duty_usd == pytest.approx(200.0)  # 0.20 × 1000
    assert not any(k.startswith("customs.note.relief_ended") for k in keys(c))


def test_relief_applies_by_origin_and_date():
    assert relief_applies(US, date(2025, 6, 1), "other")
    assert not relief_applies(US, date(2025, 6, 1), "CN")
    assert not relief_applies(US, date(2026, 1, 1), "other")


# --- EU: IOSS VAT at checkout up to €150; €3 per item category from 2026-07-01


def test_eu_parcel_before_july_2026_pays_vat_at_checkout_but_no_duty():
    # €100 of goods at 1.10 USD/EUR = $110, freight $11; VAT 19% on 110 + 11 = 22.99
    c = import_charges(DE, 110.0, 11.0, on=date(2026, 6, 30), fx_usd_per_unit=1.10)
    assert c.duty_usd == 0.0 and c.flat_duty_usd == 0.0
    assert c.vat_usd == pytest.approx(0.19 * 121.0)
    assert c.vat_at_checkout


def test_eu_parcel_from_july_2026_pays_three_euros_per_item_category():
    c = import_charges(DE, 110.0, 11.0, on=date(2026, 7, 1), item_categories=2, fx_usd_per_unit=1.10)
    # 2 categories × €3 × 1.10 = $6.60; VAT 19% also on the duty: 0.19 × (110 + 11 + 6.60) = 24.244
    assert c.flat_duty_usd == pytest.approx(6.60)
    assert c.vat_usd == pytest.approx(0.19 * 127.60)
    assert c.total_usd == pytest.approx(6.60 + 24.244)
    assert "customs.note.flat_duty" in keys(c)


def test_eu_commission_example_two_codes_to_france():
    # Commission guidance: 2 HS codes to FR = €6 duty + €1.20 VAT on that duty (fx 1 → USD = EUR)
    c = import_charges(FR, 50.0, 0.0, on=date(2026, 7, 1), item_categories=2, fx_usd_per_unit=1.0)
    assert c.flat_duty_usd == pytest.approx(6.0)
    assert c.vat_usd - 0.20 * 50.0 == pytest.approx(1.20)


def test_eu_parcel_above_150_euros_pays_percentage_duty_and_import_vat():
    # €200 = $220, freight $11: duty 4% of CIF 231 = 9.24; import VAT 19% × (231 + 9.24) = 45.6456
    c = import_charges(DE, 220.0, 11.0, on=date(2026, 7, 1), fx_usd_per_unit=1.10)
    assert c.duty_usd == pytest.approx(9.24)
    assert c.vat_usd == pytest.approx(45.6456)
    assert not c.vat_at_checkout and "customs.note.import_vat" in keys(c)


# --- UK and Japan


def test_uk_low_value_parcel_pays_only_checkout_vat():
    # $100 at 1.25 USD/GBP = £80 ≤ £135: no duty; VAT 20% × (100 + 10) = 22
    c = import_charges(UK, 100.0, 10.0, on=date(2026, 6, 1), fx_usd_per_unit=1.25)
    assert c.duty_usd == 0.0 and c.vat_usd == pytest.approx(22.0)


def test_uk_parcel_above_135_pounds():
    # $200 = £160: duty 4% × 210 = 8.40; import VAT 20% × 218.40 = 43.68
    c = import_charges(UK, 200.0, 10.0, on=date(2026, 6, 1), fx_usd_per_unit=1.25)
    assert c.duty_usd == pytest.approx(8.40) and c.vat_usd == pytest.approx(43.68)


def test_japan_exemption_counts_freight_and_covers_consumption_tax():
    # $50 + $10 = $60 at 0.0065 USD/JPY = ¥9,231 ≤ ¥10,000: nothing due
    assert import_charges(JP, 50.0, 10.0, on=date(2026, 6, 1), fx_usd_per_unit=0.0065).total_usd == 0.0
    # $60 + $10 = $70 = ¥10,769: duty 5% × 70 = 3.50; consumption tax 10% × 73.50 = 7.35
    c = import_charges(JP, 60.0, 10.0, on=date(2026, 6, 1), fx_usd_per_unit=0.0065)
    assert c.duty_usd == pytest.approx(3.50) and c.vat_usd == pytest.approx(7.35)
    assert c.total_usd == pytest.approx(10.85)


# --- bad input


def test_local_currency_market_needs_an_exchange_rate():
    with pytest.raises(InputError) as err:
        import_charges(DE, 100.0, on=date(2026, 7, 1))
    assert "fx_usd_per_unit" in err.value.message("en") and "EUR" in err.value.message("zh")


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"customs_value_usd": -1.0}, "customs_value_usd"),
        ({"freight_usd": -0.5}, "freight_usd"),
        ({"item_categories": 0}, "item_categories"),
        ({"origin": "mars"}, "origin"),
        ({"on": "2026-07-01"}, "on"),
    ],
)
def test_bad_input_names_the_argument(kwargs, name):
    args = {"customs_value_usd": 10.0, "freight_usd": 0.0, "on": date(2026, 1, 1)}
    args.update(kwargs)
    with pytest.raises(InputError, match=name):
        import_charges(US, args.pop("customs_value_usd"), args.pop("freight_usd"), **args)


def test_unknown_market_lists_the_allowed_ones():
    with pytest.raises(InputError) as err:
        data_customs.market_rules("CN")
    assert "US, EU_DE, EU_FR, UK, JP" in str(err.value)
    with pytest.raises(InputError):
        MarketRules("XX", "USD", 0.1, 0.0)


def test_rates_outside_zero_one_are_refused():
    with pytest.raises(InputError, match="duty_rate"):
        MarketRules("US", "USD", duty_rate=20, vat_rate=0.0)


# --- properties


money = st.floats(min_value=0, max_value=5000, allow_nan=False)
days = st.dates(min_value=date(2024, 1, 1), max_value=date(2029, 12, 31))


@given(value=money, freight=money, on=days, market=st.sampled_from(customs.MARKETS), cats=st.integers(1, 5))
def test_total_is_the_sum_and_never_negative(value, freight, on, market, cats):
    rules = data_customs.market_rules(market)
    fx = {"USD": None, "EUR": 1.1, "GBP": 1.25, "JPY": 0.0065}[rules.currency]
    c = import_charges(rules, value, freight, on=on, item_categories=cats, fx_usd_per_unit=fx)
    assert min(c.duty_usd, c.vat_usd, c.flat_duty_usd) >= 0
    assert c.total_usd == pytest.approx(c.duty_usd + c.vat_usd + c.flat_duty_usd)
    for message in c.notes:
        assert message.render("en") and message.render("zh")


@given(a=money, b=money, on=days)
def test_us_charges_never_fall_as_the_value_rises(a, b, on):
    low, high = sorted((a, b))
    assert import_charges(US, low, on=on).total_usd <= import_charges(US, high, on=on).total_usd + 1e-9


@given(value=st.floats(min_value=0, max_value=800), on=days)
def test_us_after_2025_08_29_no_parcel_escapes_duty(value, on):
    c = import_charges(US, value, on=on, origin="other")
    if on >= date(2025, 8, 29):
        assert c.duty_usd == pytest.approx(US.duty_rate * value)
    else:
        assert c.duty_usd == 0.0


# --- the builder's defaults are the data's figures


def test_builder_rules_equal_the_data_figures():
    assert US.duty_rate == figure("customs.us.duty_rate").value
    assert US.relief_max_local == figure("customs.us.de_minimis_usd").value == 800
    assert US.relief_ends_on == date(2025, 8, 29) and US.relief_ends_for_china_on == date(2025, 5, 2)
    assert DE.vat_rate == figure("customs.de.vat_rate").value and FR.vat_rate == figure("customs.fr.vat_rate").value
    assert DE.flat_duty_per_category_local == figure("customs.eu.flat_duty_eur_per_category").value
    assert DE.flat_duty_from == date(2026, 7, 1) and DE.checkout_vat_max_local == figure("customs.eu.low_value_max_eur").value
    assert UK.checkout_vat_max_local == figure("customs.uk.low_value_max_gbp").value
    assert JP.relief_max_local == figure("customs.jp.exempt_max_jpy").value and JP.relief_covers_vat
    assert set(data_customs.all_market_rules()) == set(customs.MARKETS)


def test_assumed_duty_rates_are_marked_as_assumptions():
    for fid in ("customs.us.duty_rate", "customs.eu.duty_rate", "customs.uk.duty_rate", "customs.jp.duty_rate"):
        assert figure(fid).assumption


def test_us_note_after_the_statutory_repeal():
    c = import_charges(US, 20.0, on=date(2027, 7, 1), origin="other")
    assert c.duty_usd == pytest.approx(4.0)
    assert "customs.note.relief_repealed" in keys(c)
    assert any("repealed by law from 2027-07-01" in m.render("en") for m in c.notes)
    assert US.relief_repealed_on == date(2027, 7, 1)
