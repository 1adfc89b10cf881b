"""``spec/oneid.yaml`` read into typed objects, checked on the way so that a bad spec fails before any rendering."""

from __future__ import annotations

import hashlib
import keyword
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

__all__ = [
    "Operation",
    "Parameter",
    "Persona",
    "Response",
    "Spec",
    "SpecError",
    "Transport",
    "load_spec",
    "python_name",
]

JSON_TYPES_IN_PYTHON = {"string": "str", "integer": "int", "boolean": "bool", "number": "float"}


class SpecError(ValueError):
    """The spec is malformed or asks for something the generator cannot render."""


@dataclass(frozen=True)
class Parameter:
    """One parameter of an operation, in wire order."""

    name: str
    source: Literal["const", "setting", "caller"]
    value: str | None = None
    constant: str | None = None
    setting: str | None = None
    argument: str | None = None
    python_type: str = "str"
    secret: bool = False
    doc: str = ""

    @property
    def expression(self) -> str:
        """The Python expression of the parameter's value inside ``build_*(settings, *, <arguments>)``."""
        if self.source == "const":
            return str(self.constant)
        if self.source == "setting":
            read = ".get_secret_value()" if self.secret else ""
            return f"settings.{self.setting}{read}"
        return str(self.argument)


@dataclass(frozen=True)
class Response:
    """How an answer is read: its schema and the rules that make it a refusal."""

    schema: str
    refusal_error: str
    refusal_message: str
    success_field: str | None = None
    result_code: str | None = None
    error_field: str | None = None
    """A key whose presence (with a value) makes the answer a refusal, whatever else it holds."""
    known_fields: tuple[str, ...] = ()
    """With ``require_known_field``: the schema's wire names, at least one of which a confirming answer holds."""


@dataclass(frozen=True)
class Operation:
    """One OneID operation: the browser redirect or a back-channel call."""

    name: str
    method_name: str
    summary: str
    description: str
    kind: Literal["browser_redirect", "back_channel"]
    parameters: tuple[Parameter, ...]
    response: Response | None

    @property
    def arguments(self) -> tuple[Parameter, ...]:
        """The parameters the caller passes, in wire order."""
        return tuple(parameter for parameter in self.parameters if parameter.source == "caller")

    @property
    def constants(self) -> tuple[Parameter, ...]:
        """The fixed parameters, each exported as a constant."""
        return tuple(parameter for parameter in self.parameters if parameter.source == "const")

    @property
    def settings_argument(self) -> str:
        """The name of the settings argument of the build helper: ``_settings`` when no parameter reads it."""
        return "settings" if any(parameter.source == "setting" for parameter in self.parameters) else "_settings"


@dataclass(frozen=True)
class Persona:
    """A sample person of the emulator."""

    id: str
    label: str
    identify: Mapping[str, Any]


@dataclass(frozen=True)
class Transport:
    """How the clients send back-channel calls: connection failures (nothing sent yet) are retried, nothing else."""

    connect_retries: int = 0
    connect_backoff_seconds: float = 0.0


@dataclass(frozen=True)
class Spec:
    """The whole spec."""

    label: str
    sha256: str
    default_sso_url: str
    path: str
    transport: Transport
    operations: tuple[Operation, ...]
    quirks: Mapping[str, str]
    schemas: Mapping[str, Any]
    readme_tables: Mapping[str, str]
    personas: tuple[Persona, ...]

    @property
    def model_names(self) -> tuple[str, ...]:
        """The class names of the schemas, in spec order."""
        return tuple(model_name(key, schema) for key, schema in self.schemas.items())

    @property
    def parameter_constant_names(self) -> tuple[str, ...]:
        """The names of the fixed parameters' constants, in spec order."""
        return tuple(str(parameter.constant) for operation in self.operations for parameter in operation.constants)

    @property
    def constant_names(self) -> tuple[str, ...]:
        """The names exported by ``constants.py``."""
        return (
            "DEFAULT_SSO_URL",
            "SSO_PATH",
            "CONNECT_RETRIES",
            "CONNECT_BACKOFF_SECONDS",
            *self.parameter_constant_names,
        )

    @property
    def refusal_errors(self) -> tuple[str, ...]:
        """The error classes the operations raise on a refusal, sorted."""
        return tuple(sorted({op.response.refusal_error for op in self.operations if op.response is not None}))

    @property
    def back_channel(self) -> tuple[Operation, ...]:
        """The operations sent by the server."""
        return tuple(operation for operation in self.operations if operation.kind == "back_channel")

    @property
    def browser_redirects(self) -> tuple[Operation, ...]:
        """The operations the browser is sent to."""
        return tuple(operation for operation in self.operations if operation.kind == "browser_redirect")


def model_name(key: str, schema: Mapping[str, Any]) -> str:
    """The class name of a schema: its ``title``, else its key."""
    return str(schema.get("title", key))


def python_name(wire_name: str, field: Mapping[str, Any]) -> str:
    """The attribute name of a property: its ``x-python-name``, else its wire name."""
    return str(field.get("x-python-name", wire_name))


