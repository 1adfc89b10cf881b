"""A method a router's path does not serve is answered 405 in the shape of every error, with an Allow header."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from oneid_sdk import OneIDSettings
from oneid_sdk.fastapi import create_api_router, create_web_router

SETTINGS = OneIDSettings(
    one_id_client_id="portal",
    one_id_client_secret="portal-secret",
    one_id_scope="portal",
    one_id_allowed_redirect_uris=["https://portal.example.uz/one-id/access"],
)


@pytest.fixture
def app() -> FastAPI:
    app = FastAPI()
    app.include_router(create_web_router(settings=SETTINGS, handler=lambda payload, request: {}))
    app.include_router(create_api_router(settings=SETTINGS, handler=lambda payload, request: {}, prefix="/v1/oneid"))
    return app


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("POST", "/one-id/login", "GET"),
        ("HEAD", "/one-id/access", "GET"),
        ("DELETE", "/v1/oneid/url", "GET, POST"),
        ("GET", "/v1/oneid/token", "POST"),
        ("PUT", "/v1/oneid/logout", "POST"),
        ("POST", "/v1/oneid/access", "GET"),
        ("TRACE", "/v1/oneid/token", "POST"),
        ("NOT-A-METHOD", "/one-id/login", "GET"),
    ],
)
async def test_other_methods_are_answered_405_with_the_error_shape(
    app: FastAPI, method: str, path: str, allow: str
) -> None:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://portal.example.uz") as http:
        answer = await http.request(method, path)

    assert answer.status_code == 405
    assert answer.headers["allow"] == allow
    if method != "HEAD":
        assert answer.json() == {"detail": f"This endpoint answers {allow} only", "error": "method_not_allowed"}


def test_the_405_routes_are_not_in_the_openapi_schema(app: FastAPI) -> None:
    paths = app.openapi()["paths"]
    assert set(paths["/one-id/login"]) == {"get"}
    assert set(paths["/v1/oneid/url"]) == {"get", "post"}
    assert set(paths["/v1/oneid/token"]) == {"post"}
