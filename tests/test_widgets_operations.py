"""The order-to-cash explorer: steps, money flow, day-by-day timeline and working capital, en and zh."""

from __future__ import annotations

import pytest

pytest.importorskip("ipywidgets")

from xbedu import operations  # noqa: E402
from xbedu.data import operations as operations_data  # noqa: E402
from xbedu.widgets import order_to_cash_explorer  # noqa: E402


@pytest.fixture(scope="module")
def en():
    return order_to_cash_explorer("en")


def test_timeline_matches_the_domain_and_the_chart(en):
    en.set(order_value_usd=30.0, goods_cost_usd=8.0, option="dedicated_line", method="paypal", processing_days=2)
    r = en.result
    expected = operations.cash_timeline(30.0, 8.0, r.shipping.days_typical, r.method.payout_days,
                                        shipping_cost_usd=r.shipping.cost_per_unit_usd, processing_days=2,
                                        fees_usd=operations.payment_cost_usd(30.0, r.method))
    assert r.timeline == expected
    lanes, money = en.chart.to_dict()["vconcat"]
    goods = [s for s in lanes["data"]["values"] if s["lane_key"] == "goods"]
    assert [s["where_key"] for s in goods] == ["seller", "in_transit", "buyer"]
    assert goods[0]["start"] == -2 and goods[-1]["end"] == expected.payout_day + 1
    tied = money["layer"][0]["data"]["values"]
    assert max(p["tied_usd"] for p in tied) == pytest.approx(expected.peak_tied_usd)
    assert f"day {expected.payout_day}" in en.reading


def test_a_slower_payout_ties_money_up_longer(en):
    en.set(order_value_usd=25.0, goods_cost_usd=5.0, option="dedicated_line", method="paypal", processing_days=0)
    fast = en.result.timeline
    en.set(method="amazon")
    slow = en.result.timeline
    delay = en.result.method.payout_days - operations_data.payment_method("paypal").payout_days
    assert slow.payout_day - fast.payout_day == delay
    assert slow.tied_usd_days == pytest.approx(fast.tied_usd_days + delay * fast.peak_tied_usd)


def test_stepping_through_the_steps(en):
    en.set(step=5, stage=3)
    assert en.result.step.key == operations_data.operating_steps()[4].key
    assert "Operating step 5 of 8" in en.reading and "Money flow 3 of 5" in en.reading


def test_loss_warning_and_chinese_error():
    zh = order_to_cash_explorer("zh")
    zh.set(order_value_usd=6.0, goods_cost_usd=5.0, option="express")
    assert zh.result.timeline.profit_usd < 0 and zh.warnings[0].startswith("扣除运费和收款手续费后")
    good = zh.result
    zh.controls["order_value_usd"].value = 0.0
    assert zh.error == "订单金额 必须大于 0；收到的是 0.0。" and zh.result is good
    assert zh.chart.to_dict()["vconcat"][1]["layer"][0]["encoding"]["y"]["title"] == "被占用的自有资金（美元）"
