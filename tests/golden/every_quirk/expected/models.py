# Generated from tests/golden/every_quirk/spec.yaml by `python -m generator`. Do not edit: change the spec.
"""Models of the answers OneID sends, from the spec's ``schemas``."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, Field

from oneid_sdk._model_helpers import TokenResponseHelpers
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

__all__ = ["Badge", "Colour", "Person", "Token"]


class Token(TokenResponseHelpers):
    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    access_token: Annotated[str, Field(min_length=1)]
    """
    The token.
    """
    expires_in: LooseInt | None = None
    """
    When it expires.
    """


class Colour(StrEnum):
    """
    A colour.
    """

    RED = "R"
    """
    Red.
    """
    GREEN = "G"
    """
    Green.
    """


class Badge(OneIDModel):
    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    shiny: StringBool | None = None


class Person(OneIDModel):
    """
    Somebody.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    pin: Annotated[str, Field(min_length=1)]
    """
    The key.
    """
    active: StringBool | None = None
    """
    Active.
    """
    nickname: BlankIsAbsent | None = None
    """
    A nickname.
    """
    ret_cd: CodeString | None = None
    """
    Result code.
    """
    visits: LooseInt | None = None
    """
    Visits.
    """
    tags: OneOrMany[str] | None = None
    """
    Tags.
    """
    badges: OneOrMany[Badge] | None = None
    """
    Badges.
    """
    colour: OpenEnum[Colour] | None = None
    """
    Favourite colour.
    """
    born: DateOrRaw | None = None
    """
    Birthday.
    """
    issued_alt: Annotated[BlankIsAbsent | None, Field(alias="_issued")] = None
    """
    Issued.
    """
