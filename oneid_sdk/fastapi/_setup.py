"""What both routers share: the client, the flow, the binding cookie, closing the client with the app, the warnings."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import Request, Response
from pydantic import BaseModel

from .._generated.client import AsyncOneIDClient
from ..errors import OneIDLoginDeniedError
from ..flow import AsyncLoginFlow, LoginStart
from ..payload import OneIDAuthPayload
from ..security.audit import log_login_failure
from ..security.binding import SECURE_BINDING_COOKIE, BindingCookie, binding_cookie_for, is_plain_http
from ..security.store import StateStore
from ..settings import OneIDSettings
from ._answers import no_store, presented_binding, reusable_binding, set_binding_cookie
from ._input import read_callback, read_input
from ._legacy_store import LegacyStateStore, as_state_store
from .handler import OneIDAuthHandler, answer_with_handler
from .schemas import LoginRequest

__all__ = ["RouterSetup", "logger"]

ModelT = TypeVar("ModelT", bound=BaseModel)

logger = logging.getLogger("oneid_sdk.fastapi")


@dataclass(frozen=True, slots=True)
class RouterSetup:
    """The pieces a router is built from."""

    flow: AsyncLoginFlow
    handler: OneIDAuthHandler | None
    owns_client: bool
    plain_http: bool
    """Whether the allow-list holds a plain-http URI off loopback, so that some requests get the plain cookie."""

    @property
    def settings(self) -> OneIDSettings:
        """The settings of the router's client."""
        return self.flow.settings

    @classmethod
    def build(
        cls,
        *,
        name: str,
        settings: OneIDSettings | None,
        client: AsyncOneIDClient | None,
        handler: OneIDAuthHandler | None,
        state_store: StateStore | LegacyStateStore | None,
    ) -> RouterSetup:
        """Resolve the arguments of ``create_*_router``; ``client`` wins over ``settings`` when both are given."""
        owns_client = client is None
        if client is None:
            client = AsyncOneIDClient(settings)
        resolved = client.settings
        store = as_state_store(state_store, ttl=resolved.one_id_state_ttl)
        if resolved.one_id_debug:
            logger.warning(
                "%s: ONE_ID_DEBUG is on; without a handler a completed login answers with the raw OneID token and "
                "user. Never enable it in production.",
                name,
            )
        elif handler is None:
            logger.warning("%s: no handler is configured; a completed login answers 500 handler_not_configured", name)
        plain_http = any(is_plain_http(uri) for uri in resolved.redirect_policy.allowed)
        if plain_http:
            logger.warning(
                "%s: the allow-list holds plain-http redirect URIs (ONE_ID_INSECURE_ALLOW_HTTP or "
                "ONE_ID_EMULATOR_MODE), so a request that reaches this app over plain http on a host other than "
                "loopback gets the binding cookie 'oneid_binding' without Secure: anyone on the network path or on a "
                "sibling subdomain can set it and sign a victim in to their own account (login fixation). Requests "
                "over https or loopback keep '__Host-oneid_binding'. Never serve real logins over plain http.",
                name,
            )
        return cls(
            flow=AsyncLoginFlow(client, state_store=store),
            handler=handler,
            owns_client=owns_client,
            plain_http=plain_http,
        )

    def binding_cookie(self, request: Request) -> BindingCookie:
        """The one binding cookie this request may read and set.

        ``__Host-oneid_binding`` (Secure) always, unless the allow-list holds a plain-http URI off loopback (only
        possible with an insecure setting); then a request that arrived over plain http on a host other than
        loopback uses ``oneid_binding`` without Secure, because browsers refuse Secure cookies there. A request
        never reads the other name, so a planted ``oneid_binding`` means nothing to an https site.
        """
        if not self.plain_http:
            return SECURE_BINDING_COOKIE
        return binding_cookie_for(request.url.scheme, request.url.hostname or "")

    def presented_binding(self, request: Request) -> str | None:
        """The binding secret the request's cookie holds (``None`` without one)."""
        return presented_binding(request, self.binding_cookie(request))

    async def begin(self, request: Request) -> LoginStart:
        """Start a login for the redirect URI the request names, reusing the browser's binding secret."""
        query = await read_input(request, LoginRequest)
        binding = reusable_binding(request, self.binding_cookie(request))
        return await self.flow.begin(query.redirect_uri, binding=binding)

    def bind_browser(self, response: Response, start: LoginStart, request: Request) -> Response:
        """Give the browser the binding cookie of ``start`` with the answer that starts its login (never cached)."""
        cookie = self.binding_cookie(request)
        set_binding_cookie(response, start.binding, cookie, max_age=self.settings.one_id_state_ttl)
        return no_store(response)

    async def read_callback(
        self, request: Request, model: type[ModelT], *, json_only: frozenset[str] = frozenset()
    ) -> ModelT:
        """The callback's parameters; a callback with ``error`` (cancelled or refused at OneID) is logged and raised."""
        try:
            return await read_callback(request, model, json_only=json_only)
        except OneIDLoginDeniedError as exc:
            log_login_failure(exc)
            raise

    async def answer(self, payload: OneIDAuthPayload, request: Request) -> Response:
        """The answer to a completed login: the handler's, or the debug or "not configured" one."""
        return await answer_with_handler(self.handler, payload, request, debug=self.settings.one_id_debug)

    def lifespan(self) -> Callable[[Any], AbstractAsyncContextManager[None]]:
        """A router lifespan that closes the client at shutdown when the router created it.

        A fresh client replaces the closed one, so an app that is started again (as test clients do) still works
        and no connection outlives the event loop that opened it.
        """

        @asynccontextmanager
        async def lifespan(_app: Any) -> AsyncIterator[None]:
            try:
                yield
            finally:
                if self.owns_client:
                    closing = self.flow.client
                    self.flow.client = AsyncOneIDClient(closing.settings)
                    await closing.aclose()

        return lifespan
