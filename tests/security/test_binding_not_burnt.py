"""A redemption without the right binding spends nothing: an attacker who learnt a victim's state cannot burn it.

A state can leak (a proxy log, a ``Referer``, a shoulder). If a wrong presentation consumed it, an attacker could
cancel every login of a victim. Every refusal that happens before the state is redeemed (missing or wrong binding,
missing code, a redirect URI off the allow-list) leaves it in place, and OneID is never called.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest
from fastapi import FastAPI

from oneid_sdk._generated.client import AsyncOneIDClient, OneIDClient
from oneid_sdk.errors import OneIDError, OneIDInvalidStateError, OneIDMissingCodeError, OneIDStateBindingError
from oneid_sdk.fastapi import LegacyStateStoreAdapter
from oneid_sdk.flow import AsyncLoginFlow, LoginFlow
from oneid_sdk.security import (
    BINDING_COOKIE_NAME,
    InMemoryStateStore,
    PendingLogin,
    Redemption,
    SyncInMemoryStateStore,
    new_binding,
    store_key,
)
from oneid_sdk.settings import OneIDSettings
from tests.security.support import FakeOneID, browser, portal_app, state_of


async def attempts_of_an_attacker(app: FastAPI, state: str) -> list[httpx.Response]:
    """Every way a browser without the victim's binding can present the victim's state."""
    answers = []
    async with browser(app) as attacker:
        answers.append(await attacker.get("/one-id/access", params={"code": "c", "state": state}))
        answers.append(await attacker.post("/api/one-id/token", json={"code": "c", "state": state}))
        answers.append(await attacker.post("/api/one-id/token", json={"code": "c", "state": state, "binding": ""}))
        for forged in (new_binding(), "forged", "A" * 43):
            answers.append(
                await attacker.post("/api/one-id/token", json={"code": "c", "state": state, "binding": forged})
            )
            attacker.cookies.set(BINDING_COOKIE_NAME, forged, domain="portal.example.uz")
            answers.append(await attacker.get("/one-id/access", params={"code": "c", "state": state}))
            answers.append(await attacker.post("/api/one-id/token", data={"code": "c", "state": state}))
    return answers


@pytest.mark.parametrize("start", ["/one-id/login", "/api/one-id/url"])
async def test_the_victim_still_signs_in_after_every_wrong_presentation(
    start: str, app: FastAPI, store: InMemoryStateStore, fake_oneid: FakeOneID
) -> None:
    async with browser(app) as victim:
        started = await victim.get(start)
        url = started.headers["location"] if start.endswith("login") else started.json()["url"]
        state = state_of(url)

        for answer in await attempts_of_an_attacker(app, state):
            assert answer.status_code == 400
            assert answer.json()["error"] in {"state_binding_missing", "state_binding_mismatch"}
        assert fake_oneid.forms == []
        assert len(store) == 1

        finished = await victim.get("/one-id/access", params={"code": "victim-code", "state": state})
    assert finished.status_code == 200
    assert [form["code"] for form in fake_oneid.exchanges] == ["victim-code"]
    assert len(store) == 0


async def test_requests_refused_before_the_state_check_keep_it(
    app: FastAPI, store: InMemoryStateStore, fake_oneid: FakeOneID
) -> None:
    async with browser(app) as victim:
        state = state_of((await victim.get("/one-id/login")).headers["location"])
        for refused in (
            await victim.get("/one-id/access", params={"state": state}),
            await victim.get("/one-id/access", params={"code": "", "state": state}),
            await victim.post("/api/one-id/token", json={"code": "", "state": state}),
            await victim.post("/api/one-id/token", json={"code": ["c"], "state": state}),
            await victim.get("/one-id/access", params={"code": "c", "state": state, "redirect_uri": "https://e.x/"}),
        ):
            assert refused.status_code in {400, 422}
        assert len(store) == 1
        assert fake_oneid.forms == []
        assert (await victim.get("/one-id/access", params={"code": "c", "state": state})).status_code == 200


async def test_concurrent_wrong_presentations_do_not_beat_the_victim(
    portal: OneIDSettings, fake_oneid: FakeOneID
) -> None:
    flow = AsyncLoginFlow(AsyncOneIDClient(portal), state_store=InMemoryStateStore())
    victim = await flow.begin()

    async def attack() -> None:
        with pytest.raises(OneIDInvalidStateError) as refused:  # a wrong binding, or a state already spent
            await flow.complete("c", victim.state, new_binding())
        assert refused.value.error in {"state_binding_mismatch", "invalid_state"}

    results = await asyncio.gather(
        *(attack() for _ in range(10)),
        flow.complete("victim-code", victim.state, victim.binding),
        *(attack() for _ in range(10)),
    )
    signed_in = results[10]
    assert signed_in is not None and signed_in.user.pin == "30101850000011"
    assert [form["code"] for form in fake_oneid.exchanges] == ["victim-code"]


async def test_the_async_flow_keeps_the_state_on_a_missing_code(portal: OneIDSettings, fake_oneid: FakeOneID) -> None:
    flow = AsyncLoginFlow(AsyncOneIDClient(portal), state_store=InMemoryStateStore())
    start = await flow.begin()
    with pytest.raises(OneIDMissingCodeError) as missing:
        await flow.complete("", start.state, start.binding)
    assert (missing.value.error, missing.value.status, missing.value.restart_required) == ("code_missing", 400, False)
    assert fake_oneid.forms == []
    assert (await flow.complete("c", start.state, start.binding)).user.pin == "30101850000011"


def test_the_sync_flow_keeps_the_state_after_wrong_presentations(portal: OneIDSettings, fake_oneid: FakeOneID) -> None:
    with OneIDClient(portal) as client:
        flow = LoginFlow(client, state_store=SyncInMemoryStateStore())
        start = flow.begin()
        for binding in (None, "", new_binding(), start.binding[:-1]):
            with pytest.raises(OneIDStateBindingError):
                flow.complete("c", start.state, binding)
        with pytest.raises(OneIDMissingCodeError):
            flow.complete("", start.state, start.binding)
        assert fake_oneid.forms == []
        assert flow.complete("c", start.state, start.binding).user.pin == "30101850000011"


class DictStore:
    """A store written for fastapi-oneid 0.2 (``store``/``pop``)."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    async def store(self, state: str, redirect_uri: str, ttl: int) -> None:
        self.values[state] = redirect_uri

    async def pop(self, state: str) -> str | None:
        return self.values.pop(state, None)


