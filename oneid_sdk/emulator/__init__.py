"""A local OneID that speaks the wire protocol of sso.egov.uz, for demos, tests and users' own tests.

``create_app([RegisteredClient(...)])`` builds a FastAPI app that serves ``/sso/oauth/Authorization.do``: the browser's
authorization request (a login page with one button per persona, or straight back with ``persona=<id>``) and the three
back-channel grants, answered with the bodies written in ``spec/oneid.yaml``. ``python -m oneid_sdk.emulator`` runs
one with uvicorn. Never point a production portal at it: anyone who can reach it can sign in as anyone.

What differs from OneID on purpose: the login page (``POST /emulator/login``), ``GET /personas``, and stricter
checks (a missing ``state`` or a ``scope`` other than the client's is refused). Refusals follow the real service:
HTTP 200 with ``{"error", "error_description"}`` for the code exchange and ``{"ret_cd": "1", "error", ...}`` for
``identify`` and ``log_out``; only an unknown ``grant_type`` gets a 400.

In a test, without a server::

    app = create_app([RegisteredClient("demo", "demo-secret", "demo", ["http://127.0.0.1:8000/one-id/access"])])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app)) as http:
        # settings.one_id_sso_url = "http://emulator.test/sso/oauth/Authorization.do", one_id_emulator_mode=True
        oneid = AsyncOneIDClient(settings, http_client=http)
        url = oneid.authorization_url(redirect_uri="http://127.0.0.1:8000/one-id/access", state=state)
        callback = (await http.get(url + "&persona=legal-entity")).headers["location"]  # ...?code=...&state=...
"""

from __future__ import annotations

from .app import LOGIN_PATH, PERSONAS_PATH, create_app
from .clients import RegisteredClient
from .config import EmulatorSettings, create_app_from_env
from .personas import PersonaRecord
from .state import EmulatorState

__all__ = [
    "LOGIN_PATH",
    "PERSONAS_PATH",
    "EmulatorSettings",
    "EmulatorState",
    "PersonaRecord",
    "RegisteredClient",
    "create_app",
    "create_app_from_env",
]
