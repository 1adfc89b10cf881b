"""Configuration of a running emulator, from ``ONEID_EMULATOR_*`` environment variables and the command line."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import FastAPI
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from .._uri_list import parse_uri_list
from .app import create_app
from .clients import RegisteredClient

__all__ = ["ENV_PREFIX", "EmulatorSettings", "create_app_from_env"]

ENV_PREFIX = "ONEID_EMULATOR_"


class EmulatorSettings(BaseSettings):
    """One registered client and where to listen; each field is also ``ONEID_EMULATOR_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore", frozen=True, hide_input_in_errors=True)

    host: str = "127.0.0.1"
    """Interface to listen on (``ONEID_EMULATOR_HOST``); loopback unless you really mean otherwise."""
    port: int = Field(default=8765, ge=0, le=65535)
    """TCP port (``ONEID_EMULATOR_PORT``)."""
    client_id: str = Field(min_length=1)
    """The registered client's id (``ONEID_EMULATOR_CLIENT_ID``)."""
    client_secret: SecretStr
    """The registered client's secret (``ONEID_EMULATOR_CLIENT_SECRET``)."""
    scope: str | None = None
    """The client's scope (``ONEID_EMULATOR_SCOPE``); the client id when unset."""
    redirect_uris: Annotated[list[str], NoDecode] = Field(min_length=1)
    """Registered redirect URIs (``ONEID_EMULATOR_REDIRECT_URIS``, a JSON array or a comma list)."""
    code_ttl: float = Field(default=60.0, gt=0)
    """Seconds an authorization code can be exchanged (``ONEID_EMULATOR_CODE_TTL``)."""
    token_ttl: float = Field(default=3600.0, gt=0)
    """Seconds an access token works (``ONEID_EMULATOR_TOKEN_TTL``)."""

    @field_validator("redirect_uris", mode="before")
    @classmethod
    def _parse_redirect_uris(cls, value: Any) -> Any:
        return parse_uri_list(value, name=f"{ENV_PREFIX}REDIRECT_URIS")

    def registered_client(self) -> RegisteredClient:
        """The client these settings describe."""
        return RegisteredClient(
            client_id=self.client_id,
            client_secret=self.client_secret,
            scope=self.scope or self.client_id,
            redirect_uris=self.redirect_uris,
        )

    def create_app(self) -> FastAPI:
        """An emulator app for this client."""
        return create_app([self.registered_client()], code_ttl=self.code_ttl, token_ttl=self.token_ttl)


def create_app_from_env() -> FastAPI:
    """An emulator configured by ``ONEID_EMULATOR_*``.

    For ``uvicorn --factory oneid_sdk.emulator:create_app_from_env``.
    """
    # The required fields come from the environment; pyright cannot know that.
    return EmulatorSettings().create_app()  # pyright: ignore[reportCallIssue]
