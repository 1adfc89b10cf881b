"""The public API's types, as an application type-checked with ``mypy --strict`` sees them.

``tests/typing/`` holds correct use checked with ``assert_type`` and deliberate misuse marked
``# type: ignore[<code>]``. With ``warn_unused_ignores`` a misuse that stops being an error (a loosened type) is
reported as an unused ignore, and with ``ignore-without-code`` a bare ignore cannot hide it, so any change to a
public type fails here.

mypy runs twice: with the project's configuration (the pydantic plugin) and with a bare one, like an application
that does not use the plugin. In both, the package's own modules are read but not reported, as for an installed
package (``make mypy`` checks them). The package is found through ``MYPYPATH``: the editable install is an import
hook that mypy cannot follow.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TYPING_TESTS = ROOT / "tests" / "typing"

REQUIRED_FLAGS = ("--strict", "--warn-unused-ignores", "--enable-error-code", "ignore-without-code")


def run_mypy(paths: list[Path], *, config: Path, cache_dir: Path) -> subprocess.CompletedProcess[str]:
    """``mypy --strict`` with unused and code-less ignores reported, on ``paths``, the package found by MYPYPATH."""
    env = {**os.environ, "MYPYPATH": str(ROOT)}
    command = [
        sys.executable,
        "-m",
        "mypy",
        *REQUIRED_FLAGS,
        "--config-file",
        str(config),
        "--follow-imports",
        "silent",
        "--cache-dir",
        str(cache_dir),
        "--no-color-output",
        "--no-error-summary",
        *map(str, paths),
    ]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(params=["pydantic-plugin", "bare"])
def mypy_config(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's configuration (with the pydantic plugin), or a bare one."""
    if request.param == "pydantic-plugin":
        return ROOT / "pyproject.toml"
    bare = tmp_path_factory.mktemp("mypy") / "bare.ini"
    bare.write_text("[mypy]\npython_version = 3.11\n")
    return bare


def cache_dir(config: Path) -> Path:
    """A cache per configuration, so that repeated runs are fast and do not disturb ``make mypy``'s cache."""
    return ROOT / ".mypy_cache" / f"typing-tests-{config.stem}"


def test_public_api_types_hold(mypy_config: Path) -> None:
    files = sorted(TYPING_TESTS.glob("*.py"))
    assert len(files) >= 5, files
    result = run_mypy(files, config=mypy_config, cache_dir=cache_dir(mypy_config))
    if result.returncode != 0 or result.stdout.strip():
        pytest.fail(
            f"mypy --strict ({mypy_config.name}) on tests/typing:\n{result.stdout}{result.stderr}", pytrace=False
        )


def test_misuse_marks_are_checked(mypy_config: Path, tmp_path: Path) -> None:
    """The run above would catch a wrong ``assert_type``, an ignore that hides nothing, and a bare ignore."""
    canary = tmp_path / "canary.py"
    canary.write_text(
        "from typing import assert_type\n"
        "from oneid_sdk import UserInfo\n"
        "\n"
        "\n"
        "def check(user: UserInfo) -> None:\n"
        "    assert_type(user.valid, str | None)\n"
        "    assert_type(user.pin, str)  # type: ignore[arg-type]\n"
        "    assert_type(user.pin, int)  # type: ignore\n"
    )
    result = run_mypy([canary], config=mypy_config, cache_dir=cache_dir(mypy_config))
    assert result.returncode == 1, result.stdout + result.stderr
    reported = {
        (int(match["line"]), match["code"])
        for match in re.finditer(r"canary\.py:(?P<line>\d+): error: .*\[(?P<code>[a-z-]+)\]$", result.stdout, re.M)
    }
    assert reported == {(6, "assert-type"), (7, "unused-ignore"), (8, "ignore-without-code")}, result.stdout
