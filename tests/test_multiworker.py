"""Several uvicorn worker processes share pending logins through Redis: a login may end in another worker."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from demo.servers import (
    HOST,
    ServerProcess,
    demo_app_environment,
    free_port,
    running_emulator,
)
from oneid_sdk._generated.constants import SSO_PATH
from oneid_sdk._generated.personas import PERSONAS

ATTEMPTS = 60


@pytest.fixture(scope="module")
def two_workers(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The multi-worker app on a free port with two workers, and an emulator; yields the app's URL."""
    app_port = free_port()
    app_url = f"http://{HOST}:{app_port}"
    callback = app_url + "/api/one-id/access"
    log = tmp_path_factory.mktemp("multiworker") / "servers.log"
    with log.open("wb") as output, ExitStack() as stack:
        emulator = stack.enter_context(running_emulator(redirect_uris=[callback], output=output))
        emulator_port = emulator.ready_url.split(":")[2].split("/")[0]
        environment = demo_app_environment(sso_url=f"http://{HOST}:{emulator_port}{SSO_PATH}", redirect_uri=callback)
        app = ServerProcess(
            name="multi-worker app",
            argv=[
                sys.executable,
                "-m",
                "uvicorn",
                "tests.multiworker_app:app",
                "--host",
                HOST,
                "--port",
                str(app_port),
                "--workers",
                "2",
                "--no-access-log",
            ],
            ready_url=app_url + "/docs",
            env={**environment, "TEST_REDIS_URL": redis_url, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
            output=output,
        )
        stack.callback(app.stop)
        try:
            app.start()
        except RuntimeError as exc:
            output.flush()
            pytest.fail(f"{exc}\n{log.read_text(errors='replace')[-4000:]}")
        yield app_url


def test_logins_complete_in_whichever_worker_receives_the_callback(two_workers: str) -> None:
    individual = next(persona for persona in PERSONAS if persona.id == "individual")
    crossed = 0
    workers: set[str] = set()
    for _ in range(ATTEMPTS):
        # A new connection per request, so the kernel may hand each one to either worker.
        with httpx.Client(base_url=two_workers, timeout=10) as app:
            started = app.get("/api/one-id/url")
        assert started.status_code == 200, started.text
        login_page = httpx.URL(started.json()["url"]).copy_add_param("persona", individual.id)
        callback = httpx.URL(httpx.get(login_page, timeout=10).headers["location"])
        with httpx.Client(base_url=two_workers, timeout=10) as app:
            finished = app.post(
                "/api/one-id/token",
                json={
                    "code": callback.params["code"],
                    "state": callback.params["state"],
                    "binding": started.json()["binding"],
                },
            )
        assert finished.status_code == 200, finished.text
        assert finished.json() == {"pin": individual.identify["pin"]}
        workers |= {started.headers["X-Worker"], finished.headers["X-Worker"]}
        if started.headers["X-Worker"] != finished.headers["X-Worker"]:
            crossed += 1
        if crossed >= 3:
            break
    assert len(workers) == 2, "the requests never reached the second worker"
    assert crossed >= 3, f"only {crossed} of {ATTEMPTS} logins started and ended in different workers"
