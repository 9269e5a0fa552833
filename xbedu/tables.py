"""Static tables of course results: what a lesson shows before its explorer.

``table(result, lang=...)`` turns a domain result (a shipping comparison, a margin
chain, a unit-economics breakdown, a market series…) into a :class:`~xbedu.format.Table`
that a notebook shows as HTML and nbval compares as text. Same input, same table.

    >>> from xbedu import margins
    >>> table(margins.traditional_chain(10, {"exporter": 0.15, "importer": 0.25, "wholesaler": 0.2, "retailer": 1.0}))
    Traditional chain: the consumer pays 3.5× the factory price
    Layer | Buys at | Sells at | Markup | Keeps
    Factory | — | $10 | — | $10
    Exporter | $10 | $11.50 | 15.0% | $1.50
    Importer | $11.50 | $14.38 | 25.0% | $2.88
    Wholesaler | $14.38 | $17.25 | 20.0% | $2.88
    Retailer | $17.25 | $34.50 | 100.0% | $17.25
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from functools import singledispatch
from typing import Any

from . import (
    customs,
    economics,
    logistics,
    margins,
    markets,
    modes,
    operations,
    startup,
)
from .data import Figure
from .data import modes as mode_data
from .data import platforms as platform_data
from .data.customs import RuleChange
from .data.platforms import Platform
from .format import Table, days, kg, money, months, multiple, number, percent
from .i18n import Message, check_lang, t

__all__ = ["figure_value", "profile", "table"]

_NOTHING = "—"


def table(result: Any, lang: str = "en") -> Table:
    """Return the table that shows ``result`` in ``lang``.

    Accepts one domain result or a sequence of them (quotes, steps, payment methods,
    mode fits, market rows, capital lines, figures…).

    Raises:
        TypeError: no table is defined for that kind of result.
    """
    check_lang(lang)
    if isinstance(result, (tuple, list)):
        if not result:
            raise TypeError("table() needs at least one item to show")
        return _many(result[0], tuple(result), lang)
    return _one(result, lang)


def _name(obj: Any, lang: str) -> str:
    """Pick ``name_zh``/``name_en`` (or ``zh``/``en``) from a bilingual value."""
    for en, zh in (("name_en", "name_zh"), ("en", "zh"), ("label_en", "label_zh")):
        if hasattr(obj, en):
            return getattr(obj, zh) if lang == "zh" else getattr(obj, en)
    raise TypeError(f"{type(obj).__name__} has no bilingual name")


def _notes(messages: Sequence[Message], lang: str) -> tuple[str, ...]:
    return tuple(m.render(lang) for m in messages)


# --- one result -------------------------------------------------------------------------------

@singledispatch
def _one(result: Any, lang: str) -> Table:
    raise TypeError(f"no table is defined for {type(result).__name__}")


@_one.register
def _(chain: margins.Chain, lang: str) -> Table:
    head = tuple(t(f"tables.chain.{c}", lang) for c in ("layer", "buys", "sells", "markup", "keeps"))
    rows = [(t("margins.layer.factory", lang), _NOTHING, money(chain.factory_price_usd, lang), _NOTHING, money(chain.factory_price_usd, lang))]
    rows += [(t(f"margins.layer.{p.key}", lang), money(p.buy_usd, lang), money(p.sell_usd, lang), percent(p.markup), money(p.keeps_usd, lang))
             for p in chain.layers]
    return Table(head, tuple(rows), caption=t("tables.chain.caption", lang, multiple=multiple(chain.multiple)))


@_one.register
def _(sale: margins.DirectSale, lang: str) -> Table:
    head = (t("tables.chain.layer", lang), t("tables.usd", lang), t("tables.share", lang))
    rows = tuple((t(f"margins.layer.{s.key}", lang), money(s.usd, lang), percent(s.share)) for s in sale.shares)
    caption = t("tables.direct.caption", lang, price=money(sale.price_usd, lang), multiple=multiple(sale.multiple),
                margin=percent(sale.seller_margin))
    notes = (t("tables.loses_money", lang),) if sale.loses_money else ()
    return Table(head, rows, caption=caption, notes=notes)


@_one.register
def _(result: margins.PriceVsProfit, lang: str) -> Table:
    head = (_NOTHING, t("tables.pvp.domestic", lang), t("tables.pvp.overseas", lang), t("tables.pvp.multiple", lang))
    profit_multiple = multiple(result.profit_multiple) if result.profit_multiple is not None else _NOTHING
    rows = ((t("tables.pvp.profit", lang), money(result.domestic_profit_usd, lang), money(result.overseas_profit_usd, lang), profit_multiple),
            (t("tables.pvp.price_multiple", lang), _NOTHING, _NOTHING, multiple(result.price_multiple)))
    return Table(head, rows, notes=(result.message.render(lang),))


@_one.register
def _(result: economics.UnitEconomics, lang: str) -> Table:
    head = (t("tables.unit.line", lang), t("tables.usd", lang), t("tables.unit.of_price", lang))
    revenue = result.revenue_usd
    rows = [(t("tables.unit.price", lang), money(revenue, lang), percent(1.0))]
    rows += [(t(f"economics.line.{line.key}", lang), money(-line.usd, lang), percent(-line.usd / revenue if revenue else 0.0))
             for line in result.lines if line.usd]
    rows.append((t("tables.unit.profit", lang), money(result.profit_usd, lang), percent(result.margin)))
    caption = t("tables.unit.caption", lang, profit=money(result.profit_usd, lang), margin=percent(result.margin), roi=percent(result.roi))
    return Table(head, tuple(rows), caption=caption, notes=_notes(result.notes, lang))


@_one.register
def _(charges: customs.ImportCharges, lang: str) -> Table:
    head = (t("tables.customs.item", lang), t("tables.usd", lang))
    rows = ((t("tables.customs.duty", lang), money(charges.duty_usd, lang)),
            (t("tables.customs.flat_duty", lang), money(charges.flat_duty_usd, lang)),
            (t("tables.customs.vat", lang), money(charges.vat_usd, lang)),
            (t("tables.customs.total", lang), money(charges.total_usd, lang)))
    return Table(head, rows, caption=t("tables.customs.caption", lang, market=t(f"tables.market.{charges.market_key}", lang)), notes=_notes(charges.notes, lang))


@_one.register
def _(change: RuleChange, lang: str) -> Table:
    before = t("tables.change.before", lang, day=(change.changed_on - timedelta(days=1)).isoformat())
    after = t("tables.change.after", lang, day=change.changed_on.isoformat())
    head = (t("tables.customs.item", lang), before, after)
    rows = tuple((t(f"tables.customs.{key}", lang), money(getattr(change.before, f"{key}_usd"), lang), money(getattr(change.after, f"{key}_usd"), lang))
                 for key in ("duty", "flat_duty", "vat", "total"))
    caption = t("tables.change.caption", lang, market=t(f"tables.market.{change.market_key}", lang), value=money(change.customs_value_usd, lang))
    return Table(head, rows, caption=caption, notes=_notes(change.after.notes, lang))


@_one.register
def _(line: operations.Timeline, lang: str) -> Table:
    head = (t("tables.timeline.event", lang), t("tables.timeline.day", lang))
    rows = tuple((t(f"tables.timeline.{key}", lang), number(day)) for key, day in
                 (("order", line.order_day), ("ship", line.ship_day), ("arrival", line.arrival_day), ("payout", line.payout_day)))
    caption = t("tables.timeline.caption", lang, peak=money(line.peak_tied_usd, lang), days=days(line.payout_day - line.order_day, lang),
                usd_days=number(line.tied_usd_days))
    return Table(head, rows, caption=caption)


@_one.register
def _(series: markets.Series, lang: str) -> Table:
    head = (t("markets.label.year", lang), t("markets.label.value", lang), t("tables.source", lang), t("tables.as_of", lang))
    rows = tuple((str(p.year), figure_value(p.value, series.unit), _source(p.basis, p.source_title, lang), p.as_of)
                 for p in series.points)
    return Table(head, rows)


@_one.register
def _(runway: startup.Runway, lang: str) -> Table:
    head = (_NOTHING, t("tables.usd", lang))
    rows = ((t("tables.runway.capital", lang), money(runway.capital_usd, lang)),
            (t("tables.runway.launch", lang), money(runway.launch_usd, lang)),
            (t("tables.runway.left", lang), money(runway.left_after_launch_usd, lang)),
            (t("tables.runway.monthly", lang), money(runway.monthly_cost_usd, lang)))
    return Table(head, rows, caption=t("tables.runway.caption", lang, months=months(runway.months, lang)))


@_one.register
def _(rec: logistics.Recommendation, lang: str) -> Table:
    choice = t(f"logistics.option.{rec.choice.option_key}", lang) if rec.choice else _NOTHING
    return Table((t("tables.rec.choice", lang), t("tables.rec.why", lang)), ((choice, rec.reason.render(lang)),))


@_one.register
def _(situation: modes.Situation, lang: str) -> Table:
    head = (t("tables.situation.question", lang), t("tables.situation.answer", lang))
    rows = [(t("modes.label.capital", lang), money(situation.capital_usd, lang))]
    rows += [(t(f"modes.label.{name}", lang), t(f"modes.option.{name}.{getattr(situation, name)}", lang))
             for name in ("product_source", "supply_chain_strength", "experience", "goal")]
    return Table(head, tuple(rows))


def profile(mode: modes.Mode, lang: str = "en") -> Table:
    """Return who a mode fits and does not fit, its traits and its platforms, as one table.

    >>> from xbedu.data import modes as mode_data
    >>> profile(mode_data.modes()[0]).rows[0][0]
    'Platforms'
    """
    check_lang(lang)
    sep = t("tables.list_sep", lang)
    names = {p.key: _name(p, lang) for p in platform_data.platforms()}
    rows = [(t("tables.profile.platforms", lang), sep.join(names.get(k, k) for k in mode.platforms))]
    for label, texts in (("traits", mode.traits), ("fits", mode.fits), ("not_fits", mode.not_fits)):
        if texts:
            rows.append((t(f"tables.profile.{label}", lang), sep.join(_name(x, lang) for x in texts)))
    return Table((_name(mode, lang), _NOTHING), tuple(rows))


@_one.register
def _(mode: modes.Mode, lang: str) -> Table:
    head = ("#", t("tables.mode.step", lang))
    return Table(head, tuple((str(i), _name(s, lang)) for i, s in enumerate(mode.flow_steps, 1)), caption=_name(mode, lang))


def _pct(share: float) -> str:
    """A share as a percentage with as many decimals as it needs (15%, 13.25%)."""
    return percent(share, 2 if abs(round(share * 100, 2) - round(share * 100, 1)) > 1e-9 else 1)


def figure_value(value: float, unit: str) -> str:
    """Return a figure's value as a learner reads it: shares as percentages, dates as dates, else value and unit.

    >>> figure_value(0.265, "share"), figure_value(20250829, "date as YYYYMMDD"), figure_value(220.55, "USD bn")
    ('26.5%', '2025-08-29', '221 USD bn')
    """
    if unit.startswith("share"):
        return _pct(value)
    if unit.startswith("date as YYYYMMDD"):
        raw = int(value)
        return f"{raw // 10000:04d}-{raw // 100 % 100:02d}-{raw % 100:02d}"
    return f"{number(value, 2 if abs(value) < 100 else 0)} {unit}"


def _source(basis: str, title: str, lang: str) -> str:
    return t("tables.guide_figure", lang) if basis == "guide" else title


# --- many results -----------------------------------------------------------------------------

@singledispatch
def _many(first: Any, items: tuple[Any, ...], lang: str) -> Table:
    raise TypeError(f"no table is defined for a sequence of {type(first).__name__}")


@_many.register
def _(first: logistics.Quote, quotes: tuple[logistics.Quote, ...], lang: str) -> Table:
    head = tuple(t(f"tables.quote.{c}", lang) for c in ("option", "chargeable", "cost", "days", "holding", "total", "allowed"))
    rows = []
    for q in quotes:
        allowed = t("tables.yes", lang) if q.available else " ".join(_notes(q.reasons, lang))
        rows.append((t(f"logistics.option.{q.option_key}", lang), kg(round(q.chargeable_weight_kg, 2), lang), money(q.cost_usd, lang),
                     t("tables.days_range", lang, low=number(q.days_min, 1 if q.days_min % 1 else 0), high=number(q.days_max, 1 if q.days_max % 1 else 0)),
                     money(q.holding_cost_usd, lang), money(q.total_cost_usd, lang), allowed))
    return Table(head, tuple(rows))


@_many.register
def _(first: operations.Step, steps: tuple[operations.Step, ...], lang: str) -> Table:
    head = ("#", t("tables.step.name", lang), t("tables.step.what", lang))
    return Table(head, tuple((str(s.order), s.name_zh if lang == "zh" else s.name_en, s.what_zh if lang == "zh" else s.what_en) for s in steps))


@_many.register
def _(first: operations.PaymentCategory, categories: tuple[operations.PaymentCategory, ...], lang: str) -> Table:
    head = (t("tables.payment.category", lang), t("tables.payment.examples", lang))
    rows = tuple((c.name_zh if lang == "zh" else c.name_en, t("tables.list_sep", lang).join(c.examples_zh if lang == "zh" else c.examples_en))
                 for c in categories)
    return Table(head, rows)


@_many.register
def _(first: logistics.ShippingOption, options: tuple[logistics.ShippingOption, ...], lang: str) -> Table:
    head = tuple(t(f"tables.option.{c}", lang) for c in ("option", "days", "rate", "fixed", "weight", "limits"))
    rows = []
    for o in options:
        weight = (t("tables.option.volumetric", lang, divisor=number(o.volumetric_divisor_cm3_per_kg))
                  if o.volumetric_divisor_cm3_per_kg else t("tables.option.actual", lang))
        limits = [t(f"tables.option.max_{name}", lang, n=number(value)) for name, value in
                  (("weight", o.max_weight_kg), ("value", o.max_value_usd), ("dims", o.max_dims_sum_cm), ("side", o.max_side_cm)) if value]
        fixed = money(max(o.fixed_usd_per_parcel, o.min_charge_usd), lang) if (o.fixed_usd_per_parcel or o.min_charge_usd) else _NOTHING
        rows.append((t(f"logistics.option.{o.key}", lang),
                     t("tables.days_range", lang, low=number(o.days_min), high=number(o.days_max)),
                     money(o.rate_usd_per_kg, lang), fixed, weight, t("tables.list_sep", lang).join(limits) or _NOTHING))
    return Table(head, tuple(rows))


@_many.register
def _(first: modes.Mode, all_modes: tuple[modes.Mode, ...], lang: str) -> Table:
    head = (t("tables.mode.name", lang), t("tables.mode.definition", lang))
    return Table(head, tuple((_name(m, lang), _name(m.definition, lang) if m.definition else _NOTHING) for m in all_modes))


@_many.register
def _(first: modes.Text, texts: tuple[modes.Text, ...], lang: str) -> Table:
    return Table(("#", t("tables.item", lang)), tuple((str(i), _name(x, lang)) for i, x in enumerate(texts, 1)))


@_many.register
def _(first: operations.PaymentMethod, methods: tuple[operations.PaymentMethod, ...], lang: str) -> Table:
    head = tuple(t(f"tables.payment.{c}", lang) for c in ("method", "fee", "fixed", "fx", "payout"))
    rows = tuple((t(f"operations.method.{m.key}", lang), percent(m.fee_rate, 2), money(m.fee_fixed_usd, lang), percent(m.fx_spread_rate, 2),
                  days(m.payout_days, lang)) for m in methods)
    return Table(head, rows)


@_many.register
def _(first: operations.PositionCheck, checks: tuple[operations.PositionCheck, ...], lang: str) -> Table:
    head = tuple(t(f"tables.order.{c}", lang) for c in ("position", "yours", "correct", "verdict"))
    rows = tuple((str(c.position), c.proposed_key, c.correct_key, t("tables.right" if c.correct else "tables.wrong", lang)) for c in checks)
    return Table(head, rows)


def _fits(fits: tuple[Any, ...], names: dict[str, str], key_attr: str, lang: str) -> Table:
    head = ("#", t("tables.fit.option", lang), t("modes.label.score", lang), t("tables.fit.reasons", lang))
    rows = tuple((str(rank), names[getattr(fit, key_attr)], f"{fit.score:+d}", t("tables.sentence_sep", lang).join(_notes(fit.reasons, lang)))
                 for rank, fit in enumerate(fits, 1))
    return Table(head, rows)


@_many.register
def _(first: modes.ModeFit, fits: tuple[modes.ModeFit, ...], lang: str) -> Table:
    return _fits(fits, {m.key: _name(m, lang) for m in mode_data.modes()}, "mode_key", lang)


@_many.register
def _(first: modes.ModelFit, fits: tuple[modes.ModelFit, ...], lang: str) -> Table:
    return _fits(fits, {m.key: _name(m, lang) for m in mode_data.business_models()}, "model_key", lang)


@_many.register
def _(first: modes.ComparisonRow, rows: tuple[modes.ComparisonRow, ...], lang: str) -> Table:
    keys = tuple(k for k, _ in first.values)
    head = (t("tables.compare.dimension", lang), *keys)
    body = tuple((_name(r.label, lang), *(_name(dict(r.values)[k], lang) for k in keys)) for r in rows)
    return Table(head, body)


@_many.register
def _(first: modes.Lever, levers: tuple[modes.Lever, ...], lang: str) -> Table:
    head = (t("tables.lever.name", lang), t("tables.lever.points", lang))
    return Table(head, tuple((_name(lv.name, lang), t("tables.list_sep", lang).join(_name(p, lang) for p in lv.points)) for lv in levers))


@_many.register
def _(first: markets.MarketRow, rows: tuple[markets.MarketRow, ...], lang: str) -> Table:
    head = (t("markets.label.market", lang), t("markets.label.traits", lang), t("markets.label.figures", lang))
    body = []
    for r in rows:
        traits = t("tables.list_sep", lang).join(_name(tr, lang) for tr in r.traits)
        figs = t("tables.list_sep", lang).join(t("tables.label_value", lang, label=_name(f, lang), value=f"{figure_value(f.value, f.unit)} ({f.as_of})") for f in r.figures)
        body.append((_name(r, lang), traits, figs or _NOTHING))
    return Table(head, tuple(body))


@_many.register
def _(first: startup.CapitalLine, lines: tuple[startup.CapitalLine, ...], lang: str) -> Table:
    head = (t("tables.capital.line", lang), t("startup.scenario.min", lang), t("startup.scenario.typical", lang), t("startup.scenario.max", lang))
    rows = [(t(f"startup.line.{ln.key}", lang), money(ln.min_usd, lang), money(ln.typical_usd, lang), money(ln.max_usd, lang)) for ln in lines]
    total = startup.plan_totals(lines)
    rows.append((t("startup.line.total", lang), money(total.min_usd, lang), money(total.typical_usd, lang), money(total.max_usd, lang)))
    return Table(head, tuple(rows))


@_many.register
def _(first: Platform, platforms: tuple[Platform, ...], lang: str) -> Table:
    head = (t("tables.platform.name", lang), t("tables.platform.modes", lang), t("tables.platform.markets", lang), t("tables.platform.fees", lang))
    rows = []
    for plat in platforms:
        markets_text = t("tables.list_sep", lang).join(t(f"tables.region.{m}", lang) for m in plat.markets)
        fees = t("tables.list_sep", lang).join(_fee(fid, lang) for fid in plat.fee_figure_ids[:3]) or (plat.fee_note_zh if lang == "zh" else plat.fee_note_en) or _NOTHING
        rows.append((_name(plat, lang), " / ".join(plat.modes), markets_text, fees))
    return Table(head, tuple(rows))


def _fee(figure_id: str, lang: str) -> str:
    from .data import figure

    fig = figure(figure_id)
    shown = _pct(fig.value) if fig.unit.startswith("share") else money(fig.value, lang)
    return t("tables.label_value", lang, label=_name(fig, lang), value=shown)


def _figure_rows(first: Any, figs: tuple[Any, ...], lang: str) -> Table:
    head = (t("tables.figure.what", lang), t("markets.label.value", lang), t("tables.source", lang), t("tables.as_of", lang))
    rows = tuple((_name(f, lang), figure_value(f.value, f.unit),
                  t("tables.assumption", lang) if getattr(f, "assumption", False) else _source(f.basis, f.source_title, lang), f.as_of)
                 for f in figs)
    return Table(head, rows)


_many.register(Figure, _figure_rows)
