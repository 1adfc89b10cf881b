"""The logout endpoint takes FastAPI dependencies, so an application can put its own authentication in front of it.

``POST /api/one-id/logout`` ends whichever OneID session the posted token belongs to. With
``create_api_router(..., logout_dependencies=[Depends(require_user)])`` the dependency runs first, and a request it
refuses never reaches OneID. The other endpoints are left as they are. The token is read from the body only (a
query string ends up in access logs), and only an answer in which OneID confirms the logout counts as one.
"""

from __future__ import annotations

from typing import Annotated

import httpx
import pytest
from fastapi import Depends, FastAPI, Header, HTTPException

import fastapi_oneid
from oneid_sdk.fastapi import create_api_router
from oneid_sdk.settings import OneIDSettings
from tests.security.support import LOG_OUT, FakeOneID, browser, pin_handler, state_of

SESSIONS = {"session-of-aziz": "30101850000011"}


def require_user(authorization: Annotated[str | None, Header()] = None) -> str:
    """The application's own authentication: a bearer session id."""
    session = (authorization or "").removeprefix("Bearer ")
    if session not in SESSIONS:
        raise HTTPException(status_code=401, detail="Sign in first")
    return SESSIONS[session]


calls: list[str] = []


def audit(user: Annotated[str, Depends(require_user)]) -> None:
    calls.append(user)


@pytest.fixture(params=["oneid_sdk", "fastapi_oneid"])
def protected(request: pytest.FixtureRequest, portal: OneIDSettings) -> FastAPI:
    factory = create_api_router if request.param == "oneid_sdk" else fastapi_oneid.create_api_router
    app = FastAPI()
    app.include_router(
        factory(settings=portal, handler=pin_handler, logout_dependencies=[Depends(require_user), Depends(audit)])
    )
    return app


async def test_a_logout_without_the_applications_session_never_reaches_oneid(
    protected: FastAPI, fake_oneid: FakeOneID
) -> None:
    async with browser(protected) as client:
        anonymous = await client.post("/api/one-id/logout", json={"access_token": "someone-elses-token"})
        forged = await client.post(
            "/api/one-id/logout",
            json={"access_token": "someone-elses-token"},
            headers={"authorization": "Bearer guessed"},
        )
    for refused in (anonymous, forged):
        assert refused.status_code == 401
        assert refused.json() == {"detail": "Sign in first"}
    assert fake_oneid.grants(LOG_OUT) == []


async def test_a_signed_in_user_logs_out(protected: FastAPI, fake_oneid: FakeOneID) -> None:
    calls.clear()
    async with browser(protected) as client:
        response = await client.post(
            "/api/one-id/logout",
            json={"access_token": "token-of-aziz"},
            headers={"authorization": "Bearer session-of-aziz"},
        )
    assert response.status_code == 200
    assert response.json() == {"success": True, "ret_cd": "0"}
    assert [form["access_token"] for form in fake_oneid.grants(LOG_OUT)] == ["token-of-aziz"]
    assert calls == ["30101850000011"]


async def test_the_login_endpoints_are_not_affected(protected: FastAPI, fake_oneid: FakeOneID) -> None:
    async with browser(protected) as client:
        state = state_of((await client.get("/api/one-id/url")).json()["url"])
        response = await client.post("/api/one-id/token", json={"code": "c", "state": state})
    assert response.status_code == 200


async def test_without_dependencies_the_endpoint_is_open_as_in_fastapi_oneid(
    app: FastAPI, fake_oneid: FakeOneID
) -> None:
    async with browser(app) as client:
        response = await client.post("/api/one-id/logout", json={"access_token": "t"})
    assert response.status_code == 200
    assert len(fake_oneid.grants(LOG_OUT)) == 1


def test_the_dependency_shows_in_the_openapi_document(protected: FastAPI) -> None:
    operation = protected.openapi()["paths"]["/api/one-id/logout"]["post"]
    assert [(parameter["name"], parameter["in"]) for parameter in operation["parameters"]] == [
        ("authorization", "header")
    ]
    assert operation["requestBody"]["required"] is True


async def test_the_access_token_is_read_from_the_body_only(app: FastAPI, fake_oneid: FakeOneID) -> None:
    async with browser(app) as client:
        in_query = await client.post("/api/one-id/logout", params={"access_token": "token-in-the-url"})
        in_query_too = await client.post(
            "/api/one-id/logout", params={"access_token": "token-in-the-url"}, json={"note": "no token here"}
        )
        json_body = await client.post("/api/one-id/logout", json={"access_token": "token-in-json"})
        form_body = await client.post("/api/one-id/logout", data={"access_token": "token-in-a-form"})
    for refused in (in_query, in_query_too):
        assert refused.status_code == 422
        assert refused.json() == {"detail": "Field 'access_token' is required", "error": "invalid_request"}
    assert (json_body.status_code, form_body.status_code) == (200, 200)
    assert [form["access_token"] for form in fake_oneid.grants(LOG_OUT)] == ["token-in-json", "token-in-a-form"]


def test_the_openapi_document_has_no_access_token_query_parameter(app: FastAPI) -> None:
    operation = app.openapi()["paths"]["/api/one-id/logout"]["post"]
    assert "parameters" not in operation
    assert "access_token" in operation["requestBody"]["content"]["application/json"]["schema"]["required"]


@pytest.mark.parametrize(
    "answer",
    [{"error": "invalid_grant", "error_description": "The access token is unknown."}, {}, {"result": "ok"}],
    ids=["error-without-ret_cd", "empty", "unknown-fields-only"],
)
async def test_an_answer_that_does_not_confirm_the_logout_is_a_refusal(
    app: FastAPI, fake_oneid: FakeOneID, answer: dict[str, str]
) -> None:
    fake_oneid.on_log_out = lambda form: httpx.Response(200, json=answer)
    async with browser(app) as client:
        response = await client.post("/api/one-id/logout", json={"access_token": "t"})
    assert response.status_code == 400
    assert response.json() == {"detail": "OneID did not confirm the logout.", "error": "logout_refused"}
