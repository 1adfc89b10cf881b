"""Issuing and redeeming ``state``: random, single use, short-lived, bound to a redirect URI and to a browser.

:class:`StateManager` (async) and :class:`SyncStateManager` differ only in how they call their store; every check
is shared and does no I/O. A redemption is refused before the store is asked when the binding secret is missing,
and the store itself refuses (without consuming the state) when the secret belongs to another browser.

A state belongs to the client that issued it: it is kept under a key prefixed with the client id (and the client id
is stored with it), so a manager of another client, even one sharing the store, finds no such state and leaves it
alone.

``bind=False`` (``ONE_ID_INSECURE_DISABLE_BINDING``) issues states that any browser may redeem: that reopens login
CSRF, so the flows warn when it is used.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Generic, TypeVar
from urllib.parse import quote

from ..errors import (
    OneIDError,
    OneIDInvalidStateError,
    OneIDRedirectURIMismatchError,
    OneIDStateBindingError,
    OneIDStateBindingMissingError,
    OneIDStateStoreError,
)
from .binding import UNBOUND_BINDING_HASH, binding_hash, is_well_formed_binding, new_binding
from .store import PendingLogin, Redemption, RedemptionOutcome, StateStore, SyncStateStore

_StoreT = TypeVar("_StoreT")

__all__ = ["MAX_STATE_LENGTH", "IssuedState", "StateManager", "SyncStateManager", "new_state", "store_key"]

MAX_STATE_LENGTH = 512
"""Longer presented states are refused without asking the store."""

_STATE_BYTES = 32


def new_state() -> str:
    """Return a fresh state (256 random bits, URL-safe base64 without padding)."""
    return secrets.token_urlsafe(_STATE_BYTES)


@dataclass(frozen=True, slots=True)
class IssuedState:
    """A state that was just stored, with the binding secret its browser must present to redeem it."""

    state: str
    binding: str = field(repr=False)
    redirect_uri: str


def store_key(client_id: str, state: str) -> str:
    """The key a state is kept under: ``<client id, percent-encoded>:<state>`` (unambiguous: no colon before it)."""
    return f"{quote(client_id, safe='')}:{state}"


def _issue(redirect_uri: str, binding: str | None, *, bind: bool, client_id: str) -> tuple[IssuedState, PendingLogin]:
    secret = binding if binding is not None and is_well_formed_binding(binding) else new_binding()
    issued = IssuedState(state=new_state(), binding=secret, redirect_uri=redirect_uri)
    stored_hash = binding_hash(secret) if bind else UNBOUND_BINDING_HASH
    return issued, PendingLogin(redirect_uri=redirect_uri, binding_hash=stored_hash, client_id=client_id)


def _presented_hash(state: str, binding: str | None, *, bind: bool) -> str:
    if not state or len(state) > MAX_STATE_LENGTH:
        raise OneIDInvalidStateError("State is unknown, expired or already used")
    if not bind:
        return UNBOUND_BINDING_HASH
    if not binding:
        raise OneIDStateBindingMissingError(
            "State cannot be redeemed without the binding secret of the browser that started the login"
        )
    return binding_hash(binding)


def _conclude(redemption: Redemption, redirect_uri: str | None, *, client_id: str) -> str:
    if redemption.outcome is RedemptionOutcome.BINDING_MISMATCH:
        raise OneIDStateBindingError("State was issued to another browser or client")
    login = redemption.login
    if redemption.outcome is not RedemptionOutcome.REDEEMED or login is None or login.client_id != client_id:
        # A store that ignored the key and returned another client's login: refused all the same.
        raise OneIDInvalidStateError("State is unknown, expired or already used")
    stored = login.redirect_uri
    if redirect_uri is not None and redirect_uri != stored:
        raise OneIDRedirectURIMismatchError("Redirect URI does not match the stored state")
    return stored


@contextmanager
def _store_errors() -> Iterator[None]:
    """Let the SDK's own errors through; report any other store failure as :class:`OneIDStateStoreError`."""
    try:
        yield
    except OneIDError:
        raise
    except Exception as exc:
        raise OneIDStateStoreError(f"The login state store is unavailable ({type(exc).__name__})") from exc


class _Manager(Generic[_StoreT]):
    """What both managers share: the store, the TTL, whether states are bound, and the client they belong to.

    ``client_id`` (the flows pass their settings' client id) names the client the states belong to; a manager with
    another client id neither finds nor spends them.
    """

    def __init__(self, store: _StoreT, *, ttl: int, bind: bool = True, client_id: str = "") -> None:
        if ttl <= 0:
            raise ValueError("ttl must be greater than zero")
        self.store = store
        self.ttl = ttl
        self.bind = bind
        self.client_id = client_id


class StateManager(_Manager[StateStore]):
    """Issues and redeems states through an asynchronous :class:`StateStore`."""

    async def issue(self, redirect_uri: str, *, binding: str | None = None) -> IssuedState:
        """Store a new state for ``redirect_uri``, bound to ``binding`` (reused when well formed) or a new secret."""
        issued, login = _issue(redirect_uri, binding, bind=self.bind, client_id=self.client_id)
        with _store_errors():
            await self.store.save(store_key(self.client_id, issued.state), login, self.ttl)
        return issued

    async def redeem(self, state: str, binding: str | None, *, redirect_uri: str | None = None) -> str:
        """Consume ``state`` if ``binding`` is its secret; return its redirect URI.

        ``redirect_uri``, when given, must equal the stored one. Raises :class:`OneIDStateBindingMissingError` or
        :class:`OneIDStateBindingError` (the state is kept), :class:`OneIDInvalidStateError` (unknown, expired,
        spent) or :class:`OneIDRedirectURIMismatchError` (the state is spent).
        """
        presented = _presented_hash(state, binding, bind=self.bind)
        with _store_errors():
            redemption = await self.store.redeem(store_key(self.client_id, state), presented)
        return _conclude(redemption, redirect_uri, client_id=self.client_id)


class SyncStateManager(_Manager[SyncStateStore]):
    """Issues and redeems states through a blocking :class:`SyncStateStore` (see :class:`StateManager`)."""

    def issue(self, redirect_uri: str, *, binding: str | None = None) -> IssuedState:
        """Store a new state for ``redirect_uri``, bound to ``binding`` (reused when well formed) or a new secret."""
        issued, login = _issue(redirect_uri, binding, bind=self.bind, client_id=self.client_id)
        with _store_errors():
            self.store.save(store_key(self.client_id, issued.state), login, self.ttl)
        return issued

    def redeem(self, state: str, binding: str | None, *, redirect_uri: str | None = None) -> str:
        """Consume ``state`` if ``binding`` is its secret; return its redirect URI (see :meth:`StateManager.redeem`)."""
        presented = _presented_hash(state, binding, bind=self.bind)
        with _store_errors():
            redemption = self.store.redeem(store_key(self.client_id, state), presented)
        return _conclude(redemption, redirect_uri, client_id=self.client_id)
