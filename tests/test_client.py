"""The generated clients against a mocked OneID: what goes on the wire, how answers and failures are read.

Every behaviour is checked on both clients: the ``client`` fixture runs a method on ``OneIDClient`` or, through
``asyncio.run``, on ``AsyncOneIDClient``.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import os
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
import respx

from oneid_sdk import _http
from oneid_sdk._generated.client import AsyncOneIDClient, OneIDClient
from oneid_sdk._generated.constants import CONNECT_RETRIES
from oneid_sdk._generated.models import LegalInfo, LogoutResponse, TokenResponse, UserInfo
from oneid_sdk.errors import (
    OneIDConnectionError,
    OneIDError,
    OneIDHTTPError,
    OneIDHTTPStatusError,
    OneIDInvalidResponseError,
    OneIDLogoutError,
    OneIDTimeoutError,
    OneIDTokenExchangeError,
    OneIDUserInfoError,
)
from oneid_sdk.settings import OneIDSettings

SSO_URL = "https://sso.example.test/sso/oauth/Authorization.do"
REDIRECT_URI = "https://portal.example.test/one-id/callback"
SECRET = "SENTINEL-client-secret-7f3a"
TOKEN = "SENTINEL-access-token-91c2"
CODE = "SENTINEL-code-b7e4"
PIN = "30101850000011"

Call = Callable[..., Any]


def make_settings(**overrides: Any) -> OneIDSettings:
    values: dict[str, Any] = {
        "one_id_sso_url": SSO_URL,
        "one_id_client_id": "portal",
        "one_id_client_secret": SECRET,
        "one_id_scope": "portal-scope",
        "one_id_allowed_redirect_uris": [REDIRECT_URI],
    }
    values.update(overrides)
    return OneIDSettings(**values)


@pytest.fixture
def oneid() -> Iterator[respx.Route]:
    """The mocked OneID endpoint; tests set its answer with ``oneid.mock(...)``."""
    with respx.mock(assert_all_called=False) as router:
        yield router.post(SSO_URL)


@pytest.fixture
def no_pause(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The pauses between connection retries, recorded instead of slept."""
    pauses: list[float] = []

    async def asleep(seconds: float) -> None:
        pauses.append(seconds)

    monkeypatch.setattr(_http, "_sleep", pauses.append)
    monkeypatch.setattr(_http, "_asleep", asleep)
    return pauses


@pytest.fixture(params=["sync", "async"])
def client(request: pytest.FixtureRequest) -> Call:
    """``client("identify", access_token=...)`` runs the method on a fresh sync or async client."""
    settings = make_settings()

    def call_sync(method: str, **arguments: Any) -> Any:
        with OneIDClient(settings) as sync_client:
            return getattr(sync_client, method)(**arguments)

    def call_async(method: str, **arguments: Any) -> Any:
        async def run() -> Any:
            async with AsyncOneIDClient(settings) as async_client:
                return await getattr(async_client, method)(**arguments)

        return asyncio.run(run())

    return call_sync if request.param == "sync" else call_async


def identify_answer(**fields: Any) -> httpx.Response:
    return httpx.Response(200, json={"pin": PIN, "ret_cd": "0", **fields})


def sent_form(route: respx.Route) -> list[tuple[str, str]]:
    request = route.calls.last.request
    assert request.method == "POST"
    assert str(request.url) == SSO_URL
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    return parse_qsl(request.content.decode(), keep_blank_values=True, strict_parsing=True)


# --- the wire ------------------------------------------------------------------------------------------------------


def test_exchange_code_posts_the_form_in_wire_order(client: Call, oneid: respx.Route) -> None:
    oneid.mock(return_value=httpx.Response(200, json={"access_token": TOKEN, "token_type": "Bearer"}))

    token = client("exchange_code", code=CODE, redirect_uri=REDIRECT_URI)

    assert sent_form(oneid) == [
        ("grant_type", "one_authorization_code"),
        ("client_id", "portal"),
        ("client_secret", SECRET),
        ("redirect_uri", REDIRECT_URI),
        ("code", CODE),
    ]
    assert isinstance(token, TokenResponse)
    assert (token.access_token, token.token_type) == (TOKEN, "Bearer")


