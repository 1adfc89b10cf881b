"""What the attack-class modules share: a portal's settings, a OneID that counts what it is sent, browsers, apps."""

from __future__ import annotations

from collections.abc import Callable
from http.cookies import Morsel, SimpleCookie
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlsplit

import httpx
import respx
from fastapi import FastAPI, Request

from oneid_sdk.fastapi import create_api_router, create_web_router
from oneid_sdk.payload import OneIDAuthPayload
from oneid_sdk.security import BINDING_COOKIE_NAME, InMemoryStateStore, StateStore
from oneid_sdk.settings import OneIDSettings

SSO = "https://sso.security.example/sso/oauth/Authorization.do"
BACKEND = "https://portal.example.uz"
CALLBACK = f"{BACKEND}/one-id/access"
SPA_CALLBACK = "https://app.example.uz/auth/callback"
ALLOWED = (CALLBACK, SPA_CALLBACK)
PIN = "30101850000011"
USER = {
    "pin": PIN,
    "full_name": "KARIMOV AZIZ",
    "valid": "true",
    "ret_cd": "0",
    "user_type": "I",
    "auth_method": "MOBILEMETHOD",
}

EXCHANGE = "one_authorization_code"
IDENTIFY = "one_access_token_identify"
LOG_OUT = "one_log_out"


def portal_settings(**overrides: Any) -> OneIDSettings:
    """The settings of the portal under attack: two allow-listed redirect URIs, OneID mocked at :data:`SSO`."""
    values: dict[str, Any] = {
        "one_id_sso_url": SSO,
        "one_id_client_id": "portal",
        "one_id_client_secret": "portal-client-secret",
        "one_id_scope": "portal",
        "one_id_allowed_redirect_uris": list(ALLOWED),
        "one_id_default_redirect_uri": CALLBACK,
        "one_id_state_ttl": 300,
    }
    values.update(overrides)
    return OneIDSettings(**values)


Answer = Callable[[dict[str, str]], httpx.Response]


class FakeOneID:
    """OneID at :data:`SSO` (respx): answers every grant, keeps the forms it received, fails when told to."""

    def __init__(self, mock: respx.MockRouter) -> None:
        self.forms: list[dict[str, str]] = []
        self.on_exchange: Answer | None = None
        self.on_identify: Answer | None = None
        self.on_log_out: Answer | None = None
        self.route = mock.post(SSO)
        self.route.side_effect = self._answer

    def grants(self, grant_type: str) -> list[dict[str, str]]:
        """The forms received with ``grant_type``, in order."""
        return [form for form in self.forms if form.get("grant_type") == grant_type]

    @property
    def exchanges(self) -> list[dict[str, str]]:
        """The code exchanges received."""
        return self.grants(EXCHANGE)

    def _answer(self, request: httpx.Request) -> httpx.Response:
        form = dict(parse_qsl(request.content.decode()))
        self.forms.append(form)
        grant = form.get("grant_type")
        if grant == EXCHANGE:
            if self.on_exchange is not None:
                return self.on_exchange(form)
            return httpx.Response(200, json={"access_token": f"access-for-{form['code']}", "token_type": "Bearer"})
        if grant == IDENTIFY:
            if self.on_identify is not None:
                return self.on_identify(form)
            return httpx.Response(200, json=USER)
        if self.on_log_out is not None:
            return self.on_log_out(form)
        return httpx.Response(200, json={"ret_cd": "0"})


async def pin_handler(payload: OneIDAuthPayload, request: Request) -> dict[str, Any]:
    """The application's handler: who signed in, through which redirect URI."""
    return {"pin": payload.user.pin, "redirect_uri": payload.redirect_uri}


def portal_app(
    settings: OneIDSettings,
    *,
    state_store: StateStore | None = None,
    web_prefix: str = "/one-id",
    api_prefix: str = "/api/one-id",
) -> FastAPI:
    """An application with both routers sharing one store (a fresh one unless given)."""
    store = state_store if state_store is not None else InMemoryStateStore()
    app = FastAPI()
    app.include_router(create_web_router(settings=settings, handler=pin_handler, state_store=store, prefix=web_prefix))
    app.include_router(create_api_router(settings=settings, handler=pin_handler, state_store=store, prefix=api_prefix))
    return app


def browser(app: Any, base_url: str = BACKEND) -> httpx.AsyncClient:
    """A browser of its own (its own cookie jar) talking to ``app``."""
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base_url)


def query_of(url: str) -> dict[str, list[str]]:
    """The query parameters of ``url``."""
    return parse_qs(urlsplit(url).query)


def state_of(url: str) -> str:
    """The ``state`` inside an authorization URL."""
    return query_of(url)["state"][0]


def redirect_uri_of(url: str) -> str:
    """The ``redirect_uri`` inside an authorization URL."""
    return query_of(url)["redirect_uri"][0]


def set_cookies(response: httpx.Response) -> list[str]:
    """The raw ``Set-Cookie`` headers of ``response``."""
    return response.headers.get_list("set-cookie")


def binding_cookie(response: httpx.Response) -> Morsel[str]:
    """The binding cookie (``__Host-oneid_binding``) that ``response`` sets (exactly one)."""
    [header] = [value for value in set_cookies(response) if value.startswith(f"{BINDING_COOKIE_NAME}=")]
    return SimpleCookie(header)[BINDING_COOKIE_NAME]
