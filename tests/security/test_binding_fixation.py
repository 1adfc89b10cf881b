"""Binding fixation: nobody can plant a binding of their own in a victim's browser.

The attack: an attacker starts a login with a binding secret it chose, stops at OneID's callback, and makes the
victim's browser hold the same secret in a cookie; the victim who opens the callback link is then signed in to the
attacker's account. A plain ``oneid_binding`` cookie can be planted by a sibling subdomain (``Domain=.example.uz``) or
by a man in the middle of any plain-http request to the site. ``__Host-oneid_binding`` cannot: browsers accept it
only with ``Secure``, ``Path=/`` and no ``Domain``, from the host itself over https (or loopback). So every https or
loopback site uses that name and never reads the plain one.

A plain-http site that is not loopback (possible only with ``ONE_ID_INSECURE_ALLOW_HTTP`` or
``ONE_ID_EMULATOR_MODE``) cannot keep a ``Secure`` cookie at all: there the routers use ``oneid_binding`` without
``Secure``, and say so at start-up.
"""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from oneid_sdk.fastapi import create_api_router, create_web_router
from oneid_sdk.security import is_well_formed_binding, new_binding
from tests.security.support import (
    CALLBACK,
    FakeOneID,
    binding_cookie,
    browser,
    pin_handler,
    portal_app,
    portal_settings,
    set_cookies,
    state_of,
)

HOST_COOKIE = "__Host-oneid_binding"
PLAIN_COOKIE = "oneid_binding"
HTTP_CALLBACK = "http://portal.example.uz/one-id/access"


def the_cookie_set(response: httpx.Response) -> tuple[str, str]:
    """The one binding cookie ``response`` sets: its name and its attributes, in lower case."""
    [header] = [value for value in set_cookies(response) if "binding=" in value]
    name, _, rest = header.partition("=")
    return name, rest.lower()


@pytest.mark.parametrize("start", ["/one-id/login", "/api/one-id/url"])
async def test_the_binding_cookie_is_a_host_cookie(app: FastAPI, start: str) -> None:
    async with browser(app) as client:
        response = await client.get(start)
    name, attributes = the_cookie_set(response)
    assert name == HOST_COOKIE
    for attribute in ("; secure", "; httponly", "; path=/", "; samesite=lax"):
        assert attribute in attributes
    assert "domain" not in attributes


async def attacker_state_bound_to(app: FastAPI, chosen: str, start: str) -> str:
    """The attacker starts a login with a binding it chose (its own client sends whatever cookie it likes)."""
    async with browser(app) as attacker:
        attacker.cookies.set(HOST_COOKIE, chosen, domain="portal.example.uz")
        response = await attacker.get(start)
    assert binding_cookie(response).value == chosen, "the attacker's own binding is reused for its own login"
    return state_of(response.headers["location"] if start == "/one-id/login" else response.json()["url"])


@pytest.mark.parametrize("domain", [".example.uz", "portal.example.uz"])
async def test_a_planted_plain_cookie_signs_nobody_in(app: FastAPI, fake_oneid: FakeOneID, domain: str) -> None:
    chosen = new_binding()
    web_state = await attacker_state_bound_to(app, chosen, "/one-id/login")
    api_state = await attacker_state_bound_to(app, chosen, "/api/one-id/url")
    async with browser(app) as victim:
        # Set by a sibling subdomain (Domain=.example.uz), or by a man in the middle of a plain-http request.
        victim.cookies.set(PLAIN_COOKIE, chosen, domain=domain)
        web = await victim.get("/one-id/access", params={"code": "attacker-code", "state": web_state})
        api = await victim.post("/api/one-id/token", json={"code": "attacker-code", "state": api_state})
    for refused in (web, api):
        assert refused.status_code == 400
        assert refused.json()["error"] == "state_binding_missing"
    assert fake_oneid.forms == []


async def test_a_planted_plain_cookie_is_not_reused_for_the_victims_own_login(app: FastAPI) -> None:
    chosen = new_binding()
    async with browser(app) as victim:
        victim.cookies.set(PLAIN_COOKIE, chosen, domain=".example.uz")
        response = await victim.get("/one-id/login")
    issued = binding_cookie(response).value
    assert is_well_formed_binding(issued)
    assert issued != chosen


def plain_http_portal(**overrides: Any) -> FastAPI:
    """A portal whose allow-list has a plain-http entry on a host that is not loopback."""
    values: dict[str, Any] = {
        "one_id_allowed_redirect_uris": [HTTP_CALLBACK],
        "one_id_default_redirect_uri": None,
        "one_id_insecure_allow_http": True,
    }
    values.update(overrides)
    return portal_app(portal_settings(**values))


