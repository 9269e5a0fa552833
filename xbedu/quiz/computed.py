"""Computed questions: numbers drawn per learner from a seed, the key computed by a named xbedu function.

A bank never holds code: ``function: chargeable_weight`` names an entry of ``REGISTRY``,
and each entry calls one domain function of the course (``xbedu.logistics``,
``xbedu.margins``, ``xbedu.economics``, ``xbedu.startup``). Parameters are drawn with
``random.Random(seed)``, the seed coming from the learner id and the question id, so a
learner always sees the same numbers and classmates see different ones.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from .bank import Question
from .numbers import format_number

__all__ = ["REGISTRY", "ComputedFunction", "ComputedUnavailable", "draw_params", "instantiate", "render_prompt", "seed_for"]


class ComputedUnavailable(LookupError):
    """The named function is not registered, or the domain module it needs is missing."""


@dataclass(frozen=True, slots=True)
class ComputedFunction:
    """A registered computation: the parameters it takes and how it computes the key."""

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    compute: Callable[[Mapping[str, Any]], float]
    source: str


def _chargeable_weight(p: Mapping[str, Any]) -> float:
    from .. import logistics

    return logistics.chargeable_weight_kg(p["weight_kg"], p["length_cm"], p["width_cm"], p["height_cm"],
                                          divisor_cm3_per_kg=p.get("divisor_cm3_per_kg"), step_kg=p.get("step_kg", 0.0))


def _logistics_cost(p: Mapping[str, Any]) -> float:
    from .. import logistics

    option = logistics.ShippingOption(
        key=p.get("option", "express"), rate_usd_per_kg=p["rate_usd_per_kg"], fixed_usd_per_parcel=p.get("fixed_usd_per_parcel", 0.0),
        min_charge_usd=p.get("min_charge_usd", 0.0), volumetric_divisor_cm3_per_kg=p.get("divisor_cm3_per_kg"),
        weight_step_kg=p.get("step_kg", 0.0), days_min=0.0, days_max=0.0,
    )
    shipment = logistics.Shipment(p["weight_kg"], p["length_cm"], p["width_cm"], p["height_cm"], units=int(p.get("units", 1)))
    return logistics.quote(shipment, option).cost_usd


_CHAIN_LAYERS = ("exporter", "importer", "wholesaler", "retailer")


def _chain_price(p: Mapping[str, Any]) -> float:
    try:
        from .. import margins
    except ModuleNotFoundError as exc:  # pragma: no cover - depends on the build state
        raise ComputedUnavailable("chain_price needs xbedu.margins, which is not available") from exc
    markups = {layer: float(p[f"{layer}_markup"]) for layer in _CHAIN_LAYERS}
    return margins.traditional_chain(p["factory_price_usd"], markups).consumer_price_usd


_UNIT_FIELDS = ("freight_per_unit_usd", "duty_usd", "referral_rate", "referral_min_usd", "payment_rate", "fulfilment_fee_usd",
                "storage_per_unit_usd", "ad_rate", "return_rate")


def _unit_profit(p: Mapping[str, Any]) -> float:
    from .. import economics

    fields = {k: float(p[k]) for k in _UNIT_FIELDS if k in p}
    inputs = economics.UnitInputs(price_usd=float(p["price_usd"]), product_cost_usd=float(p["product_cost_usd"]), **fields)
    return economics.unit_economics(inputs).profit_usd


_STARTUP_LINES = ("platform_fees", "first_inventory", "logistics", "advertising", "operations")


def _startup_total(p: Mapping[str, Any]) -> float:
    from .. import startup

    lines = [startup.CapitalLine(k, float(p[f"{k}_usd"]), float(p[f"{k}_usd"]), float(p[f"{k}_usd"])) for k in _STARTUP_LINES]
    return startup.plan_totals(lines).typical_usd


#: Every function a computed question may name.
REGISTRY: dict[str, ComputedFunction] = {
    f.name: f
    for f in (
        ComputedFunction("chargeable_weight", ("weight_kg", "length_cm", "width_cm", "height_cm"), ("divisor_cm3_per_kg", "step_kg"),
                         _chargeable_weight, "xbedu.logistics.chargeable_weight_kg"),
        ComputedFunction("logistics_cost", ("weight_kg", "length_cm", "width_cm", "height_cm", "rate_usd_per_kg"),
                         ("units", "option", "fixed_usd_per_parcel", "min_charge_usd", "divisor_cm3_per_kg", "step_kg"),
                         _logistics_cost, "xbedu.logistics.quote(...).cost_usd"),
        ComputedFunction("chain_price", ("factory_price_usd", *(f"{layer}_markup" for layer in _CHAIN_LAYERS)), (),
                         _chain_price, "xbedu.margins.traditional_chain(...).consumer_price_usd"),
        ComputedFunction("unit_profit", ("price_usd", "product_cost_usd"), _UNIT_FIELDS,
                         _unit_profit, "xbedu.economics.unit_economics(...).profit_usd"),
        ComputedFunction("startup_total", tuple(f"{k}_usd" for k in _STARTUP_LINES), (),
                         _startup_total, "xbedu.startup.plan_totals(...).typical_usd"),
    )
}


def seed_for(learner_id: str, question_id: str) -> int:
    """Return the seed of one learner's copy of one question (stable across runs and machines).

    >>> seed_for("alice", "ch03.cw") == seed_for("alice", "ch03.cw") != seed_for("bob", "ch03.cw")
    True
    """
    digest = hashlib.sha256(f"{learner_id}\x1f{question_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1  # 63 bits: fits an SQLite INTEGER


@lru_cache(maxsize=1024)
def _decimals(x: float) -> int:
    text = repr(float(x))
    return 0 if "e" in text else len(text.split(".")[1].rstrip("0"))


def _draw(rng: random.Random, spec: Mapping[str, Any]) -> Any:
    if "value" in spec:
        return spec["value"]
    if "choices" in spec:
        return rng.choice(list(spec["choices"]))
    low, high, step = spec["min"], spec["max"], spec["step"]
    places = max(_decimals(low), _decimals(step))
    value = round(low + step * rng.randint(0, int(round((high - low) / step, 9))), places)
    return int(value) if places == 0 and isinstance(low, int) and isinstance(step, int) else float(value)


def draw_params(question: Question, seed: int) -> dict[str, Any]:
    """Return the parameters of ``question`` drawn with ``random.Random(seed)`` (sorted by name)."""
    rng = random.Random(seed)
    return {name: _draw(rng, question.params[name]) for name in _sorted_names(tuple(question.params))}


@lru_cache(maxsize=256)
def _sorted_names(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(names))


_FIELD = re.compile(r"\{([a-z_][a-z0-9_]*)(\|pct)?\}")


def render_prompt(text: str, values: Mapping[str, Any]) -> str:
    """Put drawn values into a prompt: ``{name}`` (number with separators) or ``{name|pct}`` (as %).

    Only plain names are replaced; nothing in the text is evaluated.

    >>> render_prompt("{w} kg, {r|pct}", {"w": 1250, "r": 0.15})
    '1,250 kg, 15%'
    """

    def sub(match: re.Match[str]) -> str:
        name, pct = match.group(1), match.group(2)
        if name not in values:
            return match.group(0)
        value = values[name]
        if isinstance(value, str):
            return value
        return f"{format_number(value * 100, 4)}%" if pct else format_number(value, 4)

    return _FIELD.sub(sub, text)


def instantiate(question: Question, seed: int, *, prompt: bool = True) -> Question:
    """Return the learner's copy of a computed question: values drawn, prompt filled, key computed.

    Other question types come back unchanged. ``prompt=False`` skips filling the prompt (grading).

    Raises:
        ComputedUnavailable: the function is unknown or its module is missing.
    """
    if question.type != "computed":
        return question
    entry = REGISTRY.get(question.function or "")
    if entry is None:
        raise ComputedUnavailable(f"{question.id}: unknown computed function {question.function!r}; known: {', '.join(sorted(REGISTRY))}")
    values = draw_params(question, seed)
    answer = float(entry.compute(values))
    if not prompt:
        return replace(question, values=values, answer=answer)
    texts = {lang: render_prompt(text, values) for lang, text in question.prompt.items()}
    return replace(question, values=values, answer=answer, prompt=texts)
