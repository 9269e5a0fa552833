"""Every learner-facing string exists in English and Chinese."""

import json
from pathlib import Path

import pytest

from xbedu import i18n

LOCALES = Path(i18n.__file__).parent / "locales"


def test_every_entry_has_both_languages_and_the_same_fields():
    import string

    for key, texts in i18n.catalog().items():
        assert set(texts) == set(i18n.LANGUAGES), key
        fields = {lang: {f for _, f, _, _ in string.Formatter().parse(texts[lang]) if f} for lang in texts}
        assert fields["en"] == fields["zh"], f"{key}: placeholders differ {fields}"
        if not key.endswith("_sep"):  # separators may be blank (Chinese needs no space between sentences)
            assert texts["zh"].strip() and texts["en"].strip(), key


def test_no_key_is_defined_in_two_files():
    seen = {}
    for path in sorted(LOCALES.glob("*.json")):
        for key in json.loads(path.read_text(encoding="utf-8")):
            assert key not in seen, f"{key} in {seen.get(key)} and {path.name}"
            seen[key] = path.name


def test_unknown_language_is_a_clear_error():
    with pytest.raises(ValueError, match="lang must be one of en, zh"):
        i18n.t("lang.name", "fr")


def test_missing_key_names_the_key():
    with pytest.raises(i18n.CatalogError, match="no.such.key"):
        i18n.t("no.such.key", "en")
