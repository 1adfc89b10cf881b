"""The models of fastapi-oneid, under their old names."""

from __future__ import annotations

from pydantic import Field

from oneid_sdk._generated.models import LegalInfo, LogoutResponse, TokenResponse, UserInfo
from oneid_sdk.fastapi.schemas import (
    AccessCallbackResponse,
    AuthorizationUrlResponse,
    LoginRequest,
    LogoutRequest,
    TokenRequest,
)
from oneid_sdk.payload import OneIDAuthPayload

__all__ = [
    "AccessCallbackResponse",
    "AuthorizationUrlResponse",
    "LoginRequest",
    "LogoutRequest",
    "OneIDAuthPayload",
    "OneIDLegalInfo",
    "OneIDLogoutResponse",
    "OneIDTokenResponse",
    "OneIDUserInfo",
    "TokenRequest",
]

OneIDTokenResponse = TokenResponse
OneIDUserInfo = UserInfo
OneIDLegalInfo = LegalInfo


class OneIDLogoutResponse(LogoutResponse):
    """OneID's logout answer with the ``success`` flag of fastapi-oneid (always true: a refusal raises)."""

    success: bool = Field(default=True)
    """True: :meth:`~fastapi_oneid.OneIDClient.logout` raises :class:`OneIDLogoutError` instead of failing quietly."""
