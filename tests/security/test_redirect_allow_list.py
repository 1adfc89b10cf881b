"""The allow-list is parsed once at start-up: normalised, or refused with a message that names the setting."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

import pytest
from pydantic import ValidationError

from oneid_sdk._generated.client import AsyncOneIDClient
from oneid_sdk.errors import OneIDConfigurationError
from oneid_sdk.flow import AsyncLoginFlow
from oneid_sdk.security import InMemoryStateStore, RedirectPolicy, normalise_redirect_uri
from oneid_sdk.settings import OneIDSettings
from tests.security.support import FakeOneID, browser, portal_app, portal_settings, redirect_uri_of, state_of


def start_up(entries: list[str], **overrides: Any) -> OneIDSettings:
    return portal_settings(one_id_allowed_redirect_uris=entries, one_id_default_redirect_uri=None, **overrides)


@pytest.mark.parametrize(
    ("entry", "normal"),
    [
        ("  https://portal.example.uz/one-id/access \t", "https://portal.example.uz/one-id/access"),
        ("HTTPS://Portal.Example.UZ/One-ID/Access", "https://portal.example.uz/One-ID/Access"),
        ("https://PORTAL.example.uz:8443/cb?Tenant=A", "https://portal.example.uz:8443/cb?Tenant=A"),
        ("https://portal.example.uz:/cb", "https://portal.example.uz/cb"),
        ("https://[2001:DB8::1]/cb", "https://[2001:db8::1]/cb"),
        ("https://203.0.113.7/cb", "https://203.0.113.7/cb"),
        ("https://xn--80ak6aa92e.uz/cb", "https://xn--80ak6aa92e.uz/cb"),
    ],
)
def test_entries_are_trimmed_and_scheme_and_host_lower_cased(entry: str, normal: str) -> None:
    settings = start_up([entry])
    assert settings.redirect_policy.allowed == (normal,)
    assert settings.redirect_policy.default == normal


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ("portal.example.uz/cb", "must use https"),
        ("//portal.example.uz/cb", "must use https"),
        ("ftp://portal.example.uz/cb", "must use https"),
        ("javascript://portal.example.uz/%0aalert(1)", "must use https"),
        ("http://portal.example.uz/cb", "ONE_ID_INSECURE_ALLOW_HTTP"),
        ("https:///cb", "must be an absolute URL with a host"),
        ("https://:443/cb", "must be an absolute URL with a host"),
        ("https://user@portal.example.uz/cb", "must not contain user information"),
        ("https://user:pw@portal.example.uz/cb", "must not contain user information"),
        ("https://@portal.example.uz/cb", "must not contain user information"),
        ("https://portal.example.uz/cb#top", "must not contain a fragment"),
        ("https://portal.example.uz/cb#", "must not contain a fragment"),
        ("https://portal.example.uz:99999/cb", "is not a valid URL"),
        ("https://portal.example.uz:https/cb", "is not a valid URL"),
        ("https://portal.example.uz:0/cb", "has an invalid port"),
        ("https://[::1/cb", "is not a valid URL"),
        ("https://[portal.example.uz]/cb", "is not a valid URL"),
        ("https://[v1.fe]/cb", "malformed IPv6"),
        ("https://[fe80::1%25eth0]/cb", "IPv6 zone"),
        ("https://portal..example.uz/cb", "malformed host name"),
        ("https://-portal.example.uz/cb", "malformed host name"),
        ("https://portal%2eexample.uz/cb", "malformed host name"),
        ("https://portal.example.uz%00.evil/cb", "malformed host name"),
        ("https://portal example.uz/cb", "whitespace or control characters"),
        ("https://portal.example.uz/c\tb", "whitespace or control characters"),
        ("https://portal.example.uz/c\nb", "whitespace or control characters"),
        ("https://portal.example.uz/cb\x00", "whitespace or control characters"),
        ("https://portal.example.uz/cb\x7f", "whitespace or control characters"),
        ("https://portal.example.uz\\@evil.example/cb", "backslash"),
        ("https://portal.example.uz/c\\b", "backslash"),
        ("https://pоrtal.example.uz/cb", "non-ASCII"),
        ("https://portal.example.uz/çb", "non-ASCII"),
        ("https://portal.example.uz/a/../cb", "'.' or '..' path segment"),
        ("https://portal.example.uz/a/%2E%2e/cb", "'.' or '..' path segment"),
        ("https://portal.example.uz/./cb", "'.' or '..' path segment"),
        ("https://3405803783/cb", "numeric host"),
        ("https://0xcb007107/cb", "numeric host"),
        ("https://203.0.113.007/cb", "numeric host"),
        ("https://portal.example.0x1/cb", "numeric host"),
    ],
)
def test_an_unusable_entry_is_a_start_up_error_that_names_the_setting(entry: str, reason: str) -> None:
    with pytest.raises(ValidationError) as refused:
        start_up([entry])
    message = str(refused.value)
    assert "ONE_ID_ALLOWED_REDIRECT_URIS: redirect URI" in message
    assert reason in message


def test_the_policy_itself_raises_a_configuration_error() -> None:
    with pytest.raises(OneIDConfigurationError, match="^ONE_ID_ALLOWED_REDIRECT_URIS: redirect URI 'http://x.uz/'"):
        RedirectPolicy.build(["http://x.uz/"], default=None)
    with pytest.raises(OneIDConfigurationError, match="^ONE_ID_DEFAULT_REDIRECT_URI: redirect URI"):
        RedirectPolicy.build(["https://x.uz/"], default="https://user@x.uz/")


def test_the_default_must_be_an_entry_after_normalisation() -> None:
    policy = RedirectPolicy.build(["https://x.uz/a", "https://y.uz/b"], default=" HTTPS://Y.UZ/b ")
    assert policy.default == "https://y.uz/b"
    with pytest.raises(OneIDConfigurationError, match="must be included in ONE_ID_ALLOWED_REDIRECT_URIS"):
        RedirectPolicy.build(["https://x.uz/a"], default="https://x.uz/a/")
    with pytest.raises(OneIDConfigurationError, match="ONE_ID_DEFAULT_REDIRECT_URI is required"):
        RedirectPolicy.build(["https://x.uz/a", "https://y.uz/b"], default=None)
    with pytest.raises(OneIDConfigurationError, match="at least one redirect URI"):
        RedirectPolicy.build([" ", ""], default=None)


def test_duplicates_after_normalisation_are_kept_once() -> None:
    policy = RedirectPolicy.build(["https://x.uz/a", "HTTPS://X.UZ/a", " https://x.uz/a"], default=None)
    assert policy.allowed == ("https://x.uz/a",)


def test_plain_http_needs_a_setting_that_says_it_is_insecure() -> None:
    assert start_up(["http://portal.example.uz/cb"], one_id_insecure_allow_http=True).redirect_policy.allowed == (
        "http://portal.example.uz/cb",
    )
    emulator = start_up(["http://portal.example.uz/cb"], one_id_emulator_mode=True)
    assert emulator.redirect_policy.default == "http://portal.example.uz/cb"
    with pytest.raises(ValidationError, match="must use https"):
        start_up(["ftp://portal.example.uz/cb"], one_id_insecure_allow_http=True)


def test_allowing_http_does_not_allow_loopback() -> None:
    with pytest.raises(ValidationError, match="points to this machine"):
        start_up(["http://127.0.0.1:8000/cb"], one_id_insecure_allow_http=True)


def test_the_comma_list_from_the_environment_is_normalised_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONE_ID_ALLOWED_REDIRECT_URIS", " HTTPS://A.example.uz/cb , https://b.example.uz/cb ")
    monkeypatch.setenv("ONE_ID_DEFAULT_REDIRECT_URI", "https://a.example.uz/cb")
    settings = OneIDSettings(one_id_client_id="c", one_id_client_secret="s", one_id_scope="c")
    assert settings.redirect_policy.allowed == ("https://a.example.uz/cb", "https://b.example.uz/cb")


def test_normalisation_keeps_path_query_and_percent_encoding_as_written() -> None:
    assert (
        normalise_redirect_uri("https://X.uz/A%2Fb/?q=%20Z&r", allow_loopback=False, allow_http=False)
        == "https://x.uz/A%2Fb/?q=%20Z&r"
    )


async def test_oneid_receives_the_allow_listed_string_not_the_configured_spelling(fake_oneid: FakeOneID) -> None:
    settings = start_up(["  HTTPS://Portal.Example.UZ/one-id/access  "])
    async with browser(portal_app(settings)) as client:
        login = await client.get("/one-id/login")
        assert redirect_uri_of(login.headers["location"]) == "https://portal.example.uz/one-id/access"
        callback = await client.get(
            "/one-id/access", params={"code": "c1", "state": state_of(login.headers["location"])}
        )
    assert callback.status_code == 200
    assert callback.json()["redirect_uri"] == "https://portal.example.uz/one-id/access"
    [exchange] = fake_oneid.exchanges
    assert exchange["redirect_uri"] == "https://portal.example.uz/one-id/access"


async def test_the_flow_sends_the_allow_listed_string() -> None:
    settings = start_up(["https://Portal.example.uz/cb?x=1"])
    flow = AsyncLoginFlow(AsyncOneIDClient(settings), state_store=InMemoryStateStore())
    start = await flow.begin("https://portal.example.uz/cb?x=1")
    assert parse_qs(start.authorization_url.split("?", 1)[1])["redirect_uri"] == ["https://portal.example.uz/cb?x=1"]
    assert start.redirect_uri is settings.redirect_policy.allowed[0]