@pytest.mark.parametrize(
    ("method", "grant_type"), [("identify", "one_access_token_identify"), ("log_out", "one_log_out")]
)
def test_token_grants_post_the_form_in_wire_order(
    client: Call, oneid: respx.Route, method: str, grant_type: str
) -> None:
    oneid.mock(return_value=identify_answer())

    client(method, access_token=TOKEN)

    assert sent_form(oneid) == [
        ("grant_type", grant_type),
        ("client_id", "portal"),
        ("client_secret", SECRET),
        ("access_token", TOKEN),
        ("scope", "portal-scope"),
    ]


def test_form_values_are_url_encoded(client: Call, oneid: respx.Route) -> None:
    oneid.mock(return_value=httpx.Response(200, json={"access_token": TOKEN}))

    client("exchange_code", code="oofys6rkl9P8/NZREMVSmA==&x=1", redirect_uri=REDIRECT_URI)

    assert b"code=oofys6rkl9P8%2FNZREMVSmA%3D%3D%26x%3D1" in oneid.calls.last.request.content
    assert sent_form(oneid)[-1] == ("code", "oofys6rkl9P8/NZREMVSmA==&x=1")


@pytest.mark.parametrize("client_class", [OneIDClient, AsyncOneIDClient])
def test_authorization_url_has_the_parameters_in_order(client_class: type[OneIDClient | AsyncOneIDClient]) -> None:
    url = client_class(make_settings()).authorization_url(redirect_uri=REDIRECT_URI, state="s t&ate/=")

    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == SSO_URL
    assert parse_qsl(parts.query, strict_parsing=True) == [
        ("response_type", "one_code"),
        ("client_id", "portal"),
        ("redirect_uri", REDIRECT_URI),
        ("scope", "portal-scope"),
        ("state", "s t&ate/="),
    ]
    assert SECRET not in url


# --- answers and their quirks --------------------------------------------------------------------------------------


def test_token_response_keeps_unknown_keys_and_reads_quirks(client: Call, oneid: respx.Route) -> None:
    answer = {"access_token": TOKEN, "refresh_token": "", "expires_in": "1646981583980", "id_hint": "x"}
    oneid.mock(return_value=httpx.Response(200, json=answer))

    token = client("exchange_code", code=CODE, redirect_uri=REDIRECT_URI)

    assert token.refresh_token is None
    assert token.expires_in == 1646981583980
    assert token.model_extra == {"id_hint": "x"}


@pytest.mark.parametrize(("sent", "read"), [("true", True), ("false", False), (True, True), (False, False)])
def test_valid_is_read_as_a_boolean(client: Call, oneid: respx.Route, sent: object, read: bool) -> None:
    oneid.mock(return_value=identify_answer(valid=sent))

    assert client("identify", access_token=TOKEN).valid is read


@pytest.mark.parametrize(
    ("sent", "read"),
    [
        ([{"tin": "300000033", "is_basic": True}], [LegalInfo(tin="300000033", is_basic=True)]),
        ({"tin": "300000033", "is_basic": "true"}, [LegalInfo(tin="300000033", is_basic=True)]),
        ([], []),
        (None, None),
        ("", None),
    ],
    ids=["list", "single-object", "empty-list", "null", "empty-string"],
)
def test_legal_info_is_read_as_a_list(client: Call, oneid: respx.Route, sent: object, read: object) -> None:
    oneid.mock(return_value=identify_answer(legal_info=sent))

    assert client("identify", access_token=TOKEN).legal_info == read


