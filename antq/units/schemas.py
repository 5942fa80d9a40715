from __future__ import annotations

import datetime as dt

from ninja import Field, Schema
from pydantic import ConfigDict

from antq.core.schemas import InputSchema
from antq.units.models import Unit


class UnitRef(Schema):
    code: str
    name: str


class UnitOut(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    level: int
    parent: UnitRef | None
    province: UnitRef | None
    latitude: float | None
    longitude: float | None
    is_border: bool
    is_ethnic_minority: bool
    is_religious: bool
    is_industrial_zone: bool
    is_university: bool
    closed_on: dt.date | None
    successor: UnitRef | None
    version: int

    @staticmethod
    def resolve_parent(obj: Unit) -> UnitRef | None:
        return UnitRef(code=obj.parent.code, name=obj.parent.name) if obj.parent else None

    @staticmethod
    def resolve_province(obj: Unit) -> UnitRef | None:
        return UnitRef(code=obj.province.code, name=obj.province.name) if obj.province else None

    @staticmethod
    def resolve_successor(obj: Unit) -> UnitRef | None:
        return UnitRef(code=obj.successor.code, name=obj.successor.name) if obj.successor else None


class UnitSearchOut(UnitOut):
    """A unit in a search page ({items, has_more, offset}: no count, see antq.core.pagination); a
    name of its own so the OpenAPI description does not confuse its page with a counted one."""


class UnitFilter(InputSchema):
    q: str = Field("", description="Name or code; diacritics, case and đ/d are ignored.")
    province: str | None = Field(None, description="Province code, e.g. 42")
    kind: list[str] = Field([], description="Unit kinds to include")
    parent: str | None = Field(None, description="Parent unit code")
    include_historical: bool = False


class UnitCreateIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    parent: str = Field(..., description="Code of the commune or province to add under")
    kind: str
    name: str = Field(..., max_length=200)
    short_name: str = Field("", max_length=200)
    code: str = Field("", max_length=32, description="Optional; generated from the parent's code if empty")
    latitude: float | None = None
    longitude: float | None = None
    is_border: bool = False
    is_ethnic_minority: bool = False
    is_religious: bool = False
    is_industrial_zone: bool = False
    is_university: bool = False


class UnitUpdateIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(..., description="The version you loaded; a stale one gets 409")
    name: str | None = Field(None, max_length=200)
    short_name: str | None = Field(None, max_length=200)
    latitude: float | None = None
    longitude: float | None = None
    is_border: bool | None = None
    is_ethnic_minority: bool | None = None
    is_religious: bool | None = None
    is_industrial_zone: bool | None = None
    is_university: bool | None = None


class UnitMoveIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    version: int
    new_parent: str


class UnitCloseIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    version: int
    successor: str
    closed_on: dt.date | None = None
