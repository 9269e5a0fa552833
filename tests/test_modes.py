"""B2B / B2C / C2C and the chapter-6 business models: data as the guide gives it, a transparent fit-finder."""

import pytest
from hypothesis import given, strategies as st

from xbedu import i18n, modes
from xbedu.data import figure, resource
from xbedu.data import modes as data_modes
from xbedu.errors import InputError
from xbedu.modes import Situation, capital_points, choose_business_model, rank_modes, reason_key

PLATFORM_KEYS = {"alibaba_com", "global_sources", "made_in_china", "dhgate", "amazon", "ebay", "wish", "aliexpress", "shopee", "etsy", "facebook_marketplace", "instagram_shopping"}


def _by_key(items, attr="key"):
    return {getattr(i, attr): i for i in items}


def test_three_modes_with_the_guides_flows_and_platforms():
    found = _by_key(data_modes.modes())
    assert list(found) == ["B2B", "B2C", "C2C"]
    assert found["B2B"].flow_keys == ("product_display", "inquiry_negotiation", "contract", "batch_production", "bulk_freight", "customs_clearance", "settlement")
    assert found["B2C"].flow_keys == ("listing", "marketing", "order_payment", "order_processing", "cross_border_logistics", "clearance_delivery", "after_sales")
    assert len(found["C2C"].traits) == 4 and found["C2C"].flow_steps == ()
    assert found["B2B"].platforms == ("alibaba_com", "global_sources", "made_in_china", "dhgate")
    assert found["B2C"].platforms == ("amazon", "ebay", "wish", "aliexpress", "shopee")
    assert found["C2C"].platforms == ("ebay", "etsy", "facebook_marketplace", "instagram_shopping")
    assert {p for m in found.values() for p in m.platforms} == PLATFORM_KEYS
    assert len(found["B2B"].fits) == 4 and len(found["B2B"].not_fits) == 3 and len(found["C2C"].fits) == 4
    assert "信用证" in found["B2B"].flow_steps[-1].zh
    # the guide gives B2B's both lists and C2C's "fits"; B2C's lists and C2C's "does not fit" are our summary
    assert (found["B2B"].fits_basis, found["B2B"].not_fits_basis) == ("guide", "guide")
    assert (found["B2C"].fits_basis, found["C2C"].fits_basis, found["C2C"].not_fits_basis) == ("teaching_summary", "guide", "teaching_summary")


def test_platform_keys_match_the_platform_list_when_it_is_filled():
    listed = resource("platforms")
    if not listed or "platforms" not in listed:
        pytest.skip("platforms.yaml is not filled yet")
    known = {p["key"] for p in listed["platforms"]}
    used = {p for m in data_modes.modes() for p in m.platforms}
    assert used <= known, used - known


def test_levers_comparison_and_models():
    assert [lv.key for lv in data_modes.levers()] == ["product_selection", "platform_operations", "fulfilment", "customer_service"]
    assert all(len(lv.points) == 4 for lv in data_modes.levers())
    rows = _by_key(data_modes.comparison())
    assert set(rows) >= {"order_size", "frequency", "capital_needed", "entry_barrier", "customer", "payment", "logistics"}
    for row in rows.values():
        assert row.basis in {"guide", "teaching_summary"}
        assert row.value("C2C").en and row.value("C2C").zh
    assert [m.key for m in data_modes.business_models()] == ["b2c_retail", "b2b_wholesale", "agency"]
    assert "资金有限" in _by_key(data_modes.business_models())["agency"].fits.zh


def test_capital_thresholds_are_the_guides_startup_range():
    finder = resource("modes")["fit_finder"]
    assert finder["basis"] == "assumption"
    assert finder["capital_thresholds_usd"] == [figure(f).value for f in finder["capital_thresholds_figures"]] == [4000, 18500]
    starts = {s for subject in (*data_modes.modes(), *data_modes.business_models()) for s, _ in subject.scoring.capital}
    assert starts <= {0, *finder["capital_thresholds_usd"]}


def test_every_reason_the_data_can_produce_is_in_the_catalog_in_both_languages():
    for subject in (*data_modes.modes(), *data_modes.business_models()):
        tables = [("capital", [p for _, p in subject.scoring.capital])]
        tables += [(c, [p for _, p in t]) for c, t in subject.scoring.criteria]
        for criterion, points in tables:
            for pts in points:
                if pts:
                    key = reason_key(subject.key, criterion, pts)
                    assert i18n.has(key), key
                    for lang in ("en", "zh"):
                        assert i18n.t(key, lang, points=pts, capital_usd=5000)


