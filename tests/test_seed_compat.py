"""Code written against fastapi-oneid 0.2 (its README and public modules) keeps working on oneid-sdk."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import respx
from fastapi import FastAPI, Request

import oneid_sdk.errors
import oneid_sdk.settings
from oneid_sdk._generated.client import AsyncOneIDClient
from oneid_sdk.security import new_binding, store_key

SSO = "https://sso.egov.uz/sso/oauth/Authorization.do"
BACKEND_CALLBACK = "https://backend.example.com/one-id/access"
FRONTEND_CALLBACK = "https://frontend.example.com/auth/oneid/callback"
IDENTIFIED = {
    "valid": "true",
    "validation_method": ["MOBILEMETHOD"],
    "pin": "42002920000022",
    "full_name": "KIM ELENA",
    "user_type": "I",
    "sess_id": "b9a7",
    "ret_cd": "0",
    "auth_method": "MOBILEMETHOD",
    "legal_info": {"is_basic": "true", "tin": "300000033", "le_name": "NAMUNA"},
}

FASTAPI_ONEID_MODULES = {
    "fastapi_oneid": [
        "InMemoryStateStore",
        "OneIDAuthHandler",
        "OneIDAuthPayload",
        "OneIDClient",
        "OneIDLegalInfo",
        "OneIDLogoutResponse",
        "OneIDSettings",
        "OneIDTokenResponse",
        "OneIDUserInfo",
        "StateStore",
        "create_api_router",
        "create_web_router",
    ],
    "fastapi_oneid.client": ["OneIDClient"],
    "fastapi_oneid.constants": [
        "RESPONSE_TYPE",
        "GRANT_TYPE_AUTHORIZATION_CODE",
        "GRANT_TYPE_ACCESS_TOKEN_IDENTIFY",
        "GRANT_TYPE_LOGOUT",
        "DEFAULT_TIMEOUT",
        "DEFAULT_DEBUG",
        "DEFAULT_STATE_TTL",
    ],
    "fastapi_oneid.exceptions": [
        "OneIDError",
        "OneIDHTTPError",
        "OneIDInvalidStateError",
        "OneIDInvalidRedirectURIError",
        "OneIDTokenExchangeError",
        "OneIDUserInfoError",
        "OneIDLogoutError",
        "OneIDTokenError",
        "OneIDUpstreamError",
    ],
    "fastapi_oneid.handlers": ["HandlerResult", "OneIDAuthHandler"],
    "fastapi_oneid.routers": ["create_api_router", "create_web_router"],
    "fastapi_oneid.schemas": [
        "LoginRequest",
        "TokenRequest",
        "AccessCallbackResponse",
        "LogoutRequest",
        "AuthorizationUrlResponse",
        "OneIDTokenResponse",
        "OneIDLegalInfo",
        "OneIDUserInfo",
        "OneIDAuthPayload",
        "OneIDLogoutResponse",
    ],
    "fastapi_oneid.security": [
        "StateStore",
        "InMemoryStateStore",
        "generate_state",
        "validate_redirect_uri",
        "store_state",
        "verify_state",
    ],
    "fastapi_oneid.settings": ["OneIDSettings"],
}


@pytest.fixture
def readme_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The example .env of the fastapi-oneid README, as environment variables."""
    monkeypatch.setenv("ONE_ID_SSO_URL", SSO)
    monkeypatch.setenv("ONE_ID_CLIENT_ID", "myportal")
    monkeypatch.setenv("ONE_ID_CLIENT_SECRET", "super-secret")
    monkeypatch.setenv("ONE_ID_SCOPE", "myportal")
    monkeypatch.setenv("ONE_ID_ALLOWED_REDIRECT_URIS", f'["{BACKEND_CALLBACK}","{FRONTEND_CALLBACK}"]')
    monkeypatch.setenv("ONE_ID_DEFAULT_REDIRECT_URI", BACKEND_CALLBACK)
    monkeypatch.setenv("ONE_ID_TIMEOUT", "5.0")
    monkeypatch.setenv("ONE_ID_DEBUG", "false")


@pytest.fixture
def oneid() -> Iterator[respx.Route]:
    with respx.mock(assert_all_called=False) as mock:
        yield mock.post(SSO)


def answer_login(route: respx.Route) -> None:
    route.side_effect = [
        httpx.Response(200, json={"access_token": "tok-1", "token_type": "bearer"}),
        httpx.Response(200, json=IDENTIFIED),
    ]