@pytest.mark.parametrize(
    ("sent", "read"),
    [("MOBILEMETHOD", ["MOBILEMETHOD"]), (["PKCSMETHOD"], ["PKCSMETHOD"]), (None, None), ("", None)],
)
def test_validation_method_is_read_as_a_list(client: Call, oneid: respx.Route, sent: object, read: object) -> None:
    oneid.mock(return_value=identify_answer(validation_method=sent))

    assert client("identify", access_token=TOKEN).validation_method == read


def test_user_info_reads_blank_fields_as_absent_and_keeps_unknown_keys(client: Call, oneid: respx.Route) -> None:
    oneid.mock(
        return_value=identify_answer(
            ret_cd=0,
            mid_name="",
            pkcs_legal_tin=None,
            first_name="ELENA",
            _pport_issue_date="2016-09-03",
            gd="2",
            lang="uz",
            registered_phones=["+998900000000"],
        )
    )

    user = client("identify", access_token=TOKEN)

    assert isinstance(user, UserInfo)
    assert (user.pin, user.ret_cd, user.first_name, user.gd) == (PIN, "0", "ELENA", "2")
    assert user.alt_pport_issue_date == "2016-09-03"
    assert user.mid_name is None
    assert user.pkcs_legal_tin is None
    assert user.model_extra == {"lang": "uz", "registered_phones": ["+998900000000"]}


def test_a_malformed_optional_field_does_not_fail_the_answer(client: Call, oneid: respx.Route) -> None:
    oneid.mock(
        return_value=identify_answer(
            valid="maybe", legal_info=42, validation_method={"a": 1}, user_id=7, sur_name="KIM"
        )
    )

    user = client("identify", access_token=TOKEN)

    assert (user.valid, user.legal_info, user.validation_method, user.user_id) == (None, None, None, None)
    assert user.sur_name == "KIM"


def test_identify_without_ret_cd_is_accepted_when_pin_is_present(client: Call, oneid: respx.Route) -> None:
    oneid.mock(return_value=httpx.Response(200, json={"pin": PIN}))

    assert client("identify", access_token=TOKEN).pin == PIN


@pytest.mark.parametrize("answer", [{"ret_cd": "0"}, {"ret_cd": 0}, {"ret_cd": "0", "error": None, "extra": "x"}])
def test_log_out_succeeds_with_ret_cd_zero(client: Call, oneid: respx.Route, answer: dict[str, Any]) -> None:
    oneid.mock(return_value=httpx.Response(200, json=answer))

    result = client("log_out", access_token=TOKEN)

    assert isinstance(result, LogoutResponse)
    assert result.ret_cd == "0"


@pytest.mark.parametrize(
    ("answer", "ret_cd"),
    [
        ({"error": "invalid_grant", "error_description": "The access token is unknown."}, None),
        ({"ret_cd": "1", "error": "invalid_token"}, "1"),
        ({"ret_cd": "0", "error": "invalid_token"}, "0"),
        ({}, None),
        ({"ret_cd": None}, None),
        ({"ret_cd": ""}, ""),
        ({"status": "ok"}, None),
    ],
    ids=[
        "error-only",
        "error-and-ret_cd",
        "error-despite-zero",
        "empty",
        "null-ret_cd",
        "blank-ret_cd",
        "unknown-only",
    ],
)
def test_log_out_without_a_confirmation_is_refused(
    client: Call, oneid: respx.Route, answer: dict[str, Any], ret_cd: str | None
) -> None:
    """An ``error`` key, or an answer holding no ret_cd at all, does not confirm the logout."""
    oneid.mock(return_value=httpx.Response(200, json=answer))

    with pytest.raises(OneIDLogoutError) as caught:
        client("log_out", access_token=TOKEN)

    assert caught.value.ret_cd == ret_cd
    assert (caught.value.error, caught.value.status) == ("logout_refused", 400)
    assert "invalid" not in str(caught.value)


