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


def caption(figs: Iterable["Figure"], lang: str, *, learner_values: bool = False) -> str:
    """Return the caption line for a chart drawn from these figures.

    Args:
        figs: The figures the chart's defaults come from.
        lang: ``"en"`` or ``"zh"``.
        learner_values: True when the chart shows values the learner can change
            (then the caption says the assumptions are theirs to edit).

    Returns:
        e.g. ``"Source: <title> (as of 2026-01). Values marked as assumptions can be changed."``
    """
    figs = tuple(figs)
    parts = [t("charts.caption.source", lang, title=title, as_of=as_of) for title, _, as_of in sources(figs)]
    if any(f.assumption for f in figs) or learner_values:
        parts.append(t("charts.caption.assumption", lang))
    if not parts:
        parts.append(t("charts.caption.assumption_only", lang))
    return t("charts.caption.join", lang).join(parts)


def topic_caption(prefix: str, lang: str, *, learner_values: bool = True) -> str:
    """Return the caption for a chart whose defaults are the figures with ids starting ``prefix``."""
    from ..data import figures

    return caption(figures(prefix), lang, learner_values=learner_values)
