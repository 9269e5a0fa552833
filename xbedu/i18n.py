"""The catalog of every string a learner sees, in English and 简体中文.

Strings live in ``xbedu/locales/*.json`` (one file per area, so authors of different
parts never edit the same file). Each file maps a dotted key to ``{"en": …, "zh": …}``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

#: Languages the course is written in.
LANGUAGES: tuple[str, ...] = ("en", "zh")


@dataclass(frozen=True, slots=True)
class Message:
    """A catalog key plus its fields: how pure code says something a learner will read.

    Domain functions return ``Message`` values (e.g. why a shipping option is not
    available); widgets and notebooks render them in the lesson's language.

    >>> Message("lang.name").render("zh")
    '简体中文'
    """

    key: str
    fields: tuple[tuple[str, Any], ...] = field(default=())

    @classmethod
    def of(cls, key: str, /, **fields: Any) -> "Message":
        """Build a message from keyword fields (kept in a stable, sorted order)."""
        return cls(key, tuple(sorted(fields.items())))

    def render(self, lang: str = "en") -> str:
        """Return the text in ``lang``."""
        return t(self.key, lang, **dict(self.fields))

    def __format__(self, spec: str) -> str:
        """Render inside another message: ``{option:zh}`` gives the Chinese text."""
        return self.render(spec or "en")


class CatalogError(LookupError):
    """A key is missing from the catalog, or an entry lacks a language."""


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    """Return the merged catalog of all ``locales/*.json`` files (loaded once)."""
    merged: dict[str, dict[str, str]] = {}
    folder = resources.files("xbedu") / "locales"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        data = json.loads(entry.read_text(encoding="utf-8"))
        for key, texts in data.items():
            if key in merged:
                raise CatalogError(f"locales/{entry.name}: key {key!r} is defined twice")
            merged[key] = texts
    return merged


def check_lang(lang: str) -> str:
    """Return ``lang`` if the course speaks it, else raise a bilingual ``ValueError``."""
    if lang not in LANGUAGES:
        raise ValueError(
            f"lang must be one of {', '.join(LANGUAGES)}; got {lang!r}.\n"
            f"lang 必须是 {'、'.join(LANGUAGES)} 之一；收到的是 {lang!r}。"
        )
    return lang


def t(key: str, lang: str = "en", /, **fields: Any) -> str:
    """Return the catalog text for ``key`` in ``lang``, formatted with ``fields``.

    >>> t("lang.name", "zh")
    '简体中文'
    """
    check_lang(lang)
    try:
        entry = catalog()[key]
    except KeyError:
        raise CatalogError(f"no catalog entry {key!r} (add it to a file in xbedu/locales/)") from None
    try:
        text = entry[lang]
    except KeyError:
        raise CatalogError(f"catalog entry {key!r} has no {lang!r} text") from None
    return text.format(**fields) if fields else text


def has(key: str) -> bool:
    """Return whether ``key`` is in the catalog."""
    return key in catalog()
