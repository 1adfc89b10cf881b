"""Answers that carry a secret are never cached: ``Cache-Control: no-store``.

The authorization URL (with its state), the binding secret and cookie, the echoed code and a completed login's answer
(the application's session, or the raw token in debug mode) must not stay in a browser's or a proxy's cache, where
the next user of a shared computer or of the proxy would find them. A handler that returns a ``Response`` with its
own ``Cache-Control`` keeps it.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse

from oneid_sdk.fastapi import create_api_router, create_web_router
from oneid_sdk.payload import OneIDAuthPayload
from oneid_sdk.security import InMemoryStateStore
from oneid_sdk.settings import OneIDSettings
from tests.security.support import FakeOneID, browser, portal_settings, state_of


def portal_with(handler: Any, settings: OneIDSettings | None = None) -> FastAPI:
    store = InMemoryStateStore()
    app = FastAPI()
    settings = settings or portal_settings()
    app.include_router(create_web_router(settings=settings, handler=handler, state_store=store))
    app.include_router(create_api_router(settings=settings, handler=handler, state_store=store))
    return app


async def json_handler(payload: OneIDAuthPayload, request: Request) -> dict[str, Any]:
    return {"session": "new-session-token", "pin": payload.user.pin}


async def complete_both(app: FastAPI) -> tuple[httpx.Response, httpx.Response]:
    async with browser(app) as client:
        login = await client.get("/one-id/login")
        web = await client.get("/one-id/access", params={"code": "c", "state": state_of(login.headers["location"])})
        started = await client.get("/api/one-id/url")
        api = await client.post("/api/one-id/token", json={"code": "c", "state": state_of(started.json()["url"])})
    return web, api


async def test_starting_a_login_is_never_cached(app: FastAPI) -> None:
    async with browser(app) as client:
        answers = [
            await client.get("/one-id/login"),
            await client.get("/api/one-id/url"),
            await client.post("/api/one-id/url", json={}),
            await client.get("/api/one-id/access", params={"code": "the-code", "state": "the-state"}),
        ]
    for answer in answers:
        assert answer.status_code in {200, 302}
        assert answer.headers["cache-control"] == "no-store"


async def test_a_completed_login_is_never_cached(fake_oneid: FakeOneID) -> None:
    for answer in await complete_both(portal_with(json_handler)):
        assert answer.status_code == 200
        assert answer.headers["cache-control"] == "no-store"


async def test_a_handlers_response_gets_no_store_unless_it_says_otherwise(fake_oneid: FakeOneID) -> None:
    async def redirecting(payload: OneIDAuthPayload, request: Request) -> RedirectResponse:
        return RedirectResponse("/home", status_code=303)

    async def own_policy(payload: OneIDAuthPayload, request: Request) -> JSONResponse:
        return JSONResponse({"ok": True}, headers={"Cache-Control": "private, max-age=60"})

    for answer in await complete_both(portal_with(redirecting)):
        assert answer.headers["cache-control"] == "no-store"
    for answer in await complete_both(portal_with(own_policy)):
        assert answer.headers["cache-control"] == "private, max-age=60"


async def test_the_debug_answer_with_the_raw_token_is_never_cached(fake_oneid: FakeOneID) -> None:
    for answer in await complete_both(portal_with(None, portal_settings(one_id_debug=True))):
        assert answer.status_code == 200
        assert "access_token" in answer.json()["token"]
        assert answer.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("sync", [False, True])
async def test_a_plain_dict_from_a_sync_handler_is_not_cached_either(fake_oneid: FakeOneID, sync: bool) -> None:
    def plain(payload: OneIDAuthPayload, request: Request) -> dict[str, Any]:
        return {"session": "s"}

    for answer in await complete_both(portal_with(plain if sync else json_handler)):
        assert answer.headers["cache-control"] == "no-store"
