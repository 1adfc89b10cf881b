"""Configuring the emulator from ``ONEID_EMULATOR_*`` variables and the command line."""

from __future__ import annotations

import importlib
import logging
import os
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from oneid_sdk.emulator import EmulatorSettings, create_app_from_env
from oneid_sdk.settings import OneIDSettings

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


@pytest.mark.parametrize(
    ("host", "warned"),
    [
        ("127.0.0.1", False),
        ("127.1", False),
        ("localhost", False),
        ("::1", False),
        ("0.0.0.0", True),
        ("::", True),
        ("192.0.2.10", True),
    ],
)
def test_listening_beyond_loopback_is_warned_about(
    served: dict[str, Any], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, host: str, warned: bool
) -> None:
    """The check is the SDK's own loopback check, except that the unspecified address listens everywhere."""
    monkeypatch.setenv("ONEID_EMULATOR_CLIENT_SECRET", SECRET)
    with caplog.at_level(logging.WARNING, logger="oneid_sdk.emulator"):
        cli.main(["--client-id", "demo", "--host", host, "--redirect-uri", "http://127.0.0.1:8000/one-id/access"])
    warnings = [
        record.getMessage() for record in caplog.records if "reachable from other machines" in record.getMessage()
    ]
    assert served["host"] == host
    assert len(warnings) == (1 if warned else 0)


@pytest.mark.parametrize(
    ("raw", "parsed"),
    [
        ("https://a.example.uz/cb, https://b.example.uz/cb ,", ["https://a.example.uz/cb", "https://b.example.uz/cb"]),
        (
            '[" https://a.example.uz/cb ", "", "https://b.example.uz/cb"]',
            ["https://a.example.uz/cb", "https://b.example.uz/cb"],
        ),
        ("  https://a.example.uz/cb  ", ["https://a.example.uz/cb"]),
    ],
)
def test_the_emulator_and_the_settings_read_redirect_uris_alike(
    monkeypatch: pytest.MonkeyPatch, raw: str, parsed: list[str]
) -> None:
    monkeypatch.setenv("ONEID_EMULATOR_CLIENT_ID", "portal")
    monkeypatch.setenv("ONEID_EMULATOR_CLIENT_SECRET", SECRET)
    monkeypatch.setenv("ONEID_EMULATOR_REDIRECT_URIS", raw)
    emulator = EmulatorSettings()
    settings = OneIDSettings(
        one_id_client_id="portal",
        one_id_client_secret=SECRET,
        one_id_scope="portal",
        one_id_allowed_redirect_uris=raw,
        one_id_default_redirect_uri="https://a.example.uz/cb",
    )
    assert emulator.redirect_uris == settings.one_id_allowed_redirect_uris == parsed


@pytest.mark.parametrize("raw", ['["https://a.example.uz/cb", 7]', '["https://a.example.uz/cb", null]', "[not json"])
def test_the_emulator_and_the_settings_refuse_the_same_malformed_lists(
    monkeypatch: pytest.MonkeyPatch, raw: str
) -> None:
    monkeypatch.setenv("ONEID_EMULATOR_CLIENT_ID", "portal")
    monkeypatch.setenv("ONEID_EMULATOR_CLIENT_SECRET", SECRET)
    monkeypatch.setenv("ONEID_EMULATOR_REDIRECT_URIS", raw)
    with pytest.raises(ValidationError) as emulator_error:
        EmulatorSettings()
    with pytest.raises(ValidationError) as settings_error:
        OneIDSettings(
            one_id_client_id="portal",
            one_id_client_secret=SECRET,
            one_id_scope="portal",
            one_id_allowed_redirect_uris=raw,
        )
    assert "ONEID_EMULATOR_REDIRECT_URIS" in str(emulator_error.value)
    assert "ONE_ID_ALLOWED_REDIRECT_URIS" in str(settings_error.value)
    assert SECRET not in str(emulator_error.value) + str(settings_error.value)
