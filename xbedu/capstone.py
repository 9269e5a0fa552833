"""The capstone of lesson 06: plan a first cross-border product by chaining the course's calculators.

``plan_first_product`` takes the learner's choices (mode, market, platform, logistics option,
price) and product (cost, weight, box, first order) and runs them through the domain
functions: the mode fit-finder, the market's traits and figures, the logistics quote for the
first order, landed cost and unit economics, and the start-up budget with its runway. The
result, a ``FirstProductPlan``, knows the data figures behind each of its numbers and writes
itself as a one-page Markdown or HTML plan. ``capstone_explorer`` puts the same inputs on
controls. How the logistics quote enters one sale:

- **Amazon FBA**: the option carries the stock to Amazon's warehouse (first-leg freight per
  unit); Amazon's own fulfilment and storage fees apply. With the overseas-warehouse option only
  its sea leg counts, since FBA's fees replace the warehouse's.
- **A seller-fulfilled platform with a parcel option** (express, dedicated line, postal): each
  order goes from China straight to the buyer; the quote per unit is the shipping to the buyer
  and the parcel is imported on its own, so its duty uses that cost as the freight.
- **A seller-fulfilled platform with the overseas warehouse**: the stock is imported in bulk, and
  the warehouse's per-unit fee and storage are the fulfilment.

    >>> from datetime import date
    >>> plan = plan_first_product(mode="B2C", market="US", platform="amazon_fba", logistics_option="overseas_warehouse",
    ...     price_usd=25.0, product_cost_usd=5.0, weight_kg=0.4, length_cm=20, width_cm=15, height_cm=8,
    ...     units_first_order=200, on=date(2026, 7, 1))
    >>> plan.unit.loses_money, plan.capital_lines[1].typical_usd
    (False, 1000.0)
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from . import economics, logistics, startup
from . import validation as v
from .data import Figure, figure, figures
from .data import economics as economics_data
from .data import logistics as logistics_data
from .data import markets as markets_data
from .data import modes as modes_data
from .data import platforms as platforms_data
from .data import startup as startup_data
from .errors import InputError
from .i18n import Message, check_lang, t
from .modes import MODE_KEYS, ModeFit, Situation
from .widgets.base import Control, Explorer
from .widgets.format import Table, days, kg, money, months, number, percent

__all__ = ["MARKETS", "CapstoneExplorer", "FirstProductPlan", "capstone_explorer", "plan_first_product"]

#: Markets a first product can target: customs rules by country, or Southeast Asia (no import rules modelled).
MARKETS: tuple[str, ...] = ("US", "EU_DE", "EU_FR", "UK", "JP", "southeast_asia")
#: Each market's chapter-6 region (traits and market figures) and the customs rules that apply.
_REGION = {"US": "north_america", "EU_DE": "europe", "EU_FR": "europe", "UK": "europe", "JP": "japan",
           "southeast_asia": "southeast_asia"}
_CUSTOMS_IDS = {"US": ("customs.us.",), "EU_DE": ("customs.eu.", "customs.de.", "fx.eur_per_usd"),
                "EU_FR": ("customs.eu.", "customs.fr.", "fx.eur_per_usd"), "UK": ("customs.uk.", "fx.gbp_per_usd"),
                "JP": ("customs.jp.", "fx.jpy_per_usd"), "southeast_asia": ()}
_LEARNER = "learner"  # marks a number that is the learner's own input
_ABOVE = "above"  # marks a number worked out from the lines above it


def _ids(*prefixes: str) -> tuple[str, ...]:
    """Figure ids: a prefix ending in '.' names every figure under it, otherwise one id."""
    out: list[str] = []
    for p in prefixes:
        out += [f.id for f in figures(p)] if p.endswith(".") else [figure(p).id]
    return tuple(dict.fromkeys(out))


@dataclass(frozen=True, slots=True)
class _Both:
    """A name in both languages inside a ``Message``: templates write ``{platform:en}`` / ``{platform:zh}``."""

    en: str
    zh: str

    def __format__(self, spec: str) -> str:
        return self.zh if spec == "zh" else self.en


@dataclass(frozen=True, slots=True, repr=False)
class FirstProductPlan:
    """A first product planned end to end, with the figures behind each number (``sources_of``)."""

    product_name: str
    on: date
    lang: str
    mode: str
    mode_fit: ModeFit
    mode_rank: int
    top_mode: str
    market: str
    customs_market: str | None
    region: Any  # xbedu.markets.Market
    platform: str
    logistics_option: str
    shipment: logistics.Shipment
    quote: logistics.Quote
    inputs: economics.UnitInputs
    unit: economics.UnitEconomics
    break_even_price_usd: float
    break_even_units: float
    monthly_costs: tuple[startup.MonthlyCost, ...]
    capital_lines: tuple[startup.CapitalLine, ...]
    guide_lines: tuple[startup.CapitalLine, ...]
    capital_totals: startup.Totals
    guide_totals: startup.Totals
    runway: startup.Runway
    notes: tuple[Message, ...]
    number_sources: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())

    def sources_of(self, number_key: str) -> tuple[str, ...]:
        """Return the figure ids behind one number (``("learner",)`` for the learner's own input)."""
        return dict(self.number_sources).get(number_key, ())

    @property
    def sources(self) -> tuple[Figure, ...]:
        """Every data figure the plan's numbers come from, in first-use order."""
        ids = dict.fromkeys(fid for _, group in self.number_sources for fid in group if fid not in (_LEARNER, _ABOVE))
        return tuple(figure(fid) for fid in ids)

    @property
    def loses_money(self) -> bool:
        """Whether one unit sold at the planned price loses money."""
        return self.unit.loses_money

    def warnings(self, lang: str | None = None) -> tuple[str, ...]:
        """Return the plan's warnings (a loss, an option that cannot carry the goods, a mismatch) as text."""
        lang = check_lang(lang or self.lang)
        return tuple(m.render(lang) for m in self.notes)

    def headline(self, lang: str | None = None) -> str:
        """Return the plan in one sentence: profit per unit, capital against the guide, runway."""
        return _headline(self, check_lang(lang or self.lang))

    def to_markdown(self, lang: str | None = None) -> str:
        """Return the one-page plan as Markdown (text from the learner escaped)."""
        return _markdown(self, check_lang(lang or self.lang))

    def to_html(self, lang: str | None = None) -> str:
        """Return the one-page plan as a self-contained HTML document (escaped, printable)."""
        lang = check_lang(lang or self.lang)
        title = html.escape(t("capstone.doc.title", lang, product=_name(self, lang)))
        return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>'
                f"<style>{_CSS}</style></head><body>{_html_body(self, lang)}</body></html>\n")

    def save(self, path: str | Path, lang: str | None = None) -> Path:
        """Write the plan to ``path``: ``.md`` as Markdown, ``.html``/``.htm`` as HTML; returns the path."""
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix not in (".md", ".html", ".htm"):
            raise InputError("capstone.error.suffix", name="path", value=str(path))
        text = self.to_markdown(lang) if suffix == ".md" else self.to_html(lang)
        target.write_text(text, encoding="utf-8")
        return target

    def _repr_html_(self) -> str:
        return f"<style>{_CSS}</style>{_html_body(self, self.lang)}"

    def __repr__(self) -> str:
        return f"<FirstProductPlan {self.product_name!r} profit/unit={self.unit.profit_usd:.2f} USD>"


