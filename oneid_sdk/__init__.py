"""oneid-sdk: a typed SDK for Uzbekistan's OneID single sign-on (sso.egov.uz).

- :class:`OneIDClient` / :class:`AsyncOneIDClient`: the authorization URL and the three back-channel grants.
- :class:`LoginFlow` / :class:`AsyncLoginFlow`: the same, wrapped in the redirect-URI allow-list and a single-use
  ``state`` bound to the browser that started the login.
- :mod:`oneid_sdk.fastapi`: ready web and API routers; :mod:`oneid_sdk.emulator`: a local OneID for demos and tests.
"""

from __future__ import annotations

from ._generated.client import AsyncOneIDClient, OneIDClient
from ._generated.models import AuthMethod, LegalInfo, LogoutResponse, TokenResponse, UserInfo, UserType
from ._quirks import UnknownValue
from .errors import (
    OneIDConfigurationError,
    OneIDConnectionError,
    OneIDError,
    OneIDHTTPError,
    OneIDHTTPStatusError,
    OneIDInvalidRedirectURIError,
    OneIDInvalidResponseError,
    OneIDInvalidStateError,
    OneIDLoginDeniedError,
    OneIDLogoutError,
    OneIDMissingCodeError,
    OneIDRedirectURIMismatchError,
    OneIDRefusedError,
    OneIDRequestTooLargeError,
    OneIDStateBindingError,
    OneIDStateBindingMissingError,
    OneIDStateStoreError,
    OneIDTimeoutError,
    OneIDTokenExchangeError,
    OneIDUpstreamError,
    OneIDUserInfoError,
)
from .flow import AsyncLoginFlow, LoginFlow, LoginStart
from .payload import OneIDAuthPayload
from .security import InMemoryStateStore, RedirectPolicy, StateStore, SyncInMemoryStateStore, SyncStateStore
from .settings import OneIDSettings

__all__ = [
    "AsyncLoginFlow",
    "AuthMethod",
    "AsyncOneIDClient",
    "InMemoryStateStore",
    "LegalInfo",
    "LoginFlow",
    "LoginStart",
    "LogoutResponse",
    "OneIDAuthPayload",
    "OneIDClient",
    "OneIDConfigurationError",
    "OneIDConnectionError",
    "OneIDError",
    "OneIDHTTPError",
    "OneIDHTTPStatusError",
    "OneIDInvalidRedirectURIError",
    "OneIDInvalidResponseError",
    "OneIDInvalidStateError",
    "OneIDLoginDeniedError",
    "OneIDLogoutError",
    "OneIDMissingCodeError",
    "OneIDRedirectURIMismatchError",
    "OneIDRefusedError",
    "OneIDRequestTooLargeError",
    "OneIDSettings",
    "OneIDStateBindingError",
    "OneIDStateBindingMissingError",
    "OneIDStateStoreError",
    "OneIDTimeoutError",
    "OneIDTokenExchangeError",
    "OneIDUpstreamError",
    "OneIDUserInfoError",
    "RedirectPolicy",
    "StateStore",
    "SyncInMemoryStateStore",
    "SyncStateStore",
    "TokenResponse",
    "UnknownValue",
    "UserInfo",
    "UserType",
]
