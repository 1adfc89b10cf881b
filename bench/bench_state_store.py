"""Pending-login stores: save + redeem pairs per second, and memory per pending login.

Targets: the in-memory store handles at least 100,000 save+redeem pairs per second on one core, keeps a pending login
in under 1 KiB, and its cost per operation does not depend on how many logins are pending (O(1): a store holding
200,000 stays within a factor of 3 of an empty one; what remains is the CPU cache, not the algorithm).
With ``--redis URL`` the Redis store is measured in the same run, for the ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import time
import tracemalloc

from oneid_sdk.security import InMemoryStateStore, PendingLogin, StateStore, binding_hash

LOGIN = PendingLogin(redirect_uri="https://portal.example.uz/one-id/access", binding_hash=binding_hash("b" * 43))


async def pairs_per_second(store: StateStore, pairs: int) -> float:
    states = [secrets.token_urlsafe(32) for _ in range(pairs)]
    started = time.perf_counter()
    for state in states:
        await store.save(state, LOGIN, 300)
        await store.redeem(state, LOGIN.binding_hash)
    return pairs / (time.perf_counter() - started)


async def fill(store: InMemoryStateStore, count: int) -> None:
    for _ in range(count):
        await store.save(secrets.token_urlsafe(32), LOGIN, 300)


async def bytes_per_pending_login(count: int) -> float:
    store = InMemoryStateStore(max_entries=count + 1)
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    await fill(store, count)
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return (after - before) / count


def report(label: str, value: str, note: str) -> None:
    print(f"{label + ':':<30} {value:>32}   ({note})")


async def main(redis_url: str | None, pairs: int) -> None:
    empty = await pairs_per_second(InMemoryStateStore(), pairs)
    full_store = InMemoryStateStore(max_entries=200_001)
    await fill(full_store, 200_000)
    full = await pairs_per_second(full_store, pairs)
    per_login = await bytes_per_pending_login(50_000)
    report("in-memory, empty store", f"{empty:,.0f} save+redeem pairs/s", "target >= 100,000")
    report("in-memory, 200,000 pending", f"{full:,.0f} save+redeem pairs/s", f"{full / empty:.2f} of empty; >= 0.33")
    report("in-memory, memory per login", f"{per_login:,.0f} bytes", "target < 1024")
    if redis_url is not None:
        from redis.asyncio import Redis

        from oneid_sdk.security.redis_store import RedisStateStore

        client = Redis.from_url(redis_url)
        try:
            redis = await pairs_per_second(RedisStateStore(client), max(pairs // 20, 100))
        finally:
            await client.aclose()
        report("redis, one connection", f"{redis:,.0f} save+redeem pairs/s", f"in-memory is {empty / redis:.0f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--redis", metavar="URL", help="also measure the Redis store on this server")
    parser.add_argument("--pairs", type=int, default=50_000)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.redis, arguments.pairs))
