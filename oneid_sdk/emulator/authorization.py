"""Checks on the browser's authorization request, and the callback URL it ends with."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

from .._generated.constants import RESPONSE_TYPE
from .clients import ClientRegistry, RegisteredClient

__all__ = ["AuthorizationProblem", "AuthorizationRequest", "callback_url", "check_authorization"]


@dataclass(frozen=True, slots=True)
class AuthorizationRequest:
    """An authorization request whose client, redirect URI, scope and state are acceptable."""

    client: RegisteredClient
    redirect_uri: str
    scope: str
    state: str


class AuthorizationProblem(Exception):
    """The authorization request is refused; the message is shown on the error page."""


def check_authorization(params: Mapping[str, str], clients: ClientRegistry) -> AuthorizationRequest:
    """Accept ``params`` as an authorization request, or raise :class:`AuthorizationProblem`.

    The client and its redirect URI are checked first: until both are known, nothing may send the browser anywhere.
    """
    client_id = params.get("client_id", "")
    if not client_id:
        raise AuthorizationProblem("The request has no client_id.")
    client = clients.get(client_id)
    if client is None:
        raise AuthorizationProblem("The client_id is not registered with this emulator.")
    redirect_uri = params.get("redirect_uri", "")
    if not redirect_uri:
        raise AuthorizationProblem("The request has no redirect_uri.")
    if redirect_uri not in client.redirect_uris:
        raise AuthorizationProblem("The redirect_uri is not registered for this client.")
    if params.get("response_type") != RESPONSE_TYPE:
        raise AuthorizationProblem(f"The response_type must be {RESPONSE_TYPE}.")
    scope = params.get("scope", "")
    if scope != client.scope:
        raise AuthorizationProblem("The scope is not the one registered for this client.")
    state = params.get("state", "")
    if not state:
        raise AuthorizationProblem("The request has no state.")
    return AuthorizationRequest(client=client, redirect_uri=redirect_uri, scope=scope, state=state)


def callback_url(redirect_uri: str, *, code: str, state: str) -> str:
    """``redirect_uri`` with ``code`` and ``state`` added to its query, as OneID sends the browser back."""
    parts = urlsplit(redirect_uri)
    added = urlencode([("code", code), ("state", state)])
    query = f"{parts.query}&{added}" if parts.query else added
    return urlunsplit(parts._replace(query=query))
