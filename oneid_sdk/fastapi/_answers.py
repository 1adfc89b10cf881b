"""How the routers answer: error bodies, the binding cookie and ``Cache-Control``."""

from __future__ import annotations

from fastapi import Request, Response
from fastapi.responses import JSONResponse

from ..errors import OneIDError
from ..security.binding import BindingCookie, is_well_formed_binding

__all__ = [
    "error_answer",
    "handler_not_configured_answer",
    "no_store",
    "presented_binding",
    "reusable_binding",
    "set_binding_cookie",
]

NO_STORE = "no-store"


def error_answer(exc: OneIDError) -> JSONResponse:
    """``{"detail", "error"}`` with the status of the error's class (messages never hold a token or a secret)."""
    return JSONResponse({"detail": exc.message, "error": exc.error}, status_code=exc.status)


def handler_not_configured_answer() -> JSONResponse:
    """The answer of a completed login when the application gave no handler and debug mode is off."""
    return JSONResponse(
        {"detail": "OneID handler is not configured", "error": "handler_not_configured"},
        status_code=500,
    )


def no_store(response: Response, *, keep_own: bool = False) -> Response:
    """Mark an answer that carries a secret (a state, a binding, a code, a token) ``Cache-Control: no-store``.

    With ``keep_own``, an answer that already says how it may be cached (a handler's own) is left as it is.
    """
    if not (keep_own and "cache-control" in response.headers):
        response.headers["Cache-Control"] = NO_STORE
    return response


def reusable_binding(request: Request, cookie: BindingCookie) -> str | None:
    """The browser's binding secret when it already has a well-formed one (so that its tabs share it)."""
    value = request.cookies.get(cookie.name)
    return value if is_well_formed_binding(value) else None


def presented_binding(request: Request, cookie: BindingCookie) -> str | None:
    """The binding cookie as the browser sent it (a malformed value simply will not match)."""
    return request.cookies.get(cookie.name) or None


def set_binding_cookie(response: Response, binding: str, cookie: BindingCookie, *, max_age: int) -> None:
    """Set the binding cookie: HttpOnly, SameSite=Lax, Path=/, no Domain, living as long as a state.

    ``__Host-oneid_binding`` is Secure (browsers take it only so); the plain-http ``oneid_binding`` is not. Path=/
    covers the callback under any router prefix or mount point, and there is one cookie per browser (the routers
    reuse its value), so no number of logins adds cookies. No Domain is set: the cookie stays on the host that set
    it, whatever a request's headers say.
    """
    response.set_cookie(
        cookie.name,
        binding,
        max_age=max_age,
        path="/",
        secure=cookie.secure,
        httponly=True,
        samesite="lax",
    )
