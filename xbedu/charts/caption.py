"""Captions that say where a chart's numbers come from: source title and as-of date, or "assumption"."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..i18n import t

if TYPE_CHECKING:  # pragma: no cover
    from ..data import Figure

__all__ = ["caption", "sources", "topic_caption"]


def sources(figs: Iterable["Figure"]) -> tuple[tuple[str, str, str], ...]:
    """Return the distinct ``(source_title, source_url, as_of)`` of the sourced figures, in first-seen order."""
    seen: dict[tuple[str, str, str], None] = {}
    for fig in figs:
        if not fig.assumption:
            seen.setdefault((fig.source_title, fig.source_url, fig.as_of), None)
    return tuple(seen)


def _short(fig: "Figure", lang: str) -> str:
    """A source's short name: the guide by name, others by the publisher part of the title."""
    if fig.basis == "guide":
        return t("charts.caption.guide", lang)
    return fig.source_title.split(" — ")[0].strip()


def caption(figs: Iterable["Figure"], lang: str, *, learner_values: bool = False, max_names: int = 3) -> str:
    """Return the caption line for a chart drawn from these figures: short source names and as-of dates.

    Args:
        figs: The figures the chart's defaults come from.
        lang: ``"en"`` or ``"zh"``.
        learner_values: True when the chart shows values the learner can change
            (then the caption says the assumptions are theirs to edit).
        max_names: how many source names to list before "and N more".

    Returns:
        e.g. ``"Sources: the course guide; as of 2026-01. Values marked as assumptions are yours to change."``
    """
    figs = tuple(figs)
    sourced = [f for f in figs if not f.assumption]
    names = list(dict.fromkeys(_short(f, lang) for f in sourced))
    parts = []
    if names:
        shown = t("charts.list_sep", lang).join(names[:max_names])
        if len(names) > max_names:
            shown = t("charts.caption.more", lang, names=shown, n=len(names) - max_names)
        dates = sorted({f.as_of for f in sourced})
        as_of = dates[0] if len(dates) == 1 else t("charts.caption.date_range", lang, first=dates[0], last=dates[-1])
        parts.append(t("charts.caption.source", lang, names=shown, as_of=as_of))
    if any(f.assumption for f in figs) or learner_values:
        parts.append(t("charts.caption.assumption", lang))
    if not parts:
        parts.append(t("charts.caption.assumption_only", lang))
    return t("charts.caption.join", lang).join(parts)


def topic_caption(prefix: str, lang: str, *, learner_values: bool = True) -> str:
    """Return the caption for a chart whose defaults are the figures with ids starting ``prefix``."""
    from ..data import figures

    return caption(figures(prefix), lang, learner_values=learner_values)
