"""Computed questions: numbers drawn per learner from a seed, the key from a named xbedu function, no eval."""

import dataclasses
import math

import pytest

from xbedu import economics, logistics, margins, startup
from xbedu.quiz.bank import Question, Tolerance, load_banks
from xbedu.quiz.computed import REGISTRY, ComputedUnavailable, draw_params, instantiate, render_prompt, seed_for
from xbedu.quiz.grading import grade


def computed(name, params, prompt="{a}"):
    return Question(f"t.{name}", "computed", 2, "ch3.logistics", "easy", {"en": prompt, "zh": prompt}, function=name,
                    params=params, tolerance=Tolerance(abs=0.01))


def test_same_seed_same_numbers_other_learner_other_numbers():
    bank = {b.quiz_id: b for b in load_banks()}["ch03"]
    q = bank.question("ch03.chargeable_weight")
    a1 = instantiate(q, seed_for("alice", q.id))
    a2 = instantiate(q, seed_for("alice", q.id))
    assert a1.values == a2.values and a1.answer == a2.answer and a1.prompt == a2.prompt
    others = {tuple(sorted(instantiate(q, seed_for(f"s{i}", q.id)).values.items())) for i in range(20)}
    assert len(others) > 10  # classmates see different numbers


def test_ranges_respect_min_max_step():
    q = computed("chargeable_weight", {"weight_kg": {"min": 0.5, "max": 3.0, "step": 0.1}, "length_cm": {"min": 20, "max": 60, "step": 5},
                                       "width_cm": {"value": 10}, "height_cm": {"choices": [10, 20]}})
    for seed in range(200):
        v = draw_params(q, seed)
        assert 0.5 <= v["weight_kg"] <= 3.0 and round(v["weight_kg"] * 10) == v["weight_kg"] * 10
        assert v["length_cm"] in range(20, 61, 5) and isinstance(v["length_cm"], int)
        assert v["width_cm"] == 10 and v["height_cm"] in (10, 20)


def test_chargeable_weight_answer_is_the_domain_function():
    q = computed("chargeable_weight", {"weight_kg": {"value": 1.0}, "length_cm": {"value": 30}, "width_cm": {"value": 20},
                                       "height_cm": {"value": 10}, "divisor_cm3_per_kg": {"value": 5000}})
    inst = instantiate(q, 0)
    assert inst.answer == pytest.approx(1.2)  # 30 × 20 × 10 / 5000 = 1.2 > 1.0 kg actual
    assert inst.answer == logistics.chargeable_weight_kg(1.0, 30, 20, 10, divisor_cm3_per_kg=5000)
    assert grade(inst, "1.2 kg").score == 2 and grade(inst, "1.0").score == 0


def test_logistics_cost_by_hand():
    params = {"weight_kg": {"value": 1.0}, "length_cm": {"value": 30}, "width_cm": {"value": 20}, "height_cm": {"value": 10},
              "rate_usd_per_kg": {"value": 8}, "fixed_usd_per_parcel": {"value": 3}, "divisor_cm3_per_kg": {"value": 5000},
              "step_kg": {"value": 0.5}, "units": {"value": 2}}
    # chargeable 1.2 kg → rounded up to 1.5 kg; per parcel 3 + 8 × 1.5 = 15; two parcels = 30 USD
    assert instantiate(computed("logistics_cost", params), 0).answer == pytest.approx(30.0)


def test_chain_price_by_hand():
    params = {"factory_price_usd": {"value": 10}, "exporter_markup": {"value": 0.1}, "importer_markup": {"value": 0.2},
              "wholesaler_markup": {"value": 0.25}, "retailer_markup": {"value": 1.0}}
    # 10 × 1.1 × 1.2 × 1.25 × 2 = 33
    answer = instantiate(computed("chain_price", params), 0).answer
    assert answer == pytest.approx(33.0)
    markups = {"exporter": 0.1, "importer": 0.2, "wholesaler": 0.25, "retailer": 1.0}
    assert answer == margins.traditional_chain(10, markups).consumer_price_usd


def test_unit_profit_by_hand():
    params = {"price_usd": {"value": 30}, "product_cost_usd": {"value": 6}, "freight_per_unit_usd": {"value": 2},
              "referral_rate": {"value": 0.15}, "fulfilment_fee_usd": {"value": 5}, "ad_rate": {"value": 0.1}}
    # 30 − 6 − 2 − 0.15 × 30 − 5 − 0.1 × 30 = 30 − 6 − 2 − 4.5 − 5 − 3 = 9.5
    answer = instantiate(computed("unit_profit", params), 0).answer
    assert answer == pytest.approx(9.5)
    inputs = economics.UnitInputs(price_usd=30, product_cost_usd=6, freight_per_unit_usd=2, referral_rate=0.15,
                                  fulfilment_fee_usd=5, ad_rate=0.1)
    assert answer == pytest.approx(economics.unit_economics(inputs).profit_usd)


def test_startup_total_by_hand():
    params = {"platform_fees_usd": {"value": 500}, "first_inventory_usd": {"value": 10000}, "logistics_usd": {"value": 2000},
              "advertising_usd": {"value": 5000}, "operations_usd": {"value": 1000}}
    # the guide's upper bounds: 500 + 10,000 + 2,000 + 5,000 + 1,000 = 18,500
    assert instantiate(computed("startup_total", params), 0).answer == 18500
    lines = [startup.CapitalLine(k, v, v, v) for k, v in [("a", 500), ("b", 10000), ("c", 2000), ("d", 5000), ("e", 1000)]]
    assert startup.plan_totals(lines).typical_usd == 18500


def test_bank_text_is_never_evaluated():
    with pytest.raises(ComputedUnavailable, match="unknown computed function"):
        instantiate(computed("__import__('os').system('true')", {}), 0)
    assert render_prompt("{a.__class__} {a} {b|pct} {__import__}", {"a": 1234.5, "b": 0.155}) == "{a.__class__} 1,234.5 15.5% {__import__}"


def test_registry_names_point_at_domain_functions():
    assert set(REGISTRY) == {"chargeable_weight", "logistics_cost", "chain_price", "unit_profit", "startup_total"}
    for entry in REGISTRY.values():
        assert entry.source.startswith("xbedu.") and entry.required


def test_every_computed_question_in_the_banks_draws_and_grades():
    for bank in load_banks():
        for q in (q for q in bank.questions if q.type == "computed"):
            for learner in ("alice", "bob", "李雷"):
                inst = instantiate(q, seed_for(learner, q.id))
                assert math.isfinite(inst.answer) and "{" not in inst.prompt["en"] + inst.prompt["zh"]
                assert grade(inst, str(inst.answer)).correct
                assert dataclasses.replace(inst, prompt=q.prompt).answer == inst.answer
