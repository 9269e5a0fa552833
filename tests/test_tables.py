"""Static tables show the domain results' own numbers, in both languages, deterministically."""

from datetime import date

import pytest

from xbedu import economics, logistics, margins, tables
from xbedu.data import economics as economics_data
from xbedu.data import logistics as logistics_data
from xbedu.data import margins as margins_data
from xbedu.data import markets as markets_data
from xbedu.data import modes as modes_data
from xbedu.data import operations as operations_data
from xbedu.data import startup as startup_data
from xbedu.format import Table

ON = date(2026, 11, 1)


def _results():
    shipment = logistics_data.default_shipment()
    return {
        "chain": margins.traditional_chain(10, {"exporter": 0.15, "importer": 0.25, "wholesaler": 0.2, "retailer": 1.0}),
        "direct": margins_data.default_direct_sale(10, 25),
        "quotes": logistics.compare(shipment, logistics_data.shipping_options()),
        "unit": economics.unit_economics(economics_data.default_inputs("amazon_fba", on=ON)),
        "capital": startup_data.capital_lines(),
        "series": markets_data.series("markets.china_cbec_trade_cny_tn"),
        "markets": markets_data.target_markets(),
        "models": modes_data.choose_business_model(modes_data.example_situation()),
        "modes": modes_data.rank_modes(modes_data.example_situation()),
        "steps": operations_data.operating_steps(),
        "payments": operations_data.payment_methods(),
        "comparison": modes_data.comparison(),
        "sizes": markets_data.market_sizes(),
    }


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", sorted(_results()))
def test_every_result_kind_renders_the_same_twice(name, lang):
    result = _results()[name]
    first, second = tables.table(result, lang), tables.table(result, lang)
    assert isinstance(first, Table) and first.rows
    assert repr(first) == repr(second) and first._repr_html_() == second._repr_html_()
    assert all(len(row) == len(first.headers) for row in first.rows)


def test_chain_table_shows_the_chain_prices():
    # 10 × 1.15 = 11.50; × 1.25 = 14.375; × 1.2 = 17.25; × 2 = 34.50 (3.45× the factory price)
    table = tables.table(_results()["chain"], "en")
    assert table.rows[-1][2] == "$34.50"
    assert table.column(1)[1:] == ("$10", "$11.50", "$14.38", "$17.25")
    assert "3.5×" in table.caption


def test_quote_table_marks_an_unavailable_option_with_its_reason():
    heavy = logistics.Shipment(weight_kg=3.0, length_cm=30, width_cm=20, height_cm=10, units=1, declared_value_usd=20)
    quotes = logistics.compare(heavy, logistics_data.shipping_options())
    row = dict((r[0], r) for r in tables.table(quotes, "en").rows)["Postal small parcel"]
    postal = next(q for q in quotes if q.option_key == "postal")
    assert not postal.available
    assert row[-1] == " ".join(m.render("en") for m in postal.reasons)
    assert "2" in row[-1]  # names the 2 kg limit


def test_unit_table_lines_add_up_to_the_profit():
    unit = _results()["unit"]
    table = tables.table(unit, "en")
    assert table.rows[0][1] == f"${unit.revenue_usd:g}"
    assert table.rows[-1][1] == f"${unit.profit_usd:.2f}"
    assert abs(unit.revenue_usd - sum(line.usd for line in unit.lines) - unit.profit_usd) < 1e-9


def test_capital_table_total_is_the_guides_range():
    table = tables.table(_results()["capital"], "zh")
    assert table.rows[-1][1] == "4,000 美元" and table.rows[-1][3] == "18,500 美元"


def test_shares_show_as_percentages_and_guide_figures_say_so():
    text = repr(tables.table(_results()["markets"], "en"))
    assert "0.16 share" not in text and "15.9%" in text  # 0.159 of US retail, shown as a percentage
    sizes = tables.table(_results()["sizes"], "en")
    guide_rows = [r for r in sizes.rows if r[2] == "the guide's own figure"]
    assert guide_rows, "the guide's >5 tn figure should be shown as the guide's"


def test_html_escapes_cell_text():
    html = Table(("a",), (("<script>x</script>",),))._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_unknown_results_are_a_clear_type_error():
    with pytest.raises(TypeError, match="no table is defined for int"):
        tables.table(3)
    with pytest.raises(TypeError, match="at least one"):
        tables.table(())
    with pytest.raises(ValueError, match="lang"):
        tables.table(_results()["chain"], "fr")


def test_rule_change_table_shows_the_us_de_minimis_ending():
    from xbedu.data import customs as customs_data

    change = customs_data.rule_change("US", 20)
    rate = customs_data.market_rules("US").duty_rate
    assert change.before.total_usd == 0  # under the USD 800 de minimis the day before
    assert change.after.duty_usd == pytest.approx(20 * rate)  # 20 × the data's duty rate from 2025-08-29
    table = tables.table(change, "zh")
    assert table.headers[1:] == ("2025-08-28", "2025-08-29 起")
    assert table.rows[-1][2] == f"{20 * rate:g} 美元"


def test_rule_change_refuses_a_market_without_one():
    from xbedu.data import customs as customs_data
    from xbedu.errors import InputError

    with pytest.raises(InputError) as info:
        customs_data.rule_change("JP", 20)
    assert "JP" in info.value.message("en") and "US" in info.value.message("zh")
