# Generated from tests/golden/minimal/spec.yaml by `python -m generator`. Do not edit: change the spec.
"""Constants of the OneID protocol, from the spec."""

from __future__ import annotations

from typing import Final

__all__ = [
    "CONNECT_BACKOFF_SECONDS",
    "CONNECT_RETRIES",
    "DEFAULT_SSO_URL",
    "GRANT_TYPE_LOGOUT",
    "SSO_PATH",
]

DEFAULT_SSO_URL: Final = "https://sso.example.test/sso/oauth/Authorization.do"
"""OneID's production endpoint; every operation is sent to it."""

SSO_PATH: Final = "/sso/oauth/Authorization.do"
"""The path of that endpoint (the same on every host)."""

CONNECT_RETRIES: Final = 0
"""How many times a back-channel call is sent again after a connection failure (nothing sent yet); nothing else is
retried."""

CONNECT_BACKOFF_SECONDS: Final = 0.0
"""The pause before the first such retry, doubled before each next one."""

GRANT_TYPE_LOGOUT: Final = "one_log_out"
"""``grant_type`` of ``log_out``."""
