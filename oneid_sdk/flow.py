"""The login flow without a web framework: begin (redirect to OneID), complete (callback), log out.

:class:`AsyncLoginFlow` and :class:`LoginFlow` put a client, the redirect-URI allow-list and the state manager
together, so that a Django, Flask or script integration gets the same protections as the FastAPI routers::

    flow = LoginFlow(OneIDClient(settings))    # once, at start-up
    start = flow.begin()                       # redirect the browser to start.authorization_url,
                                               # keep start.binding in an HttpOnly cookie
    payload = flow.complete(code, state, binding_from_cookie)

:meth:`~AsyncLoginFlow.complete` refuses a callback (without calling OneID, and without spending the state) when
the code is missing, the redirect URI is off the allow-list, the binding secret is missing or another browser's, or
the state was issued for another client id; it spends the state atomically, so a replay or a concurrent duplicate
is refused too, and it checks the state's redirect URI against the allow-list in force before OneID is called. An
error after that point (OneID failed, timed out or refused) says that the login has to be started again
(:attr:`~oneid_sdk.errors.OneIDError.restart_required`). Every outcome is logged once (:mod:`.security.audit`).

Everything that does no I/O is shared between the two classes, so they cannot disagree.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from ._generated.client import AsyncOneIDClient, OneIDClient
from ._generated.models import LogoutResponse, TokenResponse, UserInfo
from .errors import OneIDError, OneIDInvalidRedirectURIError, OneIDMissingCodeError, OneIDRedirectURIMismatchError
from .payload import OneIDAuthPayload
from .security.audit import log_login_failure, log_login_success
from .security.redirect_policy import RedirectPolicy
from .security.state import IssuedState, StateManager, SyncStateManager
from .security.store import StateStore, SyncStateStore, default_state_store, default_sync_state_store
from .settings import OneIDSettings

__all__ = ["AsyncLoginFlow", "LoginFlow", "LoginStart"]

logger = logging.getLogger("oneid_sdk")


@dataclass(frozen=True, slots=True)
class LoginStart:
    """Where to send the browser, and what it must bring back."""

    authorization_url: str
    """OneID's login page for this attempt; redirect the browser here."""
    state: str
    """The state inside ``authorization_url``; OneID returns it on the callback."""
    binding: str = field(repr=False)
    """The secret the starting browser must present with the state; keep it in an HttpOnly cookie."""
    redirect_uri: str
    """The allow-listed redirect URI OneID will send the browser back to."""


def _requested(redirect_uri: str | None) -> str | None:
    return redirect_uri if redirect_uri else None


def _checked_callback(policy: RedirectPolicy, code: str, redirect_uri: str | None) -> str | None:
    """The redirect URI a callback names (``None`` when none), after the checks that need no state."""
    if not code:
        raise OneIDMissingCodeError("The callback carries no authorization code")
    requested = _requested(redirect_uri)
    if requested is not None:
        policy.resolve(requested)
    return requested


def _start(client_url: str, issued: IssuedState) -> LoginStart:
    return LoginStart(
        authorization_url=client_url,
        state=issued.state,
        binding=issued.binding,
        redirect_uri=issued.redirect_uri,
    )


def _binds(settings: OneIDSettings) -> bool:
    """Whether states are bound to their browser; warns about every insecure setting that is on."""
    if settings.one_id_insecure_allow_http:
        logger.warning(
            "ONE_ID_INSECURE_ALLOW_HTTP is on: redirect URIs may use plain http, so the authorization code can "
            "travel unencrypted. Never enable it in production."
        )
    if not settings.one_id_insecure_disable_binding:
        return True
    logger.warning(
        "ONE_ID_INSECURE_DISABLE_BINDING is on: a login state is accepted from any browser or client, which lets "
        "an attacker sign a victim in to the attacker's account (login CSRF). Never enable it in production."
    )
    return False


def _refused(error: OneIDError) -> None:
    """A refusal before or while the state was redeemed (a spent state is said to need a new login)."""
    if isinstance(error, OneIDRedirectURIMismatchError):
        error.require_restart()
    log_login_failure(error)


def _still_allowed(policy: RedirectPolicy, redirect_uri: str) -> None:
    """Refuse a redeemed state whose redirect URI the allow-list in force no longer holds (it was issued elsewhere)."""
    try:
        policy.resolve(redirect_uri)
    except OneIDInvalidRedirectURIError:
        raise OneIDInvalidRedirectURIError(
            "The login's redirect URI is not present in ONE_ID_ALLOWED_REDIRECT_URIS"
        ) from None


def _failed_after_redemption(error: OneIDError) -> None:
    error.require_restart()
    log_login_failure(error)


