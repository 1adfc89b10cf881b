# Generated from tests/golden/nested_objects/spec.yaml by `python -m generator`. Do not edit: change the spec.
"""The I/O-free halves of OneID's operations, shared by both clients: build each request, read each answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from oneid_sdk._http import httpx, read_json_object, validate_answer

from .constants import GRANT_TYPE_ACCESS_TOKEN_IDENTIFY
from .models import Account

if TYPE_CHECKING:
    from oneid_sdk.settings import OneIDSettings

__all__ = [
    "build_identify_form",
    "parse_identify_response",
]


def build_identify_form(settings: OneIDSettings, *, access_token: str) -> list[tuple[str, str]]:
    """The form of ``identify``, parameters in OneID's order."""
    return [
        ("grant_type", GRANT_TYPE_ACCESS_TOKEN_IDENTIFY),
        ("scope", settings.one_id_scope),
        ("access_token", access_token),
    ]


def parse_identify_response(response: httpx.Response) -> Account:
    """Read OneID's answer to ``identify``; raise :class:`OneIDUserInfoError` on a refusal."""
    body = read_json_object(response, operation="identify")
    return validate_answer(Account, body, operation="identify")
