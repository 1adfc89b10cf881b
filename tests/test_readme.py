"""The README's Python examples run as written and pass ``mypy --strict``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from oneid_sdk._generated.personas import PERSONAS

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)

# A deployment's environment, as the README's "Quick start" describes it (values invented).
DEPLOYMENT_ENV = {
    "ONE_ID_CLIENT_ID": "myportal",
    "ONE_ID_CLIENT_SECRET": "readme-secret",
    "ONE_ID_SCOPE": "myportal",
    "ONE_ID_ALLOWED_REDIRECT_URIS": '["https://backend.example.uz/one-id/access"]',
}


def python_blocks() -> list[str]:
    blocks = BLOCK.findall(README.read_text(encoding="utf-8"))
    assert len(blocks) >= 4, "the README lost its Python examples"
    return blocks


def run_block(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("ONE_ID_")}
    env.update(DEPLOYMENT_ENV)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,  # no .env file of the developer's is read
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("index", range(len(python_blocks())))
def test_readme_example_runs(index: int, tmp_path: Path) -> None:
    result = run_block(python_blocks()[index], tmp_path)
    assert result.returncode == 0, result.stderr


def test_emulator_example_signs_in_the_legal_entity(tmp_path: Path) -> None:
    [script] = [block for block in python_blocks() if "asyncio.run(main())" in block]
    result = run_block(script, tmp_path)
    assert result.returncode == 0, result.stderr
    legal_entity = next(persona for persona in PERSONAS if persona.id == "legal-entity")
    line = result.stdout.strip()
    assert line.startswith(f"{legal_entity.identify['pin']} {legal_entity.identify['full_name']} L ")
    assert '"NAMUNA SAVDO" MCHJ' in line


def test_readme_examples_pass_mypy_strict(tmp_path: Path) -> None:
    for index, code in enumerate(python_blocks()):
        (tmp_path / f"readme_example_{index}.py").write_text(code, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            ".",
        ],
        cwd=tmp_path,
        env={**os.environ, "MYPYPATH": str(ROOT)},  # the editable install is an import hook mypy cannot follow
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
