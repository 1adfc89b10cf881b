"""How the routers answer: error bodies and the binding cookie."""

from __future__ import annotations

from typing import Any

from fastapi import Request, Response
from fastapi.responses import JSONResponse

from ..errors import OneIDError
from ..security.binding import BINDING_COOKIE_NAME, is_well_formed_binding
from .schemas import ErrorResponse

__all__ = [
    "COMPLETION_RESPONSES",
    "ERROR_RESPONSES",
    "error_answer",
    "handler_not_configured_answer",
    "presented_binding",
    "reusable_binding",
    "set_binding_cookie",
]


def error_answer(exc: OneIDError) -> JSONResponse:
    """``{"detail", "error"}`` with the status of the error's class (messages never hold a token or a secret)."""
    return JSONResponse({"detail": exc.message, "error": exc.error}, status_code=exc.status)


def handler_not_configured_answer() -> JSONResponse:
    """The answer of a completed login when the application gave no handler and debug mode is off."""
    return JSONResponse(
        {"detail": "OneID handler is not configured", "error": "handler_not_configured"},
        status_code=500,
    )


def reusable_binding(request: Request) -> str | None:
    """The browser's binding secret when it already has a well-formed one (so that its tabs share it)."""
    value = request.cookies.get(BINDING_COOKIE_NAME)
    return value if is_well_formed_binding(value) else None


def presented_binding(request: Request) -> str | None:
    """The binding cookie as the browser sent it (a malformed value simply will not match)."""
    return request.cookies.get(BINDING_COOKIE_NAME) or None


def set_binding_cookie(response: Response, binding: str, *, max_age: int) -> None:
    """Set ``oneid_binding``: HttpOnly, Secure, SameSite=Lax, living as long as a state.

    Path=/ covers the callback under any router prefix or mount point, and there is one cookie per browser (the
    routers reuse its value), so no number of logins adds cookies. No Domain is set: the cookie stays on the host
    that set it, whatever a request's headers say.
    """
    response.set_cookie(
        BINDING_COOKIE_NAME,
        binding,
        max_age=max_age,
        path="/",
        secure=True,
        httponly=True,
        samesite="lax",
    )


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorResponse, "description": description}


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _error(
        "redirect_uri_not_allowed, redirect_uri_mismatch, invalid_state, state_binding_missing, "
        "state_binding_mismatch, code_missing or logout_refused"
    ),
    401: _error("OneID refused the code or the user: code_exchange_refused, identify_refused"),
    422: _error("invalid_request: missing or malformed parameters"),
    502: _error("oneid_http_error, oneid_unreachable or oneid_invalid_response: OneID failed"),
    503: _error("state_store_unavailable: the state store could not be reached"),
    504: _error("oneid_timeout: OneID did not answer in time"),
}
"""The error answers, for the OpenAPI document."""

COMPLETION_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The handler's answer (the raw token and user in debug mode without a handler)"},
    **ERROR_RESPONSES,
    500: _error("handler_not_configured: no handler is configured and debug mode is off"),
}
"""The answers of an endpoint that completes a login, for the OpenAPI document."""
