"""The markets explorer: a series with its sources and growth, the guide's figure beside it, four markets."""

from __future__ import annotations

import pytest

pytest.importorskip("ipywidgets")

from xbedu.data import figure  # noqa: E402
from xbedu.data import markets as markets_data  # noqa: E402
from xbedu.widgets import markets_explorer  # noqa: E402


def test_series_points_growth_and_guide_rule():
    ex = markets_explorer("en")
    series = markets_data.series("markets.global_ecommerce_usd_tn")
    spec = ex.chart.to_dict()
    assert [(r["year"], r["value"]) for r in spec["data"]["values"]] == list(series.pairs())
    first, last = series.points[0], series.points[-1]
    growth = (last.value / first.value) ** (1 / (last.year - first.year)) - 1
    assert ex.result.growth == pytest.approx(growth)
    guide = figure("markets.guide_global_ecommerce_usd_tn").value
    rules = [layer for layer in spec["layer"] if layer.get("data")]
    assert rules[0]["data"]["values"][0]["value"] == guide
    assert f"above {guide:g} USD tn" in ex.reading
    assert all(p.as_of in " ".join(spec["title"]["subtitle"]) for p in series.points)  # caption: source + as-of


def test_switching_series_and_market_in_chinese():
    zh = markets_explorer("zh")
    zh.set(series="markets.china_cbec_trade_cny_tn", market="japan")
    series = markets_data.series("markets.china_cbec_trade_cny_tn")
    assert zh.result.series == series and zh.result.guide_value is None
    spec = zh.chart.to_dict()
    assert spec["title"]["text"] == "中国跨境电商进出口额"
    assert spec["layer"][0]["encoding"]["y"]["title"] == f"数值（{series.unit}）"
    assert "日本" in zh.reading
    names = [row[0] for row in zh.table.rows]
    assert all(m.name_zh in names for m in markets_data.markets())  # the four markets side by side
