# Generated from tests/golden/nested_objects/spec.yaml by `python -m generator`. Do not edit: change the spec.
"""Models of the answers OneID sends, from the spec's ``schemas``."""

from __future__ import annotations

from pydantic import ConfigDict

from oneid_sdk._quirks import OneIDModel

__all__ = ["Account", "Address"]


class Address(OneIDModel):
    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    city: str
    """
    City.
    """
    zip: int | None = None
    """
    Postal code.
    """


class Account(OneIDModel):
    """
    An account.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    id: int
    """
    Identifier.
    """
    verified: bool
    """
    Verified.
    """
    score: float | None = None
    """
    Score.
    """
    aliases: list[str] | None = None
    """
    Other names.
    """
    home: Address | None = None
    """
    Home address.
    """
    offices: list[Address] | None = None
    """
    Offices.
    """
