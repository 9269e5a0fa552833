"""The logistics explorer: controls drive quotes, frontier, recommendation and chart, in en and zh."""

from __future__ import annotations

import pytest

pytest.importorskip("ipywidgets")

from xbedu import logistics  # noqa: E402
from xbedu.data import logistics as logistics_data  # noqa: E402
from xbedu.i18n import t  # noqa: E402
from xbedu.widgets import logistics_explorer  # noqa: E402


@pytest.fixture(scope="module")
def en():
    return logistics_explorer(lang="en")


def _rows(ex):
    return {r["key"]: r for r in ex.chart.to_dict()["data"]["values"]}


def test_defaults_come_from_data_and_match_the_domain(en):
    en.set(**_defaults())
    ship = logistics_data.default_shipment()
    assert en.controls["weight_kg"].value == ship.weight_kg and en.controls["units"].value == ship.units
    expected = logistics.compare(ship, logistics_data.shipping_options(),
                                 annual_cost_of_capital=logistics_data.default_cost_of_capital())
    assert en.result.quotes == expected
    assert [r["total_cost_usd"] for r in _rows(en).values()] == [round(q.total_cost_usd, 2) for q in expected]


def _defaults():
    ship = logistics_data.default_shipment()
    return dict(weight_kg=ship.weight_kg, length_cm=ship.length_cm, width_cm=ship.width_cm, height_cm=ship.height_cm,
                units=ship.units, declared_value_usd=ship.declared_value_usd, stocked=True, days_basis="sourced",
                annual_cost_of_capital=logistics_data.default_cost_of_capital())


def test_reading_recommends_the_cheapest_option_by_the_deadline(en):
    en.set(**_defaults(), deadline_days=12)
    choice = en.result.recommendation.choice
    fits = [q for q in en.result.quotes if q.available and q.days_max <= 12]
    assert choice == min(fits, key=lambda q: q.total_cost_usd)
    assert en.reading.startswith(t(f"logistics.option.{choice.option_key}", "en"))
    assert "by day 12" in en.reading
    assert _rows(en)[choice.option_key]["label"][1].startswith("★")


def test_postal_becomes_unavailable_over_its_weight_limit(en):
    limit = next(o.max_weight_kg for o in logistics_data.shipping_options() if o.key == "postal")
    en.set(**_defaults())
    en.controls["weight_kg"].value = limit + 0.5
    postal = en.result.quote_for("postal")
    assert postal.available is False
    assert _rows(en)["postal"]["available"] is False and _rows(en)["postal"]["frontier_order"] is None
    assert f"{limit + 0.5:g} kg is over the {limit:g} kg limit" in en.reading
    table = dict(zip(en.table.column(0), en.table.column(len(en.table.headers) - 1)))
    assert "limit" in table["Postal small parcel"] and table["International express"] == "yes"
    en.controls["weight_kg"].value = limit - 0.5
    assert en.result.quote_for("postal").available is True


def test_frontier_in_chart_matches_domain(en):
    en.set(**{**_defaults(), "stocked": False})
    front = {q.option_key for q in logistics.pareto_frontier(en.result.quotes)}
    assert {k for k, r in _rows(en).items() if r["frontier_order"] is not None} == front
    assert en.result.frontier == logistics.pareto_frontier(en.result.quotes)


def test_zero_weight_shows_an_error_and_keeps_the_last_result(en):
    en.set(**_defaults())
    before, chart = en.result, en.chart
    en.controls["weight_kg"].value = 0.0
    assert en.error == "Weight per unit must be greater than 0; got 0.0."
    assert en.result is before and en.chart is chart
    en.controls["weight_kg"].value = 0.4
    assert en.error is None


def test_too_tight_deadline_warns_in_chinese():
    zh = logistics_explorer(lang="zh")
    zh.controls["deadline_days"].value = 1
    assert zh.result.recommendation.choice is None
    assert zh.warnings and "第 1 天前" in zh.warnings[0]
    spec = zh.chart.to_dict()
    points = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "point")
    assert points["encoding"]["y"]["title"] == "总成本，含资金占用（美元）"
    assert zh.controls["weight_kg"].description == "单件重量（公斤）"
    zh.controls["weight_kg"].value = -1.0
    assert zh.error == "单件重量 必须大于 0；收到的是 -1.0。"


def test_guide_days_basis_uses_the_guide_ranges(en):
    en.set(**{**_defaults(), "days_basis": "guide"})
    express = en.result.quote_for("express")
    assert (express.days_min, express.days_max) == (3, 7)  # the guide: express 3–7 days


def test_destination_sets_the_import_duty_column_and_reading():
    from datetime import date

    from xbedu.data import customs as customs_data
    from xbedu.data.economics import rules_date

    ex = logistics_explorer(lang="en")
    ex.controls["destination"].value = "UK"
    result = ex.result
    assert result.destination == "UK" and ex.error is None
    ship = result.shipment
    express = result.quote_for("express")
    expected = customs_data.shipment_import_charges("UK", unit_value_usd=ship.declared_value_usd, units=ship.units,
                                                    freight_usd=express.cost_usd, per_parcel=True, on=rules_date())
    assert result.charges_for("express") == expected
    # a 15 USD parcel is under the UK's GBP 135 low-value limit: no duty parcel by parcel, but the bulk shipment pays
    assert result.charges_for("express").duty_usd == 0
    assert result.charges_for("overseas_warehouse").duty_usd > 0
    row = dict((r[0], r) for r in ex.table.rows)["Overseas warehouse / FBA"]
    assert row[-2] == ex.money(result.charges_for("overseas_warehouse").duty_usd)
    assert "the United Kingdom" in ex.reading and "Overseas warehouse / FBA" in ex.reading
    assert isinstance(rules_date(), date)


def test_destination_reading_in_chinese_and_a_disallowed_option_has_no_duty():
    zh = logistics_explorer(lang="zh")
    zh.set(destination="JP", weight_kg=3.0, units=1)
    assert "进入日本时" in zh.reading
    assert not zh.result.quote_for("postal").available and zh.result.charges_for("postal") is None
