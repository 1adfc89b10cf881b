"""Leak sentinels through the login flows (sync and async): every upstream failure, success, and personal data.

The flows add a log line per login outcome; it must hold no secret, token or body OneID sent, and it names the
person (PIN, names) only when ``one_id_log_personal_data`` is on.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from oneid_sdk import (
    AsyncLoginFlow,
    AsyncOneIDClient,
    InMemoryStateStore,
    LoginFlow,
    OneIDClient,
    OneIDError,
    SyncInMemoryStateStore,
)
from tests.security.leak_sentinels import (
    ACCESS_TOKEN,
    EXCHANGE_FAILURES,
    IDENTIFY_FAILURES,
    LOG_OUT_FAILURES,
    PERSONAL_DATA,
    PIN,
    SECRETS,
    Failure,
    ScriptedOneID,
    assert_clean_exception,
    assert_clean_logs,
    capture_everything,
    leaks,
    running_oneid,
    sentinel_settings,
)

CODE = "sentinel-free-authorization-code"
EVERYTHING = {**SECRETS, **PERSONAL_DATA}

COMPLETION_FAILURES = [
    *(
        pytest.param({"exchange_code": failure.answer}, failure, id=f"exchange_code-{failure}")
        for failure in EXCHANGE_FAILURES
    ),
    *(pytest.param({"identify": failure.answer}, failure, id=f"identify-{failure}") for failure in IDENTIFY_FAILURES),
]
LOG_OUT_CASES = [pytest.param(failure, id=str(failure)) for failure in LOG_OUT_FAILURES]


@pytest.fixture(scope="module")
def oneid() -> Iterator[ScriptedOneID]:
    with running_oneid() as script:
        yield script


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    return capture_everything(caplog)


def sync_flow(oneid: ScriptedOneID, **settings: object) -> LoginFlow:
    return LoginFlow(OneIDClient(sentinel_settings(oneid.sso_url, **settings)), state_store=SyncInMemoryStateStore())


def async_flow(oneid: ScriptedOneID, **settings: object) -> AsyncLoginFlow:
    client = AsyncOneIDClient(sentinel_settings(oneid.sso_url, **settings))
    return AsyncLoginFlow(client, state_store=InMemoryStateStore())


@pytest.mark.parametrize(("answers", "failure"), COMPLETION_FAILURES)
def test_sync_login_failures_leak_nothing(
    oneid: ScriptedOneID, logs: pytest.LogCaptureFixture, answers: dict[str, object], failure: Failure
) -> None:
    oneid.script(**answers)  # type: ignore[arg-type]
    flow = sync_flow(oneid, one_id_timeout=failure.timeout)
    start = flow.begin()
    with pytest.raises(OneIDError) as caught:
        flow.complete(CODE, start.state, start.binding)
    flow.client.close()

    assert_clean_exception(caught.value, EVERYTHING)
    assert_clean_logs(logs.records, EVERYTHING)
    assert any(record.name == "oneid_sdk" and "login" in record.getMessage() for record in logs.records)


@pytest.mark.parametrize(("answers", "failure"), COMPLETION_FAILURES)
async def test_async_login_failures_leak_nothing(
    oneid: ScriptedOneID, logs: pytest.LogCaptureFixture, answers: dict[str, object], failure: Failure
) -> None:
    oneid.script(**answers)  # type: ignore[arg-type]
    flow = async_flow(oneid, one_id_timeout=failure.timeout)
    start = await flow.begin()
    with pytest.raises(OneIDError) as caught:
        await flow.complete(CODE, start.state, start.binding)
    await flow.client.aclose()

    assert_clean_exception(caught.value, EVERYTHING)
    assert_clean_logs(logs.records, EVERYTHING)


@pytest.mark.parametrize("failure", LOG_OUT_CASES)
async def test_log_out_failures_leak_nothing(
    oneid: ScriptedOneID, logs: pytest.LogCaptureFixture, failure: Failure
) -> None:
    oneid.script(log_out=failure.answer)
    flow = sync_flow(oneid, one_id_timeout=failure.timeout)
    with pytest.raises(OneIDError) as caught:
        flow.log_out(ACCESS_TOKEN)
    flow.client.close()
    aflow = async_flow(oneid, one_id_timeout=failure.timeout)
    with pytest.raises(OneIDError) as acaught:
        await aflow.log_out(ACCESS_TOKEN)
    await aflow.client.aclose()

    assert_clean_exception(caught.value, EVERYTHING)
    assert_clean_exception(acaught.value, EVERYTHING)
    assert_clean_logs(logs.records, EVERYTHING)


def test_sync_login_success_keeps_personal_data_out_of_logs(
    oneid: ScriptedOneID, logs: pytest.LogCaptureFixture
) -> None:
    oneid.script()
    flow = sync_flow(oneid)
    start = flow.begin()
    payload = flow.complete(CODE, start.state, start.binding)
    flow.log_out(payload.token.access_token)
    flow.client.close()

    assert payload.user.pin == PIN
    assert any("login succeeded" in record.getMessage() for record in logs.records)
    assert_clean_logs(logs.records, EVERYTHING)
    for text in (repr(payload), str(payload), repr(start), repr(flow)):
        assert not leaks(text, EVERYTHING), text
    assert start.binding not in repr(start)


async def test_async_login_success_keeps_personal_data_out_of_logs(
    oneid: ScriptedOneID, logs: pytest.LogCaptureFixture
) -> None:
    oneid.script()
    flow = async_flow(oneid)
    start = await flow.begin()
    payload = await flow.complete(CODE, start.state, start.binding)
    await flow.log_out(payload.token.access_token)
    await flow.client.aclose()

    assert payload.user.pin == PIN
    assert any("login succeeded" in record.getMessage() for record in logs.records)
    assert_clean_logs(logs.records, EVERYTHING)
    assert not leaks(f"{payload!r} {payload!s}", EVERYTHING)


async def test_personal_data_is_logged_only_when_asked_for(
    oneid: ScriptedOneID, logs: pytest.LogCaptureFixture
) -> None:
    oneid.script()
    flow = async_flow(oneid, one_id_log_personal_data=True)
    start = await flow.begin()
    await flow.complete(CODE, start.state, start.binding)
    await flow.client.aclose()

    [success] = [record for record in logs.records if "login succeeded" in record.getMessage()]
    assert PIN in success.getMessage()
    assert_clean_logs(logs.records, SECRETS)
