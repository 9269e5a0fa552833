"""The ``xbedu`` command: a thin layer over the library (doctor, quiz, site, progress).

Each sub-command lives with the code it calls and registers itself here; this module
only builds the parser and turns a learner's mistake into one clear line, not a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

#: Modules that add sub-commands: each has ``register(subparsers)``.
_COMMAND_MODULES = ("xbedu.doctor", "xbedu.quiz.cli", "xbedu.site")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every available sub-command."""
    parser = argparse.ArgumentParser(prog="xbedu", description="xbedu: a course on cross-border e-commerce (跨境电商).")
    parser.add_argument("--version", action="version", version=f"xbedu {importlib.import_module('xbedu').__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith("xbedu"):
                continue  # that part of the course is not built yet
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from .errors import XbeduError

    try:
        return int(args.func(args) or 0)
    except XbeduError as exc:
        print(f"xbedu: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
