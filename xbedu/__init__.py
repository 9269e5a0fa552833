"""xbedu: a bilingual course on cross-border e-commerce (跨境电商).

Importing ``xbedu`` is instant and has no side effects: submodules (and the heavy
libraries they use, such as altair, pandas and ipywidgets) load on first use::

    >>> import xbedu
    >>> xbedu.logistics.chargeable_weight_kg(1.0, 30, 20, 10, divisor_cm3_per_kg=5000)
    1.2
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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
    "format",
    "i18n",
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
    from . import charts, customs, data, economics, errors, i18n, logistics, margins  # noqa: F401
    from . import markets, modes, money, operations, quiz, startup, validation, widgets  # noqa: F401


def __getattr__(name: str) -> Any:
    """Import a submodule on first attribute access (PEP 562)."""
    if name in _SUBMODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'xbedu' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_SUBMODULES))
