from __future__ import annotations

import datetime as dt

from ninja import Field, Schema
from pydantic import ConfigDict

from antq.core.schemas import InputSchema
from antq.registry.exemplars.models import Exemplar
from antq.registry.exemplars.selectors import ExemplarFilter
from antq.registry.exemplars.services import ExemplarInput
from antq.units.schemas import UnitRef


class ExemplarIn(InputSchema):
    """An exemplar as entered. Lengths and ranges are checked by the service, with messages naming
    the field."""

    model_config = ConfigDict(extra="forbid")

    unit: str = Field(..., description="Code of the unit the exemplar belongs to (province, commune, village, ...)")
    kind: str = Field(..., description="'collective' or 'individual'")
    category: str = Field(..., description="'advanced' (điển hình tiên tiến) or 'good_deed' (người tốt việc tốt)")
    name: str = Field(..., description="The collective's or the person's name (at most 200 characters)")
    position: str = Field("", description="Position, workplace or address (at most 300 characters)")
    year: int = Field(..., description="Year the exemplar was recognised")
    summary: str = Field(..., description="One or two sentences (at most 500 characters)")
    story: str = Field(..., description="The full story")
    initiative: int | None = Field(None, description="Id of an initiative of the same commune, if any")

    def to_input(self) -> ExemplarInput:
        return ExemplarInput(
            unit_code=self.unit,
            kind=self.kind,
            category=self.category,
            name=self.name,
            position=self.position,
            year=self.year,
            summary=self.summary,
            story=self.story,
            initiative_id=self.initiative,
        )


class ExemplarUpdateIn(ExemplarIn):
    version: int = Field(..., description="The version you loaded; a stale one gets 409")


class InitiativeRef(Schema):
    id: int
    name: str


class ExemplarOut(Schema):
    id: int
    kind: str
    category: str
    name: str
    position: str
    unit: UnitRef
    province: UnitRef | None
    commune: UnitRef | None
    year: int
    summary: str
    story: str
    initiative: InitiativeRef | None
    published: bool = Field(..., description="On the public portal")
    published_at: dt.datetime | None
    published_by: str | None = Field(None, description="Name of the leader who published it")
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_published(obj: Exemplar) -> bool:
        return obj.is_published

    @staticmethod
    def resolve_published_by(obj: Exemplar) -> str | None:
        user = obj.published_by
        if user is None:
            return None
        return user.full_name or user.username


class ExemplarFilterIn(InputSchema):
    year: int | None = Field(None, ge=2000, le=2100)
    kind: str = Field("", description="'collective' or 'individual'; empty for both")
    category: str = Field("", description="'advanced' or 'good_deed'; empty for both")
    unit: str = Field("", description="Unit code: the unit and everything below it")
    published: bool | None = Field(None, description="true: on the portal; false: not yet; omit for both")
    q: str = Field("", description="Name, position, summary or unit; diacritics, case and đ/d are ignored")

    def to_filter(self) -> ExemplarFilter:
        return ExemplarFilter(
            year=self.year,
            kind=self.kind,
            category=self.category,
            unit_code=self.unit,
            published=self.published,
            query=self.q,
        )
