"""The emulator's memory: authorization codes and the sessions opened with them.

Everything lives in two insertion-ordered dicts guarded by one lock, so the state can be shared by threads and by
event loops. Every code lives ``code_ttl`` seconds and every session ``token_ttl`` seconds, so insertion order is
expiry order: expired entries are dropped from the front on each write, and a full dict drops its oldest entry.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["CodeRefusedError", "EmulatorState", "Login", "Session"]


@dataclass(frozen=True, slots=True)
class Login:
    """One completed sign-in on the login page: who, for which client, and where the browser was sent back."""

    client_id: str
    persona_id: str
    redirect_uri: str
    sess_id: str


@dataclass(frozen=True, slots=True)
class Session:
    """A login exchanged for tokens; it ends on ``one_log_out`` or when the access token expires."""

    login: Login
    access_token: str
    refresh_token: str
    expires_at: float
    """Absolute expiry, in seconds since the epoch."""


@dataclass(slots=True)
class _Code:
    login: Login
    expires_at: float
    used: bool = False
    access_token: str | None = None


class CodeRefusedError(Exception):
    """An authorization code cannot be exchanged; the message says why and never holds the code."""


class EmulatorState:
    """Codes and sessions, bounded and expiring."""

    def __init__(
        self,
        *,
        code_ttl: float = 60.0,
        token_ttl: float = 3600.0,
        max_codes: int = 10_000,
        max_sessions: int = 10_000,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if code_ttl <= 0 or token_ttl <= 0:
            raise ValueError("code_ttl and token_ttl must be greater than zero")
        if max_codes < 1 or max_sessions < 1:
            raise ValueError("max_codes and max_sessions must be at least 1")
        self.code_ttl = code_ttl
        self.token_ttl = token_ttl
        self._max_codes = max_codes
        self._max_sessions = max_sessions
        self._clock = clock
        self._lock = threading.Lock()
        self._codes: dict[str, _Code] = {}
        self._sessions: dict[str, Session] = {}

    @property
    def code_count(self) -> int:
        """Codes held in memory (unused, or used and kept until they expire to catch a replay)."""
        return len(self._codes)

    @property
    def session_count(self) -> int:
        """Sessions held in memory."""
        return len(self._sessions)

    def new_login(self, *, client_id: str, persona_id: str, redirect_uri: str) -> Login:
        """A login with a fresh ``sess_id``."""
        return Login(client_id=client_id, persona_id=persona_id, redirect_uri=redirect_uri, sess_id=str(uuid.uuid4()))

    def issue_code(self, login: Login) -> str:
        """A new single-use code for ``login``, valid for ``code_ttl`` seconds."""
        code = str(uuid.uuid4())
        with self._lock:
            now = self._clock()
            self._drop_expired(now)
            while len(self._codes) >= self._max_codes:
                del self._codes[next(iter(self._codes))]
            self._codes[code] = _Code(login=login, expires_at=now + self.code_ttl)
        return code

    def exchange_code(self, code: str, *, client_id: str, redirect_uri: str) -> Session:
        """Use ``code`` once and open its session.

        The code is spent by the first exchange that names it with the right client, even when that exchange is
        refused for another reason. Presenting a spent code again also ends the session opened with it.

        Raises:
            CodeRefusedError: the code is unknown, expired, spent, or the redirect URI differs.
        """
        with self._lock:
            now = self._clock()
            self._drop_expired(now)
            entry = self._codes.get(code)
            if entry is None or entry.login.client_id != client_id or entry.expires_at <= now:
                raise CodeRefusedError("The code is unknown or has expired.")
            if entry.used:
                if entry.access_token is not None:
                    self._sessions.pop(entry.access_token, None)
                    entry.access_token = None
                raise CodeRefusedError("The code has already been used.")
            entry.used = True
            if redirect_uri != entry.login.redirect_uri:
                raise CodeRefusedError("The redirect_uri is not the one of the authorization request.")
            while len(self._sessions) >= self._max_sessions:
                del self._sessions[next(iter(self._sessions))]
            session = Session(
                login=entry.login,
                access_token=str(uuid.uuid4()),
                refresh_token=str(uuid.uuid4()),
                expires_at=now + self.token_ttl,
            )
            self._sessions[session.access_token] = session
            entry.access_token = session.access_token
            return session

    def session(self, access_token: str, *, client_id: str) -> Session | None:
        """The live session of ``access_token`` opened for ``client_id``, or ``None``."""
        with self._lock:
            now = self._clock()
            session = self._sessions.get(access_token)
            if session is None or session.login.client_id != client_id:
                return None
            if session.expires_at <= now:
                del self._sessions[access_token]
                return None
            return session

    def end_session(self, access_token: str, *, client_id: str) -> bool:
        """End the session of ``access_token``; ``False`` when there was no live session for ``client_id``."""
        with self._lock:
            now = self._clock()
            session = self._sessions.get(access_token)
            if session is None or session.login.client_id != client_id:
                return False
            del self._sessions[access_token]
            return session.expires_at > now

    def _drop_expired(self, now: float) -> None:
        while self._codes:
            oldest = next(iter(self._codes))
            if self._codes[oldest].expires_at > now:
                break
            del self._codes[oldest]
        while self._sessions:
            oldest = next(iter(self._sessions))
            if self._sessions[oldest].expires_at > now:
                break
            del self._sessions[oldest]
