"""The protections around a login: the redirect-URI allow-list, the state, its binding to a browser, the stores."""

from __future__ import annotations

from .binding import (
    BINDING_COOKIE_NAME,
    PLAIN_HTTP_BINDING_COOKIE,
    PLAIN_HTTP_BINDING_COOKIE_NAME,
    SECURE_BINDING_COOKIE,
    UNBOUND_BINDING_HASH,
    BindingCookie,
    binding_cookie_for,
    binding_hash,
    binding_matches,
    is_plain_http,
    is_well_formed_binding,
    keeps_secure_cookies,
    new_binding,
)
from .loopback import is_loopback_host, is_loopback_interface
from .redirect_policy import RedirectPolicy, normalise_redirect_uri
from .state import MAX_STATE_LENGTH, IssuedState, StateManager, SyncStateManager, new_state, store_key
from .store import (
    DEFAULT_MAX_PENDING_LOGINS,
    InMemoryStateStore,
    PendingLogin,
    Redemption,
    RedemptionOutcome,
    StateStore,
    SyncInMemoryStateStore,
    SyncStateStore,
    default_state_store,
    default_sync_state_store,
)

__all__ = [
    "BINDING_COOKIE_NAME",
    "DEFAULT_MAX_PENDING_LOGINS",
    "MAX_STATE_LENGTH",
    "PLAIN_HTTP_BINDING_COOKIE",
    "PLAIN_HTTP_BINDING_COOKIE_NAME",
    "SECURE_BINDING_COOKIE",
    "BindingCookie",
    "InMemoryStateStore",
    "IssuedState",
    "PendingLogin",
    "RedirectPolicy",
    "Redemption",
    "RedemptionOutcome",
    "StateManager",
    "StateStore",
    "SyncInMemoryStateStore",
    "SyncStateManager",
    "SyncStateStore",
    "UNBOUND_BINDING_HASH",
    "binding_cookie_for",
    "binding_hash",
    "binding_matches",
    "default_state_store",
    "default_sync_state_store",
    "is_loopback_host",
    "is_loopback_interface",
    "is_plain_http",
    "is_well_formed_binding",
    "keeps_secure_cookies",
    "new_binding",
    "new_state",
    "normalise_redirect_uri",
    "store_key",
]
