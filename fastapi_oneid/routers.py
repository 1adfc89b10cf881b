"""The routers of fastapi-oneid: those of :mod:`oneid_sdk.fastapi`, with the same endpoints and answers."""

from __future__ import annotations

from oneid_sdk.fastapi import create_api_router, create_web_router

__all__ = ["create_api_router", "create_web_router"]
