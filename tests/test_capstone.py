"""The capstone: a first product planned by chaining the course's calculators, its sources, export and explorer."""

from __future__ import annotations

import dataclasses
import html
import math
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import xbedu.data as data_pkg
from xbedu import capstone, economics, logistics, startup
import xbedu.capstone.page  # noqa: F401  (capstone.page._runs)
from xbedu.capstone import MARKETS, plan_first_product
from xbedu.data import economics as economics_data
from xbedu.data import figure
from xbedu.data import logistics as logistics_data
from xbedu.data import modes as modes_data
from xbedu.data import startup as startup_data
from xbedu.errors import InputError

ON = date(2026, 7, 1)
PRODUCT = dict(price_usd=25.0, product_cost_usd=5.0, weight_kg=0.4, length_cm=20.0, width_cm=15.0, height_cm=8.0,
               units_first_order=200)


def plan(**changes):
    args = dict(mode="B2C", market="US", platform="amazon_fba", logistics_option="overseas_warehouse", on=ON, **PRODUCT)
    args.update(changes)
    return plan_first_product(**args)


def _quote(option_key: str, units: int = 200, **option_changes) -> logistics.Quote:
    ship = logistics.Shipment(0.4, 20.0, 15.0, 8.0, units=units, declared_value_usd=5.0)
    option = logistics.option_by_key(logistics_data.shipping_options(), option_key)
    return logistics.quote(ship, dataclasses.replace(option, **option_changes),
                           annual_cost_of_capital=logistics_data.default_cost_of_capital(), stocked=False)


# -- the numbers are the domain functions' numbers --------------------------------------------------------------
def test_fba_plan_chains_the_domain_functions():
    p = plan()
    leg = _quote("overseas_warehouse", per_unit_fee_usd=0.0, storage_usd_per_cuft_month=0.0)
    expected = economics_data.default_inputs("amazon_fba", market="US", on=ON, price_usd=25.0, product_cost_usd=5.0,
                                             freight_per_unit_usd=leg.cost_usd / 200)
    assert p.inputs == expected  # FBA's own fees, the sea leg only as freight
    assert p.unit == economics.unit_economics(expected)
    assert p.break_even_price_usd == economics.break_even_price_usd(expected)
    assert p.quote == _quote("overseas_warehouse")
    monthly = sum(c.usd_per_month for c in startup_data.monthly_costs())
    assert p.break_even_units == economics.break_even_units(expected, monthly)
    # start-up lines: the guide's typical values, with inventory = 200 units × 5 USD and logistics = the quote
    guide = {g.key: g for g in startup_data.capital_lines()}
    amounts = {line.key: line.typical_usd for line in p.capital_lines}
    assert amounts["first_inventory"] == 200 * 5.0
    assert amounts["logistics"] == p.quote.cost_usd
    assert amounts["advertising"] == guide["advertising"].typical_usd
    assert p.capital_totals.typical_usd == pytest.approx(sum(amounts.values()))
    assert p.guide_totals == startup_data.guide_totals()
    capital = figure("startup.total.max_usd").value  # the default capital
    assert p.runway.months == pytest.approx((capital - sum(amounts.values())) / monthly)
    assert p.runway == startup.runway(capital, p.capital_lines, startup_data.monthly_costs())


def test_mode_fit_is_the_fit_finders_ranking():
    situation = dataclasses.replace(modes_data.example_situation(), capital_usd=6000.0)
    ranked = modes_data.rank_modes(situation)
    worst = ranked[-1].mode_key
    p = plan(mode=worst, capital_usd=6000.0)
    assert p.mode_fit == ranked[-1] and p.mode_rank == 3 and p.top_mode == ranked[0].mode_key
    assert any(m.key == "capstone.note.mode_rank" for m in p.notes)
    assert not any(m.key == "capstone.note.mode_rank" for m in plan(mode=ranked[0].mode_key, capital_usd=6000.0).notes)


def test_seller_shipped_parcel_equals_the_builder_with_the_quote_as_self_ship_cost(monkeypatch):
    # Seller ships each order from China by express: the parcel's cost replaces the data's self-ship default,
    # and duty is worked out on that parcel (EU: CIF, the €3 flat duty from 2026-07-01).
    p = plan(market="EU_DE", platform="ebay", logistics_option="express", units_first_order=20)
    q = _quote("express", units=20)
    assert p.inputs.freight_per_unit_usd == 0.0 and p.inputs.fulfilment_fee_usd == q.cost_per_unit_usd
    monkeypatch.setattr(economics_data, "self_ship_usd", lambda: q.cost_per_unit_usd)
    expected = economics_data.default_inputs("ebay", market="EU_DE", on=ON, price_usd=25.0, product_cost_usd=5.0,
                                             freight_per_unit_usd=0.0)
    assert p.inputs == expected
    assert p.unit == economics.unit_economics(expected)


