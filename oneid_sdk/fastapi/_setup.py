"""What both routers share: the client, the flow, closing the client with the app, the start-up warnings."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Any

from fastapi import Request, Response

from .._generated.client import AsyncOneIDClient
from ..flow import AsyncLoginFlow, LoginStart
from ..payload import OneIDAuthPayload
from ..security.store import StateStore
from ..settings import OneIDSettings
from ._answers import reusable_binding, set_binding_cookie
from ._input import read_input
from ._seed_store import SeedStateStore, as_state_store
from .handler import OneIDAuthHandler, answer_with_handler
from .schemas import LoginRequest

__all__ = ["RouterSetup", "logger"]

logger = logging.getLogger("oneid_sdk.fastapi")


@dataclass(frozen=True, slots=True)
class RouterSetup:
    """The pieces a router is built from."""

    flow: AsyncLoginFlow
    handler: OneIDAuthHandler | None
    owns_client: bool

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
        state_store: StateStore | SeedStateStore | None,
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
        return cls(flow=AsyncLoginFlow(client, state_store=store), handler=handler, owns_client=owns_client)

    async def begin(self, request: Request) -> LoginStart:
        """Start a login for the redirect URI the request names, reusing the browser's binding secret."""
        query = await read_input(request, LoginRequest)
        return await self.flow.begin(query.redirect_uri, binding=reusable_binding(request))

    def bind_browser(self, response: Response, start: LoginStart) -> Response:
        """Give the browser the binding cookie of ``start`` with the answer that starts its login."""
        set_binding_cookie(response, start.binding, max_age=self.settings.one_id_state_ttl)
        return response

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
