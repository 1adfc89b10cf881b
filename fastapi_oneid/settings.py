"""The settings of fastapi-oneid: the same class as :class:`oneid_sdk.OneIDSettings`."""

from __future__ import annotations

from oneid_sdk.settings import OneIDSettings

__all__ = ["OneIDSettings"]
