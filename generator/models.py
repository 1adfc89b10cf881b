"""``models.py``: pydantic v2 models rendered by datamodel-code-generator from the spec's JSON Schemas.

Each ``x-quirk`` of a field becomes an ``x-python-type`` naming a type of :mod:`oneid_sdk._quirks`, which the
generator imports through an ``x-python-import`` entry added to the synthetic ``$defs`` root. (``customTypePath``
cannot spell ``OneOrMany[LegalInfo]``; one mechanism for every quirk keeps the models uniform.) ``x-python-name``
becomes an alias and ``x-python-base`` the model's base class.
"""

from __future__ import annotations

import copy
import json
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datamodel_code_generator import InputFileType, PythonVersion, generate
from datamodel_code_generator.enums import DataModelType
from datamodel_code_generator.format import Formatter

from .spec import JSON_TYPES_IN_PYTHON, Spec, SpecError, model_name, python_name

__all__ = ["QUIRK_TYPES", "FieldType", "field_type", "render_models"]

QUIRKS_MODULE = "oneid_sdk._quirks"
DOCSTRING_WIDTH = 112
"""Descriptions are wrapped to this width: datamodel-code-generator writes each as an indented docstring."""
BASE_CLASS = f"{QUIRKS_MODULE}.OneIDModel"
ENUM = "enum"
"""The JSON type :data:`QUIRK_TYPES` names for a ``$ref`` to an enum schema."""

QUIRK_TYPES: Mapping[tuple[str, str], tuple[str, str]] = {
    ("string-boolean", "boolean"): ("StringBool", "bool"),
    ("blank-is-absent", "string"): ("BlankIsAbsent", "str"),
    ("string-or-number", "string"): ("CodeString", "str"),
    ("string-or-number", "integer"): ("LooseInt", "int"),
    ("seconds-or-epoch-ms", "integer"): ("LooseInt", "int"),
    ("one-or-many", "array"): ("OneOrMany", "list[{item}]"),
    ("open-enum", ENUM): ("OpenEnum", "{item} | UnknownValue"),
    ("date-or-raw", "string"): ("DateOrRaw", "date"),
    ("ambiguous-date", "string"): ("BlankIsAbsent", "str"),
}
"""For each (``x-quirk``, JSON type) pair the spec may use: the type of :mod:`oneid_sdk._quirks` that implements
it, and the type users see (``{item}`` is the list item or the enum)."""


@dataclass(frozen=True)
class FieldType:
    """The type of one property: the annotation the model is written with, and the type users read."""

    annotation: str | None
    """The ``x-python-type`` (a quirk type), or ``None`` when datamodel-code-generator types the field itself."""
    quirk_type: str | None
    """The name imported from :mod:`oneid_sdk._quirks`, if any."""
    shown: str
    """The attribute's type as users see it, without ``| None``."""


def field_type(field: Mapping[str, Any], where: str, schemas: Mapping[str, Any]) -> FieldType:
    """The type of the property ``field`` of a schema (``where`` names it in errors)."""
    quirk = field.get("x-quirk")
    reference = field.get("$ref")
    if isinstance(reference, str):
        target = _referenced(reference, where, schemas)
        json_type = ENUM if "enum" in schemas[target] else "object"
        item = model_name(target, schemas[target])
    else:
        json_type = str(field.get("type"))
        item = _item_type(field.get("items"), where, schemas) if json_type == "array" else ""
    if quirk is None:
        if json_type == "array":
            return FieldType(None, None, f"list[{item}]")
        if reference is not None:
            return FieldType(None, None, item)
        return FieldType(None, None, JSON_TYPES_IN_PYTHON.get(json_type, "Any"))
    found = QUIRK_TYPES.get((str(quirk), json_type))
    if found is None:
        raise SpecError(f"{where}: x-quirk {quirk!r} does not apply to type {json_type!r}")
    quirk_type, shown = found
    annotation = f"{quirk_type}[{item}]" if "{item}" in shown else quirk_type
    return FieldType(annotation, quirk_type, shown.format(item=item))


