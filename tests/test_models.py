"""The generated models read every answer OneID really sends, and their helpers answer what applications ask.

Bodies are parsed with ``model_validate``, as the clients do; ``tests/test_client.py`` covers the same quirks over
the wire.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
import yaml

from oneid_sdk import _model_helpers
from oneid_sdk._generated import models
from oneid_sdk._generated.client import AsyncOneIDClient, OneIDClient
from oneid_sdk._generated.models import AuthMethod, LegalInfo, LogoutResponse, TokenResponse, UserInfo, UserType
from oneid_sdk._generated.personas import PERSONAS
from oneid_sdk._model_helpers import RECEIVED_AT, TokenResponseHelpers, UserInfoHelpers
from oneid_sdk._quirks import OneIDModel, UnknownValue
from oneid_sdk.emulator import RegisteredClient, create_app
from oneid_sdk.settings import OneIDSettings

SPEC = Path(__file__).resolve().parent.parent / "spec" / "oneid.yaml"
PIN = "30101850000011"
RECEIVED = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
SPEC_SCHEMAS: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))["schemas"]


def user(**fields: object) -> UserInfo:
    return UserInfo.model_validate({"pin": PIN, **fields})


def token(expires_in: object, *, received_at: datetime = RECEIVED) -> TokenResponse:
    return TokenResponse.model_validate(
        {"access_token": "t", "expires_in": expires_in}, context={RECEIVED_AT: received_at}
    )


def optional_fields(model: type[OneIDModel]) -> list[str]:
    """The wire names of the model's optional fields."""
    return [field.alias or name for name, field in model.model_fields.items() if not field.is_required()]


def attribute(model: type[OneIDModel], wire_name: str) -> str:
    return next(name for name, field in model.model_fields.items() if (field.alias or name) == wire_name)


# --- the spec's shape ------------------------------------------------------------------------------------------------


def test_every_model_extends_the_quirk_aware_base() -> None:
    for name in models.__all__:
        cls = getattr(models, name)
        if issubclass(cls, UserType | AuthMethod):
            continue
        assert issubclass(cls, OneIDModel), name
    assert issubclass(TokenResponse, TokenResponseHelpers)
    assert issubclass(UserInfo, UserInfoHelpers)


def test_only_pin_is_required_of_a_user_and_only_access_token_of_a_token() -> None:
    assert [name for name, field in UserInfo.model_fields.items() if field.is_required()] == ["pin"]
    assert [name for name, field in TokenResponse.model_fields.items() if field.is_required()] == ["access_token"]
    assert not any(field.is_required() for field in LegalInfo.model_fields.values())
    assert not any(field.is_required() for field in LogoutResponse.model_fields.values())


def test_the_older_extended_fields_are_optional_fields_of_the_user() -> None:
    older = ["email", "mob_phone_no", "tin", "gd", "natn", "ctzn", "per_adr", "tem_adr", "birth_place", "birth_cntry"]
    passport = ["pport_issue_place", "pport_issue_date", "pport_expr_date", "_pport_issue_date", "_pport_expr_date"]

    assert set(older + passport) <= set(optional_fields(UserInfo))


# --- absent, blank, null, malformed ----------------------------------------------------------------------------------


@pytest.mark.parametrize("sent", ["absent", "", None])
@pytest.mark.parametrize(
    ("model", "required"), [(UserInfo, {"pin": PIN}), (TokenResponse, {"access_token": "t"}), (LegalInfo, {})]
)
def test_every_optional_field_may_be_absent_blank_or_null(
    model: type[OneIDModel], required: dict[str, object], sent: object
) -> None:
    for wire_name in optional_fields(model):
        body = dict(required) if sent == "absent" else {**required, wire_name: sent}

        parsed = model.model_validate(body)

        assert getattr(parsed, attribute(model, wire_name)) is None, wire_name


@pytest.mark.parametrize("malformed", [{"nested": "object"}, 12.5, ["a", {"b": 1}], True])
def test_a_malformed_optional_field_is_read_as_absent_and_the_rest_still_parses(malformed: object) -> None:
    for wire_name in optional_fields(UserInfo):
        if malformed is True and wire_name == "valid":
            continue
        parsed = user(
            **{wire_name: malformed, "sur_name": "KIM"} if wire_name != "sur_name" else {wire_name: malformed}
        )

        assert parsed.pin == PIN
        value = getattr(parsed, attribute(UserInfo, wire_name))
        assert value is None or (wire_name in {"validation_method", "legal_info"} and isinstance(value, list)), (
            wire_name,
            value,
        )


