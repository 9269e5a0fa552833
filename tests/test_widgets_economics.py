"""The unit-economics explorer: waterfall to profit, break-even, loss warning, markets, en and zh."""

from __future__ import annotations

import math

import pytest

pytest.importorskip("ipywidgets")

from xbedu import economics  # noqa: E402
from xbedu.widgets import unit_economics_explorer  # noqa: E402


@pytest.fixture(scope="module")
def en():
    return unit_economics_explorer("en")


def _rows(ex):
    return ex.chart.to_dict()["data"]["values"]


def test_waterfall_steps_add_up_from_price_to_profit(en):
    en.set(price_usd=25.0, platform="amazon_fba", market="US")
    u = en.result.economics
    rows = _rows(en)
    assert rows[0]["end"] == 25.0 and rows[-1]["kind"] == "profit"
    assert rows[-1]["end"] == pytest.approx(u.profit_usd, abs=1e-4)
    costs = [r for r in rows if r["kind"] == "cost"]
    assert sum(r["start"] - r["end"] for r in costs) == pytest.approx(u.total_cost_usd, abs=1e-3)
    assert rows[-2]["end"] == pytest.approx(rows[-1]["end"], abs=1e-3)  # the last cost ends where the profit is


def test_break_even_price_and_units_match_the_domain(en):
    en.set(price_usd=25.0)
    r = en.result
    assert r.break_even_price_usd == pytest.approx(economics.break_even_price_usd(r.inputs))
    assert economics.profit_usd(type(r.inputs)(**{**_fields(r.inputs), "price_usd": r.break_even_price_usd})) == pytest.approx(0, abs=1e-6)
    assert r.break_even_units == pytest.approx(r.monthly_fixed_usd / r.economics.profit_usd)
    assert f"{r.break_even_units:,.1f} units a month" in en.reading


def _fields(inputs):
    return {f: getattr(inputs, f) for f in inputs.__dataclass_fields__}


def test_a_loss_making_price_warns_and_paints_a_loss_bar(en):
    en.set(price_usd=9.0)
    assert en.result.economics.loses_money
    assert en.warnings and en.warnings[0].startswith("This sale loses $")
    assert _rows(en)[-1]["kind"] == "loss" and _rows(en)[-1]["end"] < 0
    assert en.result.break_even_units == math.inf and "No number of sales" in en.reading
    en.set(price_usd=25.0)
    assert en.warnings == ()


def test_market_and_ads_change_the_lines(en):
    en.set(price_usd=25.0, market="US", ad_rate=0.10)
    us_vat = en.result.economics.line("vat")
    en.set(market="EU_DE", platform="amazon_fbm")
    assert us_vat == 0 and en.result.economics.line("vat") > 0
    en.set(ad_rate=0.20)
    assert en.result.economics.line("advertising") == pytest.approx(0.20 * 25.0)  # TACoS 20% of a 25 USD price
    en.set(market="US", platform="amazon_fba", ad_rate=0.10)


def test_chinese_labels_and_errors_keep_the_last_result():
    zh = unit_economics_explorer("zh")
    good = zh.result
    zh.controls["price_usd"].value = -1.0
    assert zh.error == "售价 不能为负数，应为 0 或以上；收到的是 -1.0。"
    assert zh.result is good
    spec = zh.chart.to_dict()
    assert spec["layer"][0]["encoding"]["x"]["title"] == "每件金额（美元）"
    assert _rows(zh)[0]["step"] == "售价"
    zh.controls["on"].value = None
    assert zh.error.startswith("适用哪一天的海关规则：请选择")
