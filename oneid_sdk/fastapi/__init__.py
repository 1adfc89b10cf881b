"""FastAPI routers for OneID: the browser flow (``/one-id``) and the frontend-driven API flow (``/api/one-id``).

Requires the ``fastapi`` extra (``pip install 'oneid-sdk[fastapi]'``).
"""

from __future__ import annotations

from ._legacy_store import LegacyStateStore, LegacyStateStoreAdapter
from .api import create_api_router
from .handler import HandlerResult, OneIDAuthHandler
from .schemas import (
    AccessCallbackRequest,
    AccessCallbackResponse,
    AuthorizationUrlResponse,
    CallbackRequest,
    ErrorResponse,
    LoginRequest,
    LogoutRequest,
    LogoutResult,
    TokenRequest,
)
from .web import create_web_router

__all__ = [
    "AccessCallbackRequest",
    "AccessCallbackResponse",
    "AuthorizationUrlResponse",
    "CallbackRequest",
    "ErrorResponse",
    "HandlerResult",
    "LegacyStateStore",
    "LegacyStateStoreAdapter",
    "LoginRequest",
    "LogoutRequest",
    "LogoutResult",
    "OneIDAuthHandler",
    "TokenRequest",
    "create_api_router",
    "create_web_router",
]
