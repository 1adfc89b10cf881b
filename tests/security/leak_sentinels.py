"""Sentinel values, a scripted OneID on 127.0.0.1, and the checks that no sentinel leaks.

The sentinels stand for what must never leave the SDK: the client secret, the access and refresh tokens, and
whatever OneID writes in a body (every body OneID sends here carries :data:`MARKER`, in success answers, error
answers and bodies that are not JSON). The PIN and the names stand for personal data, which may appear in log
records only when ``one_id_log_personal_data`` is on.

:class:`ScriptedOneID` is a real HTTP server on 127.0.0.1, so that requests go through httpx's real transport and
httpx's and httpcore's own loggers write what they would write in production.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

from oneid_sdk.settings import OneIDSettings

__all__ = [
    "ACCESS_TOKEN",
    "CALLBACK",
    "CLIENT_SECRET",
    "EXCHANGE_FAILURES",
    "EXCHANGE_SUCCESS",
    "IDENTIFY_FAILURES",
    "IDENTIFY_SUCCESS",
    "LOG_OUT_FAILURES",
    "LOG_OUT_SUCCESS",
    "MARKER",
    "PERSONAL_DATA",
    "PIN",
    "REFRESH_TOKEN",
    "SECRETS",
    "Failure",
    "Reply",
    "ScriptedOneID",
    "Stall",
    "assert_clean_answer",
    "assert_clean_exception",
    "assert_clean_logs",
    "capture_everything",
    "closed_port_url",
    "leaks",
    "running_oneid",
    "sentinel_settings",
]

CLIENT_SECRET = "sentinel-client-secret-3d9f0b"
ACCESS_TOKEN = "sentinel-access-token-81c24e"
REFRESH_TOKEN = "sentinel-refresh-token-57ae19"
MARKER = "sentinel-upstream-body-c0de77"
SECRETS: Mapping[str, str] = {
    "client secret": CLIENT_SECRET,
    "access token": ACCESS_TOKEN,
    "refresh token": REFRESH_TOKEN,
    "upstream body": MARKER,
}
"""What may appear in no answer, exception or log record."""

PIN = "31415926535897"
SURNAME = "SENTINELOV"
FIRST_NAME = "ZARINAXQ"
PATRONYMIC = "SENTINELOVNA"
PASSPORT = "ZZ7654321"
PERSONAL_DATA: Mapping[str, str] = {
    "pin": PIN,
    "surname": SURNAME,
    "first name": FIRST_NAME,
    "patronymic": PATRONYMIC,
    "passport": PASSPORT,
}
"""What may appear in log records only when ``one_id_log_personal_data`` is on."""

CALLBACK = "https://portal.example.uz/one-id/access"
SPA_CALLBACK = "https://app.example.uz/auth/callback"
SSO_PATH = "/sso/oauth/Authorization.do"
HOST = "127.0.0.1"


# --- what the scripted OneID answers --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    """An HTTP answer."""

    status: int
    body: bytes
    content_type: str = "application/json; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Stall:
    """No answer for ``seconds`` (longer than the client's timeout)."""

    seconds: float = 1.0


@dataclass(frozen=True)
class Raw:
    """Bytes written straight to the socket (a broken or truncated HTTP answer), then the connection is closed."""

    data: bytes


Answer = Reply | Stall | Raw


def _json(status: int, body: Any) -> Reply:
    return Reply(status, json.dumps(body).encode())


@dataclass(frozen=True)
class Failure:
    """One way an operation can fail; ``answer`` always carries the marker (or none, for a silence)."""

    name: str
    answer: Answer
    timeout: float = 5.0

    def __str__(self) -> str:
        return self.name


EXCHANGE_SUCCESS = _json(
    200,
    {
        "access_token": ACCESS_TOKEN,
        "refresh_token": REFRESH_TOKEN,
        "token_type": "Bearer",
        "scope": "sentinel-scope",
        "expires_in": 1_893_456_000_000,
        "x_note": MARKER,
    },
)
IDENTIFY_SUCCESS = _json(
    200,
    {
        "valid": "true",
        "validation_method": ["PKCSMETHOD"],
        "pin": PIN,
        "user_id": "sentinel.user",
        "full_name": f"{SURNAME} {FIRST_NAME} {PATRONYMIC}",
        "pport_no": PASSPORT,
        "birth_date": "1990-01-01",
        "sur_name": SURNAME,
        "first_name": FIRST_NAME,
        "mid_name": PATRONYMIC,
        "user_type": "I",
        "sess_id": "5c1a7b1e-0000-4000-8000-000000000001",
        "ret_cd": "0",
        "auth_method": "PKCSMETHOD",
        "legal_info": [{"is_basic": "true", "tin": "301234567", "le_name": MARKER}],
        "x_note": MARKER,
    },
)
LOG_OUT_SUCCESS = _json(200, {"ret_cd": "0", "x_note": MARKER})

# Failures every operation can meet: HTTP errors, bodies that are not a JSON object, broken answers, silence.
_ECHO = {"error": MARKER, "access_token": ACCESS_TOKEN, "refresh_token": REFRESH_TOKEN, "client_secret": CLIENT_SECRET}
_COMMON_FAILURES = [
    Failure("http-400-json", _json(400, _ECHO)),
    Failure("http-401-json", _json(401, _ECHO)),
    Failure("http-500-html", Reply(500, f"<html><body>{MARKER} {ACCESS_TOKEN}</body></html>".encode(), "text/html")),
    Failure("http-503-text", Reply(503, f"{MARKER} {REFRESH_TOKEN}".encode(), "text/plain")),
    Failure("http-302", Reply(302, MARKER.encode(), "text/plain", (("Location", "https://elsewhere.example/"),))),
    Failure("html-200", Reply(200, f"<html><body>{MARKER} {ACCESS_TOKEN}</body></html>".encode(), "text/html")),
    Failure("not-utf8", Reply(200, b'{"x": "\xff\xfe' + MARKER.encode() + b'"}')),
    Failure("json-array", _json(200, [MARKER, ACCESS_TOKEN])),
    Failure("json-string", _json(200, MARKER)),
    Failure("json-null", Reply(200, b"null")),
    Failure("nested-too-deep", Reply(200, b"[" * 50_000 + json.dumps(MARKER).encode())),
    Failure("number-too-long", Reply(200, b'{"x": ' + b"9" * 5000 + b', "note": "' + MARKER.encode() + b'"}')),
    Failure("truncated", Raw(b'HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n{"note": "' + MARKER.encode())),
    # Not HTTP at all. The marker is in what follows the first line: httpx's exception and httpcore's DEBUG log
    # quote a malformed status line verbatim, which no code of this package can prevent.
    Failure("garbage", Raw(b"NOT HTTP\r\n\r\n" + MARKER.encode())),
    Failure("timeout", Stall(), timeout=0.2),
]

EXCHANGE_FAILURES = [
    *_COMMON_FAILURES,
    Failure("refused", _json(200, {"error": "invalid_grant", "error_description": MARKER})),
    Failure("empty-token", _json(200, {"access_token": "", "refresh_token": REFRESH_TOKEN, "note": MARKER})),
    Failure("token-not-a-string", _json(200, {"access_token": {"value": ACCESS_TOKEN, "note": MARKER}})),
]
IDENTIFY_FAILURES = [
    *_COMMON_FAILURES,
    Failure("refused", _json(200, {"ret_cd": "3", "error": MARKER, "access_token": ACCESS_TOKEN})),
    Failure("refused-numeric", _json(200, {"ret_cd": 7, "error_description": MARKER})),
    Failure("no-pin", _json(200, {"full_name": f"{SURNAME} {FIRST_NAME}", "pport_no": PASSPORT, "note": MARKER})),
    Failure("pin-not-a-string", _json(200, {"pin": [PIN, MARKER], "sur_name": SURNAME})),
]
LOG_OUT_FAILURES = [
    *_COMMON_FAILURES,
    Failure("refused", _json(200, {"ret_cd": "2", "error": MARKER, "access_token": ACCESS_TOKEN})),
]


# --- the scripted OneID -----------------------------------------------------------------------------------------------

_GRANTS = {
    "one_authorization_code": "exchange_code",
    "one_access_token_identify": "identify",
    "one_log_out": "log_out",
}


@dataclass
class ScriptedOneID:
    """What the OneID on 127.0.0.1 answers to each operation; change ``answers`` between calls."""

    base_url: str
    answers: dict[str, Answer] = field(default_factory=dict)
    forms: list[dict[str, str]] = field(default_factory=list)

    @property
    def sso_url(self) -> str:
        return self.base_url + SSO_PATH

    def script(self, **answers: Answer) -> None:
        """Answer the named operations (``exchange_code``, ``identify``, ``log_out``) like this from now on."""
        self.answers = {
            "exchange_code": EXCHANGE_SUCCESS,
            "identify": IDENTIFY_SUCCESS,
            "log_out": LOG_OUT_SUCCESS,
            **answers,
        }


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms wait between them

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        form = {key: values[0] for key, values in parse_qs(self.rfile.read(length).decode()).items()}
        script = self.server.script
        script.forms.append(form)
        answer = script.answers.get(_GRANTS.get(form.get("grant_type", ""), ""), Reply(400, MARKER.encode()))
        if isinstance(answer, Stall):
            time.sleep(answer.seconds)
            self.close_connection = True
            return
        if isinstance(answer, Raw):
            self.wfile.write(answer.data)
            self.wfile.flush()
            self.close_connection = True
            return
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        for name, value in answer.headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(answer.body)

    def log_message(self, format: str, *args: Any) -> None:
        return None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, script: ScriptedOneID) -> None:
        super().__init__((HOST, 0), _Handler)
        self.script = script

    def handle_error(self, request: Any, client_address: Any) -> None:
        return None  # a client that gave up on a stalled answer closes the socket under the handler


