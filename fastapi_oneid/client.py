"""The asynchronous client of fastapi-oneid: :class:`oneid_sdk.AsyncOneIDClient` plus the method names it had."""

from __future__ import annotations

import httpx

from oneid_sdk._generated.client import AsyncOneIDClient
from oneid_sdk._generated.models import TokenResponse, UserInfo
from oneid_sdk.payload import OneIDAuthPayload
from oneid_sdk.settings import OneIDSettings

from .schemas import OneIDLogoutResponse

__all__ = ["OneIDClient"]


class OneIDClient(AsyncOneIDClient):
    """:class:`~oneid_sdk.AsyncOneIDClient` with the positional methods of fastapi-oneid.

    Redirect URIs passed to these methods must be on the allow-list. The methods do not check ``state``: the
    routers and :class:`~oneid_sdk.AsyncLoginFlow` do.
    """

    def __init__(self, settings: OneIDSettings | None = None, http_client: httpx.AsyncClient | None = None) -> None:
        super().__init__(settings, http_client=http_client)

    @property
    def http_client(self) -> httpx.AsyncClient:
        """The HTTP client the requests go through."""
        return self._http_client

    def get_authorization_url(self, redirect_uri: str, state: str) -> str:
        """OneID's login page for ``state``; ``redirect_uri`` must be on the allow-list."""
        return self.authorization_url(redirect_uri=self.settings.redirect_policy.resolve(redirect_uri), state=state)

    async def exchange_code(self, code: str, redirect_uri: str) -> TokenResponse:
        """Exchange ``code`` for an access token; ``redirect_uri`` must be on the allow-list."""
        allowed = self.settings.redirect_policy.resolve(redirect_uri)
        return await super().exchange_code(code=code, redirect_uri=allowed)

    async def get_user_info(self, access_token: str) -> UserInfo:
        """The user behind ``access_token`` (``identify``)."""
        return await self.identify(access_token=access_token)

    async def resolve_auth_payload(self, code: str, redirect_uri: str) -> OneIDAuthPayload:
        """Exchange ``code`` and identify the user, without any state check."""
        token = await self.exchange_code(code, redirect_uri)
        user = await self.identify(access_token=token.access_token)
        return OneIDAuthPayload(code=code, redirect_uri=redirect_uri, token=token, user=user)

    async def get_user(self, code: str, redirect_uri: str) -> UserInfo:
        """Exchange ``code`` and return only the user."""
        return (await self.resolve_auth_payload(code, redirect_uri)).user

    async def logout(self, access_token: str) -> OneIDLogoutResponse:
        """End the OneID session of ``access_token`` (``log_out``); ``success`` is true, a refusal raises."""
        answer = await self.log_out(access_token=access_token)
        return OneIDLogoutResponse.model_validate({**answer.model_dump(), "success": True})
