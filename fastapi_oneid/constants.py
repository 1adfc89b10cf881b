"""The protocol constants and the defaults of fastapi-oneid."""

from __future__ import annotations

from oneid_sdk._generated.constants import (
    GRANT_TYPE_ACCESS_TOKEN_IDENTIFY,
    GRANT_TYPE_AUTHORIZATION_CODE,
    GRANT_TYPE_LOGOUT,
    RESPONSE_TYPE,
)
from oneid_sdk.settings import OneIDSettings

__all__ = [
    "DEFAULT_DEBUG",
    "DEFAULT_STATE_TTL",
    "DEFAULT_TIMEOUT",
    "GRANT_TYPE_ACCESS_TOKEN_IDENTIFY",
    "GRANT_TYPE_AUTHORIZATION_CODE",
    "GRANT_TYPE_LOGOUT",
    "RESPONSE_TYPE",
]

_FIELDS = OneIDSettings.model_fields

DEFAULT_TIMEOUT: float = _FIELDS["one_id_timeout"].default
"""Seconds to wait for OneID (``ONE_ID_TIMEOUT``)."""
DEFAULT_DEBUG: bool = _FIELDS["one_id_debug"].default
"""Whether debug mode is on by default (``ONE_ID_DEBUG``)."""
DEFAULT_STATE_TTL: int = _FIELDS["one_id_state_ttl"].default
"""Seconds a state stays valid (``ONE_ID_STATE_TTL``)."""