def _succeeded(
    settings: OneIDSettings, code: str, redirect_uri: str, token: TokenResponse, user: UserInfo
) -> OneIDAuthPayload:
    log_login_success(user, personal_data=settings.one_id_log_personal_data)
    return OneIDAuthPayload(code=code, redirect_uri=redirect_uri, token=token, user=user)


class AsyncLoginFlow:
    """The login flow over an :class:`AsyncOneIDClient` and an asynchronous state store."""

    def __init__(self, client: AsyncOneIDClient, *, state_store: StateStore | None = None) -> None:
        self.client = client
        self.states = StateManager(
            state_store if state_store is not None else default_state_store(),
            ttl=client.settings.one_id_state_ttl,
            bind=_binds(client.settings),
            client_id=client.settings.one_id_client_id,
        )

    @property
    def settings(self) -> OneIDSettings:
        """The client's settings."""
        return self.client.settings

    @property
    def redirect_policy(self) -> RedirectPolicy:
        """The redirect-URI allow-list in force."""
        return self.client.settings.redirect_policy

    async def begin(self, redirect_uri: str | None = None, *, binding: str | None = None) -> LoginStart:
        """Issue a state and build the authorization URL.

        ``redirect_uri`` must be on the allow-list (the default one is used when it is omitted). Pass the
        browser's current ``binding`` to keep one secret per browser; a new one is made when it is absent.
        """
        try:
            resolved = self.redirect_policy.resolve(_requested(redirect_uri))
            issued = await self.states.issue(resolved, binding=binding)
        except OneIDError as exc:
            log_login_failure(exc)
            raise
        return _start(self.client.authorization_url(redirect_uri=resolved, state=issued.state), issued)

    async def complete(
        self,
        code: str,
        state: str,
        binding: str | None,
        redirect_uri: str | None = None,
    ) -> OneIDAuthPayload:
        """Check the callback, exchange the code and identify the user.

        Every check (code, allow-list, state, binding, redirect URI) happens before OneID is called; ``binding``
        is the secret of :attr:`LoginStart.binding`, as the browser brought it back.
        """
        try:
            requested = _checked_callback(self.redirect_policy, code, redirect_uri)
            resolved = await self.states.redeem(state, binding, redirect_uri=requested)
        except OneIDError as exc:
            _refused(exc)
            raise
        try:
            _still_allowed(self.redirect_policy, resolved)
            token = await self.client.exchange_code(code=code, redirect_uri=resolved)
            user = await self.client.identify(access_token=token.access_token)
        except OneIDError as exc:
            _failed_after_redemption(exc)
            raise
        return _succeeded(self.settings, code, resolved, token, user)

    async def log_out(self, access_token: str) -> LogoutResponse:
        """End the user's OneID session."""
        return await self.client.log_out(access_token=access_token)


class LoginFlow:
    """The login flow over a blocking :class:`OneIDClient` and a blocking state store."""

    def __init__(self, client: OneIDClient, *, state_store: SyncStateStore | None = None) -> None:
        self.client = client
        self.states = SyncStateManager(
            state_store if state_store is not None else default_sync_state_store(),
            ttl=client.settings.one_id_state_ttl,
            bind=_binds(client.settings),
            client_id=client.settings.one_id_client_id,
        )

    @property
    def settings(self) -> OneIDSettings:
        """The client's settings."""
        return self.client.settings

    @property
    def redirect_policy(self) -> RedirectPolicy:
        """The redirect-URI allow-list in force."""
        return self.client.settings.redirect_policy

    def begin(self, redirect_uri: str | None = None, *, binding: str | None = None) -> LoginStart:
        """Issue a state and build the authorization URL (see :meth:`AsyncLoginFlow.begin`)."""
        try:
            resolved = self.redirect_policy.resolve(_requested(redirect_uri))
            issued = self.states.issue(resolved, binding=binding)
        except OneIDError as exc:
            log_login_failure(exc)
            raise
        return _start(self.client.authorization_url(redirect_uri=resolved, state=issued.state), issued)

    def complete(
        self,
        code: str,
        state: str,
        binding: str | None,
        redirect_uri: str | None = None,
    ) -> OneIDAuthPayload:
        """Check the callback, exchange the code and identify the user (see :meth:`AsyncLoginFlow.complete`)."""
        try:
            requested = _checked_callback(self.redirect_policy, code, redirect_uri)
            resolved = self.states.redeem(state, binding, redirect_uri=requested)
        except OneIDError as exc:
            _refused(exc)
            raise
        try:
            _still_allowed(self.redirect_policy, resolved)
            token = self.client.exchange_code(code=code, redirect_uri=resolved)
            user = self.client.identify(access_token=token.access_token)
        except OneIDError as exc:
            _failed_after_redemption(exc)
            raise
        return _succeeded(self.settings, code, resolved, token, user)

    def log_out(self, access_token: str) -> LogoutResponse:
        """End the user's OneID session."""
        return self.client.log_out(access_token=access_token)
