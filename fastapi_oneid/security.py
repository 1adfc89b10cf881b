"""The state and redirect-URI helpers of fastapi-oneid.

The routers no longer use these: they bind every state to the browser that started the login (see
:mod:`oneid_sdk.security`). The helpers remain for code that called them directly. Their states are unbound, so
:func:`verify_state` cannot redeem a state issued by the routers, and the routers cannot redeem one stored by
:func:`store_state`.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from urllib.parse import urlsplit

from oneid_sdk.errors import OneIDInvalidRedirectURIError, OneIDInvalidStateError
from oneid_sdk.fastapi import LegacyStateStore
from oneid_sdk.security import UNBOUND_BINDING_HASH, PendingLogin, RedemptionOutcome, is_loopback_host
from oneid_sdk.security import InMemoryStateStore as _BoundStateStore

__all__ = [
    "InMemoryStateStore",
    "StateStore",
    "generate_state",
    "store_state",
    "validate_redirect_uri",
    "verify_state",
]

StateStore = LegacyStateStore
"""The fastapi-oneid store shape: ``store(state, redirect_uri, ttl)`` and ``pop(state)``."""


class InMemoryStateStore(_BoundStateStore):
    """The in-memory store, with the ``store``/``pop`` methods of fastapi-oneid for unbound states."""

    async def store(self, state: str, redirect_uri: str, ttl: int) -> None:
        """Keep an unbound state (one that only :meth:`pop` can take)."""
        await self.save(state, PendingLogin(redirect_uri=redirect_uri, binding_hash=UNBOUND_BINDING_HASH), ttl)

    async def pop(self, state: str) -> str | None:
        """Take an unbound state and return its redirect URI; ``None`` if unknown, expired or bound to a browser."""
        redemption = await self.redeem(state, UNBOUND_BINDING_HASH)
        if redemption.outcome is not RedemptionOutcome.REDEEMED or redemption.login is None:
            return None
        return redemption.login.redirect_uri


def generate_state(length: int = 32) -> str:
    """A random state of ``length`` bytes of entropy (URL-safe base64)."""
    return secrets.token_urlsafe(length)


def validate_redirect_uri(redirect_uri: str, allowed_redirect_uris: Iterable[str]) -> str:
    """Return ``redirect_uri`` stripped, if it is an absolute non-loopback http(s) URL on the allow-list."""
    value = redirect_uri.strip()
    if not value:
        raise OneIDInvalidRedirectURIError("Redirect URI must not be empty")
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise OneIDInvalidRedirectURIError("Redirect URI must be an absolute HTTP(S) URL")
    if is_loopback_host(parts.hostname):
        raise OneIDInvalidRedirectURIError("Loopback redirect URIs are not allowed by OneID")
    if value not in set(allowed_redirect_uris):
        raise OneIDInvalidRedirectURIError("Redirect URI is not present in ONE_ID_ALLOWED_REDIRECT_URIS")
    return value


async def store_state(state_store: LegacyStateStore, state: str, redirect_uri: str, ttl: int) -> None:
    """Keep an unbound ``state`` for ``redirect_uri`` in a fastapi-oneid style store."""
    await state_store.store(state=state, redirect_uri=redirect_uri, ttl=ttl)


async def verify_state(state_store: LegacyStateStore, state: str, redirect_uri: str | None = None) -> str:
    """Take an unbound ``state`` out of the store and return its redirect URI (which must equal ``redirect_uri``)."""
    stored = await state_store.pop(state)
    if stored is None:
        raise OneIDInvalidStateError("State is invalid or expired")
    if redirect_uri is not None and redirect_uri != stored:
        raise OneIDInvalidRedirectURIError("Redirect URI does not match the stored state")
    return stored
