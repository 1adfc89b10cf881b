# Generated from tests/golden/every_quirk/spec.yaml by `python -m generator`. Do not edit: change the spec.
"""Constants of the OneID protocol, from the spec."""

from __future__ import annotations

from typing import Final

__all__ = [
    "CONNECT_BACKOFF_SECONDS",
    "CONNECT_RETRIES",
    "DEFAULT_SSO_URL",
    "GRANT_TYPE_ACCESS_TOKEN_IDENTIFY",
    "GRANT_TYPE_AUTHORIZATION_CODE",
    "RESPONSE_TYPE",
    "SSO_PATH",
]

DEFAULT_SSO_URL: Final = "https://sso.example.test/sso/oauth/Authorization.do"
"""OneID's production endpoint; every operation is sent to it."""

SSO_PATH: Final = "/sso/oauth/Authorization.do"
"""The path of that endpoint (the same on every host)."""

CONNECT_RETRIES: Final = 1
"""How many times a back-channel call is sent again after a connection failure (nothing sent yet); nothing else is
retried."""

CONNECT_BACKOFF_SECONDS: Final = 0.25
"""The pause before the first such retry, doubled before each next one."""

RESPONSE_TYPE: Final = "one_code"
"""``response_type`` of ``authorize``."""

GRANT_TYPE_AUTHORIZATION_CODE: Final = "one_authorization_code"
"""``grant_type`` of ``exchange_code``."""

GRANT_TYPE_ACCESS_TOKEN_IDENTIFY: Final = "one_access_token_identify"
"""``grant_type`` of ``identify``."""
