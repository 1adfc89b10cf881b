"""When OneID fails after the state was spent, the answer says to start the login again, and keeps its own code.

The state is consumed before the code exchange (so a code is never exchanged twice). If OneID then times out,
fails or refuses, the login cannot be resumed: the ``detail`` tells the user to start again, the ``error`` code still
names the cause, and the error object says ``restart_required``. Refusals before the state is spent do not.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from fastapi import FastAPI

from oneid_sdk._generated.client import AsyncOneIDClient, OneIDClient
from oneid_sdk.errors import RESTART_LOGIN_SENTENCE, OneIDError
from oneid_sdk.flow import AsyncLoginFlow, LoginFlow
from oneid_sdk.security import InMemoryStateStore, SyncInMemoryStateStore
from oneid_sdk.settings import OneIDSettings
from tests.security.support import FakeOneID, browser, state_of

Answer = Callable[[dict[str, str]], httpx.Response]


def raising(error: Exception) -> Answer:
    def answer(form: dict[str, str]) -> httpx.Response:
        raise error

    return answer


def answering(response: httpx.Response) -> Answer:
    return lambda form: response


FAILURES: dict[str, tuple[str, Answer, int, str]] = {
    "exchange timeout": ("exchange", raising(httpx.ReadTimeout("slow")), 504, "oneid_timeout"),
    "exchange unreachable": ("exchange", raising(httpx.ConnectError("refused")), 502, "oneid_unreachable"),
    "exchange HTTP 500": ("exchange", answering(httpx.Response(500, text="down")), 502, "oneid_http_error"),
    "exchange HTTP 503": ("exchange", answering(httpx.Response(503, json={})), 502, "oneid_http_error"),
    "exchange not JSON": ("exchange", answering(httpx.Response(200, text="<html>")), 502, "oneid_invalid_response"),
    "exchange refused": (
        "exchange",
        answering(httpx.Response(200, json={"error": "invalid_grant"})),
        401,
        "code_exchange_refused",
    ),
    "identify timeout": ("identify", raising(httpx.ReadTimeout("slow")), 504, "oneid_timeout"),
    "identify HTTP 502": ("identify", answering(httpx.Response(502, text="bad gateway")), 502, "oneid_http_error"),
    "identify refused": ("identify", answering(httpx.Response(200, json={"ret_cd": "1"})), 401, "identify_refused"),
    "identify without pin": (
        "identify",
        answering(httpx.Response(200, json={"ret_cd": "0"})),
        502,
        "oneid_invalid_response",
    ),
}


def fail(fake_oneid: FakeOneID, name: str) -> tuple[int, str]:
    step, answer, status, error = FAILURES[name]
    if step == "exchange":
        fake_oneid.on_exchange = answer
    else:
        fake_oneid.on_identify = answer
    return status, error


@pytest.mark.parametrize("name", sorted(FAILURES))
@pytest.mark.parametrize("route", ["web", "api"])
async def test_the_answer_says_start_again_and_names_the_cause(
    name: str, route: str, app: FastAPI, fake_oneid: FakeOneID
) -> None:
    status, error = fail(fake_oneid, name)
    async with browser(app) as client:
        if route == "web":
            state = state_of((await client.get("/one-id/login")).headers["location"])
            response = await client.get("/one-id/access", params={"code": "c", "state": state})
        else:
            state = state_of((await client.get("/api/one-id/url")).json()["url"])
            response = await client.post("/api/one-id/token", json={"code": "c", "state": state})
        sent = len(fake_oneid.forms)
        replay = await client.get("/one-id/access", params={"code": "c", "state": state})

    assert response.status_code == status
    body = response.json()
    assert set(body) == {"detail", "error"}
    assert body["error"] == error
    assert body["detail"].endswith(". " + RESTART_LOGIN_SENTENCE)
    assert body["detail"].count(RESTART_LOGIN_SENTENCE) == 1
    assert replay.json()["error"] == "invalid_state"
    assert len(fake_oneid.forms) == sent, "the replay never reached OneID"
    if "unreachable" not in name:  # a connection that never opened may be tried again; nothing else is
        assert len(fake_oneid.exchanges) == 1


def test_each_cause_keeps_a_code_of_its_own() -> None:
    codes = {error for _, _, _, error in FAILURES.values()}
    assert codes == {
        "oneid_timeout",
        "oneid_unreachable",
        "oneid_http_error",
        "oneid_invalid_response",
        "code_exchange_refused",
        "identify_refused",
    }


@pytest.mark.parametrize("name", ["exchange timeout", "identify refused"])
async def test_the_async_flow_marks_the_error(name: str, portal: OneIDSettings, fake_oneid: FakeOneID) -> None:
    status, error = fail(fake_oneid, name)
    flow = AsyncLoginFlow(AsyncOneIDClient(portal), state_store=InMemoryStateStore())
    start = await flow.begin()
    with pytest.raises(OneIDError) as failed:
        await flow.complete("c", start.state, start.binding)
    assert (failed.value.error, failed.value.status, failed.value.restart_required) == (error, status, True)
    assert str(failed.value) == failed.value.message
    assert failed.value.message.endswith(RESTART_LOGIN_SENTENCE)


@pytest.mark.parametrize("name", ["exchange unreachable", "identify without pin"])
def test_the_sync_flow_marks_the_error(name: str, portal: OneIDSettings, fake_oneid: FakeOneID) -> None:
    status, error = fail(fake_oneid, name)
    with OneIDClient(portal) as client:
        flow = LoginFlow(client, state_store=SyncInMemoryStateStore())
        start = flow.begin()
        with pytest.raises(OneIDError) as failed:
            flow.complete("c", start.state, start.binding)
    assert (failed.value.error, failed.value.status, failed.value.restart_required) == (error, status, True)
    assert failed.value.message.endswith(RESTART_LOGIN_SENTENCE)


async def test_refusals_before_the_state_is_spent_do_not_ask_for_a_restart(app: FastAPI) -> None:
    async with browser(app) as client, browser(app) as other:
        state = state_of((await client.get("/one-id/login")).headers["location"])
        refused = [
            await other.get("/one-id/access", params={"code": "c", "state": state}),
            await client.get("/one-id/access", params={"code": "c", "state": "unknown"}),
            await client.get("/one-id/login", params={"redirect_uri": "https://evil.example/"}),
        ]
    for response in refused:
        assert response.status_code == 400
        assert RESTART_LOGIN_SENTENCE not in response.json()["detail"]


async def test_a_redirect_uri_mismatch_spends_the_state_and_says_so(app: FastAPI, fake_oneid: FakeOneID) -> None:
    async with browser(app) as client:
        state = state_of((await client.get("/one-id/login")).headers["location"])
        response = await client.get(
            "/one-id/access",
            params={"code": "c", "state": state, "redirect_uri": "https://app.example.uz/auth/callback"},
        )
        replay = await client.get("/one-id/access", params={"code": "c", "state": state})
    assert response.json() == {
        "detail": f"Redirect URI does not match the stored state. {RESTART_LOGIN_SENTENCE}",
        "error": "redirect_uri_mismatch",
    }
    assert replay.json()["error"] == "invalid_state"
    assert fake_oneid.forms == []


def test_marking_twice_adds_the_sentence_once() -> None:
    error = OneIDError("OneID failed.")
    error.require_restart()
    error.require_restart()
    assert error.message == f"OneID failed. {RESTART_LOGIN_SENTENCE}"
    assert error.args == (error.message,)