async def test_a_fastapi_oneid_store_keeps_the_state_too(portal: OneIDSettings, fake_oneid: FakeOneID) -> None:
    legacy_store = DictStore()
    app = portal_app(portal, state_store=LegacyStateStoreAdapter(legacy_store, ttl=300))
    async with browser(app) as victim:
        state = state_of((await victim.get("/one-id/login")).headers["location"])
        for answer in await attempts_of_an_attacker(app, state):
            assert answer.status_code == 400
        assert list(legacy_store.values) == [store_key("portal", state)]
        assert (await victim.get("/one-id/access", params={"code": "c", "state": state})).status_code == 200
    assert legacy_store.values == {}


class RefusingStore(InMemoryStateStore):
    """Counts redemptions, to show which refusals never reach the store."""

    def __init__(self) -> None:
        super().__init__()
        self.redemptions = 0

    async def redeem(self, state: str, binding_hash: str) -> Redemption:
        self.redemptions += 1
        return await super().redeem(state, binding_hash)


async def test_a_missing_binding_or_oversized_state_never_reaches_the_store(portal: OneIDSettings) -> None:
    store = RefusingStore()
    flow = AsyncLoginFlow(AsyncOneIDClient(portal), state_store=store)
    start = await flow.begin()
    for state, binding in ((start.state, None), (start.state, ""), ("s" * 513, start.binding), ("", start.binding)):
        with pytest.raises(OneIDError):
            await flow.complete("c", state, binding)
    assert store.redemptions == 0
    await store.save("other", PendingLogin(redirect_uri="https://portal.example.uz/one-id/access", binding_hash="h"), 5)
    assert len(store) == 2
