"""The learner's progress across all chapter quizzes: a table and a chart (for ``00-progress``)."""

from __future__ import annotations

from typing import Any

from ..i18n import check_lang, t
from .bank import Bank, load_banks
from .numbers import format_number
from .progress import ChapterProgress, ProgressStore, summarize

__all__ = ["ProgressReport", "progress_report"]


class ProgressReport:
    """Progress per chapter: ``.rows`` (data), ``.table()`` (DataFrame), ``.chart()`` (altair), text repr."""

    def __init__(self, rows: list[ChapterProgress], learner: str, lang: str) -> None:
        self.rows, self.learner, self.lang = rows, learner, check_lang(lang)

    def lines(self) -> list[str]:
        """Return one deterministic line per quiz."""
        return [t("quiz.progress.line", self.lang, quiz=r.quiz_id, answered=r.answered, questions=r.questions,
                  best=format_number(r.best_score), max=format_number(r.max_score)) for r in self.rows]

    def __repr__(self) -> str:
        head = [t("quiz.progress.empty", self.lang, learner=self.learner)] if not any(r.attempts for r in self.rows) else []
        return "\n".join(head + self.lines())

    def table(self) -> Any:
        """Return the progress as a pandas DataFrame with localized column names."""
        import pandas as pd  # noqa: PLC0415

        lang = self.lang
        cols = {k: t(f"quiz.progress.col.{k}", lang) for k in ("quiz", "answered", "questions", "attempts", "best", "max", "share")}
        return pd.DataFrame([{cols["quiz"]: f"{r.quiz_id} · {r.title}", cols["answered"]: r.answered, cols["questions"]: r.questions,
                              cols["attempts"]: r.attempts, cols["best"]: r.best_score, cols["max"]: r.max_score,
                              cols["share"]: round(r.share, 3)} for r in self.rows])

    def chart(self) -> Any:
        """Return a bar chart of the best score share per quiz (altair), labelled with text, not colour alone."""
        import altair as alt  # noqa: PLC0415
        import pandas as pd  # noqa: PLC0415

        lang = self.lang
        quiz, share = t("quiz.progress.col.quiz", lang), t("quiz.progress.col.share", lang)
        data = pd.DataFrame({quiz: [r.quiz_id for r in self.rows], share: [round(r.share, 3) for r in self.rows],
                             "label": [f"{format_number(r.share * 100, 0)}%" for r in self.rows]})
        base = alt.Chart(data)
        bars = base.mark_bar().encode(x=alt.X(f"{share}:Q", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
                                      y=alt.Y(f"{quiz}:N", sort=None), tooltip=[f"{quiz}:N", alt.Tooltip(f"{share}:Q", format=".0%")])
        text = base.mark_text(align="left", dx=4).encode(x=f"{share}:Q", y=alt.Y(f"{quiz}:N", sort=None), text="label:N")
        return (bars + text).properties(width=360, title=t("quiz.progress.chart_title", lang))


def progress_report(lang: str = "en", *, learner: str | None = None, banks: list[Bank] | tuple[Bank, ...] | None = None,
                    store: ProgressStore | None = None) -> ProgressReport:
    """Return the learner's progress on every bank (default: all banks, the default store, ``$XBEDU_LEARNER``)."""
    import os

    from .widget import LEARNER_ENV

    learner = learner or os.environ.get(LEARNER_ENV) or "learner"
    own = store is None
    store = store or ProgressStore()
    try:
        rows = summarize(store, banks if banks is not None else load_banks(), learner, lang)
    finally:
        if own:
            store.close()
    return ProgressReport(rows, learner, lang)
