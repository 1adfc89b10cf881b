"""Start the OneID emulator and the demo app as uvicorn subprocesses on 127.0.0.1, and stop them again.

``demo/run.py`` (``make demo``) and the end-to-end tests use the same code, so what the tests drive is what a
developer runs. Both servers listen on loopback only; nothing here talks to another host.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx

from oneid_sdk._generated.constants import SSO_PATH
from oneid_sdk.emulator import PERSONAS_PATH

__all__ = [
    "DEMO_CLIENT_ID",
    "DEMO_CLIENT_SECRET",
    "DEMO_SCOPE",
    "HOST",
    "DemoServers",
    "ServerProcess",
    "demo_app_environment",
    "emulator_command",
    "free_port",
    "running_demo",
    "running_emulator",
]

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent
CALLBACK_PATH = "/one-id/access"

DEMO_CLIENT_ID = "demo-portal"
DEMO_CLIENT_SECRET = "demo-portal-secret"
DEMO_SCOPE = "demo-portal"


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _claim(port: int) -> int:
    """``port`` itself when it is free (so that no other server answers in its place), else a free one for 0."""
    if port == 0:
        return free_port()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # As uvicorn does: connections of a previous run in TIME_WAIT do not make the port busy.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError as exc:
            raise RuntimeError(f"port {port} on {HOST} is already in use") from exc
    return port


@dataclass
class ServerProcess:
    """One server subprocess: started with ``argv``, ready when ``ready_url`` answers, stopped with SIGTERM."""

    name: str
    argv: list[str]
    ready_url: str
    env: Mapping[str, str] = field(default_factory=dict)
    output: IO[bytes] | None = None
    process: subprocess.Popen[bytes] | None = None

    def start(self, *, timeout: float = 30.0) -> None:
        """Start the process and wait until ``ready_url`` answers; raise ``RuntimeError`` if it does not."""
        self.process = subprocess.Popen(
            self.argv,
            cwd=ROOT,
            env={**os.environ, **self.env},
            stdin=subprocess.DEVNULL,
            stdout=self.output,
            stderr=subprocess.STDOUT if self.output is not None else None,
        )
        deadline = time.monotonic() + timeout
        while True:
            code = self.process.poll()
            if code is not None:
                raise RuntimeError(f"{self.name} exited with code {code} before it answered at {self.ready_url}")
            try:
                if httpx.get(self.ready_url, timeout=1.0).status_code < 500:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{self.name} did not answer at {self.ready_url} within {timeout:.0f} s")
            time.sleep(0.1)

    def alive(self) -> bool:
        """Whether the process is running."""
        return self.process is not None and self.process.poll() is None

    def stop(self, *, timeout: float = 10.0) -> None:
        """Ask the process to stop (SIGTERM), and kill it if it is still there after ``timeout`` seconds."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@dataclass(frozen=True)
class DemoServers:
    """Where the running emulator and demo app answer."""

    emulator_url: str
    app_url: str
    emulator: ServerProcess
    app: ServerProcess

    @property
    def sso_url(self) -> str:
        """The emulator's OneID endpoint (the value of ``ONE_ID_SSO_URL``)."""
        return self.emulator_url + SSO_PATH

    @property
    def redirect_uri(self) -> str:
        """The demo app's callback, the one entry of its allow-list."""
        return self.app_url + CALLBACK_PATH


def emulator_command(*, port: int, redirect_uris: list[str]) -> list[str]:
    """The command line that starts the emulator for the demo client (its secret comes from the environment)."""
    argv = [
        sys.executable,
        "-m",
        "oneid_sdk.emulator",
        "--host",
        HOST,
        "--port",
        str(port),
        "--client-id",
        DEMO_CLIENT_ID,
        "--scope",
        DEMO_SCOPE,
    ]
    for uri in redirect_uris:
        argv += ["--redirect-uri", uri]
    return argv


def demo_app_environment(*, sso_url: str, redirect_uri: str) -> dict[str, str]:
    """The ``ONE_ID_*`` variables that point the demo app at the emulator."""
    return {
        "ONE_ID_SSO_URL": sso_url,
        "ONE_ID_CLIENT_ID": DEMO_CLIENT_ID,
        "ONE_ID_CLIENT_SECRET": DEMO_CLIENT_SECRET,
        "ONE_ID_SCOPE": DEMO_SCOPE,
        "ONE_ID_ALLOWED_REDIRECT_URIS": redirect_uri,
        "ONE_ID_DEFAULT_REDIRECT_URI": redirect_uri,
        "ONE_ID_EMULATOR_MODE": "true",
    }


@contextmanager
def running_emulator(
    *, port: int = 0, redirect_uris: list[str], output: IO[bytes] | None = None
) -> Iterator[ServerProcess]:
    """Run the emulator on 127.0.0.1 (``port`` 0 picks a free one) until the block ends."""
    port = _claim(port)
    server = ServerProcess(
        name="OneID emulator",
        argv=emulator_command(port=port, redirect_uris=redirect_uris),
        ready_url=f"http://{HOST}:{port}{PERSONAS_PATH}",
        # The secret goes in the environment: command lines are visible to every local user.
        env={"ONEID_EMULATOR_CLIENT_SECRET": DEMO_CLIENT_SECRET},
        output=output,
    )
    try:
        server.start()
        yield server
    finally:
        server.stop()


@contextmanager
def running_demo(
    *, emulator_port: int = 0, app_port: int = 0, output: IO[bytes] | None = None, app_host: str = HOST
) -> Iterator[DemoServers]:
    """Run the emulator and the demo app on 127.0.0.1 (port 0 picks a free one); stop both when the block ends.

    ``app_host`` is the host name the browser uses for the demo app (and its redirect URI); it must resolve to
    127.0.0.1 for that browser, as a container's name does behind a published port.
    """
    emulator_port = _claim(emulator_port)
    app_port = _claim(app_port)
    emulator_url = f"http://{HOST}:{emulator_port}"
    app_url = f"http://{app_host}:{app_port}"
    redirect_uri = app_url + CALLBACK_PATH
    with ExitStack() as stack:
        emulator = stack.enter_context(
            running_emulator(port=emulator_port, redirect_uris=[redirect_uri], output=output)
        )
        app = ServerProcess(
            name="demo app",
            # No access log: the callback's query string holds the authorization code.
            argv=[
                sys.executable,
                "-m",
                "uvicorn",
                "demo.app:app",
                "--host",
                HOST,
                "--port",
                str(app_port),
                "--no-access-log",
            ],
            ready_url=f"http://{HOST}:{app_port}/",
            env=demo_app_environment(sso_url=emulator_url + SSO_PATH, redirect_uri=redirect_uri),
            output=output,
        )
        stack.callback(app.stop)
        app.start()
        yield DemoServers(emulator_url=emulator_url, app_url=app_url, emulator=emulator, app=app)
