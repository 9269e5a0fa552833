"""Build the mode and business-model objects of ``xbedu.modes`` from ``data/modes.yaml``."""

from __future__ import annotations

from typing import Any

from .. import modes as _modes
from ..modes import (
    BusinessModel,
    ComparisonRow,
    Lever,
    Mode,
    ModeFit,
    ModelFit,
    Scoring,
    Situation,
    Text,
)
from . import resource

__all__ = [
    "business_models",
    "choose_business_model",
    "comparison",
    "example_situation",
    "fit_finder_note",
    "levers",
    "mode",
    "modes",
    "rank_modes",
    "scoring_from",
]


def _text(entry: dict[str, Any]) -> Text:
    return Text(entry["en"], entry["zh"])


def scoring_from(entry: dict[str, Any]) -> Scoring:
    """Return the ``Scoring`` described by one ``scoring:`` block of ``modes.yaml``."""
    capital = tuple((float(step["from_usd"]), int(step["points"])) for step in entry["capital"])
    criteria = tuple((name, tuple(table.items())) for name, table in entry.items() if name != "capital")
    return Scoring(capital=capital, criteria=criteria)


def modes() -> tuple[Mode, ...]:
    """Return B2B, B2C and C2C as the guide describes them, with their fit-finder points.

    >>> [m.key for m in modes()]
    ['B2B', 'B2C', 'C2C']
    """
    return tuple(
        Mode(
            key=m["key"],
            name_en=m["name"]["en"],
            name_zh=m["name"]["zh"],
            flow_steps=tuple(_text(step) for step in m["flow"]),
            flow_keys=tuple(step["key"] for step in m["flow"]),
            platforms=tuple(m["platforms"]),
            scoring=scoring_from(m["scoring"]),
            traits=tuple(_text(t) for t in m["traits"]),
            fits=tuple(_text(t) for t in m["fits"]),
            not_fits=tuple(_text(t) for t in m["not_fits"]),
            definition=_text(m["definition"]),
            fits_basis=m.get("fits_basis", m["basis"]),
            not_fits_basis=m.get("not_fits_basis", m["basis"]),
        )
        for m in resource("modes")["modes"]
    )


def mode(key: str) -> Mode:
    """Return one mode by key ("B2B", "B2C" or "C2C")."""
    from .. import validation

    found = {m.key: m for m in modes()}
    return found[validation.choice("key", key, tuple(found))]


def business_models() -> tuple[BusinessModel, ...]:
    """Return the chapter-6 business models (B2C retail, B2B wholesale, agency)."""
    return tuple(
        BusinessModel(key=b["key"], name_en=b["name"]["en"], name_zh=b["name"]["zh"], fits=_text(b["fits"]), scoring=scoring_from(b["scoring"]))
        for b in resource("modes")["business_models"]
    )


def levers() -> tuple[Lever, ...]:
    """Return the four B2C levers (product selection, platform operations, fulfilment, customer service)."""
    return tuple(Lever(lv["key"], _text(lv["name"]), tuple(_text(p) for p in lv["points"])) for lv in resource("modes")["b2c_levers"])


def comparison() -> tuple[ComparisonRow, ...]:
    """Return the B2B/B2C/C2C comparison rows; ``basis`` "teaching_summary" marks our own summary."""
    return tuple(
        ComparisonRow(row["key"], _text(row["label"]), row["basis"], tuple((k, _text(v)) for k, v in row["values"].items()))
        for row in resource("modes")["comparison"]
    )


def fit_finder_note() -> Text:
    """Return the note saying the fit-finder's points are teaching assumptions."""
    return _text(resource("modes")["fit_finder"]["note"])


def example_situation() -> Situation:
    """Return the example learner the lessons start from (an assumption in ``modes.yaml``)."""
    return Situation(**resource("modes")["fit_finder"]["example_situation"])


def rank_modes(situation: Situation) -> tuple[ModeFit, ...]:
    """Rank the course's three modes for ``situation`` (``xbedu.modes.rank_modes`` with the data's modes).

    >>> rank_modes(example_situation())[0].mode_key
    'B2C'
    """
    return _modes.rank_modes(situation, modes())


def choose_business_model(situation: Situation) -> tuple[ModelFit, ...]:
    """Rank the chapter-6 business models for ``situation`` with the data's points.

    >>> [f.model_key for f in choose_business_model(example_situation())]
    ['b2c_retail', 'agency', 'b2b_wholesale']
    """
    return _modes.choose_business_model(situation, business_models())