def load_spec(path: Path, *, label: str | None = None) -> Spec:
    """Read and check the spec at ``path``; ``label`` is how generated headers name it (default: the file name)."""
    source = path.read_bytes()
    try:
        document = yaml.safe_load(source.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SpecError(f"{path.name} is not valid YAML: {exc}") from exc
    root = _mapping(document, "the spec")
    protocol = _mapping(root.get("protocol"), "protocol")
    quirks = {
        str(name): _text(_mapping(body, f"quirks.{name}"), "summary", f"quirks.{name}")
        for name, body in _mapping(root.get("quirks", {}), "quirks").items()
    }
    schemas = _mapping(root.get("schemas"), "schemas")
    for key, schema in schemas.items():
        _schema(key, _mapping(schema, f"schemas.{key}"), quirks)
    readme_tables = {
        str(marker): _readme_table(str(marker), schema, schemas)
        for marker, schema in _mapping(root.get("readme", {}), "readme").items()
    }
    operations = tuple(
        _operation(name, _mapping(body, f"operations.{name}"), schemas)
        for name, body in _mapping(root.get("operations"), "operations").items()
    )
    _unique([op.method_name for op in operations], "operation method names")
    _unique([param.constant for op in operations for param in op.constants], "constant names")
    personas = tuple(
        _persona(index, item) for index, item in enumerate(_sequence(root.get("personas", []), "personas"))
    )
    _unique([persona.id for persona in personas], "persona ids")
    return Spec(
        label=label or path.name,
        sha256=hashlib.sha256(source).hexdigest(),
        default_sso_url=_text(protocol, "default_sso_url", "protocol"),
        path=_text(protocol, "path", "protocol"),
        transport=_transport(_mapping(root.get("transport", {}), "transport")),
        operations=operations,
        quirks=quirks,
        schemas=schemas,
        readme_tables=readme_tables,
        personas=personas,
    )


def _transport(body: Mapping[str, Any]) -> Transport:
    retries = body.get("connect_retries", 0)
    backoff = body.get("connect_backoff_seconds", 0.0)
    if not isinstance(retries, int) or isinstance(retries, bool) or not 0 <= retries <= 5:
        raise SpecError("transport.connect_retries must be an integer from 0 to 5")
    if not isinstance(backoff, int | float) or isinstance(backoff, bool) or not 0 <= backoff <= 2:
        raise SpecError("transport.connect_backoff_seconds must be a number of seconds from 0 to 2")
    return Transport(connect_retries=retries, connect_backoff_seconds=float(backoff))


def _schema(key: str, schema: Mapping[str, Any], quirks: Mapping[str, str]) -> None:
    """Check what the generator reads of a schema: quirks it knows, and attribute names Python and pydantic accept."""
    where = f"schemas.{key}"
    base = schema.get("x-python-base")
    if base is not None and (
        not isinstance(base, str) or "." not in base or not all(part.isidentifier() for part in base.split("."))
    ):
        raise SpecError(f"{where}.x-python-base must be a dotted path to a class, not {base!r}")
    names: list[str | None] = []
    for wire_name, field in _mapping(schema.get("properties", {}), f"{where}.properties").items():
        at = f"{where}.{wire_name}"
        field = _mapping(field, at)
        quirk = field.get("x-quirk")
        if quirk is not None and quirk not in quirks:
            raise SpecError(f"{at}: x-quirk {quirk!r} is not one of the spec's quirks {sorted(quirks)}")
        name = python_name(str(wire_name), field)
        if not name.isidentifier() or name.startswith("_") or keyword.iskeyword(name):
            hint = "" if "x-python-name" in field else "; give it an x-python-name"
            raise SpecError(f"{at}: {name!r} cannot be the name of a model field{hint}")
        names.append(name)
    _unique(names, f"field names of {where}")


def _readme_table(marker: str, schema: object, schemas: Mapping[str, Any]) -> str:
    if not marker.replace("-", "").isalnum():
        raise SpecError(f"readme: {marker!r} must be letters, digits and dashes")
    if not isinstance(schema, str) or "properties" not in schemas.get(schema, {}):
        raise SpecError(f"readme.{marker} must name an object schema of schemas, not {schema!r}")
    return schema


def _operation(name: str, body: Mapping[str, Any], schemas: Mapping[str, Any]) -> Operation:
    where = f"operations.{name}"
    _identifier(name, where)
    kind = _text(body, "kind", where)
    if kind not in {"browser_redirect", "back_channel"}:
        raise SpecError(f"{where}.kind must be browser_redirect or back_channel, not {kind!r}")
    method = _text(body, "method", where)
    parameters = tuple(
        _parameter(_mapping(item, f"{where}.parameters[{index}]"), f"{where}.parameters[{index}]")
        for index, item in enumerate(_sequence(body.get("parameters"), f"{where}.parameters"))
    )
    _unique([parameter.name for parameter in parameters], f"{where} parameter names")
    _unique([parameter.argument for parameter in parameters if parameter.argument], f"{where} argument names")
    response = None
    if kind == "browser_redirect":
        if method != "GET":
            raise SpecError(f"{where}: a browser redirect is a GET")
    else:
        content_type = _text(body, "content_type", where)
        if method != "POST" or content_type != "application/x-www-form-urlencoded":
            raise SpecError(f"{where}: only form-encoded POSTs are supported for back-channel calls")
        response = _response(_mapping(body.get("response"), f"{where}.response"), f"{where}.response", schemas)
    method_name = str(body.get("method_name", name))
    _identifier(method_name, f"{where}.method_name")
    return Operation(
        name=name,
        method_name=method_name,
        summary=_text(body, "summary", where),
        description=str(body.get("description", "")).strip(),
        kind="browser_redirect" if kind == "browser_redirect" else "back_channel",
        parameters=parameters,
        response=response,
    )


def _parameter(body: Mapping[str, Any], where: str) -> Parameter:
    name = _text(body, "name", where)
    source = _text(body, "source", where)
    secret = bool(body.get("secret", False))
    if source == "const":
        constant = _text(body, "constant", where)
        if not constant.isidentifier() or not constant.isupper():
            raise SpecError(f"{where}.constant must be an UPPER_CASE identifier, not {constant!r}")
        return Parameter(name=name, source="const", value=_text(body, "value", where), constant=constant)
    if source == "setting":
        setting = _text(body, "setting", where)
        _identifier(setting, f"{where}.setting")
        return Parameter(name=name, source="setting", setting=setting, secret=secret)
    if source == "caller":
        argument = str(body.get("argument", name))
        _identifier(argument, f"{where}.argument")
        json_type = _text(body, "type", where)
        if json_type not in JSON_TYPES_IN_PYTHON:
            raise SpecError(f"{where}.type {json_type!r} is not one of {sorted(JSON_TYPES_IN_PYTHON)}")
        return Parameter(
            name=name,
            source="caller",
            argument=argument,
            python_type=JSON_TYPES_IN_PYTHON[json_type],
            secret=secret,
            doc=_text(body, "doc", where),
        )
    raise SpecError(f"{where}.source must be const, setting or caller, not {source!r}")


def _response(body: Mapping[str, Any], where: str, schemas: Mapping[str, Any]) -> Response:
    schema = _text(body, "schema", where)
    if schema not in schemas:
        raise SpecError(f"{where}.schema {schema!r} is not in schemas")
    success_field = body.get("success_field")
    result_code = body.get("result_code")
    properties = _mapping(schemas[schema].get("properties", {}), f"schemas.{schema}.properties")
    for rule, field in (("success_field", success_field), ("result_code", result_code)):
        if field is not None and field not in properties:
            raise SpecError(f"{where}.{rule} {field!r} is not a property of {schema}")
    refusal_error = _text(body, "refusal_error", where)
    _identifier(refusal_error, f"{where}.refusal_error")
    error_field = body.get("error_field")
    if error_field is not None and (not isinstance(error_field, str) or not error_field):
        raise SpecError(f"{where}.error_field must be a key name")
    require_known_field = body.get("require_known_field", False)
    if not isinstance(require_known_field, bool):
        raise SpecError(f"{where}.require_known_field must be true or false")
    if require_known_field and not properties:
        raise SpecError(f"{where}.require_known_field needs a schema with properties")
    return Response(
        schema=model_name(schema, schemas[schema]),
        refusal_error=refusal_error,
        refusal_message=_text(body, "refusal_message", where),
        success_field=None if success_field is None else str(success_field),
        result_code=None if result_code is None else str(result_code),
        error_field=error_field,
        known_fields=tuple(str(name) for name in properties) if require_known_field else (),
    )


def _persona(index: int, item: object) -> Persona:
    where = f"personas[{index}]"
    body = _mapping(item, where)
    identify = _mapping(body.get("identify"), f"{where}.identify")
    _check_json(identify, f"{where}.identify")
    return Persona(id=_text(body, "id", where), label=_text(body, "label", where), identify=identify)


def _check_json(value: object, where: str) -> None:
    """Refuse what YAML reads but JSON cannot send (dates, for an unquoted ``1985-01-01``)."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                raise SpecError(f"{where}: key {key!r} is not a string")
            _check_json(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_json(item, f"{where}[{index}]")
    elif value is not None and not isinstance(value, str | int | float | bool):
        raise SpecError(f"{where} is a {type(value).__name__}, not a JSON value (quote it)")


def _mapping(value: object, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise SpecError(f"{where} must be a mapping")
    return value


def _sequence(value: object, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise SpecError(f"{where} must be a list")
    return value


def _text(body: Mapping[str, Any], key: str, where: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SpecError(f"{where}.{key} must be a non-empty string")
    return value.strip()


def _identifier(name: str, where: str) -> None:
    if not name.isidentifier():
        raise SpecError(f"{where}: {name!r} is not a Python identifier")


def _unique(names: list[str | None], what: str) -> None:
    seen: set[str | None] = set()
    for name in names:
        if name in seen:
            raise SpecError(f"duplicate {what}: {name!r}")
        seen.add(name)
