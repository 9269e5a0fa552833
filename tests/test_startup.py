"""Start-up capital: the guide's lines add up to 4,000–18,500 USD; plans are editable; runway."""

import math

import pytest
from hypothesis import given, strategies as st

from xbedu import startup
from xbedu.data import figure, figures
from xbedu.data import startup as data_startup
from xbedu.errors import InputError
from xbedu.startup import CapitalLine, MonthlyCost, plan_totals, replace_line, runway, runway_months


def test_default_plan_reproduces_the_guides_totals():
    lines = data_startup.capital_lines()
    totals = plan_totals(lines)
    # guide: platform 0–500, inventory 2,000–10,000, logistics 500–2,000, ads 1,000–5,000, operations 500–1,000
    assert totals.min_usd == 0 + 2000 + 500 + 1000 + 500 == 4000
    assert totals.max_usd == 500 + 10000 + 2000 + 5000 + 1000 == 18500
    assert totals.min_usd == figure("startup.total.min_usd").value
    assert totals.max_usd == figure("startup.total.max_usd").value
    # typical = midpoints: 250 + 6,000 + 1,250 + 3,000 + 750
    assert totals.typical_usd == 250 + 6000 + 1250 + 3000 + 750 == 11250


def test_lines_are_the_guides_five_with_guide_basis():
    lines = {line.key: line for line in data_startup.capital_lines()}
    assert list(lines) == ["platform_fees", "first_inventory", "logistics", "advertising", "operations"]
    assert (lines["first_inventory"].min_usd, lines["first_inventory"].max_usd) == (2000, 10000)
    for key in lines:
        assert figure(f"startup.{key}.min_usd").basis == "guide"
        assert figure(f"startup.{key}.max_usd").basis == "guide"
        assert figure(f"startup.{key}.typical_usd").assumption


def test_replace_line_returns_a_new_plan_and_totals_follow():
    plan = data_startup.default_plan()
    changed = replace_line(plan, "first_inventory", typical_usd=8000)
    assert plan_totals(plan).typical_usd == 11250  # the original is untouched
    assert plan_totals(changed).typical_usd == 11250 - 6000 + 8000 == 13250
    assert [line.key for line in changed] == [line.key for line in plan]
    widened = replace_line(plan, "advertising", max_usd=7000)
    assert plan_totals(widened).max_usd == 18500 - 5000 + 7000


def test_runway_with_the_default_monthly_costs():
    costs = data_startup.monthly_costs()
    monthly = sum(f.value for f in figures("startup.monthly."))
    assert monthly == pytest.approx(39.99 + 50 + 300 + 100)
    result = runway(15000, data_startup.capital_lines(), costs)
    assert result.launch_usd == 11250
    assert result.left_after_launch_usd == 15000 - 11250 == 3750
    assert result.months == pytest.approx(3750 / 489.99)
    assert result.shortfall_usd == 0
    assert "months" in startup.explain_runway(result).render("en")
    assert "个月" in startup.explain_runway(result).render("zh")


def test_runway_reports_a_shortfall_instead_of_negative_months():
    result = runway(3000, data_startup.capital_lines(), data_startup.monthly_costs(), scenario="min")
    assert (result.months, result.shortfall_usd) == (0.0, 4000 - 3000)
    assert "1,000" in startup.explain_runway(result).render("en")


def test_runway_months_arithmetic():
    assert runway_months(1200, 400) == 3.0
    assert runway_months(0, 400) == 0.0


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: CapitalLine("x", -1, 0, 1), "min_usd"),
        (lambda: CapitalLine("x", 10, 20, 5), "x"),
        (lambda: CapitalLine("x", 0, 50, 10), "typical_usd"),
        (lambda: CapitalLine("x", "1", 1, 1), "min_usd"),
        (lambda: CapitalLine("x", True, 1, 1), "min_usd"),
        (lambda: replace_line(data_startup.capital_lines(), "rent", typical_usd=1), "key"),
        (lambda: replace_line(data_startup.capital_lines(), "logistics", typical_usd=5000), "typical_usd"),
        (lambda: runway_months(100, 0), "monthly_cost_usd"),
        (lambda: runway_months(-5, 10), "capital_usd"),
        (lambda: runway_months(math.nan, 10), "capital_usd"),
        (lambda: runway(1000, data_startup.capital_lines(), data_startup.monthly_costs(), scenario="best"), "scenario"),
        (lambda: plan_totals(()), "lines"),
        (lambda: plan_totals((CapitalLine("a", 0, 0, 0), CapitalLine("a", 0, 0, 0))), "lines"),
        (lambda: MonthlyCost("tools", -1), "usd_per_month"),
    ],
)
def test_bad_input_is_refused_with_a_bilingual_message(call, name):
    with pytest.raises(InputError) as info:
        call()
    assert name in info.value.message("en") and name in info.value.message("zh")


amounts = st.floats(min_value=0, max_value=1e7, allow_nan=False)


@given(st.lists(st.tuples(amounts, amounts, amounts), min_size=1, max_size=8))
def test_totals_keep_min_typical_max_order(triples):
    lines = [CapitalLine(f"l{i}", *sorted(t)) for i, t in enumerate(triples)]
    totals = plan_totals(lines)
    assert totals.min_usd <= totals.typical_usd * (1 + 1e-12) and totals.typical_usd <= totals.max_usd * (1 + 1e-12)


@given(amounts, st.floats(min_value=0.01, max_value=1e6))
def test_runway_times_monthly_cost_gives_back_the_capital(capital, monthly):
    assert runway_months(capital, monthly) * monthly == pytest.approx(capital, rel=1e-9, abs=1e-9)
