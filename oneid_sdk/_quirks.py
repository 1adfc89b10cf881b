"""Types for the quirks of OneID's answers, one per quirk of ``spec/oneid.yaml`` (its ``quirks`` list).

The generated models name these types (``valid: StringBool | None``), so mypy sees plain ``bool``, ``str``, ``int``,
``date``, ``list`` and enums while pydantic reads what OneID really sends. ``OneIDModel`` is the base of every
generated model: it keeps keys the spec does not list, keeps the body as OneID sent it, dumps fields under their wire
names, and turns a malformed optional field into ``None`` instead of failing the answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Annotated, Any, Self, TypeAlias, TypeVar, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    GetCoreSchemaHandler,
    ModelWrapValidatorHandler,
    PrivateAttr,
    Strict,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    field_validator,
    model_validator,
)
from pydantic_core import CoreSchema, core_schema

__all__ = [
    "BlankIsAbsent",
    "CodeString",
    "DateOrRaw",
    "LooseInt",
    "OneIDModel",
    "OneOrMany",
    "OpenEnum",
    "StringBool",
    "UnknownValue",
]

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)

_CREDENTIAL_KEY = re.compile(r"(?:token|secret|password)$", re.IGNORECASE)
_MASKED = "**********"
_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")


def _is_blank(value: object) -> bool:
    return isinstance(value, str) and not value.strip()


def _string_bool(value: object) -> object:
    if isinstance(value, str):
        folded = value.strip().lower()
        if folded in {"true", "false"}:
            return folded == "true"
    return value


def _blank_is_absent(value: object) -> object:
    return None if _is_blank(value) else value


def _code_string(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return _blank_is_absent(value)


def _loose_int(value: object) -> object:
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return value


def _one_or_many(value: object) -> object:
    if value is None or _is_blank(value):
        return None
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        return list(value)
    return [value]


_DROPPED: Any = object()


def _item_or_dropped(value: object, handler: ValidatorFunctionWrapHandler) -> object:
    try:
        return handler(value)
    except ValidationError:
        return _DROPPED


def _without_dropped(items: list[T] | None) -> list[T] | None:
    """The items that could be read; ``None`` (a malformed field) when there were some and none could."""
    if items is None:
        return None
    kept = [item for item in items if item is not _DROPPED]
    return None if items and not kept else kept


def _date_or_raw(value: object) -> object:
    """A ``date`` from ``YYYY-MM-DD`` (or ``YYYYMMDD``); ``None`` for anything else (the model keeps the raw text)."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    match = _DATE.fullmatch(value.strip())
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


class UnknownValue(str):
    """A value OneID sent for an enum field that the spec's enum does not list: kept, not refused.

    It is a ``str`` (equal to the text OneID sent, and dumped as it), and a type of its own, so that
    ``AuthMethod | UnknownValue`` stays a union for type checkers (``AuthMethod | str`` would collapse to ``str``)
    and ``isinstance(value, AuthMethod)`` tells a known method from a new one.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"


class _KnownOrKept:
    """Pydantic marker of :data:`OpenEnum`: a member of the enum when it lists the value, else an UnknownValue."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        enums = [arg for arg in get_args(source) if isinstance(arg, type) and issubclass(arg, StrEnum)]
        if len(enums) != 1:
            raise TypeError(f"OpenEnum needs exactly one StrEnum, not {source!r}")
        unknown = core_schema.no_info_after_validator_function(UnknownValue, core_schema.str_schema(strict=True))
        known_or_kept = core_schema.union_schema([handler.generate_schema(enums[0]), unknown], mode="left_to_right")
        return core_schema.nullable_schema(known_or_kept)


StringBool: TypeAlias = Annotated[bool, Strict(), BeforeValidator(_string_bool)]
"""``string-boolean``: ``true``/``false`` sent as a JSON boolean or as the string ``"true"``/``"false"``."""

BlankIsAbsent: TypeAlias = Annotated[str | None, BeforeValidator(_blank_is_absent)]
"""``blank-is-absent``: a string where ``""`` means the same as an absent field (read as ``None``)."""

CodeString: TypeAlias = Annotated[str | None, BeforeValidator(_code_string)]
"""``string-or-number`` on a string: a code such as ``ret_cd`` sent as ``"0"`` or ``0``, kept as a string (``""``
reads as ``None``)."""

LooseInt: TypeAlias = Annotated[int, Strict(), BeforeValidator(_loose_int)]
"""``string-or-number`` on an integer: a number sent as a JSON number or as a string of digits."""

OneOrMany: TypeAlias = Annotated[
    list[Annotated[T, WrapValidator(_item_or_dropped)]] | None,
    BeforeValidator(_one_or_many),
    AfterValidator(_without_dropped),
]
"""``one-or-many``: a list that may also arrive as one item, ``null`` or ``""`` (read as ``None``); an item that
cannot be read is left out, so one bad entry does not hide the others (when none can be read, the field is
``None``)."""

OpenEnum: TypeAlias = Annotated[E | UnknownValue | None, _KnownOrKept(), BeforeValidator(_blank_is_absent)]
"""``open-enum``: a member of the enum ``E`` when OneID sends a value it lists, else the text as sent, as an
:class:`UnknownValue` (kept, not refused: OneID adds values over time); ``""`` reads as ``None``."""

DateOrRaw: TypeAlias = Annotated[date | None, BeforeValidator(_date_or_raw)]
"""``date-or-raw``: a ``date`` where the text is ``YYYY-MM-DD`` (or ``YYYYMMDD``), else ``None``; the text as sent
stays readable with :meth:`OneIDModel.wire_value`."""


class OneIDModel(BaseModel):
    """Base of the models of OneID's answers.

    Unknown keys are kept (``model_extra``), a malformed optional field reads as ``None``, fields dump under the names
    OneID uses (``_pport_issue_date``, not the Python name), and :meth:`wire_value` gives any key as OneID sent it.
    """

    model_config = ConfigDict(extra="allow", hide_input_in_errors=True, serialize_by_alias=True)

    _wire: Mapping[str, object] = PrivateAttr(default_factory=lambda: MappingProxyType({}))

    @field_validator("*", mode="wrap")
    @classmethod
    def _absent_when_malformed(cls, value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> Any:
        try:
            return handler(value)
        except ValidationError:
            field = cls.model_fields.get(info.field_name or "")
            if field is None or field.is_required():
                raise
            return None

    @model_validator(mode="wrap")
    @classmethod
    def _keep_the_wire_body(cls, data: Any, handler: ModelWrapValidatorHandler[Self]) -> Self:
        model = handler(data)
        if isinstance(data, Mapping):
            model._wire = MappingProxyType({str(key): value for key, value in data.items()})
        return model

    def wire_value(self, key: str) -> object:
        """The value of ``key`` exactly as OneID sent it (by its wire name), or ``None`` when it was not sent."""
        return self._wire.get(key)

    def __eq__(self, other: object) -> bool:
        """Answers are equal when their class, fields and unknown keys are (not how or when they were received)."""
        if not isinstance(other, BaseModel):
            return NotImplemented
        return (
            type(self) is type(other)
            and self.__dict__ == other.__dict__
            and (self.__pydantic_extra__ or {}) == (other.__pydantic_extra__ or {})
        )

    def __repr_args__(self) -> Iterable[tuple[str | None, Any]]:
        # A token or a secret (by its key, known or not) shows masked, so that a repr can go to a log.
        for name, value in super().__repr_args__():
            masked = name is not None and value is not None and _CREDENTIAL_KEY.search(name) is not None
            yield name, _MASKED if masked else value
