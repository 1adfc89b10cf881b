"""The generator: the committed output matches the spec, drift is caught, rendering is deterministic and typed."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import textwrap
import tomllib
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import load_spec, render
from tests.generator_runs import ROOT, run_generator, run_mypy

SPEC = ROOT / "spec" / "oneid.yaml"
GENERATED = ROOT / "oneid_sdk" / "_generated"


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
    source = client.read_text(encoding="utf-8")
    assert "Nothing that may have reached OneID is retried." in source
    client.write_text(source.replace("Nothing that may have reached OneID is retried.", "Retried twice."), "utf-8")

    result = run_generator("--check", "--out", out)

    assert result.returncode == 1
    assert f"--- a/{out}/client.py" in result.stdout
    assert "Retried twice." in "".join(line for line in result.stdout.splitlines() if line.startswith("-"))
    assert "Nothing that may have reached OneID is retried." in "".join(
        line for line in result.stdout.splitlines() if line.startswith("+")
    )
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


def test_check_fails_on_an_empty_stale_file(tmp_path: Path) -> None:
    out = copy_of_generated(tmp_path)
    (out / "empty.py").write_text("", encoding="utf-8")

    result = run_generator("--check", "--out", out)

    assert result.returncode == 1
    assert f"stale file, not generated from the spec: {out}/empty.py" in result.stdout


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
    assert sorted(first) == [
        "__init__.py",
        "client.py",
        "constants.py",
        "manifest.toml",
        "models.py",
        "operations.py",
        "personas.py",
    ]
    for name, source in first.items():
        header = source.splitlines()[0]
        assert header == ("# Generated from spec/oneid.yaml by `python -m generator`. Do not edit: change the spec."), (
            name
        )
        assert str(ROOT) not in source and str(tmp_path) not in source, name


def test_model_fields_keep_the_spec_order_and_wire_names() -> None:
    from oneid_sdk._generated.models import UserInfo

    properties = yaml.safe_load(SPEC.read_text(encoding="utf-8"))["schemas"]["UserInfo"]["properties"]
    assert list(UserInfo.model_fields) == [field.get("x-python-name", name) for name, field in properties.items()]
    assert [field.alias or name for name, field in UserInfo.model_fields.items()] == list(properties)


def test_personas_are_the_specs_values() -> None:
    from oneid_sdk._generated.personas import PERSONAS

    spec_personas = yaml.safe_load(SPEC.read_text(encoding="utf-8"))["personas"]
    assert [(p.id, p.label, dict(p.identify)) for p in PERSONAS] == [
        (p["id"], p["label"], p["identify"]) for p in spec_personas
    ]


def add_fields(document: dict[str, Any]) -> None:
    """Two fields seen in one public integration (``lang``, ``is_active``), and a persona that has them."""
    properties = document["schemas"]["UserInfo"]["properties"]
    properties["lang"] = {"type": "string", "description": "Preferred language.", "x-quirk": "blank-is-absent"}
    properties["is_active"] = {"type": "boolean", "description": "Account is active.", "x-quirk": "string-boolean"}
    persona = next(persona for persona in document["personas"] if persona["id"] == "individual")
    persona["identify"].update({"lang": "uz", "is_active": "true"})


EMULATOR_LOGIN = """
import asyncio
import json

import httpx

from oneid_sdk.emulator import RegisteredClient, create_app
from oneid_sdk.settings import OneIDSettings
from regenerated import PERSONAS, AsyncOneIDClient

CALLBACK = "https://portal.example.test/one-id/access"
SETTINGS = OneIDSettings(
    one_id_sso_url="https://oneid.test/sso/oauth/Authorization.do",
    one_id_client_id="portal",
    one_id_client_secret="portal-secret",
    one_id_scope="portal",
    one_id_allowed_redirect_uris=[CALLBACK],
)


async def main() -> None:
    emulator = create_app([RegisteredClient("portal", "portal-secret", "portal", [CALLBACK])], personas=PERSONAS)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=emulator)) as http:
        client = AsyncOneIDClient(SETTINGS, http_client=http)
        url = client.authorization_url(redirect_uri=CALLBACK, state="s") + "&persona=individual"
        callback = httpx.URL((await http.get(url)).headers["location"])
        token = await client.exchange_code(code=callback.params["code"], redirect_uri=CALLBACK)
        form = {
            "grant_type": "one_access_token_identify",
            "client_id": "portal",
            "client_secret": "portal-secret",
            "access_token": token.access_token,
            "scope": "portal",
        }
        wire = (await http.post(SETTINGS.one_id_sso_url, data=form)).json()
        user = await client.identify(access_token=token.access_token)
        print(json.dumps({"wire": [wire["lang"], wire["is_active"]], "model": [user.lang, user.is_active]}))


