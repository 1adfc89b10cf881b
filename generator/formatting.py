"""Formatting with the project's pinned ruff, run as ``python -m ruff`` from the interpreter running the generator."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

__all__ = ["FormattingError", "ruff_format"]


class FormattingError(RuntimeError):
    """ruff refused the rendered source (a template bug)."""


def ruff_format(source: str, *, filename: str, project_root: Path) -> str:
    """``ruff format``, ``ruff check --fix``, ``ruff format`` on ``source`` as if it were ``filename`` in the project.

    The project's ``pyproject.toml`` applies wherever the output goes, so a render into a temporary folder is
    byte-identical to the committed one.
    """
    for command in (["format"], ["check", "--fix"], ["format"]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *command, "--stdin-filename", filename, "-"],
            input=source,
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=project_root,
            check=False,
        )
        if result.returncode != 0:
            raise FormattingError(f"ruff {command[0]} failed on {filename}:\n{result.stderr}{result.stdout}")
        source = result.stdout
    return source
