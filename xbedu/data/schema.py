"""A small JSON Schema (draft 2020-12) validator for the data package's YAML resources.

Why not ``jsonschema``? Importing it costs about a second here (its format checkers build
a grammar at import), and every lesson loads the data. This covers the keywords our
schemas use and refuses any other keyword loudly, so a schema can never be half-checked.
``tests/test_data_schema.py`` checks it agrees with ``jsonschema`` on every schema we ship.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

__all__ = ["SchemaError", "iter_errors", "SUPPORTED"]

#: Keywords that only annotate (no effect on validity).
_ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "default", "examples", "$defs", "definitions", "deprecated", "readOnly"}
#: Keywords this validator checks.
SUPPORTED = _ANNOTATIONS | {
    "type", "properties", "required", "additionalProperties", "patternProperties", "propertyNames",
    "items", "prefixItems", "enum", "const", "minItems", "maxItems", "uniqueItems", "minLength", "maxLength",
    "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "$ref", "anyOf", "oneOf", "allOf", "not",
    "minProperties", "maxProperties",
}

_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool) or (isinstance(v, float) and v.is_integer()),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


class SchemaError(ValueError):
    """The schema itself uses something this validator does not understand."""


def iter_errors(instance: Any, schema: dict[str, Any], root: dict[str, Any] | None = None, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Yield ``(path, message)`` for every way ``instance`` breaks ``schema``."""
    root = schema if root is None else root
    if schema is True or schema == {}:
        return
    if schema is False:
        yield path, "no value is allowed here"
        return
    unknown = set(schema) - SUPPORTED
    if unknown:
        raise SchemaError(f"unsupported schema keyword(s): {', '.join(sorted(unknown))}")
    if "$ref" in schema:
        yield from iter_errors(instance, _resolve(schema["$ref"], root), root, path)
    if "type" in schema:
        kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_TYPES[k](instance) for k in kinds):
            yield path, f"{instance!r} is not of type {' or '.join(repr(k) for k in kinds)}"
            return
    if "enum" in schema and instance not in schema["enum"]:
        yield path, f"{instance!r} is not one of {schema['enum']!r}"
    if "const" in schema and instance != schema["const"]:
        yield path, f"{schema['const']!r} was expected"
    if isinstance(instance, str):
        if "minLength" in schema and len(instance) < schema["minLength"]:
            yield path, f"{instance!r} is too short"
        if "maxLength" in schema and len(instance) > schema["maxLength"]:
            yield path, f"{instance!r} is too long"
        if "pattern" in schema and not re.search(schema["pattern"], instance):
            yield path, f"{instance!r} does not match {schema['pattern']!r}"
    if _TYPES["number"](instance):
        if "minimum" in schema and instance < schema["minimum"]:
            yield path, f"{instance!r} is less than the minimum of {schema['minimum']!r}"
        if "maximum" in schema and instance > schema["maximum"]:
            yield path, f"{instance!r} is greater than the maximum of {schema['maximum']!r}"
        if "exclusiveMinimum" in schema and instance <= schema["exclusiveMinimum"]:
            yield path, f"{instance!r} is less than or equal to the minimum of {schema['exclusiveMinimum']!r}"
        if "exclusiveMaximum" in schema and instance >= schema["exclusiveMaximum"]:
            yield path, f"{instance!r} is greater than or equal to the maximum of {schema['exclusiveMaximum']!r}"
    if isinstance(instance, dict):
        yield from _object_errors(instance, schema, root, path)
    if isinstance(instance, list):
        yield from _array_errors(instance, schema, root, path)
    for sub in schema.get("allOf", []):
        yield from iter_errors(instance, sub, root, path)
    if "anyOf" in schema and not any(_valid(instance, s, root) for s in schema["anyOf"]):
        yield path, f"{instance!r} is not valid under any of the given schemas"
    if "oneOf" in schema and sum(_valid(instance, s, root) for s in schema["oneOf"]) != 1:
        yield path, f"{instance!r} is not valid under exactly one of the given schemas"
    if "not" in schema and _valid(instance, schema["not"], root):
        yield path, f"{instance!r} should not be valid under {schema['not']!r}"


def _object_errors(instance: dict[str, Any], schema: dict[str, Any], root: dict[str, Any], path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    for name in schema.get("required", []):
        if name not in instance:
            yield path, f"{name!r} is a required property"
    if "minProperties" in schema and len(instance) < schema["minProperties"]:
        yield path, f"{instance!r} does not have enough properties"
    if "maxProperties" in schema and len(instance) > schema["maxProperties"]:
        yield path, f"{instance!r} has too many properties"
    props = schema.get("properties", {})
    patterns = schema.get("patternProperties", {})
    for key, value in instance.items():
        if "propertyNames" in schema:
            for _, message in iter_errors(key, schema["propertyNames"], root, path):
                yield path, f"property name {key!r}: {message}"
        matched = False
        if key in props:
            matched = True
            yield from iter_errors(value, props[key], root, (*path, key))
        for pattern, sub in patterns.items():
            if re.search(pattern, key):
                matched = True
                yield from iter_errors(value, sub, root, (*path, key))
        if not matched and "additionalProperties" in schema:
            extra = schema["additionalProperties"]
            if extra is False:
                yield path, f"Additional properties are not allowed ({key!r} was unexpected)"
            else:
                yield from iter_errors(value, extra, root, (*path, key))


def _array_errors(instance: list[Any], schema: dict[str, Any], root: dict[str, Any], path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    if "minItems" in schema and len(instance) < schema["minItems"]:
        yield path, f"{instance!r} should have at least {schema['minItems']} items"
    if "maxItems" in schema and len(instance) > schema["maxItems"]:
        yield path, f"{instance!r} should have at most {schema['maxItems']} items"
    if schema.get("uniqueItems"):
        seen: list[Any] = []
        for item in instance:
            if item in seen:
                yield path, f"{instance!r} has non-unique elements"
                break
            seen.append(item)
    prefix = schema.get("prefixItems", [])
    for index, (item, sub) in enumerate(zip(instance, prefix)):
        yield from iter_errors(item, sub, root, (*path, index))
    if "items" in schema:
        for index in range(len(prefix), len(instance)):
            yield from iter_errors(instance[index], schema["items"], root, (*path, index))


def _valid(instance: Any, schema: Any, root: dict[str, Any]) -> bool:
    return next(iter_errors(instance, schema, root), None) is None


def _resolve(ref: str, root: dict[str, Any]) -> Any:
    if not ref.startswith("#/"):
        raise SchemaError(f"only local $ref (#/...) is supported, got {ref!r}")
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node
