"""Checks that domain functions run on their inputs; each failure is a bilingual ``InputError``.

Nothing is clamped: a value outside what is allowed is refused with a message that
names the argument, the value given and what is allowed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from .errors import InputError


def number(name: str, value: Any) -> float:
    """Return ``value`` as a finite float, or raise ``InputError``.

    >>> number("price_usd", 12)
    12.0
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError("error.not_a_number", name=name, value=value)
    result = float(value)
    if math.isnan(result) or math.isinf(result):
        raise InputError("error.not_finite", name=name, value=value)
    return result


def positive(name: str, value: Any) -> float:
    """Return ``value`` if it is a number greater than 0."""
    result = number(name, value)
    if result <= 0:
        raise InputError("error.not_positive", name=name, value=value)
    return result


def non_negative(name: str, value: Any) -> float:
    """Return ``value`` if it is a number of at least 0."""
    result = number(name, value)
    if result < 0:
        raise InputError("error.negative", name=name, value=value)
    return result


def between(name: str, value: Any, low: float, high: float) -> float:
    """Return ``value`` if ``low <= value <= high``."""
    result = number(name, value)
    if not low <= result <= high:
        raise InputError("error.out_of_range", name=name, value=value, low=low, high=high)
    return result


def fraction(name: str, value: Any) -> float:
    """Return ``value`` if it is a share between 0 and 1 (e.g. 0.15 for 15 %)."""
    result = number(name, value)
    if not 0 <= result <= 1:
        raise InputError("error.not_fraction", name=name, value=value)
    return result


def whole(name: str, value: Any, minimum: int = 1) -> int:
    """Return ``value`` if it is a whole number of at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError("error.not_a_number", name=name, value=value)
    if isinstance(value, float) and (math.isnan(value) or not value.is_integer()):
        raise InputError("error.not_whole", name=name, value=value)
    if value < minimum:
        raise InputError("error.too_small", name=name, value=value, minimum=minimum)
    return int(value)


def choice(name: str, value: Any, allowed: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``allowed``."""
    options = tuple(allowed)
    if value not in options:
        raise InputError("error.unknown_choice", name=name, value=value, allowed=options)
    return value


def pick(lang: Any, en: Any, zh: Any) -> Any:
    """Return ``en`` or ``zh`` for ``lang`` (refusing any other language): how bilingual fields are read.

    >>> pick("zh", "Express", "国际快递")
    '国际快递'
    """
    return zh if choice("lang", lang, ("en", "zh")) == "zh" else en
