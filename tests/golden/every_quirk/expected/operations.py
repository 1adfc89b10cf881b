# Generated from tests/golden/every_quirk/spec.yaml by `python -m generator`. Do not edit: change the spec.
"""The I/O-free halves of OneID's operations, shared by both clients: build each request, read each answer."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from oneid_sdk._http import httpx, read_json_object, require_result_code, require_success_field, validate_answer
from oneid_sdk.errors import OneIDTokenExchangeError, OneIDUserInfoError

from .constants import GRANT_TYPE_ACCESS_TOKEN_IDENTIFY, GRANT_TYPE_AUTHORIZATION_CODE, RESPONSE_TYPE
from .models import Person, Token

if TYPE_CHECKING:
    from oneid_sdk.settings import OneIDSettings

__all__ = [
    "build_authorization_url",
    "build_exchange_code_form",
    "parse_exchange_code_response",
    "build_identify_form",
    "parse_identify_response",
]


def build_authorization_url(settings: OneIDSettings, *, redirect_uri: str, state: str) -> str:
    """The URL of ``authorize``, parameters in OneID's order (no I/O, no allow-list check)."""
    query = urlencode(
        [
            ("response_type", RESPONSE_TYPE),
            ("client_id", settings.one_id_client_id),
            ("redirect_uri", redirect_uri),
            ("state", state),
        ]
    )
    return f"{settings.one_id_sso_url}?{query}"


def build_exchange_code_form(settings: OneIDSettings, *, code: str) -> list[tuple[str, str]]:
    """The form of ``exchange_code``, parameters in OneID's order."""
    return [
        ("grant_type", GRANT_TYPE_AUTHORIZATION_CODE),
        ("client_secret", settings.one_id_client_secret.get_secret_value()),
        ("code", code),
    ]


def parse_exchange_code_response(response: httpx.Response) -> Token:
    """Read OneID's answer to ``exchange_code``; raise :class:`OneIDTokenExchangeError` on a refusal."""
    body = read_json_object(response, operation="exchange_code")
    require_success_field(body, "access_token", error=OneIDTokenExchangeError, message="No token.")
    return validate_answer(Token, body, operation="exchange_code")


def build_identify_form(_settings: OneIDSettings, *, access_token: str) -> list[tuple[str, str]]:
    """The form of ``identify``, parameters in OneID's order."""
    return [
        ("grant_type", GRANT_TYPE_ACCESS_TOKEN_IDENTIFY),
        ("access_token", access_token),
    ]


def parse_identify_response(response: httpx.Response) -> Person:
    """Read OneID's answer to ``identify``; raise :class:`OneIDUserInfoError` on a refusal."""
    body = read_json_object(response, operation="identify")
    require_result_code(body, "ret_cd", error=OneIDUserInfoError, message="Nobody.")
    return validate_answer(Person, body, operation="identify")
