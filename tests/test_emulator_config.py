"""Configuring the emulator from ``ONEID_EMULATOR_*`` variables and the command line."""

from __future__ import annotations

import importlib
import os
from typing import Any

import httpx
import pytest

from oneid_sdk.emulator import EmulatorSettings, create_app_from_env

cli = importlib.import_module("oneid_sdk.emulator.__main__")

SECRET = "config-test-secret-987654"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("ONEID_EMULATOR_"):
            monkeypatch.delenv(name)


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Replace ``uvicorn.run`` and record what it was asked to serve."""
    calls: dict[str, Any] = {}

    def fake_run(app: Any, **options: Any) -> None:
        calls["app"] = app
        calls.update(options)

    monkeypatch.setattr(cli.uvicorn, "run", fake_run)
    return calls


@pytest.mark.parametrize(
    "redirect_uris",
    ["http://127.0.0.1:8000/a, http://127.0.0.1:8000/b", '["http://127.0.0.1:8000/a", "http://127.0.0.1:8000/b"]'],
)
def test_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch, redirect_uris: str) -> None:
    monkeypatch.setenv("ONEID_EMULATOR_CLIENT_ID", "env-client")
    monkeypatch.setenv("ONEID_EMULATOR_CLIENT_SECRET", SECRET)
    monkeypatch.setenv("ONEID_EMULATOR_REDIRECT_URIS", redirect_uris)
    monkeypatch.setenv("ONEID_EMULATOR_CODE_TTL", "5")

    settings = EmulatorSettings()

    client = settings.registered_client()
    assert (settings.host, settings.port, settings.code_ttl) == ("127.0.0.1", 8765, 5.0)
    assert client.client_id == "env-client"
    assert client.scope == "env-client"
    assert client.redirect_uris == ("http://127.0.0.1:8000/a", "http://127.0.0.1:8000/b")
    assert client.secret_matches(SECRET)
    assert SECRET not in repr(settings)


async def test_app_from_the_environment_serves_the_client(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONEID_EMULATOR_CLIENT_ID", "env-client")
    monkeypatch.setenv("ONEID_EMULATOR_CLIENT_SECRET", SECRET)
    monkeypatch.setenv("ONEID_EMULATOR_SCOPE", "env-scope")
    monkeypatch.setenv("ONEID_EMULATOR_REDIRECT_URIS", "http://127.0.0.1:8000/one-id/access")
    params = {
        "response_type": "one_code",
        "client_id": "env-client",
        "redirect_uri": "http://127.0.0.1:8000/one-id/access",
        "scope": "env-scope",
        "state": "s",
        "persona": "individual",
    }

    transport = httpx.ASGITransport(app=create_app_from_env())
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator.test") as http:
        answer = await http.get("/sso/oauth/Authorization.do", params=params)

    assert answer.status_code == 302


def test_command_line_runs_uvicorn_on_loopback(served: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONEID_EMULATOR_CLIENT_SECRET", SECRET)
    monkeypatch.setenv("ONEID_EMULATOR_CLIENT_ID", "from-env")

    cli.main(["--client-id", "demo", "--port", "9911", "--redirect-uri", "http://127.0.0.1:8000/one-id/access"])

    assert served["host"] == "127.0.0.1"
    assert served["port"] == 9911
    assert served["access_log"] is False
    state = served["app"].state.emulator
    assert state.code_ttl == 60.0


def test_command_line_option_wins_over_the_environment(served: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONEID_EMULATOR_CLIENT_SECRET", SECRET)
    monkeypatch.setenv("ONEID_EMULATOR_REDIRECT_URIS", "http://127.0.0.1:8000/from-env")
    monkeypatch.setenv("ONEID_EMULATOR_CODE_TTL", "30")

    cli.main(["--client-id", "demo", "--code-ttl", "7", "--redirect-uri", "http://127.0.0.1:8000/from-cli"])

    assert served["app"].state.emulator.code_ttl == 7.0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--client-secret", SECRET, "--redirect-uri", "http://127.0.0.1/cb"],
            "--client-id (ONEID_EMULATOR_CLIENT_ID)",
        ),
        (["--client-id", "demo", "--client-secret", SECRET], "--redirect-uri (ONEID_EMULATOR_REDIRECT_URIS)"),
        (["--client-id", "demo", "--redirect-uri", "http://127.0.0.1/cb"], "--client-secret"),
        (["--client-id", "demo", "--client-secret", SECRET, "--redirect-uri", "/relative"], "absolute http(s) URL"),
        (
            ["--client-id", "demo", "--client-secret", SECRET, "--redirect-uri", "http://x/cb", "--port", "70000"],
            "port",
        ),
    ],
)
def test_command_line_errors_name_the_option_and_hide_the_secret(
    served: dict[str, Any], capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(argv)

    assert exited.value.code == 2
    assert "app" not in served
    error = capsys.readouterr().err
    assert message in error
    assert SECRET not in error