def test_seller_fulfilled_overseas_warehouse_uses_the_warehouse_fees():
    p = plan(platform="etsy", units_first_order=100)
    full, leg = _quote("overseas_warehouse", units=100), _quote("overseas_warehouse", units=100, per_unit_fee_usd=0.0,
                                                               storage_usd_per_cuft_month=0.0)
    fee = figure("logistics.overseas_warehouse.fulfilment_fee_usd_per_unit").value
    assert p.inputs.freight_per_unit_usd == pytest.approx(leg.cost_usd / 100)
    assert p.inputs.fulfilment_fee_usd == fee
    # fulfilment + storage per unit add up to what the quote charges beyond the sea leg
    assert (p.inputs.fulfilment_fee_usd + p.inputs.storage_per_unit_usd) * 100 == pytest.approx(full.cost_usd - leg.cost_usd)
    assert p.inputs.referral_rate == figure("fees.etsy.transaction_rate").value
    # bulk import: with as many units as the data's FBA shipment, the duty is the builder's FBA duty
    bulk = int(figure("economics.fba.units_per_shipment").value)
    assert plan(platform="etsy", units_first_order=bulk, market="EU_FR").inputs.duty_usd == pytest.approx(
        plan(units_first_order=bulk, market="EU_FR").inputs.duty_usd)
    assert p.inputs.vat_rate == plan(market="US").inputs.vat_rate


def test_southeast_asia_has_no_import_charges_and_says_so():
    p = plan(market="southeast_asia", platform="shopee", logistics_option="dedicated_line", units_first_order=50)
    assert p.inputs.duty_usd == 0.0 and p.inputs.vat_rate == 0.0 and p.customs_market is None
    assert any(m.key == "capstone.note.no_customs" for m in p.notes)
    assert not any(m.key == "capstone.note.platform_market" for m in p.notes)  # Shopee sells in Southeast Asia
    assert any(m.key == "capstone.note.platform_market" for m in plan(market="southeast_asia").notes)  # Amazon does not


def test_b2b_on_a_retail_platform_is_flagged():
    p = plan(mode="B2B")
    note = next(m for m in p.notes if m.key == "capstone.note.platform_mode")
    assert "Alibaba.com" in note.render("en") and "阿里巴巴国际站" in note.render("zh")


def test_parcels_into_fba_are_flagged_and_cost_more_than_the_sea_leg():
    p = plan(logistics_option="express")
    assert any(m.key == "capstone.note.parcels_to_fba" for m in p.notes)
    assert p.inputs.freight_per_unit_usd == _quote("express").cost_per_unit_usd
    assert p.inputs.freight_per_unit_usd > plan().inputs.freight_per_unit_usd


def test_an_option_that_cannot_carry_the_goods_gives_its_reasons():
    p = plan(logistics_option="postal", weight_kg=2.5, platform="ebay")  # over the postal weight limit
    assert not p.quote.available
    assert [m for m in p.notes if m.key.startswith("logistics.reason.")] == list(p.quote.reasons)


def test_loss_making_price_warns_in_both_languages():
    p = plan(price_usd=9.0)
    assert p.loses_money and p.unit.profit_usd < 0
    assert any("loses" in w for w in p.warnings("en"))
    assert any("亏损" in w for w in p.warnings("zh"))
    assert math.isinf(p.break_even_units)
    assert "LOSES" in p.headline("en")


def test_capital_shortfall_is_a_warning():
    p = plan(capital_usd=1000.0)
    assert p.runway.shortfall_usd == pytest.approx(p.capital_totals.typical_usd - 1000.0)
    assert any(m.key == "startup.runway.shortfall" for m in p.notes)


@pytest.mark.parametrize("changes, name", [
    (dict(mode="D2C"), "mode"), (dict(market="EU"), "market"), (dict(platform="amazon"), "platform"),
    (dict(logistics_option="rail"), "logistics_option"), (dict(price_usd=-1.0), "price_usd"),
    (dict(weight_kg=0.0), "weight_kg"), (dict(units_first_order=2.5), "units"), (dict(on="2026-13-01"), "on"), (dict(on=20260701), "on"),
    (dict(monthly_cost_usd=0.0), "monthly_cost_usd"), (dict(capital_usd=-5.0), "capital_usd"),
])
def test_bad_input_is_an_input_error_naming_the_argument(changes, name):
    with pytest.raises(InputError) as info:
        plan(**changes)
    assert info.value.fields["name"] == name
    assert info.value.message("zh") != info.value.message("en")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(price=st.floats(1, 200), cost=st.floats(0.5, 80), units=st.integers(1, 500),
       market=st.sampled_from(MARKETS), platform=st.sampled_from(economics_data.PLATFORMS),
       option=st.sampled_from(logistics.OPTION_KEYS))
