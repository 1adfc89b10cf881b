"""Retries: a call is sent again only when the connection failed (nothing reached OneID), a bounded number of times.

OneID is mocked with respx side effects that count the calls; the pauses between attempts are recorded, not slept.
Every behaviour is checked on both clients.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
import yaml

from oneid_sdk import _http
from oneid_sdk._generated.client import AsyncOneIDClient, OneIDClient
from oneid_sdk._generated.constants import CONNECT_BACKOFF_SECONDS, CONNECT_RETRIES
from oneid_sdk.errors import OneIDConnectionError, OneIDError, OneIDTimeoutError, OneIDTokenExchangeError
from oneid_sdk.settings import OneIDSettings

SPEC = Path(__file__).resolve().parent.parent / "spec" / "oneid.yaml"
SSO_URL = "https://sso.example.test/sso/oauth/Authorization.do"
REDIRECT_URI = "https://portal.example.test/one-id/callback"
SECRET = "SENTINEL-client-secret-40d1"
TOKEN = "SENTINEL-access-token-77ab"
CODE = "SENTINEL-code-0c5e"
PIN = "30101850000011"

Call = Callable[..., Any]

CALLS = {
    "exchange_code": {"code": CODE, "redirect_uri": REDIRECT_URI},
    "identify": {"access_token": TOKEN},
    "log_out": {"access_token": TOKEN},
}
ANSWERS = {
    "exchange_code": {"access_token": TOKEN},
    "identify": {"pin": PIN, "ret_cd": "0"},
    "log_out": {"ret_cd": "0"},
}


def make_settings() -> OneIDSettings:
    return OneIDSettings(
        one_id_sso_url=SSO_URL,
        one_id_client_id="portal",
        one_id_client_secret=SECRET,
        one_id_scope="portal-scope",
        one_id_allowed_redirect_uris=[REDIRECT_URI],
    )


@pytest.fixture
def oneid() -> Iterator[respx.Route]:
    with respx.mock(assert_all_called=False) as router:
        yield router.post(SSO_URL)


@pytest.fixture
def pauses(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    recorded: list[float] = []

    async def asleep(seconds: float) -> None:
        recorded.append(seconds)

    monkeypatch.setattr(_http, "_sleep", recorded.append)
    monkeypatch.setattr(_http, "_asleep", asleep)
    return recorded


@pytest.fixture(params=["sync", "async"])
def client(request: pytest.FixtureRequest) -> Call:
    settings = make_settings()

    def call_sync(method: str) -> Any:
        with OneIDClient(settings) as sync_client:
            return getattr(sync_client, method)(**CALLS[method])

    def call_async(method: str) -> Any:
        async def run() -> Any:
            async with AsyncOneIDClient(settings) as async_client:
                return await getattr(async_client, method)(**CALLS[method])

        return asyncio.run(run())

    return call_sync if request.param == "sync" else call_async


def test_the_policy_is_the_specs() -> None:
    transport = yaml.safe_load(SPEC.read_text(encoding="utf-8"))["transport"]

    assert (CONNECT_RETRIES, CONNECT_BACKOFF_SECONDS) == (
        transport["connect_retries"],
        transport["connect_backoff_seconds"],
    )
    assert 1 <= CONNECT_RETRIES <= 3
    assert 0 < CONNECT_BACKOFF_SECONDS <= 0.5


@pytest.mark.parametrize("method", list(CALLS))
def test_a_failed_connection_is_retried_until_it_works(
    client: Call, oneid: respx.Route, pauses: list[float], method: str
) -> None:
    kinds = [httpx.ConnectError("refused"), httpx.ConnectTimeout("no SYN-ACK")]
    failures = [kinds[attempt % 2] for attempt in range(CONNECT_RETRIES)]
    oneid.mock(side_effect=[*failures, httpx.Response(200, json=ANSWERS[method])])

    client(method)

    assert len(oneid.calls) == CONNECT_RETRIES + 1
    assert pauses == [CONNECT_BACKOFF_SECONDS * 2**attempt for attempt in range(CONNECT_RETRIES)]
    bodies = {call.request.content for call in oneid.calls}
    assert len(bodies) == 1, "every attempt sends the same form"


@pytest.mark.parametrize(
    ("failure", "error"),
    [(httpx.ConnectError("refused"), OneIDConnectionError), (httpx.ConnectTimeout("no answer"), OneIDTimeoutError)],
)
def test_retries_are_bounded(
    client: Call, oneid: respx.Route, pauses: list[float], failure: Exception, error: type[OneIDError]
) -> None:
    oneid.mock(side_effect=failure)

    with pytest.raises(error):
        client("exchange_code")

    assert len(oneid.calls) == CONNECT_RETRIES + 1
    assert len(pauses) == CONNECT_RETRIES


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ReadTimeout("no answer"),
        httpx.WriteTimeout("stuck while sending"),
        httpx.ReadError("connection reset"),
        httpx.WriteError("broken pipe"),
        httpx.RemoteProtocolError("peer closed connection without answering"),
        httpx.Response(502, text="bad gateway"),
        httpx.Response(500),
        httpx.Response(200, json={"error": "invalid_grant"}),
        httpx.Response(200, text="<html>gateway</html>"),
    ],
    ids=lambda failure: type(failure).__name__ if isinstance(failure, Exception) else str(failure),
)
def test_a_code_that_may_have_reached_oneid_is_never_sent_again(
    client: Call, oneid: respx.Route, pauses: list[float], failure: Exception | httpx.Response
) -> None:
    oneid.mock(side_effect=[failure, httpx.Response(200, json=ANSWERS["exchange_code"])])

    with pytest.raises(OneIDError):
        client("exchange_code")

    assert len(oneid.calls) == 1
    assert pauses == []


def test_a_read_timeout_after_a_failed_connection_ends_the_retries(
    client: Call, oneid: respx.Route, pauses: list[float]
) -> None:
    oneid.mock(
        side_effect=[
            httpx.ConnectError("refused"),
            httpx.ReadTimeout("sent, no answer"),
            httpx.Response(200, json=ANSWERS["exchange_code"]),
        ]
    )

    with pytest.raises(OneIDTimeoutError):
        client("exchange_code")

    assert len(oneid.calls) == 2
    assert pauses == [CONNECT_BACKOFF_SECONDS]


def test_a_refusal_is_not_retried(client: Call, oneid: respx.Route, pauses: list[float]) -> None:
    oneid.mock(side_effect=[httpx.ConnectError("refused"), httpx.Response(200, json={"error": "invalid_grant"})])

    with pytest.raises(OneIDTokenExchangeError):
        client("exchange_code")

    assert len(oneid.calls) == 2


def test_each_failed_connection_is_logged_without_secrets(
    client: Call, oneid: respx.Route, pauses: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    oneid.mock(side_effect=[httpx.ConnectError(f"refused {SECRET}"), httpx.Response(200, json=ANSWERS["identify"])])

    with caplog.at_level(logging.DEBUG, logger="oneid_sdk"):
        client("identify")

    records = [record for record in caplog.records if record.name == "oneid_sdk"]
    assert [record.levelno for record in records] == [logging.WARNING, logging.INFO]
    assert records[0].getMessage().startswith("oneid identify: could not connect (ConnectError) after ")
    assert f"retry 1 of {CONNECT_RETRIES} in {round(CONNECT_BACKOFF_SECONDS * 1000)} ms" in records[0].getMessage()
    for record in records:
        assert SECRET not in record.getMessage() and TOKEN not in record.getMessage()


async def test_the_async_client_pauses_without_blocking(oneid: respx.Route, monkeypatch: pytest.MonkeyPatch) -> None:
    def blocking_sleep(seconds: float) -> None:
        raise AssertionError("the async client must not call time.sleep")

    monkeypatch.setattr(_http, "_sleep", blocking_sleep)
    oneid.mock(side_effect=[httpx.ConnectError("refused"), httpx.Response(200, json=ANSWERS["log_out"])])

    async with AsyncOneIDClient(make_settings()) as client:
        await client.log_out(access_token=TOKEN)

    assert len(oneid.calls) == 2
