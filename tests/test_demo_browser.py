"""End to end: Debian's Chromium signs in to the demo app through the OneID emulator, and logs out.

The emulator and the demo app run as real uvicorn subprocesses on 127.0.0.1 (``demo_servers`` in conftest.py, the
same code as ``make demo``). Chromium is the one from Debian's package, driven by Playwright; no browser is
downloaded.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from demo.servers import DemoServers, running_demo
from oneid_sdk._generated.personas import PERSONAS
from oneid_sdk.security.binding import BINDING_COOKIE_NAME

pytestmark = pytest.mark.browser

SESSION_COOKIE = "demo_session"
CHROMIUM = Path("/usr/bin/chromium")
PLAIN_HTTP_HOST = "portal.test"
"""A host name that is not loopback, which Chromium resolves to 127.0.0.1 (as a container's name behind a port)."""
CHROMIUM_ARGS = [
    f"--host-resolver-rules=MAP {PLAIN_HTTP_HOST} 127.0.0.1",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        reason = f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; .ci/run installs it, so CI must run this test")
        pytest.skip(reason)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser profile (no cookies) per test."""
    context = browser.new_context()
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture(scope="module")
def personas(demo_servers: DemoServers) -> list[dict[str, Any]]:
    """The emulator's personas, as ``GET /personas`` lists them."""
    answer = httpx.get(demo_servers.emulator_url + "/personas")
    answer.raise_for_status()
    listed: list[dict[str, Any]] = answer.json()
    assert listed, "the emulator lists no persona"
    return listed


def cookie(context: BrowserContext, name: str) -> dict[str, Any] | None:
    return next((dict(c) for c in context.cookies() if c["name"] == name), None)


def sign_in(page: Page, demo_servers: DemoServers, persona_id: str) -> None:
    """Home page, "Sign in with OneID", the persona's button on the emulator's page."""
    page.goto(demo_servers.app_url + "/")
    page.get_by_role("link", name="Sign in with OneID").click()
    page.wait_for_url(demo_servers.emulator_url + "/**")
    page.locator(f'button[name="persona"][value="{persona_id}"]').click()


def test_sign_in_shows_the_persona_and_log_out_ends_the_session(
    context: BrowserContext, demo_servers: DemoServers, personas: list[dict[str, Any]]
) -> None:
    page = context.new_page()
    for persona in personas:
        sign_in(page, demo_servers, persona["id"])

        page.wait_for_url(demo_servers.app_url + "/me")
        expect(page.locator("#pin")).to_have_text(persona["pin"])
        expect(page.locator("#full-name")).to_have_text(persona["full_name"])
        # The __Host- cookie: Chromium keeps it over http://127.0.0.1 (loopback counts as a secure origin).
        binding = cookie(context, "__Host-oneid_binding")
        assert binding is not None and binding["secure"] and binding["httpOnly"]
        assert (binding["path"], binding["domain"], binding["sameSite"]) == ("/", "127.0.0.1", "Lax")
        assert cookie(context, "oneid_binding") is None
        session = cookie(context, SESSION_COOKIE)
        assert session is not None and session["secure"] and session["httpOnly"]

        page.get_by_role("button", name="Log out").click()
        page.wait_for_url(demo_servers.app_url + "/")
        expect(page.get_by_role("link", name="Sign in with OneID")).to_be_visible()
        assert cookie(context, SESSION_COOKIE) is None
        # The server forgot the session too: its old id no longer opens the user's page.
        stale = httpx.get(demo_servers.app_url + "/me", cookies={SESSION_COOKIE: session["value"]})
        assert stale.status_code == 303 and stale.headers["location"] == "/"


def test_organisations_are_listed_with_the_selected_one_marked(
    context: BrowserContext, demo_servers: DemoServers
) -> None:
    persona = next(p for p in PERSONAS if p.identify.get("legal_info"))
    organisations = persona.identify["legal_info"]
    assert isinstance(organisations, list | tuple)
    page = context.new_page()
    sign_in(page, demo_servers, persona.id)

    page.wait_for_url(demo_servers.app_url + "/me")
    expect(page.locator("#user-type")).to_have_text("legal entity")
    items = page.locator("#organisations li")
    expect(items).to_have_count(len(organisations))
    for item, organisation in zip(items.all(), organisations, strict=True):
        # Names such as "NAMUNA SAVDO" MCHJ carry quotes: shown as text, not taken as markup.
        expect(item).to_contain_text(f"{organisation['le_name']}, TIN {organisation['tin']}")
        expect(item.locator("em")).to_have_count(1 if organisation["is_basic"] else 0)


def test_a_callback_link_from_another_browser_signs_nobody_in(
    context: BrowserContext, demo_servers: DemoServers, personas: list[dict[str, Any]]
) -> None:
    """Login CSRF: an attacker starts a login, stops at the callback and sends its link to a victim."""
    with httpx.Client(base_url=demo_servers.app_url) as attacker:
        to_oneid = attacker.get("/one-id/login")
        assert to_oneid.status_code == 302 and attacker.cookies.get(BINDING_COOKIE_NAME)
        # persona=<id> makes the emulator skip its page and answer with the redirect to the callback.
        to_callback = attacker.get(to_oneid.headers["location"] + "&persona=" + personas[0]["id"])
        assert to_callback.status_code == 302
    link = to_callback.headers["location"]
    assert link.startswith(demo_servers.redirect_uri + "?")

    victim = context.new_page()
    answer = victim.goto(link)

    assert answer is not None and answer.status == 400
    assert answer.json()["error"] == "state_binding_missing"
    assert cookie(context, SESSION_COOKIE) is None


def test_sign_in_over_plain_http_on_a_host_that_is_not_loopback(
    context: BrowserContext, tmp_path: Path, personas: list[dict[str, Any]]
) -> None:
    """Emulator mode on http://portal.test (a container's name): Chromium drops Secure cookies there.

    The binding cookie is then ``oneid_binding`` without Secure (the router warns at start-up), so the login still
    completes; ``__Host-oneid_binding`` could not be set at all.
    """
    with (tmp_path / "servers.log").open("wb") as output, running_demo(output=output, app_host=PLAIN_HTTP_HOST) as demo:
        page = context.new_page()
        sign_in(page, demo, personas[0]["id"])
        page.wait_for_url(demo.app_url + "/me")
        expect(page.locator("#pin")).to_have_text(personas[0]["pin"])

        binding = cookie(context, "oneid_binding")
        assert binding is not None and binding["httpOnly"] and not binding["secure"]
        assert binding["domain"] == PLAIN_HTTP_HOST
        assert cookie(context, "__Host-oneid_binding") is None
    assert b"without Secure" in (tmp_path / "servers.log").read_bytes()
