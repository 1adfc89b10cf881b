"""Request bodies are read up to a few KiB, never whole: a 150 MB body costs the routers nothing.

The POST endpoints (``/api/one-id/url``, ``/token``, ``/logout``) read a JSON or form body. A body over
``MAX_BODY_BYTES`` is answered 413 ``request_too_large``: at once when ``Content-Length`` says so, and as soon as the
limit is passed when the body is chunked or longer than its ``Content-Length`` claims. The requests here are driven
through the ASGI interface directly, so that each test counts exactly how much of the body the app pulled.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from fastapi import FastAPI
from starlette.types import Message

from oneid_sdk.fastapi._input import MAX_BODY_BYTES
from tests.security.support import FakeOneID, browser, state_of

CHUNK = 64 * 1024
HUGE = 150 * 1024 * 1024
PATHS = ["/api/one-id/url", "/api/one-id/token", "/api/one-id/logout"]
JSON_TYPE = {"content-type": "application/json"}
TOO_LARGE = {"detail": f"The request body is larger than {MAX_BODY_BYTES} bytes", "error": "request_too_large"}


def _json(fields: dict[str, str]) -> bytes:
    return json.dumps(fields).encode()


def huge_json(total: int = HUGE) -> Iterator[bytes]:
    """A JSON object of about ``total`` bytes, one chunk at a time."""
    yield b'{"code": "'
    filler = b"a" * CHUNK
    for _ in range(total // CHUNK):
        yield filler
    yield b'", "state": "s"}'


def huge_form(total: int = HUGE) -> Iterator[bytes]:
    yield b"state=s&code="
    filler = b"a" * CHUNK
    for _ in range(total // CHUNK):
        yield filler


@dataclass
class Exchange:
    """One request sent straight to the ASGI app: what it answered and how many body bytes it pulled."""

    status: int = 0
    body: bytes = b""
    pulled: int = 0
    headers: dict[str, str] = field(default_factory=dict)


async def send_raw(
    app: FastAPI, path: str, chunks: Iterator[bytes], *, content_type: str, content_length: int | str | None = None
) -> Exchange:
    headers = [(b"host", b"portal.example.uz"), (b"content-type", content_type.encode())]
    if content_length is not None:
        headers.append((b"content-length", str(content_length).encode("latin-1")))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "https",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("192.0.2.1", 50000),
        "server": ("portal.example.uz", 443),
    }
    exchange = Exchange()
    pending = iter(chunks)
    upcoming = next(pending, None)

    async def receive() -> Message:
        nonlocal upcoming
        if upcoming is None:
            return {"type": "http.disconnect"}
        chunk, upcoming = upcoming, next(pending, None)
        exchange.pulled += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": upcoming is not None}

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start":
            exchange.status = message["status"]
            exchange.headers = {key.decode(): value.decode() for key, value in message["headers"]}
        elif message["type"] == "http.response.body":
            exchange.body += message.get("body", b"")

    await app(scope, receive, send)
    return exchange


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    ("content_type", "body"), [("application/json", huge_json), ("application/x-www-form-urlencoded", huge_form)]
)
async def test_a_huge_chunked_body_is_refused_after_a_few_kib(
    app: FastAPI, fake_oneid: FakeOneID, path: str, content_type: str, body: Callable[[], Iterator[bytes]]
) -> None:
    exchange = await send_raw(app, path, body(), content_type=content_type)
    assert exchange.status == 413
    assert exchange.body == b'{"detail":"' + TOO_LARGE["detail"].encode() + b'","error":"request_too_large"}'
    assert exchange.pulled <= MAX_BODY_BYTES + CHUNK + 16
    assert fake_oneid.forms == []


@pytest.mark.parametrize("path", PATHS)
async def test_a_declared_length_over_the_limit_is_refused_before_reading(app: FastAPI, path: str) -> None:
    exchange = await send_raw(app, path, huge_json(), content_type="application/json", content_length=HUGE)
    assert exchange.status == 413
    assert exchange.pulled == 0


@pytest.mark.parametrize("path", PATHS)
async def test_a_body_longer_than_its_content_length_is_not_trusted(app: FastAPI, path: str) -> None:
    exchange = await send_raw(app, path, huge_json(), content_type="application/json", content_length=40)
    assert exchange.status == 413
    assert exchange.pulled <= MAX_BODY_BYTES + CHUNK + 16


@pytest.mark.parametrize("declared", ["-1", "abc", "\u00b2", "1e3"])
async def test_a_content_length_that_is_not_a_number_is_an_invalid_request(app: FastAPI, declared: str) -> None:
    exchange = await send_raw(
        app, "/api/one-id/logout", iter([b"{}"]), content_type="application/json", content_length=declared
    )
    assert exchange.status == 422
    assert b"The Content-Length header is not a number" in exchange.body
    assert exchange.pulled == 0


async def test_a_body_at_the_limit_is_read(app: FastAPI, fake_oneid: FakeOneID) -> None:
    async with browser(app) as client:
        state = state_of((await client.get("/api/one-id/url")).json()["url"])
        fields = {"code": "c", "state": state, "padding": ""}
        fields["padding"] = "p" * (MAX_BODY_BYTES - len(_json(fields)))
        assert len(_json(fields)) == MAX_BODY_BYTES
        at_limit = await client.post("/api/one-id/token", content=_json(fields), headers=JSON_TYPE)
        fields["padding"] += "p"
        over = await client.post("/api/one-id/token", content=_json(fields), headers=JSON_TYPE)
    assert at_limit.status_code == 200
    assert over.status_code == 413
    assert over.json() == TOO_LARGE


async def test_a_get_never_reads_a_body(app: FastAPI) -> None:
    async with browser(app) as client:
        response = await client.request("GET", "/api/one-id/url", content=b"x" * (MAX_BODY_BYTES * 4))
    assert response.status_code == 200
