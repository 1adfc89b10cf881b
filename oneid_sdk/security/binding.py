"""The binding secret: what ties a ``state`` to the browser (or client) that started the login.

A state on its own proves nothing about who presents it: an attacker can start a login in their own browser and
send the callback link to a victim, who would then be signed in to the attacker's account (login CSRF). So every
state is issued together with a binding secret that only the starting browser holds, in an HttpOnly cookie, and the
state can be redeemed only together with that secret. The store keeps the SHA-256 of the secret, never the secret.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

__all__ = [
    "BINDING_COOKIE_NAME",
    "UNBOUND_BINDING_HASH",
    "binding_hash",
    "binding_matches",
    "is_well_formed_binding",
    "new_binding",
]

BINDING_COOKIE_NAME = "oneid_binding"
"""Name of the cookie that holds the binding secret (one per browser, shared by all its pending logins)."""

UNBOUND_BINDING_HASH = ""
"""What a store keeps instead of a binding hash for a state that any browser may redeem.

Only ``ONE_ID_INSECURE_DISABLE_BINDING`` and the unbound helpers of fastapi-oneid issue such states; no binding
secret hashes to it, so a bound redemption never matches an unbound state, nor the reverse.
"""

_BINDING_BYTES = 32
_BINDING_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")


def new_binding() -> str:
    """Return a fresh binding secret (256 random bits, URL-safe base64 without padding)."""
    return secrets.token_urlsafe(_BINDING_BYTES)


def is_well_formed_binding(value: str | None) -> bool:
    """Whether ``value`` has the shape of a secret made by :func:`new_binding` (and may therefore be reused)."""
    return value is not None and _BINDING_PATTERN.fullmatch(value) is not None


def binding_hash(binding: str) -> str:
    """The SHA-256 of a binding secret, as stored next to the state (lower-case hex)."""
    return hashlib.sha256(binding.encode("utf-8")).hexdigest()


def binding_matches(stored_hash: str, binding: str) -> bool:
    """Compare a presented secret with a stored hash in constant time."""
    return hmac.compare_digest(stored_hash, binding_hash(binding))
