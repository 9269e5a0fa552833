"""The quiz in a notebook: a bank rendered as ipywidgets, in the learner's language.

Practice mode: "Check" grades at once (``grading.grade``), says why in words and symbols
(✓ / ✗ / ◐, never colour alone) inside an ``aria-live`` status region, offers tiered
hints and a retry, and shows the explanation once the answer is right (or, with a plain
key, after ``REVEAL_AFTER`` tries). Exam mode: "Save answer" only; answers go to the
progress store and to a submission file. Every text from a bank is HTML-escaped.

For CI, ``XBEDU_QUIZ_AUTOSOLVE=1`` (or ``autosolve=True``) fills in the key through the
same controls and clicks "Check", without writing progress; the text outputs
(``Quiz.summary()``) hold no timestamps or random ids, so nbval can compare them.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..i18n import Message, check_lang, t
from .bank import Bank, Question, load_bank
from .computed import instantiate, seed_for
from .grading import Result, grade
from .numbers import format_number
from .progress import Attempt, ProgressStore
from .submission import build_submission, utc_now, write_submission

__all__ = ["AUTOSOLVE_ENV", "LEARNER_ENV", "REVEAL_AFTER", "QuestionCard", "Quiz", "QuizSummary"]

#: Set to 1 to fill in the key and check every question (CI, nbval).
AUTOSOLVE_ENV = "XBEDU_QUIZ_AUTOSOLVE"
#: The learner id used for seeds and progress when none is given.
LEARNER_ENV = "XBEDU_LEARNER"
#: Practice mode with a plain key shows the explanation after this many tries.
REVEAL_AFTER = 3


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _status_html(*paragraphs: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs if p)
    return f'<div role="status" aria-live="polite" class="xbedu-quiz-feedback">{body}</div>'


class QuestionCard:
    """One question's controls, buttons and feedback region (state readable in tests)."""

    def __init__(self, quiz: Quiz, question: Question, number: int, total: int) -> None:
        import ipywidgets as w  # noqa: PLC0415 - only when a quiz is shown

        self.quiz, self.question, self.lang = quiz, question, quiz.lang
        self.result: Result | None = None
        self.saved: Any = None
        self.answered_at = ""
        self.attempts = 0
        self.hints_shown = 0
        lang = self.lang
        header = t("quiz.label.question", lang, n=number, total=total, points=format_number(question.points))
        self.prompt = w.HTML(f"<h4>{_esc(header)}</h4><p>{_esc(question.prompt[lang])}</p>")
        self.controls: list[Any] = []
        self.control = self._build_control(w)
        verb = "quiz.button.save" if quiz.mode == "exam" else "quiz.button.check"
        self.check_button = w.Button(description=t(verb, lang), tooltip=t(verb, lang))
        self.hint_button = w.Button(description=self._hint_label(), tooltip=self._hint_label(), disabled=not question.hints or quiz.mode == "exam")
        self.retry_button = w.Button(description=t("quiz.button.retry", lang), tooltip=t("quiz.button.retry", lang), disabled=True)
        self.feedback = w.HTML(_status_html(""))
        self.hints = w.HTML("")
        self.check_button.on_click(lambda _b: self.quiz._guard(self.check))
        self.hint_button.on_click(lambda _b: self.quiz._guard(self.show_hint))
        self.retry_button.on_click(lambda _b: self.quiz._guard(self.retry))
        buttons = [self.check_button] + ([] if quiz.mode == "exam" else [self.hint_button, self.retry_button])
        self.box = w.VBox([self.prompt, self.control, w.HBox(buttons), self.hints, self.feedback],
                          layout=w.Layout(border="1px solid #888", padding="8px", margin="0 0 12px 0"))

    # -- controls ---------------------------------------------------------------------------
    def _build_control(self, w: Any) -> Any:
        q, lang = self.question, self.lang
        choose = t("quiz.label.choose", lang)
        if q.type in ("single", "true_false"):
            options = ([(c.text[lang], c.id) for c in q.choices] if q.type == "single"
                       else [(t("quiz.label.true", lang), True), (t("quiz.label.false", lang), False)])
            radio = w.RadioButtons(options=options, value=None, layout=w.Layout(width="auto"))
            self.controls = [radio]
            return radio
        if q.type == "multiple":
            self.controls = [w.Checkbox(value=False, description=c.text[lang], indent=False) for c in q.choices]
            return w.VBox([w.Label(t("quiz.label.select_all", lang)), *self.controls])
        if q.type in ("numeric", "computed"):
            box = w.Text(value="", placeholder=t("quiz.label.answer_box", lang))
            self.controls = [box]
            unit = t("quiz.label.unit", lang, unit=q.unit[lang]) if q.unit else ""
            return w.HBox([box, w.Label(unit)])
        if q.type == "ordering":
            options = [(choose, None)] + [(i.text[lang], i.id) for i in q.items]
            # the description is the dropdown's accessible name (a separate Label is not announced)
            self.controls = [w.Dropdown(options=options, value=None, description=t("quiz.label.position", lang, n=n + 1),
                                        style={"description_width": "initial"}) for n in range(len(q.items))]
            return w.VBox([w.Label(t("quiz.label.order", lang)), *self.controls])
        options = [(choose, None)] + [(r.text[lang], r.id) for r in q.right]
        self.controls = [w.Dropdown(options=options, value=None, description=left.text[lang],
                                    style={"description_width": "initial"}) for left in q.left]
        return w.VBox([w.Label(t("quiz.label.match", lang)), *self.controls])

    def response(self) -> Any:
        """Return what the controls hold, in the shape ``grade`` takes."""
        q, c = self.question, self.controls
        if q.type in ("single", "true_false", "numeric", "computed"):
            return c[0].value
        if q.type == "multiple":
            return [choice.id for choice, box in zip(q.choices, c) if box.value]
        if q.type == "ordering":
            return [d.value for d in c]
        return {left.id: d.value for left, d in zip(q.left, c) if d.value is not None}

    def set_response(self, value: Any) -> None:
        """Put a response into the controls (what a learner would click or type)."""
        q, c = self.question, self.controls
        if q.type in ("single", "true_false"):
            c[0].value = value
        elif q.type in ("numeric", "computed"):
            c[0].value = str(value)
        elif q.type == "multiple":
            for choice, box in zip(q.choices, c):
                box.value = choice.id in value
        elif q.type == "ordering":
            for d, item in zip(c, value):
                d.value = item
        else:
            for left, d in zip(q.left, c):
                d.value = value.get(left.id)

    def key_response(self) -> Any:
        """Return the key as a response (None if this copy has no plain key)."""
        a = self.question.answer
        if a is None:
            return None
        if self.question.type in ("numeric", "computed"):
            return format_number(float(a), 6)
        return a

    # -- actions ----------------------------------------------------------------------------
    def _hint_label(self) -> str:
        total = len(self.question.hints)
        if self.hints_shown >= total:
            return t("quiz.button.no_more_hints", self.lang)
        return t("quiz.button.hint", self.lang, n=self.hints_shown + 1, total=total)

    def show_hint(self) -> None:
        """Reveal the next hint (tiered: gentlest first)."""
        q, lang = self.question, self.lang
        if self.hints_shown < len(q.hints):
            self.hints_shown += 1
        shown = [f"<p><b>{_esc(t('quiz.label.hint', lang, n=i + 1))}</b> {_esc(h[lang])}</p>" for i, h in enumerate(q.hints[: self.hints_shown])]
        self.hints.value = "".join(shown)
        self.hint_button.description = self.hint_button.tooltip = self._hint_label()
        self.hint_button.disabled = self.hints_shown >= len(q.hints)

    def check(self) -> None:
        """Grade (practice) or save (exam) the current response; update feedback; record the attempt."""
        q, lang, quiz = self.question, self.lang, self.quiz
        response = self.response()
        self.saved = response
        self.answered_at = utc_now()
        if quiz.mode == "exam" or not q.has_key:
            self.result = None
            self.feedback.value = _status_html(_esc(t("quiz.feedback.saved", lang)))
            quiz._record(self, response, "saved", None)
            return
        result = grade(q, response)
        self.result = result
        if result.status not in ("unreadable", "unanswered", "invalid"):
            self.attempts += 1
        lines = [_esc(result.feedback(lang))]
        picked = q.choices and isinstance(response, str) and next((c for c in q.choices if c.id == response), None)
        if picked and picked.feedback and not result.correct:
            lines.append(_esc(picked.feedback[lang]))
        explanation = self._explanation(response, result)
        if explanation:
            lines.append(f"<b>{_esc(t('quiz.label.explanation', lang))}</b> {_esc(explanation)}")
        self.feedback.value = _status_html(*lines)
        self.retry_button.disabled = result.correct
        quiz._record(self, response, result.status, result.score)

    def _explanation(self, response: Any, result: Result) -> str | None:
        q = self.question
        if q.explanation and (result.correct or self.attempts >= REVEAL_AFTER):
            return q.explanation[self.lang]
        if q.sealed and result.correct:
            from .release import unseal  # noqa: PLC0415

            return unseal(q, response, self.lang)
        return None

    def retry(self) -> None:
        """Clear the controls and the feedback for another try."""
        for c in self.controls:
            c.value = False if c.__class__.__name__ == "Checkbox" else "" if c.__class__.__name__ == "Text" else None
        self.feedback.value = _status_html("")
        self.retry_button.disabled = True


