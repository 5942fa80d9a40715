from __future__ import annotations

import datetime as dt
import types
import typing
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import ConfigDict, ValidationInfo, field_validator

# The widest whole number any input field stores (PostgreSQL `integer`); larger ones are refused
# naming the field instead of failing in the database.
INT_MAX = 2**31 - 1


def _types_of(annotation: Any) -> set[Any]:
    if isinstance(annotation, str):
        return set()
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return {t for arg in typing.get_args(annotation) for t in _types_of(arg)}
    if typing.get_origin(annotation) is typing.Annotated:
        return _types_of(typing.get_args(annotation)[0])
    return {annotation}


_FIELD_TYPES: dict[tuple[type, str], frozenset[Any]] = {}


def _field_types(cls: type[Schema], name: str) -> frozenset[Any]:
    """The types a field accepts, worked out once per schema and field (the validator below runs
    for every field of every API request)."""
    key = (cls, name)
    kinds = _FIELD_TYPES.get(key)
    if kinds is None:
        field = cls.model_fields.get(name)
        kinds = _FIELD_TYPES[key] = frozenset(_types_of(field.annotation) if field is not None else ())
    return kinds


class InputSchema(Schema):
    """What every API body (and query filter) inherits: unknown fields are refused, and the
    values are what their types say — `true` is not the number 1, 1700000000 is not a date, and a
    whole number fits what the database stores. Text went through the text rule in the parser
    (`antq.core.parsing`)."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _plain_values(cls, value: Any, info: ValidationInfo) -> Any:
        kinds = _field_types(cls, info.field_name or "")
        numeric = kinds & {int, float, Decimal}
        if isinstance(value, bool) and numeric and bool not in kinds:
            raise ValueError(_("Enter a number, not true or false."))
        if isinstance(value, int | float) and not isinstance(value, bool) and kinds & {dt.date, dt.datetime}:
            if not kinds & {int, float, str}:
                raise ValueError(_("Enter a date as YYYY-MM-DD."))
        if isinstance(value, int) and not isinstance(value, bool) and int in kinds and not -INT_MAX <= value <= INT_MAX:
            raise ValueError(_("The number is too large."))
        if isinstance(value, str) and int in kinds and value.strip().lstrip("+-").isdigit():
            if not -INT_MAX <= int(value) <= INT_MAX:
                raise ValueError(_("The number is too large."))
        return value


class HealthOut(Schema):
    status: str
    database: str


class JobOut(Schema):
    id: str
    label: str
    state: str
    progress: int
    message: str
    file_name: str
    created_at: dt.datetime
    finished_at: dt.datetime | None
    file_url: str | None


class VersionIn(InputSchema):
    """The body of an action that changes a record and nothing else: the version the caller
    loaded (a stale one is refused with 409)."""

    version: int
