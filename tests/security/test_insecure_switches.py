"""Safe by default: every protection is on unless a setting whose name says "insecure" turns it off, with a warning."""

from __future__ import annotations

import logging

import pytest
from fastapi import FastAPI

from oneid_sdk._generated.client import AsyncOneIDClient, OneIDClient
from oneid_sdk.fastapi import create_api_router, create_web_router
from oneid_sdk.flow import AsyncLoginFlow, LoginFlow
from oneid_sdk.security import InMemoryStateStore, SyncInMemoryStateStore
from oneid_sdk.settings import OneIDSettings
from tests.security.support import FakeOneID, browser, pin_handler, portal_app, portal_settings, state_of

SWITCH = "ONE_ID_INSECURE_DISABLE_BINDING"


def warnings_about_binding(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [
        record
        for record in caplog.records
        if record.name.startswith("oneid_sdk") and record.levelno == logging.WARNING and SWITCH in record.getMessage()
    ]


def test_the_defaults_are_the_safe_ones(portal: OneIDSettings) -> None:
    fields = OneIDSettings.model_fields
    assert fields["one_id_insecure_disable_binding"].default is False
    assert fields["one_id_insecure_allow_http"].default is False
    assert fields["one_id_emulator_mode"].default is False
    assert fields["one_id_debug"].default is False
    assert fields["one_id_log_personal_data"].default is False


def test_routers_built_with_binding_on_say_nothing_about_it(
    portal: OneIDSettings, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="oneid_sdk"):
        portal_app(portal)
    assert warnings_about_binding(caplog) == []


def test_each_router_warns_at_start_up_when_binding_is_off(caplog: pytest.LogCaptureFixture) -> None:
    settings = portal_settings(one_id_insecure_disable_binding=True)
    with caplog.at_level(logging.WARNING, logger="oneid_sdk"):
        create_web_router(settings=settings, handler=pin_handler)
        create_api_router(settings=settings, handler=pin_handler)
    warnings = warnings_about_binding(caplog)
    assert len(warnings) == 2
    assert all("login CSRF" in record.getMessage() for record in warnings)
    assert all("Never enable it in production" in record.getMessage() for record in warnings)


def test_allowing_plain_http_warns_at_start_up_too(caplog: pytest.LogCaptureFixture) -> None:
    settings = portal_settings(
        one_id_allowed_redirect_uris=["http://portal.example.uz/one-id/access"],
        one_id_default_redirect_uri=None,
        one_id_insecure_allow_http=True,
    )
    with caplog.at_level(logging.WARNING, logger="oneid_sdk"):
        create_web_router(settings=settings, handler=pin_handler)
    messages = [record.getMessage() for record in caplog.records if "ONE_ID_INSECURE_ALLOW_HTTP" in record.getMessage()]
    assert len(messages) == 2
    [code_warning] = [message for message in messages if "unencrypted" in message]
    [cookie_warning] = [message for message in messages if "binding cookie" in message]
    assert "'oneid_binding' without Secure" in cookie_warning
    assert "login fixation" in cookie_warning


def test_the_flows_warn_too(caplog: pytest.LogCaptureFixture) -> None:
    settings = portal_settings(one_id_insecure_disable_binding=True)
    with caplog.at_level(logging.WARNING, logger="oneid_sdk"):
        AsyncLoginFlow(AsyncOneIDClient(settings), state_store=InMemoryStateStore())
        with OneIDClient(settings) as client:
            LoginFlow(client, state_store=SyncInMemoryStateStore())
    assert len(warnings_about_binding(caplog)) == 2


async def test_binding_off_accepts_another_browser_but_keeps_every_other_check(fake_oneid: FakeOneID) -> None:
    app = portal_app(portal_settings(one_id_insecure_disable_binding=True))
    async with browser(app) as starter:
        state = state_of((await starter.get("/one-id/login")).headers["location"])
    async with browser(app) as other:
        off_list = await other.get(
            "/one-id/access", params={"code": "c", "state": state, "redirect_uri": "https://evil.example/"}
        )
        accepted = await other.get("/one-id/access", params={"code": "c", "state": state})
        replay = await other.get("/one-id/access", params={"code": "c", "state": state})
    assert off_list.json()["error"] == "redirect_uri_not_allowed"
    assert accepted.status_code == 200
    assert replay.json()["error"] == "invalid_state"
    assert len(fake_oneid.exchanges) == 1


async def test_a_bound_state_stays_bound_when_binding_is_turned_off_later(fake_oneid: FakeOneID) -> None:
    store = InMemoryStateStore()
    bound = portal_app(portal_settings(), state_store=store)
    unbound = portal_app(portal_settings(one_id_insecure_disable_binding=True), state_store=store)
    async with browser(bound) as starter:
        state = state_of((await starter.get("/one-id/login")).headers["location"])
    async with browser(unbound) as other:
        response = await other.get("/one-id/access", params={"code": "c", "state": state})
    assert response.json()["error"] == "state_binding_mismatch"
    assert fake_oneid.forms == []


async def test_an_unbound_state_cannot_be_redeemed_with_binding_on(fake_oneid: FakeOneID) -> None:
    store = InMemoryStateStore()
    unbound = portal_app(portal_settings(one_id_insecure_disable_binding=True), state_store=store)
    bound: FastAPI = portal_app(portal_settings(), state_store=store)
    async with browser(unbound) as starter:
        state = state_of((await starter.get("/one-id/login")).headers["location"])
    async with browser(bound) as stranger:
        assert (await stranger.get("/one-id/access", params={"code": "c", "state": state})).json()[
            "error"
        ] == "state_binding_missing"
    async with browser(bound) as same_browser:
        same_browser.cookies.update(starter.cookies)
        response = await same_browser.get("/one-id/access", params={"code": "c", "state": state})
    assert response.json()["error"] == "state_binding_mismatch"
    assert fake_oneid.forms == []
