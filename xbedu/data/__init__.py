"""The course's data package (``data/``): loaded once, validated, and served as typed figures.

``data/`` is a Frictionless Data Package: ``datapackage.json`` lists CSV resources
(checked against their Table Schema) and YAML resources (checked against a JSON
Schema). Any problem is a ``DataError`` naming the file, the row and the field.

    >>> fig = figure("startup.total.max_usd")
    >>> fig.value, fig.unit
    (18500.0, 'USD')
"""

from __future__ import annotations

import csv
import json
import os
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import XbeduError
from ..figure import Figure

__all__ = [
    "DataError",
    "Figure",
    "Package",
    "data_dir",
    "figure",
    "figures",
    "load",
    "resource",
    "stale_figures",
    "validate_dir",
]

#: Environment variable that points the course at another copy of ``data/``.
DATA_ENV = "XBEDU_DATA"


class DataError(XbeduError, ValueError):
    """A file of the data package is broken: names the file, row and field."""

    def __init__(self, file: str, problem: str, *, row: int | None = None, field: str | None = None) -> None:
        self.file, self.row, self.field, self.problem = file, row, field, problem
        where = file + (f", row {row}" if row is not None else "") + (f", field {field!r}" if field else "")
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True, slots=True)
class Package:
    """The loaded, validated data package."""

    root: Path
    descriptor: dict[str, Any]
    tables: dict[str, tuple[dict[str, Any], ...]]
    documents: dict[str, Any]
    figures: dict[str, Figure]


def data_dir() -> Path:
    """Return the folder of the data package in use.

    Order: ``$XBEDU_DATA``; a copy bundled inside the installed package
    (``xbedu/_data``, used by wheels such as the JupyterLite build); the checkout's ``data/``.
    """
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent.parent
    bundled = here / "_data"
    if (bundled / "datapackage.json").exists():
        return bundled
    return here.parent / "data"


def load() -> Package:
    """Return the validated data package (read from disk once per process)."""
    return _load(str(data_dir()))


@lru_cache(maxsize=4)
def _load(root: str) -> Package:
    return validate_dir(Path(root))


def validate_dir(root: Path) -> Package:
    """Read and validate every resource of the package in ``root``; raise ``DataError`` on the first problem."""
    desc_path = root / "datapackage.json"
    if not desc_path.exists():
        raise DataError(str(desc_path), "the data package descriptor is missing")
    try:
        descriptor = json.loads(desc_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError("datapackage.json", f"not valid JSON ({exc.msg})", row=exc.lineno) from None
    tables: dict[str, tuple[dict[str, Any], ...]] = {}
    documents: dict[str, Any] = {}
    figs: dict[str, Figure] = {}
    names = set()
    for index, res in enumerate(descriptor.get("resources", [])):
        for key in ("name", "path", "format", "schema"):
            if key not in res:
                raise DataError("datapackage.json", f"resource {index} has no {key!r}", field=key)
        if res["name"] in names:
            raise DataError("datapackage.json", f"resource name {res['name']!r} is used twice", field="name")
        names.add(res["name"])
        path = root / res["path"]
        if not path.exists():
            raise DataError(res["path"], "the file listed in datapackage.json does not exist")
        schema = _read_schema(root, res["schema"])
        if res["format"] == "csv":
            rows = _read_table(path, res["path"], schema)
            tables[res["name"]] = rows
            if res["name"].startswith("figures-"):
                for number, row in enumerate(rows, start=2):
                    fig = _figure_from_row(res["path"], number, row)
                    if fig.id in figs:
                        raise DataError(res["path"], f"figure id {fig.id!r} is also defined in another file", row=number, field="id")
                    figs[fig.id] = fig
        elif res["format"] == "yaml":
            documents[res["name"]] = _read_yaml(path, res["path"], schema)
        else:
            raise DataError("datapackage.json", f"resource {res['name']!r} has unknown format {res['format']!r}", field="format")
    return Package(root=root, descriptor=descriptor, tables=tables, documents=documents, figures=figs)


def _read_schema(root: Path, ref: str) -> dict[str, Any]:
    path = root / ref
    if not path.exists():
        raise DataError(ref, "the schema file named in datapackage.json does not exist")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(ref, f"not valid JSON ({exc.msg})", row=exc.lineno) from None


_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}


def _cast(file: str, row: int, field: dict[str, Any], raw: str) -> Any:
    kind = field.get("type", "string")
    name = field["name"]
    if raw == "":
        if field.get("constraints", {}).get("required"):
            raise DataError(file, "a value is required here", row=row, field=name)
        return None
    if kind == "number":
        try:
            value: Any = float(raw)
        except ValueError:
            raise DataError(file, f"{raw!r} is not a number", row=row, field=name) from None
        if value != value or value in (float("inf"), float("-inf")):
            raise DataError(file, f"{raw!r} is not a finite number", row=row, field=name)
    elif kind == "integer":
        try:
            value = int(raw)
        except ValueError:
            raise DataError(file, f"{raw!r} is not a whole number", row=row, field=name) from None
    elif kind == "boolean":
        if raw.lower() in _TRUE:
            value = True
        elif raw.lower() in _FALSE:
            value = False
        else:
            raise DataError(file, f"{raw!r} is not true or false", row=row, field=name)
    elif kind == "date":
        try:
            value = date.fromisoformat(raw)
        except ValueError:
            raise DataError(file, f"{raw!r} is not a date (YYYY-MM-DD)", row=row, field=name) from None
    else:
        value = raw
    cons = field.get("constraints", {})
    if "enum" in cons and value not in cons["enum"]:
        raise DataError(file, f"{raw!r} is not one of {', '.join(map(str, cons['enum']))}", row=row, field=name)
    if "pattern" in cons and isinstance(value, str) and not re.fullmatch(cons["pattern"], value):
        raise DataError(file, f"{raw!r} does not match the pattern {cons['pattern']}", row=row, field=name)
    if "minimum" in cons and value < cons["minimum"]:
        raise DataError(file, f"{raw!r} is below the minimum {cons['minimum']}", row=row, field=name)
    if "maximum" in cons and value > cons["maximum"]:
        raise DataError(file, f"{raw!r} is above the maximum {cons['maximum']}", row=row, field=name)
    return value


