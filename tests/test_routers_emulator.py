"""The routers against the emulator (in process): a browser's whole login, logout and a login CSRF attempt."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request

from oneid_sdk._generated.client import AsyncOneIDClient
from oneid_sdk.emulator import RegisteredClient, create_app
from oneid_sdk.errors import OneIDUserInfoError
from oneid_sdk.fastapi import create_api_router, create_web_router
from oneid_sdk.payload import OneIDAuthPayload
from oneid_sdk.security import InMemoryStateStore
from oneid_sdk.settings import OneIDSettings

PORTAL = "https://portal.example.uz"
EMULATOR = "https://emulator.test"
CALLBACK = f"{PORTAL}/one-id/access"


async def remember_user(payload: OneIDAuthPayload, request: Request) -> dict[str, Any]:
    legal = payload.user.legal_info or []
    return {
        "pin": payload.user.pin,
        "user_type": payload.user.user_type,
        "basic_tin": next((item.tin for item in legal if item.is_basic), None),
        "access_token": payload.token.access_token,
    }


@pytest.fixture
def emulator() -> FastAPI:
    return create_app([RegisteredClient("portal", "portal-secret", "portal", [CALLBACK])])


@pytest.fixture
def settings() -> OneIDSettings:
    return OneIDSettings(
        one_id_sso_url=f"{EMULATOR}/sso/oauth/Authorization.do",
        one_id_client_id="portal",
        one_id_client_secret="portal-secret",
        one_id_scope="portal",
        one_id_allowed_redirect_uris=[CALLBACK],
    )


def oneid_client(settings: OneIDSettings, emulator: FastAPI) -> AsyncOneIDClient:
    return AsyncOneIDClient(settings, http_client=httpx.AsyncClient(transport=httpx.ASGITransport(app=emulator)))


@pytest.fixture
def portal(settings: OneIDSettings, emulator: FastAPI) -> FastAPI:
    client = oneid_client(settings, emulator)
    store = InMemoryStateStore()
    app = FastAPI()
    app.include_router(create_web_router(client=client, handler=remember_user, state_store=store))
    app.include_router(create_api_router(client=client, handler=remember_user, state_store=store))
    return app


def new_browser(portal: FastAPI, emulator: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        mounts={
            PORTAL: httpx.ASGITransport(app=portal),
            EMULATOR: httpx.ASGITransport(app=emulator),
        },
        base_url=PORTAL,
    )


async def sign_in_at_oneid(browser: httpx.AsyncClient, persona: str) -> str:
    """Open /one-id/login, pick a persona at the emulator, return the callback URL OneID sends the browser to."""
    login = await browser.get("/one-id/login")
    assert login.status_code == 302
    at_oneid = await browser.get(login.headers["location"] + f"&persona={persona}")
    assert at_oneid.status_code == 302
    callback: str = at_oneid.headers["location"]
    assert callback.startswith(CALLBACK + "?")
    return callback


async def test_browser_logs_in_as_a_legal_entity_and_logs_out(
    portal: FastAPI, emulator: FastAPI, settings: OneIDSettings
) -> None:
    async with new_browser(portal, emulator) as browser:
        callback = await sign_in_at_oneid(browser, "legal-entity")
        signed_in = await browser.get(callback)

        assert signed_in.status_code == 200
        user = signed_in.json()
        assert user["pin"] == "31503780000033"
        assert user["user_type"] == "L"
        assert user["basic_tin"] == "300000033"

        logout = await browser.post("/api/one-id/logout", json={"access_token": user["access_token"]})
        assert logout.json() == {"success": True, "ret_cd": "0"}

        replay = await browser.get(callback)
        assert replay.status_code == 400
        assert replay.json()["error"] == "invalid_state"

    with pytest.raises(OneIDUserInfoError):
        await oneid_client(settings, emulator).identify(access_token=user["access_token"])


async def test_callback_link_of_the_attacker_does_not_log_the_victim_in(portal: FastAPI, emulator: FastAPI) -> None:
    async with new_browser(portal, emulator) as attacker, new_browser(portal, emulator) as victim:
        attacker_callback = await sign_in_at_oneid(attacker, "individual")

        tricked = await victim.get(attacker_callback)
        assert tricked.status_code == 400
        assert tricked.json()["error"] == "state_binding_missing"

        own = await attacker.get(attacker_callback)
        assert own.status_code == 200
        assert own.json()["pin"] == "30101850000011"


async def test_frontend_flow_through_the_api_router(portal: FastAPI, emulator: FastAPI) -> None:
    async with new_browser(portal, emulator) as browser:
        url = (await browser.post("/api/one-id/url", json={})).json()["url"]
        callback = (await browser.get(url + "&persona=no-patronymic")).headers["location"]
        echoed = (await browser.get("/api/one-id/access?" + callback.split("?", 1)[1])).json()

        response = await browser.post("/api/one-id/token", json=echoed)

    assert response.status_code == 200
    assert response.json()["pin"] == "42002920000022"
