# Generated from spec/oneid.yaml by `python -m generator`. Do not edit: change the spec.
"""The I/O-free halves of OneID's operations, shared by both clients: build each request, read each answer."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from oneid_sdk._http import (
    httpx,
    read_json_object,
    refuse_error_field,
    require_known_field,
    require_result_code,
    require_success_field,
    validate_answer,
)
from oneid_sdk.errors import OneIDLogoutError, OneIDTokenExchangeError, OneIDUserInfoError

from .constants import GRANT_TYPE_ACCESS_TOKEN_IDENTIFY, GRANT_TYPE_AUTHORIZATION_CODE, GRANT_TYPE_LOGOUT, RESPONSE_TYPE
from .models import LogoutResponse, TokenResponse, UserInfo

if TYPE_CHECKING:
    from oneid_sdk.settings import OneIDSettings

__all__ = [
    "build_authorization_url",
    "build_exchange_code_form",
    "parse_exchange_code_response",
    "build_identify_form",
    "parse_identify_response",
    "build_log_out_form",
    "parse_log_out_response",
]


def build_authorization_url(settings: OneIDSettings, *, redirect_uri: str, state: str) -> str:
    """The URL of ``authorize``, parameters in OneID's order (no I/O, no allow-list check)."""
    query = urlencode(
        [
            ("response_type", RESPONSE_TYPE),
            ("client_id", settings.one_id_client_id),
            ("redirect_uri", redirect_uri),
            ("scope", settings.one_id_scope),
            ("state", state),
        ]
    )
    return f"{settings.one_id_sso_url}?{query}"


def build_exchange_code_form(settings: OneIDSettings, *, redirect_uri: str, code: str) -> list[tuple[str, str]]:
    """The form of ``exchange_code``, parameters in OneID's order."""
    return [
        ("grant_type", GRANT_TYPE_AUTHORIZATION_CODE),
        ("client_id", settings.one_id_client_id),
        ("client_secret", settings.one_id_client_secret.get_secret_value()),
        ("redirect_uri", redirect_uri),
        ("code", code),
    ]


def parse_exchange_code_response(response: httpx.Response) -> TokenResponse:
    """Read OneID's answer to ``exchange_code``; raise :class:`OneIDTokenExchangeError` on a refusal."""
    body = read_json_object(response, operation="exchange_code")
    require_success_field(
        body,
        "access_token",
        error=OneIDTokenExchangeError,
        message="OneID did not exchange the authorization code for an access token.",
    )
    return validate_answer(TokenResponse, body, operation="exchange_code")


def build_identify_form(settings: OneIDSettings, *, access_token: str) -> list[tuple[str, str]]:
    """The form of ``identify``, parameters in OneID's order."""
    return [
        ("grant_type", GRANT_TYPE_ACCESS_TOKEN_IDENTIFY),
        ("client_id", settings.one_id_client_id),
        ("client_secret", settings.one_id_client_secret.get_secret_value()),
        ("access_token", access_token),
        ("scope", settings.one_id_scope),
    ]


def parse_identify_response(response: httpx.Response) -> UserInfo:
    """Read OneID's answer to ``identify``; raise :class:`OneIDUserInfoError` on a refusal."""
    body = read_json_object(response, operation="identify")
    refuse_error_field(
        body,
        "error",
        error=OneIDUserInfoError,
        message="OneID did not identify the user for the access token.",
        result_code="ret_cd",
    )
    require_result_code(
        body, "ret_cd", error=OneIDUserInfoError, message="OneID did not identify the user for the access token."
    )
    return validate_answer(UserInfo, body, operation="identify")


def build_log_out_form(settings: OneIDSettings, *, access_token: str) -> list[tuple[str, str]]:
    """The form of ``log_out``, parameters in OneID's order."""
    return [
        ("grant_type", GRANT_TYPE_LOGOUT),
        ("client_id", settings.one_id_client_id),
        ("client_secret", settings.one_id_client_secret.get_secret_value()),
        ("access_token", access_token),
        ("scope", settings.one_id_scope),
    ]


def parse_log_out_response(response: httpx.Response) -> LogoutResponse:
    """Read OneID's answer to ``log_out``; raise :class:`OneIDLogoutError` on a refusal."""
    body = read_json_object(response, operation="log_out")
    refuse_error_field(
        body,
        "error",
        error=OneIDLogoutError,
        message="OneID did not confirm the logout.",
        result_code="ret_cd",
    )
    require_result_code(body, "ret_cd", error=OneIDLogoutError, message="OneID did not confirm the logout.")
    require_known_field(body, ["ret_cd"], error=OneIDLogoutError, message="OneID did not confirm the logout.")
    return validate_answer(LogoutResponse, body, operation="log_out")
