"""The demo app in-process: what it shows of a user, and what its logout sends to OneID (mocked with respx)."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from types import ModuleType
from urllib.parse import parse_qs

import httpx
import pytest
import respx
from fastapi.testclient import TestClient

from demo.servers import demo_app_environment
from oneid_sdk import UserInfo

SSO_URL = "http://127.0.0.1:9/sso/oauth/Authorization.do"
APP_URL = "http://127.0.0.1:8000"


@pytest.fixture
def demo_app(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """``demo.app`` imported afresh, configured as ``make demo`` configures it (OneID itself is mocked)."""
    for name, value in demo_app_environment(sso_url=SSO_URL, redirect_uri=APP_URL + "/one-id/access").items():
        monkeypatch.setenv(name, value)
    sys.modules.pop("demo.app", None)
    yield importlib.import_module("demo.app")
    sys.modules.pop("demo.app", None)


def signed_in(demo_app: ModuleType, user: dict[str, object], access_token: str = "access-token-1") -> str:
    session_id = "session-1"
    demo_app.sessions[session_id] = demo_app.Session(user=UserInfo.model_validate(user), access_token=access_token)
    return session_id


def test_user_data_is_escaped(demo_app: ModuleType) -> None:
    session_id = signed_in(
        demo_app,
        {
            "pin": "12345678901234",
            "full_name": "<script>alert(1)</script>",
            "user_type": "L",
            "legal_info": [{"is_basic": "true", "tin": "300000001", "le_name": '"A&B" <i>MCHJ</i>'}],
        },
    )
    with TestClient(demo_app.app, base_url=APP_URL, cookies={"demo_session": session_id}) as client:
        page = client.get("/me")

    assert page.status_code == 200
    assert "<script>alert" not in page.text and "<i>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "&quot;A&amp;B&quot; &lt;i&gt;MCHJ&lt;/i&gt;, TIN 300000001 <em>(selected)</em>" in page.text


def test_log_out_sends_one_log_out_with_the_stored_token_and_ends_the_session(demo_app: ModuleType) -> None:
    session_id = signed_in(demo_app, {"pin": "12345678901234"}, access_token="token-of-this-session")
    with respx.mock(assert_all_called=True) as oneid:
        log_out = oneid.post(SSO_URL).mock(return_value=httpx.Response(200, json={"ret_cd": "0"}))
        with TestClient(demo_app.app, base_url=APP_URL, cookies={"demo_session": session_id}) as client:
            answer = client.post("/logout", follow_redirects=False)

    assert answer.status_code == 303 and answer.headers["location"] == "/"
    assert 'demo_session=""' in answer.headers["set-cookie"]
    form = parse_qs(log_out.calls.last.request.content.decode())
    assert form["grant_type"] == ["one_log_out"]
    assert form["access_token"] == ["token-of-this-session"]
    assert session_id not in demo_app.sessions


def test_log_out_ends_the_local_session_even_when_oneid_refuses(demo_app: ModuleType) -> None:
    session_id = signed_in(demo_app, {"pin": "12345678901234"})
    with respx.mock(assert_all_called=True) as oneid:
        oneid.post(SSO_URL).mock(return_value=httpx.Response(200, json={"ret_cd": "1"}))
        with TestClient(demo_app.app, base_url=APP_URL, cookies={"demo_session": session_id}) as client:
            answer = client.post("/logout", follow_redirects=False)
            home = client.get("/")

    assert answer.status_code == 303 and answer.headers["location"] == "/"
    assert session_id not in demo_app.sessions
    assert "Sign in with OneID" in home.text
