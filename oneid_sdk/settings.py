"""Settings read from the ``ONE_ID_*`` environment variables (and a ``.env`` file).

The field names are the variable names in lower case, as in fastapi-oneid, so ``OneIDSettings(one_id_client_id=...)``
and ``ONE_ID_CLIENT_ID=...`` set the same value. Everything is checked when the settings are built: an unusable
allow-list or a dangerous combination fails at start-up, not in the middle of a user's login.
"""

from __future__ import annotations

import math
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, PrivateAttr, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from ._generated.constants import DEFAULT_SSO_URL
from ._uri_list import parse_uri_list
from .errors import OneIDConfigurationError
from .security.redirect_policy import RedirectPolicy

__all__ = ["OneIDSettings"]

PRODUCTION_DOMAIN = "egov.uz"


class OneIDSettings(BaseSettings):
    """Configuration of one OneID client (one registered portal)."""

    model_config = SettingsConfigDict(
        env_file=".env",
        extra="ignore",
        populate_by_name=True,
        frozen=True,
        hide_input_in_errors=True,
    )

    one_id_sso_url: str = DEFAULT_SSO_URL
    """The single OneID endpoint (``ONE_ID_SSO_URL``); every operation is sent to it."""
    one_id_client_id: str
    """The client id issued by the operator (``ONE_ID_CLIENT_ID``)."""
    one_id_client_secret: SecretStr
    """The client secret (``ONE_ID_CLIENT_SECRET``); never printed, logged or returned."""
    one_id_scope: str = Field(validation_alias=AliasChoices("one_id_scope", "ONE_ID_SCOPE", "ONE_ID_CLIENT_SCOPE"))
    """The scope assigned by the operator (``ONE_ID_SCOPE``, alias ``ONE_ID_CLIENT_SCOPE``); often the client id."""
    one_id_allowed_redirect_uris: Annotated[list[str], NoDecode]
    """Redirect URIs this portal may use (``ONE_ID_ALLOWED_REDIRECT_URIS``, a JSON array or a comma list)."""
    one_id_default_redirect_uri: str | None = None
    """Redirect URI used when a login does not ask for one; optional when the allow-list has a single entry."""
    one_id_timeout: float = 5.0
    """Seconds to wait for OneID on each back-channel call (``ONE_ID_TIMEOUT``)."""
    one_id_debug: bool = False
    """When true and no handler is configured, the routers answer with the raw token and user (never in production)."""
    one_id_state_ttl: int = 300
    """Seconds a login may take between the redirect to OneID and the callback (``ONE_ID_STATE_TTL``)."""
    one_id_emulator_mode: bool = False
    """Accept loopback and plain-http redirect URIs, for the local emulator; refused when the SSO URL is on egov.uz."""
    one_id_insecure_allow_http: bool = False
    """Accept plain-http redirect URIs outside emulator mode (insecure: the code travels unencrypted)."""

    one_id_insecure_disable_binding: bool = False
    """Accept a state from any browser or client (insecure: it allows login CSRF); the routers warn at start-up."""
    one_id_log_personal_data: bool = False
    """Let log lines name the person (PIN, names); off by default, so logs hold no personal data."""

    _redirect_policy: RedirectPolicy = PrivateAttr()

    @field_validator("one_id_sso_url", "one_id_client_id", "one_id_scope", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        return value.strip() if isinstance(value, str) else value

    @field_validator("one_id_allowed_redirect_uris", mode="before")
    @classmethod
    def _parse_allow_list(cls, value: Any) -> Any:
        return parse_uri_list(value, name="ONE_ID_ALLOWED_REDIRECT_URIS")

    @field_validator("one_id_timeout")
    @classmethod
    def _positive_timeout(cls, value: float) -> float:
        if not math.isfinite(value) or value <= 0:
            raise ValueError("ONE_ID_TIMEOUT must be a finite number of seconds greater than zero")
        return value

    @field_validator("one_id_state_ttl")
    @classmethod
    def _positive_ttl(cls, value: int) -> int:
        if value <= 0:
            raise ValueError("ONE_ID_STATE_TTL must be greater than zero")
        return value

    @model_validator(mode="after")
    def _check(self) -> OneIDSettings:
        sso = urlsplit(self.one_id_sso_url)
        if sso.scheme not in {"http", "https"} or not sso.hostname:
            raise ValueError("ONE_ID_SSO_URL must be an absolute http(s) URL")
        host = sso.hostname.lower().rstrip(".")
        on_production = host == PRODUCTION_DOMAIN or host.endswith("." + PRODUCTION_DOMAIN)
        if self.one_id_emulator_mode and on_production:
            raise ValueError("ONE_ID_EMULATOR_MODE must not be set when ONE_ID_SSO_URL points to egov.uz")
        if on_production and sso.scheme != "https":
            raise ValueError("ONE_ID_SSO_URL must use https for egov.uz")
        try:
            self._redirect_policy = RedirectPolicy.build(
                self.one_id_allowed_redirect_uris,
                default=self.one_id_default_redirect_uri,
                allow_loopback=self.one_id_emulator_mode,
                allow_http=self.one_id_emulator_mode or self.one_id_insecure_allow_http,
            )
        except OneIDConfigurationError as exc:
            raise ValueError(str(exc)) from exc
        return self

    @property
    def redirect_policy(self) -> RedirectPolicy:
        """The allow-list, parsed and normalised once when the settings were built."""
        return self._redirect_policy
