"""A real Redis server for the tests: started on a free 127.0.0.1 port in a temporary folder, stopped afterwards."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from demo.servers import HOST, free_port

__all__ = ["redis_server_missing", "running_redis"]


def redis_server_missing() -> str | None:
    """Why no Redis server can be started here, or None when one can."""
    if shutil.which("redis-server") is None:
        return "redis-server is not installed (apt-get install redis-server)"
    return None


@contextmanager
def running_redis(folder: Path, *, timeout: float = 10.0) -> Iterator[str]:
    """Run ``redis-server`` without persistence until the block ends; yield its URL."""
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        env={**os.environ},
    )
    url = f"redis://{HOST}:{port}/0"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"redis-server exited with code {process.returncode}")
            try:
                with Redis.from_url(url, socket_timeout=1) as client:
                    client.ping()
                break
            except RedisConnectionError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not answer on port {port} within {timeout:.0f} s") from None
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