def test_a_list_item_that_cannot_be_read_is_left_out_and_the_others_kept() -> None:
    parsed = user(
        legal_info=[{"tin": "300000033", "is_basic": "yes"}, "junk", 7, {"tin": "300000044"}],
        validation_method=["PKCSMETHOD", {"x": 1}, "MOBILEMETHOD"],
    )

    assert parsed.legal_info == [LegalInfo(tin="300000033", is_basic=None), LegalInfo(tin="300000044")]
    assert parsed.validation_method == ["PKCSMETHOD", "MOBILEMETHOD"]


def test_unknown_keys_are_kept_and_dumped() -> None:
    parsed = user(photo="<base64>", registered_phones=["+998900000000"], p_region="TOSHKENT")

    assert parsed.model_extra == {"photo": "<base64>", "registered_phones": ["+998900000000"], "p_region": "TOSHKENT"}
    assert parsed.model_dump(mode="json")["p_region"] == "TOSHKENT"


@pytest.mark.parametrize(("sent", "read"), [("0", "0"), (0, "0"), (1, "1"), ("01", "01")])
def test_ret_cd_is_read_as_a_string_from_a_string_or_a_number(sent: object, read: str) -> None:
    assert user(ret_cd=sent).ret_cd == read
    assert LogoutResponse.model_validate({"ret_cd": sent}).ret_cd == read


# --- enums that keep unknown values ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "read"),
    [
        ("LOGINPASSMETHOD", AuthMethod.LOGINPASSMETHOD),
        ("MOBILEMETHOD", AuthMethod.MOBILEMETHOD),
        ("PKCSMETHOD", AuthMethod.PKCSMETHOD),
        ("LEPKCSMETHOD", AuthMethod.LEPKCSMETHOD),
    ],
)
def test_a_listed_auth_method_reads_as_the_enum_member(sent: str, read: AuthMethod) -> None:
    assert user(auth_method=sent).auth_method is read


@pytest.mark.parametrize("sent", ["QR", "pkcsmethod", " PKCSMETHOD"])
def test_an_unknown_auth_method_is_kept_not_refused(sent: str) -> None:
    parsed = user(auth_method=sent)

    assert isinstance(parsed.auth_method, UnknownValue)
    assert not isinstance(parsed.auth_method, AuthMethod)
    assert parsed.auth_method == sent
    assert repr(parsed.auth_method) == f"UnknownValue({sent!r})"
    assert json.loads(parsed.model_dump_json())["auth_method"] == sent


@pytest.mark.parametrize(("sent", "read"), [("I", UserType.INDIVIDUAL), ("L", UserType.LEGAL_ENTITY)])
def test_user_type_reads_as_the_enum_member(sent: str, read: UserType) -> None:
    parsed = user(user_type=sent)

    assert parsed.user_type is read
    assert parsed.user_type == sent
    assert parsed.model_dump()["user_type"] == sent


def test_an_unknown_user_type_is_kept() -> None:
    parsed = user(user_type="G")

    assert isinstance(parsed.user_type, UnknownValue) and parsed.user_type == "G"


def test_the_enums_are_the_specs() -> None:
    assert [member.value for member in AuthMethod] == SPEC_SCHEMAS["AuthMethod"]["enum"]
    assert [member.value for member in UserType] == SPEC_SCHEMAS["UserType"]["enum"]
    assert [member.name for member in UserType] == SPEC_SCHEMAS["UserType"]["x-enum-varnames"]


# --- dates -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("sent", "read"), [("1985-01-01", date(1985, 1, 1)), ("19920220", date(1992, 2, 20))])
def test_birth_date_is_a_date_where_it_parses(sent: str, read: date) -> None:
    parsed = user(birth_date=sent)

    assert parsed.birth_date == read
    assert parsed.birth_date_raw == sent
    assert parsed.model_dump(mode="json")["birth_date"] == read.isoformat()


@pytest.mark.parametrize("sent", ["31.01.1985", "1985-02-30", "1985-13-01", "1985", "unknown", 19850101])
def test_birth_date_that_does_not_parse_is_none_and_kept_raw(sent: object) -> None:
    parsed = user(birth_date=sent)

    assert parsed.birth_date is None
    assert parsed.birth_date_raw == (sent if isinstance(sent, str) else None)
    assert parsed.wire_value("birth_date") == sent


def test_birth_date_raw_is_none_when_absent_or_blank() -> None:
    assert user().birth_date_raw is None
    assert user(birth_date="").birth_date_raw is None


def test_the_passport_date_pairs_are_kept_as_the_text_sent() -> None:
    body = {
        "pin": PIN,
        "pport_issue_date": "2016-04-07",
        "_pport_issue_date": "2016-07-04",
        "pport_expr_date": "2026-04-06",
        "_pport_expr_date": "2026-06-04",
    }

    parsed = UserInfo.model_validate(body)

    assert (parsed.pport_issue_date, parsed.alt_pport_issue_date) == ("2016-04-07", "2016-07-04")
    assert (parsed.pport_expr_date, parsed.alt_pport_expr_date) == ("2026-04-06", "2026-06-04")
    assert parsed.model_extra == {}


