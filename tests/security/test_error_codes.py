"""Every cause of a refused or failed request has its own ``error`` code and a status of the documented set.

The table below is the one in the README's "Security model" section; changing a code or a status breaks code that
users wrote against it, so it is pinned here.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import oneid_sdk.errors
from oneid_sdk.errors import OneIDError, OneIDHTTPError, OneIDTokenError, OneIDTokenExchangeError, OneIDUpstreamError
from oneid_sdk.fastapi._answers import handler_not_configured_answer
from oneid_sdk.fastapi._input import InvalidRequestError
from oneid_sdk.fastapi._methods import method_not_allowed_answer

TABLE = {
    "invalid_request": 422,
    "request_too_large": 413,
    "method_not_allowed": 405,
    "redirect_uri_not_allowed": 400,
    "redirect_uri_mismatch": 400,
    "invalid_state": 400,
    "state_binding_missing": 400,
    "state_binding_mismatch": 400,
    "code_missing": 400,
    "state_store_unavailable": 503,
    "oneid_timeout": 504,
    "oneid_unreachable": 502,
    "oneid_http_error": 502,
    "oneid_invalid_response": 502,
    "oneid_upstream_error": 502,
    "code_exchange_refused": 401,
    "identify_refused": 401,
    "oneid_login_denied": 401,
    "oneid_refused": 401,
    "logout_refused": 400,
    "configuration_error": 500,
    "handler_not_configured": 500,
    "oneid_error": 400,
}

# Names kept for code written against fastapi-oneid: same cause, same code.
ALIASES: dict[type[OneIDError], type[OneIDError]] = {
    OneIDTokenError: OneIDTokenExchangeError,
    OneIDUpstreamError: OneIDHTTPError,
}

CONTRACT_STATUSES = {400, 401, 405, 413, 422, 429, 500, 502, 503, 504}


def error_classes() -> list[type[OneIDError]]:
    classes = [
        value
        for value in vars(oneid_sdk.errors).values()
        if inspect.isclass(value) and issubclass(value, OneIDError) and value not in ALIASES
    ]
    return [*classes, InvalidRequestError]


def test_every_cause_has_a_code_of_its_own() -> None:
    codes = [cls.error for cls in error_classes()]
    assert len(codes) == len(set(codes)), sorted(codes)
    for alias, original in ALIASES.items():
        assert issubclass(alias, original)
        assert (alias.error, alias.status) == (original.error, original.status)


def test_the_codes_and_statuses_are_those_of_the_documented_table() -> None:
    documented = {cls.error: cls.status for cls in error_classes()}
    answer = handler_not_configured_answer()
    documented["handler_not_configured"] = answer.status_code
    documented["method_not_allowed"] = method_not_allowed_answer({"GET"}).status_code
    assert documented == TABLE
    assert set(TABLE.values()) <= CONTRACT_STATUSES


def test_codes_are_stable_snake_case() -> None:
    for code in TABLE:
        assert code == code.lower()
        assert code.replace("_", "").isalpha()


def test_every_error_class_is_exported() -> None:
    exported = set(oneid_sdk.errors.__all__)
    assert {cls.__name__ for cls in error_classes() if cls is not InvalidRequestError} <= exported


def test_the_readme_table_lists_every_code_with_its_status() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| `error` | Status | Cause |") :].split("\n\n", 1)[0]
    listed: dict[str, int] = {}
    for row in table.splitlines()[2:]:
        codes, status, _ = (cell.strip() for cell in row.strip("|").split("|", 2))
        for code, code_status in zip(re.findall(r"`(\w+)`", codes), status.split(", "), strict=True):
            listed[code] = int(code_status)
    assert listed == TABLE
