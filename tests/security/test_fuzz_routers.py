"""Fuzzing the routers from their own OpenAPI document: no generated request gets a 500.

schemathesis reads ``/openapi.json`` of an app that mounts both routers and sends what the schema allows and what it
does not (wrong types, missing fields, odd bodies and encodings). No answer may be a 500 or any status the operation
does not document, and every error answer must be ``{"detail": str, "error": str}``, the shape of every error answer.
Three apps are fuzzed:

- the routers over the in-process OneID emulator (the states are real, so most requests stop at the state check);
- the routers with a state store that accepts every state and a OneID that answers each code or token with one of
  its failure modes (HTTP errors, HTML, JSON that is not an object, refusals, missing fields, timeouts), so that the
  generated input reaches the upstream calls and every way they fail;
- the ``fastapi_oneid`` facade's routers over the emulator.

The runs are derandomized and bounded, so the suite stays fast and a failure replays the same way.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

import httpx
import pytest
import schemathesis
from fastapi import FastAPI, Request
from hypothesis import HealthCheck, settings

import fastapi_oneid
from oneid_sdk._generated.client import AsyncOneIDClient
from oneid_sdk.emulator import RegisteredClient, create_app
from oneid_sdk.fastapi import create_api_router, create_web_router
from oneid_sdk.payload import OneIDAuthPayload
from oneid_sdk.security import BINDING_COOKIE_NAME, InMemoryStateStore, PendingLogin, Redemption, RedemptionOutcome
from oneid_sdk.settings import OneIDSettings

SSO = "https://sso.fuzz.example/sso/oauth/Authorization.do"
CALLBACK = "https://portal.example.uz/one-id/access"
SPA_CALLBACK = "https://app.example.uz/auth/callback"
CLIENT_ID = "fuzz-portal"
CLIENT_SECRET = "fuzz-client-secret-value"
SCOPE = "fuzz-scope"

SETTINGS = OneIDSettings(
    one_id_sso_url=SSO,
    one_id_client_id=CLIENT_ID,
    one_id_client_secret=CLIENT_SECRET,
    one_id_scope=SCOPE,
    one_id_allowed_redirect_uris=[CALLBACK, SPA_CALLBACK],
    one_id_default_redirect_uri=CALLBACK,
)

# Each operation is fuzzed with this many examples (plus the explicit and coverage cases schemathesis adds).
FUZZ = settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


async def pin_handler(payload: OneIDAuthPayload, request: Request) -> dict[str, Any]:
    return {"pin": payload.user.pin}


def emulator_http() -> httpx.AsyncClient:
    emulator = create_app([RegisteredClient(CLIENT_ID, CLIENT_SECRET, SCOPE, [CALLBACK, SPA_CALLBACK])])
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=emulator))


class AnyStateStore(InMemoryStateStore):
    """A store that redeems every state, so that generated codes and states reach OneID."""

    async def redeem(self, state: str, binding_hash: str) -> Redemption:
        login = PendingLogin(redirect_uri=CALLBACK, binding_hash=binding_hash, client_id=CLIENT_ID)
        return Redemption(RedemptionOutcome.REDEEMED, login)


def _token_answer(choice: int) -> httpx.Response:
    answers = [
        httpx.Response(200, json={"access_token": "fuzz-access", "refresh_token": "fuzz-refresh", "expires_in": 1}),
        httpx.Response(200, json={"error": "invalid_grant", "error_description": "unknown code"}),
        httpx.Response(500, text="<html>upstream failure</html>"),
        httpx.Response(200, text="<html>not json</html>"),
        httpx.Response(200, json=["not", "an", "object"]),
        httpx.Response(200, json={"access_token": ""}),
        httpx.Response(200, content=b"\xff\xfe\x00broken"),
        httpx.Response(302, headers={"location": "https://elsewhere.example/"}),
        httpx.Response(200, content=b"[" * 100_000),
        httpx.Response(200, content=b'{"access_token": "fuzz-access", "expires_in": ' + b"9" * 5000 + b"}"),
    ]
    return answers[choice % len(answers)]


def _identify_answer(choice: int) -> httpx.Response:
    answers = [
        httpx.Response(200, json={"pin": "30101850000011", "valid": "true", "legal_info": "", "birth_date": "x"}),
        httpx.Response(200, json={"ret_cd": "5", "error": "token expired"}),
        httpx.Response(200, json={"ret_cd": 7}),
        httpx.Response(200, json={"full_name": "NO PIN"}),
        httpx.Response(200, json={"pin": ["not", "a", "string"]}),
        httpx.Response(503, json={"error": "down"}),
        httpx.Response(200, json=None),
        httpx.Response(200, content=b'{"pin": "30101850000011", "legal_info": ' + b"[" * 100_000 + b"}"),
    ]
    return answers[choice % len(answers)]


def _log_out_answer(choice: int) -> httpx.Response:
    answers = [
        httpx.Response(200, json={"ret_cd": "0"}),
        httpx.Response(200, json={"ret_cd": "1", "error": "unknown token"}),
        httpx.Response(400, text="bad request"),
        httpx.Response(200, text=""),
        httpx.Response(200, content=b'{"ret_cd": ' + b"[" * 100_000),
    ]
    return answers[choice % len(answers)]


class ChaoticOneID:
    """OneID answering each grant with its failure modes in turn (and sometimes with success)."""

    def __init__(self) -> None:
        self.calls = itertools.count()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        turn = next(self.calls)
        if turn % 11 == 5:
            raise httpx.ReadTimeout("timed out", request=request)
        if turn % 13 == 7:
            raise httpx.ConnectError("refused", request=request)
        if b"grant_type=one_authorization_code" in request.content:
            return _token_answer(turn)
        if b"grant_type=one_access_token_identify" in request.content:
            return _identify_answer(turn)
        return _log_out_answer(turn)


def chaotic_client() -> AsyncOneIDClient:
    return AsyncOneIDClient(SETTINGS, http_client=httpx.AsyncClient(transport=httpx.MockTransport(ChaoticOneID())))


def sdk_app(client: AsyncOneIDClient, store: Any) -> FastAPI:
    app = FastAPI()
    app.include_router(create_web_router(client=client, handler=pin_handler, state_store=store))
    app.include_router(create_api_router(client=client, handler=pin_handler, state_store=store))
    return app


def facade_app() -> FastAPI:
    client = fastapi_oneid.OneIDClient(SETTINGS, emulator_http())
    store = fastapi_oneid.InMemoryStateStore()
    app = FastAPI()
    app.include_router(fastapi_oneid.create_web_router(client=client, handler=pin_handler, state_store=store))
    app.include_router(fastapi_oneid.create_api_router(client=client, handler=pin_handler, state_store=store))
    return app


emulated = schemathesis.openapi.from_asgi(
    "/openapi.json", sdk_app(AsyncOneIDClient(SETTINGS, http_client=emulator_http()), InMemoryStateStore())
)
chaotic = schemathesis.openapi.from_asgi("/openapi.json", sdk_app(chaotic_client(), AnyStateStore()))
facade = schemathesis.openapi.from_asgi("/openapi.json", facade_app())


# 200 and 302 for a login, 4xx for bad input (405: a method the path does not serve; 413: a body over the limit),
# 502/504 when OneID fails.
EXPECTED_STATUSES = frozenset({200, 302, 400, 401, 405, 413, 422, 502, 504})


def check_answer(response: schemathesis.Response, case: schemathesis.Case[Any] | None = None) -> None:
    assert response.status_code in EXPECTED_STATUSES, f"HTTP {response.status_code}: {response.text[:300]}"
    if response.status_code == 405:
        # A method the path does not serve: the routers answer it in the same shape, with the methods it does serve.
        assert "allow" in response.headers
    elif case is not None:
        documented = case.operation.definition.raw.get("responses", {})
        assert str(response.status_code) in documented, f"{case.operation.label} answered an undocumented status"
    if response.status_code < 400:
        return
    body = json.loads(response.content)
    assert isinstance(body, dict), body
    assert set(body) == {"detail", "error"}, body
    assert isinstance(body["detail"], str) and body["detail"], body
    assert isinstance(body["error"], str) and body["error"], body


@emulated.parametrize()
@FUZZ
def test_routers_over_the_emulator(case: schemathesis.Case[Any]) -> None:
    check_answer(case.call(), case)


@chaotic.parametrize()
@FUZZ
def test_routers_over_a_failing_oneid(case: schemathesis.Case[Any]) -> None:
    # A well-formed binding cookie, so that generated states get past the binding check to the store and OneID.
    check_answer(case.call(cookies={BINDING_COOKIE_NAME: "b" * 43}), case)


@facade.parametrize()
@FUZZ
def test_fastapi_oneid_routers(case: schemathesis.Case[Any]) -> None:
    check_answer(case.call(), case)


HOSTILE_BODIES = [
    pytest.param("application/json", b"[" * 100_000, id="json-nested-too-deep"),
    pytest.param("application/json", b'{"code": ' + b"9" * 5000 + b"}", id="json-number-too-long"),
    pytest.param("application/json", b'{"code": "\xff\xfe"}', id="json-not-utf8"),
    pytest.param("application/json", b'["code", "state"]', id="json-array"),
    pytest.param("multipart/form-data", b"code=x&state=y", id="multipart-without-boundary"),
    pytest.param(
        "multipart/form-data; boundary=cut",
        b'--cut\r\nContent-Disposition: form-data; name="code"; filename="code.txt"\r\n\r\nx\r\n--cut--\r\n',
        id="multipart-file-for-a-field",
    ),
    pytest.param("multipart/form-data; boundary=cut", b"--cut\r\nno end", id="multipart-truncated"),
    pytest.param("application/x-www-form-urlencoded", b"code=%ff%fe&state=%00", id="form-bad-percent-escapes"),
]


@pytest.mark.parametrize("path", ["/api/one-id/url", "/api/one-id/token", "/api/one-id/logout"])
@pytest.mark.parametrize(("content_type", "body"), HOSTILE_BODIES)
async def test_hostile_bodies_get_a_contract_error(path: str, content_type: str, body: bytes) -> None:
    app = sdk_app(chaotic_client(), InMemoryStateStore())
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://portal.example.uz") as http:
        response = await http.post(path, content=body, headers={"content-type": content_type})

    assert response.status_code in {200, 400, 413, 422, 502, 504}, response.text
    if response.status_code >= 400:
        assert set(response.json()) == {"detail", "error"}
