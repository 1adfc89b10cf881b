"""The browser flow: ``GET /one-id/login`` sends the browser to OneID, ``GET /one-id/access`` is the callback."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from .._generated.client import AsyncOneIDClient
from ..errors import OneIDError
from ..security.store import StateStore
from ..settings import OneIDSettings
from ._answers import error_answer
from ._legacy_store import LegacyStateStore
from ._methods import OneIDRoute, list_methods_per_path
from ._openapi import query_parameters
from ._responses import BEGIN, COMPLETION, completion_responses, error_responses
from ._setup import RouterSetup
from .handler import OneIDAuthHandler
from .schemas import CallbackRequest, LoginRequest

__all__ = ["create_web_router"]


def create_web_router(
    *,
    settings: OneIDSettings | None = None,
    client: AsyncOneIDClient | None = None,
    handler: OneIDAuthHandler | None = None,
    state_store: StateStore | LegacyStateStore | None = None,
    prefix: str = "/one-id",
) -> APIRouter:
    """Build the router of the server-side (browser redirect) flow.

    ``client`` (an :class:`~oneid_sdk.AsyncOneIDClient`) is used as given; otherwise one is made from
    ``settings`` (or from the environment) and closed with the app. ``state_store`` defaults to the process-wide
    in-memory store; a fastapi-oneid 0.2 store (``store``/``pop``) is accepted too.

    ``/login`` sets the binding cookie (``__Host-oneid_binding``) and ``/access`` accepts a state only with it.
    """
    setup = RouterSetup.build(
        name="create_web_router",
        settings=settings,
        client=client,
        handler=handler,
        state_store=state_store,
    )
    router = APIRouter(prefix=prefix, tags=["one-id"], route_class=OneIDRoute, lifespan=setup.lifespan())

    @router.get(
        "/login",
        name="one-id.login",
        status_code=302,
        response_class=RedirectResponse,
        responses={302: {"description": "Redirect to OneID; sets the binding cookie"}, **error_responses(BEGIN)},
        openapi_extra=query_parameters(LoginRequest),
        summary="Start a OneID login",
    )
    async def login(request: Request) -> Response:
        try:
            start = await setup.begin(request)
        except OneIDError as exc:
            return error_answer(exc)
        return setup.bind_browser(RedirectResponse(start.authorization_url, status_code=302), start, request)

    @router.get(
        "/access",
        name="one-id.access",
        responses=completion_responses(COMPLETION),
        openapi_extra=query_parameters(CallbackRequest),
        summary="OneID callback: check the state, log the user in",
    )
    async def access(request: Request) -> Response:
        try:
            query = await setup.read_callback(request, CallbackRequest)
            payload = await setup.flow.complete(
                query.code, query.state, setup.presented_binding(request), redirect_uri=query.redirect_uri
            )
        except OneIDError as exc:
            return error_answer(exc)
        return await setup.answer(payload, request)

    list_methods_per_path(router)
    return router
