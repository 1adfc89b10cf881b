"""Where pending logins wait for their callback: the store protocols and the in-memory stores.

A store maps a key to a :class:`PendingLogin` (the redirect URI, the SHA-256 of the binding secret and the client id
that issued it) for a limited time. The key is the state prefixed with the issuing client's id (see
:mod:`.state`), so that a router or flow of another client in the same process looks the state up under another key
and finds nothing. A store's one delicate operation is :meth:`StateStore.redeem`: compare the presented binding
hash with the stored one and, only when they are equal, delete the entry, all as one atomic step. A presentation
with the wrong binding therefore leaves the state usable by its rightful browser, and two concurrent presentations
of the right one cannot both succeed.

A Redis store implements :class:`StateStore` with ``SET key value PX ttl`` in :meth:`~StateStore.save` (the value
is :meth:`PendingLogin.encode`) and one Lua script in :meth:`~StateStore.redeem`: ``GET`` the key, return "unknown"
when it is absent, return "mismatch" when its hash prefix differs from the presented hash, otherwise ``DEL`` it and
return the value.
"""

from __future__ import annotations

import enum
import hmac
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable
from urllib.parse import quote, unquote

__all__ = [
    "DEFAULT_MAX_PENDING_LOGINS",
    "InMemoryStateStore",
    "PendingLogin",
    "Redemption",
    "RedemptionOutcome",
    "StateStore",
    "SyncInMemoryStateStore",
    "SyncStateStore",
    "default_state_store",
    "default_sync_state_store",
]

DEFAULT_MAX_PENDING_LOGINS = 100_000
"""How many pending logins an in-memory store keeps before it drops the oldest."""


@dataclass(frozen=True, slots=True)
class PendingLogin:
    """What a state stands for until it is redeemed."""

    redirect_uri: str
    """The allow-listed redirect URI sent to OneID with this state."""
    binding_hash: str
    """SHA-256 (hex) of the binding secret held by the browser or client that started the login."""
    client_id: str = ""
    """The client id of the settings that issued the state; only a router or flow of that client redeems it."""

    def encode(self) -> str:
        """One-string form for stores that keep text: ``"<binding_hash> <client_id> <redirect_uri>"``.

        The client id is percent-encoded (so it holds neither a space nor a colon); the binding hash comes first, so
        a store can compare it without reading the rest.
        """
        return f"{self.binding_hash} {quote(self.client_id, safe='')} {self.redirect_uri}"

    @classmethod
    def decode(cls, value: str) -> PendingLogin:
        """Inverse of :meth:`encode`; also reads the older ``"<binding_hash> <redirect_uri>"`` (no client id)."""
        binding_hash, _, rest = value.partition(" ")
        client_id, _, redirect_uri = rest.partition(" ")
        if ":" in client_id:  # an encoded client id has no colon, so this is a redirect URI of the older form
            return cls(redirect_uri=rest, binding_hash=binding_hash)
        return cls(redirect_uri=redirect_uri, binding_hash=binding_hash, client_id=unquote(client_id))


class RedemptionOutcome(enum.Enum):
    """How an attempt to redeem a state ended."""

    REDEEMED = "redeemed"
    """The binding matched; the entry was deleted and is returned."""
    UNKNOWN = "unknown"
    """No such state: never issued, expired, or already redeemed."""
    BINDING_MISMATCH = "binding_mismatch"
    """The state exists but belongs to another binding; it was left in place."""


@dataclass(frozen=True, slots=True)
class Redemption:
    """The result of :meth:`StateStore.redeem`; ``login`` is set only when the outcome is ``REDEEMED``."""

    outcome: RedemptionOutcome
    login: PendingLogin | None = None


@runtime_checkable
class StateStore(Protocol):
    """Asynchronous store of pending logins (used by the FastAPI routers and :class:`~oneid_sdk.AsyncLoginFlow`).

    The ``state`` a store is given is its key: the state prefixed with its client id
    (:func:`~oneid_sdk.security.store_key`); a store keeps and compares it as an opaque string.
    """

    async def save(self, state: str, login: PendingLogin, ttl: int) -> None:
        """Keep ``login`` under ``state`` for ``ttl`` seconds."""
        ...

    async def redeem(self, state: str, binding_hash: str) -> Redemption:
        """Atomically delete and return the entry if its binding hash equals ``binding_hash``."""
        ...