def plan_first_product(
    *,
    mode: str,
    market: str,
    platform: str,
    logistics_option: str,
    price_usd: float,
    product_cost_usd: float,
    weight_kg: float,
    length_cm: float,
    width_cm: float,
    height_cm: float,
    units_first_order: int,
    on: date | str,
    monthly_cost_usd: float | None = None,
    capital_usd: float | None = None,
    situation: Situation | None = None,
    product_name: str = "",
    lang: str = "en",
) -> FirstProductPlan:
    """Plan a first product: mode fit, market, logistics quote, unit economics, start-up capital and runway.

    Args:
        mode: "B2B", "B2C" or "C2C".
        market: one of ``MARKETS`` ("US", "EU_DE", "EU_FR", "UK", "JP", "southeast_asia").
        platform: a preset of ``xbedu.data.economics.PLATFORMS`` ("amazon_fba", "amazon_fbm", "ebay", "etsy", "shopee").
        logistics_option: "express", "dedicated_line", "postal" or "overseas_warehouse".
        price_usd, product_cost_usd: selling price and purchase cost of one unit.
        weight_kg, length_cm, width_cm, height_cm: one packed unit.
        units_first_order: units bought and shipped in the first order.
        on: the date whose fees and customs rules apply (a ``date`` or ``"YYYY-MM-DD"``).
        monthly_cost_usd: running costs per month after launch (default: the data's lean budget).
        capital_usd: the money you have (default: the guide's maximum start-up budget).
        situation: what the mode fit-finder scores (default: the data's example learner, with ``capital_usd``).
        product_name: shown as the plan's title.
        lang: the language the plan is shown in ("en" or "zh").

    Raises:
        InputError: a choice is unknown, a number is not allowed, or ``on`` is not a date.
    """
    lang = check_lang(lang)
    v.choice("mode", mode, MODE_KEYS)
    v.choice("market", market, MARKETS)
    v.choice("platform", platform, economics_data.PLATFORMS)
    v.choice("logistics_option", logistics_option, logistics.OPTION_KEYS)
    on = _as_date(on)
    if not isinstance(product_name, str):
        raise InputError("capstone.error.name", name="product_name", value=product_name)
    price, cost = v.non_negative("price_usd", price_usd), v.non_negative("product_cost_usd", product_cost_usd)
    src: dict[str, tuple[str, ...]] = {"price": (_LEARNER,), "product": (_LEARNER,)}
    notes: list[Message] = []

    # 1. Mode: the fit-finder on the learner's situation.
    capital = (v.non_negative("capital_usd", capital_usd) if capital_usd is not None
               else figure("startup.total.max_usd").value)
    src["capital"] = (_LEARNER,) if capital_usd is not None else ("startup.total.max_usd",)
    base = situation if situation is not None else modes_data.example_situation()
    if not isinstance(base, Situation):
        raise InputError("modes.error.not_situation", name="situation", value=type(base).__name__)
    ranked = modes_data.rank_modes(replace(base, capital_usd=capital))
    rank = next(i for i, fit in enumerate(ranked, start=1) if fit.mode_key == mode)
    if rank > 1:
        notes.append(Message.of("capstone.note.mode_rank", mode=mode, rank=rank, top=ranked[0].mode_key))

    # 2. Market and platform: traits and figures, and whether the platform serves them.
    region = markets_data.market(_REGION[market])
    src["market"] = region.figure_ids
    customs_market = None if market == "southeast_asia" else market
    family = platforms_data.platform(platform.split("_")[0])
    if mode not in family.modes:
        serve = platforms_data.platforms_for_mode(mode)
        others = _Both(", ".join(p.name_en for p in serve), "、".join(p.name_zh for p in serve))
        notes.append(Message.of("capstone.note.platform_mode", platform=_Both(family.name_en, family.name_zh),
                                mode=mode, others=others))
    if region.key not in family.markets and "global" not in family.markets:
        notes.append(Message.of("capstone.note.platform_market", platform=_Both(family.name_en, family.name_zh),
                                market=_Both(region.name_en, region.name_zh)))
    if customs_market is None:
        notes.append(Message.of("capstone.note.no_customs"))

    # 3. Logistics: the first order, before any stock waits in the market.
    shipment = logistics.Shipment(weight_kg, length_cm, width_cm, height_cm, units=units_first_order,
                                  declared_value_usd=cost)
    option = logistics.option_by_key(logistics_data.shipping_options(), logistics_option)
    rate = logistics_data.default_cost_of_capital()
    quote = logistics.quote(shipment, option, annual_cost_of_capital=rate, stocked=False)
    ship_ids = _ids(f"logistics.{logistics_option}.", "logistics.cost_of_capital_per_year")
    src["logistics"] = ship_ids
    notes += [*quote.reasons]
    units = shipment.units

    # 4. One unit sold: platform fees, landed cost, duty, and the route the goods take.
    fba = platform == "amazon_fba"
    fee_ids = family.fee_figure_ids
    customs_ids = _ids(*_CUSTOMS_IDS[market])
    sale = {"on": on, "price_usd": price, "product_cost_usd": cost}
    if option.consolidated:
        leg = logistics.quote(shipment, replace(option, per_unit_fee_usd=0.0, storage_usd_per_cuft_month=0.0),
                              annual_cost_of_capital=rate, stocked=False)
        freight = leg.cost_usd / units
        inputs = economics_data.default_inputs(platform, market=customs_market, freight_per_unit_usd=freight, **sale)
        if fba:
            duty_ids = (*customs_ids, "economics.fba.units_per_shipment")
            fulfil_ids = (*fee_ids, "economics.storage.unit_volume_cuft", "economics.storage.months_held")
        else:
            storage = (quote.cost_usd - leg.cost_usd) / units - option.per_unit_fee_usd
            inputs = replace(inputs, fulfilment_fee_usd=option.per_unit_fee_usd, storage_per_unit_usd=storage)
            if customs_market is not None:
                inputs = _bulk_duty(inputs, customs_market, on, units)
            duty_ids, fulfil_ids = customs_ids, ship_ids
        src["freight"] = ship_ids
    elif fba:
        notes.append(Message.of("capstone.note.parcels_to_fba", option=logistics.OptionName(logistics_option)))
        inputs = economics_data.default_inputs("amazon_fba", market=customs_market,
                                               freight_per_unit_usd=quote.cost_per_unit_usd, **sale)
        duty_ids = (*customs_ids, "economics.fba.units_per_shipment")
        fulfil_ids = (*fee_ids, "economics.storage.unit_volume_cuft", "economics.storage.months_held")
        src["freight"] = ship_ids
    else:
        inputs = replace(economics_data.default_inputs(platform, market=customs_market, freight_per_unit_usd=0.0, **sale),
                         fulfilment_fee_usd=quote.cost_per_unit_usd)
        if customs_market is not None:
            inputs = _parcel_duty(inputs, customs_market, on)
        duty_ids, fulfil_ids = customs_ids, ship_ids
    src.update(duty=duty_ids if customs_market else (), vat=customs_ids, referral=fee_ids, per_order=fee_ids,
               payment=fee_ids, fulfilment=fulfil_ids, storage=fulfil_ids, payout_fx=("economics.payout.fx_rate",),
               advertising=("economics.ads.tacos_rate",),
               returns=_ids("economics.returns.rate", "economics.returns.unsellable_share", "economics.returns.handling_usd"))
    unit = economics.unit_economics(inputs)
    notes += [m for m in unit.notes]
    src["profit"] = (_ABOVE,)
    src["landed"] = tuple(dict.fromkeys((_LEARNER, *src.get("freight", ()), *src["duty"])))

    # 5. Start-up capital: the guide's lines, with inventory and logistics from this product.
    if monthly_cost_usd is None:
        costs = startup_data.monthly_costs()
        src["monthly"] = _ids("startup.monthly.")
    else:
        costs = (startup.MonthlyCost("total", v.positive("monthly_cost_usd", monthly_cost_usd)),)
        src["monthly"] = (_LEARNER,)
    monthly = startup.monthly_total_usd(costs)
    if monthly <= 0:
        raise InputError("error.not_positive", name="monthly_cost_usd", value=monthly)
    guide_lines = startup_data.capital_lines()
    own = {"first_inventory": units * cost, "logistics": quote.cost_usd}
    lines = tuple(startup.CapitalLine(g.key, *(own.get(g.key, g.typical_usd),) * 3) for g in guide_lines)
    for g in guide_lines:
        src[f"capital.{g.key}"] = ((_LEARNER,) if g.key == "first_inventory" else ship_ids if g.key == "logistics"
                                   else (f"startup.{g.key}.typical_usd",))
        src[f"guide.{g.key}"] = (f"startup.{g.key}.min_usd", f"startup.{g.key}.max_usd")
    src["guide.total"] = ("startup.total.min_usd", "startup.total.max_usd")
    src["capital.total"] = tuple(dict.fromkeys(i for g in guide_lines for i in src[f"capital.{g.key}"]))
    run = startup.runway(capital, lines, costs)
    if run.shortfall_usd > 0:
        notes.append(startup.explain_runway(run))
    break_even_units = economics.break_even_units(inputs, monthly)
    src["break_even_units"] = (_ABOVE, *src["monthly"])
    return FirstProductPlan(
        product_name=product_name, on=on, lang=lang, mode=mode, mode_fit=ranked[rank - 1], mode_rank=rank,
        top_mode=ranked[0].mode_key, market=market, customs_market=customs_market, region=region, platform=platform,
        logistics_option=logistics_option, shipment=shipment, quote=quote, inputs=inputs, unit=unit,
        break_even_price_usd=economics.break_even_price_usd(inputs), break_even_units=break_even_units,
        monthly_costs=tuple(costs), capital_lines=lines, guide_lines=guide_lines,
        capital_totals=startup.plan_totals(lines), guide_totals=startup_data.guide_totals(), runway=run,
        notes=tuple(notes), number_sources=tuple(src.items()),
    )


