"""Errors a learner can read: each names what was wrong and what is allowed, in both languages."""

from __future__ import annotations

from typing import Any

from . import i18n


class XbeduError(Exception):
    """Base class of the errors xbedu raises on purpose."""


class InputError(XbeduError, ValueError):
    """A value given to a course function is not allowed.

    The message is rendered from the i18n catalog: ``str(err)`` gives English then
    简体中文; ``err.message("zh")`` gives one language (what widgets show).

    >>> err = InputError("error.not_positive", name="weight_kg", value=-1)
    >>> err.message("en")
    'weight_kg must be greater than 0; got -1.'
    """

    def __init__(self, key: str, /, **fields: Any) -> None:
        self.key = key
        self.fields = fields
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        """Return the message in ``lang`` ('en' or 'zh')."""
        shown = {k: v if k == "name" else _show(v) for k, v in self.fields.items()}
        return i18n.t(self.key, lang, **shown)

    def __str__(self) -> str:
        return f"{self.message('en')}\n{self.message('zh')}"


def _show(value: Any) -> Any:
    """Format a value for a message: strings quoted, sequences joined."""
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(str(v) for v in value)
    return value
