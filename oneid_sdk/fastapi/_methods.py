"""Answer a method that a router's path does not serve in the same ``{"detail", "error"}`` shape as every error."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from starlette.types import Receive, Scope, Send

__all__ = ["OneIDRoute", "list_methods_per_path", "method_not_allowed_answer"]


class OneIDRoute(APIRoute):
    """An ``APIRoute`` whose 405 answer (any method the path does not serve) is ``{"detail", "error"}`` JSON.

    ``path_methods`` are the methods of every route of the router on the same path (set by
    :func:`list_methods_per_path`), so that ``Allow`` names them all.
    """

    path_methods: frozenset[str] = frozenset()

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.methods and scope["method"] not in self.methods:
            await method_not_allowed_answer(self.path_methods or self.methods)(scope, receive, send)
            return
        await super().handle(scope, receive, send)


def method_not_allowed_answer(methods: frozenset[str] | set[str]) -> JSONResponse:
    """405 ``{"detail", "error": "method_not_allowed"}``, with ``Allow`` naming ``methods``."""
    allow = ", ".join(sorted(methods))
    return JSONResponse(
        {"detail": f"This endpoint answers {allow} only", "error": "method_not_allowed"},
        status_code=405,
        headers={"Allow": allow},
    )


def list_methods_per_path(router: APIRouter) -> None:
    """Tell each :class:`OneIDRoute` of ``router`` every method its path serves."""
    routes = [route for route in router.routes if isinstance(route, OneIDRoute)]
    for route in routes:
        route.path_methods = frozenset(
            method for other in routes if other.path == route.path for method in other.methods or ()
        )