def _as_date(on: Any) -> date:
    """Return ``on`` as a date; a ``"YYYY-MM-DD"`` string is read, anything else is an ``InputError``."""
    if isinstance(on, str):
        try:
            return date.fromisoformat(on)
        except ValueError:
            pass
    elif isinstance(on, date):
        return on
    raise InputError("capstone.error.no_date", name="on", value=on)


def _bulk_duty(inputs: economics.UnitInputs, market: str, on: date, units: int) -> economics.UnitInputs:
    """Duty per unit when the whole order is imported at once (customs value = product cost), VAT stays in the price."""
    duty, vat = economics_data.bulk_import_charges(market, inputs.product_cost_usd, inputs.freight_per_unit_usd, units, on=on)
    return replace(inputs, duty_usd=duty, vat_rate=vat)


def _parcel_duty(inputs: economics.UnitInputs, market: str, on: date) -> economics.UnitInputs:
    """Duty and VAT of one parcel sent straight to the buyer, its shipping cost counted as the freight."""
    duty, vat = economics_data.parcel_import_charges(market, inputs.price_usd, inputs.fulfilment_fee_usd, on=on)
    return replace(inputs, duty_usd=duty, vat_rate=vat)


# -- the one-page plan ------------------------------------------------------------------------
_CSS = (".xbedu-plan{font:14px/1.45 system-ui,-apple-system,'Segoe UI','PingFang SC','Microsoft YaHei',sans-serif;"
        "color:#111;max-width:820px;margin:0 auto}.xbedu-plan h1{font-size:1.45em;margin:.2em 0}"
        ".xbedu-plan h2{font-size:1.1em;margin:1em 0 .3em;border-bottom:1px solid #bbb}"
        ".xbedu-plan table{border-collapse:collapse;width:100%;margin:.3em 0}"
        ".xbedu-plan th,.xbedu-plan td{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}"
        ".xbedu-plan td.n{text-align:right;white-space:nowrap}.xbedu-plan .warn{border-left:4px solid #D55E00;"
        "padding:2px 8px;margin:4px 0;background:#fff5ec}.xbedu-plan .assumption{font-style:italic;color:#7a4a00}"
        ".xbedu-plan td:last-child{font-size:.86em;width:16%}.xbedu-plan th[scope=row]{width:22%;font-weight:600}"
        ".xbedu-plan ol.sources{font-size:.82em;padding-left:2em;overflow-wrap:anywhere}.xbedu-plan .small{font-size:.86em;color:#444}"
        "@media print{@page{margin:12mm}.xbedu-plan{font-size:9.5pt;max-width:none}.xbedu-plan ol.sources{columns:2;font-size:7.5pt}.xbedu-plan a{color:#111}"
        ".xbedu-plan h2{break-after:avoid}.xbedu-plan tr{break-inside:avoid}}")


