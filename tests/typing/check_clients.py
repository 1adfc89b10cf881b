# pyright: reportUnnecessaryTypeIgnoreComment=error
"""The clients: what each method returns, and the calls that must not type-check."""

from __future__ import annotations

from typing import assert_type

import httpx

from oneid_sdk import AsyncOneIDClient, LogoutResponse, OneIDClient, OneIDSettings, TokenResponse, UserInfo


def sync_client(settings: OneIDSettings) -> None:
    with OneIDClient(settings, http_client=httpx.Client()) as client:
        assert_type(client, OneIDClient)
        assert_type(client.settings, OneIDSettings)
        assert_type(client.authorization_url(redirect_uri="https://portal.example.uz/cb", state="s"), str)
        token = client.exchange_code(code="c", redirect_uri="https://portal.example.uz/cb")
        assert_type(token, TokenResponse)
        assert_type(client.identify(access_token=token.access_token), UserInfo)
        assert_type(client.log_out(access_token=token.access_token), LogoutResponse)
        assert_type(client.close(), None)


async def async_client(settings: OneIDSettings) -> None:
    async with AsyncOneIDClient(settings, http_client=httpx.AsyncClient()) as client:
        assert_type(client, AsyncOneIDClient)
        assert_type(client.authorization_url(redirect_uri="https://portal.example.uz/cb", state="s"), str)
        token = await client.exchange_code(code="c", redirect_uri="https://portal.example.uz/cb")
        assert_type(token, TokenResponse)
        assert_type(await client.identify(access_token=token.access_token), UserInfo)
        assert_type(await client.log_out(access_token=token.access_token), LogoutResponse)
        assert_type(await client.aclose(), None)


def takes_user(user: UserInfo) -> None: ...


def takes_str(value: str) -> None: ...


def sync_misuse(client: OneIDClient) -> None:
    client.identify(token="t")  # type: ignore[call-arg]
    client.exchange_code(code="c")  # type: ignore[call-arg]
    client.identify("t")  # type: ignore[call-arg]
    client.authorization_url("https://portal.example.uz/cb", "s")  # type: ignore[call-arg]
    OneIDClient(http_client=httpx.AsyncClient())  # type: ignore[arg-type]


async def sync_method_awaited(client: OneIDClient) -> None:
    await client.identify(access_token="t")  # type: ignore[misc]
    async with client:  # type: ignore[attr-defined]
        pass


async def async_misuse(client: AsyncOneIDClient) -> None:
    takes_user(client.identify(access_token="t"))  # type: ignore[arg-type]
    client.log_out(access_token="t")  # type: ignore[unused-coroutine]
    takes_str(client.exchange_code(code="c", redirect_uri="r").access_token)  # type: ignore[attr-defined]
    await client.log_out(token="t")  # type: ignore[call-arg]
    await client.exchange_code("c", "r")  # type: ignore[call-arg]
    with client:  # type: ignore[attr-defined]
        pass