@pytest.mark.parametrize(
    ("answer", "ret_cd"),
    [({"error": "invalid_token", "pin": PIN}, None), ({"error": "invalid_token", "ret_cd": "1"}, "1")],
)
def test_identify_with_an_error_key_is_refused(
    client: Call, oneid: respx.Route, answer: dict[str, Any], ret_cd: str | None
) -> None:
    oneid.mock(return_value=httpx.Response(200, json=answer))

    with pytest.raises(OneIDUserInfoError) as caught:
        client("identify", access_token=TOKEN)

    assert caught.value.ret_cd == ret_cd
    assert "invalid_token" not in str(caught.value)


def test_identify_with_a_null_error_key_is_accepted(client: Call, oneid: respx.Route) -> None:
    oneid.mock(return_value=identify_answer(error=None))

    assert client("identify", access_token=TOKEN).pin == PIN


# --- refusals and failures -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("sent", "ret_cd"), [("1", "1"), (1, "1"), ("", ""), (True, None), ({"code": 0}, None)])
def test_identify_refused_by_ret_cd(client: Call, oneid: respx.Route, sent: object, ret_cd: str | None) -> None:
    oneid.mock(return_value=identify_answer(ret_cd=sent))

    with pytest.raises(OneIDUserInfoError) as caught:
        client("identify", access_token=TOKEN)

    assert caught.value.ret_cd == ret_cd
    assert caught.value.status == 401


@pytest.mark.parametrize("answer", [{"ret_cd": "0"}, {"pin": "", "ret_cd": "0"}, {"pin": 30101850000011}])
def test_identify_without_a_pin_is_an_invalid_response(client: Call, oneid: respx.Route, answer: object) -> None:
    oneid.mock(return_value=httpx.Response(200, json=answer))

    with pytest.raises(OneIDInvalidResponseError) as caught:
        client("identify", access_token=TOKEN)

    assert caught.value.field == "pin"


def test_log_out_refused_by_ret_cd(client: Call, oneid: respx.Route) -> None:
    oneid.mock(return_value=httpx.Response(200, json={"ret_cd": "2"}))

    with pytest.raises(OneIDLogoutError) as caught:
        client("log_out", access_token=TOKEN)

    assert caught.value.ret_cd == "2"


@pytest.mark.parametrize("answer", [{"error": "invalid_grant"}, {"access_token": ""}, {"access_token": None}])
def test_exchange_without_an_access_token_is_refused(client: Call, oneid: respx.Route, answer: object) -> None:
    oneid.mock(return_value=httpx.Response(200, json=answer))

    with pytest.raises(OneIDTokenExchangeError):
        client("exchange_code", code=CODE, redirect_uri=REDIRECT_URI)


@pytest.mark.parametrize(
    ("failure", "error", "status", "attempts"),
    [
        (httpx.ConnectTimeout("timed out"), OneIDTimeoutError, 504, 1 + CONNECT_RETRIES),
        (httpx.ReadTimeout("timed out"), OneIDTimeoutError, 504, 1),
        (httpx.ConnectError("connection refused"), OneIDConnectionError, 502, 1 + CONNECT_RETRIES),
        (httpx.RemoteProtocolError("peer closed connection"), OneIDConnectionError, 502, 1),
    ],
)
def test_transport_failures_are_mapped(
    client: Call,
    oneid: respx.Route,
    no_pause: list[float],
    failure: Exception,
    error: type[OneIDError],
    status: int,
    attempts: int,
) -> None:
    oneid.mock(side_effect=failure)

    with pytest.raises(error) as caught:
        client("identify", access_token=TOKEN)

    assert isinstance(caught.value, OneIDHTTPError)
    assert caught.value.status == status
    assert caught.value.is_timeout is (error is OneIDTimeoutError)
    assert len(oneid.calls) == attempts, "only a failure to connect is retried"


