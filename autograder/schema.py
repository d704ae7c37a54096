"""A small JSON-schema subset validator for course.yml and quiz files.

(jsonschema itself takes over a second to import, which every scoring process would pay.)
Supported: type, required, properties, additionalProperties: false, pattern, minLength, enum,
minimum, maximum, exclusiveMinimum, items, minItems, maxItems, $ref to #/$defs/...
"""
from __future__ import annotations

import re
from dataclasses import dataclass


def load_yaml(text: str):
    """``yaml.safe_load`` through libyaml when present (ten times faster; the same safe types)."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader


TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
}


@dataclass
class SchemaError:
    path: list
    message: str
    validator: str
    instance: object = None
    validator_value: object = None


def errors(schema: dict, value, root: dict | None = None, path: list | None = None) -> list[SchemaError]:
    root = root or schema
    path = path or []
    if "$ref" in schema:
        name = schema["$ref"].split("/")[-1]
        return errors(root["$defs"][name], value, root, path)
    out: list[SchemaError] = []
    kind = schema.get("type")
    if kind and not TYPES[kind](value):
        return [SchemaError(path, f"{value!r} is not of type {kind!r}", "type", value, kind)]
    if "enum" in schema and value not in schema["enum"]:
        out.append(SchemaError(path, f"{value!r} is not one of {schema['enum']}", "enum", value, schema["enum"]))
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            out.append(SchemaError(path, f"{value!r} is too short", "minLength", value))
        if "pattern" in schema and not re.search(schema["pattern"], value):
            out.append(SchemaError(path, f"{value!r} does not match {schema['pattern']}", "pattern", value,
                                   schema["pattern"]))
    if TYPES["number"](value):
        if "minimum" in schema and value < schema["minimum"]:
            out.append(SchemaError(path, f"{value!r} is less than the minimum of {schema['minimum']}", "minimum"))
        if "maximum" in schema and value > schema["maximum"]:
            out.append(SchemaError(path, f"{value!r} is greater than the maximum of {schema['maximum']}", "maximum"))
        if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            out.append(SchemaError(path, f"{value!r} must be greater than {schema['exclusiveMinimum']}",
                                   "exclusiveMinimum"))
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            out.append(SchemaError(path, f"needs at least {schema['minItems']} item(s)", "minItems"))
        if len(value) > schema.get("maxItems", len(value)):
            out.append(SchemaError(path, f"has more than {schema['maxItems']} items", "maxItems"))
        if "items" in schema:
            for i, item in enumerate(value):
                out.extend(errors(schema["items"], item, root, path + [i]))
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                out.append(SchemaError(path, f"{key!r} is a required property", "required"))
        props = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            extra = sorted(str(k) for k in value if k not in props)
            if extra:
                out.append(SchemaError(path, f"unknown field(s) {', '.join(map(repr, extra))}",
                                       "additionalProperties"))
        for key, sub in props.items():
            if key in value:
                out.extend(errors(sub, value[key], root, path + [key]))
    return out
