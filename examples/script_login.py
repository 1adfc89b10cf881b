"""Sign in with OneID from plain Python: the blocking :class:`~oneid_sdk.LoginFlow`, no web framework.

    python examples/script_login.py [--persona legal-entity] [--sso-url http://127.0.0.1:8765/sso/oauth/Authorization.do]

A Django or Flask view does the same three steps: ``flow.begin()`` when the user clicks "Sign in with OneID"
(redirect the browser to ``start.authorization_url`` and keep ``start.binding`` in an HttpOnly cookie),
``flow.complete(code, state, binding)`` on the callback, ``flow.log_out(access_token)`` when the user logs out.

Here the "browser" is an HTTP client and OneID is the local emulator, which this script starts on a free
127.0.0.1 port (or give ``--sso-url`` of one already running for the client below). Adding ``persona=<id>`` to
the authorization URL makes the emulator sign that person in at once instead of showing its login page.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import httpx
from pydantic import SecretStr

from oneid_sdk import LoginFlow, OneIDAuthPayload, OneIDClient, OneIDSettings, UserInfo

CLIENT_ID = "script-portal"
CLIENT_SECRET = "script-portal-secret"  # the emulator's; a real one comes from the environment, never from code
CALLBACK = "https://portal.example.uz/one-id/access"
SSO_PATH = "/sso/oauth/Authorization.do"


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code == 200
    except httpx.TransportError:
        return False


@contextmanager
def local_emulator() -> Iterator[str]:
    """Run ``python -m oneid_sdk.emulator`` on a free 127.0.0.1 port; yield its OneID URL; stop it afterwards."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "oneid_sdk.emulator", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--client-id", CLIENT_ID, "--redirect-uri", CALLBACK, "--log-level", "warning"]
    # The secret goes through the environment: other local users can read command lines.
    env = {**os.environ, "ONEID_EMULATOR_CLIENT_SECRET": CLIENT_SECRET}
    emulator = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while not _answers(f"{base}/personas"):
            if emulator.poll() is not None:
                raise RuntimeError(f"the emulator exited with code {emulator.returncode}")
            if time.monotonic() > deadline:
                raise RuntimeError("the emulator did not start within 30 s")
            time.sleep(0.1)
        yield base + SSO_PATH
    finally:
        emulator.terminate()
        emulator.wait(10)


def sign_in(flow: LoginFlow, browser: httpx.Client, persona: str) -> OneIDAuthPayload:
    """One whole login, with ``browser`` playing the user's browser and ``persona`` the person at the keyboard."""
    start = flow.begin()
    login_page = httpx.URL(start.authorization_url).copy_add_param("persona", persona)
    answer = browser.get(login_page)  # OneID sends the browser back to the callback with a code and the state
    callback = httpx.URL(answer.headers["location"])
    return flow.complete(callback.params["code"], callback.params["state"], start.binding)


def describe(user: UserInfo) -> str:
    """What a portal would show about the person who signed in."""
    lines = [
        f"Signed in: {user.display_name or user.pin}",
        f"PIN: {user.pin}",
        f"User type: {user.user_type or 'unknown'}",
        f"Signed in with: {user.auth_method or 'unknown'}",
        f"Verified: {'yes' if user.valid else 'no'}",
        f"On behalf of an organisation: {'yes' if user.is_legal_entity_login else 'no'}",
    ]
    for organisation in user.legal_info or []:
        selected = " (selected)" if organisation is user.selected_organisation else ""
        lines.append(f"Organisation: {organisation.le_name} TIN {organisation.tin or organisation.le_tin}{selected}")
    return "\n".join(lines)


def run(sso_url: str, persona: str) -> str:
    """Sign ``persona`` in at ``sso_url``, end the OneID session, and return the description of the user."""
    settings = OneIDSettings(
        one_id_sso_url=sso_url,
        one_id_client_id=CLIENT_ID,
        one_id_client_secret=SecretStr(CLIENT_SECRET),
        one_id_scope=CLIENT_ID,
        one_id_allowed_redirect_uris=[CALLBACK],
    )
    with httpx.Client(timeout=settings.one_id_timeout) as browser, OneIDClient(settings) as client:
        flow = LoginFlow(client)
        payload = sign_in(flow, browser, persona)
        flow.log_out(payload.token.access_token)
    return describe(payload.user)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--persona", default="individual", help="the emulator persona who signs in")
    parser.add_argument("--sso-url", help="OneID URL of an emulator already running (default: start one)")
    args = parser.parse_args(argv)
    if args.sso_url:
        text = run(args.sso_url, args.persona)
    else:
        with local_emulator() as sso_url:
            text = run(sso_url, args.persona)
    print(text)


if __name__ == "__main__":
    main()
