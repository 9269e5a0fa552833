"""xbedu.margins: the traditional chain against selling direct; a 2–3× price is not a 2–3× profit."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xbedu.data import figure
from xbedu.data import margins as data_margins
from xbedu.errors import InputError
from xbedu.margins import LAYERS, direct_chain, price_vs_profit, traditional_chain

DEFAULT = {"exporter": 0.15, "importer": 0.25, "wholesaler": 0.20, "retailer": 1.0}


def test_hand_computed_traditional_chain():
    chain = traditional_chain(100.0, DEFAULT)
    # 100 × 1.15 = 115 → × 1.25 = 143.75 → × 1.20 = 172.50 → × 2 = 345
    assert [round(layer.sell_usd, 2) for layer in chain.layers] == [115.0, 143.75, 172.5, 345.0]
    assert [round(layer.keeps_usd, 2) for layer in chain.layers] == [15.0, 28.75, 28.75, 172.5]
    assert chain.consumer_price_usd == pytest.approx(345.0)
    assert chain.multiple == pytest.approx(3.45)
    shares = {s.key: s.share for s in chain.shares()}
    assert shares["factory"] == pytest.approx(100 / 345)
    assert shares["retailer"] == pytest.approx(172.5 / 345)
    assert sum(shares.values()) == pytest.approx(1.0)


def test_textbook_chain_is_close_to_its_figure():
    # $10 → agent +20% = 12 → wholesaler +40% = 16.80 → retailer +100% = 33.60 (the textbook rounds to $34)
    chain = traditional_chain(10.0, {"exporter": 0.20, "wholesaler": 0.40, "retailer": 1.0})
    assert chain.consumer_price_usd == pytest.approx(33.6)
    assert [layer.key for layer in chain.layers] == ["exporter", "wholesaler", "retailer"]
    assert chain.multiple == pytest.approx(figure("margins.textbook.chain_multiple").value, abs=0.05)


def test_hand_computed_direct_sale():
    d = direct_chain(10.0, 34.5, landed_multiple=1.3, referral_rate=0.15, fulfilment_fee_usd=4.60)
    # landed 13; platform 0.15 × 34.5 + 4.60 = 9.775; seller keeps 34.5 − 13 − 9.775 = 11.725
    assert d.landed_cost_usd == pytest.approx(13.0)
    assert d.platform_usd == pytest.approx(9.775)
    assert d.seller_profit_usd == pytest.approx(11.725)
    assert d.seller_margin == pytest.approx(11.725 / 34.5)
    assert d.multiple == pytest.approx(3.45)
    parts = {s.key: s.usd for s in d.shares}
    assert parts == pytest.approx({"factory": 10.0, "logistics_duty": 3.0, "platform": 9.775, "seller": 11.725})
    assert sum(s.share for s in d.shares) == pytest.approx(1.0)


def test_selling_too_cheap_direct_loses_money():
    d = direct_chain(10.0, 15.0, landed_multiple=1.3, referral_rate=0.15, fulfilment_fee_usd=4.60)
    # 15 − 13 − (2.25 + 4.60) = −4.85
    assert d.loses_money and d.seller_profit_usd == pytest.approx(-4.85)


def test_price_vs_profit_two_and_a_half_times_the_price_is_twice_the_profit():
    r = price_vs_profit(10.0, 7.0, 25.0, 19.0)
    # home profit 10 − 7 = 3; abroad 25 − 19 = 6: price × 2.5, profit × 2
    assert (r.price_multiple, r.profit_multiple) == (2.5, 2.0)
    assert "2.5×" in r.message.render("en") and "2.0" in r.message.render("zh")


def test_price_vs_profit_three_times_the_price_can_mean_less_profit():
    r = price_vs_profit(10.0, 6.0, 30.0, 27.0)
    # home 4, abroad 3: price × 3, profit × 0.75
    assert r.price_multiple == 3.0 and r.profit_multiple == pytest.approx(0.75)


def test_price_vs_profit_without_a_home_profit_gives_no_multiple():
    r = price_vs_profit(10.0, 12.0, 30.0, 20.0)
    assert r.profit_multiple is None and r.message.key == "margins.note.no_domestic_profit"
    assert r.message.render("zh")


def test_bad_input():
    with pytest.raises(InputError) as err:
        traditional_chain(100.0, {"agent": 0.2})
    assert "exporter, importer, wholesaler, retailer" in str(err.value)
    with pytest.raises(InputError, match="factory_price_usd"):
        traditional_chain(0, DEFAULT)
    with pytest.raises(InputError, match="retailer"):
        traditional_chain(10.0, {"retailer": -0.5})
    with pytest.raises(InputError, match="landed_multiple"):
        direct_chain(10.0, 30.0, landed_multiple=0.8)
    with pytest.raises(InputError, match="referral_rate"):
        direct_chain(10.0, 30.0, referral_rate=15)
    with pytest.raises(InputError, match="domestic_price_usd"):
        price_vs_profit(0.0, 1.0, 2.0, 1.0)


markups = st.fixed_dictionaries({k: st.floats(min_value=0, max_value=3) for k in LAYERS})


@given(m=markups, layer=st.sampled_from(LAYERS), rise=st.floats(min_value=0, max_value=2),
       factory=st.floats(min_value=0.01, max_value=1e4))
def test_chain_price_never_falls_when_a_markup_rises(m, layer, rise, factory):
    higher = dict(m, **{layer: m[layer] + rise})
    assert traditional_chain(factory, higher).consumer_price_usd >= traditional_chain(factory, m).consumer_price_usd * (1 - 1e-12)


@given(m=markups, factory=st.floats(min_value=0.01, max_value=1e4))
def test_multiple_is_the_product_of_the_markups_and_shares_add_up(m, factory):
    chain = traditional_chain(factory, m)
    assert chain.multiple == pytest.approx(math.prod(1 + x for x in m.values()))
    assert sum(s.share for s in chain.shares()) == pytest.approx(1.0)


@given(d_price=st.floats(1, 100), d_margin=st.floats(0.05, 0.9), k=st.floats(2, 3), extra_cost_share=st.floats(0.01, 0.5))
def test_when_costs_abroad_rise_with_the_price_profit_grows_less_than_price(d_price, d_margin, k, extra_cost_share):
    d_cost = d_price * (1 - d_margin)
    o_price = d_price * k
    o_cost = d_cost * k + extra_cost_share * o_price  # same cost ratio plus fees/freight on top
    r = price_vs_profit(d_price, d_cost, o_price, o_cost)
    assert r.price_multiple == pytest.approx(k)
    assert r.profit_multiple < r.price_multiple


# --- builders


def test_default_markups_equal_the_figures_and_give_about_3_45():
    m = data_margins.default_markups()
    assert m == {k: figure(f"margins.markup.{k}").value for k in LAYERS}
    assert data_margins.default_chain(100.0).multiple == pytest.approx(math.prod(1 + x for x in m.values()))
    assert data_margins.default_chain(100.0).multiple == pytest.approx(3.45)


def test_default_direct_sale_uses_landed_multiple_and_amazon_fees():
    d = data_margins.default_direct_sale(10.0, 34.5)
    landed = 10.0 * figure("margins.direct.landed_multiple").value
    platform = figure("fees.amazon.referral_rate").value * 34.5 + figure("fees.amazon.fba_fulfilment_usd").value
    assert d.landed_cost_usd == pytest.approx(landed)
    assert d.seller_profit_usd == pytest.approx(34.5 - landed - platform)


def test_guide_claim_is_kept_as_guide_figures():
    assert data_margins.guide_price_multiple() == (2.0, 3.0)
    assert figure("margins.guide.overseas_price_multiple_low").basis == "guide"


def test_every_share_key_has_a_label_in_both_languages():
    from xbedu import i18n

    keys = {s.key for s in traditional_chain(10.0, DEFAULT).shares()}
    keys |= {s.key for s in direct_chain(10.0, 30.0, other_costs_usd=1.0).shares}
    for key in keys:
        assert i18n.t(f"margins.layer.{key}", "en") and i18n.t(f"margins.layer.{key}", "zh")
