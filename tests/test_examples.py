"""The integrations in ``examples/`` run: the plain script signs a person in, the FastAPI app maps users by PIN."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from examples.fastapi_app import SESSION_COOKIE, Database, create_app
from oneid_sdk import AsyncOneIDClient, OneIDSettings, OneIDUserInfoError
from oneid_sdk._generated.personas import PERSONAS
from oneid_sdk.emulator import RegisteredClient
from oneid_sdk.emulator import create_app as create_emulator

ROOT = Path(__file__).resolve().parents[1]
PORTAL = "https://portal.example.uz"
CALLBACK = f"{PORTAL}/one-id/access"
SSO_URL = "https://oneid.test/sso/oauth/Authorization.do"


def persona(persona_id: str) -> dict[str, object]:
    return dict(next(item for item in PERSONAS if item.id == persona_id).identify)


def test_script_signs_in_the_persona_and_prints_the_user() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "script_login.py"), "--persona", "legal-entity"],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    legal_entity = persona("legal-entity")
    lines = result.stdout.splitlines()
    assert lines[:2] == [f"Signed in: {legal_entity['full_name']}", f"PIN: {legal_entity['pin']}"]
    assert "On behalf of an organisation: yes" in lines
    assert 'Organisation: "NAMUNA SAVDO" MCHJ TIN 300000033 (selected)' in lines
    assert 'Organisation: "TAJRIBA QURILISH" AJ TIN 300000044' in lines


@pytest.fixture
async def oneid() -> AsyncIterator[httpx.AsyncClient]:
    """The emulator, in-process: an HTTP client whose requests it answers."""
    emulator = create_emulator([RegisteredClient("portal", "portal-secret", "portal", [CALLBACK])])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=emulator)) as client:
        yield client


@pytest.fixture
def settings() -> OneIDSettings:
    return OneIDSettings(
        one_id_sso_url=SSO_URL,
        one_id_client_id="portal",
        one_id_client_secret=SecretStr("portal-secret"),
        one_id_scope="portal",
        one_id_allowed_redirect_uris=[CALLBACK],
    )


async def sign_in_at_oneid(oneid: httpx.AsyncClient, authorization_url: str, persona_id: str) -> httpx.URL:
    """The person picks ``persona_id`` on OneID's page; return the callback URL OneID redirects to."""
    assert authorization_url.startswith(SSO_URL + "?")
    answer = await oneid.get(httpx.URL(authorization_url).copy_add_param("persona", persona_id))
    assert answer.status_code in {302, 303}
    callback = httpx.URL(answer.headers["location"])
    assert str(callback.copy_with(query=None)) == CALLBACK
    return callback


async def test_fastapi_example_maps_users_by_pin_and_issues_sessions(
    oneid: httpx.AsyncClient, settings: OneIDSettings
) -> None:
    database = Database()
    app = create_app(settings, http_client=oneid, database=database)
    individual = persona("individual")

    # The browser flow: redirect to OneID, come back to /one-id/access, get the portal's session cookie.
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=PORTAL) as browser:
        login = await browser.get("/one-id/login")
        assert login.status_code == 302
        callback = await sign_in_at_oneid(oneid, login.headers["location"], "individual")
        landed = await browser.get(str(callback))
        assert landed.status_code == 303 and landed.headers["location"] == "/me"
        assert SESSION_COOKIE in browser.cookies
        me = await browser.get("/me")
        assert me.status_code == 200
        account = me.json()
        assert (account["pin"], account["name"]) == (individual["pin"], individual["full_name"])
        assert account["acting_for"] is None

    # The API flow of a front end on another site (no cookies): the same person gets the same account back.
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=PORTAL) as frontend:
        started = (await frontend.post("/api/one-id/url")).json()
        frontend.cookies.clear()
        callback = await sign_in_at_oneid(oneid, started["url"], "individual")
        body = {"code": callback.params["code"], "state": callback.params["state"], "binding": started["binding"]}
        signed_in = await frontend.post("/api/one-id/token", json=body)
        assert signed_in.status_code == 200, signed_in.text
        session = signed_in.json()["session"]
        assert signed_in.json()["account"] == account
        bearer = {"Authorization": f"Bearer {session}"}
        assert (await frontend.get("/me", headers=bearer)).json() == account

        # Another person gets another account.
        started = (await frontend.post("/api/one-id/url")).json()
        callback = await sign_in_at_oneid(oneid, started["url"], "legal-entity")
        body = {"code": callback.params["code"], "state": callback.params["state"], "binding": started["binding"]}
        other = (await frontend.post("/api/one-id/token", json=body)).json()["account"]
        assert other["id"] != account["id"] and other["pin"] == persona("legal-entity")["pin"]
        assert other["organisations"] == ['"NAMUNA SAVDO" MCHJ', '"TAJRIBA QURILISH" AJ']
        assert other["acting_for"] == "300000033"
        assert len(database.accounts) == 2

        # Logout ends the portal's session and the OneID session behind it.
        access_token = database.sessions[session].oneid_access_token
        client = AsyncOneIDClient(settings, http_client=oneid)
        assert (await client.identify(access_token=access_token)).pin == individual["pin"]
        assert (await frontend.post("/logout", headers=bearer)).json() == {"logged_out": True}
        assert (await frontend.get("/me", headers=bearer)).status_code == 401
        with pytest.raises(OneIDUserInfoError):
            await client.identify(access_token=access_token)


async def test_fastapi_example_refuses_an_unknown_session(oneid: httpx.AsyncClient, settings: OneIDSettings) -> None:
    app = create_app(settings, http_client=oneid)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=PORTAL) as client:
        assert (await client.get("/me")).status_code == 401
        assert (await client.get("/me", headers={"Authorization": "Bearer forged"})).status_code == 401
        assert (await client.post("/logout")).json() == {"logged_out": False}
