"""Explorer 1: B2B, B2C and C2C side by side, and "which mode fits me" (chapters 2 and 6)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .. import modes
from ..charts.modes import build_mode_chart
from ..data import modes as modes_data
from ..data import platforms as platforms_data
from .base import Control, Explorer
from .format import Table

__all__ = ["ModeChoice", "ModesExplorer", "modes_explorer"]


@dataclass(frozen=True, slots=True)
class ModeChoice:
    """The learner's situation, the three modes ranked, and the chapter-6 business models ranked."""

    situation: modes.Situation
    modes: tuple[modes.ModeFit, ...]
    models: tuple[modes.ModelFit, ...]


class ModesExplorer(Explorer):
    """The learner's situation in; modes and business models ranked with reasons out."""

    title_key = "widgets.modes.title"
    intro_key = "widgets.modes.intro"

    def control_specs(self) -> Sequence[Control]:
        """Capital typed freely; the other criteria as menus, starting from the example learner in the data."""
        example = modes_data.example_situation()
        specs = [Control("capital_usd", "float_text", "modes.label.capital", example.capital_usd, "widgets.unit.usd", step=500)]
        for criterion, allowed in modes.CRITERIA:
            specs.append(Control(criterion, "dropdown", f"modes.label.{criterion}", getattr(example, criterion),
                                 options=tuple((f"modes.option.{criterion}.{v}", v) for v in allowed)))
        return specs

    def compute(self, values: Mapping[str, Any]) -> ModeChoice:
        """Score the situation for every mode and business model."""
        situation = modes.Situation(values["capital_usd"], values["product_source"], values["supply_chain_strength"],
                                    values["experience"], values["goal"])
        return ModeChoice(situation, modes_data.rank_modes(situation),
                          modes.choose_business_model(situation, modes_data.business_models()))

    def _names(self) -> dict[str, str]:
        names = {m.key: m.name(self.lang) for m in modes_data.modes()}
        names.update({b.key: b.name(self.lang) for b in modes_data.business_models()})
        return names

    def build_chart(self, result: ModeChoice) -> Any:
        """Diverging bars of points per criterion."""
        return build_mode_chart(result.modes, result.models, self._names(), lang=self.lang)

    def describe(self, result: ModeChoice) -> str:
        """The best mode and model, with the reasons behind their scores."""
        names = self._names()
        best, model = result.modes[0], result.models[0]
        return self.sentences(
            self.t("widgets.modes.reading", mode=names[best.mode_key], score=best.score, model=names[model.model_key],
                   model_score=model.score),
            *(m.render(self.lang) for m in best.reasons),
            *(m.render(self.lang) for m in model.reasons),
            modes_data.fit_finder_note().get(self.lang),
        )

    def tabulate(self, result: ModeChoice) -> Table:
        """The three modes side by side on every dimension, their platforms, then each score."""
        mode_list = modes_data.modes()
        rows = [(row.label.get(self.lang), *(row.value(m.key).get(self.lang) for m in mode_list)) for row in modes_data.comparison()]
        rows.append((self.t("widgets.modes.platforms"),
                     *(self.t("charts.list_sep").join(p.name(self.lang) for p in platforms_data.platforms_for_mode(m.key))
                       for m in mode_list)))
        scores = {f.mode_key: f.score for f in result.modes}
        rows.append((self.t("modes.label.score"), *(str(scores[m.key]) for m in mode_list)))
        return Table(("", *(m.name(self.lang) for m in mode_list)), tuple(rows))


def modes_explorer(lang: str = "en") -> ModesExplorer:
    """Return the mode comparison and "which mode fits me" explorer in ``lang`` ("en" or "zh")."""
    return ModesExplorer(lang)
