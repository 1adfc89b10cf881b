"""Handwritten behaviour of the generated answer models.

``spec/oneid.yaml`` names these classes as the bases of ``TokenResponse`` and ``UserInfo`` (``x-python-base``), so
the helpers sit on the models users already hold while the fields stay generated from the spec.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Final, cast

from pydantic import PrivateAttr

from ._quirks import OneIDModel

if TYPE_CHECKING:
    from ._generated.models import LegalInfo, TokenResponse, UserInfo

__all__ = ["RECEIVED_AT", "TokenResponseHelpers", "UserInfoHelpers", "expiry_instant", "utc_now"]

RECEIVED_AT: Final = "received_at"
"""Key of the validation context that sets :attr:`TokenResponseHelpers.received_at` (``model_validate(body,
context={RECEIVED_AT: when})``); without it the token was received when it was read."""

EPOCH_MS_ABOVE: Final = 10**11
"""An ``expires_in`` above this is an instant in epoch milliseconds (10**11 ms is 1973); at or below, seconds."""

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)


def utc_now() -> datetime:
    """The current time, timezone-aware (UTC)."""
    return datetime.now(UTC)


def expiry_instant(expires_in: int | None, *, received_at: datetime) -> datetime | None:
    """When a token expires: ``expires_in`` read as epoch milliseconds or as seconds after ``received_at``.

    ``None`` when OneID sent no usable value (absent, negative, or out of the range of dates).
    """
    if expires_in is None or expires_in < 0:
        return None
    try:
        if expires_in > EPOCH_MS_ABOVE:
            return _EPOCH + timedelta(milliseconds=expires_in)
        return received_at + timedelta(seconds=expires_in)
    except OverflowError:
        return None


class TokenResponseHelpers(OneIDModel):
    """Base of ``TokenResponse``: when the token was received and when it expires."""

    _received_at: datetime = PrivateAttr(default_factory=lambda: utc_now())

    def model_post_init(self, context: Any, /) -> None:
        """Take the time of receipt from the validation context (:data:`RECEIVED_AT`) when one is given."""
        received_at = context.get(RECEIVED_AT) if isinstance(context, Mapping) else None
        if isinstance(received_at, datetime) and received_at.utcoffset() is not None:
            self._received_at = received_at

    @property
    def received_at(self) -> datetime:
        """When the answer was received (read), timezone-aware."""
        return self._received_at

    @property
    def expires_at(self) -> datetime | None:
        """When the access token expires, timezone-aware (UTC), or ``None`` when OneID did not say.

        OneID has been seen sending ``expires_in`` as an instant in epoch milliseconds; older samples use a duration
        in seconds. A value above 10**11 is read as the former, anything else as seconds after :attr:`received_at`.
        """
        token = cast("TokenResponse", self)
        return expiry_instant(token.expires_in, received_at=self._received_at)


class UserInfoHelpers(OneIDModel):
    """Base of ``UserInfo``: the questions applications ask about the person who signed in."""

    @property
    def display_name(self) -> str | None:
        """A name to show: ``full_name``, else ``sur_name first_name mid_name`` (OneID's order), else ``user_id``."""
        user = cast("UserInfo", self)
        if user.full_name and user.full_name.strip():
            return user.full_name.strip()
        names = [name.strip() for name in (user.sur_name, user.first_name, user.mid_name) if name and name.strip()]
        if names:
            return " ".join(names)
        return user.user_id

    @property
    def selected_organisation(self) -> LegalInfo | None:
        """The organisation chosen at login: the first ``legal_info`` entry with ``is_basic``.

        Without one, the entry whose ``tin`` (or ``le_tin``) is ``pkcs_legal_tin``, the organisation whose
        e-signature key was used; else ``None``.
        """
        user = cast("UserInfo", self)
        organisations = user.legal_info or []
        for organisation in organisations:
            if organisation.is_basic:
                return organisation
        if user.pkcs_legal_tin:
            for organisation in organisations:
                if user.pkcs_legal_tin in {organisation.tin, organisation.le_tin}:
                    return organisation
        return None

    @property
    def is_legal_entity_login(self) -> bool:
        """Whether this is a legal-entity login: ``user_type`` is ``"L"`` or ``auth_method`` is ``LEPKCSMETHOD``.

        Either is enough: older answers have no ``auth_method``, and a login with a company's e-signature key is a
        legal-entity login whatever the account type says.
        """
        from ._generated.models import AuthMethod, UserType

        user = cast("UserInfo", self)
        return user.user_type == UserType.LEGAL_ENTITY or user.auth_method == AuthMethod.LEPKCSMETHOD

    @property
    def birth_date_raw(self) -> str | None:
        """``birth_date`` as OneID sent it (``birth_date`` itself is ``None`` when that text is not a date)."""
        value = self.wire_value("birth_date")
        return value if isinstance(value, str) and value.strip() else None