@pytest.mark.parametrize("status_code", [400, 401, 500, 503])
def test_http_error_statuses_are_mapped(client: Call, oneid: respx.Route, status_code: int) -> None:
    oneid.mock(return_value=httpx.Response(status_code, json={"access_token": TOKEN}))

    with pytest.raises(OneIDHTTPStatusError) as caught:
        client("exchange_code", code=CODE, redirect_uri=REDIRECT_URI)

    assert caught.value.status_code == status_code
    assert len(oneid.calls) == 1, "a code is never sent twice"


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(200, text="<html>Bad gateway</html>"),
        httpx.Response(200, content=b""),
        httpx.Response(200, content=b"\xff\xfe\x00"),
        httpx.Response(200, json=[{"pin": PIN}]),
        httpx.Response(200, json="ok"),
    ],
    ids=["html", "empty", "not-utf8", "json-list", "json-string"],
)
def test_a_body_that_is_not_a_json_object_is_an_invalid_response(
    client: Call, oneid: respx.Route, answer: httpx.Response
) -> None:
    oneid.mock(return_value=answer)

    with pytest.raises(OneIDInvalidResponseError):
        client("log_out", access_token=TOKEN)


# --- no secret, token or body in errors and logs ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "answer"),
    [
        ("exchange_code", httpx.Response(200, json={"error": SECRET, "detail": TOKEN})),
        ("exchange_code", httpx.Response(500, text=f"failed for {SECRET} {TOKEN}")),
        ("identify", httpx.Response(200, json={"ret_cd": f"9 {SECRET}", "pin": PIN, "note": TOKEN})),
        ("identify", httpx.Response(200, json={"pin": {"value": SECRET}, "token": TOKEN})),
        ("identify", httpx.Response(200, text=f"<html>{SECRET} {TOKEN}</html>")),
        ("log_out", httpx.Response(200, json={"ret_cd": 5, "echo": TOKEN})),
        ("log_out", httpx.ConnectError(f"refused {SECRET}")),
        ("log_out", httpx.ReadTimeout(f"timed out {SECRET}")),
    ],
)
def test_errors_and_logs_hold_no_secret_token_or_body(
    client: Call,
    oneid: respx.Route,
    caplog: pytest.LogCaptureFixture,
    no_pause: list[float],
    method: str,
    answer: httpx.Response | Exception,
) -> None:
    if isinstance(answer, Exception):
        oneid.mock(side_effect=answer)
    else:
        oneid.mock(return_value=answer)
    arguments = {"code": CODE, "redirect_uri": REDIRECT_URI} if method == "exchange_code" else {"access_token": TOKEN}

    with caplog.at_level(logging.DEBUG, logger="oneid_sdk"), pytest.raises(OneIDError) as caught:
        client(method, **arguments)

    error = caught.value
    shown = [str(error), repr(error)]
    if not isinstance(answer, Exception):  # httpx's own message is chained as the cause of a transport error
        shown.append("".join(traceback.format_exception(error)))
    shown.extend(record.getMessage() for record in caplog.records)
    for text in shown:
        for sentinel in (SECRET, TOKEN, CODE, PIN):
            assert sentinel not in text


def test_one_log_line_per_call_with_operation_status_and_duration(
    client: Call, oneid: respx.Route, caplog: pytest.LogCaptureFixture
) -> None:
    oneid.mock(return_value=identify_answer(full_name="KIM ELENA"))

    with caplog.at_level(logging.DEBUG, logger="oneid_sdk"):
        client("identify", access_token=TOKEN)

    records = [record for record in caplog.records if record.name == "oneid_sdk"]
    assert len(records) == 1
    record = records[0]
    assert record.levelno == logging.INFO
    assert (record.__dict__["oneid_operation"], record.__dict__["oneid_status"]) == ("identify", 200)
    assert isinstance(record.__dict__["oneid_duration_ms"], int)
    assert record.getMessage().startswith("oneid identify: HTTP 200 in ")
    assert "KIM" not in record.getMessage()


# --- construction --------------------------------------------------------------------------------------------------


