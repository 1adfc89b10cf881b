"""The transport of the generated clients: the one module that imports httpx.

It sends a back-channel form to OneID, turns every way that can fail into an error of :mod:`oneid_sdk.errors`, reads
the answer as a JSON object and applies the spec's response rules. Messages name the operation and what went wrong,
never a token, the client secret or a body OneID sent. Each call to OneID logs one line on the ``oneid_sdk`` logger
(operation, HTTP status, duration). Only a failure to connect is retried (the request never left, so OneID saw
nothing); a request that may have reached OneID is never sent again: an authorization code is single use.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from typing import Any, TypeVar
from urllib.parse import urlencode

import httpx
from pydantic import BaseModel, ValidationError

from .errors import (
    OneIDConnectionError,
    OneIDHTTPError,
    OneIDHTTPStatusError,
    OneIDInvalidResponseError,
    OneIDRefusedError,
    OneIDTimeoutError,
)

__all__ = [
    "apost_form",
    "httpx",
    "post_form",
    "read_json_object",
    "refuse_error_field",
    "require_known_field",
    "require_result_code",
    "require_success_field",
    "validate_answer",
]

logger = logging.getLogger("oneid_sdk")

ModelT = TypeVar("ModelT", bound=BaseModel)

_NOT_JSON: Any = object()

_FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}


_CONNECT_PHASE = (httpx.ConnectError, httpx.ConnectTimeout)
"""Failures before the request was sent (DNS, refused, TLS, connect timeout): the only ones that are retried."""

_sleep = time.sleep
_asleep = asyncio.sleep


def post_form(
    client: httpx.Client,
    url: str,
    form: list[tuple[str, str]],
    *,
    operation: str,
    connect_retries: int = 0,
    connect_backoff: float = 0.0,
) -> httpx.Response:
    """POST ``form`` (parameters in the given order) to OneID and return its 2xx answer.

    A connection failure is retried up to ``connect_retries`` times, after ``connect_backoff`` seconds doubled each
    time; any other failure (a read timeout, a dropped connection, an answer) is raised at once.
    """
    content = urlencode(form)
    attempt = 0
    while True:
        started = time.perf_counter()
        try:
            response = client.post(url, content=content, headers=_FORM_HEADERS)
        except _CONNECT_PHASE as exc:
            if attempt >= connect_retries:
                raise _transport_error(exc, operation=operation, started=started) from exc
            _sleep(_retry_delay(exc, operation, attempt, connect_retries, connect_backoff, started))
            attempt += 1
            continue
        except httpx.HTTPError as exc:
            raise _transport_error(exc, operation=operation, started=started) from exc
        return _checked(response, operation=operation, started=started)


async def apost_form(
    client: httpx.AsyncClient,
    url: str,
    form: list[tuple[str, str]],
    *,
    operation: str,
    connect_retries: int = 0,
    connect_backoff: float = 0.0,
) -> httpx.Response:
    """Async :func:`post_form`."""
    content = urlencode(form)
    attempt = 0
    while True:
        started = time.perf_counter()
        try:
            response = await client.post(url, content=content, headers=_FORM_HEADERS)
        except _CONNECT_PHASE as exc:
            if attempt >= connect_retries:
                raise _transport_error(exc, operation=operation, started=started) from exc
            await _asleep(_retry_delay(exc, operation, attempt, connect_retries, connect_backoff, started))
            attempt += 1
            continue
        except httpx.HTTPError as exc:
            raise _transport_error(exc, operation=operation, started=started) from exc
        return _checked(response, operation=operation, started=started)


def _retry_delay(
    exc: httpx.HTTPError, operation: str, attempt: int, retries: int, backoff: float, started: float
) -> float:
    """Log the failed connection attempt and return the pause before the next one."""
    delay = backoff * (1 << attempt)
    duration_ms = _elapsed_ms(started)
    logger.warning(
        "oneid %s: could not connect (%s) after %d ms; retry %d of %d in %d ms",
        operation,
        type(exc).__name__,
        duration_ms,
        attempt + 1,
        retries,
        round(delay * 1000),
        extra={"oneid_operation": operation, "oneid_status": None, "oneid_duration_ms": duration_ms},
    )
    return delay


def _elapsed_ms(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)


def _transport_error(exc: httpx.HTTPError, *, operation: str, started: float) -> OneIDHTTPError:
    duration_ms = _elapsed_ms(started)
    error: OneIDHTTPError
    if isinstance(exc, httpx.TimeoutException):
        outcome, error = "timeout", OneIDTimeoutError(f"OneID did not answer {operation} in time")
    elif isinstance(exc, httpx.HTTPStatusError):  # raised by an event hook of an injected http client
        status = exc.response.status_code
        outcome = f"HTTP {status}"
        error = OneIDHTTPStatusError(f"OneID answered {operation} with HTTP {status}", status_code=status)
    else:
        outcome = type(exc).__name__
        error = OneIDConnectionError(f"OneID could not be reached for {operation} ({outcome})")
    logger.warning(
        "oneid %s failed: %s after %d ms",
        operation,
        outcome,
        duration_ms,
        extra={"oneid_operation": operation, "oneid_status": None, "oneid_duration_ms": duration_ms},
    )
    return error


def _checked(response: httpx.Response, *, operation: str, started: float) -> httpx.Response:
    duration_ms = _elapsed_ms(started)
    status = response.status_code
    logger.log(
        logging.INFO if response.is_success else logging.WARNING,
        "oneid %s: HTTP %d in %d ms",
        operation,
        status,
        duration_ms,
        extra={"oneid_operation": operation, "oneid_status": status, "oneid_duration_ms": duration_ms},
    )
    if not response.is_success:
        raise OneIDHTTPStatusError(f"OneID answered {operation} with HTTP {status}", status_code=status)
    return response


def read_json_object(response: httpx.Response, *, operation: str) -> dict[str, Any]:
    """The answer's body as a JSON object; :class:`OneIDInvalidResponseError` when it is anything else."""
    try:
        body = response.json()
    except (ValueError, RecursionError):  # not JSON, not UTF-8, nested too deep, or a number too long to read
        body = _NOT_JSON
    if body is _NOT_JSON:  # raised outside the handler, so no chained exception quotes the body
        raise OneIDInvalidResponseError(f"OneID answered {operation} with a body that is not JSON")
    if not isinstance(body, dict):
        raise OneIDInvalidResponseError(f"OneID answered {operation} with JSON that is not an object")
    return body


