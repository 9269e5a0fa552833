"""Time from a control change to an updated chart, per explorer; and the size of each chart spec.

Two timings per explorer, both Python side, each over N changes of one control:
- ``chart``: control ``.value`` set → result, ``alt.Chart``, reading and table updated
  (the explorer not yet displayed, so no SVG is drawn);
- ``+svg``: the same once the explorer is displayed, including drawing the SVG offline with
  vl-convert and replacing the chart widget's value.
Target: p95 of ``chart`` under 50 ms on the course machine (2 cores).

Run: ``.venv/bin/python benchmarks/bench_explorers.py [N]``
"""

from __future__ import annotations

import importlib
import json
import statistics
import sys
import time

#: explorer factory, control to move, values to cycle through
CASES: tuple[tuple[str, str, tuple], ...] = (
    ("startup_explorer", "capital_usd", (15000.0, 16000.0, 17000.0, 18000.0)),
    ("logistics_explorer", "weight_kg", (0.4, 1.0, 1.5, 2.5)),
    ("unit_economics_explorer", "price_usd", (25.0, 20.0, 15.0, 9.0)),
    ("margin_explorer", "price_usd", (17.25, 20.0, 25.0, 12.0)),
    ("order_to_cash_explorer", "order_value_usd", (25.0, 30.0, 35.0, 40.0)),
    ("modes_explorer", "capital_usd", (8000.0, 3000.0, 20000.0, 50000.0)),
    ("markets_explorer", "series", ("markets.global_ecommerce_usd_tn", "markets.global_cross_border_b2c_usd_tn",
                                    "markets.china_cbec_trade_cny_tn")),
)


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def _time_changes(explorer, control: str, values: tuple, n: int) -> list[float]:
    samples = []
    for i in range(n):
        value = values[i % len(values)]
        if explorer.controls[control].value == value:
            value = values[(i + 1) % len(values)]
        start = time.perf_counter()
        explorer.controls[control].value = value
        samples.append(time.perf_counter() - start)
        assert explorer.error is None, explorer.error
    return samples


def main(n: int = 40) -> None:
    """Print p50/p95 per explorer and the spec sizes."""
    widgets = importlib.import_module("xbedu.widgets")
    print(f"{'explorer':26} {'control':12} {'chart p50':>9} {'p95':>7} {'+svg p50':>9} {'p95':>7} {'spec B':>8} {'svg B':>8}")
    for name, control, values in CASES:
        try:
            factory = getattr(widgets, name)
        except (AttributeError, ImportError) as exc:
            print(f"{name:26} not available ({type(exc).__name__})")
            continue
        explorer = factory(lang="en")
        _time_changes(explorer, control, values, 3)  # warm caches
        chart_p50, chart_p95 = _percentiles(_time_changes(explorer, control, values, n))
        explorer.widget  # noqa: B018 - displaying makes the explorer draw SVG from now on
        _time_changes(explorer, control, values, 2)
        svg_p50, svg_p95 = _percentiles(_time_changes(explorer, control, values, max(10, n // 4)))
        spec_bytes = len(json.dumps(explorer.chart.to_dict(), ensure_ascii=False).encode("utf-8"))
        svg_bytes = len(explorer.svg.encode("utf-8"))
        print(f"{name:26} {control:12} {chart_p50:8.1f}ms {chart_p95:6.1f}ms {svg_p50:8.1f}ms {svg_p95:6.1f}ms "
              f"{spec_bytes:8d} {svg_bytes:8d}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
