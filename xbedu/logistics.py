"""Cross-border shipping: chargeable weight, cost and days per option, and the time–cost trade-off.

Four options mirror the guide: international express, dedicated line (专线), postal small
parcel and overseas warehouse / FBA. Parcel options send each unit as its own parcel to its
buyer; the overseas-warehouse option ships all units together by sea first, then pays a
fulfilment fee per unit, so it is fast for the buyer only once the stock is there.

Defaults (rates, divisors, limits, days) live in ``data/figures/logistics.csv`` and are built
into ``ShippingOption`` values by ``xbedu.data.logistics``; this module holds no figures.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from . import validation as v
from .errors import InputError
from .i18n import Message, t

__all__ = [
    "CM3_PER_CUBIC_FOOT",
    "DAYS_PER_MONTH",
    "OPTION_KEYS",
    "OptionName",
    "Quote",
    "Recommendation",
    "Shipment",
    "ShippingOption",
    "chargeable_weight_kg",
    "compare",
    "holding_cost_usd",
    "option_by_key",
    "pareto_frontier",
    "quote",
    "recommend",
]

#: The four options of the guide, in the guide's order.
OPTION_KEYS: tuple[str, ...] = ("express", "dedicated_line", "postal", "overseas_warehouse")
#: Cubic centimetres in one cubic foot (12 in × 2.54 cm/in, cubed): FBA storage is priced per cu ft.
CM3_PER_CUBIC_FOOT = (12 * 2.54) ** 3
#: Average days in a month (365 / 12), to turn months in storage into days.
DAYS_PER_MONTH = 365 / 12


@dataclass(frozen=True, slots=True)
class OptionName:
    """A shipping option's name inside a ``Message``; the catalog text picks the language.

    Templates write ``{option:en}`` / ``{option:zh}``, so one message field renders in either language.

    >>> f"{OptionName('postal'):zh}"
    '邮政小包'
    """

    key: str

    def __format__(self, spec: str) -> str:
        return t(f"logistics.option.{self.key}", spec or "en")

    def __str__(self) -> str:
        return format(self, "en")


@dataclass(frozen=True, slots=True)
class ShippingOption:
    """One way to ship: rates, chargeable-weight rule, limits per parcel and door-to-door days."""

    key: str
    rate_usd_per_kg: float
    fixed_usd_per_parcel: float
    min_charge_usd: float
    volumetric_divisor_cm3_per_kg: float | None
    weight_step_kg: float
    days_min: float
    days_max: float
    max_weight_kg: float | None = None
    max_value_usd: float | None = None
    max_dims_sum_cm: float | None = None
    max_side_cm: float | None = None
    per_unit_fee_usd: float = 0.0
    days_typical: float | None = None
    consolidated: bool = False
    storage_usd_per_cuft_month: float = 0.0
    storage_months: float = 0.0
    replenishment_days: float = 0.0

    def __post_init__(self) -> None:
        v.choice("option_key", self.key, OPTION_KEYS)
        for name in ("rate_usd_per_kg", "fixed_usd_per_parcel", "min_charge_usd", "weight_step_kg", "per_unit_fee_usd",
                     "storage_usd_per_cuft_month", "storage_months", "replenishment_days", "days_min"):
            v.non_negative(name, getattr(self, name))
        v.number("days_max", self.days_max)
        if self.days_max < self.days_min:
            raise InputError("error.min_above_max", name="days", low=self.days_min, high=self.days_max)
        if self.days_typical is not None:
            v.between("days_typical", self.days_typical, self.days_min, self.days_max)
        for name in ("volumetric_divisor_cm3_per_kg", "max_weight_kg", "max_value_usd", "max_dims_sum_cm", "max_side_cm"):
            if getattr(self, name) is not None:
                v.positive(name, getattr(self, name))

    @property
    def typical_days(self) -> float:
        """Typical door-to-door days: ``days_typical`` if set, else the midpoint of the range."""
        return self.days_typical if self.days_typical is not None else (self.days_min + self.days_max) / 2


@dataclass(frozen=True, slots=True)
class Shipment:
    """What is shipped: one unit's weight, size and declared value, and how many units."""

    weight_kg: float
    length_cm: float
    width_cm: float
    height_cm: float
    units: int = 1
    declared_value_usd: float = 0.0

    def __post_init__(self) -> None:
        for name in ("weight_kg", "length_cm", "width_cm", "height_cm"):
            v.positive(name, getattr(self, name))
        v.whole("units", self.units, minimum=1)
        v.non_negative("declared_value_usd", self.declared_value_usd)

    @property
    def volume_cm3(self) -> float:
        """Volume of one unit in cm³."""
        return self.length_cm * self.width_cm * self.height_cm

    @property
    def goods_value_usd(self) -> float:
        """Declared value of all units."""
        return self.declared_value_usd * self.units


