"""The FastAPI routers: answers, cookies, what is sent to OneID, and login CSRF."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import respx
from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse

from oneid_sdk._generated.client import AsyncOneIDClient
from oneid_sdk.fastapi import create_api_router, create_web_router
from oneid_sdk.payload import OneIDAuthPayload
from oneid_sdk.security import InMemoryStateStore, is_well_formed_binding
from oneid_sdk.settings import OneIDSettings

SSO = "https://sso.test.example/sso/oauth/Authorization.do"
BACKEND = "https://portal.example.uz"
CALLBACK = f"{BACKEND}/one-id/access"
SPA_CALLBACK = "https://app.example.uz/auth/callback"
ACCESS_TOKEN = "3f1c2a9e-access-token-value"
USER = {"pin": "30101850000011", "full_name": "KARIMOV AZIZ", "valid": "true", "ret_cd": "0", "sess_id": "s-1"}


@pytest.fixture
def settings() -> OneIDSettings:
    return OneIDSettings(
        one_id_sso_url=SSO,
        one_id_client_id="portal",
        one_id_client_secret="s3cret-value",
        one_id_scope="portal-scope",
        one_id_allowed_redirect_uris=[CALLBACK, SPA_CALLBACK],
        one_id_default_redirect_uri=CALLBACK,
        one_id_state_ttl=240,
    )


@pytest.fixture
def oneid() -> Iterator[respx.Route]:
    with respx.mock(assert_all_called=False) as mock:
        yield mock.post(SSO)


def answer_logins(route: respx.Route, count: int = 1, user: dict[str, str] | None = None) -> None:
    answers = []
    for _ in range(count):
        answers.append(httpx.Response(200, json={"access_token": ACCESS_TOKEN, "token_type": "Bearer"}))
        answers.append(httpx.Response(200, json=user or USER))
    route.side_effect = answers


async def pin_handler(payload: OneIDAuthPayload, request: Request) -> dict[str, Any]:
    return {"pin": payload.user.pin, "redirect_uri": payload.redirect_uri}


def build_app(settings: OneIDSettings, **options: Any) -> FastAPI:
    store = options.pop("state_store", InMemoryStateStore())
    app = FastAPI()
    app.include_router(create_web_router(settings=settings, state_store=store, **options))
    app.include_router(create_api_router(settings=settings, state_store=store, **options))
    return app


@pytest.fixture
def app(settings: OneIDSettings) -> FastAPI:
    return build_app(settings, handler=pin_handler)


def new_browser(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BACKEND)


@pytest.fixture
async def browser(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with new_browser(app) as client:
        yield client


def state_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["state"][0]


BINDING_COOKIE = "__Host-oneid_binding"


def binding_cookie(response: httpx.Response) -> Any:
    [header] = [value for value in response.headers.get_list("set-cookie") if value.startswith(f"{BINDING_COOKIE}=")]
    assert "domain" not in header.lower()
    return SimpleCookie(header)[BINDING_COOKIE]


# --- web router ----------------------------------------------------------------------------------------------------


async def test_login_redirects_to_oneid_and_sets_the_binding_cookie(browser: httpx.AsyncClient) -> None:
    response = await browser.get("/one-id/login")

    assert response.status_code == 302
    location = response.headers["location"]
    assert location.startswith(SSO + "?")
    assert parse_qs(urlsplit(location).query) == {
        "response_type": ["one_code"],
        "client_id": ["portal"],
        "redirect_uri": [CALLBACK],
        "scope": ["portal-scope"],
        "state": [state_of(location)],
    }
    cookie = binding_cookie(response)
    assert is_well_formed_binding(cookie.value)
    assert cookie["httponly"] is True
    assert cookie["secure"] is True
    assert cookie["samesite"].lower() == "lax"
    assert cookie["path"] == "/"
    assert cookie["max-age"] == "240"
    assert cookie.value not in location


async def test_login_accepts_an_allow_listed_redirect_uri_and_its_alias(browser: httpx.AsyncClient) -> None:
    for name in ("redirect_uri", "redirect_url"):
        response = await browser.get("/one-id/login", params={name: SPA_CALLBACK})
        assert response.status_code == 302
        assert parse_qs(urlsplit(response.headers["location"]).query)["redirect_uri"] == [SPA_CALLBACK]


async def test_login_refuses_a_redirect_uri_off_the_allow_list(browser: httpx.AsyncClient) -> None:
    response = await browser.get("/one-id/login", params={"redirect_uri": "https://evil.example.com/cb"})

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Redirect URI is not present in ONE_ID_ALLOWED_REDIRECT_URIS",
        "error": "redirect_uri_not_allowed",
    }
    assert "set-cookie" not in response.headers


async def test_callback_logs_in_and_sends_oneid_the_exact_forms(browser: httpx.AsyncClient, oneid: respx.Route) -> None:
    answer_logins(oneid)
    state = state_of((await browser.get("/one-id/login")).headers["location"])

    response = await browser.get("/one-id/access", params={"code": "code-1", "state": state})

    assert response.status_code == 200
    assert response.json() == {"pin": "30101850000011", "redirect_uri": CALLBACK}
    assert [call.request.content.decode() for call in oneid.calls] == [
        "grant_type=one_authorization_code&client_id=portal&client_secret=s3cret-value"
        "&redirect_uri=https%3A%2F%2Fportal.example.uz%2Fone-id%2Faccess&code=code-1",
        f"grant_type=one_access_token_identify&client_id=portal&client_secret=s3cret-value"
        f"&access_token={ACCESS_TOKEN}&scope=portal-scope",
    ]
    assert oneid.calls[0].request.headers["content-type"] == "application/x-www-form-urlencoded"


async def test_login_csrf_state_from_browser_a_is_refused_in_browser_b(app: FastAPI, oneid: respx.Route) -> None:
    answer_logins(oneid)
    async with new_browser(app) as attacker, new_browser(app) as victim:
        attacker_state = state_of((await attacker.get("/one-id/login")).headers["location"])
        await victim.get("/one-id/login")

        refused = await victim.get("/one-id/access", params={"code": "attacker-code", "state": attacker_state})
        assert refused.status_code == 400
        assert refused.json() == {
            "detail": "State was issued to another browser or client",
            "error": "state_binding_mismatch",
        }
        assert oneid.call_count == 0

        accepted = await attacker.get("/one-id/access", params={"code": "attacker-code", "state": attacker_state})
        assert accepted.status_code == 200


async def test_callback_without_the_cookie_is_refused_before_oneid(app: FastAPI, oneid: respx.Route) -> None:
    async with new_browser(app) as starter, new_browser(app) as stranger:
        state = state_of((await starter.get("/one-id/login")).headers["location"])
        response = await stranger.get("/one-id/access", params={"code": "c", "state": state})
    assert response.status_code == 400
    assert response.json()["error"] == "state_binding_missing"
    assert "State" in response.json()["detail"]
    assert oneid.call_count == 0


async def test_replayed_callback_is_refused_without_calling_oneid(
    browser: httpx.AsyncClient, oneid: respx.Route
) -> None:
    answer_logins(oneid)
    state = state_of((await browser.get("/one-id/login")).headers["location"])
    assert (await browser.get("/one-id/access", params={"code": "c", "state": state})).status_code == 200

    replay = await browser.get("/one-id/access", params={"code": "c", "state": state})

    assert replay.status_code == 400
    assert replay.json() == {"detail": "State is unknown, expired or already used", "error": "invalid_state"}
    assert oneid.call_count == 2


async def test_one_cookie_per_browser_lets_several_tabs_log_in(browser: httpx.AsyncClient, oneid: respx.Route) -> None:
    answer_logins(oneid, count=2)
    first = await browser.get("/one-id/login")
    second = await browser.get("/one-id/login")
    assert binding_cookie(first).value == binding_cookie(second).value

    states = [state_of(first.headers["location"]), state_of(second.headers["location"])]
    assert states[0] != states[1]
    for state in reversed(states):
        response = await browser.get("/one-id/access", params={"code": "c", "state": state})
        assert response.status_code == 200


async def test_a_malformed_binding_cookie_is_replaced(browser: httpx.AsyncClient) -> None:
    browser.cookies.set(BINDING_COOKIE, "chosen-by-someone-else", domain="portal.example.uz")
    response = await browser.get("/one-id/login")
    value = binding_cookie(response).value
    assert value != "chosen-by-someone-else"
    assert is_well_formed_binding(value)


async def test_callback_without_code_is_a_422(browser: httpx.AsyncClient) -> None:
    response = await browser.get("/one-id/access", params={"state": "s"})
    assert response.status_code == 422
    assert response.json() == {"detail": "Field 'code' is required", "error": "invalid_request"}


DENIED = {
    "detail": "The login was cancelled or refused at OneID. Start the login again.",
    "error": "oneid_login_denied",
}


async def test_a_callback_with_error_is_a_denied_login_and_spends_nothing(
    browser: httpx.AsyncClient, oneid: respx.Route, caplog: pytest.LogCaptureFixture
) -> None:
    """The user cancelled (or OneID refused): 401 oneid_login_denied, not "code is required", and the state stays."""
    answer_logins(oneid)
    state = state_of((await browser.get("/one-id/login")).headers["location"])

    with caplog.at_level(logging.WARNING, logger="oneid_sdk"):
        denied = await browser.get(
            "/one-id/access",
            params={"error": "access_denied", "error_description": "<script>User cancelled</script>", "state": state},
        )

    assert denied.status_code == 401
    assert denied.json() == DENIED
    assert "access_denied" not in denied.text and "script" not in denied.text
    assert oneid.call_count == 0
    assert [record.getMessage() for record in caplog.records if "oneid_login_denied" in record.getMessage()] == [
        "oneid login refused: oneid_login_denied (HTTP 401)"
    ]
    assert (await browser.get("/one-id/access", params={"code": "c", "state": state})).status_code == 200


async def test_the_api_callbacks_answer_a_denied_login_too(browser: httpx.AsyncClient, oneid: respx.Route) -> None:
    answer_logins(oneid)
    state = state_of((await browser.get("/api/one-id/url")).json()["url"])

    echo = await browser.get("/api/one-id/access", params={"error": "access_denied", "state": state})
    token = await browser.post("/api/one-id/token", json={"error": "access_denied", "state": state})

    assert (echo.status_code, echo.json()) == (401, DENIED)
    assert (token.status_code, token.json()) == (401, DENIED)
    assert (await browser.post("/api/one-id/token", json={"code": "c", "state": state})).status_code == 200


async def test_an_empty_error_parameter_is_not_a_denial(browser: httpx.AsyncClient) -> None:
    response = await browser.get("/one-id/access", params={"error": "", "state": "s"})
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"


# --- API router ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "POST-JSON", "POST-FORM"])
async def test_url_answers_the_url_and_binding_and_sets_the_cookie(browser: httpx.AsyncClient, method: str) -> None:
    if method == "GET":
        response = await browser.get("/api/one-id/url", params={"redirect_uri": SPA_CALLBACK})
    elif method == "POST-JSON":
        response = await browser.post("/api/one-id/url", json={"redirect_url": SPA_CALLBACK})
    else:
        response = await browser.post("/api/one-id/url", data={"redirect_uri": SPA_CALLBACK})

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"url", "binding"}
    assert parse_qs(urlsplit(body["url"]).query)["redirect_uri"] == [SPA_CALLBACK]
    cookie = binding_cookie(response)
    assert cookie.value == body["binding"]
    assert cookie["httponly"] is True and cookie["secure"] is True


async def test_post_url_without_a_body_uses_the_default_redirect_uri(browser: httpx.AsyncClient) -> None:
    response = await browser.post("/api/one-id/url", headers={"content-type": "application/json"})
    assert response.status_code == 200
    assert parse_qs(urlsplit(response.json()["url"]).query)["redirect_uri"] == [CALLBACK]


async def test_access_echoes_code_and_state(browser: httpx.AsyncClient) -> None:
    response = await browser.get("/api/one-id/access", params={"code": "c-1", "state": "s-1"})
    assert response.status_code == 200
    assert response.json() == {"code": "c-1", "state": "s-1"}


@pytest.mark.parametrize("encoding", ["json", "form"])
async def test_token_logs_in_with_the_cookie(browser: httpx.AsyncClient, oneid: respx.Route, encoding: str) -> None:
    answer_logins(oneid)
    state = state_of((await browser.get("/api/one-id/url", params={"redirect_uri": SPA_CALLBACK})).json()["url"])
    fields = {"code": "code-7", "state": state, "redirect_url": SPA_CALLBACK}

    if encoding == "json":
        response = await browser.post("/api/one-id/token", json=fields)
    else:
        response = await browser.post("/api/one-id/token", data=fields)

    assert response.status_code == 200
    assert response.json() == {"pin": "30101850000011", "redirect_uri": SPA_CALLBACK}
    assert oneid.calls[0].request.content.decode() == (
        "grant_type=one_authorization_code&client_id=portal&client_secret=s3cret-value"
        "&redirect_uri=https%3A%2F%2Fapp.example.uz%2Fauth%2Fcallback&code=code-7"
    )


async def test_token_accepts_the_binding_in_a_json_body_for_cookieless_clients(
    app: FastAPI, oneid: respx.Route
) -> None:
    answer_logins(oneid)
    async with new_browser(app) as starter:
        started = (await starter.get("/api/one-id/url")).json()
    async with new_browser(app) as mobile_app:
        response = await mobile_app.post(
            "/api/one-id/token",
            json={"code": "c", "state": state_of(started["url"]), "binding": started["binding"]},
        )
    assert response.status_code == 200


async def test_token_ignores_a_binding_sent_as_a_form_field(app: FastAPI, oneid: respx.Route) -> None:
    async with new_browser(app) as starter:
        started = (await starter.get("/api/one-id/url")).json()
    async with new_browser(app) as cross_site_form:
        response = await cross_site_form.post(
            "/api/one-id/token",
            data={"code": "c", "state": state_of(started["url"]), "binding": started["binding"]},
        )
    assert response.status_code == 400
    assert response.json()["error"] == "state_binding_missing"
    assert oneid.call_count == 0


async def test_token_with_an_unknown_state_is_a_400(browser: httpx.AsyncClient, oneid: respx.Route) -> None:
    await browser.get("/api/one-id/url")
    response = await browser.post("/api/one-id/token", json={"code": "c", "state": "never-issued"})
    assert response.status_code == 400
    assert response.json() == {"detail": "State is unknown, expired or already used", "error": "invalid_state"}
    assert oneid.call_count == 0


async def test_token_with_another_redirect_uri_than_the_states_is_a_400(
    browser: httpx.AsyncClient, oneid: respx.Route
) -> None:
    state = state_of((await browser.get("/api/one-id/url", params={"redirect_uri": SPA_CALLBACK})).json()["url"])
    response = await browser.post("/api/one-id/token", json={"code": "c", "state": state, "redirect_uri": CALLBACK})
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Redirect URI does not match the stored state. This login cannot continue: start the login again.",
        "error": "redirect_uri_mismatch",
    }
    assert oneid.call_count == 0


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        ('{"state": "s"}', "Field 'code' is required"),
        ("{not json", "The request body is not valid JSON"),
        ('["code", "state"]', "The request body must be a JSON object"),
        ('{"code": 5, "state": "s"}', "Field 'code' is invalid: Input should be a valid string"),
    ],
)
async def test_malformed_token_request_is_a_422(browser: httpx.AsyncClient, content: str, detail: str) -> None:
    response = await browser.post("/api/one-id/token", content=content, headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json() == {"detail": detail, "error": "invalid_request"}


async def test_refused_user_is_a_401(browser: httpx.AsyncClient, oneid: respx.Route) -> None:
    answer_logins(oneid, user={**USER, "ret_cd": "1"})
    state = state_of((await browser.get("/api/one-id/url")).json()["url"])
    response = await browser.post("/api/one-id/token", json={"code": "c", "state": state})
    assert response.status_code == 401
    assert response.json()["error"] == "identify_refused"
    assert ACCESS_TOKEN not in response.text


async def test_oneid_failure_is_a_502_without_its_body(browser: httpx.AsyncClient, oneid: respx.Route) -> None:
    oneid.side_effect = [httpx.Response(500, text="stack trace with client_secret=s3cret-value")]
    state = state_of((await browser.get("/api/one-id/url")).json()["url"])
    response = await browser.post("/api/one-id/token", json={"code": "c", "state": state})
    assert response.status_code == 502
    assert response.json()["error"] == "oneid_http_error"
    assert "stack trace" not in response.text
    assert "s3cret-value" not in response.text


async def test_oneid_timeout_is_a_504(browser: httpx.AsyncClient, oneid: respx.Route) -> None:
    oneid.side_effect = httpx.ReadTimeout("slow")
    state = state_of((await browser.get("/api/one-id/url")).json()["url"])
    response = await browser.post("/api/one-id/token", json={"code": "c", "state": state})
    assert response.status_code == 504
    assert response.json()["error"] == "oneid_timeout"


async def test_logout_sends_the_logout_grant(browser: httpx.AsyncClient, oneid: respx.Route) -> None:
    oneid.return_value = httpx.Response(200, json={"ret_cd": "0", "extra": "kept upstream"})
    response = await browser.post("/api/one-id/logout", json={"access_token": ACCESS_TOKEN})
    assert response.status_code == 200
    assert response.json() == {"success": True, "ret_cd": "0"}
    assert oneid.calls.last.request.content.decode() == (
        f"grant_type=one_log_out&client_id=portal&client_secret=s3cret-value&access_token={ACCESS_TOKEN}"
        "&scope=portal-scope"
    )


async def test_refused_logout_is_a_400_without_the_token(browser: httpx.AsyncClient, oneid: respx.Route) -> None:
    oneid.return_value = httpx.Response(200, json={"ret_cd": "7"})
    response = await browser.post("/api/one-id/logout", data={"access_token": ACCESS_TOKEN})
    assert response.status_code == 400
    assert response.json()["error"] == "logout_refused"
    assert ACCESS_TOKEN not in response.text


# --- handlers and debug mode ---------------------------------------------------------------------------------------


async def login_through_api(app: FastAPI) -> httpx.Response:
    async with new_browser(app) as browser:
        state = state_of((await browser.get("/api/one-id/url")).json()["url"])
        return await browser.post("/api/one-id/token", json={"code": "c", "state": state})


async def test_sync_handler_may_return_a_response(settings: OneIDSettings, oneid: respx.Route) -> None:
    answer_logins(oneid)

    def handler(payload: OneIDAuthPayload, request: Request) -> PlainTextResponse:
        return PlainTextResponse(f"welcome {payload.user.pin}", status_code=201)

    response = await login_through_api(build_app(settings, handler=handler))
    assert response.status_code == 201
    assert response.text == "welcome 30101850000011"


async def test_sync_handler_returning_a_dict_is_answered_as_json(settings: OneIDSettings, oneid: respx.Route) -> None:
    answer_logins(oneid)
    response = await login_through_api(build_app(settings, handler=lambda payload, request: {"ok": True}))
    assert response.status_code == 200
    assert response.json() == {"ok": True}


async def test_missing_handler_is_a_500_without_the_token(
    settings: OneIDSettings, oneid: respx.Route, caplog: pytest.LogCaptureFixture
) -> None:
    answer_logins(oneid)
    with caplog.at_level(logging.WARNING, logger="oneid_sdk.fastapi"):
        app = build_app(settings)
    assert any("no handler is configured" in record.getMessage() for record in caplog.records)

    response = await login_through_api(app)
    assert response.status_code == 500
    assert response.json() == {"detail": "OneID handler is not configured", "error": "handler_not_configured"}
    assert ACCESS_TOKEN not in response.text


async def test_debug_mode_answers_the_raw_token_and_user_and_warns(
    settings: OneIDSettings, oneid: respx.Route, caplog: pytest.LogCaptureFixture
) -> None:
    answer_logins(oneid)
    with caplog.at_level(logging.WARNING, logger="oneid_sdk.fastapi"):
        app = build_app(settings.model_copy(update={"one_id_debug": True}))
    warnings = [record for record in caplog.records if "ONE_ID_DEBUG" in record.getMessage()]
    assert len(warnings) == 2

    response = await login_through_api(app)
    assert response.status_code == 200
    assert response.json()["token"]["access_token"] == ACCESS_TOKEN
    assert response.json()["user"]["pin"] == "30101850000011"


# --- construction --------------------------------------------------------------------------------------------------


async def test_routers_built_separately_share_the_default_store(settings: OneIDSettings, oneid: respx.Route) -> None:
    answer_logins(oneid)
    app = FastAPI()
    app.include_router(create_web_router(settings=settings, handler=pin_handler))
    app.include_router(create_api_router(settings=settings, handler=pin_handler))
    async with new_browser(app) as browser:
        state = state_of((await browser.get("/one-id/login")).headers["location"])
        response = await browser.post("/api/one-id/token", json={"code": "c", "state": state})
    assert response.status_code == 200


async def test_a_given_client_is_used_and_left_open(settings: OneIDSettings, oneid: respx.Route) -> None:
    oneid.return_value = httpx.Response(200, json={"ret_cd": "0"})
    client = AsyncOneIDClient(settings)
    app = FastAPI()
    app.include_router(create_api_router(client=client))
    async with app.router.lifespan_context(app), new_browser(app) as browser:
        assert (await browser.post("/api/one-id/logout", json={"access_token": "t"})).status_code == 200
    assert (await client.log_out(access_token="t")).ret_cd == "0"
    assert oneid.call_count == 2


async def test_an_app_can_be_started_twice(settings: OneIDSettings, oneid: respx.Route) -> None:
    oneid.return_value = httpx.Response(200, json={"ret_cd": "0"})
    app = build_app(settings, handler=pin_handler)
    for _ in range(2):
        async with app.router.lifespan_context(app), new_browser(app) as browser:
            response = await browser.post("/api/one-id/logout", json={"access_token": "t"})
            assert response.json() == {"success": True, "ret_cd": "0"}


def test_openapi_documents_the_typed_inputs(app: FastAPI) -> None:
    document = app.openapi()
    login = document["paths"]["/one-id/login"]["get"]
    assert [(p["name"], p["in"], p["required"], p.get("deprecated", False)) for p in login["parameters"]] == [
        ("redirect_uri", "query", False, False),
        ("redirect_url", "query", False, True),
    ]

    callback = document["paths"]["/one-id/access"]["get"]
    assert [(p["name"], p["required"]) for p in callback["parameters"]] == [
        ("code", True),
        ("state", True),
        ("error", False),
        ("redirect_uri", False),
        ("redirect_url", False),
    ]
    echo = document["paths"]["/api/one-id/access"]["get"]
    assert [p["name"] for p in echo["parameters"]] == ["code", "state", "error"]

    token = document["paths"]["/api/one-id/token"]["post"]
    content = token["requestBody"]["content"]
    assert content["application/json"]["schema"]["required"] == ["code", "state"]
    assert "binding" in content["application/json"]["schema"]["properties"]
    assert "binding" not in content["application/x-www-form-urlencoded"]["schema"]["properties"]
    assert token["responses"]["400"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorResponse")

    url_get = document["paths"]["/api/one-id/url"]["get"]
    assert url_get["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/AuthorizationUrlResponse"
    )
    assert document["paths"]["/api/one-id/logout"]["post"]["requestBody"]["required"] is True
    assert document["paths"]["/api/one-id/url"]["post"]["requestBody"]["required"] is False


def documented(document: dict[str, Any], path: str, method: str) -> dict[str, str]:
    """The statuses an operation documents, each with its description."""
    responses = document["paths"][path][method]["responses"]
    return {status: answer["description"] for status, answer in responses.items()}


def test_openapi_documents_exactly_the_answers_each_endpoint_can_give(app: FastAPI) -> None:
    document = app.openapi()
    begin = {"400": "redirect_uri_not_allowed", "503": "state_store_unavailable"}
    body = {"413": "request_too_large", "422": "invalid_request"}
    completion = {
        "200": "The handler's answer (the raw token and user in debug mode without a handler)",
        "400": "redirect_uri_not_allowed, redirect_uri_mismatch, invalid_state, state_binding_missing or "
        "state_binding_mismatch",
        "401": "oneid_login_denied, code_exchange_refused or identify_refused",
        "422": "invalid_request",
        "500": "handler_not_configured: no handler and debug mode is off",
        "502": "oneid_http_error, oneid_unreachable or oneid_invalid_response",
        "503": "state_store_unavailable",
        "504": "oneid_timeout",
    }
    assert documented(document, "/one-id/login", "get") == {
        "302": "Redirect to OneID; sets the binding cookie",
        **begin,
    }
    assert documented(document, "/api/one-id/url", "get") == {"200": "Successful Response", **begin}
    assert documented(document, "/api/one-id/url", "post") == {"200": "Successful Response", **begin, **body}
    assert documented(document, "/api/one-id/access", "get") == {
        "200": "Successful Response",
        "401": "oneid_login_denied",
        "422": "invalid_request",
    }
    assert documented(document, "/one-id/access", "get") == completion
    assert documented(document, "/api/one-id/token", "post") == {**completion, **body}
    assert documented(document, "/api/one-id/logout", "post") == {
        "200": "Successful Response",
        "400": "logout_refused",
        **body,
        "502": "oneid_http_error, oneid_unreachable or oneid_invalid_response",
        "504": "oneid_timeout",
    }


async def test_empty_code_is_a_422_and_leaves_the_state_usable(browser: httpx.AsyncClient, oneid: respx.Route) -> None:
    answer_logins(oneid)
    state = state_of((await browser.get("/api/one-id/url")).json()["url"])

    empty = await browser.post("/api/one-id/token", json={"code": "", "state": state})
    assert empty.status_code == 422
    assert empty.json()["error"] == "invalid_request"
    assert oneid.call_count == 0

    assert (await browser.post("/api/one-id/token", json={"code": "c", "state": state})).status_code == 200
