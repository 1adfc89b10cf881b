"""The application's handler: what to do with a completed login.

A handler receives the :class:`~oneid_sdk.OneIDAuthPayload` and the request and returns a ``dict`` (answered as
JSON) or a ``Response``. It may be a plain function (run in the thread pool, so it may block) or a coroutine
function. Finding or creating the local user and issuing the application's own session are its job.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any, TypeAlias

from fastapi import Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from ..payload import OneIDAuthPayload
from ._answers import handler_not_configured_answer, no_store

__all__ = ["HandlerResult", "OneIDAuthHandler", "answer_with_handler"]

HandlerResult: TypeAlias = Response | dict[str, Any]
"""What a handler returns."""

OneIDAuthHandler: TypeAlias = Callable[[OneIDAuthPayload, Request], HandlerResult | Awaitable[HandlerResult]]
"""``(payload, request) -> dict | Response``, sync or async."""


async def answer_with_handler(
    handler: OneIDAuthHandler | None,
    payload: OneIDAuthPayload,
    request: Request,
    *,
    debug: bool,
) -> Response:
    """Run the handler and turn its result into a response.

    Without a handler the answer is 500 ``handler_not_configured``, unless debug mode is on: then it is the raw
    token and user, for trying the integration out (never in production). A completed login's answer usually
    carries the application's session or token, so it is sent with ``Cache-Control: no-store`` unless the handler
    returned a ``Response`` that sets its own ``Cache-Control``.
    """
    if handler is None:
        if not debug:
            return handler_not_configured_answer()
        raw = {"token": payload.token.model_dump(mode="json"), "user": payload.user.model_dump(mode="json")}
        return no_store(JSONResponse(raw))
    # A plain function runs in the thread pool (it may block); whatever it returns may still be awaitable.
    result: object
    if inspect.iscoroutinefunction(handler):
        result = handler(payload, request)
    else:
        result = await run_in_threadpool(handler, payload, request)
    if inspect.isawaitable(result):
        result = await result
    if isinstance(result, Response):
        return no_store(result, keep_own=True)
    return no_store(JSONResponse(jsonable_encoder(result)))
