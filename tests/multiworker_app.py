"""The app of the multi-worker test: the API router with a Redis state store, under several uvicorn workers.

Every answer names the worker process that produced it (``X-Worker``), so the test can see a login that started in
one worker complete in another.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from redis.asyncio import Redis

from oneid_sdk import OneIDAuthPayload
from oneid_sdk.fastapi import create_api_router
from oneid_sdk.security.redis_store import RedisStateStore


async def on_login(payload: OneIDAuthPayload, request: Request) -> dict[str, object]:
    return {"pin": payload.user.pin}


app = FastAPI()
app.include_router(
    create_api_router(handler=on_login, state_store=RedisStateStore(Redis.from_url(os.environ["TEST_REDIS_URL"])))
)


@app.middleware("http")
async def name_the_worker(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    response = await call_next(request)
    response.headers["X-Worker"] = str(os.getpid())
    return response
