"""Leak sentinels through the sync and async clients: success and every way OneID can fail.

OneID runs on 127.0.0.1 (a scripted server), so the requests go through httpx's real transport and the records
of httpx's and httpcore's own loggers are captured too, at DEBUG. No sentinel may appear in an exception (or
anything chained to it), in a log record, or in the ``repr`` of the settings, the clients or the answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import ValidationError

import fastapi_oneid
from oneid_sdk import AsyncOneIDClient, OneIDClient, OneIDError, OneIDSettings
from tests.security.leak_sentinels import (
    ACCESS_TOKEN,
    CALLBACK,
    CLIENT_SECRET,
    EXCHANGE_FAILURES,
    IDENTIFY_FAILURES,
    LOG_OUT_FAILURES,
    PERSONAL_DATA,
    PIN,
    REFRESH_TOKEN,
    SECRETS,
    Failure,
    ScriptedOneID,
    assert_clean_exception,
    assert_clean_logs,
    capture_everything,
    closed_port_url,
    leaks,
    running_oneid,
    sentinel_settings,
)

CODE = "sentinel-free-authorization-code"
EVERYTHING = {**SECRETS, **PERSONAL_DATA}
TOKENS = {"access token": ACCESS_TOKEN, "refresh token": REFRESH_TOKEN, "client secret": CLIENT_SECRET}

CASES = [
    pytest.param(operation, failure, id=f"{operation}-{failure}")
    for operation, failures in (
        ("exchange_code", EXCHANGE_FAILURES),
        ("identify", IDENTIFY_FAILURES),
        ("log_out", LOG_OUT_FAILURES),
    )
    for failure in failures
]
OPERATIONS = ["exchange_code", "identify", "log_out"]


@pytest.fixture(scope="module")
def oneid() -> Iterator[ScriptedOneID]:
    with running_oneid() as script:
        yield script


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    return capture_everything(caplog)


def call(client: OneIDClient, operation: str) -> object:
    if operation == "exchange_code":
        return client.exchange_code(code=CODE, redirect_uri=CALLBACK)
    if operation == "identify":
        return client.identify(access_token=ACCESS_TOKEN)
    return client.log_out(access_token=ACCESS_TOKEN)


async def acall(client: AsyncOneIDClient, operation: str) -> object:
    if operation == "exchange_code":
        return await client.exchange_code(code=CODE, redirect_uri=CALLBACK)
    if operation == "identify":
        return await client.identify(access_token=ACCESS_TOKEN)
    return await client.log_out(access_token=ACCESS_TOKEN)


@pytest.mark.parametrize(("operation", "failure"), CASES)
def test_sync_client_failures_leak_nothing(
    oneid: ScriptedOneID, logs: pytest.LogCaptureFixture, operation: str, failure: Failure
) -> None:
    oneid.script(**{operation: failure.answer})
    with OneIDClient(sentinel_settings(oneid.sso_url, one_id_timeout=failure.timeout)) as client:
        with pytest.raises(OneIDError) as caught:
            call(client, operation)

    assert oneid.forms[-1]["client_secret"] == CLIENT_SECRET  # the sentinel really went to OneID
    assert_clean_exception(caught.value, EVERYTHING)
    assert_clean_logs(logs.records, EVERYTHING)


@pytest.mark.parametrize(("operation", "failure"), CASES)
async def test_async_client_failures_leak_nothing(
    oneid: ScriptedOneID, logs: pytest.LogCaptureFixture, operation: str, failure: Failure
) -> None:
    oneid.script(**{operation: failure.answer})
    async with AsyncOneIDClient(sentinel_settings(oneid.sso_url, one_id_timeout=failure.timeout)) as client:
        with pytest.raises(OneIDError) as caught:
            await acall(client, operation)

    assert oneid.forms[-1]["client_secret"] == CLIENT_SECRET
    assert_clean_exception(caught.value, EVERYTHING)
    assert_clean_logs(logs.records, EVERYTHING)


@pytest.mark.parametrize("operation", OPERATIONS)
async def test_unreachable_oneid_leaks_nothing(logs: pytest.LogCaptureFixture, operation: str) -> None:
    settings = sentinel_settings(closed_port_url())
    with OneIDClient(settings) as client, pytest.raises(OneIDError) as caught:
        call(client, operation)
    async with AsyncOneIDClient(settings) as aclient:
        with pytest.raises(OneIDError) as acaught:
            await acall(aclient, operation)

    assert_clean_exception(caught.value, EVERYTHING)
    assert_clean_exception(acaught.value, EVERYTHING)
    assert_clean_logs(logs.records, EVERYTHING)


def test_sync_client_success_logs_and_reprs_leak_nothing(oneid: ScriptedOneID, logs: pytest.LogCaptureFixture) -> None:
    oneid.script()
    settings = sentinel_settings(oneid.sso_url)
    with OneIDClient(settings) as client:
        token = client.exchange_code(code=CODE, redirect_uri=CALLBACK)
        user = client.identify(access_token=token.access_token)
        answer = client.log_out(access_token=token.access_token)
        client_repr = repr(client)

    assert (token.access_token, token.refresh_token, user.pin) == (ACCESS_TOKEN, REFRESH_TOKEN, PIN)
    assert {"oneid_sdk", "httpx", "httpcore.http11"} <= {record.name for record in logs.records}
    assert_clean_logs(logs.records, EVERYTHING)
    for text in (client_repr, repr(settings), str(settings)):
        assert not leaks(text, EVERYTHING), text
    for model in (token, user, answer):
        assert not leaks(f"{model!r} {model!s}", TOKENS), repr(model)


async def test_async_client_success_logs_and_reprs_leak_nothing(
    oneid: ScriptedOneID, logs: pytest.LogCaptureFixture
) -> None:
    oneid.script()
    async with AsyncOneIDClient(sentinel_settings(oneid.sso_url)) as client:
        token = await client.exchange_code(code=CODE, redirect_uri=CALLBACK)
        user = await client.identify(access_token=token.access_token)
        answer = await client.log_out(access_token=token.access_token)
        client_repr = repr(client)

    assert (token.access_token, user.pin) == (ACCESS_TOKEN, PIN)
    assert {"oneid_sdk", "httpx", "httpcore.http11"} <= {record.name for record in logs.records}
    assert_clean_logs(logs.records, EVERYTHING)
    assert not leaks(client_repr, EVERYTHING)
    for model in (token, user, answer):
        assert not leaks(f"{model!r} {model!s}", TOKENS), repr(model)


def test_settings_errors_do_not_show_the_secret() -> None:
    with pytest.raises(ValidationError) as caught:
        OneIDSettings(
            one_id_client_id="sentinel-portal",
            one_id_client_secret=CLIENT_SECRET,
            one_id_scope="sentinel-scope",
            one_id_allowed_redirect_uris=["ftp://portal.example.uz/callback"],
        )
    assert_clean_exception(caught.value, SECRETS)

    not_a_string: dict[str, Any] = {"one_id_client_secret": [CLIENT_SECRET]}
    with pytest.raises(ValidationError) as caught:
        OneIDSettings(
            one_id_client_id="sentinel-portal",
            one_id_scope="sentinel-scope",
            one_id_allowed_redirect_uris=[CALLBACK],
            **not_a_string,
        )
    assert_clean_exception(caught.value, SECRETS)


def test_settings_from_the_environment_do_not_show_the_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONE_ID_CLIENT_ID", "sentinel-portal")
    monkeypatch.setenv("ONE_ID_CLIENT_SECRET", CLIENT_SECRET)
    monkeypatch.setenv("ONE_ID_SCOPE", "sentinel-scope")
    monkeypatch.setenv("ONE_ID_ALLOWED_REDIRECT_URIS", CALLBACK)
    settings = OneIDSettings()

    assert settings.one_id_client_secret.get_secret_value() == CLIENT_SECRET
    for text in (repr(settings), str(settings), repr(settings.model_dump()), settings.model_dump_json()):
        assert not leaks(text, SECRETS), text


_LOG_OUT_BY_NAME = {failure.name: failure for failure in LOG_OUT_FAILURES}
FACADE_CASES = [
    pytest.param(failure, _LOG_OUT_BY_NAME[failure.name], id=str(failure))
    for failure in EXCHANGE_FAILURES
    if failure.name in {"http-500-html", "html-200", "not-utf8", "refused"}
]


@pytest.mark.parametrize(("exchange", "log_out"), FACADE_CASES)
async def test_fastapi_oneid_client_leaks_nothing(
    oneid: ScriptedOneID, logs: pytest.LogCaptureFixture, exchange: Failure, log_out: Failure
) -> None:
    oneid.script(exchange_code=exchange.answer, log_out=log_out.answer)
    async with fastapi_oneid.OneIDClient(sentinel_settings(oneid.sso_url)) as client:
        with pytest.raises(OneIDError) as logout:
            await client.logout(ACCESS_TOKEN)
        with pytest.raises(OneIDError) as get_user:
            await client.get_user(CODE, CALLBACK)
        client_repr = repr(client)

    assert_clean_exception(logout.value, EVERYTHING)
    assert_clean_exception(get_user.value, EVERYTHING)
    assert_clean_logs(logs.records, EVERYTHING)
    assert not leaks(client_repr, EVERYTHING)
