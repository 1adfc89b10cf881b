"""A small FastAPI site with "Sign in with OneID", built on oneid_sdk.

It is configured by the ``ONE_ID_*`` environment variables (``make demo`` points them at the local emulator) and
keeps signed-in users in a server-side session: a random id in an HttpOnly cookie, the user and the OneID access
token in a dict in memory. A real site keeps its sessions in its own store, and maps ``user.pin`` to a local account.

    /               home page with the "Sign in with OneID" button
    /one-id/login   (web router) sends the browser to OneID; OneID sends it back to /one-id/access
    /me             the signed-in user
    /logout         POST: ends the OneID session (grant one_log_out) and the local one
    /api/one-id/*   (API router) the same login for a single-page front end, answered with JSON
"""

from __future__ import annotations

import logging
import secrets
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from html import escape

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from oneid_sdk import AsyncOneIDClient, LegalInfo, OneIDAuthPayload, OneIDError, OneIDSettings, UserInfo
from oneid_sdk.fastapi import create_api_router, create_web_router
from oneid_sdk.security import keeps_secure_cookies

__all__ = ["app"]

SESSION_COOKIE = "demo_session"
USER_TYPES = {"I": "individual", "L": "legal entity"}
VERIFIED = {True: "yes", False: "no", None: "not stated"}

logger = logging.getLogger("demo")


@dataclass(frozen=True)
class Session:
    """What the site remembers about a signed-in browser."""

    user: UserInfo
    access_token: str


MAX_SESSIONS = 1000
sessions: OrderedDict[str, Session] = OrderedDict()
"""Signed-in browsers, oldest first; the oldest is forgotten when there are more than ``MAX_SESSIONS``."""
client = AsyncOneIDClient(OneIDSettings())


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    """Close the client's connections when the app stops."""
    yield
    await client.aclose()


app = FastAPI(title="oneid-sdk demo", lifespan=lifespan)


def start_session(payload: OneIDAuthPayload, request: Request, response: Response) -> Response:
    """Remember the user under a new random session id, and give the browser that id in a cookie."""
    session_id = secrets.token_urlsafe(32)
    sessions[session_id] = Session(user=payload.user, access_token=payload.token.access_token)
    while len(sessions) > MAX_SESSIONS:
        sessions.popitem(last=False)
    # Secure as in production; browsers also keep Secure cookies for http://127.0.0.1 and http://localhost, and
    # drop them only on plain http elsewhere (the demo in a container, reached by its host name).
    secure = keeps_secure_cookies(request.url.scheme, request.url.hostname or "")
    response.set_cookie(SESSION_COOKIE, session_id, httponly=True, samesite="lax", secure=secure)
    return response


def current_session(request: Request) -> Session | None:
    """The session of the browser that sent ``request``, if it is signed in."""
    return sessions.get(request.cookies.get(SESSION_COOKIE, ""))


async def on_web_sign_in(payload: OneIDAuthPayload, request: Request) -> Response:
    """Called by the web router after OneID identified the user: start a session, show the user."""
    return start_session(payload, request, RedirectResponse("/me", status_code=303))


async def on_api_sign_in(payload: OneIDAuthPayload, request: Request) -> Response:
    """Called by the API router (POST /api/one-id/token): start a session, answer with JSON."""
    user = {"pin": payload.user.pin, "full_name": payload.user.full_name}
    return start_session(payload, request, JSONResponse({"signed_in": True, "user": user}))


app.include_router(create_web_router(client=client, handler=on_web_sign_in))
app.include_router(create_api_router(client=client, handler=on_api_sign_in))


def page(title: str, body: str) -> HTMLResponse:
    """An HTML page; ``body`` is HTML whose user data is already escaped."""
    html = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>
  body {{ font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #1d2733; }}
  .button {{ display: inline-block; padding: .6rem 1.2rem; border: 0; border-radius: .4rem; background: #0b5cad;
            color: #fff; font: inherit; text-decoration: none; cursor: pointer; }}
  dt {{ font-weight: 600; margin-top: .6rem; }}
  dd {{ margin-left: 0; }}
  .selected {{ font-weight: 600; }}
</style>
</head>
<body>
<main>
{body}
</main>
</body>
</html>
"""
    return HTMLResponse(html, headers={"Cache-Control": "no-store"})


@app.get("/", response_class=HTMLResponse)
async def home(request: Request) -> Response:
    """The "Sign in with OneID" button, or the user's page when signed in."""
    if current_session(request) is not None:
        return RedirectResponse("/me", status_code=303)
    return page(
        "oneid-sdk demo",
        """<h1>oneid-sdk demo</h1>
<p>You are not signed in.</p>
<p><a class="button" id="sign-in" href="/one-id/login">Sign in with OneID</a></p>""",
    )


def organisation_item(org: LegalInfo) -> str:
    """One organisation of ``legal_info`` as a list item; the one chosen at login is marked."""
    name = escape(org.le_name or org.acron_UZ or "")
    tin = escape(org.tin or org.le_tin or "")
    if org.is_basic:
        return f'<li class="selected">{name}, TIN {tin} <em>(selected)</em></li>'
    return f"<li>{name}, TIN {tin}</li>"


@app.get("/me", response_class=HTMLResponse)
async def me(request: Request) -> Response:
    """Who is signed in: name, PIN, user type and organisations."""
    session = current_session(request)
    if session is None:
        return RedirectResponse("/", status_code=303)
    user = session.user
    user_type = USER_TYPES.get(user.user_type or "", user.user_type or "unknown")
    organisations = "\n".join(organisation_item(org) for org in user.legal_info or [])
    return page(
        "Signed in",
        f"""<h1>Signed in with OneID</h1>
<dl>
  <dt>Full name</dt><dd id="full-name">{escape(user.full_name or "")}</dd>
  <dt>PIN</dt><dd id="pin">{escape(user.pin)}</dd>
  <dt>User type</dt><dd id="user-type">{escape(user_type)}</dd>
  <dt>Verified account</dt><dd id="valid">{VERIFIED[user.valid]}</dd>
</dl>
<h2>Organisations</h2>
<ul id="organisations">
{organisations or "<li>None</li>"}
</ul>
<form method="post" action="/logout"><button class="button" id="log-out" type="submit">Log out</button></form>""",
    )


@app.post("/logout")
async def logout(request: Request) -> Response:
    """End the OneID session (grant one_log_out) and the local one, then go home."""
    session = sessions.pop(request.cookies.get(SESSION_COOKIE, ""), None)
    if session is not None:
        try:
            await client.log_out(access_token=session.access_token)
        except OneIDError as exc:
            # The local session is over either way; OneID's own session expires on its side.
            logger.warning("OneID log_out failed: %s", exc.error)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
