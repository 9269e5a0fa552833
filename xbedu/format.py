"""How the course writes numbers for a learner: money (USD, optionally with CNY), days, shares, tables.

Shared by the static tables a lesson shows (``xbedu.tables``), the explorers
(``xbedu.widgets``) and the capstone plan, so a number reads the same everywhere.
Pure string formatting: no I/O beyond the i18n catalog.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

from .i18n import t

__all__ = ["Table", "days", "html_table", "kg", "money", "months", "multiple", "number", "percent"]


def number(value: float, decimals: int = 0) -> str:
    """Return ``value`` with thousands separators and a plain minus sign.

    >>> number(12345.678, 1)
    '12,345.7'
    """
    text = f"{abs(value):,.{decimals}f}"
    return ("-" if value < 0 and text.strip("0.,") else "") + text


def _money_decimals(usd: float) -> int:
    return 0 if abs(usd) >= 1000 or float(usd).is_integer() else 2


def money(usd: float, lang: str, *, cny_per_usd: float | None = None, decimals: int | None = None) -> str:
    """Return an amount in USD as a learner reads it, with its CNY value when a rate is given.

    >>> money(1234.4, "en")
    '$1,234'
    >>> money(12.5, "zh", cny_per_usd=7.0)
    '12.50 美元（约合人民币 87.50 元）'
    """
    places = _money_decimals(usd) if decimals is None else decimals
    sign = "-" if usd < 0 and number(usd, places).startswith("-") else ""
    text = t("widgets.fmt.usd", lang, sign=sign, amount=number(abs(usd), places))
    if cny_per_usd is None:
        return text
    cny = usd * cny_per_usd
    cny_text = number(abs(cny), _money_decimals(cny) if decimals is None else decimals)
    return t("widgets.fmt.usd_cny", lang, usd=text, cny_sign="-" if cny < 0 and cny_text.strip("0.,") else "", cny=cny_text)


def days(value: float, lang: str) -> str:
    """Return a number of days, e.g. ``"12 days"`` / ``"12 天"``.

    >>> days(1, "en"), days(7.5, "zh")
    ('1 day', '7.5 天')
    """
    shown = number(value, 0 if float(value).is_integer() else 1)
    return t("widgets.fmt.day_one" if shown == "1" else "widgets.fmt.days", lang, n=shown)


def months(value: float, lang: str) -> str:
    """Return a number of months with one decimal, or "no limit" when infinite.

    >>> months(3.26, "en")
    '3.3 months'
    """
    if math.isinf(value):
        return t("widgets.fmt.months_unlimited", lang)
    return t("widgets.fmt.months", lang, n=number(value, 1))


def percent(share: float, decimals: int = 1) -> str:
    """Return a share (0.153) as a percentage (``"15.3%"``), the same in both languages.

    >>> percent(0.153)
    '15.3%'
    """
    return f"{number(share * 100, decimals)}%"


def multiple(value: float) -> str:
    """Return a ratio as a multiple, e.g. ``"2.1×"``.

    >>> multiple(2.08)
    '2.1×'
    """
    return f"{number(value, 1)}×"


def kg(value: float, lang: str) -> str:
    """Return a weight in kilograms.

    >>> kg(1.25, "zh")
    '1.25 公斤'
    """
    return t("widgets.fmt.kg", lang, n=f"{value:g}")


@dataclass(frozen=True, slots=True)
class Table:
    """A small table of text cells: shown as accessible HTML in a notebook, as plain text elsewhere.

    The first cell of each row names the row (it becomes a row header in HTML).

    >>> Table(("option", "days"), (("express", "5"),), caption="Transit")
    Transit
    option | days
    express | 5
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    notes: tuple[str, ...] = ()

    def column(self, index: int) -> tuple[str, ...]:
        """Return one column's cells."""
        return tuple(row[index] for row in self.rows)

    def _repr_html_(self) -> str:
        notes = "".join(f"<p style='margin:2px 0;font-size:90%'>{html.escape(n)}</p>" for n in self.notes)
        return html_table(self, self.caption) + notes

    def __repr__(self) -> str:
        lines = [self.caption] if self.caption else []
        lines += [" | ".join(row) for row in (self.headers, *self.rows)]
        return "\n".join(lines + list(self.notes))


def html_table(table: Table, caption: str = "") -> str:
    """Return the table as accessible HTML (``<caption>``, ``<th scope="col">``, first cell as row header)."""
    head = "".join(f'<th scope="col" style="text-align:left;padding:2px 8px">{html.escape(h)}</th>' for h in table.headers)
    body = []
    for row in table.rows:
        cells = [f'<th scope="row" style="text-align:left;padding:2px 8px;font-weight:normal">{html.escape(row[0])}</th>']
        cells += [f'<td style="text-align:right;padding:2px 8px">{html.escape(c)}</td>' for c in row[1:]]
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption style='text-align:left'>{html.escape(caption)}</caption>" if caption else ""
    return f"<table class='xbedu-table'>{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
