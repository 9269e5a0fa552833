"""The fit-finder chart: each mode's (and each chapter-6 model's) score, built from points per criterion."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..i18n import t
from ..modes import CRITERIA, ModeFit, ModelFit
from .theme import OKABE_ITO, WIDTH, finish

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

__all__ = ["build_mode_chart", "fit_rows"]

_CRITERIA = ("capital", *(name for name, _ in CRITERIA))


def _criterion(criterion: str, lang: str) -> str:
    """A criterion's legend name with the short tag printed on its bar segments (so colour is not needed)."""
    return t("charts.modes.criterion", lang, name=t(f"modes.label.{criterion}", lang), abbr=t(f"charts.modes.abbr.{criterion}", lang))


def fit_rows(fits: Sequence[ModeFit | ModelFit], names: dict[str, str], *, lang: str) -> list[dict[str, Any]]:
    """Return one row per (subject, criterion) with non-zero points, stacked from zero outwards."""
    rows = []
    for fit in fits:
        key = fit.mode_key if isinstance(fit, ModeFit) else fit.model_key
        plus = minus = 0.0
        for criterion, points in fit.breakdown:
            if points == 0:
                continue
            start = plus if points > 0 else minus
            end = start + points
            plus, minus = (end, minus) if points > 0 else (plus, end)
            rows.append({"subject": names[key], "criterion": _criterion(criterion, lang), "start": start, "end": end,
                         "points": f"{points:+d} {t(f'charts.modes.abbr.{criterion}', lang)}", "score": fit.score, "kind": "part"})
        rows.append({"subject": names[key], "criterion": None, "start": max(plus, 0.0), "end": max(plus, 0.0),
                     "points": t("charts.modes.total", lang, score=fit.score), "score": fit.score, "kind": "total"})
    return rows


def _panel(rows: list[dict[str, Any]], title: str, lang: str, domain: list[float]) -> "alt.LayerChart":
    import altair as alt

    criteria = [_criterion(c, lang) for c in _CRITERIA]
    order = list(dict.fromkeys(r["subject"] for r in rows))
    y = alt.Y("subject", type="nominal", sort=order, title=None)
    x = alt.X("start", type="quantitative", title=t("charts.modes.x", lang), scale=alt.Scale(domain=domain))
    base = alt.Chart()
    parts = base.transform_filter("datum.kind == 'part'")
    bars = parts.mark_bar(height=18, stroke="white", strokeWidth=1).encode(
        y=y, x=x, x2=alt.X2("end"),
        color=alt.Color("criterion", type="nominal", title=None, scale=alt.Scale(domain=criteria, range=list(OKABE_ITO[:len(criteria)]))))
    points = parts.transform_calculate(mid="(datum.start + datum.end) / 2").mark_text(fontSize=10, color="#000000").encode(
        y=y, x=alt.X("mid", type="quantitative"), text=alt.Text("points", type="nominal"))
    totals = base.transform_filter("datum.kind == 'total'").mark_text(align="left", dx=6, fontSize=11, fontWeight="bold").encode(
        y=y, x=alt.X("end", type="quantitative"), text=alt.Text("points", type="nominal"))
    zero = alt.Chart(alt.Data(values=[{"zero": 0}])).mark_rule(color="#000000").encode(x=alt.X("zero", type="quantitative"))
    return alt.LayerChart(layer=[bars, points, totals, zero], data=alt.Data(values=rows), width=WIDTH,
                          height=34 * len(order), title=alt.TitleParams(title, anchor="start", fontSize=12))


def build_mode_chart(modes: Sequence[ModeFit], models: Sequence[ModelFit], names: dict[str, str], *, lang: str,
                     caption: str | None = None) -> "alt.VConcatChart":
    """Return the fit scores as diverging stacked bars: modes (chapter 2) on top, business models (chapter 6) below.

    Args:
        modes: ``rank_modes(...)``; models: ``choose_business_model(...)``.
        names: display name of each mode / model key in ``lang``.
        lang: ``"en"`` or ``"zh"``.
        caption: source line; defaults to "teaching assumptions" (the points are ours, from ``modes.yaml``).
    """
    import altair as alt

    mode_rows, model_rows = fit_rows(modes, names, lang=lang), fit_rows(models, names, lang=lang)
    ends = [r["end"] for r in mode_rows + model_rows] + [r["start"] for r in mode_rows + model_rows]
    domain = [min(0.0, *ends) - 1, max(0.0, *ends) + 3]
    best = names[modes[0].mode_key] if modes else "—"
    return finish(
        alt.VConcatChart(vconcat=[_panel(mode_rows, t("charts.modes.modes", lang), lang, domain),
                                  _panel(model_rows, t("charts.modes.models", lang), lang, domain)], spacing=16),
        title=t("charts.modes.title", lang),
        description=t("charts.modes.description", lang, best=best, score=modes[0].score if modes else 0),
        caption=caption if caption is not None else t("charts.modes.caption", lang),
        lang=lang,
    )
