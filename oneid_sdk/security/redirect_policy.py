"""The redirect-URI allow-list: parsed and normalised once, then compared by exact string equality.

OneID sends the user back to the ``redirect_uri`` of the authorization request, and it must equal a URI registered
with the operator. The policy decides which of the registered URIs a login may use. It is built once from the
settings; a malformed entry is a start-up error. After that, a requested URI is accepted only when it equals an
entry exactly, and the URI sent to OneID is always the allow-listed string, never the caller's.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from ..errors import OneIDConfigurationError, OneIDInvalidRedirectURIError

__all__ = ["RedirectPolicy", "is_loopback_host", "normalise_redirect_uri"]


def is_loopback_host(host: str) -> bool:
    """Whether ``host`` names this machine in any spelling a resolver accepts.

    Covers ``localhost`` and ``*.localhost`` (with or without a trailing dot), 127.0.0.0/8 in dotted, decimal,
    hexadecimal, octal and shortened forms, ``::1``, IPv4-mapped loopback and the unspecified addresses.
    """
    name = host.strip().lower().rstrip(".")
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name.split("%", 1)[0])
    except ValueError:
        address = None
    if isinstance(address, ipaddress.IPv6Address):
        mapped = address.ipv4_mapped
        if mapped is not None:
            return mapped.is_loopback or mapped.is_unspecified
        return address.is_loopback or address.is_unspecified
    if address is not None:
        return address.is_loopback or address.is_unspecified
    try:
        # inet_aton accepts the legacy forms (2130706433, 0x7f.1, 0177.0.0.1, 127.1) that resolvers also accept.
        packed = socket.inet_aton(name)
    except (OSError, ValueError):
        return False
    legacy = ipaddress.IPv4Address(packed)
    return legacy.is_loopback or legacy.is_unspecified


def normalise_redirect_uri(raw: str, *, allow_loopback: bool, allow_http: bool) -> str:
    """Check one allow-list entry and return its normal form (scheme and host lower-cased, whitespace trimmed)."""
    value = raw.strip()
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as exc:
        raise OneIDConfigurationError(f"Redirect URI {value!r} is not a valid URL: {exc}") from exc
    scheme = parts.scheme.lower()
    allowed_schemes = {"https", "http"} if allow_http else {"https"}
    if scheme not in allowed_schemes:
        hint = (
            "" if allow_http else " (plain http is accepted only in emulator mode or with ONE_ID_INSECURE_ALLOW_HTTP)"
        )
        raise OneIDConfigurationError(f"Redirect URI {value!r} must use https{hint}")
    if not parts.hostname:
        raise OneIDConfigurationError(f"Redirect URI {value!r} must be an absolute URL with a host")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise OneIDConfigurationError(f"Redirect URI {value!r} must not contain user information")
    if parts.fragment or value.endswith("#"):
        raise OneIDConfigurationError(f"Redirect URI {value!r} must not contain a fragment")
    if not allow_loopback and is_loopback_host(parts.hostname):
        raise OneIDConfigurationError(
            f"Redirect URI {value!r} points to this machine; OneID refuses loopback redirect URIs "
            "(set ONE_ID_EMULATOR_MODE=true to use them with the local emulator)"
        )
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port is None else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path, parts.query, ""))


@dataclass(frozen=True, slots=True)
class RedirectPolicy:
    """The normalised allow-list and the default redirect URI."""

    allowed: tuple[str, ...]
    default: str

    @classmethod
    def build(
        cls,
        entries: Iterable[str],
        *,
        default: str | None,
        allow_loopback: bool = False,
        allow_http: bool = False,
    ) -> RedirectPolicy:
        """Parse the allow-list; raise :class:`OneIDConfigurationError` on any unusable entry."""
        allowed: list[str] = []
        for entry in entries:
            if not entry.strip():
                continue
            normal = normalise_redirect_uri(entry, allow_loopback=allow_loopback, allow_http=allow_http)
            if normal not in allowed:
                allowed.append(normal)
        if not allowed:
            raise OneIDConfigurationError("ONE_ID_ALLOWED_REDIRECT_URIS must contain at least one redirect URI")
        if default is None or not default.strip():
            if len(allowed) > 1:
                raise OneIDConfigurationError(
                    "ONE_ID_DEFAULT_REDIRECT_URI is required when ONE_ID_ALLOWED_REDIRECT_URIS has several entries"
                )
            return cls(allowed=tuple(allowed), default=allowed[0])
        default_normal = normalise_redirect_uri(default, allow_loopback=allow_loopback, allow_http=allow_http)
        if default_normal not in allowed:
            raise OneIDConfigurationError(
                "ONE_ID_DEFAULT_REDIRECT_URI must be included in ONE_ID_ALLOWED_REDIRECT_URIS"
            )
        return cls(allowed=tuple(allowed), default=default_normal)

    def resolve(self, requested: str | None) -> str:
        """Return the allow-listed URI for a request: the default when none is given, else an exact match."""
        if requested is None:
            return self.default
        for entry in self.allowed:
            if requested == entry:
                return entry
        raise OneIDInvalidRedirectURIError("Redirect URI is not present in ONE_ID_ALLOWED_REDIRECT_URIS")