def test_the_plan_is_consistent_for_any_product(price, cost, units, market, platform, option):
    p = plan(price_usd=price, product_cost_usd=cost, units_first_order=units, market=market, platform=platform,
             logistics_option=option)
    assert p.unit == economics.unit_economics(p.inputs)
    assert p.unit.profit_usd == pytest.approx(economics.profit_usd(p.inputs))
    assert economics.profit_usd(dataclasses.replace(p.inputs, price_usd=p.break_even_price_usd)) == pytest.approx(0, abs=1e-6)
    assert dict((line.key, line.typical_usd) for line in p.capital_lines)["first_inventory"] == pytest.approx(units * cost)
    assert p.loses_money == (p.unit.profit_usd < 0)


# -- sources -------------------------------------------------------------------------------------------------
class _Recorder(dict):
    """The figures dict of the data package, recording every id looked up."""

    seen: set[str]

    def __getitem__(self, key):
        self.seen.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        if key in self:
            self.seen.add(key)
        return super().get(key, default)


@pytest.mark.parametrize("changes", [
    {}, dict(market="EU_FR", platform="ebay", logistics_option="express"), dict(market="JP", platform="amazon_fbm",
                                                                                 logistics_option="dedicated_line"),
    dict(market="UK", platform="etsy"), dict(market="southeast_asia", platform="shopee", logistics_option="postal"),
])
def test_every_figure_the_calculation_reads_is_listed_as_a_source(monkeypatch, changes):
    pkg = data_pkg.load()
    rec = _Recorder(pkg.figures)
    rec.seen = set()
    monkeypatch.setattr(data_pkg, "_load", lambda root: dataclasses.replace(pkg, figures=rec))
    p = plan(**changes)
    read = set(rec.seen)
    listed = {f.id for f in p.sources}
    other_options = tuple(f"logistics.{k}." for k in logistics.OPTION_KEYS if k != p.logistics_option)
    # replaced by the learner's product: inventory = units × cost, logistics = the quote, shipping to the buyer = the quote
    replaced = {"startup.first_inventory.typical_usd", "startup.logistics.typical_usd", "economics.self_ship.per_unit_usd"}
    missing = {i for i in read - listed - replaced if not i.startswith(other_options)}  # four options built, one used
    assert not missing, f"read but not listed as a source: {sorted(missing)}"


def test_markdown_and_html_list_every_source_url_and_mark_assumptions():
    p = plan(market="EU_DE", platform="ebay", logistics_option="dedicated_line")
    urls = {f.source_url for f in p.sources if f.source_url}
    assert len(urls) > 5
    for lang in ("en", "zh"):
        md, page = p.to_markdown(lang), p.to_html(lang)
        for url in urls:
            assert url in md and html.escape(url) in page
    assumptions = [f for f in p.sources if f.assumption]
    assert assumptions
    md = p.to_markdown("en")
    listed = {int(x.split(". ", 1)[0]): x for x in md.splitlines() if x[:1].isdigit() and ". " in x[:5]}
    assert len(listed) == len(p.sources)
    for n, fig in enumerate(p.sources, start=1):
        assert ("— *Assumption" in listed[n]) == fig.assumption, listed[n]
        assert fig.as_of in listed[n]
    assert p.to_html("zh").count('class="assumption"') == len(assumptions)
    assert "你的输入" in p.to_markdown("zh") and "your input" in md


def test_html_escapes_the_product_name_and_is_self_contained():
    p = plan(product_name='Lamp <script>alert("x")</script> & co')
    for page in (p.to_html("en"), p.to_html("zh"), p._repr_html_()):
        assert "<script>" not in page and "&lt;script&gt;" in page
    page = p.to_html("en")
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page and "@media print" in page
    assert "<link" not in page and "src=" not in page  # no external stylesheet, script or image
    assert "<script>" not in p.to_markdown("en") and "&lt;script&gt;" in p.to_markdown("en")


def test_save_chooses_the_format_by_suffix(tmp_path):
    p = plan(product_name="Desk lamp")
    md, page = p.save(tmp_path / "plan.md", "zh"), p.save(tmp_path / "plan.html")
    assert md.read_text(encoding="utf-8") == p.to_markdown("zh")
    assert page.read_text(encoding="utf-8") == p.to_html("en")
    with pytest.raises(InputError):
        p.save(tmp_path / "plan.pdf")
    assert not (tmp_path / "plan.pdf").exists()


