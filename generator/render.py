"""Render every file of ``oneid_sdk/_generated/`` in memory: a mapping of file name to formatted source."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Mapping
from importlib.metadata import version
from pathlib import Path

import jinja2

from .formatting import ruff_format
from .models import render_models
from .spec import Operation, Spec
from .tables import fill_readme, render_table

__all__ = ["GENERATED_PACKAGE", "MANIFEST", "PINNED_TOOLS", "PROJECT_ROOT", "header_for", "render", "render_readme"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
GENERATED_PACKAGE = "oneid_sdk/_generated"
TEMPLATES = Path(__file__).resolve().parent / "templates"
LINE_LENGTH = 120

_TEMPLATED = ("__init__.py", "client.py", "constants.py", "operations.py", "personas.py")

MANIFEST = "manifest.toml"
"""The generated folder's provenance: the spec's SHA-256 and the versions of the tools that shape the output."""

PINNED_TOOLS = ("datamodel-code-generator", "ruff")
"""The tools whose version changes the output byte for byte (pinned in pyproject.toml's dev extra)."""


def header_for(spec: Spec) -> str:
    """The first line of every generated file."""
    return f"# Generated from {spec.label} by `python -m generator`. Do not edit: change the spec."


def render(spec: Spec) -> dict[str, str]:
    """Every generated file, formatted; keys are file names inside the generated package, sorted."""
    header = header_for(spec)
    environment = _environment()
    files = {"models.py": render_models(spec, header=header, settings_path=PROJECT_ROOT)}
    for name in _TEMPLATED:
        files[name] = environment.get_template(f"{name}.jinja").render(spec=spec, header=header)
    rendered = {
        name: ruff_format(files[name], filename=f"{GENERATED_PACKAGE}/{name}", project_root=PROJECT_ROOT)
        for name in files
    }
    rendered[MANIFEST] = render_manifest(spec, header=header)
    return dict(sorted(rendered.items()))


def render_manifest(spec: Spec, *, header: str) -> str:
    """``manifest.toml``: which spec (by SHA-256) and which tool versions rendered the folder."""
    lines = [
        header,
        "# Provenance of this folder: the spec it was rendered from, and the tools that shape its bytes.",
        "",
        "[spec]",
        f"path = {json.dumps(spec.label)}",
        f'sha256 = "{spec.sha256}"',
        "",
        "[tools]",
        *(f"{tool} = {json.dumps(version(tool))}" for tool in PINNED_TOOLS),
    ]
    return "\n".join(lines) + "\n"


def render_readme(spec: Spec, text: str) -> str:
    """``text`` (a README) with every field table of the spec's ``readme`` written between its markers."""
    header = header_for(spec)
    tables = {marker: render_table(spec, schema, header=header) for marker, schema in spec.readme_tables.items()}
    return fill_readme(text, tables)


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    environment.filters["py"] = python_literal
    environment.globals["docstring"] = docstring
    environment.globals["method_docstring"] = method_docstring
    return environment


def python_literal(value: object) -> str:
    """``value`` (JSON data) as a Python literal; strings are written JSON-escaped, which Python reads the same."""
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{python_literal(key)}: {python_literal(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(python_literal(item) for item in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if value is None or isinstance(value, bool | int | float):
        return repr(value)
    raise TypeError(f"not JSON data: {type(value).__name__}")


def docstring(*paragraphs: str, indent: int = 0) -> str:
    """A docstring of prose ``paragraphs``, wrapped to the line length for a body indented by ``indent``."""
    return _docstring([_prose(paragraph, indent) for paragraph in paragraphs if paragraph.strip()], indent)


def method_docstring(operation: Operation, *, indent: int) -> str:
    """The docstring of a client method: summary, description, arguments, result and errors, from the spec."""
    blocks = [_prose(operation.summary, indent)]
    if operation.description:
        blocks.append(_prose(operation.description, indent))
    if operation.arguments:
        blocks.append(_section("Args", [(argument.argument or "", argument.doc) for argument in operation.arguments]))
    if operation.response is None:
        blocks.append("Returns:\n    The URL of OneID's login page, with the parameters in OneID's order.")
    else:
        response = operation.response
        blocks.append(f"Returns:\n    The answer as :class:`{response.schema}`; keys the spec does not list are kept.")
        errors = [
            (response.refusal_error, response.refusal_message),
            ("OneIDHTTPError", "OneID failed, timed out, could not be reached, or answered something unusable."),
        ]
        blocks.append(_section("Raises", errors))
    return _docstring(blocks, indent)


def _prose(text: str, indent: int) -> str:
    return "\n".join(textwrap.wrap(" ".join(text.split()), width=LINE_LENGTH - indent - 6))


def _section(title: str, entries: list[tuple[str, str]]) -> str:
    lines = [f"{title}:"]
    for name, text in entries:
        entry = " ".join(f"{name}: {text}".split())
        lines.extend(textwrap.wrap(entry, width=LINE_LENGTH - 12, initial_indent="    ", subsequent_indent="        "))
    return "\n".join(lines)


def _docstring(blocks: list[str], indent: int) -> str:
    body = "\n\n".join(blocks).replace("\\", "\\\\").replace('"""', '\\"""')
    if body.endswith('"'):
        body = body[:-1] + '\\"'
    if "\n" not in body:
        return f'"""{body}"""'
    pad = " " * indent
    lines = [f"{pad}{line}" if line else "" for line in body.splitlines()]
    return '"""' + "\n".join(lines).lstrip() + f"\n{pad}" + '"""'
