"""What a completed login hands to the application: the code, the redirect URI, the token and the user."""

from __future__ import annotations

from pydantic import BaseModel, Field

from ._generated.models import TokenResponse, UserInfo

__all__ = ["OneIDAuthPayload"]


class OneIDAuthPayload(BaseModel):
    """The result of a successful login, passed to the application's handler.

    Its ``repr`` shows only the redirect URI: the code, the token and the personal data stay out of logs.
    """

    code: str = Field(repr=False)
    """The authorization code that was exchanged (already spent)."""
    redirect_uri: str
    """The allow-listed redirect URI the login used."""
    token: TokenResponse = Field(repr=False)
    """OneID's token answer; ``token.access_token`` is needed to log the user out of OneID later."""
    user: UserInfo = Field(repr=False)
    """Who signed in (``user.pin`` is the stable key of a person)."""

    @property
    def redirect_url(self) -> str:
        """Alias of :attr:`redirect_uri` (the name used by fastapi-oneid)."""
        return self.redirect_uri