@dataclass(frozen=True, slots=True)
class _Refs:
    """A table cell that points at source numbers (and maybe at the learner's input or the lines above)."""

    numbers: tuple[int, ...]
    learner: bool
    above: bool = False


def _name(plan: FirstProductPlan, lang: str) -> str:
    return plan.product_name.strip() or t("capstone.doc.unnamed", lang)


def _fmt_value(fig: Figure) -> str:
    shown = str(int(fig.value)) if "YYYYMMDD" in fig.unit else number(fig.value, 0) if float(fig.value).is_integer() \
        else f"{fig.value:g}"
    return f"{shown} {fig.unit}"


def _headline(plan: FirstProductPlan, lang: str) -> str:
    u, run, g = plan.unit, plan.runway, plan.guide_totals
    fields = dict(product=_name(plan, lang), price=money(u.revenue_usd, lang),
                  platform=t(f"economics.platform.{plan.platform}", lang), market=t(f"capstone.market.{plan.market}", lang),
                  option=t(f"logistics.option.{plan.logistics_option}", lang), profit=money(abs(u.profit_usd), lang),
                  margin=percent(u.margin), total=money(plan.capital_totals.typical_usd, lang),
                  low=money(g.min_usd, lang), high=money(g.max_usd, lang))
    first = t("capstone.headline.loss" if u.loses_money else "capstone.headline.profit", lang, **fields)
    last = (t("capstone.headline.shortfall", lang, short=money(run.shortfall_usd, lang)) if run.shortfall_usd > 0
            else t("capstone.headline.runway", lang, months=months(run.months, lang)))
    return t("widgets.sentence_sep", lang).join((first, last))


