"""FastAPI routers for OneID: the browser flow (``/one-id``) and the frontend-driven API flow (``/api/one-id``).

Requires the ``fastapi`` extra (``pip install 'oneid-sdk[fastapi]'``).
"""

from __future__ import annotations

from ._seed_store import SeedStateStore, SeedStateStoreAdapter
from .api import create_api_router
from .handler import HandlerResult, OneIDAuthHandler
from .schemas import (
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
    "AccessCallbackResponse",
    "AuthorizationUrlResponse",
    "CallbackRequest",
    "ErrorResponse",
    "HandlerResult",
    "LoginRequest",
    "LogoutRequest",
    "LogoutResult",
    "OneIDAuthHandler",
    "SeedStateStore",
    "SeedStateStoreAdapter",
    "TokenRequest",
    "create_api_router",
    "create_web_router",
]
