"""Reading a request's parameters from the query string, a JSON body or a form, into a typed model.

A body is read only for POST, PUT and PATCH with a JSON or form content type, and never beyond
:data:`MAX_BODY_BYTES`: a declared ``Content-Length`` over the limit is refused before anything is read, and a body
that turns out longer (chunked, or lying about its length) is refused as soon as the limit is passed, so no request
makes the routers hold more than a few KiB.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from fastapi import Request
from pydantic import BaseModel, ValidationError
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.types import Message

from ..errors import OneIDError, OneIDLoginDeniedError, OneIDRequestTooLargeError

__all__ = [
    "MAX_BODY_BYTES",
    "InvalidRequestError",
    "read_callback",
    "read_fields",
    "read_input",
    "validate_fields",
]

MAX_BODY_BYTES = 8 * 1024
"""The largest request body the routers read (a login or logout request needs well under 1 KiB)."""

ModelT = TypeVar("ModelT", bound=BaseModel)

_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
_FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})
_DIGITS = re.compile(r"[0-9]{1,20}")
_TOO_LARGE = f"The request body is larger than {MAX_BODY_BYTES} bytes"


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


async def _bounded_body(request: Request) -> bytes:
    """The body, read in chunks and refused as soon as it passes :data:`MAX_BODY_BYTES`."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if _DIGITS.fullmatch(declared.strip()) is None:
            raise InvalidRequestError("The Content-Length header is not a number")
        if int(declared) > MAX_BODY_BYTES:
            raise OneIDRequestTooLargeError(_TOO_LARGE)
    received = bytearray()
    async for chunk in request.stream():
        received += chunk
        if len(received) > MAX_BODY_BYTES:
            raise OneIDRequestTooLargeError(_TOO_LARGE)
    return bytes(received)


def _replay(body: bytes) -> Callable[[], Awaitable[Message]]:
    """An ASGI ``receive`` that hands out ``body`` once (so that the form parser reads the bounded copy)."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def _json_body(raw: bytes) -> dict[str, Any]:
    if not raw.strip():
        return {}
    try:
        parsed = json.loads(raw)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, nested too deep, or a number too long to read
        raise InvalidRequestError("The request body is not valid JSON") from None
    if not isinstance(parsed, dict):
        raise InvalidRequestError("The request body must be a JSON object")
    return parsed


async def _form_body(request: Request, raw: bytes) -> FormData:
    try:
        return await Request(request.scope, _replay(raw)).form()
    except HTTPException:  # a multipart body without a boundary, or over Starlette's limits
        raise InvalidRequestError("The request body is not a valid form") from None


async def read_fields(
    request: Request,
    *,
    json_only: frozenset[str] = frozenset(),
    body_only: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """The query string and the body merged (body wins), before validation.

    Fields named in ``json_only`` are taken from a JSON body only: an HTML form on another site can send a form or
    a query string without the browser asking first, but not a JSON body. Fields named in ``body_only`` are not
    taken from the query string, which ends up in access logs and browser history.
    """
    skipped_in_query = json_only | body_only
    data: dict[str, Any] = {key: value for key, value in request.query_params.items() if key not in skipped_in_query}
    if request.method in _BODY_METHODS:
        content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if _is_json(content_type):
            data.update(_json_body(await _bounded_body(request)))
        elif content_type in _FORM_TYPES:
            form = await _form_body(request, await _bounded_body(request))
            data.update({key: value for key, value in form.items() if key not in json_only})
    return data


def validate_fields(model: type[ModelT], data: dict[str, Any]) -> ModelT:
    """``data`` as ``model``; :class:`InvalidRequestError` naming the first field that is missing or wrong."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InvalidRequestError(_describe(exc)) from None


async def read_input(
    request: Request,
    model: type[ModelT],
    *,
    json_only: frozenset[str] = frozenset(),
    body_only: frozenset[str] = frozenset(),
) -> ModelT:
    """Merge the query string and the body (see :func:`read_fields`) and validate them as ``model``."""
    return validate_fields(model, await read_fields(request, json_only=json_only, body_only=body_only))


async def read_callback(request: Request, model: type[ModelT], *, json_only: frozenset[str] = frozenset()) -> ModelT:
    """Read the parameters OneID sent back; :class:`OneIDLoginDeniedError` when they carry ``error`` instead of a code.

    OneID (like any OAuth server) sends the browser back with ``error`` when the user cancelled or was refused. That
    is answered as such, without touching the state: the parameter's text is not repeated, and the state simply
    expires.
    """
    data = await read_fields(request, json_only=json_only)
    if data.get("error"):
        raise OneIDLoginDeniedError("The login was cancelled or refused at OneID. Start the login again.")
    return validate_fields(model, data)
