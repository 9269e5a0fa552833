"""Explorers: one per teaching idea, all built on :class:`xbedu.widgets.base.Explorer`.

    >>> from xbedu.widgets import logistics_explorer      # doctest: +SKIP
    >>> ex = logistics_explorer(lang="zh")                # doctest: +SKIP
    >>> ex                                      # doctest: +SKIP

Submodules load on first use, so ``import xbedu.widgets`` does not import ipywidgets.
"""

from __future__ import annotations

from ..lazy import exports

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


__getattr__, __dir__ = exports(__name__, _EXPORTS)
