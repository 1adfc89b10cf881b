"""One log line per login outcome, on the ``oneid_sdk`` logger.

A success is logged at INFO with the user type and the authentication method; a refusal at WARNING (the request or
the user was refused) or ERROR (OneID or the state store failed) with its ``error`` code and status. The person
(PIN, full name) is named only when ``ONE_ID_LOG_PERSONAL_DATA`` is on. A line never holds the code, the state,
the binding secret, a token, the client secret or anything else OneID sent. Each record also carries the values as
attributes (``oneid_outcome``, ``oneid_error``, ``oneid_status``, ``oneid_user_type``, ``oneid_auth_method``) for
structured log handlers.
"""

from __future__ import annotations

import enum
import logging
import re
from typing import TYPE_CHECKING

from ..errors import OneIDError

if TYPE_CHECKING:
    from .._generated.models import UserInfo

__all__ = ["log_login_failure", "log_login_success", "logger"]

logger = logging.getLogger("oneid_sdk")


_CODE = re.compile(r"[A-Za-z0-9_.-]{1,40}")


def _plain(value: object) -> str | None:
    """A code-like field's text (an enum's value), ``None`` when absent, ``"unrecognised"`` when it is not a code.

    A value OneID sent that the enum does not list is kept on the model; it reaches the log only when it looks like
    a code, so an odd answer cannot write arbitrary text (or a line break) into the log.
    """
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        value = value.value
    text = str(value)
    return text if _CODE.fullmatch(text) else "unrecognised"


def log_login_success(user: UserInfo, *, personal_data: bool) -> None:
    """Log a completed login."""
    user_type = _plain(user.user_type)
    auth_method = _plain(user.auth_method)
    extra: dict[str, object] = {
        "oneid_outcome": "success",
        "oneid_user_type": user_type,
        "oneid_auth_method": auth_method,
    }
    if personal_data:
        extra.update(oneid_pin=user.pin, oneid_full_name=user.full_name)
        logger.info(
            "oneid login succeeded: user_type=%s auth_method=%s pin=%s full_name=%s",
            user_type,
            auth_method,
            user.pin,
            user.full_name,
            extra=extra,
        )
        return
    logger.info("oneid login succeeded: user_type=%s auth_method=%s", user_type, auth_method, extra=extra)


def log_login_failure(error: OneIDError) -> None:
    """Log a login that ended with ``error`` (its code and status only: messages stay in the answer)."""
    level = logging.ERROR if error.status >= 500 else logging.WARNING
    outcome = "failed" if error.status >= 500 else "refused"
    logger.log(
        level,
        "oneid login %s: %s (HTTP %d)%s",
        outcome,
        error.error,
        error.status,
        "; the state is spent" if error.restart_required else "",
        extra={"oneid_outcome": outcome, "oneid_error": error.error, "oneid_status": error.status},
    )
