"""The API's shapes shared by the sub-domains (a festival site named), and the counts."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from antq.commendations.selectors import AwardCounts
from antq.core.schemas import InputSchema
from antq.units.schemas import UnitRef


class SiteRef(Schema):
    id: int
    name: str


class CountsFilterIn(InputSchema):
    unit: str = Field("", description="Nation (VN), a province or a commune; default your unit")
    year: int | None = Field(None, description="Year of the achievements")
    date_from: dt.date | None = Field(None, description="Decisions dated from")
    date_to: dt.date | None = Field(None, description="Decisions dated until")


class CountRowOut(Schema):
    award_form: str
    kind: str
    authority_level: str
    awarded: int
    pending: int


class UnitCountOut(Schema):
    code: str
    name: str
    collectives: int
    individuals: int


class AwardCountsOut(Schema):
    unit: UnitRef
    year: int | None
    date_from: dt.date | None
    date_to: dt.date | None
    collectives: int
    individuals: int
    pending: int
    rows: list[CountRowOut]
    by_unit: list[UnitCountOut]

    @staticmethod
    def of(counts: AwardCounts) -> AwardCountsOut:
        return AwardCountsOut(
            unit=UnitRef(code=counts.unit.code, name=counts.unit.name),
            year=counts.year,
            date_from=counts.date_from,
            date_to=counts.date_to,
            collectives=counts.collectives,
            individuals=counts.individuals,
            pending=counts.pending,
            rows=[CountRowOut.from_orm(r) for r in counts.rows],
            by_unit=[UnitCountOut.from_orm(u) for u in counts.by_unit],
        )
