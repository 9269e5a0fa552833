"""The stdlib JSON Schema validator agrees with `jsonschema` (the oracle) on what is valid."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import given, settings, strategies as st

from xbedu.data.schema import SchemaError, iter_errors

DATA = Path(__file__).resolve().parent.parent / "data"

CASES = [
    ({"type": "object", "required": ["a"], "properties": {"a": {"type": "string", "minLength": 2}}}, [{"a": "xy"}, {"a": "x"}, {}, {"a": 3}, []]),
    ({"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 1, "uniqueItems": True}, [[1, 2], [], [1, 1], [-1], [1.5], ["a"]]),
    ({"enum": ["B2B", "B2C", "C2C"]}, ["B2B", "b2b", None]),
    ({"type": "object", "additionalProperties": False, "properties": {"en": {"type": "string"}, "zh": {"type": "string"}}}, [{"en": "a"}, {"en": "a", "fr": "b"}]),
    ({"type": "object", "patternProperties": {"^ch[0-9]$": {"type": "number"}}, "additionalProperties": False}, [{"ch1": 1}, {"ch1": "x"}, {"x": 1}]),
    ({"$defs": {"t": {"type": "object", "required": ["en", "zh"]}}, "type": "array", "items": {"$ref": "#/$defs/t"}}, [[{"en": 1, "zh": 2}], [{"en": 1}]]),
    ({"anyOf": [{"type": "string"}, {"type": "null"}]}, ["a", None, 1]),
    ({"oneOf": [{"type": "number", "minimum": 0}, {"type": "number", "maximum": 10}]}, [-5, 5, 50]),
    ({"type": "string", "pattern": "^\\d{4}-\\d{2}$"}, ["2026-01", "2026", "x2026-01"]),
    ({"type": "number", "exclusiveMinimum": 0, "maximum": 1}, [0, 0.5, 1, 1.01]),
    ({"type": ["string", "integer"]}, ["a", 1, 1.0, True, None]),
    ({"const": 3}, [3, 4]),
    ({"not": {"type": "string"}}, ["a", 1]),
]


@pytest.mark.parametrize("schema,instances", CASES)
def test_agrees_with_jsonschema_on_hand_made_cases(schema, instances):
    oracle = jsonschema.Draft202012Validator(schema)
    for instance in instances:
        assert (next(iter_errors(instance, schema), None) is None) == oracle.is_valid(instance), instance


def _yaml_resources():
    pkg = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    return [r for r in pkg["resources"] if r["format"] == "yaml"]


@pytest.mark.parametrize("res", _yaml_resources(), ids=lambda r: r["name"])
def test_agrees_with_jsonschema_on_every_shipped_resource(res):
    schema = json.loads((DATA / res["schema"]).read_text(encoding="utf-8"))
    document = yaml.safe_load((DATA / res["path"]).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert jsonschema.Draft202012Validator(schema).is_valid(document)
    assert list(iter_errors(document, schema)) == []


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.floats(-5, 5, allow_nan=False) | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["a", "en", "zh", "x"]), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(CASES), json_values)
def test_agrees_with_jsonschema_on_random_values(case, instance):
    schema, _ = case
    assert (next(iter_errors(instance, schema), None) is None) == jsonschema.Draft202012Validator(schema).is_valid(instance)


def test_an_unknown_keyword_is_refused_not_ignored():
    with pytest.raises(SchemaError, match="if"):
        list(iter_errors({}, {"if": {"type": "object"}}))
