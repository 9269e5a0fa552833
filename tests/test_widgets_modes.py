"""The modes explorer: situation in, modes and business models ranked with reasons, side-by-side table."""

from __future__ import annotations

import pytest

pytest.importorskip("ipywidgets")

from xbedu import modes  # noqa: E402
from xbedu.data import modes as modes_data  # noqa: E402
from xbedu.widgets import modes_explorer  # noqa: E402


def _panels(ex):
    return [panel["data"]["values"] for panel in ex.chart.to_dict()["vconcat"]]


def test_example_situation_ranks_like_the_domain():
    ex = modes_explorer("en")
    situation = modes_data.example_situation()
    assert ex.result.situation == situation
    assert ex.result.modes == modes_data.rank_modes(situation)
    top, bottom = _panels(ex)
    totals = [r for r in top if r["kind"] == "total"]
    assert [r["score"] for r in totals] == [f.score for f in ex.result.modes]
    parts = [r for r in top if r["kind"] == "part" and r["subject"] == totals[0]["subject"]]
    assert sum(r["end"] - r["start"] for r in parts) == ex.result.modes[0].score  # the bar adds up to the score
    assert all(r["points"].split(" ")[1] in "CPSEG" for r in parts)  # a text tag, not colour alone
    assert ex.reading.startswith(f"Best fit: {modes_data.mode(ex.result.modes[0].mode_key).name('en')}")


def test_a_factory_with_a_strong_supply_chain_gets_b2b_in_chinese():
    zh = modes_explorer("zh")
    zh.set(capital_usd=50000.0, product_source="own_factory", supply_chain_strength="strong", goal="wholesale_volume")
    assert zh.result.modes[0].mode_key == "B2B" and zh.result.models[0].model_key == "b2b_wholesale"
    assert zh.reading.startswith("最适合：B2B")
    assert zh.chart.to_dict()["vconcat"][0]["layer"][0]["encoding"]["x"]["title"] == "得分（教学假设）"
    good = zh.result
    zh.controls["capital_usd"].value = -5.0
    assert zh.error == "资金 不能为负数，应为 0 或以上；收到的是 -5.0。"
    assert zh.result is good


def test_comparison_table_has_every_dimension_and_platforms():
    ex = modes_explorer("en")
    labels = [row[0] for row in ex.table.rows]
    assert [r.label.get("en") for r in modes_data.comparison()] == labels[:-2]
    assert labels[-2:] == ["Platforms", "Score"]
    assert "Alibaba.com" in ex.table.rows[-2][1] and "Etsy" in ex.table.rows[-2][3]
    assert set(ex.table.headers[1:]) == {m.name("en") for m in modes_data.modes()}
    assert modes.MODE_KEYS == ("B2B", "B2C", "C2C")
