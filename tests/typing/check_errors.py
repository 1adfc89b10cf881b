# pyright: reportUnnecessaryTypeIgnoreComment=error
"""The errors' stable attributes, and the reads that must not type-check."""

from __future__ import annotations

from typing import assert_type

from oneid_sdk import (
    OneIDError,
    OneIDHTTPError,
    OneIDHTTPStatusError,
    OneIDInvalidResponseError,
    OneIDRefusedError,
    OneIDTimeoutError,
    OneIDUserInfoError,
)


def attributes(
    error: OneIDError,
    upstream: OneIDHTTPError,
    invalid: OneIDInvalidResponseError,
    refused: OneIDRefusedError,
) -> None:
    assert_type(error.error, str)
    assert_type(error.status, int)
    assert_type(error.message, str)
    assert_type(OneIDUserInfoError.error, str)
    assert_type(upstream.status_code, int | None)
    assert_type(upstream.is_timeout, bool)
    assert_type(invalid.field, str | None)
    assert_type(refused.ret_cd, str | None)
    assert_type(OneIDHTTPStatusError("OneID answered 503", status_code=503), OneIDHTTPStatusError)
    assert_type(OneIDTimeoutError("OneID did not answer"), OneIDTimeoutError)


def takes_int(value: int) -> None: ...


def error_misuse(upstream: OneIDHTTPError, refused: OneIDRefusedError) -> None:
    takes_int(upstream.status_code)  # type: ignore[arg-type]
    takes_int(refused.ret_cd)  # type: ignore[arg-type]
    OneIDHTTPStatusError("OneID answered 503", 503)  # type: ignore[call-arg]
    OneIDTimeoutError("slow", is_timeout=True)  # type: ignore[call-arg]
    refused.error = "something_else"  # type: ignore[misc]
