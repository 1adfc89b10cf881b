"""Fixtures shared by the test modules."""

from __future__ import annotations

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
