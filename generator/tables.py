"""The README's field tables: one Markdown table of a schema's fields (name, type, meaning, quirks) per ``readme``
entry of the spec, written between ``<!-- <marker>:start -->`` and ``<!-- <marker>:end -->``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .models import field_type
from .spec import Spec, SpecError, model_name, python_name

__all__ = ["fill_readme", "render_table"]


def render_table(spec: Spec, schema_key: str, *, header: str) -> str:
    """The block between the markers: a comment naming its source, then the table (newline-terminated)."""
    rows = [
        "| Field | Type | Meaning | Quirks |",
        "|---|---|---|---|",
        *_rows(spec, schema_key, prefix="", depth=0),
    ]
    note = header.removeprefix("# ").replace("Do not edit:", "Do not edit here:")
    return f"<!-- {note} -->\n" + "\n".join(rows) + "\n"


def fill_readme(text: str, tables: Mapping[str, str]) -> str:
    """``text`` with the block of each marker replaced by its table; :class:`SpecError` when a marker is missing."""
    for marker, table in tables.items():
        pattern = re.compile(
            rf"<!-- {re.escape(marker)}:start -->\n(.*?)<!-- {re.escape(marker)}:end -->", flags=re.DOTALL
        )
        found = list(pattern.finditer(text))
        if len(found) != 1:
            raise SpecError(
                f"the README needs one <!-- {marker}:start --> ... <!-- {marker}:end --> block, found {len(found)}"
            )
        text = text[: found[0].start(1)] + table + text[found[0].end(1) :]
    return text


def _rows(spec: Spec, schema_key: str, *, prefix: str, depth: int) -> list[str]:
    schema = spec.schemas[schema_key]
    required = set(schema.get("required", []))
    rows: list[str] = []
    for wire_name, field in schema.get("properties", {}).items():
        where = f"schemas.{schema_key}.{wire_name}"
        typed = field_type(field, where, spec.schemas)
        name = f"`{prefix}{wire_name}`"
        attribute = python_name(wire_name, field)
        if attribute != wire_name:
            name += f" (attribute `{attribute}`)"
        shown = typed.shown if wire_name in required else f"{typed.shown} | None"
        quirk = field.get("x-quirk")
        quirks = spec.quirks[quirk] if quirk is not None else ""
        if wire_name in required:
            quirks = "; ".join(part for part in ("required: an answer without it is not accepted", quirks) if part)
        meaning = " ".join([str(field.get("description", "")), *_values(field, spec.schemas)]).strip()
        rows.append(f"| {name} | `{_cell(shown)}` | {_cell(meaning)} | {_cell(quirks)} |")
        nested = _nested_object(field, spec.schemas)
        if nested is not None and depth < 2:
            suffix = "[]." if field.get("type") == "array" else "."
            rows.extend(_rows(spec, nested, prefix=f"{prefix}{wire_name}{suffix}", depth=depth + 1))
    return rows


def _values(field: Mapping[str, Any], schemas: Mapping[str, Any]) -> list[str]:
    """The listed values of an enum field, each with its description."""
    reference = field.get("$ref")
    if not isinstance(reference, str):
        return []
    key = reference.removeprefix("#/$defs/")
    enum = schemas.get(key, {})
    if "enum" not in enum:
        return []
    descriptions = list(enum.get("x-enum-descriptions", []))
    descriptions += [""] * (len(enum["enum"]) - len(descriptions))
    listed = " ".join(
        f"`{value}`: {text}" if text else f"`{value}`." for value, text in zip(enum["enum"], descriptions, strict=True)
    )
    return [f"Known values (`{model_name(key, enum)}`): {listed}"]


def _nested_object(field: Mapping[str, Any], schemas: Mapping[str, Any]) -> str | None:
    target = field.get("items", {}).get("$ref") if field.get("type") == "array" else field.get("$ref")
    if not isinstance(target, str):
        return None
    key = target.removeprefix("#/$defs/")
    return key if "properties" in schemas.get(key, {}) else None


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
