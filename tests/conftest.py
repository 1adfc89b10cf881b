"""Fixtures shared by the test modules."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from demo.servers import DemoServers, running_demo


@pytest.fixture(scope="session")
def demo_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServers]:
    """The OneID emulator and the demo app, running as uvicorn subprocesses on free 127.0.0.1 ports.

    Their output goes to a log file in the session's temporary folder, shown when they fail to start.
    """
    log = tmp_path_factory.mktemp("servers") / "servers.log"
    with log.open("wb") as output:
        try:
            with running_demo(output=output) as servers:
                yield servers
        except RuntimeError as exc:
            output.flush()
            pytest.fail(f"{exc}\n--- server output ({log}) ---\n{log.read_text(errors='replace')[-4000:]}")


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a real Redis server on a free 127.0.0.1 port (skipped where redis-server is missing, except in CI)."""
    from tests.redis_server import redis_server_missing, running_redis

    missing = redis_server_missing()
    if missing is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(missing)
        pytest.skip(missing)
    with running_redis(tmp_path_factory.mktemp("redis")) as url:
        yield url
