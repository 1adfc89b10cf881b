"""Type-checked with ``mypy --strict`` against the package rendered from ``spec.yaml`` (as ``generated``), then run."""

from __future__ import annotations

from typing import assert_type

from generated import GRANT_TYPE_LOGOUT, AsyncOneIDClient, LogoutResponse, OneIDClient
from generated.constants import CONNECT_RETRIES


async def log_out(client: AsyncOneIDClient) -> None:
    assert_type(await client.log_out(access_token="t"), LogoutResponse)


def log_out_blocking(client: OneIDClient) -> None:
    assert_type(client.log_out(access_token="t"), LogoutResponse)


answer = LogoutResponse.model_validate({"ret_cd": "0", "extra": 1})
assert_type(answer.ret_cd, str | None)
assert answer.ret_cd == "0" and answer.model_extra == {"extra": 1}
assert GRANT_TYPE_LOGOUT == "one_log_out"
assert CONNECT_RETRIES == 0
assert not hasattr(OneIDClient, "authorization_url")
