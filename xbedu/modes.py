"""B2B, B2C and C2C (chapter 2) and the chapter-6 business models, with a transparent fit-finder.

The fit-finder adds up points for each part of a learner's situation (capital, product
source, supply chain, experience, goal). The points live in ``data/modes.yaml`` and are
*teaching assumptions* that make the guide's "fits / does not fit" lists explicit; every
point given or taken away comes back as a reason the learner can read.

    >>> rules = Scoring(capital=((0.0, -2), (4000.0, 0)), criteria=(("supply_chain_strength", (("strong", 3), ("weak", -3))),))
    >>> mode = Mode("B2B", "B2B", "B2B", flow_steps=(), platforms=("alibaba_com",), scoring=rules)
    >>> fit = rank_modes(Situation(5000, "own_factory", "strong", "some", "wholesale_volume"), (mode,))[0]
    >>> fit.mode_key, fit.score, [m.key for m in fit.reasons]
    ('B2B', 3, ['modes.reason.b2b.supply_chain_strength.plus'])
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from . import validation
from .errors import InputError
from .i18n import Message
from .validation import pick

__all__ = [
    "CRITERIA",
    "EXPERIENCE",
    "GOALS",
    "MODE_KEYS",
    "MODEL_KEYS",
    "PRODUCT_SOURCES",
    "SUPPLY_CHAIN_STRENGTHS",
    "BusinessModel",
    "ComparisonRow",
    "Lever",
    "Mode",
    "ModeFit",
    "ModelFit",
    "Scoring",
    "Situation",
    "Text",
    "capital_points",
    "choose_business_model",
    "rank_modes",
    "reason_key",
    "score_situation",
]

#: The three modes of chapter 2.
MODE_KEYS: tuple[str, ...] = ("B2B", "B2C", "C2C")
#: The three business models of chapter 6, step 1.
MODEL_KEYS: tuple[str, ...] = ("b2c_retail", "b2b_wholesale", "agency")
#: Where the learner's products come from.
PRODUCT_SOURCES: tuple[str, ...] = ("none", "suppliers", "own_factory", "handmade", "second_hand")
#: How strong the learner's supply chain is.
SUPPLY_CHAIN_STRENGTHS: tuple[str, ...] = ("weak", "medium", "strong")
#: How much selling experience the learner has.
EXPERIENCE: tuple[str, ...] = ("none", "some", "experienced")
#: What the learner wants from cross-border selling.
GOALS: tuple[str, ...] = ("test_the_water", "side_income", "retail_brand", "wholesale_volume")
#: The non-capital criteria of a situation and the values each may take.
CRITERIA: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("product_source", PRODUCT_SOURCES),
    ("supply_chain_strength", SUPPLY_CHAIN_STRENGTHS),
    ("experience", EXPERIENCE),
    ("goal", GOALS),
)


@dataclass(frozen=True, slots=True)
class Text:
    """A short text in both languages (from ``data/``)."""

    en: str
    zh: str

    def get(self, lang: str = "en") -> str:
        """Return the text in ``lang``."""
        return pick(lang, self.en, self.zh)


@dataclass(frozen=True, slots=True)
class Scoring:
    """Fit-finder points (teaching assumptions): capital steps and points per criterion value.

    ``capital`` is ``((from_usd, points), ...)`` in ascending ``from_usd``; the last step at or
    below the learner's capital applies. ``criteria`` is ``((criterion, ((value, points), ...)), ...)``;
    a value not listed scores 0.
    """

    capital: tuple[tuple[float, int], ...]
    criteria: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()

    def __post_init__(self) -> None:
        starts = [s for s, _ in self.capital]
        if not starts or starts != sorted(starts) or starts[0] != 0:
            raise InputError("modes.error.capital_steps", name="capital", value=tuple(starts))
        known = dict(CRITERIA)
        for criterion, table in self.criteria:
            validation.choice("criterion", criterion, known)
            for value, _ in table:
                validation.choice(criterion, value, known[criterion])


@dataclass(frozen=True, slots=True)
class Mode:
    """One of the three modes: flow steps in order, platforms, who it fits, and its fit points.

    ``fits_basis`` / ``not_fits_basis`` are "guide" when the guide gives the list and
    "teaching_summary" when the list is our own summary.
    """

    key: str
    name_en: str
    name_zh: str
    flow_steps: tuple[Text, ...]
    platforms: tuple[str, ...]
    scoring: Scoring
    flow_keys: tuple[str, ...] = ()
    traits: tuple[Text, ...] = ()
    fits: tuple[Text, ...] = ()
    not_fits: tuple[Text, ...] = ()
    definition: Text | None = None
    fits_basis: str = "guide"
    not_fits_basis: str = "guide"

    def __post_init__(self) -> None:
        validation.choice("key", self.key, MODE_KEYS)

    def name(self, lang: str = "en") -> str:
        """Return the mode's name in ``lang``."""
        return pick(lang, self.name_en, self.name_zh)


@dataclass(frozen=True, slots=True)
class BusinessModel:
    """A chapter-6 business model (B2C retail, B2B wholesale, agency) and whom it fits."""

    key: str
    name_en: str
    name_zh: str
    fits: Text
    scoring: Scoring

    def __post_init__(self) -> None:
        validation.choice("key", self.key, MODEL_KEYS)

    def name(self, lang: str = "en") -> str:
        """Return the model's name in ``lang``."""
        return pick(lang, self.name_en, self.name_zh)


