"""Read a number the way a learner types it: "1,234.5", "１２３４．５", "12 kg", "$12", "12 美元", "1.2万".

Rules: full-width characters are folded (NFKC); commas are thousands separators only in
groups of three ("1,5" is ambiguous and refused, not guessed); a currency sign or code may
come first; a unit (letters, CJK, %, currency) may follow; 万 and 亿 multiply by 10⁴ and
10⁸. Anything else is *unreadable*: the grader says "could not read this as a number"
instead of marking it wrong.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["ParsedNumber", "format_number", "parse_number"]

_NUMBER = re.compile(
    r"""^
    (?P<prefix>US\$|\$|USD|RMB|CNY|¥|€|£|EUR|GBP|JPY)?\s*
    (?P<sign>[-+])?\s*
    (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d*)?|\.\d+)
    (?P<exp>[eE][-+]?\d+)?
    \s*(?P<mult>[万亿])?
    \s*(?P<unit>[^\d\s.,+\-][^\d]*)?
    $""",
    re.VERBOSE,
)
_MULTIPLIERS = {"万": 1e4, "亿": 1e8}
_MINUS = dict.fromkeys(map(ord, "−–—"), "-")


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """A number read from text, and the unit text that followed it (``""`` if none)."""

    value: float
    unit: str = ""


def parse_number(text: object) -> ParsedNumber | None:
    """Return the number in ``text`` (int/float pass through), or None if it cannot be read.

    >>> parse_number("１，２３４．５ kg")
    ParsedNumber(value=1234.5, unit='kg')
    >>> parse_number("1,5") is None
    True
    """
    if isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        return ParsedNumber(float(text)) if math.isfinite(text) else None
    if not isinstance(text, str):
        return None
    folded = unicodedata.normalize("NFKC", text).translate(_MINUS).strip()
    match = _NUMBER.match(folded)
    if not match:
        return None
    raw = match["num"].replace(",", "") + (match["exp"] or "")
    try:
        value = float(raw)
    except ValueError:  # pragma: no cover - the pattern only lets floats through
        return None
    if match["mult"]:
        value *= _MULTIPLIERS[match["mult"]]
    if match["sign"] == "-":
        value = -value
    if not math.isfinite(value):
        return None
    unit = (match["unit"] or "").strip()
    if match["prefix"] and not unit:
        unit = match["prefix"]
    return ParsedNumber(value, unit)


def format_number(value: float, decimals: int = 2) -> str:
    """Format a key for display: thousands separators, at most ``decimals`` decimals, no trailing zeros.

    >>> format_number(1234.5)
    '1,234.5'
    """
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