def test_handmade_newcomer_gets_c2c_first_with_hand_computed_score():
    fits = rank_modes(Situation(3000, "handmade", "weak", "none", "test_the_water"), data_modes.modes())
    assert [f.mode_key for f in fits] == ["C2C", "B2C", "B2B"]
    # C2C: capital < 4,000 → +2; handmade +2; weak supply +1; no experience +2; test the water +2
    assert fits[0].score == 2 + 2 + 1 + 2 + 2 == 9
    # B2B: −2 capital, −1 handmade, −3 weak supply, −1 no experience, −2 test the water
    assert fits[-1].score == -2 - 1 - 3 - 1 - 2 == -9


def test_factory_with_strong_supply_chain_gets_b2b_first():
    fits = rank_modes(Situation(50000, "own_factory", "strong", "experienced", "wholesale_volume"), data_modes.modes())
    assert fits[0].mode_key == "B2B" and fits[0].score == 2 + 2 + 3 + 1 + 2


def test_reseller_building_a_brand_gets_b2c_first():
    assert data_modes.rank_modes(Situation(8000, "suppliers", "medium", "some", "retail_brand"))[0].mode_key == "B2C"


@pytest.mark.parametrize(
    "situation, first",
    [
        (Situation(1000, "none", "weak", "none", "side_income"), "agency"),
        (Situation(10000, "suppliers", "medium", "some", "retail_brand"), "b2c_retail"),
        (Situation(30000, "own_factory", "strong", "experienced", "wholesale_volume"), "b2b_wholesale"),
    ],
)
def test_chapter_6_model_choice_follows_the_guide(situation, first):
    fits = data_modes.choose_business_model(situation)
    assert fits[0].model_key == first
    assert fits == choose_business_model(situation, data_modes.business_models())


def test_reasons_render_and_explain_every_nonzero_point():
    fit = rank_modes(Situation(3000, "handmade", "weak", "none", "test_the_water"), data_modes.modes())[0]
    assert len(fit.reasons) == sum(1 for _, p in fit.breakdown if p)
    text_en = fit.reasons[0].render("en")
    assert "3,000" in text_en and "+2" in text_en
    assert "3,000" in fit.reasons[0].render("zh")


@pytest.mark.parametrize(
    "make, name",
    [
        (lambda: Situation(-1, "none", "weak", "none", "side_income"), "capital_usd"),
        (lambda: Situation("lots", "none", "weak", "none", "side_income"), "capital_usd"),
        (lambda: Situation(100, "factory", "weak", "none", "side_income"), "product_source"),
        (lambda: Situation(100, "none", "huge", "none", "side_income"), "supply_chain_strength"),
        (lambda: Situation(100, "none", "weak", "guru", "side_income"), "experience"),
        (lambda: Situation(100, "none", "weak", "none", "get_rich"), "goal"),
        (lambda: rank_modes(Situation(100, "none", "weak", "none", "side_income"), ()), "modes"),
        (lambda: rank_modes({"capital_usd": 100}, data_modes.modes()), "situation"),
        (lambda: choose_business_model(Situation(100, "none", "weak", "none", "side_income"), ()), "models"),
        (lambda: modes.Scoring(capital=((100.0, 1),)), "capital"),
        (lambda: modes.Scoring(capital=((0.0, 1),), criteria=(("luck", (("high", 1),)),)), "criterion"),
        (lambda: data_modes.mode("D2C"), "key"),
    ],
)
def test_bad_input_names_the_argument_in_both_languages(make, name):
    with pytest.raises(InputError) as info:
        make()
    assert name in info.value.message("en") and name in info.value.message("zh")


def test_capital_points_take_the_last_step_reached():
    steps = ((0, -2), (4000, 0), (18500, 2))
    assert [capital_points(c, steps) for c in (0, 3999.99, 4000, 18499, 18500, 1e6)] == [-2, -2, 0, 0, 2, 2]


situations = st.builds(
    Situation,
    st.floats(min_value=0, max_value=1e6, allow_nan=False),
    st.sampled_from(modes.PRODUCT_SOURCES),
    st.sampled_from(modes.SUPPLY_CHAIN_STRENGTHS),
    st.sampled_from(modes.EXPERIENCE),
    st.sampled_from(modes.GOALS),
)


@given(situations)
def test_ranking_is_sorted_and_scores_are_the_sum_of_their_parts(situation):
    fits = rank_modes(situation, data_modes.modes())
    assert sorted(f.mode_key for f in fits) == ["B2B", "B2C", "C2C"]
    assert [f.score for f in fits] == sorted((f.score for f in fits), reverse=True)
    for fit in fits:
        assert fit.score == sum(p for _, p in fit.breakdown)
        assert [m.key for m in fit.reasons] == [reason_key(fit.mode_key, c, p) for c, p in fit.breakdown if p]


@given(situations)
def test_scores_do_not_depend_on_the_order_modes_are_given(situation):
    forward = {f.mode_key: f.score for f in rank_modes(situation, data_modes.modes())}
    backward = {f.mode_key: f.score for f in rank_modes(situation, tuple(reversed(data_modes.modes())))}
    assert forward == backward
