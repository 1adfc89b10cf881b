# Generated from tests/golden/minimal/spec.yaml by `python -m generator`. Do not edit: change the spec.
"""Models of the answers OneID sends, from the spec's ``schemas``."""

from __future__ import annotations

from pydantic import ConfigDict

from oneid_sdk._quirks import OneIDModel

__all__ = ["LogoutResponse"]


class LogoutResponse(OneIDModel):
    """
    The answer to `log_out`.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
    )
    ret_cd: str | None = None
    """
    Result code.
    """
