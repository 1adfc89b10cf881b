# Generated from tests/golden/minimal/spec.yaml by `python -m generator`. Do not edit: change the spec.
"""Code rendered from the spec: models, constants, clients and the emulator's personas."""

from __future__ import annotations

from .client import AsyncOneIDClient, OneIDClient
from .constants import CONNECT_BACKOFF_SECONDS, CONNECT_RETRIES, DEFAULT_SSO_URL, GRANT_TYPE_LOGOUT, SSO_PATH
from .models import LogoutResponse
from .personas import PERSONAS, Persona

__all__ = [
    "AsyncOneIDClient",
    "CONNECT_BACKOFF_SECONDS",
    "CONNECT_RETRIES",
    "DEFAULT_SSO_URL",
    "GRANT_TYPE_LOGOUT",
    "LogoutResponse",
    "OneIDClient",
    "Persona",
    "PERSONAS",
    "SSO_PATH",
]
