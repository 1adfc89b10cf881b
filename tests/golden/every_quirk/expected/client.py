# Generated from tests/golden/every_quirk/spec.yaml by `python -m generator`. Do not edit: change the spec.
"""OneID's clients: :class:`OneIDClient` on ``httpx.Client`` and :class:`AsyncOneIDClient` on ``httpx.AsyncClient``.

Both are rendered by one template macro, so their methods cannot drift apart. They are thin shells: ``operations``
builds each request and reads each answer, ``oneid_sdk._http`` sends it and maps every failure to an error.
"""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Self

from oneid_sdk._http import apost_form, httpx, post_form

from . import operations
from .constants import CONNECT_BACKOFF_SECONDS, CONNECT_RETRIES
from .models import Person, Token

if TYPE_CHECKING:
    from oneid_sdk.settings import OneIDSettings

__all__ = ["AsyncOneIDClient", "OneIDClient"]


def _settings_from_environment() -> OneIDSettings:
    # Imported here: oneid_sdk.settings imports this package's constants.
    from oneid_sdk.settings import OneIDSettings

    # The required fields come from the environment; pyright cannot know that.
    return OneIDSettings()  # pyright: ignore[reportCallIssue]


class OneIDClient:
    """OneID's operations over ``httpx.Client``.

    ``settings`` default to ``OneIDSettings()``, read from the environment. An ``http_client`` passed in is used
    as it is and left open; the one the client creates itself (timeout ``settings.one_id_timeout``) is closed by
    ``close()`` or at the end of the ``with`` block.

    A call is sent again only when the connection to OneID failed (nothing was sent): up to ``CONNECT_RETRIES``
    times, after ``CONNECT_BACKOFF_SECONDS``, doubled each time. Nothing that may have reached OneID is retried.
    """

    settings: OneIDSettings

    def __init__(self, settings: OneIDSettings | None = None, *, http_client: httpx.Client | None = None) -> None:
        self.settings = settings if settings is not None else _settings_from_environment()
        self._owns_http_client = http_client is None
        if http_client is None:
            http_client = httpx.Client(timeout=self.settings.one_id_timeout)
        self._http_client = http_client

    def close(self) -> None:
        """Close the HTTP client if this client created it."""
        if self._owns_http_client:
            self._http_client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def authorization_url(self, *, redirect_uri: str, state: str) -> str:
        """Send the browser to the login page.

        Args:
            redirect_uri: Where to come back.
            state: Returned unchanged.

        Returns:
            The URL of OneID's login page, with the parameters in OneID's order.
        """
        return operations.build_authorization_url(self.settings, redirect_uri=redirect_uri, state=state)

    def exchange_code(self, *, code: str) -> Token:
        """Exchange a code.

        Single use.

        Args:
            code: The code.

        Returns:
            The answer as :class:`Token`; keys the spec does not list are kept.

        Raises:
            OneIDTokenExchangeError: No token.
            OneIDHTTPError: OneID failed, timed out, could not be reached, or answered something unusable.
        """
        form = operations.build_exchange_code_form(self.settings, code=code)
        response = post_form(
            self._http_client,
            self.settings.one_id_sso_url,
            form,
            operation="exchange_code",
            connect_retries=CONNECT_RETRIES,
            connect_backoff=CONNECT_BACKOFF_SECONDS,
        )
        return operations.parse_exchange_code_response(response)

    def identify(self, *, access_token: str) -> Person:
        """Who is it.

        Args:
            access_token: The token.

        Returns:
            The answer as :class:`Person`; keys the spec does not list are kept.

        Raises:
            OneIDUserInfoError: Nobody.
            OneIDHTTPError: OneID failed, timed out, could not be reached, or answered something unusable.
        """
        form = operations.build_identify_form(self.settings, access_token=access_token)
        response = post_form(
            self._http_client,
            self.settings.one_id_sso_url,
            form,
            operation="identify",
            connect_retries=CONNECT_RETRIES,
            connect_backoff=CONNECT_BACKOFF_SECONDS,
        )
        return operations.parse_identify_response(response)


class AsyncOneIDClient:
    """OneID's operations over ``httpx.AsyncClient``.

    ``settings`` default to ``OneIDSettings()``, read from the environment. An ``http_client`` passed in is used
    as it is and left open; the one the client creates itself (timeout ``settings.one_id_timeout``) is closed by
    ``aclose()`` or at the end of the ``async with`` block.

    A call is sent again only when the connection to OneID failed (nothing was sent): up to ``CONNECT_RETRIES``
    times, after ``CONNECT_BACKOFF_SECONDS``, doubled each time. Nothing that may have reached OneID is retried.
    """

    settings: OneIDSettings

    def __init__(self, settings: OneIDSettings | None = None, *, http_client: httpx.AsyncClient | None = None) -> None:
        self.settings = settings if settings is not None else _settings_from_environment()
        self._owns_http_client = http_client is None
        if http_client is None:
            http_client = httpx.AsyncClient(timeout=self.settings.one_id_timeout)
        self._http_client = http_client

    async def aclose(self) -> None:
        """Close the HTTP client if this client created it."""
        if self._owns_http_client:
            await self._http_client.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    def authorization_url(self, *, redirect_uri: str, state: str) -> str:
        """Send the browser to the login page.

        Args:
            redirect_uri: Where to come back.
            state: Returned unchanged.

        Returns:
            The URL of OneID's login page, with the parameters in OneID's order.
        """
        return operations.build_authorization_url(self.settings, redirect_uri=redirect_uri, state=state)

    async def exchange_code(self, *, code: str) -> Token:
        """Exchange a code.

        Single use.

        Args:
            code: The code.

        Returns:
            The answer as :class:`Token`; keys the spec does not list are kept.

        Raises:
            OneIDTokenExchangeError: No token.
            OneIDHTTPError: OneID failed, timed out, could not be reached, or answered something unusable.
        """
        form = operations.build_exchange_code_form(self.settings, code=code)
        response = await apost_form(
            self._http_client,
            self.settings.one_id_sso_url,
            form,
            operation="exchange_code",
            connect_retries=CONNECT_RETRIES,
            connect_backoff=CONNECT_BACKOFF_SECONDS,
        )
        return operations.parse_exchange_code_response(response)

    async def identify(self, *, access_token: str) -> Person:
        """Who is it.

        Args:
            access_token: The token.

        Returns:
            The answer as :class:`Person`; keys the spec does not list are kept.

        Raises:
            OneIDUserInfoError: Nobody.
            OneIDHTTPError: OneID failed, timed out, could not be reached, or answered something unusable.
        """
        form = operations.build_identify_form(self.settings, access_token=access_token)
        response = await apost_form(
            self._http_client,
            self.settings.one_id_sso_url,
            form,
            operation="identify",
            connect_retries=CONNECT_RETRIES,
            connect_backoff=CONNECT_BACKOFF_SECONDS,
        )
        return operations.parse_identify_response(response)
