"""State, binding and stores: single use, bound to one browser, refused before any call to OneID."""

from __future__ import annotations

import asyncio
import hashlib
import threading

import pytest

from oneid_sdk.errors import (
    OneIDInvalidRedirectURIError,
    OneIDInvalidStateError,
    OneIDStateBindingError,
    OneIDStateStoreError,
)
from oneid_sdk.fastapi import LegacyStateStoreAdapter
from oneid_sdk.fastapi._legacy_store import as_state_store
from oneid_sdk.security import (
    InMemoryStateStore,
    PendingLogin,
    Redemption,
    RedemptionOutcome,
    StateManager,
    SyncInMemoryStateStore,
    SyncStateManager,
    binding_hash,
    binding_matches,
    default_state_store,
    is_well_formed_binding,
    new_binding,
    new_state,
    store_key,
)

CALLBACK = "https://portal.example.uz/one-id/access"
OTHER_CALLBACK = "https://app.example.uz/callback"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class RecordingStore(InMemoryStateStore):
    """An in-memory store that remembers what it was asked."""

    def __init__(self) -> None:
        super().__init__()
        self.saved: list[tuple[str, PendingLogin, int]] = []
        self.redeem_calls = 0

    async def save(self, state: str, login: PendingLogin, ttl: int) -> None:
        self.saved.append((state, login, ttl))
        await super().save(state, login, ttl)

    async def redeem(self, state: str, binding_hash: str) -> Redemption:
        self.redeem_calls += 1
        return await super().redeem(state, binding_hash)


class BrokenStore:
    async def save(self, state: str, login: PendingLogin, ttl: int) -> None:
        raise ConnectionError("redis://:hunter2@cache:6379 refused")

    async def redeem(self, state: str, binding_hash: str) -> Redemption:
        raise ConnectionError("redis://:hunter2@cache:6379 refused")


