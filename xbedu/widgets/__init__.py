"""Explorers: one per teaching idea, all built on :class:`xbedu.widgets.base.Explorer`.

    >>> from xbedu.widgets import logistics_explorer      # doctest: +SKIP
    >>> ex = logistics_explorer(lang="zh")                # doctest: +SKIP
    >>> ex                                      # doctest: +SKIP

Submodules load on first use, so ``import xbedu.widgets`` does not import ipywidgets.
"""

from __future__ import annotations

import importlib
from typing import Any

#: Public factory → submodule that defines it.
_EXPORTS = {
    "startup_explorer": "startup",
    "logistics_explorer": "logistics",
    "margin_explorer": "margins",
    "unit_economics_explorer": "economics",
    "modes_explorer": "modes",
    "order_to_cash_explorer": "operations",
    "markets_explorer": "markets",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Import the submodule that defines ``name`` on first access (PEP 562)."""
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