asyncio.run(main())
"""


def test_a_new_field_in_the_spec_is_typed_on_the_model_and_served_by_the_emulator(tmp_path: Path) -> None:
    package = tmp_path / "regenerated"
    result = run_generator("--spec", spec_with(tmp_path, add_fields), "--out", package)
    assert result.returncode == 0, result.stderr

    models = (package / "models.py").read_text(encoding="utf-8")
    assert models.startswith("# Generated from oneid.yaml by `python -m generator`.")
    assert "    lang: BlankIsAbsent | None = None\n" in models
    assert "    is_active: StringBool | None = None\n" in models
    (tmp_path / "uses_regenerated.py").write_text(
        textwrap.dedent(
            """
            from typing import assert_type

            from oneid_sdk._quirks import UnknownValue
            from regenerated import AuthMethod, LegalInfo, UserInfo, UserType

            user = UserInfo.model_validate({"pin": "1", "lang": "", "is_active": "false"})
            assert_type(user.lang, str | None)
            assert_type(user.is_active, bool | None)
            assert_type(user.legal_info, list[LegalInfo] | None)
            assert_type(user.auth_method, AuthMethod | UnknownValue | None)
            assert_type(user.user_type, UserType | UnknownValue | None)
            assert_type(user.pin, str)
            """
        ),
        encoding="utf-8",
    )
    checked = run_mypy(tmp_path, "regenerated", "uses_regenerated.py")
    assert checked.returncode == 0, checked.stdout + checked.stderr

    (tmp_path / "login.py").write_text(EMULATOR_LOGIN, encoding="utf-8")
    served = subprocess.run(
        [sys.executable, "login.py"], cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False
    )
    assert served.returncode == 0, served.stderr
    assert json.loads(served.stdout) == {"wire": ["uz", "true"], "model": ["uz", True]}


def misplace_quirk(document: dict[str, Any]) -> None:
    document["schemas"]["UserInfo"]["properties"]["pin"]["x-quirk"] = "string-boolean"


def drop_refusal_message(document: dict[str, Any]) -> None:
    del document["operations"]["identify"]["response"]["refusal_message"]


def drop_python_name(document: dict[str, Any]) -> None:
    del document["schemas"]["UserInfo"]["properties"]["_pport_issue_date"]["x-python-name"]


def invent_a_quirk(document: dict[str, Any]) -> None:
    document["schemas"]["UserInfo"]["properties"]["gd"]["x-quirk"] = "gender-code"


def open_a_plain_string(document: dict[str, Any]) -> None:
    document["schemas"]["UserInfo"]["properties"]["user_id"]["x-quirk"] = "open-enum"


def reuse_a_python_name(document: dict[str, Any]) -> None:
    document["schemas"]["UserInfo"]["properties"]["_pport_expr_date"]["x-python-name"] = "pport_expr_date"


def retry_forever(document: dict[str, Any]) -> None:
    document["transport"]["connect_retries"] = 100


def table_of_an_enum(document: dict[str, Any]) -> None:
    document["readme"]["user-info-fields"] = "AuthMethod"


def require_a_known_field_vaguely(document: dict[str, Any]) -> None:
    document["operations"]["log_out"]["response"]["require_known_field"] = "yes"


def name_no_error_field(document: dict[str, Any]) -> None:
    document["operations"]["identify"]["response"]["error_field"] = ""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (misplace_quirk, "schemas.UserInfo.pin: x-quirk 'string-boolean' does not apply to type 'string'"),
        (drop_refusal_message, "operations.identify.response.refusal_message must be a non-empty string"),
        (drop_python_name, "'_pport_issue_date' cannot be the name of a model field; give it an x-python-name"),
        (invent_a_quirk, "schemas.UserInfo.gd: x-quirk 'gender-code' is not one of the spec's quirks"),
        (open_a_plain_string, "schemas.UserInfo.user_id: x-quirk 'open-enum' does not apply to type 'string'"),
        (reuse_a_python_name, "duplicate field names of schemas.UserInfo: 'pport_expr_date'"),
        (retry_forever, "transport.connect_retries must be an integer from 0 to 5"),
        (table_of_an_enum, "readme.user-info-fields must name an object schema of schemas, not 'AuthMethod'"),
        (require_a_known_field_vaguely, "operations.log_out.response.require_known_field must be true or false"),
        (name_no_error_field, "operations.identify.response.error_field must be a key name"),
    ],
)
def test_a_spec_the_generator_cannot_render_is_refused(tmp_path: Path, change: Any, message: str) -> None:
    out = tmp_path / "out"

    result = run_generator("--spec", spec_with(tmp_path, change), "--out", out)

    assert result.returncode == 2
    assert message in result.stderr
    assert not out.exists()


def test_the_manifest_names_the_specs_hash_and_the_pinned_tools() -> None:
    manifest = tomllib.loads((GENERATED / "manifest.toml").read_text(encoding="utf-8"))

    assert manifest["spec"] == {"path": "spec/oneid.yaml", "sha256": hashlib.sha256(SPEC.read_bytes()).hexdigest()}
    assert manifest["tools"] == {tool: version(tool) for tool in ("datamodel-code-generator", "ruff")}
    pinned = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert {f"{tool}=={number}" for tool, number in manifest["tools"].items()} <= set(pinned["dev"])


def test_check_fails_when_the_spec_changed_without_regenerating(tmp_path: Path) -> None:
    spec = tmp_path / "oneid.yaml"
    spec.write_bytes(SPEC.read_bytes() + b"# a comment changes no model, but the spec's hash\n")
    out = copy_of_generated(tmp_path)
    (out / "manifest.toml").write_text(
        (out / "manifest.toml").read_text(encoding="utf-8").replace("spec/oneid.yaml", "oneid.yaml"), "utf-8"
    )
    headers_renamed = {
        path: path.read_text(encoding="utf-8").replace("Generated from spec/oneid.yaml", "Generated from oneid.yaml")
        for path in out.iterdir()
    }
    for path, text in headers_renamed.items():
        path.write_text(text, encoding="utf-8")

    result = run_generator("--check", "--spec", spec, "--out", out)

    assert result.returncode == 1
    changed = [line for line in result.stdout.splitlines() if line.startswith(("--- ", "+++ "))]
    assert changed == [f"--- a/{out}/manifest.toml", f"+++ b/{out}/manifest.toml"]
    assert f'+sha256 = "{hashlib.sha256(spec.read_bytes()).hexdigest()}"' in result.stdout


def readme_copy(tmp_path: Path, edit: Callable[[str], str]) -> Path:
    readme = tmp_path / "README.md"
    readme.write_text(edit((ROOT / "README.md").read_text(encoding="utf-8")), encoding="utf-8")
    return readme


def test_the_readme_table_lists_every_user_info_field() -> None:
    from oneid_sdk._generated.models import UserInfo

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- user-info-fields:start -->\n")[1].split("<!-- user-info-fields:end -->")[0]
    rows = [line for line in block.splitlines() if line.startswith("| `")]
    named = [row.split("`")[1] for row in rows]
    assert [name for name in named if "[]." not in name] == [
        field.alias or name for name, field in UserInfo.model_fields.items()
    ]
    assert "| `legal_info[].is_basic` | `bool \\| None` |" in block
    assert "| `_pport_issue_date` (attribute `alt_pport_issue_date`) | `str \\| None` |" in block
    assert "| `birth_date` | `date \\| None` |" in block
    assert "| `auth_method` | `AuthMethod \\| UnknownValue \\| None` |" in block
    assert "| `pin` | `str` |" in block


def test_check_fails_when_the_readme_table_was_edited_and_generating_restores_it(tmp_path: Path) -> None:
    original = (ROOT / "README.md").read_text(encoding="utf-8")
    readme = readme_copy(tmp_path, lambda text: text.replace("Family name (surname).", "Surname, probably."))

    checked = run_generator("--check", "--readme", readme)
    written = run_generator("--readme", readme)

    assert checked.returncode == 1
    assert "-| `sur_name` | `str \\| None` | Surname, probably." in checked.stdout
    assert "+| `sur_name` | `str \\| None` | Family name (surname)." in checked.stdout
    assert "a field table is out of date" in checked.stderr
    assert written.returncode == 0, written.stderr
    assert readme.read_text(encoding="utf-8") == original


def test_a_readme_without_the_markers_is_an_error(tmp_path: Path) -> None:
    readme = readme_copy(tmp_path, lambda text: text.replace("<!-- user-info-fields:end -->", ""))

    result = run_generator("--check", "--readme", readme)

    assert result.returncode == 2
    assert "the README needs one <!-- user-info-fields:start --> ... <!-- user-info-fields:end --> block" in (
        result.stderr
    )
