"""The Redis state stores against a real Redis server: atomic single use, binding not burnt, shared by processes."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import respx
from redis import Redis
from redis.asyncio import Redis as AsyncRedis

from oneid_sdk import AsyncLoginFlow, AsyncOneIDClient, LoginFlow, OneIDClient, OneIDSettings
from oneid_sdk.errors import OneIDInvalidStateError, OneIDStateBindingError, OneIDStateStoreError
from oneid_sdk.security import PendingLogin, RedemptionOutcome, binding_hash
from oneid_sdk.security.redis_store import DEFAULT_KEY_PREFIX, RedisStateStore, SyncRedisStateStore

SSO_URL = "https://sso.example.uz/sso/oauth/Authorization.do"
CALLBACK = "https://portal.example.uz/one-id/access"
LOGIN = PendingLogin(redirect_uri=CALLBACK, binding_hash=binding_hash("binding-of-browser-a"))
USER = {"pin": "12345678901234", "ret_cd": "0", "valid": "true", "user_type": "I"}


@pytest.fixture
def settings() -> OneIDSettings:
    return OneIDSettings(
        one_id_sso_url=SSO_URL,
        one_id_client_id="portal",
        one_id_client_secret="portal-secret",
        one_id_scope="portal",
        one_id_allowed_redirect_uris=[CALLBACK],
    )


@pytest.fixture
def sync_redis(redis_url: str) -> Iterator[Redis]:
    client = Redis.from_url(redis_url)
    client.flushdb()
    yield client
    client.close()


@pytest.fixture
async def async_redis(redis_url: str) -> AsyncIterator[AsyncRedis]:
    client = AsyncRedis.from_url(redis_url)
    await client.flushdb()
    yield client
    await client.aclose()


async def test_saved_login_is_redeemed_once_with_its_binding(async_redis: AsyncRedis) -> None:
    store = RedisStateStore(async_redis)
    await store.save("state-1", LOGIN, ttl=300)
    assert 0 < await async_redis.ttl(DEFAULT_KEY_PREFIX + "state-1") <= 300

    first = await store.redeem("state-1", LOGIN.binding_hash)
    second = await store.redeem("state-1", LOGIN.binding_hash)

    assert first.outcome is RedemptionOutcome.REDEEMED and first.login == LOGIN
    assert second.outcome is RedemptionOutcome.UNKNOWN
    assert await async_redis.exists(DEFAULT_KEY_PREFIX + "state-1") == 0


async def test_wrong_binding_leaves_the_state_for_its_browser(async_redis: AsyncRedis) -> None:
    store = RedisStateStore(async_redis)
    await store.save("state-1", LOGIN, ttl=300)

    stolen = await store.redeem("state-1", binding_hash("attacker-binding"))
    rightful = await store.redeem("state-1", LOGIN.binding_hash)

    assert stolen.outcome is RedemptionOutcome.BINDING_MISMATCH and stolen.login is None
    assert rightful.outcome is RedemptionOutcome.REDEEMED


async def test_expired_state_is_unknown(async_redis: AsyncRedis) -> None:
    store = RedisStateStore(async_redis)
    await store.save("state-1", LOGIN, ttl=1)
    await asyncio.sleep(1.2)
    assert (await store.redeem("state-1", LOGIN.binding_hash)).outcome is RedemptionOutcome.UNKNOWN


async def test_of_twenty_concurrent_redemptions_exactly_one_succeeds(redis_url: str) -> None:
    # Twenty connections, as twenty workers would have.
    clients = [AsyncRedis.from_url(redis_url) for _ in range(20)]
    try:
        await RedisStateStore(clients[0]).save("contested", LOGIN, ttl=300)
        results = await asyncio.gather(
            *(RedisStateStore(client).redeem("contested", LOGIN.binding_hash) for client in clients)
        )
    finally:
        for client in clients:
            await client.aclose()
    outcomes = [result.outcome for result in results]
    assert outcomes.count(RedemptionOutcome.REDEEMED) == 1
    assert outcomes.count(RedemptionOutcome.UNKNOWN) == 19


def test_sync_store_redeems_once_and_keeps_mismatched_states(sync_redis: Redis) -> None:
    store = SyncRedisStateStore(sync_redis, key_prefix="portal-a:")
    store.save("state-1", LOGIN, ttl=300)

    assert sync_redis.exists("portal-a:state-1") == 1
    assert store.redeem("state-1", binding_hash("other")).outcome is RedemptionOutcome.BINDING_MISMATCH
    assert store.redeem("state-1", LOGIN.binding_hash).outcome is RedemptionOutcome.REDEEMED
    assert store.redeem("state-1", LOGIN.binding_hash).outcome is RedemptionOutcome.UNKNOWN


@respx.mock
async def test_login_started_by_one_process_completes_in_another(
    async_redis: AsyncRedis, redis_url: str, settings: OneIDSettings
) -> None:
    exchange = respx.post(SSO_URL).mock(
        side_effect=[
            httpx.Response(200, json={"access_token": "token-1", "token_type": "Bearer"}),
            httpx.Response(200, json=USER),
        ]
    )
    other_connection = AsyncRedis.from_url(redis_url)
    try:
        worker_a = AsyncLoginFlow(AsyncOneIDClient(settings), state_store=RedisStateStore(async_redis))
        worker_b = AsyncLoginFlow(AsyncOneIDClient(settings), state_store=RedisStateStore(other_connection))

        start = await worker_a.begin()
        with pytest.raises(OneIDStateBindingError):
            await worker_b.complete("code-1", start.state, "not-the-binding")
        assert exchange.call_count == 0
        payload = await worker_b.complete("code-1", start.state, start.binding)
    finally:
        await other_connection.aclose()

    assert payload.user.pin == USER["pin"]
    assert payload.redirect_uri == CALLBACK
    assert exchange.call_count == 2


async def test_a_state_of_another_client_is_unknown_and_kept(async_redis: AsyncRedis, settings: OneIDSettings) -> None:
    """Two clients on one Redis: the key names the client, and the value keeps its id (PendingLogin.encode)."""
    admin = settings.model_copy(update={"one_id_client_id": "admin"})
    with respx.mock:
        exchange = respx.post(SSO_URL).mock(
            side_effect=[httpx.Response(200, json={"access_token": "token-1"}), httpx.Response(200, json=USER)]
        )
        portal_flow = AsyncLoginFlow(AsyncOneIDClient(settings), state_store=RedisStateStore(async_redis))
        admin_flow = AsyncLoginFlow(AsyncOneIDClient(admin), state_store=RedisStateStore(async_redis))
        start = await portal_flow.begin()

        key = f"{DEFAULT_KEY_PREFIX}portal:{start.state}"
        stored = await async_redis.get(key)
        assert stored is not None
        assert PendingLogin.decode(stored.decode()).client_id == "portal"
        with pytest.raises(OneIDInvalidStateError):
            await admin_flow.complete("code-1", start.state, start.binding)
        assert await async_redis.exists(key) == 1
        assert exchange.call_count == 0
        assert (await portal_flow.complete("code-1", start.state, start.binding)).redirect_uri == CALLBACK


def test_sync_flow_shares_state_through_redis(sync_redis: Redis, settings: OneIDSettings) -> None:
    with respx.mock:
        respx.post(SSO_URL).mock(
            side_effect=[
                httpx.Response(200, json={"access_token": "token-1"}),
                httpx.Response(200, json=USER),
            ]
        )
        worker_a = LoginFlow(OneIDClient(settings), state_store=SyncRedisStateStore(sync_redis))
        worker_b = LoginFlow(OneIDClient(settings), state_store=SyncRedisStateStore(sync_redis))
        start = worker_a.begin()
        payload = worker_b.complete("code-1", start.state, start.binding)
    assert payload.user.pin == USER["pin"]


async def test_unreachable_redis_is_a_store_error_not_a_crash(settings: OneIDSettings) -> None:
    from demo.servers import free_port

    unreachable = AsyncRedis.from_url(f"redis://127.0.0.1:{free_port()}/0", socket_connect_timeout=1)
    flow = AsyncLoginFlow(AsyncOneIDClient(settings), state_store=RedisStateStore(unreachable))
    try:
        with pytest.raises(OneIDStateStoreError) as raised:
            await flow.begin()
    finally:
        await unreachable.aclose()
    assert raised.value.status == 503
