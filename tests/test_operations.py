"""xbedu.operations: step order checking, payment costs, the cash timeline; and its data builders."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xbedu import data
from xbedu.data.operations import (
    customs_essentials,
    fba_advantages,
    money_flow,
    operating_steps,
    payment_categories,
    payment_method,
    payment_methods,
)
from xbedu.errors import InputError
from xbedu.operations import (
    PaymentMethod,
    cash_timeline,
    check_order,
    net_payout_usd,
    order_feedback,
    payment_cost_usd,
    wrong_positions,
)

ABC = ["a", "b", "c", "d"]


def card() -> PaymentMethod:
    """A card gateway: 4.4 % + 0.30 USD, 1 % FX, paid out in 2 days."""
    return PaymentMethod("card", "credit_card", 0.044, 0.30, 0.01, 2)


# --- step order ---

def test_check_order_marks_each_position():
    checks = check_order(["b", "a", "c", "d"], ABC)
    assert [(c.position, c.proposed_key, c.correct_key, c.correct) for c in checks] == [
        (1, "b", "a", False), (2, "a", "b", False), (3, "c", "c", True), (4, "d", "d", True)]
    assert wrong_positions(["b", "a", "c", "d"], ABC) == (1, 2)
    assert wrong_positions(ABC, ABC) == ()


def test_order_feedback_messages():
    assert order_feedback(check_order(ABC, ABC)).render("en") == "All 4 steps are in the right order."
    msg = order_feedback(check_order(["a", "d", "c", "b"], ABC))
    assert msg.render("en") == "2 of 4 positions are wrong: 2, 4."
    assert msg.render("zh") == "4 个位置中有 2 个不对：第 2、4 位。"


def test_unknown_step_key_lists_the_allowed_keys_in_both_languages():
    with pytest.raises(InputError) as err:
        check_order(["a", "b", "x", "d"], ABC)
    for text in (err.value.message("en"), err.value.message("zh")):
        assert "proposed_keys" in text and "a, b, c, d" in text and "'x'" in text


def test_repeated_missing_and_string_inputs_are_refused():
    with pytest.raises(InputError, match="more than once"):
        check_order(["a", "a", "c", "d"], ABC)
    with pytest.raises(InputError) as err:
        check_order(["a", "b"], ABC)
    assert "Missing: c, d" in err.value.message("en") and "缺少：c, d" in err.value.message("zh")
    with pytest.raises(InputError, match="proposed_keys"):
        check_order("abcd", ABC)


@settings(max_examples=100, deadline=None)
@given(st.permutations(["market_research", "platform_onboarding", "listing", "marketing",
                        "order_processing", "logistics", "payment_settlement", "after_sales"]))
def test_wrong_positions_are_exactly_the_mismatches(proposed):
    correct = [s.key for s in operating_steps()]
    wrong = wrong_positions(proposed, correct)
    assert wrong == tuple(i + 1 for i, (p, c) in enumerate(zip(proposed, correct)) if p != c)
    assert len(wrong) != 1  # a permutation can never have exactly one step out of place


# --- payments ---

def test_payment_cost_hand_computed():
    # 100 × (4.4 % + 1 %) + 0.30 = 5.40 + 0.30 = 5.70
    assert payment_cost_usd(100, card()) == pytest.approx(100 * (0.044 + 0.01) + 0.30)
    assert net_payout_usd(100, card()) == pytest.approx(100 - 5.70)


def test_bad_payment_inputs():
    with pytest.raises(InputError) as err:
        payment_cost_usd(-1, card())
    assert "amount_usd" in err.value.message("en") and "amount_usd" in err.value.message("zh")
    with pytest.raises(InputError, match="fee_rate"):
        PaymentMethod("x", "credit_card", 4.4, 0.3, 0.01, 2)
    with pytest.raises(InputError, match="credit_card, third_party, local, platform"):
        PaymentMethod("x", "crypto", 0.01, 0, 0, 1)


# --- cash timeline ---

def test_cash_timeline_hand_computed():
    tl = cash_timeline(30, 8, 4, 14, shipping_cost_usd=3, processing_days=2, fees_usd=5)
    # order on day -2, ship day 0, arrive day 4, paid out 14 days later on day 18
    assert (tl.order_day, tl.ship_day, tl.arrival_day, tl.payout_day) == (-2, 0, 4, 18)
    assert [r.day for r in tl.rows] == list(range(-2, 19))
    # tied: goods 8 USD on days -2, -1; goods + shipping 11 USD on days 0..17 (18 days); 0 on day 18
    assert tl.tied_usd_days == pytest.approx(2 * 8 + 18 * (8 + 3))  # = 214
    assert tl.peak_tied_usd == 8 + 3
    assert tl.payout_usd == 30 - 5 and tl.profit_usd == 30 - 5 - 8 - 3
    by_day = {r.day: r for r in tl.rows}
    assert (by_day[-1].goods_location, by_day[-1].money_location) == ("seller", "held")
    assert (by_day[3].goods_location, by_day[4].goods_location) == ("in_transit", "buyer")
    assert (by_day[17].money_location, by_day[18].money_location) == ("held", "seller_bank")


def test_fractional_ship_days_arrive_on_the_next_whole_day():
    tl = cash_timeline(20, 5, 13.5, 18)
    assert tl.arrival_day == 14 and tl.payout_day == 14 + 18  # ceil(13.5) = 14


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"order_value_usd": 0}, "order_value_usd"),
    ({"goods_cost_usd": -1}, "goods_cost_usd"),
    ({"ship_days": float("inf")}, "ship_days"),
    ({"payout_delay_days": -3}, "payout_delay_days"),
    ({"shipping_cost_usd": "3"}, "shipping_cost_usd"),
    ({"processing_days": 1.5}, "processing_days"),
    ({"fees_usd": -0.5}, "fees_usd"),
])
def test_bad_timeline_input_names_the_argument_in_both_languages(kwargs, name):
    args = {"order_value_usd": 30, "goods_cost_usd": 8, "ship_days": 4, "payout_delay_days": 14} | kwargs
    with pytest.raises(InputError) as err:
        cash_timeline(**args)
    assert name in err.value.message("en") and name in err.value.message("zh")


@settings(max_examples=150, deadline=None)
@given(st.floats(1, 1000), st.floats(0, 500), st.floats(0, 60), st.floats(0, 30), st.floats(0, 100), st.integers(0, 10))
def test_timeline_properties(value, goods, ship, delay, shipping, processing):
    tl = cash_timeline(value, goods, ship, delay, shipping_cost_usd=shipping, processing_days=processing)
    assert tl.tied_usd_days == pytest.approx(sum(r.tied_usd for r in tl.rows))
    assert tl.rows[-1].money_location == "seller_bank" and tl.rows[-1].tied_usd == 0
    assert all(r.money_location == "held" for r in tl.rows[:-1])
    order = {"seller": 0, "in_transit": 1, "buyer": 2}
    assert [order[r.goods_location] for r in tl.rows] == sorted(order[r.goods_location] for r in tl.rows)
    if tl.payout_day > 0:
        assert tl.peak_tied_usd == pytest.approx(goods + shipping)


# --- data: operations.yaml and payments.csv ---

def test_eight_steps_in_the_guides_order():
    steps = operating_steps()
    assert [s.key for s in steps] == ["market_research", "platform_onboarding", "listing", "marketing",
                                      "order_processing", "logistics", "payment_settlement", "after_sales"]
    assert [s.order for s in steps] == list(range(1, 9))
    assert steps[0].name("zh") == "市场调研" and steps[6].name("zh") == "支付结算"
    assert all(s.what("en") and s.what("zh") for s in steps)


def test_money_flow_customs_and_fba_lists():
    assert [s.key for s in money_flow()] == ["consumer_pays", "gateway_verifies", "funds_held", "released_to_seller", "seller_withdraws"]
    assert [s.key for s in customs_essentials()] == ["declaration", "duties", "compliance", "documents"]
    assert len(fba_advantages()) == 5


def test_payment_categories_and_examples():
    cats = {c.key: c for c in payment_categories()}
    assert list(cats) == ["credit_card", "third_party", "local", "platform"]
    assert cats["credit_card"].examples("en") == ("Visa", "MasterCard", "American Express")
    assert cats["third_party"].examples("zh") == ("PayPal", "Stripe", "Payoneer")
    assert cats["platform"].examples("en") == ("Amazon", "eBay")


def fig(figure_id: str) -> float:
    return data.figure(figure_id).value


def test_payment_methods_match_the_figures():
    methods = {m.key: m for m in payment_methods()}
    assert methods["card"].fee_rate == pytest.approx(fig("payments.card.fee_rate") + fig("payments.card.international_rate"))
    assert payment_method("card", international=False).fee_rate == fig("payments.card.fee_rate")
    assert methods["paypal"].fx_spread_rate == fig("payments.paypal.fx_spread_rate")
    assert methods["amazon"].payout_days == fig("payments.amazon.settlement_days") + fig("payments.amazon.bank_transfer_days")
    for key, m in methods.items():
        assert m.fee_fixed_usd == fig(f"payments.{key}.fee_fixed_usd")
        assert m.fx_spread_rate == fig(f"payments.{key}.fx_spread_rate")
    with pytest.raises(InputError, match="method_key"):
        payment_method("bitcoin")


def _drop_a_step(doc):  # the guide has eight steps
    doc["steps"] = doc["steps"][:7]


def _drop_zh(doc):  # every text is bilingual
    del doc["fba_advantages"][0]["what"]["zh"]


def _unknown_category(doc):
    doc["payment_categories"][0]["key"] = "crypto"


def _extra_field(doc):
    doc["customs_essentials"][1]["owner"] = "customs"


@pytest.mark.parametrize("breakage", [_drop_a_step, _drop_zh, _unknown_category, _extra_field])
def test_a_broken_operations_file_is_refused(tmp_path: Path, breakage):
    import yaml

    copy = tmp_path / "data"
    shutil.copytree(data.data_dir(), copy)
    doc = yaml.safe_load((copy / "operations.yaml").read_text(encoding="utf-8"))
    breakage(doc)
    (copy / "operations.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(data.DataError, match="operations.yaml"):
        data.validate_dir(copy)
    assert json.loads((copy / "schemas" / "operations.schema.json").read_text())["$schema"].endswith("2020-12/schema")


def test_timeline_and_method_keys_have_catalog_names():
    from xbedu import i18n
    from xbedu.operations import GOODS_LOCATIONS, MONEY_LOCATIONS

    for key in GOODS_LOCATIONS:
        assert i18n.t(f"operations.goods.{key}", "zh")
    for key in MONEY_LOCATIONS:
        assert i18n.t(f"operations.money.{key}", "zh")
    for m in payment_methods():
        assert i18n.t(f"operations.method.{m.key}", "en") and i18n.t(f"operations.method.{m.key}", "zh")
