"""The back-channel grants (code exchange, identify, log_out), answered as OneID answers them.

OneID refuses with HTTP 200 and a body that lacks the success fields, so every refusal here is a 200 too; only an
unknown ``grant_type`` gets a 400. No answer ever repeats a parameter of the request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .._generated.constants import (
    GRANT_TYPE_ACCESS_TOKEN_IDENTIFY,
    GRANT_TYPE_AUTHORIZATION_CODE,
    GRANT_TYPE_LOGOUT,
)
from .clients import ClientRegistry, RegisteredClient
from .personas import PersonaCatalogue
from .state import CodeRefusedError, EmulatorState, Session

__all__ = ["Answer", "BackChannel"]

logger = logging.getLogger("oneid_sdk.emulator")

TOKEN_TYPE = "Bearer"


@dataclass(frozen=True, slots=True)
class Answer:
    """The HTTP status and JSON body of a back-channel answer."""

    status: int
    body: dict[str, object]


def _exchange_refusal(error: str, description: str) -> Answer:
    logger.info("Code exchange refused: %s", error)
    return Answer(200, {"error": error, "error_description": description})


def _session_refusal(error: str, description: str) -> Answer:
    logger.info("Token call refused: %s", error)
    return Answer(200, {"ret_cd": "1", "error": error, "error_description": description})


class BackChannel:
    """Answers the form-encoded POSTs that a portal's server sends to the OneID endpoint."""

    def __init__(self, *, clients: ClientRegistry, personas: PersonaCatalogue, state: EmulatorState) -> None:
        self._clients = clients
        self._personas = personas
        self._state = state
        self._grants: Mapping[str, Callable[[Mapping[str, str]], Answer]] = {
            GRANT_TYPE_AUTHORIZATION_CODE: self.exchange_code,
            GRANT_TYPE_ACCESS_TOKEN_IDENTIFY: self.identify,
            GRANT_TYPE_LOGOUT: self.log_out,
        }

    def answer(self, params: Mapping[str, str]) -> Answer:
        """Dispatch on ``grant_type``."""
        grant = self._grants.get(params.get("grant_type", ""))
        if grant is None:
            return Answer(
                400,
                {"error": "unsupported_grant_type", "error_description": "The grant_type is missing or unknown."},
            )
        return grant(params)

    def exchange_code(self, params: Mapping[str, str]) -> Answer:
        """``one_authorization_code``: a single-use code for an access token."""
        client = self._authenticate(params)
        if client is None:
            return _exchange_refusal("invalid_client", "The client_id is unknown or the client_secret is wrong.")
        code = params.get("code", "")
        if not code:
            return _exchange_refusal("invalid_grant", "The request has no code.")
        try:
            session = self._state.exchange_code(
                code, client_id=client.client_id, redirect_uri=params.get("redirect_uri", "")
            )
        except CodeRefusedError as exc:
            return _exchange_refusal("invalid_grant", str(exc))
        logger.info("Code exchanged for persona %s", session.login.persona_id)
        return Answer(
            200,
            {
                "access_token": session.access_token,
                "refresh_token": session.refresh_token,
                "token_type": TOKEN_TYPE,
                "scope": client.scope,
                "expires_in": int(session.expires_at * 1000),
            },
        )

    def identify(self, params: Mapping[str, str]) -> Answer:
        """``one_access_token_identify``: the persona behind an access token."""
        found = self._session(params)
        if isinstance(found, Answer):
            return found
        persona = self._personas.get(found.login.persona_id)
        if persona is None:
            return _session_refusal("invalid_token", "The access token belongs to no known persona.")
        return Answer(200, self._personas.identify_body(persona, sess_id=found.login.sess_id))

    def log_out(self, params: Mapping[str, str]) -> Answer:
        """``one_log_out``: end the session, after which its access token no longer works."""
        found = self._session(params)
        if isinstance(found, Answer):
            return found
        if not self._state.end_session(found.access_token, client_id=found.login.client_id):
            return _session_refusal("invalid_token", "The access token is unknown, expired or logged out.")
        logger.info("Session of persona %s ended", found.login.persona_id)
        return Answer(200, {"ret_cd": "0"})

    def _authenticate(self, params: Mapping[str, str]) -> RegisteredClient | None:
        return self._clients.authenticate(params.get("client_id", ""), params.get("client_secret", ""))

    def _session(self, params: Mapping[str, str]) -> Session | Answer:
        client = self._authenticate(params)
        if client is None:
            return _session_refusal("invalid_client", "The client_id is unknown or the client_secret is wrong.")
        if params.get("scope", "") != client.scope:
            return _session_refusal("invalid_scope", "The scope is not the one registered for this client.")
        access_token = params.get("access_token", "")
        session = self._state.session(access_token, client_id=client.client_id) if access_token else None
        if session is None:
            return _session_refusal("invalid_token", "The access token is unknown, expired or logged out.")
        return session
