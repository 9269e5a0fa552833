"""xbedu.economics: unit economics, break-even price and units; xbedu.data.economics / platforms presets."""

import math
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from xbedu.data import economics as data_econ
from xbedu.data import figure
from xbedu.data import platforms as data_platforms
from xbedu.economics import (
    COST_KEYS,
    PlatformFees,
    UnitInputs,
    break_even_price_usd,
    break_even_units,
    profit_usd,
    unit_economics,
    with_platform,
)
from xbedu.errors import InputError

# The course's base case: Amazon US FBA, price 25, cost 5, freight 1, duty 20% of 5 = 1.
BASE = UnitInputs(
    price_usd=25.0, product_cost_usd=5.0, freight_per_unit_usd=1.0, duty_usd=1.0,
    referral_rate=0.15, referral_min_usd=0.30, fulfilment_fee_usd=4.60, storage_per_unit_usd=0.156,
    payout_fx_rate=0.015, ad_rate=0.10, return_rate=0.10, unsellable_return_share=0.5, return_handling_usd=2.0,
)


def test_hand_computed_amazon_fba_sale():
    u = unit_economics(BASE)
    # landed = 5 + 1 + 1 = 7; referral = 0.15 × 25 = 3.75
    # payout before FX = 25 − 3.75 − 4.60 − 0.156 = 16.494; payout FX = 0.015 × 16.494 = 0.24741
    # ads = 0.10 × 25 = 2.50; returns = 0.10 × (2 + 0.5 × 7) = 0.55
    total = 5 + 1 + 1 + 3.75 + 4.60 + 0.156 + 0.24741 + 2.50 + 0.55
    assert u.landed_cost_usd == pytest.approx(7.0)
    assert u.line("referral") == pytest.approx(3.75)
    assert u.line("payout_fx") == pytest.approx(0.24741)
    assert u.line("returns") == pytest.approx(0.55)
    assert u.total_cost_usd == pytest.approx(total)
    assert u.profit_usd == pytest.approx(25 - total)  # 6.19659
    assert u.margin == pytest.approx((25 - total) / 25)
    assert u.roi == pytest.approx((25 - total) / 7)
    assert not u.loses_money
    assert [line.key for line in u.lines] == list(COST_KEYS)


def test_break_even_units_for_the_professional_plan():
    # 39.99 ÷ 6.19659 = 6.4535 units a month
    assert break_even_units(BASE, 39.99) == pytest.approx(39.99 / 6.19659)


def test_referral_minimum_applies_to_cheap_items():
    u = unit_economics(UnitInputs(price_usd=1.75, product_cost_usd=0.5, referral_rate=0.15, referral_min_usd=0.30))
    # 0.15 × 1.75 = 0.2625 < 0.30, so 0.30 is charged
    assert u.line("referral") == pytest.approx(0.30)
    assert "economics.note.referral_minimum" in [m.key for m in u.notes]


def test_vat_inside_the_price():
    # 23.80 incl. 19% VAT: VAT = 23.80 × 0.19 / 1.19 = 3.80
    u = unit_economics(UnitInputs(price_usd=23.80, product_cost_usd=10.0, vat_rate=0.19))
    assert u.line("vat") == pytest.approx(3.80)
    assert u.profit_usd == pytest.approx(10.0)


def test_break_even_price_hand_computed():
    # cost 8, commission 20%: 0.8 p = 8 → p = 10
    assert break_even_price_usd(UnitInputs(price_usd=30.0, product_cost_usd=8.0, referral_rate=0.2)) == pytest.approx(10.0)
    # cost 1, 15% with a 0.30 minimum: p − 1 − 0.30 = 0 → p = 1.30 (0.15 × 1.30 = 0.195 < 0.30)
    assert break_even_price_usd(UnitInputs(price_usd=5.0, product_cost_usd=1.0, referral_rate=0.15, referral_min_usd=0.30)) == pytest.approx(1.30)


def test_break_even_price_of_the_base_case_gives_zero_profit():
    price = break_even_price_usd(BASE)
    assert 7 < price < 25
    assert profit_usd(replace(BASE, price_usd=price)) == pytest.approx(0.0, abs=1e-6)


def test_a_losing_sale_is_flagged_and_never_breaks_even_on_units():
    losing = replace(BASE, price_usd=9.0)
    u = unit_economics(losing)
    assert u.loses_money and u.profit_usd < 0
    assert "economics.note.loses_money" in [m.key for m in u.notes]
    assert "loses" in u.notes[-1].render("en") and "亏损" in u.notes[-1].render("zh")
    assert break_even_units(losing, 39.99) == math.inf
    assert break_even_units(losing, 0) == 0.0


def test_no_break_even_when_percentages_take_the_whole_price():
    with pytest.raises(InputError) as err:
        break_even_price_usd(UnitInputs(price_usd=10.0, product_cost_usd=1.0, referral_rate=0.6, ad_rate=0.5))
    assert "110%" in err.value.message("en")


