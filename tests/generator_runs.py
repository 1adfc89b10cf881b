"""Running the generator and mypy as subprocesses, for the generator's tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

__all__ = ["ROOT", "run_generator", "run_mypy"]

ROOT = Path(__file__).resolve().parent.parent


def run_generator(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    """``python -m generator`` with ``arguments``, from the project's root."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, arguments)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def run_mypy(folder: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    """``mypy --strict`` with the project's configuration on ``targets`` in ``folder``."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(folder / ".mypy_cache"),
            *targets,
        ],
        cwd=folder,
        env={**os.environ, "MYPYPATH": str(ROOT)},  # the editable install's import hook is invisible to mypy
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
