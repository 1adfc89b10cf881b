"""fastapi-oneid's documented API, served by oneid-sdk.

Code written for fastapi-oneid 0.2 keeps working: the same names, modules, endpoints and answers. The routers now
also bind every login to the browser that started it (the ``__Host-oneid_binding`` cookie); see :mod:`oneid_sdk`.
"""

from __future__ import annotations

from .client import OneIDClient
from .handlers import OneIDAuthHandler
from .routers import create_api_router, create_web_router
from .schemas import OneIDAuthPayload, OneIDLegalInfo, OneIDLogoutResponse, OneIDTokenResponse, OneIDUserInfo
from .security import InMemoryStateStore, StateStore
from .settings import OneIDSettings

__all__ = [
    "InMemoryStateStore",
    "OneIDAuthHandler",
    "OneIDAuthPayload",
    "OneIDClient",
    "OneIDLegalInfo",
    "OneIDLogoutResponse",
    "OneIDSettings",
    "OneIDTokenResponse",
    "OneIDUserInfo",
    "StateStore",
    "create_api_router",
    "create_web_router",
]
