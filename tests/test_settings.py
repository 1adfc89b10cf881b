"""OneIDSettings read from the environment and from a ``.env`` file, as the README's quick start describes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pydantic import ValidationError

from oneid_sdk import OneIDSettings

DOTENV = """\
ONE_ID_CLIENT_ID=myportal
ONE_ID_CLIENT_SECRET=dotenv-secret
ONE_ID_CLIENT_SCOPE=myportal-scope
ONE_ID_ALLOWED_REDIRECT_URIS=https://backend.example.uz/one-id/access, https://app.example.uz/auth/oneid/callback
ONE_ID_DEFAULT_REDIRECT_URI=https://app.example.uz/auth/oneid/callback
ONE_ID_TIMEOUT=2.5
ONE_ID_STATE_TTL=120
"""


@pytest.fixture
def in_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder of its own and no ONE_ID_* variable in the environment."""
    monkeypatch.chdir(tmp_path)
    for name in [name for name in os.environ if name.upper().startswith("ONE_ID_")]:
        monkeypatch.delenv(name)
    return tmp_path


def test_settings_come_from_a_dotenv_file(in_empty_folder: Path) -> None:
    (in_empty_folder / ".env").write_text(DOTENV, encoding="utf-8")

    settings = OneIDSettings()

    assert settings.one_id_sso_url == "https://sso.egov.uz/sso/oauth/Authorization.do"
    assert settings.one_id_client_id == "myportal"
    assert settings.one_id_client_secret.get_secret_value() == "dotenv-secret"
    assert settings.one_id_scope == "myportal-scope"
    assert settings.redirect_policy.allowed == (
        "https://backend.example.uz/one-id/access",
        "https://app.example.uz/auth/oneid/callback",
    )
    assert settings.redirect_policy.default == "https://app.example.uz/auth/oneid/callback"
    assert (settings.one_id_timeout, settings.one_id_state_ttl) == (2.5, 120)
    assert "dotenv-secret" not in repr(settings)


def test_environment_variables_win_over_the_dotenv_file(in_empty_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (in_empty_folder / ".env").write_text(DOTENV, encoding="utf-8")
    monkeypatch.setenv("ONE_ID_CLIENT_ID", "from-environment")
    monkeypatch.setenv("ONE_ID_ALLOWED_REDIRECT_URIS", '["https://only.example.uz/cb"]')
    monkeypatch.setenv("ONE_ID_DEFAULT_REDIRECT_URI", "https://only.example.uz/cb")

    settings = OneIDSettings()

    assert settings.one_id_client_id == "from-environment"
    assert settings.redirect_policy.allowed == ("https://only.example.uz/cb",)


def test_a_missing_setting_is_named_and_the_secret_is_not_shown(in_empty_folder: Path) -> None:
    (in_empty_folder / ".env").write_text(DOTENV.replace("ONE_ID_CLIENT_ID=myportal\n", ""), encoding="utf-8")

    with pytest.raises(ValidationError) as raised:
        OneIDSettings()

    assert "one_id_client_id" in str(raised.value)
    assert "dotenv-secret" not in str(raised.value)


def test_emulator_mode_is_refused_against_egov_uz(in_empty_folder: Path) -> None:
    (in_empty_folder / ".env").write_text(DOTENV + "ONE_ID_EMULATOR_MODE=true\n", encoding="utf-8")

    with pytest.raises(ValidationError, match="ONE_ID_EMULATOR_MODE"):
        OneIDSettings()
