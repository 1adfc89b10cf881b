"""State stores in Redis, for several workers or hosts: a login may start on one process and end on another.

``pip install 'oneid-sdk[redis]'``, then pass a store to the routers or a flow::

    from redis.asyncio import Redis
    from oneid_sdk.security.redis_store import RedisStateStore

    store = RedisStateStore(Redis.from_url("redis://localhost:6379/0"))
    app.include_router(create_web_router(handler=on_login, state_store=store))

A pending login is one key (``<prefix><client id>:<state>``) holding :meth:`PendingLogin.encode`
(``"<binding hash> <client id> <redirect URI>"``) with the state's TTL.
Redemption is one Lua script, so it is atomic across every process that shares the server: it returns "unknown"
when the key is absent, leaves the key in place and returns "mismatch" when the binding hash differs, and otherwise
deletes the key and returns its value. Of many concurrent redemptions of one state, exactly one succeeds.
"""

from __future__ import annotations

from typing import Final

from redis import Redis
from redis.asyncio import Redis as AsyncRedis

from .store import PendingLogin, Redemption, RedemptionOutcome

__all__ = ["DEFAULT_KEY_PREFIX", "RedisStateStore", "SyncRedisStateStore"]

DEFAULT_KEY_PREFIX: Final = "oneid:state:"

_REDEEM_SCRIPT: Final = """
local value = redis.call('GET', KEYS[1])
if not value then
  return {'unknown'}
end
local separator = string.find(value, ' ', 1, true)
if not separator or string.sub(value, 1, separator - 1) ~= ARGV[1] then
  return {'mismatch'}
end
redis.call('DEL', KEYS[1])
return {'redeemed', value}
"""


def _redemption(reply: object) -> Redemption:
    """Read the script's reply: ``[outcome]`` or ``["redeemed", value]``."""
    if not isinstance(reply, list) or not reply:
        raise RuntimeError("the Redis redeem script answered in an unexpected form")
    outcome = _text(reply[0])
    if outcome == "redeemed" and len(reply) == 2:
        return Redemption(RedemptionOutcome.REDEEMED, PendingLogin.decode(_text(reply[1])))
    if outcome == "mismatch":
        return Redemption(RedemptionOutcome.BINDING_MISMATCH)
    if outcome == "unknown":
        return Redemption(RedemptionOutcome.UNKNOWN)
    raise RuntimeError("the Redis redeem script answered in an unexpected form")


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, str):
        return value
    raise RuntimeError("the Redis redeem script answered in an unexpected form")


class RedisStateStore:
    """:class:`~oneid_sdk.security.StateStore` in Redis, over ``redis.asyncio.Redis``."""

    def __init__(self, redis: AsyncRedis, *, key_prefix: str = DEFAULT_KEY_PREFIX) -> None:
        self._redis = redis
        self._key_prefix = key_prefix
        self._redeem = redis.register_script(_REDEEM_SCRIPT)

    async def save(self, state: str, login: PendingLogin, ttl: int) -> None:
        """Keep ``login`` under ``state`` for ``ttl`` seconds."""
        if ttl <= 0:
            raise ValueError("ttl must be greater than zero")
        await self._redis.set(self._key_prefix + state, login.encode(), ex=ttl)

    async def redeem(self, state: str, binding_hash: str) -> Redemption:
        """Atomically delete and return the entry if its binding hash equals ``binding_hash``."""
        reply = await self._redeem(keys=[self._key_prefix + state], args=[binding_hash])
        return _redemption(reply)


class SyncRedisStateStore:
    """:class:`~oneid_sdk.security.SyncStateStore` in Redis, over the blocking ``redis.Redis``."""

    def __init__(self, redis: Redis, *, key_prefix: str = DEFAULT_KEY_PREFIX) -> None:
        self._redis = redis
        self._key_prefix = key_prefix
        self._redeem = redis.register_script(_REDEEM_SCRIPT)

    def save(self, state: str, login: PendingLogin, ttl: int) -> None:
        """Keep ``login`` under ``state`` for ``ttl`` seconds."""
        if ttl <= 0:
            raise ValueError("ttl must be greater than zero")
        self._redis.set(self._key_prefix + state, login.encode(), ex=ttl)

    def redeem(self, state: str, binding_hash: str) -> Redemption:
        """Atomically delete and return the entry if its binding hash equals ``binding_hash``."""
        reply = self._redeem(keys=[self._key_prefix + state], args=[binding_hash])
        return _redemption(reply)