@dataclass(frozen=True, slots=True)
class Lever:
    """One of the four B2C levers and its points."""

    key: str
    name: Text
    points: tuple[Text, ...]


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    """One dimension of the B2B/B2C/C2C comparison; ``basis`` says whether the guide states it."""

    key: str
    label: Text
    basis: str
    values: tuple[tuple[str, Text], ...]

    def value(self, mode_key: str) -> Text:
        """Return this dimension's value for ``mode_key``."""
        validation.choice("mode_key", mode_key, [k for k, _ in self.values])
        return dict(self.values)[mode_key]


@dataclass(frozen=True, slots=True)
class Situation:
    """A learner's situation: what the fit-finder scores."""

    capital_usd: float
    product_source: str
    supply_chain_strength: str
    experience: str
    goal: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "capital_usd", validation.non_negative("capital_usd", self.capital_usd))
        for criterion, allowed in CRITERIA:
            validation.choice(criterion, getattr(self, criterion), allowed)


@dataclass(frozen=True, slots=True)
class ModeFit:
    """How well a mode fits: total score, points per criterion, and a reason for each non-zero point."""

    mode_key: str
    score: int
    breakdown: tuple[tuple[str, int], ...]
    reasons: tuple[Message, ...]


@dataclass(frozen=True, slots=True)
class ModelFit:
    """How well a chapter-6 business model fits, with the same transparency as ``ModeFit``."""

    model_key: str
    score: int
    breakdown: tuple[tuple[str, int], ...]
    reasons: tuple[Message, ...]


def capital_points(capital_usd: float, steps: Sequence[tuple[float, int]]) -> int:
    """Return the points of the last capital step at or below ``capital_usd``.

    >>> capital_points(5000, ((0, -2), (4000, 0), (18500, 2)))
    0
    """
    capital = validation.non_negative("capital_usd", capital_usd)
    points = 0
    for start_usd, step_points in steps:
        if capital >= start_usd:
            points = step_points
    return points


def reason_key(subject_key: str, criterion: str, points: int) -> str:
    """Return the catalog key of the reason for ``points`` on ``criterion`` for a mode or model.

    >>> reason_key("B2B", "capital", -2)
    'modes.reason.b2b.capital.minus'
    """
    return f"modes.reason.{subject_key.lower()}.{criterion}.{'plus' if points > 0 else 'minus'}"


def score_situation(situation: Situation, subject_key: str, scoring: Scoring) -> tuple[int, tuple[tuple[str, int], ...], tuple[Message, ...]]:
    """Return (total, points per criterion, reasons) of ``situation`` under ``scoring``."""
    breakdown = [("capital", capital_points(situation.capital_usd, scoring.capital))]
    tables = dict(scoring.criteria)
    for criterion, _ in CRITERIA:
        if criterion in tables:
            breakdown.append((criterion, dict(tables[criterion]).get(getattr(situation, criterion), 0)))
    reasons = tuple(
        Message.of(reason_key(subject_key, criterion, pts), points=pts, capital_usd=round(situation.capital_usd))
        for criterion, pts in breakdown
        if pts != 0
    )
    return sum(p for _, p in breakdown), tuple(breakdown), reasons


def _check_situation(situation: object) -> Situation:
    if not isinstance(situation, Situation):
        raise InputError("modes.error.not_situation", name="situation", value=type(situation).__name__)
    return situation


_Fit = TypeVar("_Fit", "ModeFit", "ModelFit")


def _ranked(scored: Iterable[tuple[int, int, _Fit]]) -> tuple[_Fit, ...]:
    return tuple(fit for _, _, fit in sorted(scored, key=lambda item: (-item[0], item[1])))


def rank_modes(situation: Situation, modes: Sequence[Mode]) -> tuple[ModeFit, ...]:
    """Return the modes ranked by fit (highest score first; ties keep the given order).

    Args:
        situation: the learner's situation.
        modes: the modes to rank (``xbedu.data.modes.modes()`` gives the course's three).

    Returns:
        One ``ModeFit`` per mode, best first, each with the reasons behind its score.

    Raises:
        InputError: if ``modes`` is empty or ``situation`` is not a ``Situation``.
    """
    situation = _check_situation(situation)
    if not modes:
        raise InputError("modes.error.empty", name="modes", value="()")
    scored = []
    for order, mode in enumerate(modes):
        total, breakdown, reasons = score_situation(situation, mode.key, mode.scoring)
        scored.append((total, order, ModeFit(mode.key, total, breakdown, reasons)))
    return _ranked(scored)


def choose_business_model(situation: Situation, models: Sequence[BusinessModel]) -> tuple[ModelFit, ...]:
    """Return the chapter-6 business models ranked by fit, with reasons (same scoring as ``rank_modes``).

    Raises:
        InputError: if ``models`` is empty or ``situation`` is not a ``Situation``.
    """
    situation = _check_situation(situation)
    if not models:
        raise InputError("modes.error.empty", name="models", value="()")
    scored = []
    for order, model in enumerate(models):
        total, breakdown, reasons = score_situation(situation, model.key, model.scoring)
        scored.append((total, order, ModelFit(model.key, total, breakdown, reasons)))
    return _ranked(scored)