@contextmanager
def running_oneid() -> Iterator[ScriptedOneID]:
    """A scripted OneID on a free port of 127.0.0.1, stopped on exit."""
    script = ScriptedOneID(base_url="")
    server = _Server(script)
    script.base_url = f"http://{HOST}:{server.server_address[1]}"
    script.script()
    thread = threading.Thread(target=server.serve_forever, name="scripted-oneid", daemon=True)
    thread.start()
    try:
        yield script
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def closed_port_url() -> str:
    """An SSO URL on 127.0.0.1 where nothing listens (a connection failure)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port = sock.getsockname()[1]
    return f"http://{HOST}:{port}{SSO_PATH}"


def sentinel_settings(sso_url: str, **overrides: Any) -> OneIDSettings:
    """Settings whose client secret is the sentinel."""
    values: dict[str, Any] = {
        "one_id_sso_url": sso_url,
        "one_id_client_id": "sentinel-portal",
        "one_id_client_secret": CLIENT_SECRET,
        "one_id_scope": "sentinel-scope",
        "one_id_allowed_redirect_uris": [CALLBACK, SPA_CALLBACK],
        "one_id_default_redirect_uri": CALLBACK,
        **overrides,
    }
    return OneIDSettings(**values)


# --- the checks -------------------------------------------------------------------------------------------------------


def leaks(text: str, sentinels: Mapping[str, str]) -> list[str]:
    """The names of the sentinels that occur in ``text``."""
    return [name for name, value in sentinels.items() if value in text]


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and every exception chained to it as cause or context (suppressed or not)."""
    seen: set[int] = set()
    pending = [exc]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending.extend(linked for linked in (current.__cause__, current.__context__) if linked is not None)
        if isinstance(current, BaseExceptionGroup):
            pending.extend(current.exceptions)