class QuizSummary:
    """A deterministic one-line text summary of a quiz's state (what nbval compares)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__


class Quiz:
    """A chapter quiz (or a subset) as widgets: ``Quiz.from_bank(path, lang="zh")`` then display it."""

    def __init__(self, bank: Bank, *, lang: str = "en", mode: str | None = None, learner: str | None = None,
                 questions: Iterable[str] | None = None, store: ProgressStore | bool | None = None,
                 autosolve: bool | None = None) -> None:
        import ipywidgets as w  # noqa: PLC0415

        self.bank, self.lang = bank, check_lang(lang)
        self.mode = mode or ("exam" if bank.release_mode == "exam" else "practice")
        self.learner = learner or os.environ.get(LEARNER_ENV) or "learner"
        if autosolve is None:
            autosolve = os.environ.get(AUTOSOLVE_ENV, "").lower() in ("1", "true", "yes")
        self._store_arg = False if (autosolve and store is None) else store
        self._store: ProgressStore | None = None
        self.notice = w.HTML("")
        self.errors = w.Output()
        wanted = set(questions) if questions is not None else None
        if wanted is not None:
            known = {q.id for q in bank.questions} | {q.tag for q in bank.questions}
            unknown = sorted(wanted - known)
            if unknown:  # a typo in a lesson must not silently shrink its quiz
                raise InputError("quiz.error.unknown_questions", name="questions", value=unknown,
                                 allowed=f"{bank.quiz_id}: " + ", ".join(q.id for q in bank.questions))
        chosen = [q for q in bank.questions if wanted is None or q.id in wanted or q.tag in wanted]
        self.seeds = {q.id: seed_for(self.learner, q.id) for q in chosen if q.type == "computed"}
        instances = [instantiate(q, self.seeds[q.id]) if q.id in self.seeds else q for q in chosen]
        self.cards = [QuestionCard(self, q, n + 1, len(instances)) for n, q in enumerate(instances)]
        self.learner_box = w.Text(value=self.learner, description="", placeholder=t("quiz.label.learner", lang))
        self.export_button = w.Button(description=t("quiz.button.export", lang), tooltip=t("quiz.button.export", lang))
        self.export_status = w.HTML(_status_html(""))
        self.export_button.on_click(lambda _b: self._guard(self._export_clicked))
        mode_line = w.HTML(f"<h3>{_esc(bank.title[lang])}</h3><p>{_esc(t('quiz.label.mode_' + self.mode, lang))}</p>")
        footer = w.VBox([w.HBox([w.Label(t("quiz.label.learner", lang)), self.learner_box, self.export_button]), self.export_status])
        self.box = w.VBox([mode_line, self.notice, *[c.box for c in self.cards], footer, self.errors])
        if autosolve:
            self.autosolve()

    @classmethod
    def from_bank(cls, path: str | Path, **kwargs: Any) -> Quiz:
        """Load a bank file and build its quiz (keyword arguments as for ``Quiz``)."""
        return cls(load_bank(path), **kwargs)

    def _guard(self, action: Any) -> None:
        with self.errors:  # callback errors are shown, never lost
            action()

    @property
    def store(self) -> ProgressStore | None:
        """The progress store (opened on first use; None when disabled)."""
        if self._store is None and self._store_arg is not False:
            self._store = self._store_arg if isinstance(self._store_arg, ProgressStore) else ProgressStore()
            if self._store.notice:
                self._show_notice(self._store.notice)
        return self._store

    def _show_notice(self, message: Message) -> None:
        self.notice.value = _status_html(_esc(message.render(self.lang)))

    def _record(self, card: QuestionCard, response: Any, status: str, score: float | None) -> None:
        try:
            store = self.store
            if store is not None:
                store.record(Attempt(self.learner, self.bank.quiz_id, self.bank.hash, card.question.id, response, status, score,
                                     card.question.points, card.hints_shown, self.mode, self.seeds.get(card.question.id), utc_now()))
        except Exception as exc:  # a full disk must not break the quiz; say so
            self._show_notice(Message.of("quiz.progress.error", error=str(exc)))

    def autosolve(self) -> None:
        """Fill every question with the key through its controls and click its button."""
        for card in self.cards:
            answer = card.key_response()
            if answer is None:
                self._show_notice(Message.of("quiz.autosolve.no_key"))
                continue
            card.set_response(answer)
            card.check_button.click()

    def summary(self) -> QuizSummary:
        """Return the quiz's state as one deterministic line in the quiz's language."""
        cards, lang = self.cards, self.lang
        answered = sum(1 for c in cards if c.saved not in (None, "", [], {}))
        total = len(cards)
        if self.mode == "exam":
            return QuizSummary(t("quiz.summary.exam", lang, quiz=self.bank.quiz_id, answered=answered, total=total))
        results = [c.result for c in cards if c.result is not None]
        score = sum(r.score for r in results)
        max_score = sum(c.question.points for c in cards)
        return QuizSummary(t("quiz.summary.practice", lang, quiz=self.bank.quiz_id, answered=answered, total=total,
                             correct=sum(r.correct for r in results), score=format_number(score), max=format_number(max_score)))

    def submission(self, learner_id: str | None = None) -> dict[str, Any]:
        """Return the current answers as a submission dict."""
        now = utc_now()
        responses: dict[str, dict[str, Any]] = {}
        for card in self.cards:
            if card.saved in (None, "", [], {}):
                continue
            entry: dict[str, Any] = {"response": card.saved, "answered_at": card.answered_at or now, "hints_used": card.hints_shown}
            if card.question.id in self.seeds:
                entry["seed"] = self.seeds[card.question.id]
            responses[card.question.id] = entry
        return build_submission(learner_id or self.learner_box.value or self.learner, self.bank, responses, mode=self.mode)

    def export_submission(self, path: str | Path | None = None) -> Path:
        """Write the submission JSON (default: ``<quiz>-<learner>-submission.json`` here) and return its path."""
        sub = self.submission()
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in sub["learner_id"])
        return write_submission(sub, path or Path.cwd() / f"{self.bank.quiz_id}-{safe}-submission.json")

    def _export_clicked(self) -> None:
        if not self.learner_box.value.strip():
            self.export_status.value = _status_html(_esc(t("quiz.export.need_id", self.lang)))
            return
        path = self.export_submission()
        self.export_status.value = _status_html(_esc(t("quiz.export.done", self.lang, path=path.name)))

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = self.box._repr_mimebundle_(**kwargs)
        text = t("quiz.summary.outline", self.lang, quiz=self.bank.quiz_id, total=len(self.cards),
                 max=format_number(sum(c.question.points for c in self.cards)))
        if isinstance(bundle, tuple):
            bundle = bundle[0]
        return {**bundle, "text/plain": text}
