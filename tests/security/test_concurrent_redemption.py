"""Single use under concurrency: of 20 simultaneous redemptions of one state, one succeeds and OneID sees one code.

The store compares the binding and deletes the entry in one step. The harness is shown to be able to fail: a store
that reads, waits and then deletes (the bug other clients shipped) lets several redemptions through.
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter

import pytest

from oneid_sdk._generated.client import AsyncOneIDClient, OneIDClient
from oneid_sdk.errors import OneIDInvalidStateError
from oneid_sdk.flow import AsyncLoginFlow, LoginFlow
from oneid_sdk.security import InMemoryStateStore, PendingLogin, Redemption, RedemptionOutcome, SyncInMemoryStateStore
from oneid_sdk.settings import OneIDSettings
from tests.security.support import FakeOneID, browser, portal_app, state_of

RACERS = 20


class GatheringStore(InMemoryStateStore):
    """Lets every racer arrive before any redemption is decided."""

    async def redeem(self, state: str, binding_hash: str) -> Redemption:
        await asyncio.sleep(0.01)
        return await super().redeem(state, binding_hash)


class CheckThenDeleteStore:
    """A non-atomic store: it looks the state up, waits (a network round trip), then deletes it."""

    def __init__(self) -> None:
        self.entries: dict[str, PendingLogin] = {}

    async def save(self, state: str, login: PendingLogin, ttl: int) -> None:
        self.entries[state] = login

    async def redeem(self, state: str, binding_hash: str) -> Redemption:
        login = self.entries.get(state)
        await asyncio.sleep(0.01)
        if login is None:
            return Redemption(RedemptionOutcome.UNKNOWN)
        self.entries.pop(state, None)
        return Redemption(RedemptionOutcome.REDEEMED, login)


async def race_through_the_api(app: object) -> Counter[int]:
    async with browser(app) as client:
        state = state_of((await client.get("/api/one-id/url")).json()["url"])
        answers = await asyncio.gather(
            *(client.post("/api/one-id/token", json={"code": "the-code", "state": state}) for _ in range(RACERS))
        )
    refusals = [answer.json() for answer in answers if answer.status_code != 200]
    assert all(refusal["error"] == "invalid_state" for refusal in refusals)
    return Counter(answer.status_code for answer in answers)


async def test_twenty_api_redemptions_one_success_one_code_exchange(
    portal: OneIDSettings, fake_oneid: FakeOneID
) -> None:
    statuses = await race_through_the_api(portal_app(portal, state_store=GatheringStore()))
    assert statuses == {200: 1, 400: RACERS - 1}
    assert len(fake_oneid.exchanges) == 1


async def test_the_race_can_be_lost_by_a_store_that_is_not_atomic(portal: OneIDSettings, fake_oneid: FakeOneID) -> None:
    statuses = await race_through_the_api(portal_app(portal, state_store=CheckThenDeleteStore()))
    assert statuses[200] > 1
    assert len(fake_oneid.exchanges) == statuses[200]


async def test_twenty_callbacks_across_both_routers_one_success(portal: OneIDSettings, fake_oneid: FakeOneID) -> None:
    app = portal_app(portal, state_store=GatheringStore())
    async with browser(app) as client:
        state = state_of((await client.get("/one-id/login")).headers["location"])
        answers = await asyncio.gather(
            *(client.get("/one-id/access", params={"code": "the-code", "state": state}) for _ in range(RACERS // 2)),
            *(client.post("/api/one-id/token", json={"code": "the-code", "state": state}) for _ in range(RACERS // 2)),
        )
    assert Counter(answer.status_code for answer in answers) == {200: 1, 400: RACERS - 1}
    assert [form["code"] for form in fake_oneid.exchanges] == ["the-code"]


async def test_twenty_async_flow_completions_one_success(portal: OneIDSettings, fake_oneid: FakeOneID) -> None:
    flow = AsyncLoginFlow(AsyncOneIDClient(portal), state_store=GatheringStore())
    start = await flow.begin()
    results = await asyncio.gather(
        *(flow.complete("the-code", start.state, start.binding) for _ in range(RACERS)), return_exceptions=True
    )
    outcomes = Counter(type(result).__name__ for result in results)
    assert outcomes == {"OneIDAuthPayload": 1, "OneIDInvalidStateError": RACERS - 1}
    assert len(fake_oneid.exchanges) == 1


def test_twenty_threads_completing_one_sync_login_one_success(portal: OneIDSettings, fake_oneid: FakeOneID) -> None:
    with OneIDClient(portal) as client:
        flow = LoginFlow(client, state_store=SyncInMemoryStateStore())
        start = flow.begin()
        barrier = threading.Barrier(RACERS)
        outcomes: list[str] = []
        lock = threading.Lock()

        def complete() -> None:
            barrier.wait()
            try:
                flow.complete("the-code", start.state, start.binding)
                outcome = "signed in"
            except Exception as exc:  # the outcome is what is asserted
                outcome = getattr(exc, "error", repr(exc))
            with lock:
                outcomes.append(outcome)

        threads = [threading.Thread(target=complete) for _ in range(RACERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=10)
    assert Counter(outcomes) == {"signed in": 1, "invalid_state": RACERS - 1}
    assert len(fake_oneid.exchanges) == 1


@pytest.mark.parametrize("racers", [2, 50])
async def test_many_states_raced_at_once_each_open_once(
    racers: int, portal: OneIDSettings, fake_oneid: FakeOneID
) -> None:
    flow = AsyncLoginFlow(AsyncOneIDClient(portal), state_store=GatheringStore())
    starts = [await flow.begin() for _ in range(5)]
    results = await asyncio.gather(
        *(
            flow.complete(f"code-{i}", start.state, start.binding)
            for i, start in enumerate(starts)
            for _ in range(racers)
        ),
        return_exceptions=True,
    )
    signed_in = [result for result in results if not isinstance(result, BaseException)]
    assert len(signed_in) == len(starts)
    assert sorted(form["code"] for form in fake_oneid.exchanges) == [f"code-{i}" for i in range(5)]
    refused = [result for result in results if isinstance(result, BaseException)]
    assert all(isinstance(result, OneIDInvalidStateError) for result in refused)
