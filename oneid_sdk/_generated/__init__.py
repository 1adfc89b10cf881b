# Generated from spec/oneid.yaml by `python -m generator`. Do not edit; change the spec or the templates.
"""Code rendered from the spec: models, constants, clients and the emulator's personas."""

from __future__ import annotations

from .client import AsyncOneIDClient, OneIDClient
from .constants import (
    DEFAULT_SSO_URL,
    GRANT_TYPE_ACCESS_TOKEN_IDENTIFY,
    GRANT_TYPE_AUTHORIZATION_CODE,
    GRANT_TYPE_LOGOUT,
    RESPONSE_TYPE,
    SSO_PATH,
)
from .models import LegalInfo, LogoutResponse, TokenResponse, UserInfo
from .personas import PERSONAS, Persona

__all__ = [
    "AsyncOneIDClient",
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
]
