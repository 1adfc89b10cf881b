"""The binding secret: what ties a ``state`` to the browser (or client) that started the login.

A state on its own proves nothing about who presents it: an attacker can start a login in their own browser and
send the callback link to a victim, who would then be signed in to the attacker's account (login CSRF). So every
state is issued together with a binding secret that only the starting browser holds, in an HttpOnly cookie, and the
state can be redeemed only together with that secret. The store keeps the SHA-256 of the secret, never the secret.

The cookie is ``__Host-oneid_binding``: the prefix makes browsers accept it only with ``Secure``, ``Path=/`` and no
``Domain``, from this very host over https (or loopback), so neither a sibling subdomain nor a man in the middle on
plain http can plant a binding of their own in a victim's browser (login fixation). Browsers refuse ``Secure``
cookies from a plain-http site that is not loopback, so such a site (possible only with ``ONE_ID_INSECURE_ALLOW_HTTP``
or ``ONE_ID_EMULATOR_MODE``) gets ``oneid_binding`` without ``Secure``, which anyone on the path can set.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from .loopback import is_loopback_host

__all__ = [
    "BINDING_COOKIE_NAME",
    "PLAIN_HTTP_BINDING_COOKIE",
    "PLAIN_HTTP_BINDING_COOKIE_NAME",
    "SECURE_BINDING_COOKIE",
    "UNBOUND_BINDING_HASH",
    "BindingCookie",
    "binding_cookie_for",
    "binding_hash",
    "binding_matches",
    "is_plain_http",
    "is_well_formed_binding",
    "keeps_secure_cookies",
    "new_binding",
]

BINDING_COOKIE_NAME = "__Host-oneid_binding"
"""Name of the cookie that holds the binding secret (one per browser, shared by all its pending logins)."""

PLAIN_HTTP_BINDING_COOKIE_NAME = "oneid_binding"
"""Name of the binding cookie on a plain-http site that is not loopback, where a ``Secure`` cookie cannot be set."""


@dataclass(frozen=True, slots=True)
class BindingCookie:
    """The name of a binding cookie and whether it is ``Secure`` (a ``__Host-`` name always is)."""

    name: str
    secure: bool


SECURE_BINDING_COOKIE = BindingCookie(BINDING_COOKIE_NAME, secure=True)
"""The binding cookie of every https or loopback site."""

PLAIN_HTTP_BINDING_COOKIE = BindingCookie(PLAIN_HTTP_BINDING_COOKIE_NAME, secure=False)
"""The binding cookie of a plain-http site that is not loopback (insecure settings only)."""


def is_plain_http(url: str) -> bool:
    """Whether ``url`` is ``http`` on a host that is not this machine (where browsers refuse ``Secure`` cookies)."""
    parts = urlsplit(url)
    return not keeps_secure_cookies(parts.scheme, parts.hostname or "")


def keeps_secure_cookies(scheme: str, host: str) -> bool:
    """Whether browsers keep ``Secure`` cookies from a site reached with ``scheme`` at ``host`` (https or loopback)."""
    return scheme.lower() != "http" or is_loopback_host(host)


def binding_cookie_for(scheme: str, host: str) -> BindingCookie:
    """The binding cookie of a site reached with ``scheme`` at ``host``: ``__Host-`` unless plain http off loopback."""
    return SECURE_BINDING_COOKIE if keeps_secure_cookies(scheme, host) else PLAIN_HTTP_BINDING_COOKIE


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
