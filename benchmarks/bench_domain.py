"""Time of each domain function on typical input (the data's defaults), in microseconds per call.

Run: .venv/bin/python benchmarks/bench_domain.py
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import date

from xbedu import customs, economics, logistics, margins, markets, modes, operations, startup
from xbedu.data import customs as customs_data
from xbedu.data import economics as economics_data
from xbedu.data import logistics as logistics_data
from xbedu.data import margins as margins_data
from xbedu.data import markets as markets_data
from xbedu.data import modes as modes_data
from xbedu.data import startup as startup_data


def per_call_us(fn: Callable[[], object], *, min_seconds: float = 0.2) -> tuple[float, float]:
    """Return (median, p95) microseconds per call over repeated batches."""
    fn()
    batch, samples = 1, []
    while True:
        start = time.perf_counter()
        for _ in range(batch):
            fn()
        if time.perf_counter() - start > 0.01:
            break
        batch *= 2
    deadline = time.perf_counter() + min_seconds
    while time.perf_counter() < deadline or len(samples) < 5:
        start = time.perf_counter()
        for _ in range(batch):
            fn()
        samples.append((time.perf_counter() - start) / batch * 1e6)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def main() -> None:
    """Print the time per call of every domain function on the course's default inputs."""
    shipment, options = logistics_data.default_shipment(), logistics_data.shipping_options()
    quotes = logistics.compare(shipment, options)
    us, on = customs_data.market_rules("US"), economics_data.rules_date()
    inputs = economics_data.default_inputs("amazon_fba", on=on)
    markups = margins_data.default_markups()
    lines = startup_data.capital_lines()
    situation, all_modes, models = modes_data.example_situation(), modes_data.modes(), modes_data.business_models()
    series = markets_data.series("markets.china_cbec_trade_cny_tn")
    cases = {
        "logistics.chargeable_weight_kg": lambda: logistics.chargeable_weight_kg(1.0, 30, 20, 10, divisor_cm3_per_kg=5000),
        "logistics.quote (express)": lambda: logistics.quote(shipment, options[0]),
        "logistics.compare (4 options)": lambda: logistics.compare(shipment, options),
        "logistics.pareto_frontier": lambda: logistics.pareto_frontier(quotes),
        "logistics.recommend": lambda: logistics.recommend(quotes, deadline_days=12),
        "operations.cash_timeline": lambda: operations.cash_timeline(100.0, 40.0, 9, 18),
        "customs.import_charges (US)": lambda: customs.import_charges(us, 20.0, on=on),
        "economics.unit_economics": lambda: economics.unit_economics(inputs),
        "economics.break_even_price_usd": lambda: economics.break_even_price_usd(inputs),
        "margins.traditional_chain": lambda: margins.traditional_chain(10.0, markups),
        "margins.direct_chain": lambda: margins.direct_chain(10.0, 25.0, landed_multiple=1.3, referral_rate=0.15,
                                                             fulfilment_fee_usd=4.6, other_costs_usd=0.0),
        "startup.plan_totals": lambda: startup.plan_totals(lines),
        "startup.runway_months": lambda: startup.runway_months(10000.0, 1500.0),
        "modes.rank_modes": lambda: modes.rank_modes(situation, all_modes),
        "modes.choose_business_model": lambda: modes.choose_business_model(situation, models),
        "markets.growth_rate": lambda: markets.growth_rate(series, 2018, 2024),
    }
    print(f"{'function (default inputs)':<36}{'median µs':>11}{'p95 µs':>10}")
    for name, fn in cases.items():
        median, p95 = per_call_us(fn)
        print(f"{name:<36}{median:>11.1f}{p95:>10.1f}")
    start = time.perf_counter()
    from xbedu.data import validate_dir, data_dir

    validate_dir(data_dir())
    print(f"\nvalidate the whole data package once: {(time.perf_counter() - start) * 1000:.1f} ms  (as of {date.today()})")


if __name__ == "__main__":
    main()
