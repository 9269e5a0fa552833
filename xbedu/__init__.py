"""xbedu: a bilingual course on cross-border e-commerce (跨境电商).

Importing ``xbedu`` is instant and has no side effects: submodules (and the heavy
libraries they use, such as altair, pandas and ipywidgets) load on first use::

    >>> import xbedu
    >>> xbedu.logistics.chargeable_weight_kg(1.0, 30, 20, 10, divisor_cm3_per_kg=5000)
    1.2
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lazy import exports

__version__ = "0.1.0"

#: Submodules reachable as attributes of the package, loaded lazily.
_SUBMODULES = (
    "capstone",
    "charts",
    "cli",
    "customs",
    "data",
    "doctor",
    "economics",
    "errors",
    "figure",
    "format",
    "i18n",
    "lazy",
    "logistics",
    "margins",
    "markets",
    "modes",
    "money",
    "operations",
    "quiz",
    "site",
    "startup",
    "tables",
    "validation",
    "widgets",
)

__all__ = sorted([*_SUBMODULES, "__version__"], key=str.casefold)

if TYPE_CHECKING:  # pragma: no cover
    from . import (  # noqa: F401  # noqa: F401
        charts,
        customs,
        data,
        economics,
        errors,
        i18n,
        logistics,
        margins,
        markets,
        modes,
        money,
        operations,
        quiz,
        startup,
        validation,
        widgets,
    )


__getattr__, __dir__ = exports(__name__, dict.fromkeys(_SUBMODULES))
