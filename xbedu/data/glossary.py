"""The course glossary (``data/glossary.yaml``): key terms zh ↔ en, and the chapter-1 concept tables.

    >>> glossary_terms(chapter=1)[1].zh
    '关境'
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from .. import i18n, validation
from . import resource

__all__ = ["CONCEPT_TABLES", "Table", "Term", "concept_table", "glossary_table", "glossary_terms"]

#: The chapter-1 concept tables in ``glossary.yaml`` and their columns (catalog keys, data fields).
CONCEPT_TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "features": (("lessons.features.feature", ""), ("lessons.features.means", "means"), ("lessons.features.example", "example")),
    "contrasts": (("lessons.contrasts.aspect", ""), ("lessons.contrasts.traditional", "traditional"), ("lessons.contrasts.cbec", "cbec")),
    "cases": (("lessons.cases.case", "case"), ("lessons.cases.verdict", "verdict"), ("lessons.cases.why", "why")),
}


@dataclass(frozen=True, slots=True)
class Term:
    """One glossary entry: the term in both languages, the lesson that introduces it, its definitions."""

    id: str
    zh: str
    en: str
    chapter: int
    definition_en: str
    definition_zh: str

    def definition(self, lang: str = "en") -> str:
        """Return the one-line definition in ``lang``."""
        return validation.pick(lang, self.definition_en, self.definition_zh)


@dataclass(frozen=True, slots=True, repr=False)
class Table:
    """A small text table that a notebook shows as HTML (and as plain text elsewhere)."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def _repr_html_(self) -> str:
        cell = '<{tag} style="text-align:left">{text}</{tag}>'
        head = "".join(cell.format(tag="th", text=escape(h)) for h in self.headers)
        body = "".join("<tr>" + "".join(cell.format(tag="td", text=escape(v)) for v in row) + "</tr>" for row in self.rows)
        return f'<table class="xbedu-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'

    def __repr__(self) -> str:
        return "\n".join(" | ".join(line) for line in (self.headers, *self.rows))


def glossary_terms(chapter: int | None = None) -> tuple[Term, ...]:
    """Return the glossary's terms in teaching order, optionally only those a chapter introduces.

    Args:
        chapter: 1–6 to keep the terms that lesson introduces; ``None`` for all.

    Returns:
        The terms, in the order of ``data/glossary.yaml``.

    Raises:
        InputError: ``chapter`` is not a whole number from 1 to 6.
    """
    if chapter is not None:
        validation.between("chapter", validation.whole("chapter", chapter), 1, 6)
    terms = tuple(
        Term(t["id"], t["zh"], t["en"], t["chapter"], t["def_en"], t["def_zh"]) for t in resource("glossary")["terms"]
    )
    return tuple(t for t in terms if chapter is None or t.chapter == chapter)


def glossary_table(lang: str = "en", *, chapter: int | None = None) -> Table:
    """Return the glossary as a table in ``lang``: term in both languages, definition, lesson.

    >>> glossary_table("zh", chapter=1).headers
    ('中文', '英文', '释义', '课次')
    """
    validation.choice("lang", lang, i18n.LANGUAGES)
    keys = ("lessons.glossary.chinese", "lessons.glossary.english") if lang == "zh" else ("lessons.glossary.english", "lessons.glossary.chinese")
    headers = tuple(i18n.t(k, lang) for k in (*keys, "lessons.glossary.definition", "lessons.glossary.lesson"))
    rows = tuple(
        ((t.zh, t.en) if lang == "zh" else (t.en, t.zh)) + (t.definition(lang), f"{t.chapter:02d}")
        for t in glossary_terms(chapter)
    )
    return Table(headers, rows)


def concept_table(name: str, lang: str = "en") -> Table:
    """Return one of the chapter-1 concept tables (``features``, ``contrasts``, ``cases``) in ``lang``.

    >>> len(concept_table("features").rows)
    6
    """
    validation.choice("name", name, CONCEPT_TABLES)
    validation.choice("lang", lang, i18n.LANGUAGES)
    columns = CONCEPT_TABLES[name]
    headers = tuple(i18n.t(key, lang) for key, _ in columns)
    rows = tuple(tuple(_value(item, field, lang) for _, field in columns) for item in resource("glossary")[name])
    return Table(headers, rows)


def _value(item: dict[str, Any], field: str, lang: str) -> str:
    if not field:
        return str(item[lang])
    if field == "verdict":
        return i18n.t(f"lessons.cases.{item['verdict']}", lang)
    return str(item[f"{field}_{lang}"])