@dataclass(frozen=True, slots=True)
class Quote:
    """Cost and days of one option for one shipment; ``reasons`` say why it is not available."""

    option_key: str
    available: bool
    reasons: tuple[Message, ...]
    chargeable_weight_kg: float
    cost_usd: float
    cost_per_unit_usd: float
    days_min: float
    days_max: float
    days_typical: float
    holding_cost_usd: float
    total_cost_usd: float
    replenishment_days: float = 0.0
    notes: tuple[Message, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Recommendation:
    """The chosen quote (or ``None``) and a message explaining the choice."""

    choice: Quote | None
    reason: Message


def _round_up(value: float, step: float) -> float:
    """Round ``value`` up to a multiple of ``step`` (no rounding when step is 0), free of float noise."""
    if step <= 0:
        return value
    steps = math.ceil(round(value / step, 9))  # 0.3 / 0.1 = 2.9999999999999996 counts as 3 steps
    result = round(steps * step, 9)
    return result if result >= value else round((steps + 1) * step, 9)


def chargeable_weight_kg(
    weight_kg: float,
    length_cm: float,
    width_cm: float,
    height_cm: float,
    divisor_cm3_per_kg: float | None = None,
    step_kg: float = 0.0,
) -> float:
    """Return the weight a carrier bills: the larger of actual and volumetric weight, rounded up.

    Args:
        weight_kg: actual weight.
        length_cm, width_cm, height_cm: outer size.
        divisor_cm3_per_kg: volumetric divisor (5000 for express, 6000 for air); ``None`` bills actual weight.
        step_kg: round up to a multiple of this (0.5 for express); 0 means no rounding.

    Raises:
        InputError: a size or weight is not a positive number, or the step is negative.

    >>> chargeable_weight_kg(1.0, 30, 20, 10, divisor_cm3_per_kg=5000)
    1.2
    >>> chargeable_weight_kg(1.0, 30, 20, 10, divisor_cm3_per_kg=5000, step_kg=0.5)
    1.5
    """
    weight = v.positive("weight_kg", weight_kg)
    volume = v.positive("length_cm", length_cm) * v.positive("width_cm", width_cm) * v.positive("height_cm", height_cm)
    step = v.non_negative("step_kg", step_kg)
    billed = weight
    if divisor_cm3_per_kg is not None:
        billed = max(weight, volume / v.positive("divisor_cm3_per_kg", divisor_cm3_per_kg))
    return _round_up(billed, step)


def holding_cost_usd(goods_value_usd: float, annual_cost_of_capital: float, days: float) -> float:
    """Return the cost of money tied up in goods: value × yearly rate × days / 365.

    >>> round(holding_cost_usd(1000, 0.10, 36.5), 2)
    10.0
    """
    value = v.non_negative("goods_value_usd", goods_value_usd)
    rate = v.fraction("annual_cost_of_capital", annual_cost_of_capital)
    return value * rate * v.non_negative("days", days) / 365


def option_by_key(options: Iterable[ShippingOption], key: str) -> ShippingOption:
    """Return the option with ``key``; an unknown key is an ``InputError`` listing the known keys."""
    table = {o.key: o for o in options}
    return table[v.choice("option_key", key, tuple(table))]


def _limit_reasons(shipment: Shipment, option: ShippingOption) -> tuple[Message, ...]:
    name = OptionName(option.key)
    sides = (shipment.length_cm, shipment.width_cm, shipment.height_cm)
    reasons = []
    if option.max_weight_kg is not None and shipment.weight_kg > option.max_weight_kg:
        reasons.append(Message.of("logistics.reason.over_weight", option=name, weight_kg=_num(round(shipment.weight_kg, 3)), limit_kg=_num(option.max_weight_kg)))
    if option.max_value_usd is not None and shipment.declared_value_usd > option.max_value_usd:
        reasons.append(Message.of("logistics.reason.over_value", option=name, value_usd=_num(round(shipment.declared_value_usd, 2)), limit_usd=_num(option.max_value_usd)))
    if option.max_dims_sum_cm is not None and sum(sides) > option.max_dims_sum_cm:
        reasons.append(Message.of("logistics.reason.over_dims_sum", option=name, sum_cm=_num(round(sum(sides), 1)), limit_cm=_num(option.max_dims_sum_cm)))
    if option.max_side_cm is not None and max(sides) > option.max_side_cm:
        reasons.append(Message.of("logistics.reason.over_side", option=name, side_cm=_num(round(max(sides), 1)), limit_cm=_num(option.max_side_cm)))
    return tuple(reasons)


def quote(shipment: Shipment, option: ShippingOption, *, annual_cost_of_capital: float = 0.10,
          stocked: bool = True) -> Quote:
    """Return cost, days and availability of ``option`` for ``shipment``.

    Parcel options bill each unit as one parcel: ``max(min charge, fixed + rate × chargeable kg) +
    per-unit fee``, times the units. A consolidated option (overseas warehouse) bills the whole
    shipment's chargeable weight once, then a per-unit fee and storage. Holding cost is the goods'
    value × ``annual_cost_of_capital`` × days in the pipeline / 365; for a warehouse option the
    pipeline also holds the sea leg (replenishment days) and the months in storage.

    Args:
        shipment: what is shipped.
        option: how it is shipped.
        annual_cost_of_capital: yearly cost of money tied up in goods, a share (0.10 = 10 %).
        stocked: for an option with a replenishment lead time, whether stock already waits in the
            warehouse; if not, the lead time is added to the days.

    Raises:
        InputError: ``annual_cost_of_capital`` is not a share between 0 and 1.
    """
    rate = v.fraction("annual_cost_of_capital", annual_cost_of_capital)
    units = shipment.units
    if option.consolidated:
        weight = units * shipment.weight_kg
        if option.volumetric_divisor_cm3_per_kg is not None:
            weight = max(weight, units * shipment.volume_cm3 / option.volumetric_divisor_cm3_per_kg)
        billed_kg = _round_up(weight, option.weight_step_kg)
        storage_unit = shipment.volume_cm3 / CM3_PER_CUBIC_FOOT * option.storage_usd_per_cuft_month * option.storage_months
        cost = max(option.min_charge_usd, option.fixed_usd_per_parcel + option.rate_usd_per_kg * billed_kg)
        cost += units * (option.per_unit_fee_usd + storage_unit)
    else:
        parcel_kg = chargeable_weight_kg(shipment.weight_kg, shipment.length_cm, shipment.width_cm, shipment.height_cm,
                                         option.volumetric_divisor_cm3_per_kg, option.weight_step_kg)
        billed_kg = parcel_kg * units
        per_parcel = max(option.min_charge_usd, option.fixed_usd_per_parcel + option.rate_usd_per_kg * parcel_kg)
        cost = units * (per_parcel + option.per_unit_fee_usd)
    lead = 0.0 if stocked else option.replenishment_days
    days_min, days_max, days_typ = option.days_min + lead, option.days_max + lead, option.typical_days + lead
    pipeline_days = days_typ + (option.replenishment_days if stocked else 0.0) + option.storage_months * DAYS_PER_MONTH
    holding = holding_cost_usd(shipment.goods_value_usd, rate, pipeline_days)
    notes: tuple[Message, ...] = ()
    if option.replenishment_days > 0:
        key = "logistics.note.stocked" if stocked else "logistics.note.not_stocked"
        notes = (Message.of(key, option=OptionName(option.key), lead_days=_num(round(option.replenishment_days, 1))),)
    reasons = _limit_reasons(shipment, option)
    return Quote(
        option_key=option.key, available=not reasons, reasons=reasons, chargeable_weight_kg=billed_kg,
        cost_usd=cost, cost_per_unit_usd=cost / units, days_min=days_min, days_max=days_max, days_typical=days_typ,
        holding_cost_usd=holding, total_cost_usd=cost + holding, replenishment_days=option.replenishment_days, notes=notes,
    )


def compare(shipment: Shipment, options: Iterable[ShippingOption], *, annual_cost_of_capital: float = 0.10,
            stocked: bool = True) -> tuple[Quote, ...]:
    """Return one ``Quote`` per option, in the order given (see ``quote``)."""
    return tuple(quote(shipment, o, annual_cost_of_capital=annual_cost_of_capital, stocked=stocked) for o in options)


def _dominates(a: Quote, b: Quote) -> bool:
    """Whether ``a`` is at least as good as ``b`` on days and total cost, and better on one."""
    return (a.days_typical <= b.days_typical and a.total_cost_usd <= b.total_cost_usd
            and (a.days_typical < b.days_typical or a.total_cost_usd < b.total_cost_usd))


def pareto_frontier(quotes: Sequence[Quote]) -> tuple[Quote, ...]:
    """Return the available quotes no other available quote beats on both days and total cost, fastest first."""
    ok = [q for q in quotes if q.available]
    front = [q for q in ok if not any(_dominates(o, q) for o in ok)]
    return tuple(sorted(front, key=lambda q: (q.days_typical, q.total_cost_usd)))


def recommend(quotes: Sequence[Quote], *, deadline_days: float | None = None,
              budget_usd: float | None = None) -> Recommendation:
    """Pick an option: the cheapest that arrives by the deadline, or the fastest within the budget.

    A deadline counts an option's slowest time (``days_max``). With both a deadline and a budget, the
    choice must meet both (the cheapest that does). The message compares the choice with the fastest
    alternative (or, for a budget, the cheapest).

    Raises:
        InputError: neither or a non-positive deadline / a negative budget.
    """
    if deadline_days is None and budget_usd is None:
        raise InputError("logistics.error.need_goal")
    deadline = v.positive("deadline_days", deadline_days) if deadline_days is not None else None
    budget = v.non_negative("budget_usd", budget_usd) if budget_usd is not None else None
    ok = [q for q in quotes if q.available]
    fits = [q for q in ok if (deadline is None or q.days_max <= deadline) and (budget is None or q.total_cost_usd <= budget)]
    if not fits:
        if deadline is not None and budget is not None:
            return Recommendation(None, Message.of("logistics.rec.none_both", deadline_days=_num(deadline), budget_usd=_num(budget)))
        if deadline is not None:
            return Recommendation(None, Message.of("logistics.rec.none_deadline", deadline_days=_num(deadline)))
        return Recommendation(None, Message.of("logistics.rec.none_budget", budget_usd=_num(budget or 0.0)))
    if deadline is not None:
        best = min(fits, key=lambda q: (q.total_cost_usd, q.days_max))
        faster = [q for q in ok if q.days_typical < best.days_typical]
        if not faster:
            return Recommendation(best, Message.of("logistics.rec.deadline_fastest", option=OptionName(best.option_key),
                                                   deadline_days=_num(deadline), total_usd=round(best.total_cost_usd, 2)))
        alt = min(faster, key=lambda q: (q.days_typical, q.total_cost_usd))
        return Recommendation(best, Message.of(
            "logistics.rec.deadline", option=OptionName(best.option_key), deadline_days=_num(deadline),
            total_usd=round(best.total_cost_usd, 2), other=OptionName(alt.option_key),
            ratio=round(alt.total_cost_usd / best.total_cost_usd, 1) if best.total_cost_usd > 0 else math.inf,
            days_sooner=_num(round(best.days_typical - alt.days_typical, 1))))
    best = min(fits, key=lambda q: (q.days_typical, q.total_cost_usd))
    cheaper = [q for q in ok if q.total_cost_usd < best.total_cost_usd]
    if not cheaper:
        return Recommendation(best, Message.of("logistics.rec.budget_cheapest", option=OptionName(best.option_key),
                                               budget_usd=_num(budget or 0.0), days=_num(best.days_typical)))
    alt = min(cheaper, key=lambda q: (q.total_cost_usd, q.days_typical))
    return Recommendation(best, Message.of(
        "logistics.rec.budget", option=OptionName(best.option_key), budget_usd=_num(budget or 0.0),
        days=_num(best.days_typical), other=OptionName(alt.option_key),
        saving_usd=round(best.total_cost_usd - alt.total_cost_usd, 2), days_later=_num(round(alt.days_typical - best.days_typical, 1))))


def _num(x: float) -> float | int:
    """Show whole numbers without a trailing .0 in messages."""
    return int(x) if float(x).is_integer() else x
