"""A state belongs to the client (the settings) that issued it, even when several clients share one store.

Every router and flow of a process shares the default store unless given another one. A process that serves two
OneID clients (two portals, or a portal and its admin site) must not let one client's router redeem the other's
state: it would exchange the code with the wrong client's credentials or send it to a redirect URI the redeeming
client never allowed. The state is kept under its client's id, so another client finds nothing (``invalid_state``)
and leaves it for its owner; and a redeemed state's redirect URI is checked against the allow-list in force before
OneID is called.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI

from oneid_sdk._generated.client import AsyncOneIDClient, OneIDClient
from oneid_sdk.errors import OneIDInvalidRedirectURIError, OneIDInvalidStateError
from oneid_sdk.fastapi import create_api_router, create_web_router
from oneid_sdk.flow import AsyncLoginFlow, LoginFlow
from oneid_sdk.security import (
    InMemoryStateStore,
    PendingLogin,
    Redemption,
    SyncInMemoryStateStore,
    binding_hash,
    store_key,
)
from oneid_sdk.settings import OneIDSettings
from tests.security.support import (
    CALLBACK,
    SPA_CALLBACK,
    FakeOneID,
    binding_cookie,
    browser,
    pin_handler,
    portal_settings,
    state_of,
)

ADMIN_CALLBACK = "https://admin.example.uz/one-id/access"


def app_of(settings: OneIDSettings) -> FastAPI:
    """Both routers on the process-wide default store (no ``state_store`` given)."""
    app = FastAPI()
    app.include_router(create_web_router(settings=settings, handler=pin_handler))
    app.include_router(create_api_router(settings=settings, handler=pin_handler))
    return app


def admin_settings(**overrides: Any) -> OneIDSettings:
    values: dict[str, Any] = {
        "one_id_client_id": "admin",
        "one_id_client_secret": "admin-client-secret",
        "one_id_allowed_redirect_uris": [CALLBACK, ADMIN_CALLBACK],
    }
    values.update(overrides)
    return portal_settings(**values)


async def test_a_state_of_one_client_is_unknown_to_another_and_stays_usable(fake_oneid: FakeOneID) -> None:
    portal, admin = app_of(portal_settings()), app_of(admin_settings())
    async with browser(portal) as client:
        login = await client.get("/one-id/login")
        state = state_of(login.headers["location"])
        cookie = {"cookie": f"{binding_cookie(login).key}={binding_cookie(login).value}"}
        async with browser(admin) as same_browser:
            web = await same_browser.get("/one-id/access", params={"code": "c", "state": state}, headers=cookie)
            api = await same_browser.post("/api/one-id/token", json={"code": "c", "state": state}, headers=cookie)
        for refused in (web, api):
            assert refused.status_code == 400
            assert refused.json() == {"detail": "State is unknown, expired or already used", "error": "invalid_state"}
        assert fake_oneid.forms == []

        completed = await client.get("/one-id/access", params={"code": "c", "state": state})
    assert completed.status_code == 200
    assert [(form["client_id"], form["redirect_uri"]) for form in fake_oneid.exchanges] == [("portal", CALLBACK)]


async def test_the_flows_keep_their_states_apart_in_one_store(fake_oneid: FakeOneID) -> None:
    store = InMemoryStateStore()
    portal = AsyncLoginFlow(AsyncOneIDClient(portal_settings()), state_store=store)
    admin = AsyncLoginFlow(AsyncOneIDClient(admin_settings()), state_store=store)
    start = await portal.begin()
    with pytest.raises(OneIDInvalidStateError) as refused:
        await admin.complete("c", start.state, start.binding)
    assert refused.value.error == "invalid_state" and not refused.value.restart_required
    assert fake_oneid.forms == []
    assert (await portal.complete("c", start.state, start.binding)).redirect_uri == CALLBACK


def test_the_sync_flows_keep_their_states_apart_too(fake_oneid: FakeOneID) -> None:
    store = SyncInMemoryStateStore()
    with OneIDClient(portal_settings()) as portal_client, OneIDClient(admin_settings()) as admin_client:
        portal = LoginFlow(portal_client, state_store=store)
        admin = LoginFlow(admin_client, state_store=store)
        start = portal.begin()
        with pytest.raises(OneIDInvalidStateError):
            admin.complete("c", start.state, start.binding)
        assert fake_oneid.forms == []
        assert portal.complete("c", start.state, start.binding).user.pin == "30101850000011"


async def test_the_stored_login_names_its_client() -> None:
    store = InMemoryStateStore()
    start = await AsyncLoginFlow(AsyncOneIDClient(portal_settings()), state_store=store).begin()
    assert len(store) == 1
    redemption = await store.redeem(store_key("portal", start.state), binding_hash(start.binding))
    assert redemption.login is not None and redemption.login.client_id == "portal"


class ForgetfulStore(InMemoryStateStore):
    """A store that ignores the key's client part (a careless custom store): it must not widen the namespace."""

    async def save(self, state: str, login: PendingLogin, ttl: int) -> None:
        await super().save(state.rpartition(":")[2], login, ttl)

    async def redeem(self, state: str, binding_hash: str) -> Redemption:
        return await super().redeem(state.rpartition(":")[2], binding_hash)


async def test_a_store_that_returns_another_clients_login_is_refused(fake_oneid: FakeOneID) -> None:
    store = ForgetfulStore()
    start = await AsyncLoginFlow(AsyncOneIDClient(portal_settings()), state_store=store).begin()
    with pytest.raises(OneIDInvalidStateError):
        await AsyncLoginFlow(AsyncOneIDClient(admin_settings()), state_store=store).complete(
            "c", start.state, start.binding
        )
    assert fake_oneid.forms == []


async def test_a_redirect_uri_the_redeeming_router_does_not_allow_is_refused_before_oneid(
    fake_oneid: FakeOneID,
) -> None:
    """Same client id, another allow-list (a second app of the same portal): the state's URI is checked again."""
    store = InMemoryStateStore()
    wide = AsyncLoginFlow(AsyncOneIDClient(portal_settings()), state_store=store)
    narrow = AsyncLoginFlow(
        AsyncOneIDClient(portal_settings(one_id_allowed_redirect_uris=[CALLBACK])), state_store=store
    )
    start = await wide.begin(SPA_CALLBACK)
    with pytest.raises(OneIDInvalidRedirectURIError) as refused:
        await narrow.complete("c", start.state, start.binding)
    assert refused.value.error == "redirect_uri_not_allowed"
    assert refused.value.restart_required
    assert fake_oneid.forms == []


async def test_the_routers_check_the_allow_list_again_too(fake_oneid: FakeOneID) -> None:
    wide = app_of(portal_settings())
    narrow = app_of(portal_settings(one_id_allowed_redirect_uris=[CALLBACK]))
    async with browser(wide) as client:
        started = await client.get("/api/one-id/url", params={"redirect_uri": SPA_CALLBACK})
    async with browser(narrow) as client:
        response = await client.post(
            "/api/one-id/token",
            json={"code": "c", "state": state_of(started.json()["url"]), "binding": started.json()["binding"]},
        )
    assert response.status_code == 400
    assert response.json()["error"] == "redirect_uri_not_allowed"
    assert fake_oneid.forms == []
