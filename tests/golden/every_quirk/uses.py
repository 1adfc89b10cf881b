"""Type-checked with ``mypy --strict`` against the package rendered from ``spec.yaml`` (as ``generated``), then run."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import assert_type

from generated import PERSONAS, Badge, Colour, OneIDClient, Person, Token
from generated.constants import CONNECT_BACKOFF_SECONDS, CONNECT_RETRIES

from oneid_sdk._quirks import UnknownValue

person = Person.model_validate(dict(PERSONAS[0].identify))
assert_type(person.pin, str)
assert_type(person.active, bool | None)
assert_type(person.nickname, str | None)
assert_type(person.ret_cd, str | None)
assert_type(person.visits, int | None)
assert_type(person.tags, list[str] | None)
assert_type(person.badges, list[Badge] | None)
assert_type(person.colour, Colour | UnknownValue | None)
assert_type(person.born, date | None)
assert_type(person.issued_alt, str | None)

assert person.active is True and person.tags == ["x"]
assert person.colour == "B" and isinstance(person.colour, UnknownValue)
assert person.born == date(2000, 2, 29) and person.issued_alt == "2001-31-12"
assert person.model_dump()["_issued"] == "2001-31-12"

quirky = Person.model_validate(
    {"pin": "2", "active": "maybe", "visits": "7", "badges": {"shiny": "false"}, "colour": "R", "born": "2001-02-29"}
)
assert quirky.active is None and quirky.visits == 7 and quirky.colour is Colour.RED and quirky.born is None
assert quirky.badges == [Badge(shiny=False)] and quirky.wire_value("born") == "2001-02-29"

token = Token.model_validate({"access_token": "t", "expires_in": 1646981583980})
assert_type(token.expires_at, datetime | None)
assert token.expires_at == datetime(2022, 3, 11, 6, 53, 3, 980000, tzinfo=UTC)


def sign_in(client: OneIDClient) -> Person:
    url = client.authorization_url(redirect_uri="https://portal.example.test/cb", state="s")
    assert_type(url, str)
    return client.identify(access_token=client.exchange_code(code="c").access_token)


assert (CONNECT_RETRIES, CONNECT_BACKOFF_SECONDS) == (1, 0.25)
