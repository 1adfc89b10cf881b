"""Reading a request's parameters from the query string, a JSON body or a form, into a typed model."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from fastapi import Request
from pydantic import BaseModel, ValidationError
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException

from ..errors import OneIDError

__all__ = ["InvalidRequestError", "read_input"]

ModelT = TypeVar("ModelT", bound=BaseModel)

_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
_FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})


class InvalidRequestError(OneIDError):
    """The request's parameters are missing or malformed."""

    error = "invalid_request"
    status = 422


def _is_json(content_type: str) -> bool:
    return content_type == "application/json" or (
        content_type.startswith("application/") and content_type.endswith("+json")
    )


def _describe(exc: ValidationError) -> str:
    first = exc.errors(include_input=False, include_url=False)[0]
    name = ".".join(str(part) for part in first["loc"]) or "body"
    if first["type"] == "missing":
        return f"Field '{name}' is required"
    return f"Field '{name}' is invalid: {first['msg']}"


async def _json_body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        parsed = json.loads(raw)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, nested too deep, or a number too long to read
        raise InvalidRequestError("The request body is not valid JSON") from None
    if not isinstance(parsed, dict):
        raise InvalidRequestError("The request body must be a JSON object")
    return parsed


async def _form_body(request: Request) -> FormData:
    try:
        return await request.form()
    except HTTPException:  # a multipart body without a boundary, or over Starlette's limits
        raise InvalidRequestError("The request body is not a valid form") from None


async def read_input(request: Request, model: type[ModelT], *, json_only: frozenset[str] = frozenset()) -> ModelT:
    """Merge the query string and the body (body wins) and validate them as ``model``.

    Fields named in ``json_only`` are taken from a JSON body only: an HTML form on another site can send a form
    or a query string without the browser asking first, but not a JSON body.
    """
    data: dict[str, Any] = {key: value for key, value in request.query_params.items() if key not in json_only}
    if request.method in _BODY_METHODS:
        content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if _is_json(content_type):
            data.update(await _json_body(request))
        elif content_type in _FORM_TYPES:
            form = await _form_body(request)
            data.update({key: value for key, value in form.items() if key not in json_only})
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InvalidRequestError(_describe(exc)) from None
