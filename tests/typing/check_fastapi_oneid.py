# pyright: reportUnnecessaryTypeIgnoreComment=error
"""The fastapi-oneid 0.2 facade: its names, its positional client methods, and the calls that must not type-check."""

from __future__ import annotations

from typing import assert_type

import httpx
from fastapi import APIRouter, Request

import oneid_sdk
from fastapi_oneid import (
    InMemoryStateStore,
    OneIDAuthPayload,
    OneIDClient,
    OneIDLegalInfo,
    OneIDLogoutResponse,
    OneIDSettings,
    OneIDTokenResponse,
    OneIDUserInfo,
    create_api_router,
    create_web_router,
)


async def auth_handler(payload: OneIDAuthPayload, request: Request) -> dict[str, object]:
    return {"pin": payload.user.pin}


def aliases(user: OneIDUserInfo, token: OneIDTokenResponse, organisation: OneIDLegalInfo) -> None:
    assert_type(user, oneid_sdk.UserInfo)
    assert_type(token, oneid_sdk.TokenResponse)
    assert_type(organisation, oneid_sdk.LegalInfo)
    assert_type(user.legal_info, list[OneIDLegalInfo] | None)


async def facade(settings: OneIDSettings) -> None:
    assert_type(settings, oneid_sdk.OneIDSettings)
    client = OneIDClient(settings, httpx.AsyncClient())
    assert_type(client, OneIDClient)
    client_as_sdk: oneid_sdk.AsyncOneIDClient = client
    assert_type(client.http_client, httpx.AsyncClient)
    assert_type(client.get_authorization_url("https://portal.example.uz/cb", "state"), str)
    token = await client.exchange_code("code", "https://portal.example.uz/cb")
    assert_type(token, oneid_sdk.TokenResponse)
    assert_type(await client.get_user_info(token.access_token), oneid_sdk.UserInfo)
    assert_type(await client.resolve_auth_payload("code", "https://portal.example.uz/cb"), OneIDAuthPayload)
    assert_type(await client.get_user("code", "https://portal.example.uz/cb"), oneid_sdk.UserInfo)
    answer = await client.logout(token.access_token)
    assert_type(answer, OneIDLogoutResponse)
    assert_type(answer.success, bool)
    assert_type(answer.ret_cd, str | None)
    assert_type(await client_as_sdk.identify(access_token=token.access_token), oneid_sdk.UserInfo)
    store = InMemoryStateStore()
    assert_type(await store.pop("state"), str | None)
    web = create_web_router(settings=settings, handler=auth_handler, state_store=store)
    assert_type(web, APIRouter)
    assert_type(create_api_router(handler=auth_handler), APIRouter)


def takes_bool(value: bool) -> None: ...


def takes_str(value: str) -> None: ...


async def facade_misuse(client: OneIDClient) -> None:
    takes_str((await client.logout("token")).success)  # type: ignore[arg-type]
    takes_bool(client.logout("token"))  # type: ignore[arg-type]
    await client.logout()  # type: ignore[call-arg]
    await client.get_user_info(token="t")  # type: ignore[call-arg]
    await client.get_authorization_url("https://portal.example.uz/cb", "state")  # type: ignore[misc]
    OneIDClient(settings=None, http_client=httpx.Client())  # type: ignore[arg-type]
