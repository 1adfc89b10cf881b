"""Types for the quirks of OneID's answers, one per ``x-quirk`` annotation of ``spec/oneid.yaml``.

The generated models name these types (``valid: StringBool | None``), so mypy sees plain ``bool``, ``str``, ``int``
and ``list`` while pydantic reads what OneID really sends. ``OneIDModel`` is the base of every generated model: it
keeps keys the spec does not list, and turns a malformed optional field into ``None`` instead of failing the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, TypeAlias, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Strict,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    field_validator,
)

__all__ = ["BlankIsAbsent", "CodeString", "LooseInt", "OneIDModel", "OneOrMany", "StringBool"]

T = TypeVar("T")


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
    return value


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


StringBool: TypeAlias = Annotated[bool, Strict(), BeforeValidator(_string_bool)]
"""``string-boolean``: ``true``/``false`` sent as a JSON boolean or as the string ``"true"``/``"false"``."""

BlankIsAbsent: TypeAlias = Annotated[str | None, BeforeValidator(_blank_is_absent)]
"""``blank-is-absent``: a string where ``""`` means the same as an absent field (read as ``None``)."""

CodeString: TypeAlias = Annotated[str, BeforeValidator(_code_string)]
"""``string-or-number`` on a string: a code such as ``ret_cd`` sent as ``"0"`` or ``0``, kept as a string."""

LooseInt: TypeAlias = Annotated[int, Strict(), BeforeValidator(_loose_int)]
"""``string-or-number`` on an integer: a number sent as a JSON number or as a string of digits."""

OneOrMany: TypeAlias = Annotated[list[T] | None, BeforeValidator(_one_or_many)]
"""``one-or-many``: a list that may also arrive as one item, ``null`` or ``""`` (read as ``None``)."""


class OneIDModel(BaseModel):
    """Base of the models of OneID's answers: unknown keys kept, malformed optional fields read as ``None``."""

    model_config = ConfigDict(extra="allow", hide_input_in_errors=True)

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
