"""Chart builders: deterministic specs (golden files), typed encodings, i18n titles, captions, offline rendering.

Golden specs live in ``tests/golden/charts_<name>_<lang>.json``; they are built from fixed
hand-written domain values (not from ``data/``) with a fixed caption, so a change in the
data does not move them but a change in a builder does. Regenerate deliberately with
``XBEDU_UPDATE_GOLDEN=1 pytest tests/test_charts.py``.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

pytest.importorskip("altair")

from xbedu import economics, logistics, margins, markets, modes, operations, startup  # noqa: E402
from xbedu.charts import render  # noqa: E402
from xbedu.charts.caption import caption, topic_caption  # noqa: E402
from xbedu.charts.logistics import build_tradeoff_chart, tradeoff_rows  # noqa: E402
from xbedu.charts.economics import build_unit_economics_chart  # noqa: E402
from xbedu.charts.margins import build_margin_chain_chart  # noqa: E402
from xbedu.charts.markets import build_market_size_chart  # noqa: E402
from xbedu.charts.modes import build_mode_chart  # noqa: E402
from xbedu.charts.operations import build_cash_timeline_chart, timeline_segments  # noqa: E402
from xbedu.charts.startup import build_capital_chart  # noqa: E402
from xbedu.charts.theme import OKABE_ITO, wrap  # noqa: E402
from xbedu.data import Figure  # noqa: E402
from xbedu.i18n import t  # noqa: E402

GOLDEN = Path(__file__).parent / "golden"
FIXED_CAPTION = "Fixed caption for the golden test"


# -- fixtures: small, named, hand-written domain values -------------------------------------------
def two_options() -> tuple[logistics.ShippingOption, ...]:
    """Express (10 USD/kg, 3–7 days) and postal (8 USD/kg + 1 USD, 2 kg limit, 15–30 days)."""
    return (
        logistics.ShippingOption("express", 10.0, 0.0, 0.0, None, 0.0, 3, 7),
        logistics.ShippingOption("postal", 8.0, 1.0, 0.0, None, 0.0, 15, 30, max_weight_kg=2.0),
    )


def parcel(weight_kg: float = 1.0) -> logistics.Shipment:
    """One 1 kg parcel worth 0 USD (so no holding cost)."""
    return logistics.Shipment(weight_kg, 10, 10, 10, units=1, declared_value_usd=0.0)


def small_plan() -> tuple[startup.CapitalLine, ...]:
    """Two lines: inventory 2,000–10,000 (6,000), ads 1,000–5,000 (3,000)."""
    return (startup.CapitalLine("first_inventory", 2000, 6000, 10000), startup.CapitalLine("advertising", 1000, 3000, 5000))


def tradeoff_chart(lang: str):
    quotes = logistics.compare(parcel(), two_options(), annual_cost_of_capital=0.1)
    return build_tradeoff_chart(quotes, lang=lang, deadline_days=12, choice_key="express", caption=FIXED_CAPTION)


def capital_chart(lang: str):
    return build_capital_chart(small_plan(), lang=lang, guide=startup.Totals(4000, 9000, 18500), capital_usd=8000,
                               caption=FIXED_CAPTION)


def simple_sale(price_usd: float = 10.0) -> economics.UnitEconomics:
    """Price 10, cost 4, commission 15% (min 0.30), fulfilment 3: profit 10 − 4 − 1.5 − 3 = 1.50."""
    return economics.unit_economics(economics.UnitInputs(price_usd=price_usd, product_cost_usd=4.0, referral_rate=0.15,
                                                         referral_min_usd=0.30, fulfilment_fee_usd=3.0))


def unit_chart(lang: str):
    return build_unit_economics_chart(simple_sale(), lang=lang, caption=FIXED_CAPTION)


def margin_chart(lang: str):
    chain = margins.traditional_chain(10.0, {"exporter": 0.15, "importer": 0.25, "wholesaler": 0.20, "retailer": 1.0})
    sale = margins.direct_chain(10.0, 34.5, landed_multiple=1.3, referral_rate=0.15, fulfilment_fee_usd=4.60)
    return build_margin_chain_chart(chain, sale, lang=lang, caption=FIXED_CAPTION)


def timeline_chart(lang: str):
    """30 USD order, 8 USD goods, 4 days shipping, paid out 14 days after delivery, 3 USD shipping, 2 days processing."""
    return build_cash_timeline_chart(operations.cash_timeline(30, 8, 4, 14, shipping_cost_usd=3, processing_days=2),
                                     lang=lang, caption=FIXED_CAPTION)


def series_fixture() -> markets.Series:
    """Two years, 2.0 → 2.42 (10 % a year)."""
    point = lambda year, value: markets.SeriesPoint(year, value, "sourced", "S", "https://x", "2025-01")  # noqa: E731
    return markets.Series("m.x", "USD tn", (point(2023, 2.0), point(2025, 2.42)))


def market_chart(lang: str):
    return build_market_size_chart(series_fixture(), lang=lang, title={"en": "Size", "zh": "规模"}[lang], guide_value=1.5, caption=FIXED_CAPTION)


def mode_fits():
    """Hand-made fits: B2C 3 = +1 capital +2 goal; B2B −1 = +1 capital −2 experience."""
    m = (modes.ModeFit("B2C", 3, (("capital", 1), ("goal", 2)), ()), modes.ModeFit("B2B", -1, (("capital", 1), ("experience", -2)), ()))
    b = (modes.ModelFit("agency", 2, (("capital", 2),), ()),)
    return m, b, {"B2C": "B2C", "B2B": "B2B", "agency": "Agency"}


def mode_chart(lang: str):
    m, b, names = mode_fits()
    return build_mode_chart(m, b, names, lang=lang, caption=FIXED_CAPTION)


BUILDERS = {"tradeoff": tradeoff_chart, "capital": capital_chart, "unit": unit_chart, "margin": margin_chart,
            "timeline": timeline_chart, "market": market_chart, "modes": mode_chart}


def _layer_data(spec: dict) -> list[dict]:
    if "vconcat" in spec:
        return [row for panel in spec["vconcat"] for row in panel.get("data", {}).get("values", [])]
    return spec["data"]["values"]


def _encodings(spec: dict):
    for panel in spec.get("vconcat", [spec]):
        for layer in panel.get("layer", [panel]):
            yield from layer.get("encoding", {}).items()


# -- golden specs and determinism -----------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_spec_matches_the_stored_golden(name, lang):
    spec = BUILDERS[name](lang).to_dict()
    path = GOLDEN / f"charts_{name}_{lang}.json"
    if os.environ.get("XBEDU_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(spec, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert path.exists(), f"missing golden {path.name}; run with XBEDU_UPDATE_GOLDEN=1 once and review it"
    assert spec == json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_same_input_gives_the_same_spec_and_svg(name):
    first, second = BUILDERS[name]("en"), BUILDERS[name]("en")
    assert first.to_dict() == second.to_dict()
    assert render.chart_svg(first) == render.chart_svg(second)


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_every_encoding_is_typed_and_inline_data_is_small(name):
    spec = BUILDERS[name]("en").to_dict()
    for channel, enc in _encodings(spec):
        if "field" in enc and channel not in ("x2", "y2"):
            assert enc.get("type") in {"quantitative", "nominal", "ordinal", "temporal"}, (channel, enc)
    assert len(_layer_data(spec)) < 5000


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_title_description_and_caption_are_set_in_both_languages(name):
    en, zh = BUILDERS[name]("en").to_dict(), BUILDERS[name]("zh").to_dict()
    for spec in (en, zh):
        assert spec["title"]["text"] and spec["description"]
        assert " ".join(spec["title"]["subtitle"]) == FIXED_CAPTION
    assert en["title"]["text"] != zh["title"]["text"]
    assert re.search(r"[\u4e00-\u9fff]", zh["title"]["text"] + zh["description"])


# -- the trade-off chart ----------------------------------------------------------------------------
def test_tradeoff_rows_mark_frontier_unavailable_and_choice():
    # 1 kg: express 10 × 1 = 10 USD in 5 days; postal 1 + 8 × 1 = 9 USD in 22.5 days → both on the frontier.
    quotes = logistics.compare(parcel(1.0), two_options())
    rows = {r["key"]: r for r in tradeoff_rows(quotes, lang="en", choice_key="postal")}
    assert rows["express"]["total_cost_usd"] == 10.0 and rows["postal"]["total_cost_usd"] == 9.0
    assert rows["express"]["frontier_order"] == 5.0 and rows["postal"]["frontier_order"] == 22.5
    assert rows["postal"]["label"] == ["Postal small parcel", "★ recommended, on the frontier"]
    # 3 kg is over postal's 2 kg limit: postal is not allowed and leaves the frontier.
    rows = {r["key"]: r for r in tradeoff_rows(logistics.compare(parcel(3.0), two_options()), lang="zh")}
    assert rows["postal"]["available"] is False and rows["postal"]["frontier_order"] is None
    assert rows["postal"]["label"][1] == t("charts.logistics.status.not_allowed", "zh") == "不可用"


def test_tradeoff_axis_titles_follow_the_language():
    spec = tradeoff_chart("zh").to_dict()
    points = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "point")
    assert points["encoding"]["x"]["title"] == "送达天数（典型值；横线为区间）"
    assert points["encoding"]["y"]["title"] == "总成本，含资金占用（美元）"
    assert [r["option"] for r in _layer_data(spec)] == ["国际快递", "邮政小包"]


def test_tradeoff_deadline_rule_and_no_colour_only_meaning():
    spec = tradeoff_chart("en").to_dict()
    rules = [layer for layer in spec["layer"] if layer.get("data")]
    assert rules[0]["data"]["values"][0]["deadline_days"] == 12
    points = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "point")
    assert points["encoding"]["shape"]["field"] == "option"  # shape as well as colour
    assert any(layer["mark"]["type"] == "text" for layer in spec["layer"])  # and a text label per point
    assert set(points["encoding"]["color"]["scale"]["range"]) <= set(OKABE_ITO)


# -- the capital chart ------------------------------------------------------------------------------
def test_capital_rows_add_up_and_show_the_guide_range():
    rows = capital_chart("en").to_dict()["data"]["values"]
    total = next(r for r in rows if r["kind"] == "total")
    # 2,000 + 1,000 = 3,000; 10,000 + 5,000 = 15,000; typical 6,000 + 3,000 = 9,000
    assert (total["min_usd"], total["amount_usd"], total["max_usd"]) == (3000, 9000, 15000)
    guide = next(r for r in rows if r["kind"] == "guide")
    assert guide["label"] == "4,000–18,500" and guide["amount_usd"] is None


def test_capital_chart_scenario_moves_the_marker():
    chart = build_capital_chart(small_plan(), lang="en", scenario="max", caption=FIXED_CAPTION)
    rows = chart.to_dict()["data"]["values"]
    assert [r["amount_usd"] for r in rows] == [10000, 5000, 15000]


# -- captions -------------------------------------------------------------------------------------------
def _fig(fid: str, *, assumption: bool = False, basis: str = "sourced", title: str = "Pub — Page", as_of: str = "2026-01") -> Figure:
    return Figure(fid, 1.0, "USD", "l", "l", "assumption" if assumption else basis, title, "" if assumption else "https://x",
                  as_of, assumption)


def test_caption_names_sources_dates_and_assumptions():
    figs = [_fig("a", as_of="2025-12"), _fig("b", title="Other — x", as_of="2026-01"), _fig("c", assumption=True)]
    text = caption(figs, "en")
    assert text == ("Sources: Pub, Other; as of 2025-12 to 2026-01 (full list below the chart). "
                    "Values marked as assumptions are yours to change.")
    assert caption([_fig("g", basis="guide")], "zh").startswith("来源：课程指南")
    assert caption([], "en") == t("charts.caption.assumption_only", "en")


def test_caption_lists_at_most_three_names():
    figs = [_fig(str(i), title=f"P{i} — t") for i in range(5)]
    assert "P0, P1, P2 and 2 more" in caption(figs, "en")


def test_topic_caption_reads_the_data_package():
    assert "the course guide" in topic_caption("startup.", "en")


def test_wrap_keeps_every_word():
    text = "Sources: the course guide (Amazon Global Selling China); as of 2026-01 (full list below the chart)."
    assert " ".join(wrap(text, "en", width_en=30)) == text
    assert all(len(line) <= 30 for line in wrap(text, "en", width_en=30))


# -- rendering ------------------------------------------------------------------------------------------
def test_svg_is_offline_accessible_and_has_the_title():
    svg = render.chart_svg(capital_chart("en"))
    assert svg.startswith('<svg role="img" aria-label="Start-up capital: your plan against the guide. Range chart')
    assert "<title>Start-up capital: your plan against the guide</title>" in svg
    assert "http://" not in svg.replace("http://www.w3.org", "")  # no script or CDN reference


def test_mimebundle_svg_and_vegalite_fallback():
    chart = capital_chart("en")
    svg = render.mimebundle(chart, mode="svg")
    assert set(svg) == {"image/svg+xml", "text/plain"}
    lite = render.mimebundle(chart, mode="vegalite")
    assert set(lite) == {render.VEGALITE_MIMETYPE, "text/plain"}
    assert "$schema" not in lite[render.VEGALITE_MIMETYPE]
    assert lite[render.VEGALITE_MIMETYPE]["layer"] == chart.to_dict()["layer"]


def test_show_wraps_a_chart_for_a_notebook_cell():
    view = render.show(capital_chart("en"))
    assert "image/svg+xml" in view._repr_mimebundle_()
    assert view.to_dict() == capital_chart("en").to_dict()


def test_render_mode_is_vegalite_in_pyodide(monkeypatch):
    monkeypatch.setattr(render.sys, "platform", "emscripten")
    assert render.render_mode() == "vegalite"
    monkeypatch.undo()
    assert render.render_mode() == "svg"


def test_offline_renderer_is_enabled_only_when_asked(tmp_path):
    import subprocess
    import sys

    code = ("import altair as alt, xbedu.charts, xbedu.charts.render as r, xbedu.widgets; a=alt.renderers.active;"
            "r.use_offline_renderer(); print(a, alt.renderers.active)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["default", "xbedu"]


# -- the unit-economics and margin charts -----------------------------------------------------------
def test_unit_waterfall_hand_computed():
    rows = unit_chart("en").to_dict()["data"]["values"]
    # price 10 → product −4 → commission −1.50 (15% of 10) → fulfilment −3 → profit 1.50
    assert [(r["step"], r["start"], r["end"]) for r in rows] == [
        ("Price", 0.0, 10.0), ("Product cost", 10.0, 6.0), ("Platform commission", 6.0, 4.5),
        ("Fulfilment / shipping to the buyer", 4.5, 1.5), ("Profit", 0.0, 1.5)]
    loss = build_unit_economics_chart(simple_sale(5.0), lang="zh", caption=FIXED_CAPTION).to_dict()["data"]["values"]
    # price 5: commission max(0.75, 0.30) = 0.75 → 5 − 4 − 0.75 − 3 = −2.75, a loss
    assert loss[-1]["step"] == "亏损" and loss[-1]["end"] == -2.75 and loss[-1]["label"] == "-$2.75"


def test_margin_chart_two_panels_on_one_scale():
    spec = margin_chart("en").to_dict()
    top, bottom = spec["vconcat"]
    assert top["layer"][0]["encoding"]["x"]["scale"] == bottom["layer"][0]["encoding"]["x"]["scale"]
    # 10 × 1.15 × 1.25 × 1.2 × 2 = 34.5, the consumer price in both panels
    assert top["data"]["values"][-1]["end"] == 34.5 == bottom["data"]["values"][-1]["end"]
    assert top["data"]["values"][-1]["label"] == "$34.50 = 3.45× factory"


# -- timeline, market-size and fit charts -------------------------------------------------------------
def test_timeline_segments_hand_computed():
    tl = operations.cash_timeline(30, 8, 4, 14, shipping_cost_usd=3, processing_days=2)
    segs = [(s["lane_key"], s["where_key"], s["start"], s["end"]) for s in timeline_segments(tl, lang="en")]
    # ordered day −2, shipped day 0, delivered day 4, paid out day 4 + 14 = 18
    assert segs == [("goods", "seller", -2, 0), ("goods", "in_transit", 0, 4), ("goods", "buyer", 4, 19),
                    ("money", "held", -2, 18), ("money", "seller_bank", 18, 19)]
    spec = timeline_chart("zh").to_dict()
    first = spec["vconcat"][0]["data"]["values"][0]
    assert first["lane"] == "货物" and first["where"] == t("operations.goods.seller", "zh")
    assert spec["vconcat"][1]["layer"][0]["encoding"]["y"]["title"] == "被占用的自有资金（美元）"


def test_market_chart_points_and_guide_rule():
    spec = market_chart("en").to_dict()
    assert [(r["year"], r["value"], r["label"]) for r in spec["data"]["values"]] == [(2023, 2.0, "2"), (2025, 2.42, "2.42")]
    assert spec["layer"][3]["data"]["values"][0] == {"value": 1.5, "text": "the guide: above 1.5"}
    assert spec["layer"][0]["encoding"]["y"]["title"] == "Value (USD tn)"


def test_mode_chart_diverges_around_zero():
    rows = mode_chart("en").to_dict()["vconcat"][0]["data"]["values"]
    b2b = [(r["start"], r["end"], r["points"]) for r in rows if r["subject"] == "B2B" and r["kind"] == "part"]
    assert b2b == [(0.0, 1.0, "+1 C"), (0.0, -2.0, "-2 E")]  # +1 to the right, −2 to the left
    total = next(r for r in rows if r["subject"] == "B2C" and r["kind"] == "total")
    assert total["points"] == "total 3" and total["end"] == 3.0
