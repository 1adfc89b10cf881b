"""Login CSRF in the API flow: a code and state from the attacker's login cannot be finished by anyone else.

``/api/one-id/url`` sets the ``__Host-oneid_binding`` cookie and returns the same secret as ``binding``;
``/api/one-id/token`` takes the binding from the cookie or, without one, from a ``binding`` field of a JSON body. A
page on another site can make a victim's browser send a form, a query string or a ``text/plain`` body without
asking, but not a JSON body, and a SameSite=Lax cookie is not sent with such a cross-site POST; so the binding is
never read from those.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi import FastAPI

from oneid_sdk.security import BINDING_COOKIE_NAME
from tests.security.support import SPA_CALLBACK, FakeOneID, binding_cookie, browser, state_of


async def attackers_login(app: FastAPI) -> dict[str, str]:
    """What the attacker holds after signing in at OneID: the code, the state and the binding of its own login."""
    async with browser(app) as attacker:
        started = (await attacker.get("/api/one-id/url", params={"redirect_uri": SPA_CALLBACK})).json()
    return {"code": "attacker-code", "state": state_of(started["url"]), "binding": started["binding"]}


async def test_a_victim_posting_the_attackers_code_and_state_is_refused(app: FastAPI, fake_oneid: FakeOneID) -> None:
    stolen = await attackers_login(app)
    async with browser(app) as victim:
        bare = await victim.post("/api/one-id/token", json={"code": stolen["code"], "state": stolen["state"]})
        own = (await victim.get("/api/one-id/url")).json()
        with_cookie = await victim.post("/api/one-id/token", json={"code": stolen["code"], "state": stolen["state"]})
        with_field = await victim.post(
            "/api/one-id/token", json={"code": stolen["code"], "state": stolen["state"], "binding": own["binding"]}
        )
    assert bare.status_code == 400
    assert bare.json()["error"] == "state_binding_missing"
    for refused in (with_cookie, with_field):
        assert refused.status_code == 400
        assert refused.json() == {
            "detail": "State was issued to another browser or client",
            "error": "state_binding_mismatch",
        }
    assert fake_oneid.forms == []


def cross_site_requests(stolen: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Requests a page on another site can make a browser send without a CORS preflight, carrying the binding."""
    fields = {"code": stolen["code"], "state": stolen["state"], "binding": stolen["binding"]}
    return {
        "form": {"data": fields},
        "multipart form": {
            "files": {"binding": (None, stolen["binding"])},
            "data": {"code": "c", "state": stolen["state"]},
        },
        "query string": {"params": fields, "json": {"code": stolen["code"], "state": stolen["state"]}},
        "text/plain JSON": {"content": json.dumps(fields), "headers": {"content-type": "text/plain"}},
        "JSON sent as a form": {
            "content": json.dumps(fields),
            "headers": {"content-type": "application/x-www-form-urlencoded"},
        },
    }


@pytest.mark.parametrize(
    ("kind", "error"),
    [
        ("form", "state_binding_missing"),
        ("multipart form", "state_binding_missing"),
        ("query string", "state_binding_missing"),
        ("text/plain JSON", "invalid_request"),
        ("JSON sent as a form", "invalid_request"),
    ],
)
async def test_a_binding_is_never_read_from_what_another_site_can_send(
    kind: str, error: str, app: FastAPI, fake_oneid: FakeOneID
) -> None:
    stolen = await attackers_login(app)
    async with browser(app) as victim:
        response = await victim.post("/api/one-id/token", **cross_site_requests(stolen)[kind])
    assert response.json()["error"] == error
    assert fake_oneid.forms == []
    async with browser(app) as attacker:
        attacker.cookies.set(BINDING_COOKIE_NAME, stolen["binding"], domain="portal.example.uz")
        assert (await attacker.post("/api/one-id/token", json=stolen)).status_code == 200, "the state was kept"


async def test_the_url_answer_and_the_cookie_carry_the_same_binding(app: FastAPI) -> None:
    async with browser(app) as client:
        first = await client.post("/api/one-id/url", json={})
        second = await client.get("/api/one-id/url")
    assert first.json()["binding"] == binding_cookie(first).value
    assert second.json()["binding"] == first.json()["binding"], "one binding per browser, shared by its tabs"
    assert state_of(first.json()["url"]) != state_of(second.json()["url"])
    assert first.json()["binding"] not in first.json()["url"]


async def test_a_cookieless_client_finishes_with_the_binding_field(app: FastAPI, fake_oneid: FakeOneID) -> None:
    async with browser(app) as starter:
        started = (await starter.get("/api/one-id/url")).json()
    async with browser(app) as mobile:
        response = await mobile.post(
            "/api/one-id/token", json={"code": "c", "state": state_of(started["url"]), "binding": started["binding"]}
        )
        assert BINDING_COOKIE_NAME not in mobile.cookies
    assert response.status_code == 200
    assert len(fake_oneid.exchanges) == 1


async def test_the_binding_field_is_checked_when_there_is_no_cookie(app: FastAPI, fake_oneid: FakeOneID) -> None:
    async with browser(app) as starter, browser(app) as someone_else:
        started = (await starter.get("/api/one-id/url")).json()
        other = (await someone_else.get("/api/one-id/url")).json()["binding"]
    async with browser(app) as mobile:
        state = state_of(started["url"])
        wrong = await mobile.post("/api/one-id/token", json={"code": "c", "state": state, "binding": other})
        right = await mobile.post(
            "/api/one-id/token", json={"code": "c", "state": state, "binding": started["binding"]}
        )
    assert wrong.json()["error"] == "state_binding_mismatch"
    assert right.status_code == 200


async def test_the_cookie_wins_over_a_binding_field(app: FastAPI, fake_oneid: FakeOneID) -> None:
    """A front end tricked into posting the attacker's state and binding still completes only its own logins."""
    stolen = await attackers_login(app)
    async with browser(app) as victim:
        own = (await victim.get("/api/one-id/url")).json()
        refused = await victim.post("/api/one-id/token", json=stolen)
        own_login = await victim.post(
            "/api/one-id/token", json={"code": "c", "state": state_of(own["url"]), "binding": stolen["binding"]}
        )
    assert refused.json()["error"] == "state_binding_mismatch"
    assert own_login.status_code == 200, "the victim's cookie, not the posted binding, decides"
    assert len(fake_oneid.exchanges) == 1


async def test_a_state_from_the_web_flow_cannot_be_finished_by_another_client_through_the_api(
    app: FastAPI, fake_oneid: FakeOneID
) -> None:
    async with browser(app) as attacker:
        state = state_of((await attacker.get("/one-id/login")).headers["location"])
    async with browser(app) as victim:
        await victim.get("/api/one-id/url")
        response = await victim.post("/api/one-id/token", json={"code": "c", "state": state})
    assert response.json()["error"] == "state_binding_mismatch"
    assert fake_oneid.forms == []