def _read_table(path: Path, file: str, schema: dict[str, Any]) -> tuple[dict[str, Any], ...]:
    fields = schema.get("fields", [])
    expected = [f["name"] for f in fields]
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise DataError(file, "the file is empty (no header row)", row=1) from None
        if header != expected:
            missing = [n for n in expected if n not in header]
            extra = [n for n in header if n not in expected]
            detail = (f"missing {missing}" if missing else "") + (f" unexpected {extra}" if extra else "")
            raise DataError(file, f"header does not match the schema ({detail.strip() or 'columns out of order'}); expected {expected}", row=1)
        rows = []
        seen: dict[tuple[Any, ...], int] = {}
        key_fields = schema.get("primaryKey", [])
        for number, raw_row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in raw_row):
                continue
            if len(raw_row) != len(expected):
                raise DataError(file, f"has {len(raw_row)} cells, the header has {len(expected)}", row=number)
            row = {f["name"]: _cast(file, number, f, cell) for f, cell in zip(fields, raw_row)}
            if key_fields:
                key = tuple(row[k] for k in key_fields)
                if key in seen:
                    raise DataError(file, f"{key_fields[0]} {key[0]!r} repeats row {seen[key]}", row=number, field=key_fields[0])
                seen[key] = number
            rows.append(row)
    return tuple(rows)


def _figure_from_row(file: str, number: int, row: dict[str, Any]) -> Figure:
    fig = Figure(
        id=row["id"], value=row["value"], unit=row["unit"], label_en=row["label_en"], label_zh=row["label_zh"],
        basis=row["basis"], source_title=row["source_title"], source_url=row.get("source_url") or "",
        as_of=row["as_of"], assumption=row["assumption"], low=row.get("low"), high=row.get("high"), note=row.get("note") or "",
    )
    if fig.assumption != (fig.basis == "assumption"):
        raise DataError(file, "assumption must be true exactly when basis is 'assumption'", row=number, field="assumption")
    if not fig.assumption and not fig.source_url:
        raise DataError(file, "a sourced figure needs a source_url (or mark it basis=assumption)", row=number, field="source_url")
    if fig.low is not None and fig.value < fig.low:
        raise DataError(file, f"value {fig.value} is below low {fig.low}", row=number, field="value")
    if fig.high is not None and fig.value > fig.high:
        raise DataError(file, f"value {fig.value} is above high {fig.high}", row=number, field="value")
    return fig


def _read_yaml(path: Path, file: str, schema: dict[str, Any]) -> Any:
    import yaml  # deferred: only needed when the data are first loaded

    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10× faster
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataError(file, f"not valid YAML ({getattr(exc, 'problem', exc)})", row=mark.line + 1 if mark else None) from None
    from .schema import (
        iter_errors,  # stdlib-only validator: jsonschema costs ~1 s to import
    )

    errors = sorted(iter_errors(document, schema), key=lambda e: [str(p) for p in e[0]])
    if errors:
        path, message = errors[0]
        location = "/".join(str(p) for p in path) or "(top level)"
        raise DataError(file, message, field=location)
    return document


def figure(figure_id: str) -> Figure:
    """Return the figure with this id, e.g. ``figure("logistics.express.rate_usd_per_kg")``."""
    figs = load().figures
    try:
        return figs[figure_id]
    except KeyError:
        close = [f for f in figs if f.startswith(figure_id.rsplit(".", 1)[0])][:5]
        raise DataError("data/figures", f"no figure with id {figure_id!r}" + (f"; similar: {', '.join(close)}" if close else "")) from None


def figures(prefix: str = "") -> tuple[Figure, ...]:
    """Return every figure whose id starts with ``prefix``, sorted by id."""
    return tuple(f for k, f in sorted(load().figures.items()) if k.startswith(prefix))


def resource(name: str) -> Any:
    """Return a YAML document or the rows of a CSV table by resource name."""
    pkg = load()
    if name in pkg.documents:
        return pkg.documents[name]
    if name in pkg.tables:
        return pkg.tables[name]
    raise DataError("datapackage.json", f"no resource named {name!r}; known: {', '.join(sorted([*pkg.documents, *pkg.tables]))}")


def stale_figures(today: date, months: int = 18, *, package: Package | None = None) -> tuple[Figure, ...]:
    """Return the sourced figures whose as-of date is more than ``months`` before ``today``.

    The guide's own figures and assumptions are not listed (they have no source to
    re-check), nor are past points of a year series (``….2018`` when ``….2024`` exists):
    a 2018 value is history, not out of date; the series' newest point is what to re-check.
    """
    figs = (package or load()).figures
    limit = (today.year * 12 + today.month - 1) - months
    newest: dict[str, int] = {}
    for fid in figs:
        stem, _, last = fid.rpartition(".")
        if last.isdigit() and len(last) == 4:
            newest[stem] = max(newest.get(stem, 0), int(last))
    stale = []
    for fid, fig in sorted(figs.items()):
        if fig.assumption or fig.basis == "guide":
            continue
        stem, _, last = fid.rpartition(".")
        if last.isdigit() and len(last) == 4 and int(last) < newest[stem]:
            continue
        when = fig.as_of_date()
        if (when.year * 12 + when.month - 1) < limit:
            stale.append(fig)
    return tuple(stale)
