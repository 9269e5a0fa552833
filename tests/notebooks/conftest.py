"""Notebook tests: make ``nbrepo`` (the shared readers beside this file) importable in any import mode."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

if "nbrepo" not in sys.modules:
    _spec = importlib.util.spec_from_file_location("nbrepo", Path(__file__).with_name("nbrepo.py"))
    assert _spec is not None and _spec.loader is not None
    _module = importlib.util.module_from_spec(_spec)
    sys.modules["nbrepo"] = _module
    _spec.loader.exec_module(_module)
