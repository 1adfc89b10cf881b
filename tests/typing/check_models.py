# pyright: reportUnnecessaryTypeIgnoreComment=error
"""The models of OneID's answers: each field's type as users see it, and the reads that must not type-check."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, assert_type

from oneid_sdk import AuthMethod, LegalInfo, LogoutResponse, TokenResponse, UnknownValue, UserInfo, UserType


def token_fields(body: dict[str, Any]) -> None:
    token = TokenResponse.model_validate(body)
    assert_type(token, TokenResponse)
    assert_type(token.access_token, str)
    assert_type(token.refresh_token, str | None)
    assert_type(token.token_type, str | None)
    assert_type(token.scope, str | None)
    assert_type(token.expires_in, int | None)
    assert_type(token.expires_at, datetime | None)
    assert_type(token.received_at, datetime)


def user_fields(body: dict[str, Any]) -> None:
    user = UserInfo.model_validate(body)
    assert_type(user, UserInfo)
    assert_type(user.pin, str)
    assert_type(user.valid, bool | None)
    assert_type(user.validation_method, list[str] | None)
    assert_type(user.user_id, str | None)
    assert_type(user.full_name, str | None)
    assert_type(user.sur_name, str | None)
    assert_type(user.first_name, str | None)
    assert_type(user.mid_name, str | None)
    assert_type(user.pport_no, str | None)
    assert_type(user.sess_id, str | None)
    assert_type(user.ret_cd, str | None)
    assert_type(user.pkcs_legal_tin, str | None)
    assert_type(user.legal_info, list[LegalInfo] | None)
    # Enums whose unknown values are kept as the string OneID sent.
    assert_type(user.user_type, UserType | UnknownValue | None)
    assert_type(user.auth_method, AuthMethod | UnknownValue | None)
    if isinstance(user.auth_method, AuthMethod):
        assert_type(user.auth_method, AuthMethod)
    elif user.auth_method is not None:
        assert_type(user.auth_method, UnknownValue)
    assert_type(user.birth_date, date | None)
    assert_type(user.birth_date_raw, str | None)
    # The older extended field set.
    assert_type(user.email, str | None)
    assert_type(user.mob_phone_no, str | None)
    assert_type(user.tin, str | None)
    assert_type(user.pport_issue_date, str | None)
    assert_type(user.alt_pport_issue_date, str | None)
    # Helpers.
    assert_type(user.display_name, str | None)
    assert_type(user.selected_organisation, LegalInfo | None)
    assert_type(user.is_legal_entity_login, bool)
    for organisation in user.legal_info or []:
        assert_type(organisation, LegalInfo)
        assert_type(organisation.is_basic, bool | None)
        assert_type(organisation.tin, str | None)
        assert_type(organisation.le_tin, str | None)
        assert_type(organisation.le_name, str | None)
        assert_type(organisation.acron_UZ, str | None)
    assert_type(user.model_extra, dict[str, Any] | None)


def logout_fields(body: dict[str, Any]) -> None:
    answer = LogoutResponse.model_validate(body)
    assert_type(answer.ret_cd, str | None)


def takes_str(value: str) -> None: ...


def takes_bool(value: bool) -> None: ...


def takes_int(value: int) -> None: ...


def takes_organisation(value: LegalInfo) -> None: ...


def takes_user_type(value: UserType) -> None: ...


def takes_datetime(value: datetime) -> None: ...


def model_misuse(user: UserInfo, token: TokenResponse, organisation: LegalInfo) -> None:
    takes_str(user.valid)  # type: ignore[arg-type]
    takes_bool(user.valid)  # type: ignore[arg-type]
    takes_str(organisation.is_basic)  # type: ignore[arg-type]
    takes_str(user.full_name)  # type: ignore[arg-type]
    takes_str(user.validation_method)  # type: ignore[arg-type]
    takes_int(user.ret_cd)  # type: ignore[arg-type]
    takes_str(token.expires_in)  # type: ignore[arg-type]
    takes_int(token.expires_in)  # type: ignore[arg-type]
    takes_organisation(user.legal_info[0])  # type: ignore[index]
    for _ in user.legal_info:  # type: ignore[union-attr]
        pass
    takes_str(user.birthday)  # type: ignore[attr-defined]
    takes_user_type(user.user_type)  # type: ignore[arg-type]
    takes_str(user.birth_date)  # type: ignore[arg-type]
    takes_datetime(token.expires_in)  # type: ignore[arg-type]
    takes_datetime(token.expires_at)  # type: ignore[arg-type]
    takes_organisation(user.selected_organisation)  # type: ignore[arg-type]
    takes_bool(user.is_legal_entity_login())  # type: ignore[operator]
    UserInfo(full_name="X")  # type: ignore[call-arg]
    TokenResponse(scope="s")  # type: ignore[call-arg]
