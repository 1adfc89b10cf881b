"""Replays are refused without calling OneID: a state opens once, whatever happened the first time."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from oneid_sdk._generated.client import OneIDClient
from oneid_sdk.errors import OneIDInvalidStateError
from oneid_sdk.flow import LoginFlow
from oneid_sdk.security import InMemoryStateStore, SyncInMemoryStateStore
from oneid_sdk.settings import OneIDSettings
from tests.security.support import IDENTIFY, FakeOneID, browser, portal_app, state_of

SPENT = {"detail": "State is unknown, expired or already used", "error": "invalid_state"}


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


async def replays(client: httpx.AsyncClient, state: str) -> list[httpx.Response]:
    """The same state presented again by its own browser, through both routers, with the same or another code."""
    return [
        await client.get("/one-id/access", params={"code": "c", "state": state}),
        await client.get("/one-id/access", params={"code": "another-code", "state": state}),
        await client.post("/api/one-id/token", json={"code": "c", "state": state}),
        await client.post("/api/one-id/token", data={"code": "c", "state": state}),
    ]


@pytest.mark.parametrize("finish", ["web", "api"])
async def test_a_completed_login_cannot_be_replayed(finish: str, app: FastAPI, fake_oneid: FakeOneID) -> None:
    async with browser(app) as client:
        state = state_of((await client.get("/api/one-id/url")).json()["url"])
        if finish == "web":
            first = await client.get("/one-id/access", params={"code": "c", "state": state})
        else:
            first = await client.post("/api/one-id/token", json={"code": "c", "state": state})
        assert first.status_code == 200
        calls = len(fake_oneid.forms)

        for replay in await replays(client, state):
            assert replay.status_code == 400
            assert replay.json() == SPENT
    assert len(fake_oneid.forms) == calls == 2


@pytest.mark.parametrize(
    ("failure", "status"),
    [
        (httpx.Response(500, text="down"), 502),
        (httpx.Response(200, json={"error": "invalid_grant"}), 401),
        (httpx.Response(200, text="<html>"), 502),
    ],
)
async def test_a_login_that_failed_upstream_cannot_be_replayed(
    failure: httpx.Response, status: int, app: FastAPI, fake_oneid: FakeOneID
) -> None:
    fake_oneid.on_exchange = lambda form: failure
    async with browser(app) as client:
        state = state_of((await client.get("/one-id/login")).headers["location"])
        assert (await client.get("/one-id/access", params={"code": "c", "state": state})).status_code == status
        fake_oneid.on_exchange = None
        for replay in await replays(client, state):
            assert replay.json() == SPENT
    assert len(fake_oneid.forms) == 1


async def test_a_login_refused_at_identify_cannot_be_replayed(app: FastAPI, fake_oneid: FakeOneID) -> None:
    fake_oneid.on_identify = lambda form: httpx.Response(200, json={"ret_cd": "1"})
    async with browser(app) as client:
        state = state_of((await client.get("/one-id/login")).headers["location"])
        refused = await client.get("/one-id/access", params={"code": "c", "state": state})
        assert (refused.status_code, refused.json()["error"]) == (401, "identify_refused")
        for replay in await replays(client, state):
            assert replay.json() == SPENT
    assert len(fake_oneid.grants(IDENTIFY)) == 1
    assert len(fake_oneid.exchanges) == 1


async def test_an_expired_state_is_refused_without_calling_oneid(portal: OneIDSettings, fake_oneid: FakeOneID) -> None:
    clock = Clock()
    app = portal_app(portal, state_store=InMemoryStateStore(clock=clock))
    async with browser(app) as client:
        state = state_of((await client.get("/one-id/login")).headers["location"])
        clock.now += portal.one_id_state_ttl
        expired = await client.get("/one-id/access", params={"code": "c", "state": state})
    assert expired.json() == SPENT
    assert fake_oneid.forms == []


async def test_a_state_is_still_good_just_before_it_expires(portal: OneIDSettings, fake_oneid: FakeOneID) -> None:
    clock = Clock()
    app = portal_app(portal, state_store=InMemoryStateStore(clock=clock))
    async with browser(app) as client:
        state = state_of((await client.get("/one-id/login")).headers["location"])
        clock.now += portal.one_id_state_ttl - 0.5
        assert (await client.get("/one-id/access", params={"code": "c", "state": state})).status_code == 200


async def test_a_state_never_issued_is_refused_without_calling_oneid(app: FastAPI, fake_oneid: FakeOneID) -> None:
    async with browser(app) as client:
        await client.get("/one-id/login")
        for state in ("never-issued", "x" * 512, "' OR 1=1 --", "../../state"):
            response = await client.get("/one-id/access", params={"code": "c", "state": state})
            assert response.json() == SPENT
        too_long = await client.get("/one-id/access", params={"code": "c", "state": "x" * 513})
        assert too_long.json() == SPENT
    assert fake_oneid.forms == []


def test_the_sync_flow_refuses_replays(portal: OneIDSettings, fake_oneid: FakeOneID) -> None:
    with OneIDClient(portal) as client:
        flow = LoginFlow(client, state_store=SyncInMemoryStateStore())
        start = flow.begin()
        flow.complete("c", start.state, start.binding)
        for code in ("c", "other"):
            with pytest.raises(OneIDInvalidStateError) as spent:
                flow.complete(code, start.state, start.binding)
            assert spent.value.error == "invalid_state"
    assert len(fake_oneid.forms) == 2