def render_models(spec: Spec, *, header: str, settings_path: Path) -> str:
    """The source of ``models.py`` (formatted again by the caller with the project's ruff settings)."""
    schemas = copy.deepcopy(dict(spec.schemas))
    used: set[str] = set()
    aliases: dict[str, str] = {}
    for key, schema in schemas.items():
        _apply_extensions(schema, f"schemas.{key}", spec.schemas, used, aliases)
    clashes = used & set(schemas)
    if clashes:
        raise SpecError(f"schema names clash with quirk types: {sorted(clashes)}")
    definitions = dict(schemas)
    for name in sorted(used):
        definitions[name] = {"x-python-import": {"module": QUIRKS_MODULE, "name": name}}
    docstring = '"""Models of the answers OneID sends, from the spec\'s ``schemas``."""'
    source = generate(
        json.dumps({"$defs": definitions}),
        input_file_type=InputFileType.JsonSchema,
        input_filename=spec.label,
        output_model_type=DataModelType.PydanticV2BaseModel,
        target_python_version=PythonVersion.PY_311,
        base_class=BASE_CLASS,
        custom_file_header=f"{header}\n{docstring}",
        disable_timestamp=True,
        formatters=[Formatter.RUFF_FORMAT, Formatter.RUFF_CHECK],
        settings_path=settings_path,
        use_annotated=True,
        field_constraints=True,
        use_double_quotes=True,
        allow_population_by_field_name=True,
        skip_root_model=True,
        use_schema_description=True,
        use_field_description=True,
        aliases=aliases,
    )
    if not isinstance(source, str):
        raise SpecError("datamodel-code-generator did not render a single module")
    return _with_all(source, spec.model_names)


def _apply_extensions(
    schema: dict[str, Any], where: str, schemas: Mapping[str, Any], used: set[str], aliases: dict[str, str]
) -> None:
    base = schema.pop("x-python-base", None)
    if base is not None:
        schema["customBasePath"] = base
    _wrap_description(schema)
    if "x-enum-descriptions" in schema:
        schema["x-enum-descriptions"] = [_wrapped(str(text)) for text in schema["x-enum-descriptions"]]
    for wire_name, field in schema.get("properties", {}).items():
        at = f"{where}.{wire_name}"
        if not isinstance(field, dict):
            raise SpecError(f"{at} must be a mapping")
        name = python_name(wire_name, field)
        field.pop("x-python-name", None)
        if name != wire_name:
            if aliases.setdefault(wire_name, name) != name:
                raise SpecError(f"{at}: {wire_name!r} has two x-python-names, {aliases[wire_name]!r} and {name!r}")
        typed = field_type(field, at, schemas)
        field.pop("x-quirk", None)
        _wrap_description(field)
        if typed.annotation is not None and typed.quirk_type is not None:
            used.add(typed.quirk_type)
            field["x-python-type"] = typed.annotation
            if "$ref" in field:  # datamodel-code-generator types a $ref itself; the enum stays a model of its own
                del field["$ref"]
                field["type"] = "string"


def _wrap_description(schema: dict[str, Any]) -> None:
    if isinstance(schema.get("description"), str):
        schema["description"] = _wrapped(schema["description"])


def _wrapped(text: str) -> str:
    return "\n".join(textwrap.wrap(" ".join(text.split()), width=DOCSTRING_WIDTH))


def _referenced(reference: str, where: str, schemas: Mapping[str, Any]) -> str:
    key = reference.removeprefix("#/$defs/")
    if key not in schemas:
        raise SpecError(f"{where}: {reference!r} is not one of the spec's schemas")
    return key


def _item_type(items: object, where: str, schemas: Mapping[str, Any]) -> str:
    if not isinstance(items, Mapping):
        raise SpecError(f"{where}: a list needs `items`")
    reference = items.get("$ref")
    if isinstance(reference, str):
        key = _referenced(reference, where, schemas)
        return model_name(key, schemas[key])
    python_type = JSON_TYPES_IN_PYTHON.get(str(items.get("type")))
    if python_type is None or "x-quirk" in items:
        raise SpecError(f"{where}: list items must be a $ref or a plain JSON type")
    return python_type


def _with_all(source: str, names: tuple[str, ...]) -> str:
    """Insert ``__all__`` between the imports and the first class."""
    lines = source.splitlines(keepends=True)
    first_class = next((index for index, line in enumerate(lines) if line.startswith("class ")), len(lines))
    exports = ", ".join(f'"{name}"' for name in sorted(names))
    return "".join([*lines[:first_class], f"__all__ = [{exports}]\n\n\n", *lines[first_class:]])