def assert_clean_exception(exc: BaseException, sentinels: Mapping[str, str]) -> None:
    """No sentinel in ``str``, ``repr`` or the arguments of ``exc`` or of anything chained to it."""
    for linked in _chain(exc):
        texts = [str(linked), repr(linked), *(str(arg) for arg in linked.args), *(getattr(linked, "__notes__", []))]
        found = leaks("\n".join(texts), sentinels)
        assert not found, f"{found} in {type(linked).__name__}: {linked!r} (chained to {type(exc).__name__})"


def _record_texts(record: logging.LogRecord) -> Iterable[str]:
    yield record.getMessage()
    yield str(record.msg)
    if record.exc_info and record.exc_info[1] is not None:
        yield logging.Formatter().formatException(record.exc_info)
        for linked in _chain(record.exc_info[1]):
            yield f"{linked!s} {linked!r}"
    if record.exc_text:
        yield record.exc_text
    if record.stack_info:
        yield record.stack_info
    for value in vars(record).values():
        yield repr(value)


def assert_clean_logs(records: Iterable[logging.LogRecord], sentinels: Mapping[str, str]) -> None:
    """No sentinel in any record: message, arguments, extras, exception and chained exceptions."""
    for record in records:
        found = leaks("\n".join(_record_texts(record)), sentinels)
        assert not found, f"{found} in a log record of {record.name} ({record.levelname}): {record.getMessage()!r}"


def capture_everything(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Make ``caplog`` capture every record at DEBUG and above, from the root logger down (httpx's included)."""
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "oneid_sdk", "oneid_sdk.fastapi"):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def assert_clean_answer(response: httpx.Response, sentinels: Mapping[str, str]) -> None:
    """No sentinel in the status line, the headers or the body of an answer."""
    head = [f"{response.status_code} {response.reason_phrase}"]
    head += [f"{name}: {value}" for name, value in response.headers.multi_items()]
    found = leaks("\n".join(head) + "\n" + response.content.decode("latin-1"), sentinels)
    assert not found, f"{found} in the answer {response.status_code}: {response.text[:300]!r}"
