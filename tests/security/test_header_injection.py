"""No request header (``Host``, ``X-Forwarded-*``, ``Forwarded``, ...) influences a redirect URI or the cookie.

The redirect URI comes from the allow-list only; the routers never build one from the request's URL. Tried with
hostile headers on every endpoint, also behind a proxy-headers middleware that trusts them and with a hostile
base URL, the authorization URL, the redirect URI sent to OneID, the handler's payload and the binding cookie are
exactly those of a clean request.
"""

from __future__ import annotations

from typing import Any, cast

import pytest
from fastapi import FastAPI
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from oneid_sdk.settings import OneIDSettings
from tests.security.support import (
    CALLBACK,
    SPA_CALLBACK,
    SSO,
    FakeOneID,
    binding_cookie,
    browser,
    portal_app,
    query_of,
    set_cookies,
    state_of,
)

EVIL = "evil.example"
HOSTILE_HEADERS = {
    "host": EVIL,
    "x-forwarded-host": EVIL,
    "x-forwarded-server": EVIL,
    "x-forwarded-proto": "http",
    "x-forwarded-scheme": "http",
    "x-forwarded-port": "8080",
    "x-forwarded-prefix": "/evil",
    "x-forwarded-for": "127.0.0.1",
    "x-forwarded-ssl": "off",
    "forwarded": f'for=127.0.0.1;host={EVIL};proto=http, for="[::1]";host=localhost',
    "x-original-url": f"https://{EVIL}/one-id/access",
    "x-rewrite-url": f"https://{EVIL}/one-id/access",
    "x-original-host": EVIL,
    "x-host": EVIL,
    "x-http-host-override": EVIL,
    "x-real-ip": "127.0.0.1",
    "origin": f"https://{EVIL}",
    "referer": f"https://{EVIL}/one-id/access",
}


def without_state(url: str) -> dict[str, list[str]]:
    query = query_of(url)
    del query["state"]
    return query


def assert_clean_authorization_url(url: str, redirect_uri: str) -> None:
    assert url.startswith(SSO + "?")
    assert without_state(url) == {
        "response_type": ["one_code"],
        "client_id": ["portal"],
        "redirect_uri": [redirect_uri],
        "scope": ["portal"],
    }
    assert EVIL not in url


def assert_clean_cookie(response: Any) -> None:
    cookie = binding_cookie(response)
    assert cookie["path"] == "/"
    assert cookie["domain"] == ""
    assert all(EVIL not in header and "localhost" not in header for header in set_cookies(response))


def apps(portal: OneIDSettings) -> dict[str, Any]:
    return {
        "plain": portal_app(portal),
        "behind a trusting proxy middleware": ProxyHeadersMiddleware(cast(Any, portal_app(portal)), trusted_hosts="*"),
        "mounted under a root path": mounted(portal),
    }


def mounted(portal: OneIDSettings) -> Any:
    """The portal behind a server configured with a root path (as a proxy prefix would set it)."""
    inner = portal_app(portal)

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await inner({**scope, "root_path": "/evil"} if scope["type"] == "http" else scope, receive, send)

    return app


@pytest.mark.parametrize("kind", ["plain", "behind a trusting proxy middleware", "mounted under a root path"])
@pytest.mark.parametrize("base_url", ["https://portal.example.uz", f"https://{EVIL}:8443"])
async def test_hostile_headers_do_not_move_the_redirect_uri(
    kind: str, base_url: str, portal: OneIDSettings, fake_oneid: FakeOneID
) -> None:
    async with browser(apps(portal)[kind], base_url=base_url) as client:
        client.headers.update(HOSTILE_HEADERS)

        login = await client.get("/one-id/login")
        assert login.status_code == 302
        assert_clean_authorization_url(login.headers["location"], CALLBACK)
        assert_clean_cookie(login)
        web = await client.get(
            "/one-id/access", params={"code": "web-code", "state": state_of(login.headers["location"])}
        )

        started = await client.post("/api/one-id/url", json={"redirect_uri": SPA_CALLBACK})
        assert started.status_code == 200
        assert_clean_authorization_url(started.json()["url"], SPA_CALLBACK)
        assert_clean_cookie(started)
        api = await client.post(
            "/api/one-id/token",
            json={"code": "api-code", "state": state_of(started.json()["url"]), "binding": started.json()["binding"]},
        )

    assert web.status_code == 200
    assert web.json() == {"pin": "30101850000011", "redirect_uri": CALLBACK}
    assert api.status_code == 200
    assert api.json() == {"pin": "30101850000011", "redirect_uri": SPA_CALLBACK}
    assert [(form["code"], form["redirect_uri"]) for form in fake_oneid.exchanges] == [
        ("web-code", CALLBACK),
        ("api-code", SPA_CALLBACK),
    ]


@pytest.mark.parametrize("header", sorted(HOSTILE_HEADERS))
async def test_each_header_alone_changes_nothing(header: str, app: FastAPI) -> None:
    async with browser(app) as client:
        clean = await client.get("/one-id/login")
        hostile = await client.get("/one-id/login", headers={header: HOSTILE_HEADERS[header]})
    assert without_state(hostile.headers["location"]) == without_state(clean.headers["location"])
    assert binding_cookie(hostile).output() == binding_cookie(clean).output()


async def test_a_forwarded_callback_url_cannot_replace_the_stored_redirect_uri(
    app: FastAPI, fake_oneid: FakeOneID
) -> None:
    async with browser(app) as client:
        state = state_of((await client.get("/one-id/login")).headers["location"])
        response = await client.get(
            "/one-id/access",
            params={"code": "c", "state": state},
            headers={"x-forwarded-host": EVIL, "x-original-url": f"/one-id/access?redirect_uri=https://{EVIL}/"},
        )
    assert response.status_code == 200
    assert [form["redirect_uri"] for form in fake_oneid.exchanges] == [CALLBACK]
