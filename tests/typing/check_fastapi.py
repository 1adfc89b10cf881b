# pyright: reportUnnecessaryTypeIgnoreComment=error
"""The FastAPI routers and the handler contract, and the integrations that must not type-check."""

from __future__ import annotations

from typing import assert_type

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.responses import RedirectResponse

from oneid_sdk import AsyncOneIDClient, InMemoryStateStore, OneIDAuthPayload, OneIDSettings
from oneid_sdk.fastapi import (
    AuthorizationUrlResponse,
    ErrorResponse,
    HandlerResult,
    OneIDAuthHandler,
    create_api_router,
    create_web_router,
)


async def async_handler(payload: OneIDAuthPayload, request: Request) -> dict[str, object]:
    return {"pin": payload.user.pin}


def sync_handler(payload: OneIDAuthPayload, request: Request) -> Response:
    return RedirectResponse("/home", status_code=303)


def union_handler(payload: OneIDAuthPayload, request: Request) -> HandlerResult:
    return {"pin": payload.user.pin}


def routers(settings: OneIDSettings, client: AsyncOneIDClient) -> None:
    app = FastAPI()
    web = create_web_router(settings=settings, handler=async_handler)
    assert_type(web, APIRouter)
    api = create_api_router(client=client, handler=sync_handler, state_store=InMemoryStateStore(), prefix="/api/oneid")
    assert_type(api, APIRouter)
    assert_type(create_api_router(handler=union_handler), APIRouter)
    assert_type(create_web_router(), APIRouter)
    app.include_router(web)
    app.include_router(api)
    handler: OneIDAuthHandler = async_handler
    assert_type(create_web_router(handler=handler), APIRouter)


def answers(body: AuthorizationUrlResponse, error: ErrorResponse) -> None:
    assert_type(body.url, str)
    assert_type(body.binding, str | None)
    assert_type(error.detail, str)
    assert_type(error.error, str)


def handler_without_request(payload: OneIDAuthPayload) -> dict[str, object]:
    return {}


def handler_with_arguments_swapped(request: Request, payload: OneIDAuthPayload) -> dict[str, object]:
    return {}


async def handler_answering_text(payload: OneIDAuthPayload, request: Request) -> str:
    return payload.user.pin


def router_misuse(settings: OneIDSettings) -> None:
    create_web_router(settings)  # type: ignore[call-arg]
    create_web_router(setting=settings)  # type: ignore[call-arg]
    create_web_router(handler=handler_without_request)  # type: ignore[arg-type]
    create_api_router(handler=handler_with_arguments_swapped)  # type: ignore[arg-type]
    create_api_router(handler=handler_answering_text)  # type: ignore[arg-type]
    create_api_router(client=settings)  # type: ignore[arg-type]
    create_web_router(state_store=object())  # type: ignore[arg-type]
    create_web_router(prefix=None)  # type: ignore[arg-type]
