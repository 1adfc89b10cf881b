"""The sample people the emulator signs in, and the bodies it answers about them.

The personas and their ``identify`` bodies are written in ``spec/oneid.yaml`` and rendered into
``oneid_sdk._generated.personas``; this module only looks them up and adds what belongs to a login session.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

__all__ = ["PersonaCatalogue", "PersonaRecord", "default_personas", "json_value"]

SUMMARY_FIELDS = ("pin", "full_name", "user_type", "auth_method")
"""Keys of the ``identify`` body that ``GET /personas`` and the login page show."""


class PersonaRecord(Protocol):
    """What the emulator needs of a persona (``oneid_sdk._generated.personas.Persona`` fits)."""

    @property
    def id(self) -> str:
        """Stable id, used in ``persona=<id>`` and on the login page."""
        ...

    @property
    def label(self) -> str:
        """One line saying who this is and how they sign in."""
        ...

    @property
    def identify(self) -> Mapping[str, object]:
        """The ``identify`` body as OneID sends it, without ``sess_id`` and ``ret_cd``."""
        ...


def default_personas() -> tuple[PersonaRecord, ...]:
    """The personas of ``spec/oneid.yaml``."""
    from .._generated.personas import PERSONAS

    return tuple(PERSONAS)


def json_value(value: object) -> object:
    """A plain JSON copy of ``value`` (read-only mappings and tuples become dicts and lists)."""
    if isinstance(value, Mapping):
        return {str(key): json_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_value(item) for item in value]
    return value


class PersonaCatalogue:
    """The personas by id, in spec order."""

    def __init__(self, personas: Iterable[PersonaRecord]) -> None:
        by_id: dict[str, PersonaRecord] = {}
        for persona in personas:
            if persona.id in by_id:
                raise ValueError(f"Persona {persona.id!r} is defined twice")
            if not isinstance(persona.identify.get("pin"), str):
                raise ValueError(f"Persona {persona.id!r} has no pin")
            by_id[persona.id] = persona
        if not by_id:
            raise ValueError("The emulator needs at least one persona")
        self._by_id = by_id

    @property
    def all(self) -> Sequence[PersonaRecord]:
        """Every persona, in the order they were given."""
        return tuple(self._by_id.values())

    def get(self, persona_id: str) -> PersonaRecord | None:
        """The persona with this id, or ``None``."""
        return self._by_id.get(persona_id)

    @staticmethod
    def summary(persona: PersonaRecord) -> dict[str, object]:
        """The short description served by ``GET /personas``."""
        described: dict[str, object] = {"id": persona.id, "label": persona.label}
        for key in SUMMARY_FIELDS:
            described[key] = json_value(persona.identify.get(key))
        return described

    @staticmethod
    def identify_body(persona: PersonaRecord, *, sess_id: str) -> dict[str, object]:
        """The answer to ``one_access_token_identify``: the spec's body plus ``sess_id`` and ``ret_cd``."""
        body = {key: json_value(value) for key, value in persona.identify.items()}
        body["sess_id"] = sess_id
        body["ret_cd"] = "0"
        return body
