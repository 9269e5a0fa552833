"""The number parser reads what learners type; anything else is 'unreadable', not wrong."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xbedu.quiz.numbers import ParsedNumber, format_number, parse_number


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("1,234.5", 1234.5, ""),
        ("1234.5", 1234.5, ""),
        ("１２３４．５", 1234.5, ""),           # full-width digits and point
        ("１，２３４．５", 1234.5, ""),         # full-width comma
        ("12 kg", 12.0, "kg"),
        ("12kg", 12.0, "kg"),
        ("$12", 12.0, "$"),
        ("US$ 7.30", 7.3, "US$"),
        ("12 美元", 12.0, "美元"),
        ("７．３ 美元", 7.3, "美元"),
        ("1.2万", 12000.0, ""),                # 1.2 × 10^4
        ("3 万美元", 30000.0, "美元"),
        ("-4.5", -4.5, ""),
        ("−4.5", -4.5, ""),                    # U+2212 minus sign
        (".5", 0.5, ""),
        ("  18,500  ", 18500.0, ""),
        ("15%", 15.0, "%"),
        ("1e3", 1000.0, ""),
    ],
)
def test_reads_what_learners_type(text, value, unit):
    assert parse_number(text) == ParsedNumber(value, unit)


@pytest.mark.parametrize("text", ["", "abc", "1,5", "1,23", "1.2.3", "12 kg 3", "1 234", "--3", "kg", "1,2345", "nan", "inf"])
def test_unreadable_text_gives_none(text):
    assert parse_number(text) is None


def test_numbers_pass_through_but_not_bools_or_nan():
    assert parse_number(3) == ParsedNumber(3.0)
    assert parse_number(True) is None
    assert parse_number(float("nan")) is None
    assert parse_number(None) is None


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False).map(lambda x: round(x, 3)))
def test_thousands_separators_round_trip(x):
    text = f"{x:,.3f}"
    assert math.isclose(parse_number(text).value, x, rel_tol=0, abs_tol=1e-6)


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["kg", "USD", "美元", "千克", "%"]))
def test_full_width_digits_and_units_round_trip(n, unit):
    full = "".join(chr(ord(c) + 0xFEE0) for c in str(n))  # '0' → '０'
    assert parse_number(f"{full} {unit}") == ParsedNumber(float(n), unit)
    assert parse_number(f"{n}{unit}") == ParsedNumber(float(n), unit)


def test_format_number_is_readable_and_parses_back():
    assert format_number(1234.5) == "1,234.5"
    assert format_number(18500.0) == "18,500"
    assert format_number(-0.0) == "0"
    assert parse_number(format_number(98765.4321, 4)).value == 98765.4321
