"""The API flow for single-page and mobile frontends: ``/url``, ``/access``, ``/token`` and ``/logout``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Request, Response, params
from fastapi.responses import JSONResponse

from .._generated.client import AsyncOneIDClient
from ..errors import OneIDError
from ..security.store import StateStore
from ..settings import OneIDSettings
from ._answers import error_answer, no_store
from ._input import read_input
from ._legacy_store import LegacyStateStore
from ._methods import OneIDRoute, list_methods_per_path
from ._openapi import query_parameters, request_body
from ._responses import BEGIN, BODY, COMPLETION, ECHO, LOGOUT, completion_responses, error_responses
from ._setup import RouterSetup
from .handler import OneIDAuthHandler
from .schemas import (
    AccessCallbackRequest,
    AccessCallbackResponse,
    AuthorizationUrlResponse,
    LoginRequest,
    LogoutRequest,
    LogoutResult,
    TokenRequest,
)

__all__ = ["create_api_router"]

_BINDING_FIELD = frozenset({"binding"})
_ACCESS_TOKEN_FIELD = frozenset({"access_token"})


def create_api_router(
    *,
    settings: OneIDSettings | None = None,
    client: AsyncOneIDClient | None = None,
    handler: OneIDAuthHandler | None = None,
    state_store: StateStore | LegacyStateStore | None = None,
    prefix: str = "/api/one-id",
    logout_dependencies: Sequence[params.Depends] | None = None,
) -> APIRouter:
    """Build the router of the frontend-driven flow (arguments as in :func:`create_web_router`).

    ``/url`` answers the authorization URL and the binding secret and sets the binding cookie
    (``__Host-oneid_binding``). ``/token`` takes the binding from that cookie when the request carries it, and only
    otherwise from a ``binding`` field of a JSON body (a front end on another site or a mobile app, which the cookie
    does not reach). The cookie wins because it is the safer source: it is HttpOnly and ``__Host-``, so neither a
    script nor another site can read or set it, while the JSON field is whatever the calling script sends; a front
    end tricked into posting someone else's binding still completes only its own browser's logins.

    ``/logout`` ends whichever OneID session the posted token belongs to (read from the body only: a query string
    ends up in access logs); ``logout_dependencies`` (for example ``[Depends(require_signed_in_user)]``) run
    before it, so the application can require its own authentication.
    """
    setup = RouterSetup.build(
        name="create_api_router",
        settings=settings,
        client=client,
        handler=handler,
        state_store=state_store,
    )
    router = APIRouter(prefix=prefix, tags=["one-id"], route_class=OneIDRoute, lifespan=setup.lifespan())

    async def authorization_url(request: Request) -> Response:
        try:
            start = await setup.begin(request)
        except OneIDError as exc:
            return error_answer(exc)
        answer = AuthorizationUrlResponse(url=start.authorization_url, binding=start.binding)
        return setup.bind_browser(JSONResponse(answer.model_dump()), start, request)

    url_answer: dict[int | str, dict[str, Any]] = {200: {"model": AuthorizationUrlResponse}}
    router.add_api_route(
        "/url",
        authorization_url,
        methods=["GET"],
        name="one-id.url",
        responses={**url_answer, **error_responses(BEGIN)},
        openapi_extra=query_parameters(LoginRequest),
        summary="Start a OneID login: the authorization URL",
    )
    router.add_api_route(
        "/url",
        authorization_url,
        methods=["POST"],
        name="one-id.url.post",
        responses={**url_answer, **error_responses(BEGIN, BODY)},
        openapi_extra=request_body(LoginRequest),
        summary="Start a OneID login (POST form of GET /url)",
    )

    @router.get(
        "/access",
        name="one-id.access-code",
        responses={200: {"model": AccessCallbackResponse}, **error_responses(ECHO)},
        openapi_extra=query_parameters(AccessCallbackRequest),
        summary="OneID callback for frontends: echo the code and state",
    )
    async def access(request: Request) -> Response:
        try:
            query = await setup.read_callback(request, AccessCallbackRequest)
        except OneIDError as exc:
            return error_answer(exc)
        return no_store(JSONResponse(AccessCallbackResponse(code=query.code, state=query.state).model_dump()))

    @router.post(
        "/token",
        name="one-id.token",
        responses=completion_responses(COMPLETION, BODY),
        openapi_extra=request_body(TokenRequest, json_only=_BINDING_FIELD),
        summary="Finish a OneID login: check the state, log the user in",
    )
    async def token(request: Request) -> Response:
        try:
            body = await setup.read_callback(request, TokenRequest, json_only=_BINDING_FIELD)
            binding = setup.presented_binding(request) or body.binding
            payload = await setup.flow.complete(body.code, body.state, binding, redirect_uri=body.redirect_uri)
        except OneIDError as exc:
            return error_answer(exc)
        return await setup.answer(payload, request)

    @router.post(
        "/logout",
        name="one-id.logout",
        dependencies=list(logout_dependencies or ()),
        responses={200: {"model": LogoutResult}, **error_responses(BODY, LOGOUT)},
        openapi_extra=request_body(LogoutRequest),
        summary="End the user's OneID session",
    )
    async def logout(request: Request) -> Response:
        try:
            body = await read_input(request, LogoutRequest, body_only=_ACCESS_TOKEN_FIELD)
            result = await setup.flow.log_out(body.access_token)
        except OneIDError as exc:
            return error_answer(exc)
        return JSONResponse(LogoutResult(success=True, ret_cd=result.ret_cd).model_dump())

    list_methods_per_path(router)
    return router
