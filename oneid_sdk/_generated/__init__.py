# Generated from spec/oneid.yaml by `python -m generator`. Do not edit: change the spec.
"""Code rendered from the spec: models, constants, clients and the emulator's personas."""

from __future__ import annotations

from .client import AsyncOneIDClient, OneIDClient
from .constants import (
    CONNECT_BACKOFF_SECONDS,
    CONNECT_RETRIES,
    DEFAULT_SSO_URL,
    GRANT_TYPE_ACCESS_TOKEN_IDENTIFY,
    GRANT_TYPE_AUTHORIZATION_CODE,
    GRANT_TYPE_LOGOUT,
    RESPONSE_TYPE,
    SSO_PATH,
)
from .models import AuthMethod, LegalInfo, LogoutResponse, TokenResponse, UserInfo, UserType
from .personas import PERSONAS, Persona

__all__ = [
    "AsyncOneIDClient",
    "AuthMethod",
    "CONNECT_BACKOFF_SECONDS",
    "CONNECT_RETRIES",
    "DEFAULT_SSO_URL",
    "GRANT_TYPE_ACCESS_TOKEN_IDENTIFY",
    "GRANT_TYPE_AUTHORIZATION_CODE",
    "GRANT_TYPE_LOGOUT",
    "LegalInfo",
    "LogoutResponse",
    "OneIDClient",
    "Persona",
    "PERSONAS",
    "RESPONSE_TYPE",
    "SSO_PATH",
    "TokenResponse",
    "UserInfo",
    "UserType",
]
