"""The answers each endpoint documents in the OpenAPI document: exactly the ones its code can give."""

from __future__ import annotations

from typing import Any

from ..errors import (
    OneIDConnectionError,
    OneIDError,
    OneIDHTTPStatusError,
    OneIDInvalidRedirectURIError,
    OneIDInvalidResponseError,
    OneIDInvalidStateError,
    OneIDLoginDeniedError,
    OneIDLogoutError,
    OneIDRedirectURIMismatchError,
    OneIDRequestTooLargeError,
    OneIDStateBindingError,
    OneIDStateBindingMissingError,
    OneIDStateStoreError,
    OneIDTimeoutError,
    OneIDTokenExchangeError,
    OneIDUserInfoError,
)
from ._input import InvalidRequestError
from .schemas import ErrorResponse

__all__ = ["BEGIN", "BODY", "COMPLETION", "ECHO", "LOGOUT", "completion_responses", "error_responses"]

Errors = tuple[type[OneIDError], ...]

_UPSTREAM: Errors = (OneIDHTTPStatusError, OneIDConnectionError, OneIDInvalidResponseError, OneIDTimeoutError)

BEGIN: Errors = (OneIDInvalidRedirectURIError, OneIDStateStoreError)
"""What starting a login can end with (``/one-id/login``, ``GET /api/one-id/url``)."""

BODY: Errors = (InvalidRequestError, OneIDRequestTooLargeError)
"""What reading a body can end with (every POST endpoint)."""

COMPLETION: Errors = (
    InvalidRequestError,
    OneIDInvalidRedirectURIError,
    OneIDRedirectURIMismatchError,
    OneIDInvalidStateError,
    OneIDStateBindingMissingError,
    OneIDStateBindingError,
    OneIDLoginDeniedError,
    OneIDTokenExchangeError,
    OneIDUserInfoError,
    OneIDStateStoreError,
    *_UPSTREAM,
)
"""What completing a login can end with (``/one-id/access``, and ``/api/one-id/token`` with :data:`BODY`)."""

ECHO: Errors = (InvalidRequestError, OneIDLoginDeniedError)
"""What the echoing callback ``/api/one-id/access`` can end with."""

LOGOUT: Errors = (OneIDLogoutError, *_UPSTREAM)
"""What ending a OneID session can end with (``/api/one-id/logout``, with :data:`BODY`)."""


def error_responses(*groups: Errors) -> dict[int | str, dict[str, Any]]:
    """The error answers of an endpoint, for the OpenAPI document: each status with the codes it can carry."""
    codes: dict[int, list[str]] = {}
    for group in groups:
        for error in group:
            listed = codes.setdefault(error.status, [])
            if error.error not in listed:
                listed.append(error.error)
    return {status: {"model": ErrorResponse, "description": _sentence(codes[status])} for status in sorted(codes)}


def completion_responses(*groups: Errors) -> dict[int | str, dict[str, Any]]:
    """The answers of an endpoint that completes a login: the handler's, ``handler_not_configured`` and ``groups``."""
    return {
        200: {"description": "The handler's answer (the raw token and user in debug mode without a handler)"},
        **error_responses(*groups),
        500: {"model": ErrorResponse, "description": "handler_not_configured: no handler and debug mode is off"},
    }


def _sentence(codes: list[str]) -> str:
    return codes[0] if len(codes) == 1 else ", ".join(codes[:-1]) + " or " + codes[-1]