@pytest.mark.parametrize(
    "field, value",
    [("price_usd", -1.0), ("product_cost_usd", float("nan")), ("referral_rate", 1.5), ("ad_rate", -0.1), ("duty_usd", "3")],
)
def test_bad_input_names_the_argument(field, value):
    kwargs = {"price_usd": 10.0, "product_cost_usd": 2.0, field: value}
    with pytest.raises(InputError, match=field):
        UnitInputs(**kwargs)


def test_bad_monthly_fixed_cost():
    with pytest.raises(InputError, match="monthly_fixed_usd"):
        break_even_units(BASE, -5)


def test_unknown_cost_line_lists_the_allowed_keys():
    with pytest.raises(InputError, match="advertising"):
        unit_economics(BASE).line("tips")


# --- properties

rates = st.floats(min_value=0, max_value=0.2)
money = st.floats(min_value=0, max_value=50)


@st.composite
def inputs(draw):
    return UnitInputs(
        price_usd=draw(st.floats(min_value=0.5, max_value=200)), product_cost_usd=draw(money),
        freight_per_unit_usd=draw(money), duty_usd=draw(money), vat_rate=draw(rates),
        referral_rate=draw(rates), referral_min_usd=draw(st.floats(0, 1)), per_order_fee_usd=draw(st.floats(0, 1)),
        payment_rate=draw(rates), payment_fixed_usd=draw(st.floats(0, 1)), fulfilment_fee_usd=draw(money),
        storage_per_unit_usd=draw(st.floats(0, 3)), payout_fx_rate=draw(rates), ad_rate=draw(rates),
        return_rate=draw(rates), unsellable_return_share=draw(st.floats(0, 1)), return_handling_usd=draw(st.floats(0, 5)),
    )


FEES = ["referral_rate", "referral_min_usd", "per_order_fee_usd", "payment_rate", "payment_fixed_usd",
        "fulfilment_fee_usd", "storage_per_unit_usd", "payout_fx_rate", "ad_rate", "return_rate",
        "return_handling_usd", "duty_usd", "freight_per_unit_usd", "product_cost_usd", "vat_rate"]


@given(i=inputs(), fee=st.sampled_from(FEES), rise=st.floats(min_value=0.001, max_value=0.3))
def test_profit_falls_when_a_fee_rises(i, fee, rise):
    higher = replace(i, **{fee: getattr(i, fee) + rise})
    assert profit_usd(higher) <= profit_usd(i) + 1e-9


@given(i=inputs())
def test_profit_at_the_break_even_price_is_zero(i):
    price = break_even_price_usd(i)
    assert profit_usd(replace(i, price_usd=price)) == pytest.approx(0.0, abs=1e-6)
    if price > 0.01:
        assert profit_usd(replace(i, price_usd=price - 0.01)) < 0


@given(i=inputs(), extra=st.floats(min_value=0.01, max_value=100))
def test_profit_rises_with_the_price(i, extra):
    assert profit_usd(replace(i, price_usd=i.price_usd + extra)) > profit_usd(i)


@given(i=inputs(), fixed=st.floats(min_value=0.01, max_value=1000))
def test_break_even_units_cover_the_fixed_cost(i, fixed):
    assume(profit_usd(i) > 1e-6)
    assert break_even_units(i, fixed) * profit_usd(i) == pytest.approx(fixed)


# --- builders: defaults equal the data figures


def value(fid):
    return figure(fid).value


def test_amazon_fba_preset_equals_the_fee_figures():
    fees = data_econ.platform_fees("amazon_fba")
    assert fees.referral_rate == value("fees.amazon.referral_rate") == 0.15
    assert fees.referral_min_usd == value("fees.amazon.referral_min_usd")
    assert fees.fulfilment_fee_usd == value("fees.amazon.fba_fulfilment_usd")
    assert fees.monthly_fixed_usd == value("fees.amazon.professional_usd_per_month") == 39.99
    # storage = 0.78 USD/cu ft/month × 0.1 cu ft × 2 months
    assert fees.storage_per_unit_usd == pytest.approx(
        value("fees.amazon.storage_offpeak_usd_per_cuft_month") * value("economics.storage.unit_volume_cuft")
        * value("economics.storage.months_held"))


