"""The emulator as users run it: ``python -m oneid_sdk.emulator`` under uvicorn, driven over real HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from oneid_sdk._generated.client import AsyncOneIDClient, OneIDClient
from oneid_sdk.errors import OneIDTokenExchangeError, OneIDUserInfoError
from oneid_sdk.settings import OneIDSettings

HOST = "127.0.0.1"
CLIENT_ID = "server-test"
SECRET = "server-test-secret-0123456789"
SCOPE = "server-test-scope"
REDIRECT = "http://127.0.0.1:8000/one-id/access"
SECOND_REDIRECT = "http://127.0.0.1:8000/api/one-id/access"
SSO_PATH = "/sso/oauth/Authorization.do"


@dataclass(frozen=True)
class RunningEmulator:
    base_url: str
    log: Path

    @property
    def sso_url(self) -> str:
        return self.base_url + SSO_PATH


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningEmulator]:
    port = _free_port()
    log = tmp_path_factory.mktemp("emulator") / "emulator.log"
    argv = [sys.executable, "-m", "oneid_sdk.emulator", "--host", HOST, "--port", str(port)]
    argv += ["--client-id", CLIENT_ID, "--scope", SCOPE, "--redirect-uri", REDIRECT, "--redirect-uri", SECOND_REDIRECT]
    # The secret comes from the environment, as the emulator's help recommends.
    env = {**os.environ, "ONEID_EMULATOR_CLIENT_SECRET": SECRET}
    base_url = f"http://{HOST}:{port}"
    with log.open("wb") as output:
        process = subprocess.Popen(argv, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 30
            while True:
                if process.poll() is not None:
                    pytest.fail(f"the emulator exited with {process.returncode}:\n{log.read_text(errors='replace')}")
                try:
                    if httpx.get(base_url + "/personas", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(f"the emulator did not start:\n{log.read_text(errors='replace')}")
                time.sleep(0.1)
            yield RunningEmulator(base_url=base_url, log=log)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _code_from(location: str, *, state: str) -> str:
    parts = urlsplit(location)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == REDIRECT
    query = parse_qs(parts.query)
    assert query["state"] == [state]
    return query["code"][0]


def test_whole_login_over_http(emulator: RunningEmulator) -> None:
    with httpx.Client(base_url=emulator.base_url, timeout=5) as http:
        authorize = {
            "response_type": "one_code",
            "client_id": CLIENT_ID,
            "redirect_uri": REDIRECT,
            "scope": SCOPE,
            "state": "over-http",
        }
        page = http.get(SSO_PATH, params=authorize)
        assert page.status_code == 200
        assert 'value="legal-entity"' in page.text
        chosen = http.post("/emulator/login", data={**authorize, "persona": "legal-entity"})
        assert chosen.status_code == 303
        code = _code_from(chosen.headers["location"], state="over-http")

        credentials = {"client_id": CLIENT_ID, "client_secret": SECRET}
        token = http.post(
            SSO_PATH,
            data={"grant_type": "one_authorization_code", **credentials, "redirect_uri": REDIRECT, "code": code},
        ).json()
        assert token["token_type"] == "Bearer"
        assert token["expires_in"] > time.time() * 1000
        session = {**credentials, "access_token": token["access_token"], "scope": SCOPE}
        user = http.post(SSO_PATH, data={"grant_type": "one_access_token_identify", **session}).json()
        assert user["pin"] == "31503780000033"
        assert user["ret_cd"] == "0"
        assert http.post(SSO_PATH, data={"grant_type": "one_log_out", **session}).json() == {"ret_cd": "0"}
        assert http.post(SSO_PATH, data={"grant_type": "one_access_token_identify", **session}).json()["ret_cd"] == "1"

    assert SECRET not in emulator.log.read_text(errors="replace")


def test_unregistered_redirect_uri_is_not_followed(emulator: RunningEmulator) -> None:
    params = {
        "response_type": "one_code",
        "client_id": CLIENT_ID,
        "redirect_uri": "http://127.0.0.1:9999/steal",
        "scope": SCOPE,
        "state": "s",
        "persona": "individual",
    }

    answer = httpx.get(emulator.sso_url, params=params, timeout=5)

    assert answer.status_code == 400
    assert "location" not in answer.headers


def _sdk_settings(emulator: RunningEmulator) -> OneIDSettings:
    return OneIDSettings(
        one_id_sso_url=emulator.sso_url,
        one_id_client_id=CLIENT_ID,
        one_id_client_secret=SECRET,
        one_id_scope=SCOPE,
        one_id_allowed_redirect_uris=[REDIRECT],
        one_id_emulator_mode=True,
    )


async def test_whole_login_with_the_async_client(emulator: RunningEmulator) -> None:
    async with AsyncOneIDClient(_sdk_settings(emulator)) as oneid:
        url = oneid.authorization_url(redirect_uri=REDIRECT, state="async-state")
        async with httpx.AsyncClient(timeout=5) as browser:
            answer = await browser.get(url + "&persona=legal-entity")
        assert answer.status_code == 302
        code = _code_from(answer.headers["location"], state="async-state")

        token = await oneid.exchange_code(code=code, redirect_uri=REDIRECT)
        user = await oneid.identify(access_token=token.access_token)
        assert user.pin == "31503780000033"
        assert user.valid is True
        assert user.pkcs_legal_tin == "300000033"
        assert user.legal_info is not None
        assert [entry.is_basic for entry in user.legal_info] == [True, False]
        assert user.ret_cd == "0"

        with pytest.raises(OneIDTokenExchangeError):
            await oneid.exchange_code(code=code, redirect_uri=REDIRECT)
        # The replay ended the session opened with that code.
        with pytest.raises(OneIDUserInfoError):
            await oneid.identify(access_token=token.access_token)


def test_whole_login_with_the_sync_client(emulator: RunningEmulator) -> None:
    with OneIDClient(_sdk_settings(emulator)) as oneid:
        url = oneid.authorization_url(redirect_uri=REDIRECT, state="sync-state")
        answer = httpx.get(url + "&persona=unverified", timeout=5)
        code = _code_from(answer.headers["location"], state="sync-state")

        token = oneid.exchange_code(code=code, redirect_uri=REDIRECT)
        user = oneid.identify(access_token=token.access_token)
        assert user.pin == "61207990000055"
        assert user.valid is False
        assert user.legal_info is None

        logout = oneid.log_out(access_token=token.access_token)
        assert logout.ret_cd == "0"
        with pytest.raises(OneIDUserInfoError):
            oneid.identify(access_token=token.access_token)