def _blocks(plan: FirstProductPlan, lang: str) -> tuple[list[tuple[Any, ...]], tuple[Figure, ...]]:
    """The plan as language-specific blocks: ("h1"|"p"|"warn"|"h2", text) and ("table", headers, rows)."""
    srcs = plan.sources
    numbers = {f.id: n for n, f in enumerate(srcs, start=1)}

    def refs(key: str) -> _Refs:
        ids = plan.sources_of(key)
        return _Refs(tuple(dict.fromkeys(numbers[i] for i in ids if i in numbers)), _LEARNER in ids, _ABOVE in ids)

    tr = lambda key, **kw: t(key, lang, **kw)  # noqa: E731 - a short alias keeps the tables readable
    usd = lambda x: money(x, lang, decimals=2)  # noqa: E731
    u, q, fit = plan.unit, plan.quote, plan.mode_fit
    blocks: list[tuple[Any, ...]] = [
        ("h1", tr("capstone.doc.title", product=_name(plan, lang))),
        ("p", tr("capstone.doc.meta", on=plan.on.isoformat())),
        ("p", _headline(plan, lang)),
        *(("warn", w) for w in plan.warnings(lang)),
        ("h2", tr("capstone.section.choices")),
    ]
    reasons = t("widgets.sentence_sep", lang).join(m.render(lang) for m in fit.reasons) or "—"
    customs = tr(f"capstone.market.{plan.customs_market}") if plan.customs_market else tr("capstone.doc.no_customs")
    traits = tr("capstone.doc.list_sep").join(x.text(lang) for x in plan.region.traits)
    market_figs = tr("capstone.doc.list_sep").join(tr("capstone.doc.label_value", label=figure(i).label(lang),
                                                      value=_fmt_value(figure(i))) for i in plan.region.figure_ids)
    fees = plan.inputs
    platform_text = tr("capstone.doc.platform_detail", referral=percent(fees.referral_rate),
                       fulfilment=usd(fees.fulfilment_fee_usd), storage=usd(fees.storage_per_unit_usd))
    ship_text = tr("capstone.doc.logistics_detail", units=plan.shipment.units,
                   weight=kg(round(q.chargeable_weight_kg, 2), lang), cost=money(q.cost_usd, lang),
                   per_unit=usd(q.cost_per_unit_usd), low=days(q.days_min, lang), high=days(q.days_max, lang),
                   holding=usd(q.holding_cost_usd))
    ship_notes = "".join(t("widgets.sentence_sep", lang) + m.render(lang) for m in q.notes)
    blocks.append(("table", (tr("capstone.col.item"), tr("capstone.col.choice"), tr("capstone.col.details"),
                             tr("capstone.col.sources")), [
        (tr("capstone.row.mode"), plan.mode, tr("capstone.doc.mode_detail", rank=plan.mode_rank, score=fit.score,
                                                top=plan.top_mode) + t("widgets.sentence_sep", lang) + reasons,
         tr("capstone.doc.teaching_model")),
        (tr("capstone.row.market"), f"{plan.region.name(lang)} · {customs}",
         tr("capstone.doc.market_detail", traits=traits, figures=market_figs), refs("market")),
        (tr("capstone.row.platform"), tr(f"economics.platform.{plan.platform}"), platform_text, refs("referral")),
        (tr("capstone.row.logistics"), tr(f"logistics.option.{plan.logistics_option}"), ship_text + ship_notes,
         refs("logistics")),
    ], False))
    share = (lambda x: percent(x / u.revenue_usd)) if u.revenue_usd > 0 else (lambda x: "—")
    rows = [(tr("charts.economics.price"), usd(u.revenue_usd), share(u.revenue_usd), refs("price"))]
    rows += [(tr(f"economics.line.{line.key}"), usd(-line.usd), share(line.usd), refs(line.key))
             for line in u.lines if abs(line.usd) >= 0.005]
    rows.append((tr("charts.economics.loss" if u.loses_money else "charts.economics.profit"), usd(u.profit_usd),
                 share(u.profit_usd), refs("profit")))
    roi = percent(u.roi) if math.isfinite(u.roi) else "—"
    units_text = (tr("capstone.doc.never") if math.isinf(plan.break_even_units)
                  else tr("capstone.doc.units_month", n=number(math.ceil(plan.break_even_units - 1e-9))))
    rows += [(tr("capstone.row.landed"), usd(u.landed_cost_usd), share(u.landed_cost_usd), refs("landed")),
             (tr("capstone.row.margin_roi"), f"{percent(u.margin)} / {roi}", "", refs("profit")),
             (tr("capstone.row.break_even_price"), usd(plan.break_even_price_usd), "", refs("profit")),
             (tr("capstone.row.break_even_units", monthly=money(plan.runway.monthly_cost_usd, lang)), units_text, "",
              refs("break_even_units"))]
    blocks += [("h2", tr("capstone.section.unit")),
               ("table", (tr("capstone.col.line"), tr("capstone.col.usd"), tr("capstone.col.share"),
                          tr("capstone.col.sources")), rows, True)]
    cap_rows = []
    for own, guide in zip(plan.capital_lines, plan.guide_lines):
        cap_rows.append((tr(f"startup.line.{own.key}"), money(own.typical_usd, lang),
                         tr("widgets.range", low=money(guide.min_usd, lang), high=money(guide.max_usd, lang)),
                         _Refs(refs(f"capital.{own.key}").numbers + refs(f"guide.{own.key}").numbers,
                               refs(f"capital.{own.key}").learner)))
    g = plan.guide_totals
    cap_rows.append((tr("startup.line.total"), money(plan.capital_totals.typical_usd, lang),
                     tr("widgets.range", low=money(g.min_usd, lang), high=money(g.max_usd, lang)), refs("guide.total")))
    run = plan.runway
    run_text = (tr("capstone.doc.shortfall", capital=money(run.capital_usd, lang), short=money(run.shortfall_usd, lang))
                if run.shortfall_usd > 0 else
                tr("capstone.doc.runway", capital=money(run.capital_usd, lang), left=money(run.left_after_launch_usd, lang),
                   monthly=money(run.monthly_cost_usd, lang), months=months(run.months, lang)))
    blocks += [("h2", tr("capstone.section.capital")),
               ("table", (tr("capstone.col.line"), tr("capstone.col.yours"), tr("capstone.col.guide"),
                          tr("capstone.col.sources")), cap_rows, True),
               ("p", run_text), ("h2", tr("capstone.section.sources")), ("p", tr("capstone.doc.sources_intro")),
               ("p", tr("capstone.doc.fit_note", note=modes_data.fit_finder_note().get(lang)))]
    return blocks, srcs


