"""Colours, shapes and the finishing touches every course chart gets (set per chart, never globally).

The palette is Okabe–Ito, which stays distinguishable with the common colour-vision
deficiencies; every chart also carries shapes or text labels, so colour never carries
meaning alone.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

__all__ = ["OKABE_ITO", "SHAPES", "WIDTH", "colour_scale", "finish", "shape_scale", "wrap"]

#: Okabe–Ito colours (black last), safe for colour-blind readers.
OKABE_ITO: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")

#: Point shapes paired with the colours, so that a series is told apart without colour.
SHAPES: tuple[str, ...] = ("circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "triangle-left", "triangle-right")

#: Default plot width in pixels.
WIDTH = 420


def colour_scale(domain: Sequence[str]) -> "alt.Scale":
    """Return a colour scale that gives each domain value a fixed Okabe–Ito colour."""
    import altair as alt

    return alt.Scale(domain=list(domain), range=[OKABE_ITO[i % len(OKABE_ITO)] for i in range(len(domain))])


def shape_scale(domain: Sequence[str]) -> "alt.Scale":
    """Return a shape scale paired with :func:`colour_scale` for the same domain."""
    import altair as alt

    return alt.Scale(domain=list(domain), range=[SHAPES[i % len(SHAPES)] for i in range(len(domain))])


def wrap(text: str, lang: str, width_en: int = 88, width_zh: int = 44) -> list[str]:
    """Split a caption into lines that fit under the chart (Chinese characters are twice as wide).

    >>> wrap("one two three", "en", width_en=8)
    ['one two', 'three']
    """
    width = width_zh if lang == "zh" else width_en
    return textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False) or [""]


def finish(chart: "alt.TopLevelMixin", *, title: str, description: str, caption: str, lang: str) -> "alt.TopLevelMixin":
    """Give a chart its title, caption (as subtitle), ``description`` (the SVG's aria-label) and style.

    Args:
        chart: The chart to finish.
        title: Chart title in the lesson's language.
        description: One or two sentences saying what the chart shows, for screen readers.
        caption: Source and as-of date, or that the values are assumptions.
        lang: ``"en"`` or ``"zh"``.

    Returns:
        The finished chart (a new object; the input is not changed).
    """
    import altair as alt

    finished = chart.copy(deep=False)  # one shallow copy instead of one deep copy per .configure_*() call
    finished.title = alt.TitleParams(
        text=title, subtitle=wrap(caption, lang), anchor="start", fontSize=14,
        subtitleFontSize=10, subtitleColor="#444444", subtitlePadding=4, offset=10,
    )
    finished.description = description
    finished.config = alt.Config(
        font="sans-serif",
        axis=alt.AxisConfig(labelFontSize=11, titleFontSize=12, labelColor="#222222", titleColor="#222222"),
        legend=alt.LegendConfig(labelFontSize=11, titleFontSize=11, orient="bottom", direction="horizontal", columns=2),
        view=alt.ViewConfig(stroke=None),
    )
    return finished
