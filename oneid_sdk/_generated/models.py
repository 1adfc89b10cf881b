# Generated from spec/oneid.yaml by `python -m generator`. Do not edit: change the spec.
"""Models of the answers OneID sends, from the spec's ``schemas``."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, Field

from oneid_sdk._model_helpers import TokenResponseHelpers, UserInfoHelpers
from oneid_sdk._quirks import (
    BlankIsAbsent,
    CodeString,
    DateOrRaw,
    LooseInt,
    OneIDModel,
    OneOrMany,
    OpenEnum,
    StringBool,
)

__all__ = ["AuthMethod", "LegalInfo", "LogoutResponse", "TokenResponse", "UserInfo", "UserType"]


class TokenResponse(TokenResponseHelpers):
    """
    The answer to `exchange_code`. Tokens are opaque strings (UUIDs in practice), never JWTs.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    access_token: Annotated[str, Field(min_length=1)]
    """
    Opaque token for `identify` and `log_out`.
    """
    refresh_token: BlankIsAbsent | None = None
    """
    Opaque; OneID documents no way to redeem it.
    """
    token_type: BlankIsAbsent | None = None
    """
    "Bearer" or "bearer"; compare without case.
    """
    scope: BlankIsAbsent | None = None
    """
    The client's scope.
    """
    expires_in: LooseInt | None = None
    """
    When the token expires, as OneID sent it: seen as an absolute instant in epoch milliseconds, while older samples
    suggest a duration in seconds. Read `expires_at` instead.
    """


class UserType(StrEnum):
    """
    The kind of account (`user_type`).
    """

    INDIVIDUAL = "I"
    """
    An individual (jismoniy shaxs).
    """
    LEGAL_ENTITY = "L"
    """
    A legal entity (yuridik shaxs).
    """


class AuthMethod(StrEnum):
    """
    How the user signed in (`auth_method`). OneID may add methods (a QR login is mentioned).
    """

    LOGINPASSMETHOD = "LOGINPASSMETHOD"
    """
    Login and password.
    """
    MOBILEMETHOD = "MOBILEMETHOD"
    """
    Mobile-ID (a phone-based identity check).
    """
    PKCSMETHOD = "PKCSMETHOD"
    """
    The person's own e-signature key (E-IMZO).
    """
    LEPKCSMETHOD = "LEPKCSMETHOD"
    """
    A legal entity's e-signature key; `pkcs_legal_tin` names the organisation.
    """


class LegalInfo(OneIDModel):
    """
    One organisation linked to the user.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    is_basic: StringBool | None = None
    """
    The organisation selected at login (the basic one).
    """
    tin: BlankIsAbsent | None = None
    """
    Organisation TIN (9 digits).
    """
    le_tin: BlankIsAbsent | None = None
    """
    Legal-entity TIN (9 digits).
    """
    le_name: BlankIsAbsent | None = None
    """
    Full name of the legal entity.
    """
    acron_UZ: BlankIsAbsent | None = None
    """
    Short name of the legal entity in Uzbek.
    """


class UserInfo(UserInfoHelpers):
    """
    The answer to `identify`: who signed in, and how.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    valid: StringBool | None = None
    """
    Whether the account is verified (by e-signature or Mobile-ID).
    """
    validation_method: OneOrMany[str] | None = None
    """
    How the account was verified, e.g. ["PKCSMETHOD"] or ["MOBILEMETHOD"].
    """
    pin: Annotated[str, Field(min_length=1)]
    """
    Personal identification number (PINFL, 14 digits); the stable key of a person.
    """
    user_id: BlankIsAbsent | None = None
    """
    The person's OneID login name.
    """
    full_name: BlankIsAbsent | None = None
    """
    Full name, upper-case Latin, in the order SURNAME FIRSTNAME PATRONYMIC.
    """
    pport_no: BlankIsAbsent | None = None
    """
    Passport or ID card series and number.
    """
    birth_date: DateOrRaw | None = None
    """
    Date of birth.
    """
    sur_name: BlankIsAbsent | None = None
    """
    Family name (surname).
    """
    first_name: BlankIsAbsent | None = None
    """
    Given name.
    """
    mid_name: BlankIsAbsent | None = None
    """
    Patronymic; may be empty or absent.
    """
    user_type: OpenEnum[UserType] | None = None
    """
    The kind of account that signed in.
    """
    sess_id: BlankIsAbsent | None = None
    """
    OneID session id (a UUID).
    """
    ret_cd: CodeString | None = None
    """
    Result code; "0" is success (any other value is raised as `OneIDUserInfoError`).
    """
    auth_method: OpenEnum[AuthMethod] | None = None
    """
    How the user signed in this time; absent from older answers.
    """
    pkcs_legal_tin: BlankIsAbsent | None = None
    """
    TIN of the organisation whose legal-entity key signed in; only with LEPKCSMETHOD.
    """
    legal_info: OneOrMany[LegalInfo] | None = None
    """
    Organisations linked to the person.
    """
    email: BlankIsAbsent | None = None
    """
    E-mail address (older answers).
    """
    mob_phone_no: BlankIsAbsent | None = None
    """
    Mobile phone number, +998XXXXXXXXX (older answers).
    """
    tin: BlankIsAbsent | None = None
    """
    The person's own TIN (taxpayer number, 9 digits) (older answers).
    """
    gd: BlankIsAbsent | None = None
    """
    Gender code, "1" or "2" (1 is male; 2 presumably female) (older answers).
    """
    natn: BlankIsAbsent | None = None
    """
    Nationality, Cyrillic upper case (older answers).
    """
    ctzn: BlankIsAbsent | None = None
    """
    Citizenship, Cyrillic upper case (older answers).
    """
    per_adr: BlankIsAbsent | None = None
    """
    Permanent address, free text (older answers).
    """
    tem_adr: BlankIsAbsent | None = None
    """
    Temporary address, free text (older answers).
    """
    birth_place: BlankIsAbsent | None = None
    """
    Place of birth (older answers).
    """
    birth_cntry: BlankIsAbsent | None = None
    """
    Country of birth (older answers).
    """
    pport_issue_place: BlankIsAbsent | None = None
    """
    Office that issued the passport (older answers).
    """
    pport_issue_date: BlankIsAbsent | None = None
    """
    Passport issue date (older answers).
    """
    pport_expr_date: BlankIsAbsent | None = None
    """
    Passport expiry date (older answers).
    """
    alt_pport_issue_date: Annotated[BlankIsAbsent | None, Field(alias="_pport_issue_date")] = None
    """
    Passport issue date, the second spelling (older answers).
    """
    alt_pport_expr_date: Annotated[BlankIsAbsent | None, Field(alias="_pport_expr_date")] = None
    """
    Passport expiry date, the second spelling (older answers).
    """


class LogoutResponse(OneIDModel):
    """
    The answer to `log_out`.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    ret_cd: CodeString | None = None
    """
    Result code; "0" is success (an answer without it does not confirm the logout).
    """
