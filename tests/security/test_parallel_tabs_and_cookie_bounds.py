"""Several tabs of one browser each complete their login, and cookies stay bounded however many logins are dropped.

A browser keeps one ``__Host-oneid_binding`` cookie: every login it starts reuses the secret, so a tab does not lock out
the others, and abandoned logins add no cookies. Pending logins live in a bounded store and expire with their TTL.
"""

from __future__ import annotations

import random

import httpx
import pytest
from fastapi import FastAPI

from oneid_sdk._generated.client import OneIDClient
from oneid_sdk.flow import LoginFlow
from oneid_sdk.security import BINDING_COOKIE_NAME, InMemoryStateStore, SyncInMemoryStateStore
from oneid_sdk.settings import OneIDSettings
from tests.security.support import SPA_CALLBACK, FakeOneID, binding_cookie, browser, portal_app, set_cookies, state_of

HEADER_LIMIT = 4096


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


async def start(client: httpx.AsyncClient, how: str) -> str:
    """Start a login in a new tab; return its state."""
    if how == "web":
        return state_of((await client.get("/one-id/login")).headers["location"])
    return state_of((await client.get("/api/one-id/url", params={"redirect_uri": SPA_CALLBACK})).json()["url"])


async def finish(client: httpx.AsyncClient, how: str, code: str, state: str) -> httpx.Response:
    if how == "web":
        return await client.get("/one-id/access", params={"code": code, "state": state})
    return await client.post("/api/one-id/token", json={"code": code, "state": state})


@pytest.mark.parametrize("kinds", [["web"] * 5, ["api"] * 5, ["web", "api", "web", "api", "api", "web"]])
async def test_every_tab_completes_its_own_login_in_any_order(
    kinds: list[str], app: FastAPI, fake_oneid: FakeOneID
) -> None:
    async with browser(app) as client:
        tabs = [(how, f"code-{index}", await start(client, how)) for index, how in enumerate(kinds)]
        assert len({state for _, _, state in tabs}) == len(tabs)
        random.Random(7).shuffle(tabs)
        for how, code, state in tabs:
            response = await finish(client, how, code, state)
            assert response.status_code == 200, response.text
    assert sorted(form["code"] for form in fake_oneid.exchanges) == sorted(code for _, code, _ in tabs)


async def test_a_later_tab_refreshes_the_cookie_without_invalidating_earlier_tabs(
    portal: OneIDSettings, fake_oneid: FakeOneID
) -> None:
    clock = Clock()
    app = portal_app(portal, state_store=InMemoryStateStore(clock=clock))
    async with browser(app) as client:
        first_tab = await client.get("/one-id/login")
        clock.now += 200
        second_tab = await client.get("/one-id/login")
        assert binding_cookie(second_tab).value == binding_cookie(first_tab).value
        assert binding_cookie(second_tab)["max-age"] == str(portal.one_id_state_ttl)
        for tab in (first_tab, second_tab):
            response = await finish(client, "web", "c", state_of(tab.headers["location"]))
            assert response.status_code == 200


async def test_abandoned_logins_leave_one_small_cookie(portal: OneIDSettings) -> None:
    store = InMemoryStateStore(max_entries=100)
    app = portal_app(portal, state_store=store)
    async with browser(app) as client:
        first = binding_cookie(await client.get("/one-id/login")).value
        for index in range(400):
            response = await (client.get("/one-id/login") if index % 2 else client.post("/api/one-id/url", json={}))
            cookies = set_cookies(response)
            assert len(cookies) == 1
            assert all(len(name) + len(value) < HEADER_LIMIT for name, value in response.headers.multi_items())
        assert [cookie.name for cookie in client.cookies.jar] == [BINDING_COOKIE_NAME]
        assert client.cookies[BINDING_COOKIE_NAME] == first

        last = await client.get("/one-id/login")
        request_cookie_header = last.request.headers["cookie"]
        assert request_cookie_header == f"{BINDING_COOKIE_NAME}={first}"
        assert len(request_cookie_header) < HEADER_LIMIT
    assert len(store) == 100


async def test_the_newest_logins_survive_a_full_store(portal: OneIDSettings, fake_oneid: FakeOneID) -> None:
    app = portal_app(portal, state_store=InMemoryStateStore(max_entries=10))
    async with browser(app) as client:
        states = [await start(client, "web") for _ in range(30)]
        oldest = await finish(client, "web", "c", states[0])
        newest = await finish(client, "web", "c", states[-1])
    assert oldest.json()["error"] == "invalid_state"
    assert newest.status_code == 200


async def test_abandoned_logins_expire_with_their_ttl(portal: OneIDSettings) -> None:
    clock = Clock()
    store = InMemoryStateStore(clock=clock)
    app = portal_app(portal, state_store=store)
    async with browser(app) as client:
        for _ in range(50):
            await client.get("/one-id/login")
        assert len(store) == 50
        clock.now += portal.one_id_state_ttl
        await client.get("/one-id/login")
    assert len(store) == 1


async def test_many_browsers_get_one_cookie_each(app: FastAPI) -> None:
    bindings = set()
    for _ in range(5):
        async with browser(app) as client:
            for _ in range(3):
                await client.get("/one-id/login")
            bindings.add(client.cookies[BINDING_COOKIE_NAME])
            assert len(client.cookies.jar) == 1
    assert len(bindings) == 5


def test_tabs_of_a_sync_flow_share_one_binding(portal: OneIDSettings, fake_oneid: FakeOneID) -> None:
    with OneIDClient(portal) as client:
        flow = LoginFlow(client, state_store=SyncInMemoryStateStore())
        first = flow.begin()
        tabs = [first] + [flow.begin(binding=first.binding) for _ in range(4)]
        assert {tab.binding for tab in tabs} == {first.binding}
        for index, tab in enumerate(reversed(tabs)):
            assert flow.complete(f"code-{index}", tab.state, first.binding).user.pin == "30101850000011"
    assert len(fake_oneid.exchanges) == 5
