# Generated from spec/oneid.yaml by `python -m generator`. Do not edit; change the spec or the templates.
"""Models of the answers OneID sends, from the spec's ``schemas``."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from oneid_sdk._quirks import BlankIsAbsent, CodeString, LooseInt, OneIDModel, OneOrMany, StringBool

__all__ = ["LegalInfo", "LogoutResponse", "TokenResponse", "UserInfo"]


class TokenResponse(OneIDModel):
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
    Seen as an absolute expiry in epoch milliseconds (not a duration in seconds); older samples suggest seconds.
    """


class UserInfo(OneIDModel):
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
    birth_date: BlankIsAbsent | None = None
    """
    Date of birth, YYYY-MM-DD.
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
    user_type: BlankIsAbsent | None = None
    """
    "I" for an individual, "L" for a legal entity.
    """
    sess_id: BlankIsAbsent | None = None
    """
    OneID session id (a UUID).
    """
    ret_cd: CodeString | None = None
    """
    Result code; "0" is success.
    """
    auth_method: BlankIsAbsent | None = None
    """
    How the user signed in (LOGINPASSMETHOD, MOBILEMETHOD, PKCSMETHOD, LEPKCSMETHOD).
    """
    pkcs_legal_tin: BlankIsAbsent | None = None
    """
    TIN of the organisation whose legal-entity key signed in; only with LEPKCSMETHOD.
    """
    legal_info: OneOrMany[LegalInfo] | None = None
    """
    Organisations linked to the person.
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
    Result code; "0" or absent is success.
    """
