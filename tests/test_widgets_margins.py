"""The margin-chain explorer: markups per layer, the learner's price, price multiple against profit multiple."""

from __future__ import annotations

import pytest

pytest.importorskip("ipywidgets")

from xbedu.widgets import margin_explorer  # noqa: E402


@pytest.fixture(scope="module")
def en():
    return margin_explorer("en")


def _panels(ex):
    return [panel["data"]["values"] for panel in ex.chart.to_dict()["vconcat"]]


def test_markups_compound_along_the_chain(en):
    en.set(factory_price_usd=10.0, markup_exporter=0.15, markup_importer=0.25, markup_wholesaler=0.20, markup_retailer=1.0)
    # 10 × 1.15 × 1.25 × 1.20 × 2.00 = 34.50
    assert en.result.chain.consumer_price_usd == pytest.approx(34.5)
    traditional, _ = _panels(en)
    assert traditional[-1]["end"] == pytest.approx(34.5)
    assert traditional[1]["step"] == "Exporter (+15%)" and traditional[1]["label"] == "+$1.50"
    assert "3.5× the factory price" in en.reading


def test_direct_waterfall_ends_at_the_learners_price(en):
    en.set(factory_price_usd=10.0, price_usd=34.5, domestic_price_usd=15.0)
    direct = en.result.direct
    _, rows = _panels(en)
    assert rows[-1]["end"] == 34.5
    seller = next(r for r in rows if r["step"] == "Seller's profit")
    assert seller["end"] - seller["start"] == pytest.approx(direct.seller_profit_usd, abs=1e-3)
    pvp = en.result.price_vs_profit
    assert pvp.price_multiple == pytest.approx(34.5 / 15.0)
    assert pvp.profit_multiple == pytest.approx(direct.seller_profit_usd / (15.0 - 10.0))

    # A 2× price is not a 2× profit. Using the data's landed multiple, referral rate and FBA fee:
    # 30 − 10 × landed − (referral × 30 + FBA fee), against 15 − 10 = 5 at home.
    en.set(price_usd=30.0)
    d = en.result.direct
    expected = 30 - 10 * (d.landed_cost_usd / 10) - d.platform_usd
    assert d.seller_profit_usd == pytest.approx(expected)
    assert en.result.price_vs_profit.price_multiple == 2.0
    assert en.result.price_vs_profit.profit_multiple == pytest.approx(expected / 5)
    assert expected / 5 < 2.0


def test_a_price_below_cost_warns(en):
    en.set(factory_price_usd=10.0, price_usd=12.0)
    assert en.result.direct.loses_money and en.warnings[0].startswith("At $12 the direct sale loses")
    en.set(price_usd=34.5)
    assert en.warnings == ()


def test_chinese_and_bad_factory_price():
    zh = margin_explorer("zh")
    good = zh.result
    zh.controls["factory_price_usd"].value = 0.0
    assert zh.error == "单件出厂价 必须大于 0；收到的是 0.0。" and zh.result is good
    spec = zh.chart.to_dict()
    assert spec["vconcat"][0]["title"]["text"] == "传统外贸链条"
    assert zh.controls["markup_retailer"].description == "零售商：在进价上的加价率（%）"