@runtime_checkable
class SyncStateStore(Protocol):
    """Blocking twin of :class:`StateStore` (used by :class:`~oneid_sdk.LoginFlow`)."""

    def save(self, state: str, login: PendingLogin, ttl: int) -> None:
        """Keep ``login`` under ``state`` for ``ttl`` seconds."""
        ...

    def redeem(self, state: str, binding_hash: str) -> Redemption:
        """Atomically delete and return the entry if its binding hash equals ``binding_hash``."""
        ...


class _PendingLoginTable:
    """The bounded, thread-safe table behind both in-memory stores.

    Entries are kept in insertion order, so expired ones are dropped from the front and, when the table is full,
    the oldest entry makes room for the new one. Every operation is O(1) (amortised for the expiry sweep).
    """

    def __init__(self, max_entries: int, clock: Callable[[], float]) -> None:
        if max_entries <= 0:
            raise ValueError("max_entries must be greater than zero")
        self._max_entries = max_entries
        self._clock = clock
        self._entries: OrderedDict[str, tuple[float, PendingLogin]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def save(self, state: str, login: PendingLogin, ttl: int) -> None:
        if ttl <= 0:
            raise ValueError("ttl must be greater than zero")
        now = self._clock()
        with self._lock:
            self._drop_expired(now)
            self._entries.pop(state, None)
            while len(self._entries) >= self._max_entries:
                self._entries.popitem(last=False)
            self._entries[state] = (now + ttl, login)

    def redeem(self, state: str, binding_hash: str) -> Redemption:
        now = self._clock()
        with self._lock:
            self._drop_expired(now)
            entry = self._entries.get(state)
            if entry is None:
                return Redemption(RedemptionOutcome.UNKNOWN)
            expires_at, login = entry
            if expires_at <= now:
                del self._entries[state]
                return Redemption(RedemptionOutcome.UNKNOWN)
            if not hmac.compare_digest(login.binding_hash, binding_hash):
                return Redemption(RedemptionOutcome.BINDING_MISMATCH)
            del self._entries[state]
            return Redemption(RedemptionOutcome.REDEEMED, login)

    def _drop_expired(self, now: float) -> None:
        entries = self._entries
        while entries:
            expires_at, _ = next(iter(entries.values()))
            if expires_at > now:
                return
            entries.popitem(last=False)


class _InMemory:
    """What both in-memory stores share: the bounded table. ``max_entries`` bounds the memory used; ``clock`` is
    injectable for tests."""

    def __init__(
        self,
        *,
        max_entries: int = DEFAULT_MAX_PENDING_LOGINS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._table = _PendingLoginTable(max_entries, clock)

    def __len__(self) -> int:
        return len(self._table)


class InMemoryStateStore(_InMemory):
    """:class:`StateStore` kept in this process's memory: right for one worker, wrong for several.

    With several workers or hosts, a callback may reach a process that did not issue its state; use a shared
    store (Redis) there.
    """

    async def save(self, state: str, login: PendingLogin, ttl: int) -> None:
        """Keep ``login`` under ``state`` for ``ttl`` seconds."""
        self._table.save(state, login, ttl)

    async def redeem(self, state: str, binding_hash: str) -> Redemption:
        """Atomically delete and return the entry if its binding hash equals ``binding_hash``."""
        return self._table.redeem(state, binding_hash)


class SyncInMemoryStateStore(_InMemory):
    """:class:`SyncStateStore` kept in this process's memory (safe to share between threads)."""

    def save(self, state: str, login: PendingLogin, ttl: int) -> None:
        """Keep ``login`` under ``state`` for ``ttl`` seconds."""
        self._table.save(state, login, ttl)

    def redeem(self, state: str, binding_hash: str) -> Redemption:
        """Atomically delete and return the entry if its binding hash equals ``binding_hash``."""
        return self._table.redeem(state, binding_hash)


_default_store = InMemoryStateStore()
_default_sync_store = SyncInMemoryStateStore()


def default_state_store() -> InMemoryStateStore:
    """The process-wide store that every router and async flow uses unless given another one."""
    return _default_store


def default_sync_state_store() -> SyncInMemoryStateStore:
    """The process-wide store that every sync flow uses unless given another one."""
    return _default_sync_store
