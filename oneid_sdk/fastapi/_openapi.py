"""OpenAPI fragments for endpoints that read their own input (query, JSON or form, as fastapi-oneid did).

The endpoints parse the request themselves so that every error has the ``{"detail", "error"}`` shape; these
fragments make ``/docs`` show the same typed parameters that FastAPI would have shown for declared ones, aliases
included (as deprecated parameters of their own).
"""

from __future__ import annotations

from typing import Any

from pydantic import AliasChoices, BaseModel

__all__ = ["query_parameters", "request_body"]


def _aliases(model: type[BaseModel]) -> dict[str, list[str]]:
    """Each field's other accepted names (``redirect_url`` for ``redirect_uri``)."""
    found: dict[str, list[str]] = {}
    for name, field in model.model_fields.items():
        if isinstance(field.validation_alias, AliasChoices):
            others = [choice for choice in field.validation_alias.choices if isinstance(choice, str) and choice != name]
            if others:
                found[name] = others
    return found


def _schema(model: type[BaseModel], *, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    schema = model.model_json_schema()
    properties: dict[str, Any] = {}
    aliases = _aliases(model)
    for name, value in schema.get("properties", {}).items():
        if name in exclude:
            continue
        properties[name] = value
        for alias in aliases.get(name, []):
            properties[alias] = {**value, "description": f"Older name of {name}.", "deprecated": True}
    result: dict[str, Any] = {"title": schema.get("title", model.__name__), "type": "object", "properties": properties}
    required = [name for name in schema.get("required", []) if name not in exclude]
    if required:
        result["required"] = required
    return result


def query_parameters(model: type[BaseModel]) -> dict[str, Any]:
    """``openapi_extra`` declaring each field of ``model`` (and each alias) as a query parameter."""
    schema = _schema(model)
    required = set(schema.get("required", []))
    parameters = []
    for name, field_schema in schema["properties"].items():
        parameter: dict[str, Any] = {"name": name, "in": "query", "required": name in required, "schema": field_schema}
        if "description" in field_schema:
            parameter["description"] = field_schema["description"]
        if field_schema.get("deprecated"):
            parameter["deprecated"] = True
        parameters.append(parameter)
    return {"parameters": parameters}


def request_body(model: type[BaseModel], *, json_only: frozenset[str] = frozenset()) -> dict[str, Any]:
    """``openapi_extra`` declaring ``model`` as a JSON or form body (``json_only`` fields left out of the form)."""
    schema = _schema(model)
    return {
        "requestBody": {
            "required": bool(schema.get("required")),
            "content": {
                "application/json": {"schema": schema},
                "application/x-www-form-urlencoded": {"schema": _schema(model, exclude=json_only)},
            },
        }
    }
