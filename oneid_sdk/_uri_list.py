"""Reading a list of URIs from one environment variable: a JSON array or a comma-separated list.

``OneIDSettings`` (``ONE_ID_ALLOWED_REDIRECT_URIS``) and the emulator (``ONEID_EMULATOR_REDIRECT_URIS``) read their
redirect URIs with this one parser, so the two accept exactly the same spellings.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["parse_uri_list"]


def parse_uri_list(value: Any, *, name: str) -> Any:
    """``value`` as a list of trimmed, non-blank strings when it is one string; any other value unchanged.

    A string starting with ``[`` must be a JSON array of strings; anything else is split on commas. ``name`` (the
    variable) starts the message of a :class:`ValueError` about a malformed JSON array.
    """
    if not isinstance(value, str):
        return value
    raw = value.strip()
    if raw.startswith("["):
        try:
            parsed = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{name} is not a valid JSON array: {exc.msg}") from None
        if not isinstance(parsed, list) or not all(isinstance(item, str) for item in parsed):
            raise ValueError(f"{name} must be a JSON array of strings")
        items: list[str] = parsed
    else:
        items = raw.split(",")
    return [item.strip() for item in items if item.strip()]
