"""Loopback redirect URIs are refused in every spelling that resolvers and browsers accept, except in emulator mode."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from pydantic import ValidationError

from fastapi_oneid.security import validate_redirect_uri
from oneid_sdk.errors import OneIDInvalidRedirectURIError
from oneid_sdk.security import is_loopback_host
from tests.security.support import browser, portal_settings

NAMES = [
    "localhost",
    "LOCALHOST",
    "LocalHost",
    "localhost.",
    "localhost..",
    "app.localhost",
    "APP.LOCALHOST.",
    "a.b.c.localhost",
    "localhost.localdomain",
    "ip6-localhost",
    "ip6-loopback",
]
IPV4 = [
    "127.0.0.1",
    "127.0.0.1.",
    "127.1.2.3",
    "127.255.255.254",
    "127.1",
    "127.0.1",
    "2130706433",
    "0x7f000001",
    "0X7F000001",
    "017700000001",
    "0177.0.0.1",
    "0177.1",
    "0x7f.0.0.1",
    "0x7f.1",
    "127.000.000.001",
    "0.0.0.0",
    "0.0.0.0.",
    "0",
    "00",
    "0x0",
    "0.1.2.3",
]
IPV6 = [
    "[::1]",
    "[0:0:0:0:0:0:0:1]",
    "[0000:0000:0000:0000:0000:0000:0000:0001]",
    "[::0001]",
    "[0::1]",
    "[::]",
    "[::ffff:127.0.0.1]",
    "[::ffff:7f00:1]",
    "[::FFFF:7F00:0001]",
    "[0:0:0:0:0:ffff:127.0.0.1]",
    "[::ffff:127.9.9.9]",
    "[::ffff:0.0.0.0]",
    "[::127.0.0.1]",
    "[64:ff9b::127.0.0.1]",
    "[::1%25eth0]",
]
UNICODE = [
    "ｌｏｃａｌｈｏｓｔ",
    "LOCALＨＯＳＴ",
    "app．localhost",
    "127。0。0。1",
    "１２７.０.０.１",
]
SPELLINGS = NAMES + IPV4 + IPV6 + UNICODE

NOT_LOOPBACK = [
    "portal.example.uz",
    "localhost.example.uz",
    "notlocalhost",
    "localhostx",
    "my-localhost.uz",
    "128.0.0.1",
    "126.255.255.255",
    "1.0.0.127",
    "203.0.113.7",
    "[::2:1]",
    "[2001:db8::1]",
    "[::ffff:203.0.113.7]",
    "[fe80::1]",
]


@pytest.mark.parametrize("host", SPELLINGS)
def test_every_spelling_of_this_machine_is_recognised(host: str) -> None:
    assert is_loopback_host(host)


@pytest.mark.parametrize("host", NOT_LOOPBACK)
def test_other_hosts_are_not_taken_for_this_machine(host: str) -> None:
    assert not is_loopback_host(host)


@pytest.mark.parametrize("host", SPELLINGS)
@pytest.mark.parametrize("scheme", ["https", "http"])
def test_a_loopback_entry_is_a_start_up_error(host: str, scheme: str) -> None:
    with pytest.raises(ValidationError) as refused:
        portal_settings(
            one_id_allowed_redirect_uris=[f"{scheme}://{host}:8443/one-id/access"],
            one_id_default_redirect_uri=None,
            one_id_insecure_allow_http=True,
        )
    assert "ONE_ID_ALLOWED_REDIRECT_URIS: redirect URI" in str(refused.value)


CANONICAL = [name for name in NAMES if not name.endswith("..")]


@pytest.mark.parametrize(
    "host", [*CANONICAL, "127.0.0.1", "127.1.2.3", "0.0.0.0", "[::1]", "[::]", "[::ffff:127.0.0.1]"]
)
def test_a_canonical_loopback_entry_is_refused_as_such(host: str) -> None:
    with pytest.raises(ValidationError, match="points to this machine; OneID refuses loopback redirect URIs"):
        portal_settings(one_id_allowed_redirect_uris=[f"https://{host}/cb"], one_id_default_redirect_uri=None)


def test_a_loopback_default_is_refused_too() -> None:
    with pytest.raises(ValidationError, match="ONE_ID_DEFAULT_REDIRECT_URI: redirect URI 'https://localhost/cb'"):
        portal_settings(one_id_default_redirect_uri="https://localhost/cb")


@pytest.mark.parametrize(
    "entry",
    [
        "http://localhost:8000/one-id/access",
        "http://127.0.0.1:8000/one-id/access",
        "http://[::1]:8000/one-id/access",
        "https://app.localhost/one-id/access",
    ],
)
def test_only_the_emulator_mode_allows_loopback(entry: str) -> None:
    emulator = portal_settings(
        one_id_sso_url="http://127.0.0.1:9000/sso/oauth/Authorization.do",
        one_id_allowed_redirect_uris=[entry],
        one_id_default_redirect_uri=None,
        one_id_emulator_mode=True,
    )
    assert emulator.redirect_policy.allowed == (entry,)
    with pytest.raises(ValidationError, match="points to this machine"):
        portal_settings(
            one_id_allowed_redirect_uris=[entry], one_id_default_redirect_uri=None, one_id_insecure_allow_http=True
        )


def test_the_emulator_mode_is_refused_against_production_oneid() -> None:
    with pytest.raises(
        ValidationError, match="ONE_ID_EMULATOR_MODE must not be set when ONE_ID_SSO_URL points to egov.uz"
    ):
        portal_settings(
            one_id_sso_url="https://sso.egov.uz/sso/oauth/Authorization.do",
            one_id_allowed_redirect_uris=["http://127.0.0.1:8000/cb"],
            one_id_default_redirect_uri=None,
            one_id_emulator_mode=True,
        )


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "[::1]", "2130706433", "0x7f.1", "[::ffff:127.0.0.1]"])
async def test_a_loopback_redirect_uri_cannot_be_requested(host: str, app: FastAPI) -> None:
    async with browser(app) as client:
        for requested in (f"https://{host}/one-id/access", f"http://{host}:8000/one-id/access"):
            login = await client.get("/one-id/login", params={"redirect_uri": requested})
            assert login.status_code == 400
            assert login.json()["error"] == "redirect_uri_not_allowed"


@pytest.mark.parametrize("host", [*NAMES, *IPV4, *IPV6])
def test_the_fastapi_oneid_helper_refuses_loopback_even_when_listed(host: str) -> None:
    uri = f"https://{host}/cb"
    with pytest.raises(OneIDInvalidRedirectURIError):
        validate_redirect_uri(uri, [uri])