def browser(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://backend.example.com")


def state_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["state"][0]


def quick_start_app() -> FastAPI:
    """The README's Quick Start, unchanged apart from the comments."""
    from fastapi_oneid import OneIDAuthPayload, create_api_router, create_web_router

    app = FastAPI(title="My OneID Integration")

    async def auth_handler(payload: OneIDAuthPayload, request: Request) -> dict[str, object]:
        return {"token": "project-jwt", "user": {"pin": payload.user.pin, "full_name": payload.user.full_name}}

    app.include_router(create_web_router(handler=auth_handler))
    app.include_router(create_api_router(handler=auth_handler))
    return app


@pytest.mark.parametrize("module", sorted(FASTAPI_ONEID_MODULES))
def test_every_public_fastapi_oneid_name_exists(module: str) -> None:
    imported = importlib.import_module(module)
    missing = [name for name in FASTAPI_ONEID_MODULES[module] if not hasattr(imported, name)]
    assert missing == []


def test_the_store_shape_of_fastapi_oneid_has_a_name_users_understand() -> None:
    import fastapi_oneid
    import oneid_sdk.fastapi

    assert fastapi_oneid.StateStore is oneid_sdk.fastapi.LegacyStateStore
    assert {"LegacyStateStore", "LegacyStateStoreAdapter"} <= set(oneid_sdk.fastapi.__all__)
    assert [name for name in dir(oneid_sdk.fastapi) if "seed" in name.lower()] == []


def test_the_facade_reuses_oneid_sdk_instead_of_copying_it() -> None:
    import fastapi_oneid
    from fastapi_oneid import exceptions

    assert fastapi_oneid.OneIDSettings is oneid_sdk.settings.OneIDSettings
    assert issubclass(fastapi_oneid.OneIDClient, AsyncOneIDClient)
    assert exceptions.OneIDHTTPError is oneid_sdk.errors.OneIDHTTPError
    assert issubclass(exceptions.OneIDTokenError, exceptions.OneIDTokenExchangeError)
    assert issubclass(exceptions.OneIDUpstreamError, exceptions.OneIDHTTPError)


def test_readme_environment_is_read(readme_environment: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi_oneid import OneIDSettings
    from fastapi_oneid.constants import DEFAULT_DEBUG, DEFAULT_STATE_TTL, DEFAULT_TIMEOUT

    settings = OneIDSettings()
    assert settings.one_id_allowed_redirect_uris == [BACKEND_CALLBACK, FRONTEND_CALLBACK]
    assert (settings.one_id_timeout, settings.one_id_debug, settings.one_id_state_ttl) == (5.0, False, 300)
    assert (DEFAULT_TIMEOUT, DEFAULT_DEBUG, DEFAULT_STATE_TTL) == (5.0, False, 300)

    monkeypatch.delenv("ONE_ID_SCOPE")
    monkeypatch.setenv("ONE_ID_CLIENT_SCOPE", "alias-scope")
    monkeypatch.setenv("ONE_ID_ALLOWED_REDIRECT_URIS", f"{BACKEND_CALLBACK},{FRONTEND_CALLBACK}")
    settings = OneIDSettings()
    assert settings.one_id_scope == "alias-scope"
    assert settings.one_id_allowed_redirect_uris == [BACKEND_CALLBACK, FRONTEND_CALLBACK]


async def test_quick_start_web_flow(readme_environment: None, oneid: respx.Route) -> None:
    answer_login(oneid)
    async with browser(quick_start_app()) as client:
        login = await client.get("/one-id/login")
        assert login.status_code in {302, 307}
        location = login.headers["location"]
        assert parse_qs(urlsplit(location).query)["redirect_uri"] == [BACKEND_CALLBACK]

        response = await client.get("/one-id/access", params={"code": "oneid-code", "state": state_of(location)})

    assert response.status_code == 200
    assert response.json() == {"token": "project-jwt", "user": {"pin": "42002920000022", "full_name": "KIM ELENA"}}
    assert "super-secret" in oneid.calls[0].request.content.decode()


async def test_login_with_an_alternative_redirect_uri(readme_environment: None) -> None:
    async with browser(quick_start_app()) as client:
        login = await client.get("/one-id/login", params={"redirect_uri": FRONTEND_CALLBACK})
    assert parse_qs(urlsplit(login.headers["location"]).query)["redirect_uri"] == [FRONTEND_CALLBACK]


async def test_api_flow_from_the_readme(readme_environment: None, oneid: respx.Route) -> None:
    answer_login(oneid)
    async with browser(quick_start_app()) as client:
        url = (await client.get("/api/one-id/url", params={"redirect_uri": FRONTEND_CALLBACK})).json()["url"]
        assert (await client.post("/api/one-id/url")).status_code == 200
        response = await client.post(
            "/api/one-id/token",
            json={"code": "oneid-returned-code", "state": state_of(url), "redirect_uri": FRONTEND_CALLBACK},
        )
    assert response.status_code == 200
    assert response.json()["user"]["pin"] == "42002920000022"


async def test_handler_example_reads_the_typed_user(readme_environment: None, oneid: respx.Route) -> None:
    from fastapi_oneid import OneIDAuthPayload, create_api_router

    async def auth_handler(payload: OneIDAuthPayload, request: Request) -> dict[str, object]:
        user = payload.user
        return {"token": "project-jwt", "profile": {"pin": user.pin, "is_validated": user.valid}}

    answer_login(oneid)
    app = FastAPI()
    app.include_router(create_api_router(handler=auth_handler))
    async with browser(app) as client:
        url = (await client.get("/api/one-id/url")).json()["url"]
        response = await client.post("/api/one-id/token", data={"code": "c", "state": state_of(url)})
    assert response.json() == {"token": "project-jwt", "profile": {"pin": "42002920000022", "is_validated": True}}


async def test_low_level_logout_example(readme_environment: None, oneid: respx.Route) -> None:
    from fastapi_oneid import OneIDClient, OneIDSettings

    oneid.return_value = httpx.Response(200, json={"ret_cd": "0"})
    client = OneIDClient(settings=OneIDSettings())
    logout_response = await client.logout("access-token")
    await client.aclose()

    assert logout_response.success is True
    assert logout_response.ret_cd == "0"
    assert oneid.calls.last.request.content.decode() == (
        "grant_type=one_log_out&client_id=myportal&client_secret=super-secret&access_token=access-token&scope=myportal"
    )


async def test_router_logout_example(readme_environment: None, oneid: respx.Route) -> None:
    oneid.return_value = httpx.Response(200, json={"ret_cd": "0"})
    async with browser(quick_start_app()) as client:
        response = await client.post("/api/one-id/logout", json={"access_token": "oneid-access-token"})
    assert response.json() == {"success": True, "ret_cd": "0"}


async def test_fastapi_oneid_client_methods_check_the_allow_list(readme_environment: None, oneid: respx.Route) -> None:
    from fastapi_oneid import OneIDClient
    from fastapi_oneid.exceptions import OneIDInvalidRedirectURIError

    answer_login(oneid)
    client = OneIDClient()
    assert client.http_client is not None
    with pytest.raises(OneIDInvalidRedirectURIError):
        client.get_authorization_url("https://evil.example.com/cb", "state-1")
    with pytest.raises(OneIDInvalidRedirectURIError):
        await client.exchange_code("code", "https://evil.example.com/cb")
    assert oneid.call_count == 0

    user = await client.get_user("code", FRONTEND_CALLBACK)
    assert user.pin == "42002920000022"
    assert user.legal_info is not None and user.legal_info[0].is_basic is True
    await client.aclose()


async def test_a_fastapi_oneid_style_custom_store_still_works(readme_environment: None, oneid: respx.Route) -> None:
    from fastapi_oneid import create_api_router

    class DictStore:
        def __init__(self) -> None:
            self.values: dict[str, str] = {}

        async def store(self, state: str, redirect_uri: str, ttl: int) -> None:
            self.values[state] = redirect_uri

        async def pop(self, state: str) -> str | None:
            return self.values.pop(state, None)

    answer_login(oneid)
    store = DictStore()
    app = FastAPI()
    app.include_router(create_api_router(state_store=store, handler=lambda payload, request: {"pin": payload.user.pin}))
    async with browser(app) as client, browser(app) as other_browser:
        state = state_of((await client.get("/api/one-id/url")).json()["url"])
        foreign = await other_browser.post("/api/one-id/token", json={"code": "c", "state": state})
        assert foreign.status_code == 400
        assert store_key("myportal", state) in store.values
        response = await client.post("/api/one-id/token", json={"code": "c", "state": state})
    assert response.json() == {"pin": "42002920000022"}
    assert store.values == {}


async def test_fastapi_oneid_state_helpers_work_and_cannot_redeem_a_bound_state(readme_environment: None) -> None:
    from fastapi_oneid import InMemoryStateStore, OneIDSettings
    from fastapi_oneid.exceptions import OneIDInvalidRedirectURIError, OneIDInvalidStateError
    from fastapi_oneid.security import generate_state, store_state, validate_redirect_uri, verify_state
    from oneid_sdk.security import StateManager

    store = InMemoryStateStore()
    state = generate_state()
    await store_state(store, state=state, redirect_uri=FRONTEND_CALLBACK, ttl=60)
    assert await verify_state(store, state, FRONTEND_CALLBACK) == FRONTEND_CALLBACK
    with pytest.raises(OneIDInvalidStateError):
        await verify_state(store, state)

    await store_state(store, state="s2", redirect_uri=FRONTEND_CALLBACK, ttl=60)
    with pytest.raises(OneIDInvalidRedirectURIError, match="does not match"):
        await verify_state(store, "s2", BACKEND_CALLBACK)

    bound = await StateManager(store, ttl=60).issue(BACKEND_CALLBACK, binding=new_binding())
    with pytest.raises(OneIDInvalidStateError):
        await verify_state(store, bound.state)
    assert await StateManager(store, ttl=60).redeem(bound.state, bound.binding) == BACKEND_CALLBACK

    allowed = OneIDSettings().one_id_allowed_redirect_uris
    assert validate_redirect_uri(f"  {FRONTEND_CALLBACK} ", allowed) == FRONTEND_CALLBACK
    for rejected in ("", "ftp://frontend.example.com/x", "https://localhost/cb", "https://evil.example.com/cb"):
        with pytest.raises(OneIDInvalidRedirectURIError):
            validate_redirect_uri(rejected, allowed)
