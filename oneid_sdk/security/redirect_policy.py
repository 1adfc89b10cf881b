"""The redirect-URI allow-list: parsed and normalised once, then compared by exact string equality.

OneID sends the user back to the ``redirect_uri`` of the authorization request, and it must equal a URI registered
with the operator. The policy decides which of the registered URIs a login may use. It is built once from the
settings; a malformed entry is a start-up error. After that, a requested URI is accepted only when it equals an
entry exactly, and the URI sent to OneID is always the allow-listed string, never the caller's. Nothing about the
request (its ``Host`` or ``X-Forwarded-*`` headers) takes part.

An entry is accepted when, after surrounding whitespace is trimmed, it is an absolute ``https`` URL (``http`` only
with ``allow_http``) of printable ASCII, without whitespace, control characters, backslashes, user information, a
fragment or ``.``/``..`` path segments, whose host is a DNS name, a dotted IPv4 address or a bracketed IPv6
address, and not this machine (unless ``allow_loopback``). Its scheme and host are lower-cased; the rest is kept.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit, urlunsplit

from ..errors import OneIDConfigurationError, OneIDInvalidRedirectURIError
from .loopback import is_loopback_host

__all__ = ["RedirectPolicy", "is_loopback_host", "normalise_redirect_uri"]

ALLOW_LIST_SETTING = "ONE_ID_ALLOWED_REDIRECT_URIS"
DEFAULT_SETTING = "ONE_ID_DEFAULT_REDIRECT_URI"

_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")
_NUMERIC_LABEL = re.compile(r"(?:0x[0-9a-f]*|[0-9]+)")
_HTTP_HINT = " (plain http is accepted only with ONE_ID_EMULATOR_MODE or ONE_ID_INSECURE_ALLOW_HTTP)"
_LOOPBACK_HINT = "; OneID refuses loopback redirect URIs (ONE_ID_EMULATOR_MODE=true allows them for the local emulator)"


def _characters_problem(value: str) -> str | None:
    if not value:
        return "is empty"
    if any(ord(char) < 0x21 or ord(char) == 0x7F for char in value if char.isascii()):
        return "contains whitespace or control characters"
    if not value.isascii():
        return "contains non-ASCII characters (write the host in its xn-- form and percent-encode the path)"
    if "\\" in value:
        return "contains a backslash"
    return None


def _host_problem(parts: SplitResult, host: str) -> str | None:
    if parts.netloc.startswith("["):
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return "has a malformed IPv6 address"
        return "has an IPv6 zone" if "%" in host else None
    labels = host[:-1].split(".") if host.endswith(".") else host.split(".")
    if len(host) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        return "has a malformed host name"
    if _NUMERIC_LABEL.fullmatch(labels[-1]):
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            return "has a numeric host that is not a dotted IPv4 address"
    return None


def _path_problem(path: str) -> str | None:
    for segment in path.split("/"):
        if segment.lower().replace("%2e", ".") in {".", ".."}:
            return "contains a '.' or '..' path segment"
    return None


def normalise_redirect_uri(
    raw: str, *, allow_loopback: bool, allow_http: bool, setting: str = ALLOW_LIST_SETTING
) -> str:
    """Check one entry and return its normal form; raise :class:`OneIDConfigurationError` naming ``setting``."""
    value = raw.strip()

    def refused(reason: str) -> OneIDConfigurationError:
        return OneIDConfigurationError(f"{setting}: redirect URI {value!r} {reason}")

    problem = _characters_problem(value)
    if problem:
        raise refused(problem)
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        raise refused("is not a valid URL") from None
    scheme = parts.scheme.lower()
    if scheme not in ({"https", "http"} if allow_http else {"https"}):
        raise refused("must use https" + ("" if allow_http else _HTTP_HINT))
    if not parts.netloc or not parts.hostname:
        raise refused("must be an absolute URL with a host")
    if "@" in parts.netloc:
        raise refused("must not contain user information")
    if "#" in value:
        raise refused("must not contain a fragment")
    if port == 0:
        raise refused("has an invalid port")
    host = parts.hostname.lower()
    problem = _host_problem(parts, host) or _path_problem(parts.path)
    if problem:
        raise refused(problem)
    if not allow_loopback and is_loopback_host(host):
        raise refused("points to this machine" + _LOOPBACK_HINT)
    if parts.netloc.startswith("["):
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
            raise OneIDConfigurationError(f"{ALLOW_LIST_SETTING} must contain at least one redirect URI")
        if default is None or not default.strip():
            if len(allowed) > 1:
                raise OneIDConfigurationError(
                    f"{DEFAULT_SETTING} is required when {ALLOW_LIST_SETTING} has several entries"
                )
            return cls(allowed=tuple(allowed), default=allowed[0])
        default_normal = normalise_redirect_uri(
            default, allow_loopback=allow_loopback, allow_http=allow_http, setting=DEFAULT_SETTING
        )
        if default_normal not in allowed:
            raise OneIDConfigurationError(f"{DEFAULT_SETTING} must be included in {ALLOW_LIST_SETTING}")
        return cls(allowed=tuple(allowed), default=default_normal)

    def resolve(self, requested: str | None) -> str:
        """Return the allow-listed URI for a request: the default when none is given, else an exact match.

        The string returned is the allow-list's own, so what reaches OneID never comes from the caller.
        """
        if requested is None:
            return self.default
        for entry in self.allowed:
            if requested == entry:
                return entry
        raise OneIDInvalidRedirectURIError("Redirect URI is not present in ONE_ID_ALLOWED_REDIRECT_URIS")
