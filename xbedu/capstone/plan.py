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
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from .. import economics, logistics, startup
from .. import validation as v
from ..data import Figure, figure, figures
from ..data import economics as economics_data
from ..data import logistics as logistics_data
from ..data import markets as markets_data
from ..data import modes as modes_data
from ..data import platforms as platforms_data
from ..data import startup as startup_data
from ..errors import InputError
from ..i18n import Message, check_lang, t
from ..modes import MODE_KEYS, ModeFit, Situation

__all__ = ["MARKETS", "FirstProductPlan", "plan_first_product"]

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



from .page import _CSS, _headline, _html_body, _markdown, _name  # noqa: E402  (the page reads FirstProductPlan)
