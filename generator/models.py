"""``models.py``: pydantic v2 models rendered by datamodel-code-generator from the spec's JSON Schemas.

Each ``x-quirk`` of a field becomes an ``x-python-type`` naming a type of :mod:`oneid_sdk._quirks`, which the
generator imports through an ``x-python-import`` entry added to the synthetic ``$defs`` root. (``customTypePath``
cannot spell ``OneOrMany[LegalInfo]``; one mechanism for every quirk keeps the models uniform.)
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from datamodel_code_generator import InputFileType, PythonVersion, generate
from datamodel_code_generator.enums import DataModelType
from datamodel_code_generator.format import Formatter

from .spec import JSON_TYPES_IN_PYTHON, Spec, SpecError, model_name

__all__ = ["QUIRK_TYPES", "render_models"]

QUIRKS_MODULE = "oneid_sdk._quirks"
BASE_CLASS = f"{QUIRKS_MODULE}.OneIDModel"

QUIRK_TYPES: Mapping[tuple[str, str], str] = {
    ("string-boolean", "boolean"): "StringBool",
    ("blank-is-absent", "string"): "BlankIsAbsent",
    ("string-or-number", "string"): "CodeString",
    ("string-or-number", "integer"): "LooseInt",
    ("one-or-many", "array"): "OneOrMany",
}
"""The type of :mod:`oneid_sdk._quirks` for each (``x-quirk``, JSON type) pair the spec may use."""


def render_models(spec: Spec, *, header: str, settings_path: Path) -> str:
    """The source of ``models.py`` (formatted again by the caller with the project's ruff settings)."""
    schemas = copy.deepcopy(dict(spec.schemas))
    used: set[str] = set()
    for key, schema in schemas.items():
        _apply_quirks(schema, f"schemas.{key}", spec.schemas, used)
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
    )
    if not isinstance(source, str):
        raise SpecError("datamodel-code-generator did not render a single module")
    return _with_all(source, spec.model_names)


def _apply_quirks(schema: dict[str, Any], where: str, schemas: Mapping[str, Any], used: set[str]) -> None:
    for name, field in schema.get("properties", {}).items():
        if not isinstance(field, dict):
            raise SpecError(f"{where}.{name} must be a mapping")
        quirk = field.pop("x-quirk", None)
        if quirk is not None:
            json_type = str(field.get("type"))
            type_name = QUIRK_TYPES.get((quirk, json_type))
            if type_name is None:
                raise SpecError(f"{where}.{name}: x-quirk {quirk!r} does not apply to type {json_type!r}")
            used.add(type_name)
            argument = f"[{_item_type(field.get('items'), f'{where}.{name}', schemas)}]" if json_type == "array" else ""
            field["x-python-type"] = f"{type_name}{argument}"
        if "properties" in field:
            _apply_quirks(field, f"{where}.{name}", schemas, used)


def _item_type(items: object, where: str, schemas: Mapping[str, Any]) -> str:
    if not isinstance(items, Mapping):
        raise SpecError(f"{where}: a one-or-many list needs `items`")
    reference = items.get("$ref")
    if isinstance(reference, str):
        key = reference.removeprefix("#/$defs/")
        if key not in schemas:
            raise SpecError(f"{where}: {reference!r} is not one of the spec's schemas")
        return model_name(key, schemas[key])
    python_type = JSON_TYPES_IN_PYTHON.get(str(items.get("type")))
    if python_type is None or "x-quirk" in items:
        raise SpecError(f"{where}: one-or-many items must be a $ref or a plain JSON type")
    return python_type


def _with_all(source: str, names: tuple[str, ...]) -> str:
    """Insert ``__all__`` between the imports and the first class."""
    lines = source.splitlines(keepends=True)
    first_class = next((index for index, line in enumerate(lines) if line.startswith("class ")), len(lines))
    exports = ", ".join(f'"{name}"' for name in sorted(names))
    return "".join([*lines[:first_class], f"__all__ = [{exports}]\n\n\n", *lines[first_class:]])
