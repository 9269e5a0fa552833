"""Figures written into bank text still match data/: a drift alarm for course authors.

Some questions quote a dated figure in their text (a fee, a market size) because their answer
is worked out by hand from it. When a figure in ``data/figures`` is updated, this test names the
questions to rewrite, instead of letting a bank teach a stale number.
"""

import json
from pathlib import Path

import pytest
import yaml

from xbedu import data

BANKS = Path(__file__).resolve().parent.parent / "quizzes" / "banks"

#: (question id, figure id, the value as the bank's text writes it, that value in the figure's unit)
USES = [
    ("ch04.price_vs_profit", "fees.amazon.referral_rate", "15 %", 0.15),
    ("ch04.price_vs_profit", "fees.amazon.fba_fulfilment_usd", "4.60", 4.60),
    ("ch04.unit_profit", "fees.amazon.fba_fulfilment_usd", "4.60", 4.60),
    ("ch06.compare_platforms", "fees.amazon.referral_rate", "15 %", 0.15),
    ("ch06.compare_platforms", "fees.ebay.final_value_rate", "13.25 %", 0.1325),
    ("ch06.compare_platforms", "fees.etsy.transaction_rate", "6.5 %", 0.065),
    ("ch06.amazon_strengths", "fees.amazon.professional_usd_per_month", "39.99", 39.99),
    ("ch06.zero_platform_fee", "fees.amazon.professional_usd_per_month", "39.99", 39.99),
    ("ch04.above_five_trillion", "markets.global_ecommerce_usd_tn.2024", "6.334", 6.334),
    ("ch05.china_growth", "markets.china_cbec_trade_cny_tn.2018", "1.06", 1.06),
    ("ch05.china_growth", "markets.china_cbec_trade_cny_tn.2024", "2.71", 2.71),
    ("ch05.projection_growth", "markets.global_cross_border_b2c_usd_tn.2024", "1.14", 1.14),
    ("ch05.projection_growth", "markets.global_cross_border_b2c_usd_tn.2030", "1.84", 1.84),
    ("ch03.eu_flat_duty", "customs.eu.flat_duty_eur_per_category", "€3", 3.0),
    ("ch03.us_de_minimis", "customs.us.de_minimis_usd", "800", 800.0),
]


def _question_texts() -> dict[str, str]:
    texts = {}
    for path in sorted(BANKS.glob("ch*.yaml")):
        for question in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
            texts[question["id"]] = json.dumps(question, ensure_ascii=False)
    return texts


@pytest.mark.parametrize("question_id,figure_id,written,value", USES, ids=[f"{q}:{f}" for q, f, _, _ in USES])
def test_bank_text_quotes_the_current_figure(question_id, figure_id, written, value):
    fig = data.figure(figure_id)
    assert fig.value == pytest.approx(value), (
        f"{figure_id} is now {fig.value} {fig.unit} (as of {fig.as_of}); question {question_id} "
        f"still says {written!r}: rewrite its text and answer, then update this table")
    assert written in _question_texts()[question_id], f"{question_id} no longer quotes {written!r}: update this table"
