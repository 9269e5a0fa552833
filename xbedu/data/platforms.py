"""Selling platforms from ``data/platforms.yaml``: modes served, markets, and their fee figures."""

from __future__ import annotations

from dataclasses import dataclass

from .. import validation as v
from ..validation import pick
from . import DataError, Figure, figure, load, resource

__all__ = ["MODES", "Platform", "fee_figures", "platform", "platforms", "platforms_for_mode"]

#: Business modes a platform can serve.
MODES: tuple[str, ...] = ("B2B", "B2C", "C2C")


@dataclass(frozen=True, slots=True)
class Platform:
    """One selling platform as the course describes it."""

    key: str
    name_en: str
    name_zh: str
    modes: tuple[str, ...]
    markets: tuple[str, ...]
    fee_figure_ids: tuple[str, ...]
    in_guide: bool = True
    fee_note_en: str = ""
    fee_note_zh: str = ""

    def name(self, lang: str = "en") -> str:
        """Return the platform's name in ``lang``."""
        return pick(lang, self.name_en, self.name_zh)

    def fee_note(self, lang: str = "en") -> str:
        """Return the note on missing fee figures in ``lang`` ('' when there is none)."""
        return self.fee_note_zh if lang == "zh" else self.fee_note_en


def platforms() -> tuple[Platform, ...]:
    """Return every platform in the order of ``data/platforms.yaml``; every fee figure id must exist.

    >>> [p.key for p in platforms()][:3]
    ['amazon', 'ebay', 'etsy']
    """
    known = load().figures
    result = []
    for row in resource("platforms")["platforms"]:
        missing = [fid for fid in row["fee_figures"] if fid not in known]
        if missing:
            raise DataError("platforms.yaml", f"platform {row['key']!r} names fee figures that do not exist: {', '.join(missing)}", field="fee_figures")
        result.append(Platform(
            key=row["key"], name_en=row["name_en"], name_zh=row["name_zh"], modes=tuple(row["modes"]),
            markets=tuple(row["markets"]), fee_figure_ids=tuple(row["fee_figures"]), in_guide=row.get("in_guide", True),
            fee_note_en=row.get("fee_note_en", ""), fee_note_zh=row.get("fee_note_zh", ""),
        ))
    return tuple(result)


def platform(key: str) -> Platform:
    """Return the platform with this key; an unknown key lists the known ones."""
    found = {p.key: p for p in platforms()}
    return found[v.choice("platform", key, tuple(found))]


def platforms_for_mode(mode: str) -> tuple[Platform, ...]:
    """Return the platforms that serve ``mode`` ("B2B", "B2C" or "C2C")."""
    v.choice("mode", mode, MODES)
    return tuple(p for p in platforms() if mode in p.modes)


def fee_figures(key: str) -> tuple[Figure, ...]:
    """Return the fee figures of a platform (empty when none was found in a source)."""
    return tuple(figure(fid) for fid in platform(key).fee_figure_ids)
