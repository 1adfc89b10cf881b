"""Recognising this machine behind a host name, in every spelling that resolvers and browsers accept.

OneID refuses loopback redirect URIs, and a redirect to this machine in production is a mistake or an attack, so
the allow-list refuses them unless the emulator mode is on. Spellings are many: ``localhost`` and any name under
``.localhost``, the names ``/etc/hosts`` gives to loopback, 127.0.0.0/8 written dotted, as one decimal, hexadecimal
or octal number or in the shortened forms (``127.1``), the unspecified address ``0.0.0.0`` (which connects to this
machine), ``::1``, ``::``, and IPv4 loopback inside IPv6 (mapped, compatible or NAT64). Full-width letters and
ideographic dots are folded first, as IDNA does.
"""

from __future__ import annotations

import ipaddress
import socket
import unicodedata

__all__ = ["is_loopback_host", "is_loopback_interface"]

_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})
_THIS_NETWORK = ipaddress.IPv4Network("0.0.0.0/8")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def _folded(host: str) -> str:
    """``host`` in lower-case ASCII where it can be, without brackets, zone or trailing dots."""
    name = host.strip()
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    if not name.isascii():
        name = unicodedata.normalize("NFKC", name).translate(_DOTS)
        try:
            name = name.encode("idna").decode("ascii")
        except UnicodeError:
            pass
    return name.lower().rstrip(".")


def _address(name: str) -> Address | None:
    try:
        return ipaddress.ip_address(name.split("%", 1)[0])
    except ValueError:
        pass
    try:
        # inet_aton takes the legacy forms resolvers take: 2130706433, 0x7f000001, 0177.0.0.1, 127.1, 0x7f.1.
        return ipaddress.IPv4Address(socket.inet_aton(name))
    except (OSError, ValueError):
        return None


def _is_local(address: Address) -> bool:
    if isinstance(address, ipaddress.IPv4Address):
        return address.is_loopback or address in _THIS_NETWORK
    if address.is_loopback or address.is_unspecified:
        return True
    if address.ipv4_mapped is not None:
        return _is_local(address.ipv4_mapped)
    embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    compatible = int(address) >> 32 == 0
    return (compatible or address in _NAT64) and embedded.is_loopback


def is_loopback_host(host: str) -> bool:
    """Whether ``host`` (a URL's host, with or without IPv6 brackets) names this machine."""
    name = _folded(host)
    if name in _LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    address = _address(name)
    return address is not None and _is_local(address)


def is_loopback_interface(host: str) -> bool:
    """Whether a server listening on ``host`` can be reached from this machine only.

    That is a loopback host (:func:`is_loopback_host`) other than the unspecified address (``0.0.0.0``, ``::``):
    a redirect to it reaches this machine, but a server listening on it listens on every interface.
    """
    address = _address(_folded(host))
    if address is not None and address.is_unspecified:
        return False
    return is_loopback_host(host)
