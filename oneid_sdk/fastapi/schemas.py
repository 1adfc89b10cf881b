"""The request and answer bodies of the routers, as they appear in the OpenAPI document."""

from __future__ import annotations

from pydantic import AliasChoices, BaseModel, Field

__all__ = [
    "AccessCallbackRequest",
    "AccessCallbackResponse",
    "AuthorizationUrlResponse",
    "CallbackRequest",
    "ErrorResponse",
    "LoginRequest",
    "LogoutRequest",
    "LogoutResult",
    "TokenRequest",
]

_REDIRECT_URI_ALIASES = AliasChoices("redirect_uri", "redirect_url")


class LoginRequest(BaseModel):
    """Start a login (query, JSON or form)."""

    redirect_uri: str | None = Field(
        default=None,
        validation_alias=_REDIRECT_URI_ALIASES,
        description="An entry of ONE_ID_ALLOWED_REDIRECT_URIS; the default one when omitted.",
    )


class AccessCallbackRequest(BaseModel):
    """What OneID appends to the redirect URI: the code and the state, or ``error`` when there is no code."""

    code: str = Field(min_length=1, description="The authorization code from OneID.")
    state: str = Field(min_length=1, description="The state issued when the login started.")
    error: str | None = Field(
        default=None,
        description=(
            "Sent by OneID instead of a code when the user cancelled or was refused; "
            "the answer is then 401 oneid_login_denied."
        ),
    )


class CallbackRequest(AccessCallbackRequest):
    """A callback to complete: OneID's parameters, and the redirect URI the state must have been issued for."""

    redirect_uri: str | None = Field(
        default=None,
        validation_alias=_REDIRECT_URI_ALIASES,
        description="When given, must equal the redirect URI the state was issued for.",
    )


class TokenRequest(CallbackRequest):
    """Finish a login: the callback's code and state, sent by the frontend (JSON or form)."""

    binding: str | None = Field(
        default=None,
        description=(
            "The binding secret returned by /url, for clients without the binding cookie (a front end on another "
            "site, a mobile app). Read from a JSON body only, and only when the request carries no binding cookie: "
            "the cookie wins."
        ),
    )


class LogoutRequest(BaseModel):
    """End a OneID session (JSON or form)."""

    access_token: str = Field(
        description="The OneID access token of the session to end (from the body only, never the query string)."
    )


class AuthorizationUrlResponse(BaseModel):
    """Where to send the browser to log in."""

    url: str = Field(description="OneID's login page for this attempt.")
    binding: str | None = Field(
        default=None,
        description="The binding secret of this login (also set as the binding cookie, __Host-oneid_binding).",
    )


class AccessCallbackResponse(BaseModel):
    """The callback parameters, echoed for a frontend that forwards them to /token."""

    code: str
    state: str


class LogoutResult(BaseModel):
    """OneID confirmed the logout."""

    success: bool = True
    ret_cd: str | None = Field(default=None, description="OneID's result code.")


class ErrorResponse(BaseModel):
    """Every error answer of the routers."""

    detail: str = Field(description="A sentence for people.")
    error: str = Field(description="A stable snake_case code for programs.")
