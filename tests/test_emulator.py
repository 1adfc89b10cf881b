"""The emulator answers like OneID: login page, codes, the three grants and their refusals."""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import yaml

from oneid_sdk._generated.client import AsyncOneIDClient
from oneid_sdk.emulator import EmulatorState, RegisteredClient, create_app
from oneid_sdk.emulator.state import CodeRefusedError
from oneid_sdk.errors import OneIDUserInfoError
from oneid_sdk.settings import OneIDSettings

SPEC = yaml.safe_load((Path(__file__).resolve().parents[1] / "spec" / "oneid.yaml").read_text(encoding="utf-8"))
SPEC_PERSONAS: dict[str, dict[str, Any]] = {persona["id"]: persona for persona in SPEC["personas"]}

SSO = "/sso/oauth/Authorization.do"
CLIENT_ID = "demo"
SECRET = "s3cret-value-that-must-never-be-echoed"
SCOPE = "demo-scope"
REDIRECT = "http://127.0.0.1:8000/one-id/access"
OTHER_REDIRECT = "https://portal.example.uz/one-id/access?tenant=7"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


class FakeClock:
    """Seconds since the epoch, moved by hand."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


def _clients() -> list[RegisteredClient]:
    return [
        RegisteredClient(CLIENT_ID, SECRET, SCOPE, [REDIRECT, OTHER_REDIRECT]),
        RegisteredClient("other", "other-secret", "other", ["https://other.example.uz/cb"]),
    ]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def client(clock: FakeClock) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(_clients(), clock=clock)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator.test") as http:
        yield http


def _authorize_params(**overrides: str) -> dict[str, str]:
    params = {
        "response_type": "one_code",
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT,
        "scope": SCOPE,
        "state": "state-123",
    }
    params.update(overrides)
    return params


async def _code(http: httpx.AsyncClient, persona: str = "individual", **overrides: str) -> str:
    answer = await http.get(SSO, params=_authorize_params(persona=persona, **overrides))
    assert answer.status_code == 302
    return parse_qs(urlsplit(answer.headers["location"]).query)["code"][0]


async def _exchange(http: httpx.AsyncClient, code: str, **overrides: str) -> dict[str, Any]:
    form = {
        "grant_type": "one_authorization_code",
        "client_id": CLIENT_ID,
        "client_secret": SECRET,
        "redirect_uri": REDIRECT,
        "code": code,
    }
    form.update(overrides)
    answer = await http.post(SSO, data=form)
    assert answer.status_code == 200
    body: dict[str, Any] = answer.json()
    return body


async def _token_call(http: httpx.AsyncClient, grant_type: str, access_token: str, **overrides: str) -> dict[str, Any]:
    form = {
        "grant_type": grant_type,
        "client_id": CLIENT_ID,
        "client_secret": SECRET,
        "access_token": access_token,
        "scope": SCOPE,
    }
    form.update(overrides)
    answer = await http.post(SSO, data=form)
    assert answer.status_code == 200
    body: dict[str, Any] = answer.json()
    return body


async def _identify(http: httpx.AsyncClient, access_token: str, **overrides: str) -> dict[str, Any]:
    return await _token_call(http, "one_access_token_identify", access_token, **overrides)


async def _log_out(http: httpx.AsyncClient, access_token: str, **overrides: str) -> dict[str, Any]:
    return await _token_call(http, "one_log_out", access_token, **overrides)


async def _login(http: httpx.AsyncClient, persona: str = "individual") -> str:
    token = await _exchange(http, await _code(http, persona))
    access_token: str = token["access_token"]
    return access_token


# --- the browser's authorization request ---------------------------------------------------------------------------


async def test_login_page_lists_every_persona(client: httpx.AsyncClient) -> None:
    answer = await client.get(SSO, params=_authorize_params())

    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    assert "no-store" in answer.headers["cache-control"]
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
    page = answer.text
    assert "not sso.egov.uz" in page
    buttons = re.findall(r'<button type="submit" id="persona-[^"]+" name="persona" value="([^"]+)"', page)
    assert buttons == list(SPEC_PERSONAS)
    for persona in SPEC_PERSONAS.values():
        assert persona["identify"]["full_name"] in page
        assert persona["identify"]["pin"] in page
    assert '<input type="hidden" name="state" value="state-123">' in page


async def test_login_page_escapes_the_request(client: httpx.AsyncClient) -> None:
    answer = await client.get(SSO, params=_authorize_params(state='"><script>alert(1)</script>'))

    assert answer.status_code == 200
    assert "<script>" not in answer.text
    assert "&quot;&gt;&lt;script&gt;" in answer.text


async def test_choosing_a_persona_on_the_page_redirects_back_with_a_code(client: httpx.AsyncClient) -> None:
    page = await client.get(SSO, params=_authorize_params(state="from-the-page"))
    action = re.search(r'<form method="post" action="([^"]+)"', page.text)
    assert action is not None
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page.text))

    answer = await client.post(action.group(1), data={**hidden, "persona": "no-patronymic"})

    assert answer.status_code == 303
    location = urlsplit(answer.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT
    query = parse_qs(location.query)
    assert query["state"] == ["from-the-page"]
    token = await _exchange(client, query["code"][0])
    assert (await _identify(client, token["access_token"]))["pin"] == SPEC_PERSONAS["no-patronymic"]["identify"]["pin"]


async def test_login_form_cannot_redirect_to_an_unregistered_uri(client: httpx.AsyncClient) -> None:
    form = {**_authorize_params(redirect_uri="https://evil.example/steal"), "persona": "individual"}

    answer = await client.post("/emulator/login", data=form)

    assert answer.status_code == 400
    assert "location" not in answer.headers


async def test_persona_shortcut_skips_the_page(client: httpx.AsyncClient) -> None:
    answer = await client.get(SSO, params=_authorize_params(persona="legal-entity"))

    assert answer.status_code == 302
    location = urlsplit(answer.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT
    assert set(parse_qs(location.query)) == {"code", "state"}


@pytest.mark.parametrize("state", ["plain", "with space & ampersand=equals", "ўзбек/?#%", "a" * 300])
async def test_state_comes_back_unchanged(client: httpx.AsyncClient, state: str) -> None:
    answer = await client.get(SSO, params=_authorize_params(state=state, persona="individual"))

    assert parse_qs(urlsplit(answer.headers["location"]).query)["state"] == [state]


async def test_redirect_uri_query_is_kept(client: httpx.AsyncClient) -> None:
    answer = await client.get(SSO, params=_authorize_params(redirect_uri=OTHER_REDIRECT, persona="individual"))

    location = urlsplit(answer.headers["location"])
    assert location.netloc == "portal.example.uz"
    query = parse_qs(location.query)
    assert query["tenant"] == ["7"]
    assert query["state"] == ["state-123"]
    assert len(query["code"]) == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"client_id": "nobody"}, "client_id is not registered"),
        ({"client_id": ""}, "no client_id"),
        ({"redirect_uri": "https://evil.example/steal"}, "redirect_uri is not registered"),
        ({"redirect_uri": REDIRECT + "/"}, "redirect_uri is not registered"),
        ({"redirect_uri": "https://other.example.uz/cb"}, "redirect_uri is not registered"),
        ({"response_type": "code"}, "response_type must be one_code"),
        ({"scope": "everything"}, "scope is not the one registered"),
        ({"state": ""}, "no state"),
        ({"persona": "nobody"}, "persona is not one of"),
    ],
)
async def test_bad_authorization_requests_get_an_error_page(
    client: httpx.AsyncClient, overrides: dict[str, str], message: str
) -> None:
    answer = await client.get(SSO, params=_authorize_params(**overrides))

    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith("text/html")
    assert "location" not in answer.headers
    assert message in answer.text
    assert "code=" not in answer.text


# --- code exchange ---------------------------------------------------------------------------------------------------


async def test_exchange_answers_like_oneid(client: httpx.AsyncClient, clock: FakeClock) -> None:
    token = await _exchange(client, await _code(client))

    assert set(token) == {"access_token", "refresh_token", "token_type", "scope", "expires_in"}
    assert UUID.match(token["access_token"])
    assert UUID.match(token["refresh_token"])
    assert token["access_token"] != token["refresh_token"]
    assert token["token_type"] == "Bearer"
    assert token["scope"] == SCOPE
    assert token["expires_in"] == int((clock.now + 3600) * 1000)


async def test_exchange_reads_parameters_from_the_query_string(client: httpx.AsyncClient) -> None:
    code = await _code(client)
    params = {
        "grant_type": "one_authorization_code",
        "client_id": CLIENT_ID,
        "client_secret": SECRET,
        "redirect_uri": REDIRECT,
        "code": code,
    }

    answer = await client.post(SSO, params=params)

    assert answer.status_code == 200
    assert UUID.match(answer.json()["access_token"])


async def test_code_is_single_use(client: httpx.AsyncClient) -> None:
    code = await _code(client)
    first = await _exchange(client, code)

    second = await _exchange(client, code)

    assert "access_token" in first
    assert second["error"] == "invalid_grant"
    assert "access_token" not in second


async def test_replayed_code_ends_the_session_it_opened(client: httpx.AsyncClient) -> None:
    code = await _code(client)
    access_token = (await _exchange(client, code))["access_token"]

    await _exchange(client, code)

    assert (await _identify(client, access_token))["ret_cd"] == "1"


async def test_code_expires_after_sixty_seconds(client: httpx.AsyncClient, clock: FakeClock) -> None:
    fresh = await _code(client)
    stale = await _code(client)
    clock.now += 59
    assert "access_token" in await _exchange(client, fresh)

    clock.now += 1

    refused = await _exchange(client, stale)
    assert refused["error"] == "invalid_grant"
    assert "access_token" not in refused


async def test_code_lifetime_is_configurable(clock: FakeClock) -> None:
    app = create_app(_clients(), code_ttl=5, clock=clock)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://emulator.test") as http:
        code = await _code(http)
        clock.now += 5
        assert (await _exchange(http, code))["error"] == "invalid_grant"


async def test_wrong_secret_is_refused_without_spending_the_code(client: httpx.AsyncClient) -> None:
    code = await _code(client)

    refused = await _exchange(client, code, client_secret="wrong")

    assert refused == {"error": "invalid_client", "error_description": refused["error_description"]}
    assert "access_token" in await _exchange(client, code)


@pytest.mark.parametrize("client_id", ["nobody", "other", ""])
async def test_unknown_or_foreign_client_is_refused(client: httpx.AsyncClient, client_id: str) -> None:
    code = await _code(client)

    refused = await _exchange(client, code, client_id=client_id)

    assert refused["error"] == "invalid_client"
    assert "access_token" not in refused


async def test_code_of_another_client_is_refused(client: httpx.AsyncClient) -> None:
    code = await _code(client)

    refused = await _exchange(
        client, code, client_id="other", client_secret="other-secret", redirect_uri="https://other.example.uz/cb"
    )

    assert refused["error"] == "invalid_grant"


async def test_redirect_uri_must_match_the_authorization_request(client: httpx.AsyncClient) -> None:
    code = await _code(client)

    refused = await _exchange(client, code, redirect_uri=OTHER_REDIRECT)

    assert refused["error"] == "invalid_grant"
    assert "access_token" not in refused
    # The code was presented by its own client, so it is spent.
    assert (await _exchange(client, code))["error"] == "invalid_grant"


@pytest.mark.parametrize("missing", ["code", "redirect_uri"])
async def test_exchange_without_a_parameter_is_refused(client: httpx.AsyncClient, missing: str) -> None:
    form = {
        "grant_type": "one_authorization_code",
        "client_id": CLIENT_ID,
        "client_secret": SECRET,
        "redirect_uri": REDIRECT,
        "code": await _code(client),
    }
    del form[missing]

    answer = await client.post(SSO, data=form)

    assert answer.status_code == 200
    assert answer.json()["error"] == "invalid_grant"
    assert "access_token" not in answer.json()


@pytest.mark.parametrize("grant_type", ["", "authorization_code", "one_refresh_token"])
async def test_unknown_grant_type_is_a_400(client: httpx.AsyncClient, grant_type: str) -> None:
    answer = await client.post(SSO, data={"grant_type": grant_type, "client_id": CLIENT_ID, "client_secret": SECRET})

    assert answer.status_code == 400
    assert answer.json()["error"] == "unsupported_grant_type"


# --- identify --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona_id", list(SPEC_PERSONAS))
async def test_identify_answers_the_spec_body(client: httpx.AsyncClient, persona_id: str) -> None:
    body = await _identify(client, await _login(client, persona_id))

    sess_id = body.pop("sess_id")
    assert body.pop("ret_cd") == "0"
    assert UUID.match(sess_id)
    assert body == SPEC_PERSONAS[persona_id]["identify"]
    assert list(body) == list(SPEC_PERSONAS[persona_id]["identify"])


async def test_identify_sends_booleans_as_strings(client: httpx.AsyncClient) -> None:
    verified = await _identify(client, await _login(client, "individual"))
    unverified = await _identify(client, await _login(client, "unverified"))

    assert verified["valid"] == "true"
    assert unverified["valid"] == "false"
    assert "legal_info" not in unverified
    assert "pkcs_legal_tin" not in verified
    assert "pkcs_legal_tin" not in unverified


async def test_legal_entity_has_two_organisations_and_its_key_tin(client: httpx.AsyncClient) -> None:
    body = await _identify(client, await _login(client, "legal-entity"))

    assert body["auth_method"] == "LEPKCSMETHOD"
    assert body["user_type"] == "L"
    assert len(body["legal_info"]) == 2
    assert [entry["is_basic"] for entry in body["legal_info"]] == [True, False]
    assert body["pkcs_legal_tin"] == body["legal_info"][0]["tin"]


async def test_each_login_has_its_own_session_id(client: httpx.AsyncClient) -> None:
    first = await _identify(client, await _login(client))
    second = await _identify(client, await _login(client))

    assert first["pin"] == second["pin"]
    assert first["sess_id"] != second["sess_id"]


async def test_identify_reads_parameters_from_the_query_string(client: httpx.AsyncClient) -> None:
    access_token = await _login(client)
    params = {
        "grant_type": "one_access_token_identify",
        "client_id": CLIENT_ID,
        "client_secret": SECRET,
        "access_token": access_token,
        "scope": SCOPE,
    }

    answer = await client.post(SSO, params=params)

    assert answer.json()["ret_cd"] == "0"


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"access_token": "00000000-0000-4000-8000-000000000000"}, "invalid_token"),
        ({"access_token": ""}, "invalid_token"),
        ({"client_secret": "wrong"}, "invalid_client"),
        ({"client_id": "nobody"}, "invalid_client"),
        ({"client_id": "other", "client_secret": "other-secret", "scope": "other"}, "invalid_token"),
        ({"scope": "everything"}, "invalid_scope"),
    ],
)
async def test_identify_refusals(client: httpx.AsyncClient, overrides: dict[str, str], error: str) -> None:
    params = dict(overrides)
    access_token = params.pop("access_token", await _login(client))

    body = await _identify(client, access_token, **params)

    assert body["ret_cd"] == "1"
    assert body["error"] == error
    assert "pin" not in body


async def test_access_token_expires(client: httpx.AsyncClient, clock: FakeClock) -> None:
    access_token = await _login(client)

    clock.now += 3600

    assert (await _identify(client, access_token))["error"] == "invalid_token"


# --- log_out ---------------------------------------------------------------------------------------------------------


async def test_log_out_ends_the_session(client: httpx.AsyncClient) -> None:
    access_token = await _login(client)
    other_access_token = await _login(client)

    assert await _log_out(client, access_token) == {"ret_cd": "0"}

    assert (await _identify(client, access_token))["ret_cd"] == "1"
    assert (await _log_out(client, access_token))["ret_cd"] == "1"
    assert (await _identify(client, other_access_token))["ret_cd"] == "0"


@pytest.mark.parametrize("overrides", [{"client_secret": "wrong"}, {"client_id": "nobody"}, {"scope": "x"}])
async def test_log_out_with_bad_credentials_keeps_the_session(
    client: httpx.AsyncClient, overrides: dict[str, str]
) -> None:
    access_token = await _login(client)

    refused = await _log_out(client, access_token, **overrides)

    assert refused["ret_cd"] == "1"
    assert (await _identify(client, access_token))["ret_cd"] == "0"


# --- the secret is never echoed ----------------------------------------------------------------------------------


async def test_the_client_secret_never_appears_in_any_answer(client: httpx.AsyncClient) -> None:
    answers: list[httpx.Response] = []
    code = await _code(client)
    form = {
        "grant_type": "one_authorization_code",
        "client_id": CLIENT_ID,
        "client_secret": SECRET,
        "redirect_uri": REDIRECT,
        "code": code,
    }
    answers.append(await client.post(SSO, data={**form, "redirect_uri": "https://wrong.example"}))
    answers.append(await client.post(SSO, data=form))
    answers.append(await client.post(SSO, data={**form, "client_secret": SECRET + "x"}))
    answers.append(await client.post(SSO, params=form))
    answers.append(await client.post(SSO, data={**form, "grant_type": SECRET}))
    answers.append(await client.post(SSO, data={**form, "code": SECRET}))
    token = await _exchange(client, await _code(client))
    for grant_type in ("one_access_token_identify", "one_log_out", "one_access_token_identify"):
        call = {"grant_type": grant_type, "client_id": CLIENT_ID, "client_secret": SECRET, "scope": SCOPE}
        answers.append(await client.post(SSO, data={**call, "access_token": token["access_token"]}))
        answers.append(await client.post(SSO, data={**call, "access_token": SECRET}))
    answers.append(await client.get(SSO, params=_authorize_params(client_secret=SECRET)))
    answers.append(await client.get(SSO, params=_authorize_params(client_id=SECRET)))
    answers.append(await client.get("/personas"))

    assert len(answers) == 15
    for answer in answers:
        assert SECRET not in answer.text
        assert all(SECRET not in value for value in answer.headers.values())


def test_the_client_secret_is_not_in_a_repr() -> None:
    client = RegisteredClient(CLIENT_ID, SECRET, SCOPE, [REDIRECT])

    assert SECRET not in repr(client)
    assert client.secret_matches(SECRET)
    assert not client.secret_matches(SECRET[:-1])


# --- personas, configuration, state -------------------------------------------------------------------------------


async def test_personas_endpoint_lists_the_spec_personas(client: httpx.AsyncClient) -> None:
    answer = await client.get("/personas")

    assert answer.status_code == 200
    listed = answer.json()
    assert [entry["id"] for entry in listed] == list(SPEC_PERSONAS)
    for entry in listed:
        identify = SPEC_PERSONAS[entry["id"]]["identify"]
        assert entry["label"] == SPEC_PERSONAS[entry["id"]]["label"]
        for key in ("pin", "full_name", "user_type", "auth_method"):
            assert entry[key] == identify.get(key)  # older answers have no auth_method: listed as null


@pytest.mark.parametrize(
    ("redirect_uris", "message"),
    [
        ([], "at least one redirect URI"),
        (["/relative"], "absolute http(s) URL"),
        (["ftp://example.uz/cb"], "absolute http(s) URL"),
        (["https://example.uz/cb#frag"], "fragment"),
    ],
)
def test_registered_client_is_checked(redirect_uris: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        RegisteredClient(CLIENT_ID, SECRET, SCOPE, redirect_uris)


def test_app_needs_a_client_and_unique_ids() -> None:
    with pytest.raises(ValueError, match="at least one registered client"):
        create_app([])
    with pytest.raises(ValueError, match="registered twice"):
        create_app([RegisteredClient("a", "s", "a", [REDIRECT]), RegisteredClient("a", "t", "a", [REDIRECT])])


def test_state_is_bounded_and_drops_expired_entries(clock: FakeClock) -> None:
    state = EmulatorState(max_codes=3, max_sessions=2, clock=clock)
    codes = [state.issue_code(state.new_login(client_id="c", persona_id="p", redirect_uri=REDIRECT)) for _ in range(5)]
    assert state.code_count == 3

    state.exchange_code(codes[-1], client_id="c", redirect_uri=REDIRECT)
    state.exchange_code(codes[-2], client_id="c", redirect_uri=REDIRECT)
    clock.now += 61
    state.issue_code(state.new_login(client_id="c", persona_id="p", redirect_uri=REDIRECT))

    assert state.code_count == 1
    assert state.session_count == 2
    clock.now += 3600
    state.issue_code(state.new_login(client_id="c", persona_id="p", redirect_uri=REDIRECT))
    assert state.session_count == 0


def test_concurrent_exchanges_of_one_code_open_one_session(clock: FakeClock) -> None:
    state = EmulatorState(clock=clock)
    code = state.issue_code(state.new_login(client_id="c", persona_id="p", redirect_uri=REDIRECT))
    opened: list[str] = []
    barrier = threading.Barrier(16)

    def exchange() -> None:
        barrier.wait()
        try:
            opened.append(state.exchange_code(code, client_id="c", redirect_uri=REDIRECT).access_token)
        except CodeRefusedError:
            pass

    threads = [threading.Thread(target=exchange) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(opened) == 1


async def test_concurrent_requests_on_one_app(client: httpx.AsyncClient) -> None:
    tokens = await asyncio.gather(*(_login(client, persona) for persona in SPEC_PERSONAS for _ in range(5)))
    bodies = await asyncio.gather(*(_identify(client, token) for token in tokens))

    assert len(set(tokens)) == len(tokens)
    assert all(body["ret_cd"] == "0" for body in bodies)


# --- the SDK against the emulator, in process (the pattern for users' own tests) ------------------------------------


async def test_async_client_logs_in_against_the_emulator_in_process(clock: FakeClock) -> None:
    settings = OneIDSettings(
        one_id_sso_url="http://emulator.test" + SSO,
        one_id_client_id=CLIENT_ID,
        one_id_client_secret=SECRET,
        one_id_scope=SCOPE,
        one_id_allowed_redirect_uris=[REDIRECT],
        one_id_emulator_mode=True,
    )
    transport = httpx.ASGITransport(app=create_app(_clients(), clock=clock))
    async with httpx.AsyncClient(transport=transport) as http, AsyncOneIDClient(settings, http_client=http) as oneid:
        browser = await http.get(
            oneid.authorization_url(redirect_uri=REDIRECT, state="in-process") + "&persona=individual"
        )
        code = parse_qs(urlsplit(browser.headers["location"]).query)["code"][0]

        token = await oneid.exchange_code(code=code, redirect_uri=REDIRECT)
        user = await oneid.identify(access_token=token.access_token)
        logout = await oneid.log_out(access_token=token.access_token)

        assert token.expires_in == int((clock.now + 3600) * 1000)
        assert user.pin == SPEC_PERSONAS["individual"]["identify"]["pin"]
        assert user.valid is True
        assert user.validation_method == ["MOBILEMETHOD"]
        assert logout.ret_cd == "0"
        with pytest.raises(OneIDUserInfoError):
            await oneid.identify(access_token=token.access_token)
