"""The portals the emulator knows: client id, secret, scope and registered redirect URIs."""

from __future__ import annotations

import hmac
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from pydantic import SecretStr

__all__ = ["ClientRegistry", "RegisteredClient"]


@dataclass(frozen=True, init=False)
class RegisteredClient:
    """A portal registered with the emulator, as the operator registers one with OneID.

    ``redirect_uris`` are compared with the ``redirect_uri`` of a request by exact string equality, as OneID does.
    The secret is kept as a :class:`~pydantic.SecretStr`, so it never shows in a ``repr``.
    """

    client_id: str
    client_secret: SecretStr = field(repr=False)
    scope: str
    redirect_uris: tuple[str, ...]

    def __init__(
        self,
        client_id: str,
        client_secret: str | SecretStr,
        scope: str,
        redirect_uris: Iterable[str],
    ) -> None:
        secret = client_secret if isinstance(client_secret, SecretStr) else SecretStr(client_secret)
        uris = tuple(redirect_uris)
        if not client_id:
            raise ValueError("A registered client needs a client id")
        if not secret.get_secret_value():
            raise ValueError(f"Client {client_id!r} needs a non-empty client secret")
        if not scope:
            raise ValueError(f"Client {client_id!r} needs a scope")
        if not uris:
            raise ValueError(f"Client {client_id!r} needs at least one redirect URI")
        for uri in uris:
            _check_redirect_uri(client_id, uri)
        object.__setattr__(self, "client_id", client_id)
        object.__setattr__(self, "client_secret", secret)
        object.__setattr__(self, "scope", scope)
        object.__setattr__(self, "redirect_uris", uris)

    def secret_matches(self, candidate: str) -> bool:
        """Whether ``candidate`` is this client's secret (compared in constant time)."""
        expected = self.client_secret.get_secret_value().encode()
        return hmac.compare_digest(expected, candidate.encode())


def _check_redirect_uri(client_id: str, uri: str) -> None:
    parts = urlsplit(uri)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError(f"Redirect URI {uri!r} of client {client_id!r} must be an absolute http(s) URL")
    if parts.fragment or uri.endswith("#"):
        raise ValueError(f"Redirect URI {uri!r} of client {client_id!r} must not have a fragment")


class ClientRegistry:
    """Registered clients by client id."""

    def __init__(self, clients: Iterable[RegisteredClient]) -> None:
        by_id: dict[str, RegisteredClient] = {}
        for client in clients:
            if client.client_id in by_id:
                raise ValueError(f"Client {client.client_id!r} is registered twice")
            by_id[client.client_id] = client
        if not by_id:
            raise ValueError("The emulator needs at least one registered client")
        self._by_id: Mapping[str, RegisteredClient] = by_id

    def get(self, client_id: str) -> RegisteredClient | None:
        """The client with this id, or ``None``."""
        return self._by_id.get(client_id)

    def authenticate(self, client_id: str, client_secret: str) -> RegisteredClient | None:
        """The client when the id is known and the secret is its own, else ``None``."""
        client = self._by_id.get(client_id)
        if client is None or not client.secret_matches(client_secret):
            return None
        return client