def _refs_text(cell: _Refs, lang: str, link: bool) -> str:
    parts = []
    for low, high in _runs(cell.numbers):
        ends = [(f'<a href="#src-{n}">{n}</a>' if link else str(n)) for n in ((low,) if low == high else (low, high))]
        parts.append(("–" if high > low + 1 else ", ").join(ends))
    words = [t(key, lang) for key, on in (("capstone.doc.from_above", cell.above), ("capstone.doc.your_input", cell.learner)) if on]
    text = " ".join([*(html.escape(w) if link else _md(w) for w in words), f"[{', '.join(parts)}]" if parts else ""])
    return text.strip() or "—"


def _runs(numbers: Sequence[int]) -> list[tuple[int, int]]:
    """Group source numbers into runs: (4, 5, 6, 9) → [(4, 6), (9, 9)]."""
    runs: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def _source_parts(fig: Figure, lang: str) -> tuple[str, str, str]:
    """(label with value, where it comes from, as of) of one figure."""
    label = t("capstone.doc.label_value", lang, label=fig.label(lang), value=_fmt_value(fig))
    where = t("capstone.doc.assumption", lang) if fig.assumption else fig.source_title
    return label, where, t("widgets.as_of", lang, as_of=fig.as_of)


def _md(text: str) -> str:
    """Escape text for Markdown: HTML specials as entities, Markdown specials with a backslash."""
    out = html.escape(str(text), quote=False).replace("\n", " ")
    for ch in "\\`*_[]|#":
        out = out.replace(ch, "\\" + ch)
    return out


