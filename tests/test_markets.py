"""Target markets and market-size series: the guide's traits beside sourced, dated figures."""

from types import SimpleNamespace

import pytest
from hypothesis import given, strategies as st

from xbedu import markets
from xbedu.data import figure, figures
from xbedu.data import markets as data_markets
from xbedu.errors import InputError
from xbedu.markets import build_series, compare_markets, growth_rate


def _fig(fid, value, unit="USD bn", as_of="2025-01"):
    return SimpleNamespace(id=fid, value=value, unit=unit, label_en="x", label_zh="x", basis="sourced", source_title="S", source_url="https://example.org", as_of=as_of)


def test_four_target_markets_with_the_guides_traits():
    found = {m.key: m for m in data_markets.markets()}
    assert list(found) == ["north_america", "europe", "japan", "southeast_asia"]
    assert [t.zh for t in found["north_america"].traits] == ["消费力强", "市场成熟"]
    assert [t.zh for t in found["europe"].traits] == ["品质要求高", "合规严格"]
    assert [t.zh for t in found["japan"].traits] == ["注重细节", "复购率高"]
    assert [t.zh for t in found["southeast_asia"].traits] == ["增长快速", "门槛较低"]
    assert {k for k, m in found.items() if m.main_target} == {"north_america", "europe"}
    assert {k for k, m in found.items() if m.amazon_global_selling} == {"north_america", "europe", "japan"}


def test_comparison_carries_every_markets_figures_with_sources():
    rows = data_markets.comparison()
    assert [r.market_key for r in rows] == ["north_america", "europe", "japan", "southeast_asia"]
    for row in rows:
        assert row.figures, row.market_key
        for fig in row.figures:
            assert fig.source_url.startswith("http") and fig.as_of and fig.basis in {"sourced", "derived", "guide"}
    us = {f.id: f for f in rows[0].figures}
    assert us["markets.us_ecommerce_usd_bn.2024"].value == 1192.6
    japan = {f.id: f for f in rows[2].figures}
    assert japan["markets.japan_b2c_ec_jpy_tn.2024"].unit == "JPY tn"
    assert [r.market_key for r in data_markets.comparison(("japan", "europe"))] == ["japan", "europe"]


def test_china_cbec_series_is_sorted_with_source_and_as_of():
    series = data_markets.series("markets.china_cbec_trade_cny_tn")
    assert series.pairs() == ((2018, 1.06), (2022, 2.1), (2023, 2.38), (2024, 2.71))
    assert series.unit == "CNY tn"
    assert all(p.source_url and p.as_of for p in series.points)
    # both 2024 figures appear: the preliminary 2.63 and the revised 2.71
    assert figure("markets.china_cbec_trade_prelim_cny_tn.2024").value == 2.63
    # growth 2018 → 2024: (2.71 / 1.06) ** (1 / 6) − 1
    assert growth_rate(series, 2018, 2024) == pytest.approx((2.71 / 1.06) ** (1 / 6) - 1)


def test_the_guides_figure_and_current_sources_both_appear():
    sizes = {f.id: f for f in data_markets.market_sizes()}
    assert sizes["markets.guide_global_ecommerce_usd_tn"].basis == "guide"
    assert sizes["markets.guide_global_ecommerce_usd_tn"].value == 5
    assert sizes["markets.global_ecommerce_usd_tn.2024"].value == 6.334
    assert sizes["markets.global_ecommerce_usd_tn.2024"].basis == "sourced"
    assert data_markets.series("markets.global_cross_border_b2c_usd_tn").value(2025) == 1.21


def test_every_markets_series_id_resolves():
    for market in data_markets.markets():
        for sid in market.series_ids:
            assert data_markets.series(sid).points


def test_emerging_markets_include_latin_america():
    assert {r.key for r in data_markets.emerging_markets()} == {"southeast_asia", "latin_america"}


def test_series_ignores_non_year_suffixes_and_sorts():
    figs = [_fig("m.a.2024", 3.0), _fig("m.a.2020", 1.0), _fig("m.a.note", 9.0), _fig("m.ab.2021", 7.0)]
    assert build_series("m.a", figs).pairs() == ((2020, 1.0), (2024, 3.0))


def test_growth_rate_hand_computed():
    series = build_series("m.a", [_fig("m.a.2020", 100.0), _fig("m.a.2022", 121.0)])
    assert growth_rate(series, 2020, 2022) == pytest.approx(0.10)  # 100 × 1.1 × 1.1 = 121


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: build_series("m.none", [_fig("m.a.2020", 1.0)]), "series_id"),
        (lambda: build_series("m.a", [_fig("m.a.2020", 1.0), _fig("m.a.2021", 1.0, unit="EUR bn")]), "m.a"),
        (lambda: growth_rate(build_series("m.a", [_fig("m.a.2020", 1.0), _fig("m.a.2021", 2.0)]), 2021, 2020), "to_year"),
        (lambda: growth_rate(build_series("m.a", [_fig("m.a.2020", 1.0)]), 2020, 2030), "year"),
        (lambda: compare_markets(data_markets.markets(), {}, ("north_america",)), "north_america"),
        (lambda: data_markets.comparison(("mars",)), "keys"),
        (lambda: data_markets.comparison(()), "keys"),
        (lambda: data_markets.market("latam"), "key"),
        (lambda: markets.Trait("x", "a", "b").text("fr"), "lang"),
    ],
)
def test_bad_input_is_refused_in_both_languages(call, name):
    with pytest.raises(InputError) as info:
        call()
    assert name in info.value.message("en") and name in info.value.message("zh")


def test_all_markets_figures_exist_in_the_data():
    ids = {f.id for f in figures("markets.")}
    for market in data_markets.markets():
        assert set(market.figure_ids) <= ids


@given(st.dictionaries(st.integers(1990, 2040), st.floats(0.01, 1e6), min_size=2, max_size=10))
def test_series_points_are_sorted_and_growth_reproduces_the_end_value(values):
    series = build_series("m.s", [_fig(f"m.s.{y}", v) for y, v in values.items()])
    years = [p.year for p in series.points]
    assert years == sorted(values)
    first, last = years[0], years[-1]
    rate = growth_rate(series, first, last)
    assert values[first] * (1 + rate) ** (last - first) == pytest.approx(values[last], rel=1e-6)
