"""A FastAPI application that signs its users in with OneID and keeps its own accounts and sessions.

    uvicorn examples.fastapi_app:create_app --factory      # settings from the ONE_ID_* environment (or .env)

Both routers of :mod:`oneid_sdk.fastapi` are mounted:

    GET  /one-id/login -> OneID -> GET /one-id/access     the browser flow; ends with a session cookie
    POST /api/one-id/url, then POST /api/one-id/token     the flow of a single-page front end; ends with a bearer token
    GET  /me                                              the signed-in account (cookie or bearer token)
    POST /logout                                          ends the local session and the OneID session

Either way the application's handler receives the identified user, finds or creates the local account by PIN (the
stable key of a person; names and organisations change) and issues the application's own session. The "database"
is a class holding dicts: put yours in its place.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass, field
from typing import Any

import httpx
from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.responses import RedirectResponse

from oneid_sdk import AsyncOneIDClient, OneIDAuthPayload, OneIDError, OneIDSettings, UserInfo
from oneid_sdk.fastapi import create_api_router, create_web_router

__all__ = ["SESSION_COOKIE", "Account", "Database", "Session", "create_app"]

SESSION_COOKIE = "portal_session"

logger = logging.getLogger("portal")


@dataclass
class Account:
    """A person known to the application."""

    id: int
    pin: str
    name: str | None
    organisations: list[str] = field(default_factory=list)
    acting_for: str | None = None
    """The organisation the person signed in for (a legal-entity login), by TIN."""


@dataclass(frozen=True)
class Session:
    """A signed-in browser or front end."""

    account_id: int
    oneid_access_token: str = field(repr=False)
    """Kept on the server only, to end the OneID session at logout."""


class Database:
    """Accounts by PIN and sessions by token, in memory."""

    def __init__(self) -> None:
        self.accounts: dict[int, Account] = {}
        self.sessions: dict[str, Session] = {}
        self._account_ids: dict[str, int] = {}

    def account_for(self, user: UserInfo) -> Account:
        """The account of the person OneID identified, created at the first login and refreshed at every one."""
        account_id = self._account_ids.setdefault(user.pin, len(self._account_ids) + 1)
        organisations = [org.le_name for org in user.legal_info or [] if org.le_name]
        selected = user.selected_organisation if user.is_legal_entity_login else None
        acting_for = (selected.tin or selected.le_tin) if selected is not None else None
        account = Account(account_id, user.pin, user.display_name, organisations, acting_for)
        self.accounts[account_id] = account
        return account

    def open_session(self, account: Account, payload: OneIDAuthPayload) -> str:
        """A new random session token for ``account``."""
        token = secrets.token_urlsafe(32)
        self.sessions[token] = Session(account_id=account.id, oneid_access_token=payload.token.access_token)
        return token

    def session(self, token: str | None) -> Session | None:
        """The session of ``token``, if it is open."""
        return self.sessions.get(token) if token else None

    def close_session(self, token: str | None) -> Session | None:
        """Forget the session of ``token``; return it if it was open."""
        return self.sessions.pop(token, None) if token else None


def session_token(request: Request) -> str | None:
    """The session token a request presents: ``Authorization: Bearer <token>`` or the session cookie."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token:
        return token
    return request.cookies.get(SESSION_COOKIE)


def create_app(
    settings: OneIDSettings | None = None,
    *,
    http_client: httpx.AsyncClient | None = None,
    database: Database | None = None,
) -> FastAPI:
    """The application; ``settings`` default to the environment, ``http_client`` to one of OneID's own."""
    client = AsyncOneIDClient(settings, http_client=http_client)
    db = database if database is not None else Database()

    async def on_browser_login(payload: OneIDAuthPayload, _request: Request) -> Response:
        account = db.account_for(payload.user)
        response = RedirectResponse("/me", status_code=303)
        token = db.open_session(account, payload)
        response.set_cookie(SESSION_COOKIE, token, httponly=True, secure=True, samesite="lax")
        return response

    async def on_api_login(payload: OneIDAuthPayload, _request: Request) -> dict[str, Any]:
        account = db.account_for(payload.user)
        return {"session": db.open_session(account, payload), "account": asdict(account)}

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        await client.aclose()  # closes only an HTTP client it made itself

    app = FastAPI(title="Portal signing in with OneID", lifespan=lifespan)
    app.include_router(create_web_router(client=client, handler=on_browser_login))
    app.include_router(create_api_router(client=client, handler=on_api_login))

    @app.get("/me")
    async def me(request: Request) -> dict[str, Any]:
        session = db.session(session_token(request))
        if session is None:
            raise HTTPException(status_code=401, detail="Not signed in")
        return asdict(db.accounts[session.account_id])

    @app.post("/logout")
    async def logout(request: Request, response: Response) -> dict[str, bool]:
        session = db.close_session(session_token(request))
        response.delete_cookie(SESSION_COOKIE, secure=True, httponly=True, samesite="lax")
        if session is None:
            return {"logged_out": False}
        try:
            # Without this the OneID session outlives ours: the next person at a shared computer would be let in.
            await client.log_out(access_token=session.oneid_access_token)
        except OneIDError as exc:
            logger.warning("OneID did not end the session: %s", exc.error)
        return {"logged_out": True}

    return app
