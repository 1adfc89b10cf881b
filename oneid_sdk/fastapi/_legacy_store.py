"""Using a fastapi-oneid 0.2 state store (``store(state, redirect_uri, ttl)`` / ``pop(state)``) with the routers.

Such a store keeps a string per state and can only take it out. :class:`LegacyStateStoreAdapter` writes the expiry
time and the binding hash into that string and, when a redemption presents the wrong binding, puts the entry back
for the rest of its lifetime. Putting back is not atomic (a concurrent correct redemption in that instant fails),
which is why stores written for oneid-sdk implement :class:`~oneid_sdk.security.StateStore` directly.
"""

from __future__ import annotations

import hmac
import math
import time
from collections.abc import Callable
from typing import Protocol, runtime_checkable

from ..security.store import PendingLogin, Redemption, RedemptionOutcome, StateStore, default_state_store

__all__ = ["LegacyStateStore", "LegacyStateStoreAdapter", "as_state_store"]

_PREFIX = "oneid-sdk/1 "


@runtime_checkable
class LegacyStateStore(Protocol):
    """The state-store shape of fastapi-oneid 0.2 (``store(state, redirect_uri, ttl)`` and ``pop(state)``)."""

    async def store(self, state: str, redirect_uri: str, ttl: int) -> None:
        """Keep ``redirect_uri`` under ``state`` for ``ttl`` seconds."""
        ...

    async def pop(self, state: str) -> str | None:
        """Remove and return the value kept under ``state``."""
        ...


def _encode(expires_at: float, login: PendingLogin) -> str:
    return f"{_PREFIX}{expires_at:.3f} {login.encode()}"


def _decode(value: str) -> tuple[float, PendingLogin] | None:
    if not value.startswith(_PREFIX):
        return None
    expiry, _, rest = value[len(_PREFIX) :].partition(" ")
    try:
        expires_at = float(expiry)
    except ValueError:
        return None
    return expires_at, PendingLogin.decode(rest)


class LegacyStateStoreAdapter:
    """:class:`~oneid_sdk.security.StateStore` over a fastapi-oneid 0.2 store."""

    def __init__(self, store: LegacyStateStore, *, ttl: int, clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self._ttl = ttl
        self._clock = clock

    async def save(self, state: str, login: PendingLogin, ttl: int) -> None:
        """Keep ``login`` under ``state`` for ``ttl`` seconds."""
        await self.store.store(state=state, redirect_uri=_encode(self._clock() + ttl, login), ttl=ttl)

    async def redeem(self, state: str, binding_hash: str) -> Redemption:
        """Take the entry out; put it back unless its binding hash equals ``binding_hash``."""
        value = await self.store.pop(state)
        if value is None:
            return Redemption(RedemptionOutcome.UNKNOWN)
        decoded = _decode(value)
        if decoded is None:
            # Written by code that does not bind states: it cannot be redeemed here, so leave it for that code.
            await self.store.store(state=state, redirect_uri=value, ttl=self._ttl)
            return Redemption(RedemptionOutcome.BINDING_MISMATCH)
        expires_at, login = decoded
        remaining = expires_at - self._clock()
        if remaining <= 0:
            return Redemption(RedemptionOutcome.UNKNOWN)
        if not hmac.compare_digest(login.binding_hash, binding_hash):
            await self.store.store(state=state, redirect_uri=value, ttl=max(1, math.ceil(remaining)))
            return Redemption(RedemptionOutcome.BINDING_MISMATCH)
        return Redemption(RedemptionOutcome.REDEEMED, login)


def as_state_store(state_store: StateStore | LegacyStateStore | None, *, ttl: int) -> StateStore:
    """The store a router uses: the process-wide default, the given one, or an adapter around a 0.2 store."""
    if state_store is None:
        return default_state_store()
    if isinstance(state_store, StateStore):
        return state_store
    if isinstance(state_store, LegacyStateStore):
        return LegacyStateStoreAdapter(state_store, ttl=ttl)
    raise TypeError("state_store must provide save()/redeem() (oneid_sdk.security.StateStore) or store()/pop()")
