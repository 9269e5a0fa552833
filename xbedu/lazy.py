"""Lazy public names for a package (PEP 562): ``import xbedu.charts`` must not import altair.

    >>> __getattr__, __dir__ = exports("xbedu", {"i18n": None})
    >>> __getattr__("i18n").__name__
    'xbedu.i18n'
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["exports"]


def exports(package: str, where: Mapping[str, str | None]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Return ``(__getattr__, __dir__)`` for ``package``.

    Args:
        package: the package's ``__name__``.
        where: public name → submodule that defines it, or ``None`` when the name is itself
            a submodule of the package.
    """

    def __getattr__(name: str) -> Any:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module = where[name]
        value = (importlib.import_module(f"{package}.{name}") if module is None
                 else getattr(importlib.import_module(f"{package}.{module}"), name))
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(where))

    return __getattr__, __dir__
