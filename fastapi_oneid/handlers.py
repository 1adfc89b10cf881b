"""The handler types of fastapi-oneid."""

from __future__ import annotations

from oneid_sdk.fastapi.handler import HandlerResult, OneIDAuthHandler

__all__ = ["HandlerResult", "OneIDAuthHandler"]
