"""The framework-free login flow, sync and async: every check happens before OneID is called."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import respx

from oneid_sdk._generated.client import AsyncOneIDClient, OneIDClient
from oneid_sdk.errors import (
    OneIDInvalidRedirectURIError,
    OneIDInvalidStateError,
    OneIDRedirectURIMismatchError,
    OneIDStateBindingError,
    OneIDUserInfoError,
)
from oneid_sdk.flow import AsyncLoginFlow, LoginFlow
from oneid_sdk.security import InMemoryStateStore, SyncInMemoryStateStore, new_binding
from oneid_sdk.settings import OneIDSettings

SSO = "https://sso.test.example/sso/oauth/Authorization.do"
CALLBACK = "https://portal.example.uz/one-id/access"
SPA_CALLBACK = "https://app.example.uz/auth/callback"
USER = {"pin": "30101850000011", "full_name": "KARIMOV AZIZ", "valid": "true", "ret_cd": "0"}


@pytest.fixture
def settings() -> OneIDSettings:
    return OneIDSettings(
        one_id_sso_url=SSO,
        one_id_client_id="portal",
        one_id_client_secret="s3cret-value",
        one_id_scope="portal-scope",
        one_id_allowed_redirect_uris=[CALLBACK, SPA_CALLBACK],
        one_id_default_redirect_uri=CALLBACK,
    )


@pytest.fixture
def oneid() -> Iterator[respx.Route]:
    with respx.mock(assert_all_called=False) as mock:
        yield mock.post(SSO)


def answer_login(route: respx.Route, user: dict[str, str] | None = None) -> None:
    route.side_effect = [
        httpx.Response(200, json={"access_token": "tok-123", "token_type": "Bearer"}),
        httpx.Response(200, json=user or USER),
    ]


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


async def test_begin_builds_the_authorization_url_for_the_default_redirect_uri(settings: OneIDSettings) -> None:
    flow = AsyncLoginFlow(AsyncOneIDClient(settings), state_store=InMemoryStateStore())
    start = await flow.begin()

    assert start.authorization_url.startswith(SSO + "?")
    assert query_of(start.authorization_url) == {
        "response_type": ["one_code"],
        "client_id": ["portal"],
        "redirect_uri": [CALLBACK],
        "scope": ["portal-scope"],
        "state": [start.state],
    }
    assert start.redirect_uri == CALLBACK
    assert start.binding not in repr(start)


async def test_begin_refuses_a_redirect_uri_off_the_allow_list(settings: OneIDSettings) -> None:
    flow = AsyncLoginFlow(AsyncOneIDClient(settings), state_store=InMemoryStateStore())
    with pytest.raises(OneIDInvalidRedirectURIError):
        await flow.begin("https://evil.example.com/callback")


async def test_complete_exchanges_the_code_and_identifies_the_user(settings: OneIDSettings, oneid: respx.Route) -> None:
    answer_login(oneid)
    flow = AsyncLoginFlow(AsyncOneIDClient(settings), state_store=InMemoryStateStore())
    start = await flow.begin(SPA_CALLBACK)

    payload = await flow.complete("code-1", start.state, start.binding, redirect_uri=SPA_CALLBACK)

    assert payload.code == "code-1"
    assert payload.redirect_uri == payload.redirect_url == SPA_CALLBACK
    assert payload.token.access_token == "tok-123"
    assert payload.user.pin == "30101850000011"
    assert payload.user.valid is True
    assert [call.request.content.decode() for call in oneid.calls] == [
        "grant_type=one_authorization_code&client_id=portal&client_secret=s3cret-value"
        "&redirect_uri=https%3A%2F%2Fapp.example.uz%2Fauth%2Fcallback&code=code-1",
        "grant_type=one_access_token_identify&client_id=portal&client_secret=s3cret-value"
        "&access_token=tok-123&scope=portal-scope",
    ]
    assert "tok-123" not in repr(payload)
    assert "code-1" not in repr(payload)


async def test_replayed_callback_is_refused_without_calling_oneid(settings: OneIDSettings, oneid: respx.Route) -> None:
    answer_login(oneid)
    flow = AsyncLoginFlow(AsyncOneIDClient(settings), state_store=InMemoryStateStore())
    start = await flow.begin()
    await flow.complete("code-1", start.state, start.binding)

    with pytest.raises(OneIDInvalidStateError, match="^State"):
        await flow.complete("code-1", start.state, start.binding)
    assert oneid.call_count == 2


async def test_callback_from_another_browser_is_refused_and_the_state_survives(
    settings: OneIDSettings, oneid: respx.Route
) -> None:
    answer_login(oneid)
    flow = AsyncLoginFlow(AsyncOneIDClient(settings), state_store=InMemoryStateStore())
    start = await flow.begin()

    for foreign in (None, "", new_binding()):
        with pytest.raises(OneIDStateBindingError, match="State"):
            await flow.complete("code-1", start.state, foreign)
    assert oneid.call_count == 0

    payload = await flow.complete("code-1", start.state, start.binding)
    assert payload.user.pin == "30101850000011"


async def test_redirect_uri_other_than_the_states_is_refused_before_oneid(
    settings: OneIDSettings, oneid: respx.Route
) -> None:
    flow = AsyncLoginFlow(AsyncOneIDClient(settings), state_store=InMemoryStateStore())
    start = await flow.begin(SPA_CALLBACK)

    with pytest.raises(OneIDRedirectURIMismatchError, match="^Redirect URI does not match the stored state") as refused:
        await flow.complete("code-1", start.state, start.binding, redirect_uri=CALLBACK)
    assert refused.value.restart_required
    assert refused.value.message.endswith("start the login again.")
    assert oneid.call_count == 0


async def test_redirect_uri_off_the_allow_list_is_refused_and_keeps_the_state(
    settings: OneIDSettings, oneid: respx.Route
) -> None:
    answer_login(oneid)
    flow = AsyncLoginFlow(AsyncOneIDClient(settings), state_store=InMemoryStateStore())
    start = await flow.begin()

    with pytest.raises(OneIDInvalidRedirectURIError, match="ONE_ID_ALLOWED_REDIRECT_URIS"):
        await flow.complete("code-1", start.state, start.binding, redirect_uri="https://evil.example.com/cb")
    assert oneid.call_count == 0
    await flow.complete("code-1", start.state, start.binding)


async def test_refused_user_is_an_error_and_the_state_is_spent(settings: OneIDSettings, oneid: respx.Route) -> None:
    answer_login(oneid, {**USER, "ret_cd": "1"})
    flow = AsyncLoginFlow(AsyncOneIDClient(settings), state_store=InMemoryStateStore())
    start = await flow.begin()

    with pytest.raises(OneIDUserInfoError):
        await flow.complete("code-1", start.state, start.binding)
    with pytest.raises(OneIDInvalidStateError):
        await flow.complete("code-1", start.state, start.binding)


async def test_twenty_concurrent_callbacks_log_in_once(settings: OneIDSettings, oneid: respx.Route) -> None:
    answer_login(oneid)
    flow = AsyncLoginFlow(AsyncOneIDClient(settings), state_store=InMemoryStateStore())
    start = await flow.begin()

    results = await asyncio.gather(
        *(flow.complete("code-1", start.state, start.binding) for _ in range(20)), return_exceptions=True
    )

    payloads = [result for result in results if not isinstance(result, BaseException)]
    refusals = [result for result in results if isinstance(result, OneIDInvalidStateError)]
    assert len(payloads) == 1
    assert len(refusals) == 19
    assert oneid.call_count == 2


async def test_log_out_sends_the_logout_grant(settings: OneIDSettings, oneid: respx.Route) -> None:
    oneid.return_value = httpx.Response(200, json={"ret_cd": "0"})
    flow = AsyncLoginFlow(AsyncOneIDClient(settings), state_store=InMemoryStateStore())

    result = await flow.log_out("tok-123")

    assert result.ret_cd == "0"
    assert oneid.calls.last.request.content.decode() == (
        "grant_type=one_log_out&client_id=portal&client_secret=s3cret-value&access_token=tok-123&scope=portal-scope"
    )


def test_sync_flow_logs_in_once_and_refuses_foreign_bindings(settings: OneIDSettings, oneid: respx.Route) -> None:
    answer_login(oneid)
    with OneIDClient(settings) as client:
        flow = LoginFlow(client, state_store=SyncInMemoryStateStore())
        start = flow.begin(SPA_CALLBACK)
        assert query_of(start.authorization_url)["redirect_uri"] == [SPA_CALLBACK]

        with pytest.raises(OneIDStateBindingError):
            flow.complete("code-9", start.state, new_binding())
        assert oneid.call_count == 0

        payload = flow.complete("code-9", start.state, start.binding)
        assert payload.redirect_uri == SPA_CALLBACK
        assert payload.user.full_name == "KARIMOV AZIZ"
        assert oneid.calls[0].request.content.decode().endswith("&code=code-9")

        with pytest.raises(OneIDInvalidStateError):
            flow.complete("code-9", start.state, start.binding)
        assert oneid.call_count == 2


def test_sync_flow_log_out(settings: OneIDSettings, oneid: respx.Route) -> None:
    oneid.return_value = httpx.Response(200, json={"ret_cd": 0})
    with OneIDClient(settings) as client:
        assert LoginFlow(client).log_out("tok-123").ret_cd == "0"
    assert "grant_type=one_log_out" in oneid.calls.last.request.content.decode()


def test_sync_flow_reuses_the_browsers_binding(settings: OneIDSettings) -> None:
    with OneIDClient(settings) as client:
        flow = LoginFlow(client, state_store=SyncInMemoryStateStore())
        first = flow.begin()
        second = flow.begin(binding=first.binding)
    assert second.binding == first.binding
    assert second.state != first.state