def _markdown(plan: FirstProductPlan, lang: str) -> str:
    blocks, srcs = _blocks(plan, lang)
    out: list[str] = []
    for block in blocks:
        kind = block[0]
        if kind == "h1":
            out.append(f"# {_md(block[1])}")
        elif kind == "h2":
            out.append(f"## {_md(block[1])}")
        elif kind == "p":
            out.append(_md(block[1]))
        elif kind == "warn":
            out.append(f"> ⚠ **{_md(t('widgets.warning.heading', lang))}** {_md(block[1])}")
        else:
            head, rows = block[1], block[2]
            lines = ["| " + " | ".join(_md(h) for h in head) + " |", "|" + "---|" * len(head)]
            lines += ["| " + " | ".join(_refs_text(c, lang, False) if isinstance(c, _Refs) else _md(c) for c in row) + " |"
                      for row in rows]
            out.append("\n".join(lines))
    items = []
    for n, fig in enumerate(srcs, start=1):
        label, where, as_of = _source_parts(fig, lang)
        mark = "*" if fig.assumption else ""
        link = f" <{fig.source_url}>" if fig.source_url else ""
        items.append(f"{n}. {_md(label)} — {mark}{_md(where)}{mark} ({_md(as_of)}){link}")
    out.append("\n".join(items))
    out.append(_md(t("capstone.doc.footer", lang)))
    return "\n\n".join(out) + "\n"


def _html_body(plan: FirstProductPlan, lang: str) -> str:
    blocks, srcs = _blocks(plan, lang)
    esc = html.escape
    out: list[str] = []
    for block in blocks:
        kind = block[0]
        if kind in ("h1", "h2"):
            out.append(f"<{kind}>{esc(block[1])}</{kind}>")
        elif kind == "p":
            out.append(f"<p>{esc(block[1])}</p>")
        elif kind == "warn":
            out.append(f'<div class="warn" role="status"><b>⚠ {esc(t("widgets.warning.heading", lang))}</b> '
                       f"{esc(block[1])}</div>")
        else:
            head = "".join(f'<th scope="col">{esc(h)}</th>' for h in block[1])
            body = []
            for row in block[2]:
                cells = [f'<th scope="row">{esc(row[0])}</th>']
                for i, c in enumerate(row[1:], start=1):
                    text = _refs_text(c, lang, True) if isinstance(c, _Refs) else esc(c)
                    cells.append(f'<td class="n">{text}</td>' if block[3] and i < 3 else f"<td>{text}</td>")
                body.append("<tr>" + "".join(cells) + "</tr>")
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")
    items = []
    for n, fig in enumerate(srcs, start=1):
        label, where, as_of = _source_parts(fig, lang)
        where_html = f'<span class="assumption">{esc(where)}</span>' if fig.assumption else esc(where)
        link = f' <a href="{esc(fig.source_url)}">{esc(fig.source_url)}</a>' if fig.source_url else ""
        items.append(f'<li id="src-{n}">{esc(label)} — {where_html} ({esc(as_of)}){link}</li>')
    out.append(f'<ol class="sources">{"".join(items)}</ol>')
    out.append(f'<p class="small">{esc(t("capstone.doc.footer", lang))}</p>')
    return f'<div class="xbedu-plan" lang="{"zh-CN" if lang == "zh" else "en"}">{"".join(out)}</div>'