class LegacyStyleStore:
    """A store written for fastapi-oneid 0.2: a dict of strings."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    async def store(self, state: str, redirect_uri: str, ttl: int) -> None:
        self.values[state] = redirect_uri

    async def pop(self, state: str) -> str | None:
        return self.values.pop(state, None)


# --- binding -------------------------------------------------------------------------------------------------------


def test_binding_is_random_urlsafe_and_well_formed() -> None:
    first, second = new_binding(), new_binding()
    assert first != second
    assert is_well_formed_binding(first)
    assert len(first) == 43


@pytest.mark.parametrize("value", [None, "", "short", "x" * 42 + "!", "y" * 44])
def test_malformed_binding_is_not_reused(value: str | None) -> None:
    assert not is_well_formed_binding(value)


def test_binding_hash_is_sha256_hex_and_compared_exactly() -> None:
    secret = new_binding()
    assert binding_hash(secret) == hashlib.sha256(secret.encode()).hexdigest()
    assert binding_matches(binding_hash(secret), secret)
    assert not binding_matches(binding_hash(secret), new_binding())


# --- in-memory store -----------------------------------------------------------------------------------------------


async def test_wrong_binding_does_not_burn_the_state() -> None:
    store = InMemoryStateStore()
    login = PendingLogin(redirect_uri=CALLBACK, binding_hash=binding_hash("a" * 43))
    await store.save("s1", login, 60)

    refused = await store.redeem("s1", binding_hash("b" * 43))
    assert refused.outcome is RedemptionOutcome.BINDING_MISMATCH
    assert refused.login is None

    accepted = await store.redeem("s1", binding_hash("a" * 43))
    assert accepted == Redemption(RedemptionOutcome.REDEEMED, login)

    replay = await store.redeem("s1", binding_hash("a" * 43))
    assert replay.outcome is RedemptionOutcome.UNKNOWN
    assert len(store) == 0


async def test_state_expires_after_its_ttl() -> None:
    clock = FakeClock()
    store = InMemoryStateStore(clock=clock)
    login = PendingLogin(redirect_uri=CALLBACK, binding_hash="h")
    await store.save("s1", login, 10)

    clock.now += 9.9
    assert (await store.redeem("s1", "wrong")).outcome is RedemptionOutcome.BINDING_MISMATCH
    clock.now += 0.1
    assert (await store.redeem("s1", "h")).outcome is RedemptionOutcome.UNKNOWN


async def test_expired_entries_are_dropped_when_the_store_is_used() -> None:
    clock = FakeClock()
    store = InMemoryStateStore(clock=clock)
    for index in range(5):
        await store.save(f"old-{index}", PendingLogin(redirect_uri=CALLBACK, binding_hash="h"), 5)
    clock.now += 6
    await store.save("fresh", PendingLogin(redirect_uri=CALLBACK, binding_hash="h"), 5)
    assert len(store) == 1


async def test_full_store_drops_the_oldest_pending_login() -> None:
    store = InMemoryStateStore(max_entries=3)
    for index in range(4):
        await store.save(f"s{index}", PendingLogin(redirect_uri=CALLBACK, binding_hash="h"), 60)
    assert len(store) == 3
    assert (await store.redeem("s0", "h")).outcome is RedemptionOutcome.UNKNOWN
    assert (await store.redeem("s3", "h")).outcome is RedemptionOutcome.REDEEMED


def test_store_refuses_unusable_limits() -> None:
    with pytest.raises(ValueError):
        InMemoryStateStore(max_entries=0)
    with pytest.raises(ValueError):
        SyncInMemoryStateStore().save("s", PendingLogin(redirect_uri=CALLBACK, binding_hash="h"), 0)


@pytest.mark.parametrize("client_id", ["", "portal", "a b:c%d", "портал"])
def test_pending_login_round_trips_through_text(client_id: str) -> None:
    login = PendingLogin(redirect_uri="https://portal.example.uz/cb?x=1 2", binding_hash="ab" * 32, client_id=client_id)
    encoded = login.encode()
    assert encoded.startswith("ab" * 32 + " ")
    assert PendingLogin.decode(encoded) == login


def test_pending_login_reads_the_older_text_without_a_client_id() -> None:
    assert PendingLogin.decode(f"{'ab' * 32} {CALLBACK}") == PendingLogin(redirect_uri=CALLBACK, binding_hash="ab" * 32)


def test_store_keys_cannot_be_confused_across_clients() -> None:
    assert store_key("a", "b:c") != store_key("a:b", "c")
    assert store_key("portal", "s") == "portal:s"


def test_routers_share_one_process_wide_store_by_default() -> None:
    assert default_state_store() is default_state_store()
    assert as_state_store(None, ttl=300) is default_state_store()


# --- state manager -------------------------------------------------------------------------------------------------


async def test_issue_stores_only_the_hash_of_the_binding() -> None:
    store = RecordingStore()
    issued = await StateManager(store, ttl=120, client_id="portal").issue(CALLBACK)

    [(key, login, ttl)] = store.saved
    assert key == f"portal:{issued.state}"
    assert ttl == 120
    assert login == PendingLogin(redirect_uri=CALLBACK, binding_hash=binding_hash(issued.binding), client_id="portal")
    assert issued.binding not in repr(login)
    assert issued.binding not in repr(issued)


async def test_issue_reuses_a_well_formed_binding_and_replaces_a_malformed_one() -> None:
    manager = StateManager(InMemoryStateStore(), ttl=60)
    existing = new_binding()
    first = await manager.issue(CALLBACK, binding=existing)
    second = await manager.issue(CALLBACK, binding=existing)
    assert first.binding == second.binding == existing
    assert first.state != second.state

    replaced = await manager.issue(CALLBACK, binding="attacker-chosen")
    assert replaced.binding != "attacker-chosen"
    assert is_well_formed_binding(replaced.binding)


async def test_redeem_returns_the_stored_redirect_uri_once() -> None:
    manager = StateManager(InMemoryStateStore(), ttl=60)
    issued = await manager.issue(OTHER_CALLBACK)

    assert await manager.redeem(issued.state, issued.binding) == OTHER_CALLBACK
    with pytest.raises(OneIDInvalidStateError) as replay:
        await manager.redeem(issued.state, issued.binding)
    assert replay.type is OneIDInvalidStateError
    assert replay.value.message.startswith("State")


@pytest.mark.parametrize("binding", [None, ""])
async def test_missing_binding_is_refused_without_asking_the_store(binding: str | None) -> None:
    store = RecordingStore()
    manager = StateManager(store, ttl=60)
    issued = await manager.issue(CALLBACK)

    with pytest.raises(OneIDStateBindingError) as refused:
        await manager.redeem(issued.state, binding)
    assert "State" in refused.value.message
    assert refused.value.status == 400
    assert store.redeem_calls == 0
    assert await manager.redeem(issued.state, issued.binding) == CALLBACK


async def test_binding_of_another_browser_is_refused_and_keeps_the_state() -> None:
    manager = StateManager(InMemoryStateStore(), ttl=60)
    victim_binding = new_binding()
    attacker = await manager.issue(CALLBACK)

    with pytest.raises(OneIDStateBindingError) as refused:
        await manager.redeem(attacker.state, victim_binding)
    assert refused.value.error == "state_binding_mismatch"
    assert "State" in refused.value.message
    assert await manager.redeem(attacker.state, attacker.binding) == CALLBACK


async def test_redirect_uri_must_match_the_one_the_state_was_issued_for() -> None:
    manager = StateManager(InMemoryStateStore(), ttl=60)
    issued = await manager.issue(OTHER_CALLBACK)

    with pytest.raises(OneIDInvalidRedirectURIError, match="^Redirect URI does not match the stored state$"):
        await manager.redeem(issued.state, issued.binding, redirect_uri=CALLBACK)


@pytest.mark.parametrize("state", ["", "s" * 513])
async def test_empty_or_oversized_state_is_refused_without_asking_the_store(state: str) -> None:
    store = RecordingStore()
    with pytest.raises(OneIDInvalidStateError):
        await StateManager(store, ttl=60).redeem(state, new_binding())
    assert store.redeem_calls == 0


async def test_twenty_concurrent_redemptions_of_one_state_succeed_exactly_once() -> None:
    manager = StateManager(InMemoryStateStore(), ttl=60)
    issued = await manager.issue(CALLBACK)

    results = await asyncio.gather(
        *(manager.redeem(issued.state, issued.binding) for _ in range(20)), return_exceptions=True
    )

    assert results.count(CALLBACK) == 1
    failures = [result for result in results if result != CALLBACK]
    assert len(failures) == 19
    assert all(type(failure) is OneIDInvalidStateError for failure in failures)


def test_twenty_threads_redeeming_one_state_succeed_exactly_once() -> None:
    manager = SyncStateManager(SyncInMemoryStateStore(), ttl=60)
    issued = manager.issue(CALLBACK)
    barrier = threading.Barrier(20)
    outcomes: list[str] = []
    lock = threading.Lock()

    def redeem() -> None:
        barrier.wait()
        try:
            manager.redeem(issued.state, issued.binding)
            outcome = "ok"
        except OneIDInvalidStateError:
            outcome = "refused"
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=redeem) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok"] + ["refused"] * 19


def test_sync_manager_refuses_a_foreign_binding_and_keeps_the_state() -> None:
    manager = SyncStateManager(SyncInMemoryStateStore(), ttl=60)
    issued = manager.issue(CALLBACK)
    with pytest.raises(OneIDStateBindingError):
        manager.redeem(issued.state, new_binding())
    assert manager.redeem(issued.state, issued.binding) == CALLBACK


async def test_store_failure_is_a_503_without_the_store_message() -> None:
    manager = StateManager(BrokenStore(), ttl=60)
    with pytest.raises(OneIDStateStoreError) as on_issue:
        await manager.issue(CALLBACK)
    with pytest.raises(OneIDStateStoreError) as on_redeem:
        await manager.redeem(new_state(), new_binding())
    for failure in (on_issue.value, on_redeem.value):
        assert failure.status == 503
        assert failure.error == "state_store_unavailable"
        assert "hunter2" not in str(failure)


# --- stores written for fastapi-oneid 0.2 --------------------------------------------------------------------------


async def test_legacy_store_keeps_binding_and_does_not_burn_on_mismatch() -> None:
    legacy_store = LegacyStyleStore()
    manager = StateManager(as_state_store(legacy_store, ttl=60), ttl=60)
    issued = await manager.issue(OTHER_CALLBACK)

    stored_text = legacy_store.values[store_key("", issued.state)]
    assert binding_hash(issued.binding) in stored_text
    assert issued.binding not in stored_text

    with pytest.raises(OneIDStateBindingError):
        await manager.redeem(issued.state, new_binding())
    assert store_key("", issued.state) in legacy_store.values
    assert await manager.redeem(issued.state, issued.binding) == OTHER_CALLBACK
    assert legacy_store.values == {}


async def test_legacy_store_entry_expires_even_if_the_store_keeps_it() -> None:
    clock = FakeClock()
    legacy_store = LegacyStyleStore()
    adapter = LegacyStateStoreAdapter(legacy_store, ttl=60, clock=clock)
    await adapter.save("s1", PendingLogin(redirect_uri=CALLBACK, binding_hash="h"), 60)
    clock.now += 61
    assert (await adapter.redeem("s1", "h")).outcome is RedemptionOutcome.UNKNOWN


async def test_unbound_legacy_entry_cannot_be_redeemed_by_the_routers() -> None:
    legacy_store = LegacyStyleStore()
    legacy_store.values["legacy"] = CALLBACK
    adapter = as_state_store(legacy_store, ttl=60)
    assert isinstance(adapter, LegacyStateStoreAdapter)
    assert (await adapter.redeem("legacy", binding_hash(new_binding()))).outcome is RedemptionOutcome.BINDING_MISMATCH
    assert legacy_store.values["legacy"] == CALLBACK


def test_store_of_unknown_shape_is_refused() -> None:
    with pytest.raises(TypeError):
        as_state_store(object(), ttl=60)  # type: ignore[arg-type]