def test_settings_default_to_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no .env file
    for name in [name for name in os.environ if name.upper().startswith("ONE_ID_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("ONE_ID_CLIENT_ID", "from-env")
    monkeypatch.setenv("ONE_ID_CLIENT_SECRET", SECRET)
    monkeypatch.setenv("ONE_ID_CLIENT_SCOPE", "env-scope")
    monkeypatch.setenv("ONE_ID_ALLOWED_REDIRECT_URIS", REDIRECT_URI)
    monkeypatch.setenv("ONE_ID_TIMEOUT", "2.5")

    with OneIDClient() as client:
        assert (client.settings.one_id_client_id, client.settings.one_id_scope) == ("from-env", "env-scope")
        assert client._http_client.timeout == httpx.Timeout(2.5)


def test_an_injected_http_client_is_used_and_left_open(oneid: respx.Route) -> None:
    oneid.mock(return_value=httpx.Response(200, json={"ret_cd": "0"}))
    http_client = httpx.Client(headers={"X-Portal": "yes"})

    with OneIDClient(make_settings(), http_client=http_client) as client:
        client.log_out(access_token=TOKEN)

    assert oneid.calls.last.request.headers["x-portal"] == "yes"
    assert not http_client.is_closed
    http_client.close()


async def test_an_injected_async_http_client_is_used_and_left_open(oneid: respx.Route) -> None:
    oneid.mock(return_value=httpx.Response(200, json={"ret_cd": "0"}))
    http_client = httpx.AsyncClient(headers={"X-Portal": "yes"})

    async with AsyncOneIDClient(make_settings(), http_client=http_client) as client:
        await client.log_out(access_token=TOKEN)

    assert oneid.calls.last.request.headers["x-portal"] == "yes"
    assert not http_client.is_closed
    await http_client.aclose()


def test_the_clients_own_http_client_is_closed_with_it() -> None:
    with OneIDClient(make_settings(one_id_timeout=3.0)) as client:
        assert client._http_client.timeout == httpx.Timeout(3.0)
    assert client._http_client.is_closed


async def test_the_async_clients_own_http_client_is_closed_with_it() -> None:
    async with AsyncOneIDClient(make_settings(one_id_timeout=3.0)) as client:
        assert client._http_client.timeout == httpx.Timeout(3.0)
    assert client._http_client.is_closed


def public_methods(cls: type) -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(member)
        for name, member in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_") and name not in {"close", "aclose"}
    }


def test_sync_and_async_clients_expose_the_same_methods_and_parameters() -> None:
    sync_methods = public_methods(OneIDClient)
    async_methods = public_methods(AsyncOneIDClient)

    assert set(sync_methods) == set(async_methods) == {"authorization_url", "exchange_code", "identify", "log_out"}
    assert sync_methods == async_methods
    for name, signature in sync_methods.items():
        assert all(
            parameter.kind is inspect.Parameter.KEYWORD_ONLY for parameter in list(signature.parameters.values())[1:]
        ), name
    for name in ("exchange_code", "identify", "log_out"):
        assert inspect.iscoroutinefunction(getattr(AsyncOneIDClient, name))
        assert not inspect.iscoroutinefunction(getattr(OneIDClient, name))
    assert (
        inspect.signature(OneIDClient.__init__).parameters.keys()
        == inspect.signature(AsyncOneIDClient.__init__).parameters.keys()
    )


def test_a_status_error_raised_by_an_injected_clients_hook_is_mapped(oneid: respx.Route) -> None:
    oneid.mock(return_value=httpx.Response(502))
    http_client = httpx.Client(event_hooks={"response": [httpx.Response.raise_for_status]})

    with OneIDClient(make_settings(), http_client=http_client) as client, pytest.raises(OneIDHTTPStatusError) as caught:
        client.identify(access_token=TOKEN)

    assert caught.value.status_code == 502
    http_client.close()
