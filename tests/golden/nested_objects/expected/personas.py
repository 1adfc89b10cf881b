# Generated from tests/golden/nested_objects/spec.yaml by `python -m generator`. Do not edit: change the spec.
"""The emulator's sample people, from the spec's ``personas``. Every value is invented."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

__all__ = ["PERSONAS", "Persona"]


@dataclass(frozen=True)
class Persona:
    """A sample person: ``identify`` is the body of OneID's answer to ``identify``, quirks included."""

    id: str
    label: str
    identify: Mapping[str, object]


PERSONAS: Final[tuple[Persona, ...]] = ()
