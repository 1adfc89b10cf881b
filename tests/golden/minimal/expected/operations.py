# Generated from tests/golden/minimal/spec.yaml by `python -m generator`. Do not edit: change the spec.
"""The I/O-free halves of OneID's operations, shared by both clients: build each request, read each answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from oneid_sdk._http import httpx, read_json_object, require_result_code, validate_answer
from oneid_sdk.errors import OneIDLogoutError

from .constants import GRANT_TYPE_LOGOUT
from .models import LogoutResponse

if TYPE_CHECKING:
    from oneid_sdk.settings import OneIDSettings

__all__ = [
    "build_log_out_form",
    "parse_log_out_response",
]


def build_log_out_form(settings: OneIDSettings, *, access_token: str) -> list[tuple[str, str]]:
    """The form of ``log_out``, parameters in OneID's order."""
    return [
        ("grant_type", GRANT_TYPE_LOGOUT),
        ("client_id", settings.one_id_client_id),
        ("access_token", access_token),
    ]


def parse_log_out_response(response: httpx.Response) -> LogoutResponse:
    """Read OneID's answer to ``log_out``; raise :class:`OneIDLogoutError` on a refusal."""
    body = read_json_object(response, operation="log_out")
    require_result_code(body, "ret_cd", error=OneIDLogoutError, message="The session was not ended.")
    return validate_answer(LogoutResponse, body, operation="log_out")
