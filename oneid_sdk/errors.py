"""The SDK's errors: one base class, one subclass per cause.

Every error carries a stable snake_case ``error`` code and the HTTP ``status`` that a web answer about it should
have, so that any framework can turn it into the same ``{"detail", "error"}`` answer without a lookup table of its
own. Messages are written for people and never hold a secret, a token or a body OneID sent.
"""

from __future__ import annotations

from typing import ClassVar

__all__ = [
    "RESTART_LOGIN_SENTENCE",
    "OneIDConfigurationError",
    "OneIDConnectionError",
    "OneIDError",
    "OneIDHTTPError",
    "OneIDHTTPStatusError",
    "OneIDInvalidRedirectURIError",
    "OneIDInvalidResponseError",
    "OneIDInvalidStateError",
    "OneIDLoginDeniedError",
    "OneIDLogoutError",
    "OneIDMissingCodeError",
    "OneIDRedirectURIMismatchError",
    "OneIDRefusedError",
    "OneIDRequestTooLargeError",
    "OneIDStateBindingError",
    "OneIDStateBindingMissingError",
    "OneIDStateStoreError",
    "OneIDTimeoutError",
    "OneIDTokenError",
    "OneIDTokenExchangeError",
    "OneIDUpstreamError",
    "OneIDUserInfoError",
]


RESTART_LOGIN_SENTENCE = "This login cannot continue: start the login again."
"""Appended to the message of an error that ended a login after its state was spent."""


class OneIDError(Exception):
    """Base class of every error this package raises."""

    error: ClassVar[str] = "oneid_error"
    status: ClassVar[int] = 400

    message: str
    """A sentence for people: no token, secret or body OneID sent."""
    restart_required: bool
    """True when the login's state was already spent, so the user has to start the login again."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.restart_required = False

    def require_restart(self) -> None:
        """Mark this error as the end of a login whose state is spent, and say so in its message (once)."""
        if self.restart_required:
            return
        self.restart_required = True
        self.message = f"{self.message.rstrip('.')}. {RESTART_LOGIN_SENTENCE}"
        self.args = (self.message,)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


class OneIDConfigurationError(OneIDError, ValueError):
    """The settings are unusable (raised at start-up, never during a login)."""

    error = "configuration_error"
    status = 500


class OneIDInvalidRedirectURIError(OneIDError):
    """A redirect URI is not on the allow-list, or not allowed at all."""

    error = "redirect_uri_not_allowed"


class OneIDRedirectURIMismatchError(OneIDInvalidRedirectURIError):
    """The callback names another redirect URI than the one its state was issued for."""

    error = "redirect_uri_mismatch"


class OneIDInvalidStateError(OneIDError):
    """The ``state`` is unknown, expired, already used, or bound to another redirect URI."""

    error = "invalid_state"


class OneIDStateBindingError(OneIDInvalidStateError):
    """The ``state`` belongs to another browser or client: the binding secret is missing or wrong."""

    error = "state_binding_mismatch"


class OneIDStateBindingMissingError(OneIDStateBindingError):
    """The ``state`` was presented without any binding secret (no binding cookie, no ``binding`` field)."""

    error = "state_binding_missing"


class OneIDMissingCodeError(OneIDError):
    """The callback carries no authorization code (the login was not completed at OneID)."""

    error = "code_missing"


class OneIDRequestTooLargeError(OneIDError):
    """A request to the routers carried a body larger than they read (a few KiB is all a login needs)."""

    error = "request_too_large"
    status = 413


class OneIDStateStoreError(OneIDError):
    """The state store could not be reached."""

    error = "state_store_unavailable"
    status = 503


class OneIDHTTPError(OneIDError):
    """OneID could not be used: it failed, timed out, was unreachable or answered something unusable."""

    error = "oneid_upstream_error"
    status = 502

    def __init__(self, message: str, *, status_code: int | None = None, is_timeout: bool = False) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.is_timeout = is_timeout


class OneIDUpstreamError(OneIDHTTPError):
    """Base of the concrete upstream failures (the name code written against fastapi-oneid 0.1 catches)."""


class OneIDHTTPStatusError(OneIDUpstreamError):
    """OneID answered with an HTTP error status (``status_code`` holds it)."""

    error = "oneid_http_error"


class OneIDTimeoutError(OneIDUpstreamError):
    """OneID did not answer within ``ONE_ID_TIMEOUT`` seconds."""

    error = "oneid_timeout"
    status = 504

    def __init__(self, message: str) -> None:
        super().__init__(message, is_timeout=True)


class OneIDConnectionError(OneIDUpstreamError):
    """OneID could not be reached (DNS, TCP or TLS failure)."""

    error = "oneid_unreachable"


class OneIDInvalidResponseError(OneIDUpstreamError):
    """OneID answered 2xx with a body that is not the expected JSON object; ``field`` names what was wrong."""

    error = "oneid_invalid_response"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class OneIDRefusedError(OneIDError):
    """OneID refused the request (an error answer, or a non-zero ``ret_cd``)."""

    error = "oneid_refused"
    status = 401

    def __init__(self, message: str, *, ret_cd: str | None = None) -> None:
        super().__init__(message)
        self.ret_cd = ret_cd


class OneIDTokenExchangeError(OneIDRefusedError):
    """OneID did not exchange the authorization code for an access token."""

    error = "code_exchange_refused"


class OneIDTokenError(OneIDTokenExchangeError):
    """Older name of :class:`OneIDTokenExchangeError`, kept for code written against fastapi-oneid."""


class OneIDUserInfoError(OneIDRefusedError):
    """OneID did not identify the user for the access token (``ret_cd`` holds its result code)."""

    error = "identify_refused"


class OneIDLoginDeniedError(OneIDRefusedError):
    """OneID sent the browser back without a code, with an ``error`` parameter: the user cancelled or was refused.

    The message never repeats the parameter's text (it comes from the browser's address bar, so anyone can write it).
    """

    error = "oneid_login_denied"


class OneIDLogoutError(OneIDRefusedError):
    """OneID did not confirm the logout."""

    error = "logout_refused"
    status = 400