def require_success_field(body: dict[str, Any], field: str, *, error: type[OneIDRefusedError], message: str) -> None:
    """Raise ``error`` unless ``body[field]`` is a non-empty string (an answer without it is a refusal)."""
    value = body.get(field)
    if not isinstance(value, str) or not value.strip():
        raise error(message)


def _result_code(value: object) -> str | None:
    return str(value) if isinstance(value, str | int) and not isinstance(value, bool) else None


def _holds_value(body: dict[str, Any], field: str) -> bool:
    return body.get(field) not in (None, "")


def require_result_code(
    body: dict[str, Any], field: str, *, error: type[OneIDRefusedError], message: str, success: str = "0"
) -> None:
    """Raise ``error`` (with ``ret_cd``) when ``body[field]`` is present and is not ``success``; absent is accepted."""
    value = body.get(field)
    if value is None:
        return
    code = _result_code(value)
    if code != success:
        raise error(message, ret_cd=code)


def refuse_error_field(
    body: dict[str, Any],
    field: str,
    *,
    error: type[OneIDRefusedError],
    message: str,
    result_code: str | None = None,
) -> None:
    """Raise ``error`` when ``body[field]`` holds a value (anything but null or ""): OneID named an error.

    Such an answer is a refusal whatever else it holds; ``ret_cd`` is taken from ``body[result_code]`` when given.
    """
    if _holds_value(body, field):
        raise error(message, ret_cd=_result_code(body.get(result_code)) if result_code else None)


def require_known_field(
    body: dict[str, Any], fields: Sequence[str], *, error: type[OneIDRefusedError], message: str
) -> None:
    """Raise ``error`` when ``body`` holds none of ``fields`` with a value: such an answer confirms nothing."""
    if not any(_holds_value(body, field) for field in fields):
        raise error(message)


def validate_answer(model: type[ModelT], body: dict[str, Any], *, operation: str) -> ModelT:
    """``body`` as ``model``; :class:`OneIDInvalidResponseError` naming the field when a required one is wrong."""
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        location = exc.errors(include_input=False)[0]["loc"]
        field = str(location[0]) if location else None
        raise OneIDInvalidResponseError(
            f"OneID answered {operation} without a valid {field or 'body'}", field=field
        ) from None
