"""xbedu.logistics: chargeable weight, quotes, limits, holding cost, Pareto frontier, recommendation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import xbedu
from xbedu import data, logistics
from xbedu.data.logistics import default_cost_of_capital, default_shipment, shipping_options
from xbedu.errors import InputError
from xbedu.logistics import (
    CM3_PER_CUBIC_FOOT,
    OptionName,
    Quote,
    Shipment,
    ShippingOption,
    chargeable_weight_kg,
    compare,
    holding_cost_usd,
    option_by_key,
    pareto_frontier,
    quote,
    recommend,
)


# --- small named fixtures (hand-set numbers, so the arithmetic below can be checked by hand) ---

def express() -> ShippingOption:
    """Express: 10 USD/kg, 20 USD minimum, ÷5000, 0.5 kg steps, 3–7 days."""
    return ShippingOption("express", 10.0, 0.0, 20.0, 5000.0, 0.5, 3.0, 7.0)


def dedicated() -> ShippingOption:
    """Dedicated line: 7 USD/kg, ÷6000, 0.1 kg steps, 6–12 days."""
    return ShippingOption("dedicated_line", 7.0, 0.0, 0.0, 6000.0, 0.1, 6.0, 12.0)


def postal() -> ShippingOption:
    """Postal: 10 USD/kg + 1 USD/parcel, actual weight, ePacket-style limits, 7–20 days."""
    return ShippingOption("postal", 10.0, 1.0, 0.0, None, 0.01, 7.0, 20.0, max_weight_kg=2.0, max_value_usd=400.0,
                          max_dims_sum_cm=90.0, max_side_cm=60.0)


def warehouse() -> ShippingOption:
    """Overseas warehouse: 2.5 USD/kg sea in bulk (÷6000, whole kg) + 4.60 USD/unit + 0.78 USD/cu ft for 1 month; 30 days to restock."""
    return ShippingOption("overseas_warehouse", 2.5, 0.0, 0.0, 6000.0, 1.0, 1.0, 3.0, per_unit_fee_usd=4.6,
                          consolidated=True, storage_usd_per_cuft_month=0.78, storage_months=1.0, replenishment_days=30.0)


def box(units: int = 3, value: float = 10.0) -> Shipment:
    """A 1 kg unit in a 30×20×10 cm box (6,000 cm³)."""
    return Shipment(1.0, 30, 20, 10, units=units, declared_value_usd=value)


# --- chargeable weight ---

def test_package_doctest_example():
    # 30 × 20 × 10 = 6000 cm³; 6000 / 5000 = 1.2 kg > 1.0 kg actual
    assert xbedu.logistics.chargeable_weight_kg(1.0, 30, 20, 10, divisor_cm3_per_kg=5000) == 1.2


@pytest.mark.parametrize(("args", "expected"), [
    ((1.0, 30, 20, 10, 5000, 0.5), 1.5),   # 1.2 kg rounded up to the next 0.5
    ((2.0, 10, 10, 10, 5000, 0.5), 2.0),   # 1000 / 5000 = 0.2 kg < 2.0 kg actual
    ((1.0, 30, 20, 10, 6000, 0.1), 1.0),   # 6000 / 6000 = 1.0 kg, equal to actual
    ((1.01, 30, 20, 10, None, 0.0), 1.01),  # no divisor: actual weight, no rounding
    ((0.26, 5, 5, 5, None, 0.5), 0.5),     # 0.26 kg rounded up to 0.5
    ((0.3, 10, 10, 10, None, 0.1), 0.3),   # already a multiple of 0.1: stays 0.3 (no float creep to 0.4)
])
def test_chargeable_weight_cases(args, expected):
    assert chargeable_weight_kg(*args) == pytest.approx(expected)


# --- quotes: hand-computed ---

def test_parcel_quote_applies_minimum_charge_per_parcel():
    q = quote(box(units=3, value=10.0), express(), annual_cost_of_capital=0.10)
    # per parcel: 1.2 kg → 1.5 kg; 10 × 1.5 = 15 < 20 minimum → 20; three parcels → 60
    assert q.chargeable_weight_kg == pytest.approx(3 * 1.5)
    assert q.cost_usd == pytest.approx(3 * 20.0)
    assert q.cost_per_unit_usd == pytest.approx(20.0)
    # holding: 3 × 10 USD of goods × 10 % × 5 typical days / 365
    assert q.holding_cost_usd == pytest.approx(30 * 0.10 * 5 / 365)
    assert q.total_cost_usd == pytest.approx(60 + 30 * 0.10 * 5 / 365)
    assert (q.days_min, q.days_typical, q.days_max) == (3.0, 5.0, 7.0)
    assert q.available and q.reasons == ()


def test_dedicated_line_quote():
    q = quote(box(units=3), dedicated())
    # 6000 / 6000 = 1.0 kg = actual; 7 × 1.0 = 7 per parcel; × 3 = 21
    assert q.cost_usd == pytest.approx(21.0)


def test_consolidated_quote_bills_the_whole_shipment_once():
    q = quote(box(units=3, value=10.0), warehouse(), annual_cost_of_capital=0.10)
    # bulk: 3 × 1 kg = 3 kg; volumetric 3 × 6000 / 6000 = 3 kg → 3 kg × 2.5 = 7.5 USD
    storage_per_unit = 6000 / CM3_PER_CUBIC_FOOT * 0.78 * 1  # cu ft × USD/cu ft/month × months
    assert q.chargeable_weight_kg == pytest.approx(3.0)
    assert q.cost_usd == pytest.approx(7.5 + 3 * (4.6 + storage_per_unit))
    # in the pipeline: 2 days to the buyer + 30 days of sea freight + 365/12 days in storage
    assert q.holding_cost_usd == pytest.approx(30 * 0.10 * (2 + 30 + 365 / 12) / 365)
    assert q.days_typical == 2.0 and q.replenishment_days == 30.0
    assert q.notes[0].key == "logistics.note.stocked"


def test_empty_warehouse_adds_the_replenishment_lead_time():
    q = quote(box(), warehouse(), stocked=False)
    assert (q.days_min, q.days_typical, q.days_max) == (1 + 30, 2 + 30, 3 + 30)
    assert "30 days of sea freight" in q.notes[0].render("en")
    assert "30 天的海运补货" in q.notes[0].render("zh")


def test_holding_cost_formula():
    assert holding_cost_usd(1000, 0.10, 36.5) == pytest.approx(1000 * 0.10 * 36.5 / 365)  # = 10 USD


# --- limits ---

def test_postal_over_weight_is_not_available_with_a_reason():
    q = quote(Shipment(2.6, 20, 15, 10), postal())
    assert not q.available
    assert [m.key for m in q.reasons] == ["logistics.reason.over_weight"]
    assert q.reasons[0].render("en") == "Postal small parcel: 2.6 kg is over the 2 kg limit per parcel."
    assert q.reasons[0].render("zh") == "邮政小包：2.6 公斤超过了每件 2 公斤的上限。"


def test_postal_value_and_size_limits_each_give_a_reason():
    # 65 + 20 + 10 = 95 cm > 90; longest side 65 > 60; value 450 > 400
    q = quote(Shipment(1.0, 65, 20, 10, declared_value_usd=450), postal())
    assert {m.key for m in q.reasons} == {"logistics.reason.over_value", "logistics.reason.over_dims_sum", "logistics.reason.over_side"}
    assert "95 cm" in " ".join(m.render("en") for m in q.reasons)


def test_unavailable_options_are_left_out_of_frontier_and_recommendation():
    quotes = compare(Shipment(2.6, 20, 15, 10, units=2, declared_value_usd=20), [express(), postal()])
    assert [q.option_key for q in pareto_frontier(quotes)] == ["express"]
    assert recommend(quotes, deadline_days=30).choice.option_key == "express"


# --- Pareto frontier and recommendation ---

def fake(key: str, days_min: float, days_typ: float, days_max: float, total: float, available: bool = True) -> Quote:
    """A quote with just the fields the frontier and the recommendation read."""
    return Quote(key, available, (), 1.0, total, total, days_min, days_max, days_typ, 0.0, total)


def test_frontier_drops_dominated_options():
    a, b = fake("express", 3, 5, 7, 210.0), fake("dedicated_line", 6, 9, 12, 100.0)
    c = fake("postal", 7, 13, 20, 120.0)  # slower and dearer than b: dominated
    d = fake("overseas_warehouse", 1, 5, 9, 250.0)  # as fast as a, dearer: dominated
    assert pareto_frontier([a, b, c, d]) == (a, b)


def test_deadline_recommendation_and_its_computed_message():
    a, b = fake("express", 3, 5, 7, 210.0), fake("dedicated_line", 6, 9, 12, 100.0)
    rec = recommend([a, b], deadline_days=12)
    assert rec.choice is b
    fields = dict(rec.reason.fields)
    assert fields["ratio"] == round(210.0 / 100.0, 1)  # 2.1×
    assert fields["days_sooner"] == 9 - 5
    assert rec.reason.render("en") == ("Dedicated line is the cheapest option that arrives by day 12 (100.0 USD in total); "
                                       "International express costs 2.1× as much to arrive 4 days sooner.")
    assert rec.reason.render("zh").startswith("专线物流是第 12 天前能送达的最便宜方式")
    assert recommend([a, b], deadline_days=11).choice is a  # b's slowest (12 days) misses day 11


def test_budget_recommendation_picks_the_fastest_affordable():
    a, b = fake("express", 3, 5, 7, 210.0), fake("dedicated_line", 6, 9, 12, 100.0)
    assert recommend([a, b], budget_usd=150).choice is b
    rec = recommend([a, b], budget_usd=250)
    assert rec.choice is a
    assert dict(rec.reason.fields)["saving_usd"] == 210.0 - 100.0


def test_no_option_meets_the_deadline():
    rec = recommend([fake("postal", 7, 13, 20, 50.0)], deadline_days=10)
    assert rec.choice is None and "day 10" in rec.reason.render("en") and "第 10 天" in rec.reason.render("zh")


def test_recommend_needs_a_goal():
    with pytest.raises(InputError) as err:
        recommend([fake("postal", 7, 13, 20, 50.0)])
    assert "deadline_days" in err.value.message("en") and "deadline_days" in err.value.message("zh")


# --- bad input ---

@pytest.mark.parametrize(("kwargs", "name"), [
    ({"weight_kg": -1.0}, "weight_kg"),
    ({"length_cm": 0}, "length_cm"),
    ({"width_cm": float("nan")}, "width_cm"),
    ({"height_cm": "10"}, "height_cm"),
    ({"units": 2.5}, "units"),
    ({"units": 0}, "units"),
    ({"declared_value_usd": -5}, "declared_value_usd"),
])
def test_bad_shipment_names_the_argument_in_both_languages(kwargs, name):
    args = {"weight_kg": 1.0, "length_cm": 30, "width_cm": 20, "height_cm": 10} | kwargs
    with pytest.raises(InputError) as err:
        Shipment(**args)
    assert name in err.value.message("en") and name in err.value.message("zh")


def test_bad_chargeable_weight_arguments():
    with pytest.raises(InputError, match="divisor_cm3_per_kg"):
        chargeable_weight_kg(1.0, 30, 20, 10, divisor_cm3_per_kg=0)
    with pytest.raises(InputError, match="step_kg"):
        chargeable_weight_kg(1.0, 30, 20, 10, step_kg=-0.5)
    with pytest.raises(InputError, match="weight_kg"):
        chargeable_weight_kg(True, 30, 20, 10)


def test_cost_of_capital_must_be_a_share():
    with pytest.raises(InputError) as err:
        quote(box(), express(), annual_cost_of_capital=10)
    assert "annual_cost_of_capital" in err.value.message("zh") and "0.15" in err.value.message("en")


def test_unknown_option_key_lists_the_allowed_keys():
    with pytest.raises(InputError) as err:
        ShippingOption("air", 1, 0, 0, None, 0, 1, 2)
    for text in (err.value.message("en"), err.value.message("zh")):
        assert "option_key" in text and "express, dedicated_line, postal, overseas_warehouse" in text
    with pytest.raises(InputError, match="express, dedicated_line, postal, overseas_warehouse"):
        option_by_key(shipping_options(), "rail")


def test_option_days_must_be_ordered():
    with pytest.raises(InputError, match="days"):
        ShippingOption("express", 10, 0, 0, 5000, 0.5, 7, 3)


def test_bad_deadline_and_budget():
    quotes = [fake("postal", 7, 13, 20, 50.0)]
    with pytest.raises(InputError, match="deadline_days"):
        recommend(quotes, deadline_days=0)
    with pytest.raises(InputError, match="budget_usd"):
        recommend(quotes, budget_usd=-1)


def test_option_name_renders_per_language():
    assert f"{OptionName('dedicated_line'):zh}" == "专线物流" and str(OptionName("express")) == "International express"


# --- properties ---

sizes = st.floats(min_value=1, max_value=120)
weights = st.floats(min_value=0.01, max_value=50)
option_list = shipping_options()


@settings(max_examples=200, deadline=None)
@given(weights, sizes, sizes, sizes, st.sampled_from([None, 4000.0, 5000.0, 6000.0]), st.sampled_from([0.0, 0.01, 0.1, 0.5, 1.0]))
def test_chargeable_weight_is_never_below_actual(w, l, wd, h, divisor, step):
    assert chargeable_weight_kg(w, l, wd, h, divisor, step) >= w


@settings(max_examples=150, deadline=None)
@given(weights, weights, sizes, sizes, sizes, st.integers(1, 200), st.sampled_from(option_list))
def test_cost_never_falls_as_weight_rises(w1, w2, l, wd, h, units, option):
    light, heavy = sorted((w1, w2))
    cost_light = quote(Shipment(light, l, wd, h, units=units), option).cost_usd
    cost_heavy = quote(Shipment(heavy, l, wd, h, units=units), option).cost_usd
    assert cost_heavy >= cost_light - 1e-9


quote_lists = st.lists(
    st.builds(lambda d0, spread, t, total, ok: fake("express", d0, d0 + spread * t, d0 + spread, total, ok),
              st.floats(0, 40), st.floats(0, 20), st.floats(0, 1), st.floats(0, 5000), st.booleans()),
    min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(quote_lists)
def test_frontier_holds_no_dominated_quote(quotes):
    front = pareto_frontier(quotes)
    available = [q for q in quotes if q.available]
    for q in front:
        assert q.available
        assert not any(o.days_typical <= q.days_typical and o.total_cost_usd <= q.total_cost_usd
                       and (o.days_typical < q.days_typical or o.total_cost_usd < q.total_cost_usd) for o in available)
    for q in available:  # and every available quote left out is beaten by something
        if q not in front:
            assert any(o.days_typical <= q.days_typical and o.total_cost_usd <= q.total_cost_usd for o in available if o is not q)


@settings(max_examples=200, deadline=None)
@given(quote_lists, st.floats(0.5, 70))
def test_recommendation_respects_the_deadline(quotes, deadline):
    rec = recommend(quotes, deadline_days=deadline)
    meets = [q for q in quotes if q.available and q.days_max <= deadline]
    if not meets:
        assert rec.choice is None
    else:
        assert rec.choice.available and rec.choice.days_max <= deadline
        assert rec.choice.total_cost_usd == min(q.total_cost_usd for q in meets)


@settings(max_examples=100, deadline=None)
@given(quote_lists, st.floats(0, 6000))
def test_budget_recommendation_stays_within_budget(quotes, budget):
    rec = recommend(quotes, budget_usd=budget)
    fits = [q for q in quotes if q.available and q.total_cost_usd <= budget]
    if not fits:
        assert rec.choice is None
    else:
        assert rec.choice.total_cost_usd <= budget
        assert rec.choice.days_typical == min(q.days_typical for q in fits)


# --- data builders: defaults are the figures in data/figures/logistics.csv ---

def fig(figure_id: str) -> float:
    return data.figure(figure_id).value


@pytest.mark.parametrize("option", option_list, ids=lambda o: o.key)
def test_option_defaults_match_the_figures(option):
    key = option.key
    assert option.rate_usd_per_kg == fig(f"logistics.{key}.rate_usd_per_kg")
    assert option.fixed_usd_per_parcel == fig(f"logistics.{key}.fixed_usd_per_parcel")
    assert option.min_charge_usd == fig(f"logistics.{key}.min_charge_usd")
    assert option.weight_step_kg == fig(f"logistics.{key}.weight_step_kg")
    divisor_ids = [f.id for f in data.figures(f"logistics.{key}.volumetric_divisor")]
    assert option.volumetric_divisor_cm3_per_kg == (fig(divisor_ids[0]) if divisor_ids else None)
    days = {f.id: f for f in data.figures(f"logistics.{key}.days")}
    if days:
        row = days[f"logistics.{key}.days"]
        assert (option.days_min, option.days_typical, option.days_max) == (row.low, row.value, row.high)
    else:
        assert (option.days_min, option.days_max) == (fig(f"logistics.{key}.guide_days_min"), fig(f"logistics.{key}.guide_days_max"))


def test_guide_days_basis_uses_the_guide_rows():
    for option in shipping_options("guide"):
        assert data.figure(f"logistics.{option.key}.guide_days_min").basis == "guide"
        assert (option.days_min, option.days_max) == (fig(f"logistics.{option.key}.guide_days_min"), fig(f"logistics.{option.key}.guide_days_max"))
    with pytest.raises(InputError, match="days_basis"):
        shipping_options("course")


def test_postal_limits_and_warehouse_extras_come_from_the_figures():
    options = {o.key: o for o in option_list}
    p, w = options["postal"], options["overseas_warehouse"]
    assert (p.max_weight_kg, p.max_value_usd, p.max_dims_sum_cm, p.max_side_cm) == (
        fig("logistics.postal.max_weight_kg"), fig("logistics.postal.max_value_usd"),
        fig("logistics.postal.max_dims_sum_cm"), fig("logistics.postal.max_side_cm"))
    assert w.per_unit_fee_usd == fig("logistics.overseas_warehouse.fulfilment_fee_usd_per_unit")
    assert w.replenishment_days == fig("logistics.overseas_warehouse.replenishment_days")
    assert w.storage_usd_per_cuft_month == fig("logistics.overseas_warehouse.storage_usd_per_cuft_month")
    assert w.consolidated and not any(o.consolidated for o in option_list if o.key != "overseas_warehouse")


def test_default_shipment_and_cost_of_capital_come_from_the_figures():
    s = default_shipment()
    assert (s.weight_kg, s.length_cm, s.width_cm, s.height_cm, s.units, s.declared_value_usd) == (
        fig("logistics.example.weight_kg"), fig("logistics.example.length_cm"), fig("logistics.example.width_cm"),
        fig("logistics.example.height_cm"), fig("logistics.example.units"), fig("logistics.example.declared_value_usd"))
    assert default_cost_of_capital() == fig("logistics.cost_of_capital_per_year")
    assert data.figure("logistics.cost_of_capital_per_year").assumption


def test_every_logistics_and_payments_figure_has_provenance():
    for f in data.figures("logistics.") + data.figures("payments."):
        assert f.source_title and f.as_of
        assert f.assumption == (f.basis == "assumption")
        assert f.assumption or f.source_url.startswith("http")


def test_default_comparison_runs_end_to_end():
    quotes = compare(default_shipment(), option_list, annual_cost_of_capital=default_cost_of_capital())
    assert [q.option_key for q in quotes] == list(logistics.OPTION_KEYS)
    assert all(q.total_cost_usd > q.cost_usd > 0 for q in quotes)
    assert pareto_frontier(quotes)


def test_every_option_has_a_name_in_both_languages_and_quotes_are_hashable():
    from xbedu import i18n

    for key in logistics.OPTION_KEYS:
        assert i18n.t(f"logistics.option.{key}", "en") and i18n.t(f"logistics.option.{key}", "zh")
    quotes = compare(Shipment(2.6, 70, 20, 10, units=2, declared_value_usd=500), option_list, stocked=False)
    assert len({hash(q) for q in quotes}) == len(quotes)
    for q in quotes:
        for m in q.reasons + q.notes:
            assert m.render("en") and m.render("zh")
    for goal in ({"deadline_days": 5}, {"deadline_days": 40}, {"budget_usd": 100}, {"budget_usd": 5000}):
        rec = recommend(quotes, **goal)
        assert rec.reason.render("en") and rec.reason.render("zh")
