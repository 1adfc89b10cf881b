"""The errors, under the names fastapi-oneid used (they are the classes of :mod:`oneid_sdk.errors`)."""

from __future__ import annotations

from oneid_sdk.errors import (
    OneIDConfigurationError,
    OneIDConnectionError,
    OneIDError,
    OneIDHTTPError,
    OneIDHTTPStatusError,
    OneIDInvalidRedirectURIError,
    OneIDInvalidResponseError,
    OneIDInvalidStateError,
    OneIDLogoutError,
    OneIDMissingCodeError,
    OneIDRedirectURIMismatchError,
    OneIDRefusedError,
    OneIDStateBindingError,
    OneIDStateBindingMissingError,
    OneIDStateStoreError,
    OneIDTimeoutError,
    OneIDTokenError,
    OneIDTokenExchangeError,
    OneIDUpstreamError,
    OneIDUserInfoError,
)

__all__ = [
    "OneIDConfigurationError",
    "OneIDConnectionError",
    "OneIDError",
    "OneIDHTTPError",
    "OneIDHTTPStatusError",
    "OneIDInvalidRedirectURIError",
    "OneIDInvalidResponseError",
    "OneIDInvalidStateError",
    "OneIDLogoutError",
    "OneIDMissingCodeError",
    "OneIDRedirectURIMismatchError",
    "OneIDRefusedError",
    "OneIDStateBindingError",
    "OneIDStateBindingMissingError",
    "OneIDStateStoreError",
    "OneIDTimeoutError",
    "OneIDTokenError",
    "OneIDTokenExchangeError",
    "OneIDUpstreamError",
    "OneIDUserInfoError",
]
