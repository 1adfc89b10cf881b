"""Golden tests: small fixture specs render exactly the committed output, which passes ``mypy --strict``.

Each folder of ``tests/golden/`` holds ``spec.yaml``, the expected package in ``expected/``, ``uses.py`` (typed
use of that package, with ``assert_type``, that also runs) and, when the spec has ``readme`` tables, the expected
``README.md``. After a deliberate change of the generator, regenerate a fixture with::

    python -m generator --spec tests/golden/<name>/spec.yaml --out tests/golden/<name>/expected \
        --readme tests/golden/<name>/README.md
"""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.generator_runs import ROOT, run_generator, run_mypy

GOLDEN = ROOT / "tests" / "golden"
FIXTURES = sorted(path.name for path in GOLDEN.iterdir() if (path / "spec.yaml").is_file())


def files(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def differences(expected: dict[str, str], actual: dict[str, str]) -> str:
    lines: list[str] = []
    for name in sorted(set(expected) | set(actual)):
        if expected.get(name) != actual.get(name):
            lines.extend(
                difflib.unified_diff(
                    expected.get(name, "").splitlines(),
                    actual.get(name, "").splitlines(),
                    f"expected/{name}",
                    f"rendered/{name}",
                    lineterm="",
                )
            )
    return "\n".join(lines)


def emptied_tables(readme: str) -> str:
    """``readme`` with nothing between its table markers, as a README looks before the first render."""
    return re.sub(r"(<!-- ([\w-]+):start -->\n).*?(<!-- \2:end -->)", r"\1\3", readme, flags=re.DOTALL)


def test_there_are_golden_fixtures() -> None:
    assert FIXTURES == ["every_quirk", "minimal", "nested_objects"]


@pytest.mark.parametrize("name", FIXTURES)
def test_a_fixture_spec_renders_the_committed_output_which_passes_mypy_strict(tmp_path: Path, name: str) -> None:
    fixture = GOLDEN / name
    package = tmp_path / "generated"
    arguments: list[str | Path] = ["--spec", fixture / "spec.yaml", "--out", package]
    expected_readme = fixture / "README.md"
    readme = tmp_path / "README.md"
    if expected_readme.exists():
        readme.write_text(emptied_tables(expected_readme.read_text(encoding="utf-8")), encoding="utf-8")
        arguments += ["--readme", readme]

    result = run_generator(*arguments)

    assert result.returncode == 0, result.stderr
    expected, rendered = files(fixture / "expected"), files(package)
    assert rendered == expected, differences(expected, rendered)
    if expected_readme.exists():
        assert readme.read_text(encoding="utf-8") == expected_readme.read_text(encoding="utf-8")

    shutil.copy(fixture / "uses.py", tmp_path / "uses.py")
    checked = run_mypy(tmp_path, "generated", "uses.py")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    ran = subprocess.run(
        [sys.executable, "uses.py"], cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False
    )
    assert ran.returncode == 0, ran.stderr


def test_mypy_catches_a_wrong_type_in_the_golden_output(tmp_path: Path) -> None:
    """The check above can fail: a use that contradicts the rendered types is an error."""
    shutil.copytree(GOLDEN / "every_quirk" / "expected", tmp_path / "generated")
    (tmp_path / "uses.py").write_text(
        "from typing import assert_type\n\nfrom generated import Person\n\n"
        'assert_type(Person.model_validate({"pin": "1"}).colour, str | None)\n',
        encoding="utf-8",
    )

    checked = run_mypy(tmp_path, "generated", "uses.py")

    assert checked.returncode == 1
    assert 'Expression is of type "Colour | UnknownValue | None", not "str | None"' in checked.stdout
