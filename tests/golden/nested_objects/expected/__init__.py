# Generated from tests/golden/nested_objects/spec.yaml by `python -m generator`. Do not edit: change the spec.
"""Code rendered from the spec: models, constants, clients and the emulator's personas."""

from __future__ import annotations

from .client import AsyncOneIDClient, OneIDClient
from .constants import (
    CONNECT_BACKOFF_SECONDS,
    CONNECT_RETRIES,
    DEFAULT_SSO_URL,
    GRANT_TYPE_ACCESS_TOKEN_IDENTIFY,
    SSO_PATH,
)
from .models import Account, Address
from .personas import PERSONAS, Persona

__all__ = [
    "Account",
    "Address",
    "AsyncOneIDClient",
    "CONNECT_BACKOFF_SECONDS",
    "CONNECT_RETRIES",
    "DEFAULT_SSO_URL",
    "GRANT_TYPE_ACCESS_TOKEN_IDENTIFY",
    "OneIDClient",
    "Persona",
    "PERSONAS",
    "SSO_PATH",
]
