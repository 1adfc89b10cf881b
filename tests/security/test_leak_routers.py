"""Leak sentinels through both routers (``oneid_sdk.fastapi`` and the ``fastapi_oneid`` facade).

No answer (status line, headers, body) may hold the client secret, a token, a body OneID sent or personal data,
and no log record may hold any of them, whatever OneID answers. The one exception is fastapi-oneid's debug mode:
``ONE_ID_DEBUG=true`` without a handler answers a completed login with the raw token and user, by contract; the
tests below show that it is the only one (a handler, or debug off, or any failure, and the answer is clean again).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from fastapi import FastAPI, Request

import fastapi_oneid
import oneid_sdk.fastapi
from oneid_sdk import AsyncOneIDClient, InMemoryStateStore, OneIDAuthPayload
from tests.security.leak_sentinels import (
    ACCESS_TOKEN,
    CLIENT_SECRET,
    EXCHANGE_FAILURES,
    IDENTIFY_FAILURES,
    LOG_OUT_FAILURES,
    PERSONAL_DATA,
    PIN,
    REFRESH_TOKEN,
    SECRETS,
    Answer,
    Failure,
    ScriptedOneID,
    assert_clean_answer,
    assert_clean_logs,
    capture_everything,
    running_oneid,
    sentinel_settings,
)

PORTAL = "https://portal.example.uz"
CODE = "sentinel-free-authorization-code"
EVERYTHING = {**SECRETS, **PERSONAL_DATA}
ROUTERS = {"oneid_sdk": oneid_sdk.fastapi, "fastapi_oneid": fastapi_oneid}

COMPLETION_FAILURES = [
    *(pytest.param("exchange_code", failure, id=f"exchange_code-{failure}") for failure in EXCHANGE_FAILURES),
    *(pytest.param("identify", failure, id=f"identify-{failure}") for failure in IDENTIFY_FAILURES),
]
# The facade's routers are the same code: a few failures of each kind show that they are wired the same way.
FACADE_FAILURES = [
    pytest.param(operation, failure, id=f"{operation}-{failure}")
    for operation, failures in (("exchange_code", EXCHANGE_FAILURES), ("identify", IDENTIFY_FAILURES))
    for failure in failures
    if failure.name in {"http-500-html", "not-utf8", "refused", "timeout"}
]


@pytest.fixture(scope="module")
def oneid() -> Iterator[ScriptedOneID]:
    with running_oneid() as script:
        yield script


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    return capture_everything(caplog)


async def signed_in(payload: OneIDAuthPayload, request: Request) -> dict[str, Any]:
    """A handler that answers without echoing anything OneID sent."""
    return {"signed_in": True}


_APPS: dict[tuple[object, ...], FastAPI] = {}


def portal_app(oneid: ScriptedOneID, package: Any, handler: Any, settings: dict[str, Any]) -> FastAPI:
    """An app with both routers of ``package`` over the scripted OneID (built once per configuration)."""
    key = (oneid.base_url, package.__name__, handler, tuple(sorted(settings.items())))
    if key not in _APPS:
        resolved = sentinel_settings(oneid.sso_url, **settings)
        # No connection is kept alive: the app outlives the event loop of each test.
        http = httpx.AsyncClient(timeout=resolved.one_id_timeout, limits=httpx.Limits(max_keepalive_connections=0))
        client = AsyncOneIDClient(resolved, http_client=http)
        store = InMemoryStateStore()
        app = FastAPI()
        for create in (package.create_web_router, package.create_api_router):
            app.include_router(create(client=client, handler=handler, state_store=store))
        _APPS[key] = app
    return _APPS[key]


class Portal:
    """A browser on an app with both routers of ``package``; every answer it gets is kept for the checks."""

    def __init__(self, oneid: ScriptedOneID, package: Any, *, handler: Any = signed_in, **settings: Any) -> None:
        self.app = portal_app(oneid, package, handler, settings)
        self.answers: list[httpx.Response] = []

    async def __aenter__(self) -> Portal:
        self.browser = httpx.AsyncClient(transport=httpx.ASGITransport(app=self.app), base_url=PORTAL)
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.browser.aclose()

    async def send(self, method: str, path: str, **options: Any) -> httpx.Response:
        answer = await self.browser.request(method, path, **options)
        self.answers.append(answer)
        return answer

    async def web_login(self) -> httpx.Response:
        start = await self.send("GET", "/one-id/login")
        state = parse_qs(urlsplit(start.headers["location"]).query)["state"][0]
        return await self.send("GET", "/one-id/access", params={"code": CODE, "state": state})

    async def api_login(self) -> httpx.Response:
        start = (await self.send("POST", "/api/one-id/url")).json()
        state = parse_qs(urlsplit(start["url"]).query)["state"][0]
        body = {"code": CODE, "state": state, "binding": start["binding"]}
        return await self.send("POST", "/api/one-id/token", json=body)

    async def log_out(self) -> httpx.Response:
        return await self.send("POST", "/api/one-id/logout", json={"access_token": ACCESS_TOKEN})

    def assert_clean(self, sentinels: dict[str, str] = EVERYTHING) -> None:
        for answer in self.answers:
            assert_clean_answer(answer, sentinels)


def assert_error_shape(answer: httpx.Response) -> None:
    assert answer.status_code >= 400, answer.text
    body = answer.json()
    assert set(body) == {"detail", "error"}
    assert isinstance(body["detail"], str) and isinstance(body["error"], str)


def failing(operation: str, failure: Failure) -> dict[str, Answer]:
    return {operation: failure.answer}


@pytest.mark.parametrize("flow", ["web", "api"])
@pytest.mark.parametrize(("operation", "failure"), COMPLETION_FAILURES)
async def test_failed_logins_leak_nothing(
    oneid: ScriptedOneID, logs: pytest.LogCaptureFixture, flow: str, operation: str, failure: Failure
) -> None:
    oneid.script(**failing(operation, failure))
    async with Portal(oneid, oneid_sdk.fastapi, one_id_timeout=failure.timeout) as portal:
        answer = await (portal.web_login() if flow == "web" else portal.api_login())

    assert_error_shape(answer)
    portal.assert_clean()
    assert_clean_logs(logs.records, EVERYTHING)


@pytest.mark.parametrize(("operation", "failure"), FACADE_FAILURES)
async def test_failed_logins_through_the_facade_leak_nothing(
    oneid: ScriptedOneID, logs: pytest.LogCaptureFixture, operation: str, failure: Failure
) -> None:
    oneid.script(**failing(operation, failure))
    async with Portal(oneid, fastapi_oneid, one_id_timeout=failure.timeout) as portal:
        web = await portal.web_login()
        api = await portal.api_login()

    assert_error_shape(web)
    assert_error_shape(api)
    portal.assert_clean()
    assert_clean_logs(logs.records, EVERYTHING)


@pytest.mark.parametrize("package", ROUTERS)
@pytest.mark.parametrize("failure", LOG_OUT_FAILURES, ids=str)
async def test_failed_logouts_leak_nothing(
    oneid: ScriptedOneID, logs: pytest.LogCaptureFixture, package: str, failure: Failure
) -> None:
    oneid.script(log_out=failure.answer)
    async with Portal(oneid, ROUTERS[package], one_id_timeout=failure.timeout) as portal:
        answer = await portal.log_out()

    assert_error_shape(answer)
    portal.assert_clean()
    assert_clean_logs(logs.records, EVERYTHING)


@pytest.mark.parametrize("package", ROUTERS)
async def test_successful_logins_and_logout_leak_nothing(
    oneid: ScriptedOneID, logs: pytest.LogCaptureFixture, package: str
) -> None:
    oneid.script()
    async with Portal(oneid, ROUTERS[package]) as portal:
        web = await portal.web_login()
        api = await portal.api_login()
        logout = await portal.log_out()

    assert (web.status_code, web.json()) == (200, {"signed_in": True})
    assert (api.status_code, api.json()) == (200, {"signed_in": True})
    assert logout.status_code == 200
    assert any("login succeeded" in record.getMessage() for record in logs.records)
    portal.assert_clean()
    assert_clean_logs(logs.records, EVERYTHING)


BAD_LOGOUT_REQUESTS = [
    pytest.param({"json": {"access_token": [ACCESS_TOKEN]}}, id="token-in-a-list"),
    pytest.param({"json": {"access_token": {"value": ACCESS_TOKEN}}}, id="token-in-an-object"),
    pytest.param({"json": [ACCESS_TOKEN]}, id="json-array"),
    pytest.param(
        {
            "content": b'{"access_token": "\xff' + ACCESS_TOKEN.encode() + b'"}',
            "headers": {"content-type": "application/json"},
        },
        id="json-not-utf8",
    ),
    pytest.param(
        {"content": f'{{"access_token": "{ACCESS_TOKEN}"'.encode(), "headers": {"content-type": "application/json"}},
        id="json-truncated",
    ),
    pytest.param(
        {"content": f"access_token={ACCESS_TOKEN}".encode(), "headers": {"content-type": "multipart/form-data"}},
        id="multipart-without-boundary",
    ),
]


@pytest.mark.parametrize("request_options", BAD_LOGOUT_REQUESTS)
async def test_malformed_requests_carrying_a_token_do_not_echo_it(
    oneid: ScriptedOneID, logs: pytest.LogCaptureFixture, request_options: dict[str, Any]
) -> None:
    oneid.script()
    calls = len(oneid.forms)
    async with Portal(oneid, oneid_sdk.fastapi) as portal:
        answer = await portal.send("POST", "/api/one-id/logout", **request_options)

    assert answer.status_code == 422, answer.text
    assert len(oneid.forms) == calls  # refused before OneID
    assert_error_shape(answer)
    portal.assert_clean()
    assert_clean_logs(logs.records, EVERYTHING)


# --- the debug mode: the one documented exception --------------------------------------------------------------------


@pytest.mark.parametrize("package", ROUTERS)
async def test_debug_mode_without_a_handler_is_the_only_answer_with_the_raw_token(
    oneid: ScriptedOneID, logs: pytest.LogCaptureFixture, package: str
) -> None:
    oneid.script()
    async with Portal(oneid, ROUTERS[package], handler=None, one_id_debug=True) as portal:
        web = await portal.web_login()
        api = await portal.api_login()

    for answer in (web, api):
        assert answer.status_code == 200
        body = answer.json()
        assert set(body) == {"token", "user"}
        assert body["token"]["access_token"] == ACCESS_TOKEN
        assert body["token"]["refresh_token"] == REFRESH_TOKEN
        assert body["user"]["pin"] == PIN
        assert CLIENT_SECRET not in answer.text
    assert_clean_logs(logs.records, EVERYTHING)


@pytest.mark.parametrize(
    ("handler", "debug"),
    [
        pytest.param(signed_in, True, id="debug-with-a-handler"),
        pytest.param(None, False, id="no-handler-no-debug"),
    ],
)
async def test_without_debug_mode_or_with_a_handler_no_token_is_answered(
    oneid: ScriptedOneID, logs: pytest.LogCaptureFixture, handler: Any, debug: bool
) -> None:
    oneid.script()
    async with Portal(oneid, oneid_sdk.fastapi, handler=handler, one_id_debug=debug) as portal:
        web = await portal.web_login()
        api = await portal.api_login()

    expected = (200, {"signed_in": True}) if handler else (500, {"detail": "OneID handler is not configured"})
    for answer in (web, api):
        assert answer.status_code == expected[0]
        assert json.loads(answer.content).items() >= expected[1].items()
    portal.assert_clean()
    assert_clean_logs(logs.records, EVERYTHING)


@pytest.mark.parametrize(("operation", "failure"), FACADE_FAILURES)
async def test_debug_mode_failures_leak_nothing(
    oneid: ScriptedOneID, logs: pytest.LogCaptureFixture, operation: str, failure: Failure
) -> None:
    oneid.script(**failing(operation, failure))
    async with Portal(
        oneid, oneid_sdk.fastapi, handler=None, one_id_debug=True, one_id_timeout=failure.timeout
    ) as portal:
        web = await portal.web_login()
        api = await portal.api_login()

    assert_error_shape(web)
    assert_error_shape(api)
    portal.assert_clean()
    assert_clean_logs(logs.records, EVERYTHING)