def test_date_may_be_written_as_text():
    assert plan(on="2026-07-01").unit == plan().unit


def test_plan_text_is_the_same_for_the_same_inputs():
    assert plan().to_markdown("en") == plan().to_markdown("en")
    assert plan().to_markdown("en") != plan().to_markdown("zh")


def test_module_import_writes_nothing_and_imports_no_widgets():
    import subprocess
    import sys

    code = "import sys, xbedu.capstone; print(sorted(m for m in ('ipywidgets', 'altair', 'pandas') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# -- the explorer --------------------------------------------------------------------------------------------
pytest.importorskip("ipywidgets")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_explorer_controls_drive_the_plan(lang):
    ex = capstone.capstone_explorer(lang, product_name="Desk lamp")
    assert ex.error is None and isinstance(ex.result, capstone.FirstProductPlan)
    ex.set(market="UK", platform="amazon_fbm", logistics_option="dedicated_line", price_usd=30.0, product_cost_usd=6.0,
           units_first_order=80, on=ON, monthly_cost_usd=400.0, capital_usd=9000.0)
    values = ex.values()
    expected = plan_first_product(**values, product_name="Desk lamp", lang=lang)
    assert ex.result.unit == expected.unit and ex.result.runway == expected.runway
    assert ex.reading == expected.headline(lang)
    assert ex.chart.to_dict()["title"]
    before = ex.result.unit.profit_usd
    ex.controls["price_usd"].value = 40.0
    assert ex.result.unit.profit_usd > before
    assert {f.id for f in ex.source_figures()} == {f.id for f in ex.result.sources}


def test_explorer_loss_shows_the_warning():
    ex = capstone.capstone_explorer("en")
    ex.set(price_usd=8.0, on=ON)
    assert ex.result.loses_money
    assert any("loses" in w for w in ex.warnings)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_explorer_bad_input_keeps_the_last_good_plan(lang):
    ex = capstone.capstone_explorer(lang)
    ex.set(on=ON)
    good = ex.result
    ex.controls["weight_kg"].value = -1.0
    assert ex.error is not None and ex.result is good
    label = "Weight per packed unit" if lang == "en" else "每件包装后重量"
    assert label in ex.error
    ex.controls["weight_kg"].value = 0.5
    assert ex.error is None and ex.result is not good


def test_explorer_export_writes_the_current_plan(tmp_path):
    ex = capstone.capstone_explorer("zh", product_name="台灯")
    ex.set(on=ON)
    path = ex.export(tmp_path / "my-plan.html")
    assert path.read_text(encoding="utf-8") == ex.result.to_html("zh")
    ex.export_path.value = str(tmp_path / "plan.md")
    ex.export_button.click()
    assert (tmp_path / "plan.md").read_text(encoding="utf-8") == ex.result.to_markdown("zh")
    assert "已保存" in ex.export_status.value


def test_explorer_cleared_date_is_an_error_and_the_chart_draws():
    ex = capstone.capstone_explorer("en")
    good = ex.result
    ex.controls["on"].value = None
    assert ex.result is good and "must be a date" in ex.error
    assert ex.svg.lstrip().startswith("<svg")


def test_each_row_points_at_the_figures_behind_it():
    p = plan()
    numbers = {f.id: n for n, f in enumerate(p.sources, start=1)}
    rows = {line.split(" | ")[0].lstrip("| "): line for line in p.to_markdown("en").splitlines() if line.startswith("| ")}
    assert rows["Advertising (TACoS)"].endswith(f"| [{numbers['economics.ads.tacos_rate']}] |")
    assert rows["Payout FX and receiving fee"].endswith(f"| [{numbers['economics.payout.fx_rate']}] |")
    returns = sorted(numbers[i] for i in ("economics.returns.rate", "economics.returns.unsellable_share",
                                          "economics.returns.handling_usd"))
    assert returns == list(range(returns[0], returns[0] + 3))  # listed together, so shown as one run
    assert rows["Returns"].endswith(f"| [{returns[0]}–{returns[2]}] |")
    assert "your input" in rows["Product cost"] and "[" not in rows["Product cost"].split(" | ")[-1]
    assert rows["Profit"].endswith("| from the lines above |")


def test_runs_group_consecutive_numbers():
    assert capstone.page._runs((9, 4, 5, 6, 11, 12)) == [(4, 6), (9, 9), (11, 12)]
