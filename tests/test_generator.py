"""The generator: the committed output matches the spec, drift is caught, rendering is deterministic and typed."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import load_spec, render

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "oneid.yaml"
GENERATED = ROOT / "oneid_sdk" / "_generated"


def run_generator(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, arguments)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def copy_of_generated(tmp_path: Path) -> Path:
    target = tmp_path / "generated"
    shutil.copytree(GENERATED, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def spec_with(tmp_path: Path, change: Any) -> Path:
    """A copy of the spec, changed by ``change(document)``, written to ``tmp_path/oneid.yaml``."""
    document = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    change(document)
    path = tmp_path / "oneid.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_check_passes_on_the_committed_tree() -> None:
    result = run_generator("--check")

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_check_fails_with_a_diff_when_a_generated_file_was_edited(tmp_path: Path) -> None:
    out = copy_of_generated(tmp_path)
    client = out / "client.py"
    client.write_text(client.read_text(encoding="utf-8").replace("Nothing is retried.", "Retried twice."), "utf-8")

    result = run_generator("--check", "--out", out)

    assert result.returncode == 1
    assert f"--- a/{out}/client.py" in result.stdout
    assert "-    ``close()`` or at the end of the ``with`` block. Retried twice." in result.stdout
    assert "+    ``close()`` or at the end of the ``with`` block. Nothing is retried." in result.stdout
    assert "models.py" not in result.stdout


def test_check_fails_on_a_stale_or_missing_file(tmp_path: Path) -> None:
    out = copy_of_generated(tmp_path)
    (out / "refresh.py").write_text("# Generated from spec/oneid.yaml\nREFRESH = True\n", encoding="utf-8")
    (out / "personas.py").unlink()

    result = run_generator("--check", "--out", out)

    assert result.returncode == 1
    assert f"stale file, not generated from the spec: {out}/refresh.py" in result.stdout
    assert "-REFRESH = True" in result.stdout
    assert f"+++ b/{out}/personas.py" in result.stdout


def test_generating_writes_the_committed_tree_and_removes_stale_files(tmp_path: Path) -> None:
    out = copy_of_generated(tmp_path)
    (out / "refresh.py").write_text("# Generated from spec/oneid.yaml by an older spec\n", encoding="utf-8")
    (out / "models.py").write_text("# Generated from spec/oneid.yaml, edited\n", encoding="utf-8")

    result = run_generator("--out", out)

    assert result.returncode == 0, result.stderr
    assert digest(out) == digest(GENERATED)


def test_generating_refuses_to_remove_files_it_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    out.mkdir()
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")

    result = run_generator("--out", out)

    assert result.returncode == 2
    assert "notes.txt" in result.stderr
    assert sorted(path.name for path in out.iterdir()) == ["notes.txt"]


def test_rendering_is_deterministic(tmp_path: Path) -> None:
    first = render(load_spec(SPEC, label="spec/oneid.yaml"))
    second = render(load_spec(SPEC, label="spec/oneid.yaml"))

    assert first == second
    assert sorted(first) == ["__init__.py", "client.py", "constants.py", "models.py", "operations.py", "personas.py"]
    for name, source in first.items():
        header = source.splitlines()[0]
        assert header == (
            "# Generated from spec/oneid.yaml by `python -m generator`. Do not edit; change the spec or the templates."
        ), name
        assert str(ROOT) not in source and str(tmp_path) not in source, name


def test_model_fields_keep_the_spec_order() -> None:
    from oneid_sdk._generated.models import UserInfo

    schema_order = list(yaml.safe_load(SPEC.read_text(encoding="utf-8"))["schemas"]["UserInfo"]["properties"])
    assert list(UserInfo.model_fields) == schema_order


def test_personas_are_the_specs_values() -> None:
    from oneid_sdk._generated.personas import PERSONAS

    spec_personas = yaml.safe_load(SPEC.read_text(encoding="utf-8"))["personas"]
    assert [(p.id, p.label, dict(p.identify)) for p in PERSONAS] == [
        (p["id"], p["label"], p["identify"]) for p in spec_personas
    ]


def add_email(document: dict[str, Any]) -> None:
    properties = document["schemas"]["UserInfo"]["properties"]
    properties["email"] = {"type": "string", "description": "E-mail (older answers).", "x-quirk": "blank-is-absent"}
    properties["gd"] = {"type": "integer", "description": "Gender code.", "x-quirk": "string-or-number"}


def test_a_new_field_in_the_spec_is_rendered_typed_and_passes_mypy_strict(tmp_path: Path) -> None:
    package = tmp_path / "regenerated"
    result = run_generator("--spec", spec_with(tmp_path, add_email), "--out", package)
    assert result.returncode == 0, result.stderr

    models = (package / "models.py").read_text(encoding="utf-8")
    assert models.startswith("# Generated from oneid.yaml by `python -m generator`.")
    assert "    email: BlankIsAbsent | None = None\n" in models
    assert "    gd: LooseInt | None = None\n" in models
    (tmp_path / "uses_regenerated.py").write_text(
        textwrap.dedent(
            """
            from typing import assert_type

            from regenerated import LegalInfo, UserInfo

            user = UserInfo.model_validate({"pin": "1", "email": "", "gd": "2"})
            assert_type(user.email, str | None)
            assert_type(user.gd, int | None)
            assert_type(user.legal_info, list[LegalInfo] | None)
            assert_type(user.valid, bool | None)
            assert_type(user.pin, str)
            """
        ),
        encoding="utf-8",
    )
    checked = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(tmp_path / ".mypy_cache"),
            "regenerated",
            "uses_regenerated.py",
        ],
        cwd=tmp_path,
        env={**os.environ, "MYPYPATH": str(ROOT)},  # the editable install's import hook is invisible to mypy
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr

    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "from regenerated import UserInfo; u = UserInfo.model_validate({'pin': '1', 'email': '', 'gd': '2'}); "
            "print(repr(u.email), repr(u.gd))",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert loaded.stdout.strip() == "None 2", loaded.stderr


def misplace_quirk(document: dict[str, Any]) -> None:
    document["schemas"]["UserInfo"]["properties"]["pin"]["x-quirk"] = "string-boolean"


def drop_refusal_message(document: dict[str, Any]) -> None:
    del document["operations"]["identify"]["response"]["refusal_message"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (misplace_quirk, "schemas.UserInfo.pin: x-quirk 'string-boolean' does not apply to type 'string'"),
        (drop_refusal_message, "operations.identify.response.refusal_message must be a non-empty string"),
    ],
)
def test_a_spec_the_generator_cannot_render_is_refused(tmp_path: Path, change: Any, message: str) -> None:
    out = tmp_path / "out"

    result = run_generator("--spec", spec_with(tmp_path, change), "--out", out)

    assert result.returncode == 2
    assert message in result.stderr
    assert not out.exists()
