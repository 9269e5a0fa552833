"""Build the four shipping options, the example shipment and the cost of capital from ``data/figures/logistics.csv``."""

from __future__ import annotations

from ..logistics import OPTION_KEYS, Shipment, ShippingOption
from ..validation import choice
from . import figure, load

__all__ = ["DAYS_BASES", "default_cost_of_capital", "default_shipment", "shipping_options"]

#: Which door-to-door days to use: current sources ("sourced") or the guide's ranges ("guide").
DAYS_BASES: tuple[str, ...] = ("sourced", "guide")


def _value(key: str, name: str) -> float:
    return figure(f"logistics.{key}.{name}").value


def _optional(key: str, name: str) -> float | None:
    """A limit the option may not have (only the postal option has parcel limits)."""
    fig = load().figures.get(f"logistics.{key}.{name}")
    return None if fig is None else fig.value


def _days(key: str, basis: str) -> tuple[float, float, float | None]:
    """(min, max, typical) days; the overseas warehouse has no current source, so it keeps the guide's range."""
    sourced = load().figures.get(f"logistics.{key}.days")
    if basis == "sourced" and sourced is not None and sourced.low is not None and sourced.high is not None:
        return sourced.low, sourced.high, sourced.value
    return _value(key, "guide_days_min"), _value(key, "guide_days_max"), None


def shipping_options(days_basis: str = "sourced") -> tuple[ShippingOption, ...]:
    """Return the four options (express, dedicated line, postal, overseas warehouse / FBA) with their data defaults.

    Args:
        days_basis: "sourced" for current door-to-door days, "guide" for the guide's ranges.

    >>> [o.key for o in shipping_options()]
    ['express', 'dedicated_line', 'postal', 'overseas_warehouse']
    """
    basis = choice("days_basis", days_basis, DAYS_BASES)
    options = []
    for key in OPTION_KEYS:
        days_min, days_max, typical = _days(key, basis)
        warehouse = key == "overseas_warehouse"
        divisor = _optional(key, "volumetric_divisor_cm3_per_kg")  # postal: none, billed on actual weight
        options.append(ShippingOption(
            key=key,
            rate_usd_per_kg=_value(key, "rate_usd_per_kg"),
            fixed_usd_per_parcel=_value(key, "fixed_usd_per_parcel"),
            min_charge_usd=_value(key, "min_charge_usd"),
            volumetric_divisor_cm3_per_kg=divisor,
            weight_step_kg=_value(key, "weight_step_kg"),
            days_min=days_min,
            days_max=days_max,
            days_typical=typical,
            max_weight_kg=_optional(key, "max_weight_kg"),
            max_value_usd=_optional(key, "max_value_usd"),
            max_dims_sum_cm=_optional(key, "max_dims_sum_cm"),
            max_side_cm=_optional(key, "max_side_cm"),
            per_unit_fee_usd=_value(key, "fulfilment_fee_usd_per_unit") if warehouse else 0.0,
            consolidated=warehouse,
            storage_usd_per_cuft_month=_value(key, "storage_usd_per_cuft_month") if warehouse else 0.0,
            storage_months=_value(key, "storage_months") if warehouse else 0.0,
            replenishment_days=_value(key, "replenishment_days") if warehouse else 0.0,
        ))
    return tuple(options)


def default_shipment() -> Shipment:
    """Return the example shipment the calculators start from (an assumption the learner can change)."""
    return Shipment(
        weight_kg=figure("logistics.example.weight_kg").value,
        length_cm=figure("logistics.example.length_cm").value,
        width_cm=figure("logistics.example.width_cm").value,
        height_cm=figure("logistics.example.height_cm").value,
        units=int(figure("logistics.example.units").value),
        declared_value_usd=figure("logistics.example.declared_value_usd").value,
    )


def default_cost_of_capital() -> float:
    """Return the default yearly cost of capital for goods in transit (an assumption, 0.10 = 10 %)."""
    return figure("logistics.cost_of_capital_per_year").value
