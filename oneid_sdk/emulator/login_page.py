"""The emulator's HTML: the persona chooser and the error page.

The pages are small ``string.Template`` files in ``templates/``; every value put into them is HTML-escaped.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Sequence
from importlib import resources
from string import Template

from .authorization import AuthorizationRequest
from .personas import PersonaRecord

__all__ = ["HTML_HEADERS", "render_error_page", "render_login_page"]

_PACKAGE = "oneid_sdk.emulator"

HTML_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}
"""Headers of every HTML answer: not cached, not framed, no scripts, and the URL (with its state) not leaked."""


@functools.cache
def _template(name: str) -> Template:
    text = resources.files(_PACKAGE).joinpath("templates", name).read_text(encoding="utf-8")
    return Template(text)


def _text(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _persona_item(persona: PersonaRecord) -> str:
    identify = persona.identify
    return _template("persona.html").substitute(
        id=_text(persona.id),
        label=_text(persona.label),
        full_name=_text(identify.get("full_name")),
        pin=_text(identify.get("pin")),
        user_type=_text(identify.get("user_type")),
        auth_method=_text(identify.get("auth_method")),
    )


def render_login_page(
    request: AuthorizationRequest, *, personas: Sequence[PersonaRecord], action: str, response_type: str
) -> str:
    """The page with one button per persona; the form posts the authorization request back to ``action``."""
    return _template("login.html").substitute(
        action=_text(action),
        response_type=_text(response_type),
        client_id=_text(request.client.client_id),
        redirect_uri=_text(request.redirect_uri),
        scope=_text(request.scope),
        state=_text(request.state),
        personas="".join(_persona_item(persona) for persona in personas),
        persona_ids=", ".join(_text(persona.id) for persona in personas),
    )


def render_error_page(message: str) -> str:
    """The page shown, with status 400, instead of a redirect when an authorization request is refused."""
    return _template("error.html").substitute(message=_text(message))