# -- the explorer -----------------------------------------------------------------------------
class CapstoneExplorer(Explorer):
    """Every input of ``plan_first_product`` on a control; the result is the plan, the chart its unit waterfall."""

    title_key = "capstone.title"
    intro_key = "capstone.intro"

    def __init__(self, lang: str = "en", product_name: str = "") -> None:
        self.product_name = product_name
        super().__init__(lang)
        import ipywidgets as w

        self.export_path = w.Text(value=t("capstone.export.default_file", self.lang),
                                  description=t("capstone.export.file", self.lang), style={"description_width": "initial"})
        self.export_button = w.Button(description=t("capstone.export.button", self.lang),
                                      tooltip=t("capstone.export.button", self.lang), icon="download")
        self.export_status = w.HTML()
        self.export_button.on_click(lambda _b: self._export_clicked())
        self._root.children = (*self._root.children, w.HBox([self.export_path, self.export_button]), self.export_status)

    def control_specs(self) -> Sequence[Control]:
        """Choices as menus (defaults: the example learner's best mode, Amazon FBA into the US); numbers typed freely."""
        ship = logistics_data.default_shipment()
        usd, best = "widgets.unit.usd", modes_data.rank_modes(modes_data.example_situation())[0].mode_key
        return (
            Control("mode", "dropdown", "capstone.control.mode", best, options=tuple((f"capstone.mode.{m}", m) for m in MODE_KEYS)),
            Control("market", "dropdown", "capstone.control.market", MARKETS[0],
                    options=tuple((f"capstone.market.{m}", m) for m in MARKETS)),
            Control("platform", "dropdown", "capstone.control.platform", economics_data.PLATFORMS[0],
                    options=tuple((f"economics.platform.{p}", p) for p in economics_data.PLATFORMS)),
            Control("logistics_option", "dropdown", "capstone.control.logistics", "overseas_warehouse",
                    options=tuple((f"logistics.option.{k}", k) for k in logistics.OPTION_KEYS)),
            Control("price_usd", "float_text", "capstone.control.price", figure("economics.example.price_usd").value, usd, step=0.5),
            Control("product_cost_usd", "float_text", "capstone.control.cost",
                    figure("economics.example.product_cost_usd").value, usd, step=0.5),
            Control("weight_kg", "float_text", "capstone.control.weight", ship.weight_kg, "widgets.unit.kg", step=0.1),
            Control("length_cm", "float_text", "capstone.control.length", ship.length_cm, "widgets.unit.cm", step=1),
            Control("width_cm", "float_text", "capstone.control.width", ship.width_cm, "widgets.unit.cm", step=1),
            Control("height_cm", "float_text", "capstone.control.height", ship.height_cm, "widgets.unit.cm", step=1),
            Control("units_first_order", "int_text", "capstone.control.units", ship.units, "widgets.unit.units"),
            Control("monthly_cost_usd", "float_text", "capstone.control.monthly",
                    startup.monthly_total_usd(startup_data.monthly_costs()), "widgets.unit.usd_month", step=10),
            Control("capital_usd", "float_text", "capstone.control.capital", figure("startup.total.max_usd").value, usd, step=500),
            Control("on", "date", "capstone.control.on", date.today()),
        )

    def compute(self, values: Mapping[str, Any]) -> FirstProductPlan:
        """Plan the product from the controls."""
        return plan_first_product(**values, product_name=self.product_name, lang=self.lang)

    def build_chart(self, result: FirstProductPlan) -> Any:
        """The price of one unit, cost line by cost line, down to the profit (or loss)."""
        from .charts.caption import caption
        from .charts.economics import build_unit_economics_chart

        return build_unit_economics_chart(result.unit, lang=self.lang,
                                          caption=caption(result.sources, self.lang, learner_values=True))

    def describe(self, result: FirstProductPlan) -> str:
        """The plan in one sentence."""
        return result.headline(self.lang)

    def warn(self, result: FirstProductPlan) -> tuple[str, ...]:
        """A loss, an option that cannot carry the goods, a platform that does not serve the mode or market."""
        return result.warnings(self.lang)

    def tabulate(self, result: FirstProductPlan) -> Table:
        """The plan's key numbers."""
        u, q, run = result.unit, result.quote, result.runway
        rows = (
            (self.t("capstone.row.profit"), self.money(u.profit_usd, cny=True)),
            (self.t("capstone.row.margin_roi"), f"{percent(u.margin)} / {percent(u.roi) if math.isfinite(u.roi) else '—'}"),
            (self.t("capstone.row.break_even_price"), self.money(result.break_even_price_usd)),
            (self.t("capstone.row.first_order"), self.t("capstone.doc.order_cost", cost=self.money(q.cost_usd),
                                                       low=days(q.days_min, self.lang), high=days(q.days_max, self.lang))),
            (self.t("capstone.row.capital_total"), self.money(result.capital_totals.typical_usd, cny=True)),
            (self.t("capstone.row.runway"), months(run.months, self.lang) if run.shortfall_usd == 0
             else self.t("capstone.headline.shortfall", short=self.money(run.shortfall_usd))),
        )
        return Table((self.t("capstone.col.item"), self.t("capstone.col.value")), rows)

    def source_figures(self) -> tuple[Any, ...]:
        """The figures behind the current plan."""
        return self.result.sources if self.result is not None else ()

    def export(self, path: str | Path, lang: str | None = None) -> Path:
        """Write the last good plan to ``path`` (``.md`` or ``.html``) and return the path."""
        return self.result.save(path, lang or self.lang)

    def _export_clicked(self) -> None:
        try:
            written = self.export(self.export_path.value)
            self.export_status.value = html.escape(t("capstone.export.done", self.lang, path=str(written.resolve())))
        except InputError as exc:
            self.export_status.value = html.escape(exc.message(self.lang))
        except OSError as exc:
            self.export_status.value = html.escape(t("capstone.export.failed", self.lang, detail=str(exc)))


def capstone_explorer(lang: str = "en", product_name: str = "") -> CapstoneExplorer:
    """Return the capstone planner in ``lang`` ("en" or "zh"); ``.export("my-plan.html")`` writes the plan."""
    return CapstoneExplorer(lang, product_name)