def test_other_presets_equal_the_fee_figures():
    fbm = data_econ.platform_fees("amazon_fbm")
    assert fbm.fulfilment_fee_usd == value("economics.self_ship.per_unit_usd") and fbm.storage_per_unit_usd == 0
    ebay = data_econ.platform_fees("ebay", price_usd=25)
    assert (ebay.referral_rate, ebay.per_order_fee_usd, ebay.payment_rate) == (
        value("fees.ebay.final_value_rate"), value("fees.ebay.per_order_usd"), value("fees.ebay.international_rate"))
    assert data_econ.platform_fees("ebay", price_usd=8).per_order_fee_usd == value("fees.ebay.per_order_small_usd")
    etsy = data_econ.platform_fees("etsy")
    assert (etsy.referral_rate, etsy.per_order_fee_usd, etsy.payment_rate, etsy.payment_fixed_usd) == (
        value("fees.etsy.transaction_rate"), value("fees.etsy.listing_usd"), value("fees.etsy.processing_rate"),
        value("fees.etsy.processing_fixed_usd"))
    shopee = data_econ.platform_fees("shopee")
    assert (shopee.referral_rate, shopee.payment_rate) == (value("fees.shopee.commission_rate"), value("fees.shopee.transaction_rate"))


def test_default_inputs_use_the_economics_figures_and_customs():
    i = data_econ.default_inputs("amazon_fba", market="US", on=date(2026, 6, 1))
    assert (i.price_usd, i.product_cost_usd, i.freight_per_unit_usd) == (
        value("economics.example.price_usd"), value("economics.example.product_cost_usd"),
        value("economics.example.freight_per_unit_usd"))
    assert (i.ad_rate, i.return_rate, i.payout_fx_rate) == (
        value("economics.ads.tacos_rate"), value("economics.returns.rate"), value("economics.payout.fx_rate"))
    # bulk FBA import: duty 20% of the FOB cost 5 = 1.00 per unit
    assert i.duty_usd == pytest.approx(value("customs.us.duty_rate") * 5.0)
    assert unit_economics(i).profit_usd == pytest.approx(6.19659)


def test_self_shipped_parcels_follow_the_de_minimis_dates():
    before = data_econ.default_inputs("amazon_fbm", on=date(2025, 4, 1))
    after = data_econ.default_inputs("amazon_fbm", on=date(2025, 9, 1))
    assert before.duty_usd == 0.0
    assert after.duty_usd == pytest.approx(0.20 * 25.0)  # parcel valued at the $25 price


def test_eu_parcel_pays_the_flat_duty_with_its_vat():
    i = data_econ.default_inputs("etsy", market="EU_DE", on=date(2026, 7, 1), fx_usd_per_unit=1.10)
    # €3 × 1.10 = $3.30, plus 19% VAT on the duty = 3.927; VAT in the price 19%
    assert i.duty_usd == pytest.approx(3.30 * 1.19)
    assert i.vat_rate == 0.19


def test_japan_small_parcel_is_exempt_from_duty_and_consumption_tax():
    i = data_econ.default_inputs("ebay", market="JP", on=date(2026, 6, 1), fx_usd_per_unit=0.0065)
    assert i.duty_usd == 0.0 and i.vat_rate == 0.0


def test_unknown_platform_or_market_lists_the_allowed_ones():
    with pytest.raises(InputError, match="amazon_fba, amazon_fbm, ebay, etsy, shopee"):
        data_econ.default_inputs("tmall")
    with pytest.raises(InputError, match="US, EU_DE"):
        data_econ.default_inputs("ebay", market="CN")


def test_with_platform_replaces_only_the_fee_fields():
    fees = PlatformFees("x", referral_rate=0.08, per_order_fee_usd=0.4)
    i = with_platform(BASE, fees)
    assert (i.referral_rate, i.per_order_fee_usd, i.referral_min_usd) == (0.08, 0.4, 0.0)
    assert i.product_cost_usd == BASE.product_cost_usd and i.ad_rate == BASE.ad_rate


def test_platforms_data_cover_the_guide_and_name_existing_fee_figures():
    found = {p.key: p for p in data_platforms.platforms()}
    assert {"amazon", "ebay", "wish", "aliexpress", "shopee", "alibaba_com", "global_sources", "made_in_china",
            "dhgate", "etsy", "facebook_marketplace", "instagram_shopping"} <= set(found)
    assert {p.key for p in data_platforms.platforms_for_mode("B2B")} == {"alibaba_com", "global_sources", "made_in_china", "dhgate"}
    assert "etsy" in {p.key for p in data_platforms.platforms_for_mode("C2C")}
    assert found["aliexpress"].name("zh") == "速卖通"
    assert not found["alibaba_com"].fee_figure_ids and found["alibaba_com"].fee_note("en")
    assert data_platforms.fee_figures("amazon")[0].id.startswith("fees.amazon.")
    with pytest.raises(InputError, match="amazon"):
        data_platforms.platform("tmall")


def test_every_cost_line_and_preset_has_a_label_in_both_languages():
    from xbedu import i18n

    for key in COST_KEYS:
        assert i18n.t(f"economics.line.{key}", "en") and i18n.t(f"economics.line.{key}", "zh")
    for key in data_econ.PLATFORMS:
        assert i18n.t(f"economics.platform.{key}", "zh")
