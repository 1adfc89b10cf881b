"""One log line per login outcome on the ``oneid_sdk`` logger, without personal data unless a setting asks for it."""

from __future__ import annotations

import logging

import httpx
import pytest
from fastapi import FastAPI

from oneid_sdk._generated.client import AsyncOneIDClient, OneIDClient
from oneid_sdk.errors import OneIDError
from oneid_sdk.flow import AsyncLoginFlow, LoginFlow
from oneid_sdk.security import BINDING_COOKIE_NAME, InMemoryStateStore, SyncInMemoryStateStore
from oneid_sdk.settings import OneIDSettings
from tests.security.support import PIN, USER, FakeOneID, browser, portal_app, portal_settings, state_of

PERSONAL = (PIN, "KARIMOV", "AZIZ")


def outcomes(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if hasattr(record, "oneid_outcome")]


def everything_logged(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(f"{record.getMessage()} {vars(record)}" for record in caplog.records)


async def sign_in(app: FastAPI, code: str = "the-code") -> tuple[httpx.Response, str, str]:
    async with browser(app) as client:
        login = await client.get("/one-id/login")
        state = state_of(login.headers["location"])
        response = await client.get("/one-id/access", params={"code": code, "state": state})
        return response, state, client.cookies[BINDING_COOKIE_NAME]


async def test_a_success_is_one_info_line_with_user_type_and_method(
    app: FastAPI, fake_oneid: FakeOneID, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="oneid_sdk"):
        response, state, binding = await sign_in(app)
    assert response.status_code == 200
    [record] = outcomes(caplog)
    assert record.name == "oneid_sdk"
    assert record.levelno == logging.INFO
    assert record.getMessage() == "oneid login succeeded: user_type=I auth_method=MOBILEMETHOD"
    assert (vars(record)["oneid_outcome"], vars(record)["oneid_user_type"], vars(record)["oneid_auth_method"]) == (
        "success",
        "I",
        "MOBILEMETHOD",
    )
    logged = everything_logged(caplog)
    for secret in (*PERSONAL, "the-code", state, binding, "access-for-the-code", "portal-client-secret"):
        assert secret not in logged


async def test_personal_data_is_logged_only_when_asked(fake_oneid: FakeOneID, caplog: pytest.LogCaptureFixture) -> None:
    app = portal_app(portal_settings(one_id_log_personal_data=True))
    with caplog.at_level(logging.INFO, logger="oneid_sdk"):
        await sign_in(app)
    [record] = outcomes(caplog)
    assert record.getMessage() == (
        f"oneid login succeeded: user_type=I auth_method=MOBILEMETHOD pin={PIN} full_name=KARIMOV AZIZ"
    )
    assert "access-for-the-code" not in everything_logged(caplog)


async def test_an_older_answer_without_type_or_method_is_logged_as_none(
    app: FastAPI, fake_oneid: FakeOneID, caplog: pytest.LogCaptureFixture
) -> None:
    fake_oneid.on_identify = lambda form: httpx.Response(200, json={"pin": PIN, "ret_cd": "0"})
    with caplog.at_level(logging.INFO, logger="oneid_sdk"):
        await sign_in(app)
    [record] = outcomes(caplog)
    assert record.getMessage() == "oneid login succeeded: user_type=None auth_method=None"


@pytest.mark.parametrize(
    ("user_type", "auth_method", "logged"),
    [
        ("L", "LEPKCSMETHOD", "user_type=L auth_method=LEPKCSMETHOD"),
        ("X", "QR", "user_type=X auth_method=QR"),
        ("I", "QR\nforged log line", "user_type=I auth_method=unrecognised"),
        ("I" * 500, "PKCSMETHOD", "user_type=unrecognised auth_method=PKCSMETHOD"),
    ],
)
async def test_values_oneid_sends_are_logged_only_when_they_look_like_codes(
    user_type: str,
    auth_method: str,
    logged: str,
    app: FastAPI,
    fake_oneid: FakeOneID,
    caplog: pytest.LogCaptureFixture,
) -> None:
    answer = {**USER, "user_type": user_type, "auth_method": auth_method}
    fake_oneid.on_identify = lambda form: httpx.Response(200, json=answer)
    with caplog.at_level(logging.INFO, logger="oneid_sdk"):
        response, _, _ = await sign_in(app)
    assert response.status_code == 200
    [record] = outcomes(caplog)
    assert record.getMessage() == f"oneid login succeeded: {logged}"


@pytest.mark.parametrize(
    ("failure", "level", "message"),
    [
        ("foreign browser", logging.WARNING, "oneid login refused: state_binding_mismatch (HTTP 400)"),
        ("no binding", logging.WARNING, "oneid login refused: state_binding_missing (HTTP 400)"),
        ("replay", logging.WARNING, "oneid login refused: invalid_state (HTTP 400)"),
        ("user refused", logging.WARNING, "oneid login refused: identify_refused (HTTP 401); the state is spent"),
        ("oneid down", logging.ERROR, "oneid login failed: oneid_http_error (HTTP 502); the state is spent"),
    ],
)
async def test_a_refusal_is_one_line_with_its_code(
    failure: str,
    level: int,
    message: str,
    portal: OneIDSettings,
    fake_oneid: FakeOneID,
    caplog: pytest.LogCaptureFixture,
) -> None:
    flow = AsyncLoginFlow(AsyncOneIDClient(portal), state_store=InMemoryStateStore())
    start = await flow.begin()
    binding: str | None = start.binding
    if failure == "foreign browser":
        binding = (await flow.begin()).binding[::-1]
    elif failure == "no binding":
        binding = None
    elif failure == "replay":
        await flow.complete("c", start.state, start.binding)
    elif failure == "user refused":
        fake_oneid.on_identify = lambda form: httpx.Response(200, json={**USER, "ret_cd": "1"})
    else:
        fake_oneid.on_exchange = lambda form: httpx.Response(500, text=f"stack trace {PIN}")

    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="oneid_sdk"), pytest.raises(OneIDError):
        await flow.complete("the-code", start.state, binding)
    [record] = outcomes(caplog)
    assert (record.levelno, record.getMessage()) == (level, message)
    assert vars(record)["oneid_error"] == message.split(": ", 1)[1].split(" ", 1)[0]
    logged = everything_logged(caplog)
    for secret in (*PERSONAL, "the-code", start.state, start.binding, "stack trace"):
        assert secret not in logged


def test_the_sync_flow_logs_the_same_lines(
    portal: OneIDSettings, fake_oneid: FakeOneID, caplog: pytest.LogCaptureFixture
) -> None:
    with OneIDClient(portal) as client, caplog.at_level(logging.INFO, logger="oneid_sdk"):
        flow = LoginFlow(client, state_store=SyncInMemoryStateStore())
        start = flow.begin()
        flow.complete("c", start.state, start.binding)
        with pytest.raises(OneIDError):
            flow.complete("c", start.state, start.binding)
    assert [record.getMessage() for record in outcomes(caplog)] == [
        "oneid login succeeded: user_type=I auth_method=MOBILEMETHOD",
        "oneid login refused: invalid_state (HTTP 400)",
    ]


async def test_a_refused_start_is_logged_too(app: FastAPI, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="oneid_sdk"):
        async with browser(app) as client:
            await client.get("/one-id/login", params={"redirect_uri": f"https://evil.example/?pin={PIN}"})
    [record] = outcomes(caplog)
    assert record.getMessage() == "oneid login refused: redirect_uri_not_allowed (HTTP 400)"
    assert PIN not in everything_logged(caplog)