@pytest.mark.parametrize("switch", ["one_id_insecure_allow_http", "one_id_emulator_mode"])
async def test_a_plain_http_site_gets_a_cookie_without_secure_and_logs_in(switch: str, fake_oneid: FakeOneID) -> None:
    """Browsers drop Secure cookies on plain http off loopback (httpx's cookie jar does too): no login could finish."""
    app = plain_http_portal(**{"one_id_insecure_allow_http": False, switch: True})
    async with browser(app, base_url="http://portal.example.uz") as client:
        login = await client.get("/one-id/login")
        name, attributes = the_cookie_set(login)
        response = await client.get(
            "/one-id/access", params={"code": "c", "state": state_of(login.headers["location"])}
        )
    assert name == PLAIN_COOKIE
    assert "secure" not in attributes
    assert "httponly" in attributes and "domain" not in attributes
    assert response.status_code == 200
    assert response.json()["redirect_uri"] == HTTP_CALLBACK


@pytest.mark.parametrize("base_url", ["https://portal.example.uz", "http://127.0.0.1:8000", "http://localhost"])
async def test_a_plain_http_allow_list_keeps_the_host_cookie_over_https_and_loopback(
    base_url: str, fake_oneid: FakeOneID
) -> None:
    app = plain_http_portal()
    async with browser(app, base_url=base_url) as client:
        login = await client.get("/one-id/login")
        name, attributes = the_cookie_set(login)
        # Browsers send a Secure cookie back to http://127.0.0.1 and http://localhost; httpx's jar does not.
        client.cookies.clear()
        response = await client.get(
            "/one-id/access",
            params={"code": "c", "state": state_of(login.headers["location"])},
            headers={"cookie": f"{HOST_COOKIE}={binding_cookie(login).value}"},
        )
    assert (name, "; secure" in attributes) == (HOST_COOKIE, True)
    assert response.status_code == 200


async def test_each_request_reads_only_the_name_that_applies(fake_oneid: FakeOneID) -> None:
    app = plain_http_portal()
    async with browser(app, base_url="http://portal.example.uz") as over_http:
        login = await over_http.get("/one-id/login")
        binding = over_http.cookies[PLAIN_COOKIE]
    state = state_of(login.headers["location"])
    async with browser(app, base_url="https://portal.example.uz") as over_https:
        over_https.cookies.set(PLAIN_COOKIE, binding, domain="portal.example.uz")
        refused = await over_https.get("/one-id/access", params={"code": "c", "state": state})
    async with browser(app, base_url="http://portal.example.uz") as over_http:
        over_http.cookies.set(HOST_COOKIE, binding, domain="portal.example.uz")
        also_refused = await over_http.get("/one-id/access", params={"code": "c", "state": state})
    assert refused.json()["error"] == also_refused.json()["error"] == "state_binding_missing"
    assert fake_oneid.forms == []


def cookie_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if "binding cookie" in record.getMessage()]


def test_the_routers_warn_when_some_requests_get_the_plain_cookie(caplog: pytest.LogCaptureFixture) -> None:
    settings = portal_settings(
        one_id_allowed_redirect_uris=[HTTP_CALLBACK], one_id_default_redirect_uri=None, one_id_emulator_mode=True
    )
    with caplog.at_level(logging.WARNING, logger="oneid_sdk"):
        create_web_router(settings=settings, handler=pin_handler)
        create_api_router(settings=settings, handler=pin_handler)
    warnings = cookie_warnings(caplog)
    assert len(warnings) == 2
    assert all("'oneid_binding' without Secure" in warning for warning in warnings)


@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {"one_id_insecure_allow_http": True},
        {
            "one_id_emulator_mode": True,
            "one_id_allowed_redirect_uris": ["http://127.0.0.1:8000/one-id/access"],
            "one_id_default_redirect_uri": None,
        },
    ],
    ids=["https", "https-with-http-allowed", "emulator-on-loopback"],
)
def test_no_warning_when_every_redirect_uri_keeps_the_host_cookie(
    overrides: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="oneid_sdk"):
        create_web_router(settings=portal_settings(**overrides), handler=pin_handler)
    assert cookie_warnings(caplog) == []


async def test_the_callback_reaches_oneid_with_the_host_cookie(app: FastAPI, fake_oneid: FakeOneID) -> None:
    async with browser(app) as client:
        login = await client.get("/one-id/login")
        assert [cookie.name for cookie in client.cookies.jar] == [HOST_COOKIE]
        response = await client.get(
            "/one-id/access", params={"code": "c", "state": state_of(login.headers["location"])}
        )
    assert response.status_code == 200
    assert [exchange["redirect_uri"] for exchange in fake_oneid.exchanges] == [CALLBACK]
