"""Login CSRF in the browser flow: a callback link made in the attacker's browser signs nobody else in.

The attacker starts a login, signs in at OneID as themselves, stops before the callback and sends the link
(``/one-id/access?code=...&state=...``) to a victim. Without the binding, the victim's browser would be signed in to
the attacker's account. Here the state only opens with the binding secret of the browser that started the login,
held in an HttpOnly, Secure, SameSite=Lax cookie whose Path covers the callback under any router prefix.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI, Request

from oneid_sdk._generated.client import AsyncOneIDClient, OneIDClient
from oneid_sdk.errors import OneIDStateBindingError, OneIDStateBindingMissingError
from oneid_sdk.fastapi import create_web_router
from oneid_sdk.flow import AsyncLoginFlow, LoginFlow
from oneid_sdk.payload import OneIDAuthPayload
from oneid_sdk.security import (
    BINDING_COOKIE_NAME,
    InMemoryStateStore,
    SyncInMemoryStateStore,
    binding_hash,
    is_well_formed_binding,
    new_binding,
    store_key,
)
from oneid_sdk.settings import OneIDSettings
from tests.security.support import CALLBACK, FakeOneID, binding_cookie, browser, portal_settings, state_of

MISSING = {
    "detail": "State cannot be redeemed without the binding secret of the browser that started the login",
    "error": "state_binding_missing",
}
MISMATCH = {"detail": "State was issued to another browser or client", "error": "state_binding_mismatch"}


class Portal:
    """A web-flow portal whose handler records who it signed in."""

    def __init__(self, settings: OneIDSettings, prefix: str = "/one-id") -> None:
        self.signed_in: list[str] = []
        self.app = FastAPI()
        self.app.include_router(
            create_web_router(settings=settings, handler=self.sign_in, state_store=InMemoryStateStore(), prefix=prefix)
        )

    async def sign_in(self, payload: OneIDAuthPayload, request: Request) -> dict[str, Any]:
        self.signed_in.append(payload.user.pin)
        return {"pin": payload.user.pin}


@pytest.fixture
def site(portal: OneIDSettings) -> Portal:
    return Portal(portal)


async def attackers_link(site: Portal, prefix: str = "/one-id") -> tuple[str, Any]:
    """The callback link of a login the attacker started (and the attacker's browser, still open)."""
    attacker = browser(site.app)
    login = await attacker.get(f"{prefix}/login")
    return f"{prefix}/access?code=attacker-code&state={state_of(login.headers['location'])}", attacker


async def test_a_victim_without_a_binding_cookie_is_refused_before_oneid(site: Portal, fake_oneid: FakeOneID) -> None:
    link, attacker = await attackers_link(site)
    async with browser(site.app) as victim:
        response = await victim.get(link)
    assert response.status_code == 400
    assert response.json() == MISSING
    assert fake_oneid.forms == []
    assert site.signed_in == []
    await attacker.aclose()


async def test_a_victim_with_its_own_binding_cookie_is_refused_before_oneid(
    site: Portal, fake_oneid: FakeOneID
) -> None:
    link, attacker = await attackers_link(site)
    async with browser(site.app) as victim:
        await victim.get("/one-id/login")  # the victim has a binding of its own
        assert victim.cookies.get(BINDING_COOKIE_NAME)
        response = await victim.get(link)
    assert response.status_code == 400
    assert response.json() == MISMATCH
    assert fake_oneid.forms == []
    assert site.signed_in == []
    await attacker.aclose()


@pytest.mark.parametrize("forged", ["", "x", "A" * 43, new_binding(), "attacker-code", " " * 43])
async def test_a_forged_cookie_does_not_open_the_state(forged: str, site: Portal, fake_oneid: FakeOneID) -> None:
    link, attacker = await attackers_link(site)
    async with browser(site.app) as victim:
        victim.cookies.set(BINDING_COOKIE_NAME, forged, domain="portal.example.uz")
        response = await victim.get(link)
    assert response.status_code == 400
    assert response.json()["error"] in {"state_binding_missing", "state_binding_mismatch"}
    assert fake_oneid.forms == []
    await attacker.aclose()


async def test_the_attacker_cannot_lend_the_state_but_can_still_use_it(site: Portal, fake_oneid: FakeOneID) -> None:
    link, attacker = await attackers_link(site)
    async with browser(site.app) as victim:
        assert (await victim.get(link)).status_code == 400
    own = await attacker.get(link)
    assert own.status_code == 200
    assert site.signed_in == ["30101850000011"]
    assert [form["code"] for form in fake_oneid.exchanges] == ["attacker-code"]
    await attacker.aclose()


@pytest.mark.parametrize("ttl", [60, 300, 900])
async def test_the_binding_cookie_is_httponly_secure_lax_and_lives_as_long_as_a_state(ttl: int) -> None:
    site = Portal(portal_settings(one_id_state_ttl=ttl))
    async with browser(site.app) as client:
        login = await client.get("/one-id/login")
    cookie = binding_cookie(login)
    assert is_well_formed_binding(cookie.value)
    assert cookie["httponly"] is True
    assert cookie["secure"] is True
    assert cookie["samesite"] == "lax"
    assert cookie["path"] == "/"
    assert cookie["domain"] == ""
    assert cookie["max-age"] == str(ttl)
    assert cookie.value not in login.headers["location"]


@pytest.mark.parametrize("prefix", ["/one-id", "/auth/oneid", "/v1/sso/one-id", "/a"])
async def test_the_cookie_path_covers_the_callback_under_any_prefix(prefix: str, fake_oneid: FakeOneID) -> None:
    site = Portal(portal_settings(), prefix=prefix)
    async with browser(site.app) as client:
        login = await client.get(f"{prefix}/login")
        assert binding_cookie(login)["path"] == "/"
        response = await client.get(
            f"{prefix}/access", params={"code": "c", "state": state_of(login.headers["location"])}
        )
    assert response.status_code == 200
    link, attacker = await attackers_link(site, prefix)
    async with browser(site.app) as victim:
        assert (await victim.get(link)).json()["error"] == "state_binding_missing"
    await attacker.aclose()


async def test_the_cookie_path_covers_a_router_in_a_mounted_sub_application(fake_oneid: FakeOneID) -> None:
    site = Portal(portal_settings())
    outer = FastAPI()
    outer.mount("/portal", site.app)
    async with browser(outer) as client:
        login = await client.get("/portal/one-id/login")
        assert binding_cookie(login)["path"] == "/"
        response = await client.get(
            "/portal/one-id/access", params={"code": "c", "state": state_of(login.headers["location"])}
        )
    assert response.status_code == 200


async def test_only_the_hash_of_the_binding_is_stored(portal: OneIDSettings) -> None:
    store = InMemoryStateStore()
    app = FastAPI()
    app.include_router(create_web_router(settings=portal, state_store=store, handler=lambda p, r: {}))
    async with browser(app) as client:
        login = await client.get("/one-id/login")
    secret = binding_cookie(login).value
    state = state_of(login.headers["location"])
    assert secret != state
    redemption = await store.redeem(store_key("portal", state), binding_hash(secret))
    assert redemption.login is not None
    assert redemption.login.binding_hash == binding_hash(secret)
    assert secret not in redemption.login.encode()


async def test_the_async_flow_refuses_a_foreign_browser(portal: OneIDSettings, fake_oneid: FakeOneID) -> None:
    flow = AsyncLoginFlow(AsyncOneIDClient(portal), state_store=InMemoryStateStore())
    attacker = await flow.begin()
    with pytest.raises(OneIDStateBindingMissingError):
        await flow.complete("attacker-code", attacker.state, None)
    with pytest.raises(OneIDStateBindingError) as mismatch:
        await flow.complete("attacker-code", attacker.state, new_binding())
    assert mismatch.value.error == "state_binding_mismatch"
    assert fake_oneid.forms == []
    assert (await flow.complete("attacker-code", attacker.state, attacker.binding)).redirect_uri == CALLBACK


def test_the_sync_flow_refuses_a_foreign_browser(portal: OneIDSettings, fake_oneid: FakeOneID) -> None:
    with OneIDClient(portal) as client:
        flow = LoginFlow(client, state_store=SyncInMemoryStateStore())
        attacker = flow.begin()
        with pytest.raises(OneIDStateBindingMissingError):
            flow.complete("attacker-code", attacker.state, "")
        with pytest.raises(OneIDStateBindingError) as mismatch:
            flow.complete("attacker-code", attacker.state, flow.begin().binding[::-1])
        assert mismatch.value.error == "state_binding_mismatch"
        assert fake_oneid.forms == []
        assert flow.complete("attacker-code", attacker.state, attacker.binding).user.pin == "30101850000011"