def test_the_underscore_keys_parse_and_dump_under_their_wire_names() -> None:
    parsed = user(_pport_issue_date="2016-07-04", _pport_expr_date="2026-06-04")

    dumped = parsed.model_dump()
    assert (dumped["_pport_issue_date"], dumped["_pport_expr_date"]) == ("2016-07-04", "2026-06-04")
    assert "alt_pport_issue_date" not in dumped
    assert json.loads(parsed.model_dump_json())["_pport_issue_date"] == "2016-07-04"
    assert parsed.model_dump(by_alias=False)["alt_pport_issue_date"] == "2016-07-04"
    assert UserInfo.model_validate(dumped) == parsed
    assert UserInfo(pin=PIN, alt_pport_issue_date="2016-07-04").alt_pport_issue_date == "2016-07-04"


def test_wire_value_gives_a_key_as_sent() -> None:
    parsed = user(valid="false", legal_info={"is_basic": "true"}, extra_key=[1])

    assert parsed.wire_value("valid") == "false"
    assert parsed.wire_value("legal_info") == {"is_basic": "true"}
    assert parsed.wire_value("extra_key") == [1]
    assert parsed.wire_value("missing") is None


# --- expires_at ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expires_in", "expires_at"),
    [
        (1646981583980, datetime(2022, 3, 11, 6, 53, 3, 980000, tzinfo=UTC)),
        ("1646981583980", datetime(2022, 3, 11, 6, 53, 3, 980000, tzinfo=UTC)),
        (3600, RECEIVED + timedelta(hours=1)),
        ("500000", RECEIVED + timedelta(seconds=500000)),
        (0, RECEIVED),
        (10**11, RECEIVED + timedelta(seconds=10**11)),
        (10**11 + 1, datetime(1973, 3, 3, 9, 46, 40, 1000, tzinfo=UTC)),
        (None, None),
        (-5, None),
        (10**30, None),
        ("soon", None),
    ],
)
def test_expires_at_reads_seconds_or_epoch_milliseconds(expires_in: object, expires_at: datetime | None) -> None:
    parsed = token(expires_in)

    assert parsed.received_at == RECEIVED
    assert parsed.expires_at == expires_at
    if parsed.expires_at is not None:
        assert parsed.expires_at.utcoffset() == timedelta(0)


def test_expires_at_counts_seconds_from_a_received_time_in_any_zone() -> None:
    tashkent = timezone(timedelta(hours=5))

    parsed = token(60, received_at=datetime(2026, 3, 1, 14, 30, tzinfo=tashkent))

    assert parsed.expires_at == RECEIVED + timedelta(minutes=1)


def test_without_a_context_the_token_was_received_when_it_was_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_model_helpers, "utc_now", lambda: RECEIVED)

    parsed = TokenResponse.model_validate({"access_token": "t", "expires_in": 300})

    assert parsed.received_at == RECEIVED
    assert parsed.expires_at == RECEIVED + timedelta(minutes=5)


def test_a_naive_received_time_in_the_context_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_model_helpers, "utc_now", lambda: RECEIVED)

    parsed = token(10, received_at=datetime(2020, 1, 1))

    assert parsed.received_at == RECEIVED


def test_the_client_sets_expires_at_from_the_clock_when_the_answer_arrives(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_model_helpers, "utc_now", lambda: RECEIVED)
    settings = OneIDSettings(
        one_id_sso_url="https://sso.example.test/sso/oauth/Authorization.do",
        one_id_client_id="portal",
        one_id_client_secret="secret",
        one_id_scope="portal",
        one_id_allowed_redirect_uris=["https://portal.example.test/cb"],
    )

    with respx.mock() as router, OneIDClient(settings) as client:
        router.post(settings.one_id_sso_url).mock(
            return_value=httpx.Response(200, json={"access_token": "t", "expires_in": 7200})
        )
        answer = client.exchange_code(code="c", redirect_uri="https://portal.example.test/cb")

    assert answer.expires_at == RECEIVED + timedelta(hours=2)


def test_tokens_compare_by_their_fields_not_by_when_they_arrived() -> None:
    assert token(3600) == token(3600, received_at=RECEIVED + timedelta(days=1))
    assert token(3600) != token(3601)


# --- helpers ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "name"),
    [
        ({"full_name": "KIM ELENA", "sur_name": "X"}, "KIM ELENA"),
        ({"full_name": "  ", "sur_name": "KIM", "first_name": "ELENA", "mid_name": ""}, "KIM ELENA"),
        ({"sur_name": "KARIMOV", "first_name": "AZIZ", "mid_name": "BAHODIR O‘G‘LI"}, "KARIMOV AZIZ BAHODIR O‘G‘LI"),
        ({"first_name": " ELENA "}, "ELENA"),
        ({"user_id": "elena.kim"}, "elena.kim"),
        ({}, None),
    ],
)
def test_display_name(fields: dict[str, object], name: str | None) -> None:
    assert user(**fields).display_name == name


