# pyright: reportUnnecessaryTypeIgnoreComment=error
"""The login flows: what begin, complete and log_out give back, and the calls that must not type-check."""

from __future__ import annotations

from typing import assert_type

from oneid_sdk import (
    AsyncLoginFlow,
    AsyncOneIDClient,
    InMemoryStateStore,
    LoginFlow,
    LoginStart,
    LogoutResponse,
    OneIDAuthPayload,
    OneIDClient,
    OneIDSettings,
    RedirectPolicy,
    SyncInMemoryStateStore,
    TokenResponse,
    UserInfo,
)


def payload_fields(payload: OneIDAuthPayload) -> None:
    assert_type(payload.code, str)
    assert_type(payload.redirect_uri, str)
    assert_type(payload.redirect_url, str)
    assert_type(payload.token, TokenResponse)
    assert_type(payload.user, UserInfo)


def start_fields(start: LoginStart) -> None:
    assert_type(start.authorization_url, str)
    assert_type(start.state, str)
    assert_type(start.binding, str)
    assert_type(start.redirect_uri, str)


def sync_flow(client: OneIDClient) -> None:
    flow = LoginFlow(client, state_store=SyncInMemoryStateStore())
    assert_type(flow.settings, OneIDSettings)
    assert_type(flow.redirect_policy, RedirectPolicy)
    start = flow.begin()
    assert_type(start, LoginStart)
    assert_type(flow.begin("https://portal.example.uz/cb", binding=start.binding), LoginStart)
    payload = flow.complete("code", start.state, start.binding)
    assert_type(payload, OneIDAuthPayload)
    assert_type(flow.complete("code", start.state, None, redirect_uri=start.redirect_uri), OneIDAuthPayload)
    assert_type(flow.log_out(payload.token.access_token), LogoutResponse)


async def async_flow(client: AsyncOneIDClient) -> None:
    flow = AsyncLoginFlow(client, state_store=InMemoryStateStore())
    start = await flow.begin()
    assert_type(start, LoginStart)
    payload = await flow.complete("code", start.state, start.binding)
    assert_type(payload, OneIDAuthPayload)
    assert_type(await flow.log_out(payload.token.access_token), LogoutResponse)


def takes_start(start: LoginStart) -> None: ...


def takes_payload(payload: OneIDAuthPayload) -> None: ...


def sync_flow_misuse(client: OneIDClient, async_client: AsyncOneIDClient, start: LoginStart) -> None:
    LoginFlow(async_client)  # type: ignore[arg-type]
    AsyncLoginFlow(client)  # type: ignore[arg-type]
    LoginFlow(client, state_store=InMemoryStateStore())  # type: ignore[arg-type]
    LoginFlow(client, SyncInMemoryStateStore())  # type: ignore[call-arg]
    flow = LoginFlow(client)
    flow.complete("code", start.state)  # type: ignore[call-arg]
    flow.complete(code="code", state=start.state, cookie=start.binding)  # type: ignore[call-arg]
    flow.begin(redirect_url="https://portal.example.uz/cb")  # type: ignore[call-arg]
    flow.begin("https://portal.example.uz/cb", start.binding)  # type: ignore[call-arg]
    start.binding = "another"  # type: ignore[misc]


async def sync_flow_awaited(client: OneIDClient) -> None:
    flow = LoginFlow(client)
    await flow.begin()  # type: ignore[misc]


async def async_flow_misuse(client: AsyncOneIDClient, start: LoginStart) -> None:
    flow = AsyncLoginFlow(client)
    takes_start(flow.begin())  # type: ignore[arg-type]
    takes_payload(flow.complete("code", start.state, start.binding))  # type: ignore[arg-type]
    flow.log_out("token")  # type: ignore[unused-coroutine]
    await flow.complete("code", start.state)  # type: ignore[call-arg]
