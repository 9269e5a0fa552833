"""Bad input gets a bilingual error naming the argument, the value and what is allowed."""

import math

import pytest
from hypothesis import given, strategies as st

from xbedu import validation
from xbedu.errors import InputError


def test_message_names_argument_value_and_rule_in_both_languages():
    with pytest.raises(InputError) as info:
        validation.positive("weight_kg", -2)
    err = info.value
    assert isinstance(err, ValueError)
    assert err.message("en") == "weight_kg must be greater than 0; got -2."
    assert err.message("zh") == "weight_kg 必须大于 0；收到的是 -2。"
    assert err.message("en") in str(err) and err.message("zh") in str(err)


@pytest.mark.parametrize("bad", ["12", None, True, [1], float("nan"), float("inf")])
def test_non_numbers_are_refused_not_coerced(bad):
    with pytest.raises(InputError) as info:
        validation.number("price_usd", bad)
    assert "price_usd" in info.value.message("en")


def test_choice_lists_what_is_allowed():
    with pytest.raises(InputError) as info:
        validation.choice("market", "mars", ("US", "EU"))
    assert info.value.message("en") == "market must be one of: US, EU; got 'mars'."


def test_fraction_and_between_do_not_clamp():
    with pytest.raises(InputError):
        validation.fraction("return_rate", 1.5)
    with pytest.raises(InputError):
        validation.between("days", 31, 1, 30)
    assert validation.fraction("return_rate", 0.0) == 0.0


def test_whole_refuses_fractions_and_small_values():
    assert validation.whole("units", 3.0) == 3
    with pytest.raises(InputError):
        validation.whole("units", 2.5)
    with pytest.raises(InputError):
        validation.whole("units", 0)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=1e-9))
def test_positive_accepts_every_positive_float(x):
    assert validation.positive("x", x) == x


@given(st.floats(max_value=0.0) | st.just(math.nan))
def test_positive_refuses_zero_negative_and_nan(x):
    with pytest.raises(InputError):
        validation.positive("x", x)