BASIC = {"is_basic": True, "tin": "300000033", "le_tin": "300000033", "le_name": "A"}
OTHER = {"is_basic": False, "tin": "300000044", "le_tin": "300000044", "le_name": "B"}


@pytest.mark.parametrize(
    ("fields", "tin"),
    [
        ({"legal_info": [OTHER, BASIC]}, "300000033"),
        ({"legal_info": [OTHER, {**BASIC, "is_basic": "true"}]}, "300000033"),
        ({"legal_info": {**BASIC}}, "300000033"),
        ({"legal_info": [OTHER, {**BASIC, "is_basic": False}], "pkcs_legal_tin": "300000033"}, "300000033"),
        ({"legal_info": [{"le_tin": "300000055", "tin": ""}], "pkcs_legal_tin": "300000055"}, "300000055"),
        ({"legal_info": [OTHER]}, None),
        ({"legal_info": None, "pkcs_legal_tin": "300000033"}, None),
        ({}, None),
    ],
)
def test_selected_organisation(fields: dict[str, object], tin: str | None) -> None:
    selected = user(**fields).selected_organisation

    assert (selected.tin or selected.le_tin if selected is not None else None) == tin


@pytest.mark.parametrize(
    ("user_type", "auth_method", "legal"),
    [
        ("L", "LEPKCSMETHOD", True),
        ("L", None, True),
        ("L", "LOGINPASSMETHOD", True),
        ("I", "LEPKCSMETHOD", True),
        (None, "LEPKCSMETHOD", True),
        ("I", "PKCSMETHOD", False),
        ("I", "MOBILEMETHOD", False),
        (None, None, False),
        ("X", "QR", False),
        ("l", "lepkcsmethod", False),
    ],
)
def test_is_legal_entity_login(user_type: str | None, auth_method: str | None, legal: bool) -> None:
    assert user(user_type=user_type, auth_method=auth_method).is_legal_entity_login is legal


# --- the emulator's personas -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS, ids=[persona.id for persona in PERSONAS])
def test_every_persona_parses_with_no_field_lost(persona: Any) -> None:
    body = json.loads(json.dumps(dict(persona.identify)))

    parsed = UserInfo.model_validate(body)

    assert parsed.model_extra == {}, "every key a persona sends is a field of the spec"
    for wire_name, value in body.items():
        if value in ("", None):
            continue
        assert getattr(parsed, attribute(UserInfo, wire_name)) is not None, wire_name


def test_the_older_answer_persona_reads_like_the_real_older_sample() -> None:
    persona = next(persona for persona in PERSONAS if persona.id == "older-answer")

    parsed = UserInfo.model_validate(dict(persona.identify))

    assert parsed.auth_method is None and parsed.user_type is UserType.LEGAL_ENTITY
    assert parsed.is_legal_entity_login
    assert parsed.selected_organisation is not None and parsed.selected_organisation.tin == "300000066"
    assert parsed.birth_date == date(1987, 5, 28)
    assert parsed.tem_adr is None and parsed.email == "bobur.usmonov@example.uz"
    assert parsed.display_name == "USMONOV BOBUR TIMUR O‘G‘LI"


async def test_expires_at_of_an_emulator_token_is_its_epoch_millisecond_expiry() -> None:
    callback = "https://portal.example.test/one-id/access"
    now = RECEIVED.timestamp()
    emulator = create_app(
        [RegisteredClient("portal", "secret", "portal", [callback])], token_ttl=900, clock=lambda: now
    )
    settings = OneIDSettings(
        one_id_sso_url="https://oneid.test/sso/oauth/Authorization.do",
        one_id_client_id="portal",
        one_id_client_secret="secret",
        one_id_scope="portal",
        one_id_allowed_redirect_uris=[callback],
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=emulator)) as http:
        client = AsyncOneIDClient(settings, http_client=http)
        login = client.authorization_url(redirect_uri=callback, state="s") + "&persona=legal-entity"
        code = httpx.URL((await http.get(login)).headers["location"]).params["code"]
        answer = await client.exchange_code(code=code, redirect_uri=callback)
        person = await client.identify(access_token=answer.access_token)

    assert answer.expires_in == int((now + 900) * 1000)
    assert answer.expires_at == RECEIVED + timedelta(minutes=15)
    assert person.is_legal_entity_login and person.auth_method is AuthMethod.LEPKCSMETHOD
    assert person.selected_organisation is not None and person.selected_organisation.tin == person.pkcs_legal_tin
