"""The start-up capital planner: editable ranges, totals against the guide, runway, in en and zh."""

from __future__ import annotations

import pytest

pytest.importorskip("ipywidgets")

from xbedu.data import startup as startup_data  # noqa: E402
from xbedu.widgets import startup_explorer  # noqa: E402


def test_defaults_total_the_guides_range():
    ex = startup_explorer("en")
    assert (ex.result.totals.min_usd, ex.result.totals.max_usd) == (4000, 18500)  # the guide's 4,000–18,500
    assert (ex.result.guide.min_usd, ex.result.guide.max_usd) == (4000, 18500)
    rows = {r["kind"]: r for r in ex.chart.to_dict()["data"]["values"] if r["kind"] != "line"}
    assert rows["guide"]["label"] == "4,000–18,500"
    assert "inside the guide's range" in ex.reading


def test_editing_a_line_moves_total_runway_and_chart():
    ex = startup_explorer("en")
    monthly = sum(c.usd_per_month for c in startup_data.monthly_costs())
    ex.set(first_inventory_range=(3000.0, 12000.0), first_inventory_usd=8000.0, capital_usd=20000.0)
    typical = sum(line.typical_usd for line in startup_data.capital_lines()) - 6000 + 8000
    assert ex.result.totals.typical_usd == typical
    assert ex.result.totals.max_usd == 18500 - 10000 + 12000
    assert ex.result.runway.months == pytest.approx((20000 - typical) / monthly)
    rows = {r["row"]: r for r in ex.chart.to_dict()["data"]["values"]}
    assert rows["First inventory"]["min_usd"] == 3000 and rows["First inventory"]["amount_usd"] == 8000
    assert rows["Your total"]["amount_usd"] == typical


def test_max_scenario_above_guide_and_shortfall_warns():
    ex = startup_explorer("en")
    ex.set(first_inventory_range=(2000.0, 15000.0), scenario="max", capital_usd=10000.0)
    assert ex.result.runway.launch_usd == 18500 + 5000
    assert "above the guide's maximum" in ex.reading
    assert ex.warnings == ("Your capital does not cover the launch: 13,500 USD short.",)


def test_amount_outside_its_range_is_an_error_naming_the_line_in_chinese():
    ex = startup_explorer("zh")
    good = ex.result
    ex.controls["first_inventory_usd"].value = 12000.0
    assert ex.error == "产品采购（首批库存） 必须在 2000.0 到 10000.0 之间；收到的是 12000.0。"
    assert ex.result is good
    assert ex.controls["first_inventory_range"].description == "产品采购（首批库存）：区间（美元）"
    assert ex.chart.to_dict()["title"]["text"] == "启动资金：你的计划与指南对比"


def test_negative_capital_is_refused():
    ex = startup_explorer("en")
    ex.controls["capital_usd"].value = -1.0
    assert ex.error == "Capital you have must be 0 or more; got -1.0."
