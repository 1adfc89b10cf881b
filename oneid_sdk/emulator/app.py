"""The emulator's FastAPI application: OneID's single endpoint, the persona chooser and ``GET /personas``."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from .._generated.constants import RESPONSE_TYPE, SSO_PATH
from .authorization import AuthorizationProblem, AuthorizationRequest, callback_url, check_authorization
from .clients import ClientRegistry, RegisteredClient
from .grants import BackChannel
from .login_page import HTML_HEADERS, render_error_page, render_login_page
from .personas import PersonaCatalogue, PersonaRecord, default_personas
from .state import EmulatorState

__all__ = ["LOGIN_PATH", "PERSONAS_PATH", "create_app"]

LOGIN_PATH = "/emulator/login"
"""Where the persona chooser posts; not part of OneID's protocol."""
PERSONAS_PATH = "/personas"

JSON_HEADERS = {"Cache-Control": "no-store", "Pragma": "no-cache"}


async def _read_params(request: Request) -> dict[str, str]:
    """The query-string parameters, overridden by those of a form body (OneID accepts both)."""
    params = dict(request.query_params)
    form = await request.form()
    params.update({key: value for key, value in form.multi_items() if isinstance(value, str)})
    return params


def create_app(
    clients: Iterable[RegisteredClient],
    *,
    personas: Iterable[PersonaRecord] | None = None,
    code_ttl: float = 60.0,
    token_ttl: float = 3600.0,
    max_codes: int = 10_000,
    max_sessions: int = 10_000,
    clock: Callable[[], float] = time.time,
) -> FastAPI:
    """Build a local OneID for ``clients``.

    Args:
        clients: the portals that may sign users in, with their secrets, scopes and redirect URIs.
        personas: the people on the login page; by default those of ``spec/oneid.yaml``.
        code_ttl: seconds an authorization code can be exchanged.
        token_ttl: seconds an access token works (``expires_in`` is this instant, in epoch milliseconds).
        max_codes: codes kept in memory at most; the oldest go first.
        max_sessions: sessions kept in memory at most; the oldest go first.
        clock: the time in seconds since the epoch (tests pass a fake one).

    The state (``app.state.emulator``, an :class:`EmulatorState`) lives in memory and is lost on restart.
    """
    registry = ClientRegistry(clients)
    catalogue = PersonaCatalogue(default_personas() if personas is None else personas)
    state = EmulatorState(
        code_ttl=code_ttl, token_ttl=token_ttl, max_codes=max_codes, max_sessions=max_sessions, clock=clock
    )
    back_channel = BackChannel(clients=registry, personas=catalogue, state=state)

    app = FastAPI(title="OneID emulator", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.emulator = state

    def refuse(message: str) -> HTMLResponse:
        return HTMLResponse(render_error_page(message), status_code=400, headers=HTML_HEADERS)

    def sign_in(authorization: AuthorizationRequest, persona_id: str, *, status_code: int) -> Response:
        persona = catalogue.get(persona_id)
        if persona is None:
            return refuse("The persona is not one of this emulator's; see GET /personas.")
        login = state.new_login(
            client_id=authorization.client.client_id, persona_id=persona.id, redirect_uri=authorization.redirect_uri
        )
        code = state.issue_code(login)
        location = callback_url(authorization.redirect_uri, code=code, state=authorization.state)
        return RedirectResponse(location, status_code=status_code, headers=HTML_HEADERS)

    @app.get(SSO_PATH, response_class=HTMLResponse)
    async def authorize(request: Request) -> Response:
        """The browser's authorization request: the persona chooser, or straight back with ``persona=<id>``."""
        params = dict(request.query_params)
        try:
            authorization = check_authorization(params, registry)
        except AuthorizationProblem as exc:
            return refuse(str(exc))
        persona_id = params.get("persona", "")
        if persona_id:
            return sign_in(authorization, persona_id, status_code=302)
        page = render_login_page(
            authorization,
            personas=catalogue.all,
            action=request.scope.get("root_path", "") + app.url_path_for("emulator_login"),
            response_type=RESPONSE_TYPE,
        )
        return HTMLResponse(page, headers=HTML_HEADERS)

    @app.post(SSO_PATH)
    async def back_channel_call(request: Request) -> JSONResponse:
        """The server-to-server grants, selected by ``grant_type``."""
        answer = back_channel.answer(await _read_params(request))
        return JSONResponse(answer.body, status_code=answer.status, headers=JSON_HEADERS)

    @app.post(LOGIN_PATH, name="emulator_login", response_class=HTMLResponse)
    async def choose_persona(request: Request) -> Response:
        """A button of the persona chooser: send the browser back with a code for that persona."""
        params = await _read_params(request)
        try:
            authorization = check_authorization(params, registry)
        except AuthorizationProblem as exc:
            return refuse(str(exc))
        return sign_in(authorization, params.get("persona", ""), status_code=303)

    @app.get(PERSONAS_PATH)
    async def list_personas() -> JSONResponse:
        """The personas, with the keys a test needs to pick one."""
        return JSONResponse([catalogue.summary(persona) for persona in catalogue.all], headers=JSON_HEADERS)

    return app
