"""Redirect-URI bypass battery: tricks that fooled other allow-lists, tried at every place a URI can be requested.

The allow-list holds ``https://portal.example.uz/one-id/access`` and ``https://app.example.uz/auth/callback``. Each
candidate below is one of them, bent: userinfo (``@``), scheme-relative and doubled slashes, backslashes,
percent-encodings, prefixes and suffixes, case, ports, path traversal, added query or fragment, Unicode and IDN
look-alikes, whitespace and control characters. Each must be refused with ``400 redirect_uri_not_allowed`` when a
login starts (web, API by query, JSON and form, the flows, the fastapi-oneid client) and on the callback; a refusal
sets no cookie, stores no state, spends no state and never reaches OneID.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from fastapi import FastAPI

import fastapi_oneid
from oneid_sdk._generated.client import AsyncOneIDClient, OneIDClient
from oneid_sdk.errors import OneIDInvalidRedirectURIError
from oneid_sdk.fastapi._input import MAX_BODY_BYTES
from oneid_sdk.flow import AsyncLoginFlow, LoginFlow
from oneid_sdk.security import InMemoryStateStore, SyncInMemoryStateStore
from oneid_sdk.settings import OneIDSettings
from tests.security.support import (
    CALLBACK,
    SPA_CALLBACK,
    FakeOneID,
    browser,
    portal_app,
    portal_settings,
    redirect_uri_of,
    state_of,
)

HOST = "portal.example.uz"
PATH = "/one-id/access"

BYPASSES: dict[str, list[str]] = {
    "userinfo": [
        f"https://{HOST}@evil.example{PATH}",
        f"https://evil.example@{HOST}{PATH}",
        f"https://{HOST}:443@evil.example{PATH}",
        f"https://{HOST}%40evil.example{PATH}",
        f"https://{HOST}{PATH}@evil.example",
        f"https://user:pass@{HOST}{PATH}",
        f"https://@{HOST}{PATH}",
    ],
    "slashes": [
        f"//{HOST}{PATH}",
        f"//evil.example{PATH}",
        f"///{HOST}{PATH}",
        f"https:{HOST}{PATH}",
        f"https:/{HOST}{PATH}",
        f"https:///{HOST}{PATH}",
        f"https://{HOST}//evil.example{PATH}",
        f"https://{HOST}{PATH}//evil.example",
        f"https://{HOST}/{PATH}",
        f"https://{HOST}{PATH}/",
    ],
    "backslashes": [
        f"https://{HOST}\\@evil.example{PATH}",
        f"https:\\\\{HOST}{PATH}",
        "https:\\\\evil.example\\one-id\\access",
        f"https://evil.example\\.{HOST}{PATH}",
        f"https://{HOST}\\one-id\\access",
        f"/\\evil.example{PATH}",
        f"https://{HOST}/one-id\\access",
    ],
    "encodings": [
        "https%3A%2F%2Fportal.example.uz%2Fone-id%2Faccess",
        f"https://{HOST}/one-id%2Faccess",
        f"https://{HOST}/one-id/%61ccess",
        "https://portal%2Eexample.uz/one-id/access",
        f"https://{HOST}%2F@evil.example{PATH}",
        f"https://{HOST}/one-id%252Faccess",
        f"https://{HOST}{PATH}%00",
        f"https://{HOST}{PATH}%0d%0aLocation:%20https://evil.example",
        "https://%70ortal.example.uz/one-id/access",
        "aHR0cHM6Ly9wb3J0YWwuZXhhbXBsZS51ei9vbmUtaWQvYWNjZXNz",
    ],
    "prefixes and suffixes": [
        f"https://{HOST}{PATH}x",
        f"https://{HOST}{PATH}.evil.example",
        f"https://{HOST}{PATH[:-1]}",
        f"https://{HOST}/one-id",
        f"https://{HOST}",
        f"https://{HOST}.evil.example{PATH}",
        f"https://evil{HOST}{PATH}",
        f"https://sub.{HOST}{PATH}",
        f"https://{HOST}.{PATH}",
        f"https://{HOST}.:443{PATH}",
        f"{CALLBACK} {CALLBACK}",
        f"{CALLBACK},https://evil.example/cb",
        f"https://evil.example/?next={CALLBACK}",
        f"evil{CALLBACK}",
    ],
    "case": [
        f"HTTPS://{HOST}{PATH}",
        f"https://PORTAL.EXAMPLE.UZ{PATH}",
        f"https://Portal.example.uz{PATH}",
        f"https://{HOST}/ONE-ID/ACCESS",
        f"hTtPs://{HOST}{PATH}",
    ],
    "ports": [
        f"https://{HOST}:443{PATH}",
        f"https://{HOST}:0443{PATH}",
        f"https://{HOST}:8443{PATH}",
        f"https://{HOST}:{PATH}",
        f"https://{HOST}:80{PATH}",
        f"https://{HOST}:65979{PATH}",
    ],
    "path traversal": [
        f"https://{HOST}{PATH}/..",
        f"https://{HOST}{PATH}/../../evil",
        f"https://{HOST}/one-id/../one-id/access",
        f"https://{HOST}/one-id/./access",
        f"https://{HOST}{PATH}/%2e%2e/evil",
        f"https://{HOST}{PATH}/..%2f..%2fevil",
        f"https://{HOST}/evil/..{PATH}",
        f"https://{HOST}{PATH};/../evil",
    ],
    "query and fragment": [
        f"{CALLBACK}?",
        f"{CALLBACK}?x=1",
        f"{CALLBACK}?redirect_uri=https://evil.example",
        f"{CALLBACK}&x=1",
        f"{CALLBACK};x=1",
        f"{CALLBACK}#",
        f"{CALLBACK}#@evil.example",
        f"{CALLBACK}?#",
        f"{SPA_CALLBACK}?next=https://evil.example",
    ],
    "scheme": [
        f"http://{HOST}{PATH}",
        f"wss://{HOST}{PATH}",
        f"javascript://{HOST}/%0aalert(1)",
        f"javascript:alert(1)//{HOST}{PATH}",
        f"data:text/html,{CALLBACK}",
        f"{HOST}{PATH}",
        PATH,
    ],
    "unicode look-alikes": [
        "https://pоrtal.example.uz/one-id/access",  # Cyrillic o
        "https://portal.exаmple.uz/one-id/access",  # Cyrillic a
        "https://ｐｏｒｔａｌ.example.uz/one-id/access",  # full-width
        "https://portal。example。uz/one-id/access",  # ideographic full stops
        "https://portal．example．uz/one-id/access",  # full-width full stops
        "https://xn--prtal-4ve.example.uz/one-id/access",
        "https://portal.example.uz/one‐id/access",  # U+2010 hyphen
        "https://portal.example.uz/one-id/access\u200b",  # zero-width space
        "https://portal.example.uz\u202e/one-id/access",  # right-to-left override
        "https://portal.example.uz/one-id/acceß",
        "https://portal.example.uz/one-id/ａccess",
        "https://portal.example.uz\u2215evil.example/one-id/access",  # division slash
        "https://portal.example.uz\uff0fevil.example",  # full-width solidus
    ],
    "whitespace and control characters": [
        f" {CALLBACK}",
        f"{CALLBACK} ",
        f"{CALLBACK}\t",
        f"\n{CALLBACK}",
        f"{CALLBACK}\r\nSet-Cookie: oneid_binding=x",
        f"{CALLBACK}\x00",
        f"https://portal.exa\tmple.uz{PATH}",
        "https://portal.example.uz/one-id/acc\nss",
        f"{CALLBACK}\u00a0",
        f"\u3000{CALLBACK}",
        f"{CALLBACK}\x7f",
        f"{CALLBACK}\x0b",
    ],
    "size": [
        CALLBACK + "a" * 10_000,
        CALLBACK * 3,
    ],
}

CANDIDATES = [
    pytest.param(candidate, id=f"{kind}-{index}")
    for kind, items in BYPASSES.items()
    for index, candidate in enumerate(items)
]

REFUSAL = {"detail": "Redirect URI is not present in ONE_ID_ALLOWED_REDIRECT_URIS", "error": "redirect_uri_not_allowed"}


@dataclass
class Portal:
    """Everything a candidate is tried against, built once for the module (clients are slow to build)."""

    settings: OneIDSettings
    store: InMemoryStateStore
    app: FastAPI
    flow: AsyncLoginFlow
    sync_store: SyncInMemoryStateStore
    sync_flow: LoginFlow
    legacy_client: fastapi_oneid.OneIDClient


@pytest.fixture(scope="module")
def shared() -> Iterator[Portal]:
    settings = portal_settings()
    store = InMemoryStateStore()
    sync_store = SyncInMemoryStateStore()
    with OneIDClient(settings) as sync_client:
        yield Portal(
            settings=settings,
            store=store,
            app=portal_app(settings, state_store=store),
            flow=AsyncLoginFlow(AsyncOneIDClient(settings), state_store=store),
            sync_store=sync_store,
            sync_flow=LoginFlow(sync_client, state_store=sync_store),
            legacy_client=fastapi_oneid.OneIDClient(settings),
        )


TOO_LARGE = {"detail": f"The request body is larger than {MAX_BODY_BYTES} bytes", "error": "request_too_large"}


def assert_refused(response: httpx.Response) -> None:
    """Refused as off the allow-list (or, for a body over the routers' limit, before it is even read)."""
    if response.request.method == "POST" and len(response.request.content) > MAX_BODY_BYTES:
        assert (response.status_code, response.json()) == (413, TOO_LARGE)
    else:
        assert response.status_code == 400, response.text
        assert response.json() == REFUSAL
    assert "set-cookie" not in response.headers
    assert "location" not in response.headers


def test_every_candidate_differs_from_the_allow_list(portal: OneIDSettings) -> None:
    """The battery is about near misses, not about the allowed strings themselves."""
    allowed = set(portal.redirect_policy.allowed)
    assert all(candidate.values[0] not in allowed for candidate in CANDIDATES)


@pytest.mark.parametrize("candidate", CANDIDATES)
async def test_a_login_cannot_start_with_a_bent_redirect_uri(
    candidate: str, shared: Portal, fake_oneid: FakeOneID
) -> None:
    pending, sync_pending = len(shared.store), len(shared.sync_store)
    with pytest.raises(OneIDInvalidRedirectURIError):
        shared.settings.redirect_policy.resolve(candidate)

    async with browser(shared.app) as client:
        assert_refused(await client.get("/one-id/login", params={"redirect_uri": candidate}))
        assert_refused(await client.get("/one-id/login", params={"redirect_url": candidate}))
        assert_refused(await client.get("/api/one-id/url", params={"redirect_uri": candidate}))
        assert_refused(await client.post("/api/one-id/url", json={"redirect_uri": candidate}))
        assert_refused(await client.post("/api/one-id/url", json={"redirect_url": candidate}))
        assert_refused(await client.post("/api/one-id/url", data={"redirect_uri": candidate}))

    with pytest.raises(OneIDInvalidRedirectURIError):
        await shared.flow.begin(candidate)
    with pytest.raises(OneIDInvalidRedirectURIError):
        shared.sync_flow.begin(candidate)
    with pytest.raises(OneIDInvalidRedirectURIError):
        shared.legacy_client.get_authorization_url(candidate, "state-1")
    with pytest.raises(OneIDInvalidRedirectURIError):
        await shared.legacy_client.exchange_code("code-1", candidate)

    assert (len(shared.store), len(shared.sync_store)) == (pending, sync_pending)
    assert fake_oneid.forms == []


@pytest.mark.parametrize("candidate", CANDIDATES)
async def test_a_callback_naming_a_bent_redirect_uri_is_refused_and_spends_nothing(
    candidate: str, shared: Portal, fake_oneid: FakeOneID
) -> None:
    async with browser(shared.app) as client:
        web_state = state_of((await client.get("/one-id/login")).headers["location"])
        api_state = state_of((await client.get("/api/one-id/url")).json()["url"])
        pending = len(shared.store)

        assert_refused(
            await client.get("/one-id/access", params={"code": "c", "state": web_state, "redirect_uri": candidate})
        )
        assert_refused(
            await client.post("/api/one-id/token", json={"code": "c", "state": api_state, "redirect_url": candidate})
        )
        assert_refused(
            await client.post("/api/one-id/token", data={"code": "c", "state": api_state, "redirect_uri": candidate})
        )
        assert fake_oneid.forms == []
        assert len(shared.store) == pending

        assert (await client.get("/one-id/access", params={"code": "c", "state": web_state})).status_code == 200
        assert (await client.post("/api/one-id/token", json={"code": "c", "state": api_state})).status_code == 200
    assert [exchange["redirect_uri"] for exchange in fake_oneid.exchanges] == [CALLBACK, CALLBACK]
    assert len(shared.store) == pending - 2


async def test_only_the_exact_entries_are_accepted(app: FastAPI, fake_oneid: FakeOneID) -> None:
    async with browser(app) as client:
        for allowed in (CALLBACK, SPA_CALLBACK):
            login = await client.get("/one-id/login", params={"redirect_uri": allowed})
            assert login.status_code == 302
            assert redirect_uri_of(login.headers["location"]) == allowed
            url = await client.post("/api/one-id/url", json={"redirect_uri": allowed})
            assert redirect_uri_of(url.json()["url"]) == allowed


async def test_an_empty_redirect_uri_means_the_default(app: FastAPI) -> None:
    async with browser(app) as client:
        login = await client.get("/one-id/login", params={"redirect_uri": ""})
    assert login.status_code == 302
    assert redirect_uri_of(login.headers["location"]) == CALLBACK


async def test_a_redirect_uri_that_is_not_a_string_is_a_422(app: FastAPI) -> None:
    async with browser(app) as client:
        for value in ([CALLBACK], {"uri": CALLBACK}, 443, True):
            response = await client.post("/api/one-id/url", json={"redirect_uri": value})
            assert response.status_code == 422
            assert response.json()["error"] == "invalid_request"
            assert "set-cookie" not in response.headers
