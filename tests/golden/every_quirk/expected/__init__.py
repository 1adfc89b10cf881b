# Generated from tests/golden/every_quirk/spec.yaml by `python -m generator`. Do not edit: change the spec.
"""Code rendered from the spec: models, constants, clients and the emulator's personas."""

from __future__ import annotations

from .client import AsyncOneIDClient, OneIDClient
from .constants import (
    CONNECT_BACKOFF_SECONDS,
    CONNECT_RETRIES,
    DEFAULT_SSO_URL,
    GRANT_TYPE_ACCESS_TOKEN_IDENTIFY,
    GRANT_TYPE_AUTHORIZATION_CODE,
    RESPONSE_TYPE,
    SSO_PATH,
)
from .models import Badge, Colour, Person, Token
from .personas import PERSONAS, Persona

__all__ = [
    "AsyncOneIDClient",
    "Badge",
    "Colour",
    "CONNECT_BACKOFF_SECONDS",
    "CONNECT_RETRIES",
    "DEFAULT_SSO_URL",
    "GRANT_TYPE_ACCESS_TOKEN_IDENTIFY",
    "GRANT_TYPE_AUTHORIZATION_CODE",
    "OneIDClient",
    "Person",
    "Persona",
    "PERSONAS",
    "RESPONSE_TYPE",
    "SSO_PATH",
    "Token",
]
