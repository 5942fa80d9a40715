from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema
from pydantic import ConfigDict

from antq.core.schemas import InputSchema
from antq.registry.initiatives.counts import AreaCounts, Counts
from antq.registry.initiatives.models import Initiative, InitiativePhoto
from antq.registry.initiatives.selectors import InitiativeFilter
from antq.registry.initiatives.services import InitiativeInput
from antq.units.schemas import UnitRef


class InitiativeIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    type: str = Field(..., description="Type code, e.g. camera")
    unit: str = Field(..., description="Code of the unit running it (province, commune, village, organisation)")
    name: str = Field(..., max_length=300)
    started_on: dt.date
    members: int | None = Field(None, ge=0)
    households: int | None = Field(None, ge=0)
    counts: dict[str, int] = Field({}, description='The type\'s counts, e.g. {"cameras": 12}')
    description: str = ""
    replicated_from: int | None = Field(None, description="Id of the initiative this one replicates (any area)")

    def to_input(self) -> InitiativeInput:
        return InitiativeInput(
            type_code=self.type,
            unit_code=self.unit,
            name=self.name,
            started_on=self.started_on,
            members=self.members,
            households=self.households,
            counts=self.counts,
            description=self.description,
            replicated_from=self.replicated_from,
        )


class InitiativeUpdateIn(InitiativeIn):
    version: int = Field(..., description="The version you loaded; a stale one gets 409")


class StatusIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    version: int
    status: str = Field(..., description="active (working well), weak or dissolved")
    on: dt.date
    note: str = Field("", description="Required when dissolving")


class EvaluationIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    version: int
    year: int
    rating: str = Field(..., description="exemplary, effective, average or weak")
    note: str = ""


class InitiativeRef(Schema):
    id: int
    name: str


class HistoryOut(Schema):
    status: str
    on: dt.date
    note: str


class EvaluationOut(Schema):
    year: int
    rating: str
    note: str


class PhotoOut(Schema):
    id: int
    caption: str
    width: int
    height: int
    url: str

    @staticmethod
    def resolve_url(obj: InitiativePhoto) -> str:
        return f"/api/registry/initiatives/{obj.initiative_id}/photos/{obj.pk}"


class InitiativeOut(Schema):
    id: int
    type: str
    type_name: str
    name: str
    unit: UnitRef
    province: UnitRef | None
    commune: UnitRef | None
    started_on: dt.date
    status: str
    status_since: dt.date
    members: int | None
    households: int | None
    counts: dict[str, Any]
    description: str
    replicated_from: InitiativeRef | None
    version: int

    @staticmethod
    def resolve_type(obj: Initiative) -> str:
        return obj.type.code

    @staticmethod
    def resolve_type_name(obj: Initiative) -> str:
        return obj.type.name


class InitiativeDetailOut(InitiativeOut):
    history: list[HistoryOut]
    evaluations: list[EvaluationOut]
    photos: list[PhotoOut]


class InitiativeFilterIn(InputSchema):
    unit: str = Field("", description="Unit code: the unit and everything below it")
    type: str = ""
    status: str = ""
    replicated: bool | None = None
    started_year: int | None = Field(None, ge=2000, le=2100)
    q: str = Field("", description="Name or unit, without diacritics if you like")

    def to_filter(self) -> InitiativeFilter:
        return InitiativeFilter(
            unit_code=self.unit,
            type_code=self.type,
            status=self.status,
            replicated=self.replicated,
            started_year=self.started_year,
            query=self.q,
        )


class SourceOut(Schema):
    id: int
    name: str
    type: str
    unit: str
    unit_code: str
    province: str
    started_on: dt.date


class InitiativeCountsOut(Schema):
    active: int
    weak: int
    dissolved: int
    replicated: int
    members: int
    households: int
    by_type: dict[str, int]

    @staticmethod
    def fields_of(counts: Counts) -> dict[str, Any]:
        return {name: getattr(counts, name) for name in InitiativeCountsOut.model_fields}


class ChildCountsOut(InitiativeCountsOut):
    unit: UnitRef


class AreaCountsOut(Schema):
    unit: UnitRef
    total: InitiativeCountsOut
    children: list[ChildCountsOut]

    @staticmethod
    def of(area: AreaCounts) -> AreaCountsOut:
        return AreaCountsOut(
            unit=UnitRef(code=area.unit.code, name=area.unit.name),
            total=InitiativeCountsOut(**InitiativeCountsOut.fields_of(area.total)),
            children=[
                ChildCountsOut(unit=UnitRef(code=u.code, name=u.name), **InitiativeCountsOut.fields_of(c))
                for u, c in area.children
            ],
        )
