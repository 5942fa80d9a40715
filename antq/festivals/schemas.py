from __future__ import annotations

import datetime as dt

from django.utils import timezone
from ninja import Field, Schema
from pydantic import ConfigDict

from antq.core.schemas import InputSchema
from antq.festivals.models import FestivalSite
from antq.festivals.selectors import SiteFilter
from antq.festivals.services import BulkResult, SiteInput
from antq.plans.schemas import PlanRef
from antq.units.schemas import UnitRef


class SiteIn(InputSchema):
    """A site as entered. Date and times are local (Asia/Ho_Chi_Minh)."""

    model_config = ConfigDict(extra="forbid")

    unit: str = Field(..., description="Code of the organising unit (commune, village, organisation)")
    date: dt.date
    start_time: dt.time | None = Field(None, description="Default 07:30")
    end_time: dt.time | None = None
    name: str = Field("", max_length=300, description="Default: the festival's name and the unit's")
    venue: str = Field(..., max_length=300)
    latitude: float | None = Field(None, description="Default: the unit's centre")
    longitude: float | None = None
    pilot_tier: str = Field("", description="'' (wide rollout), 'ministry' or 'province'")
    programme: list[str] = Field([], description="Programme item codes, e.g. meeting, arts, id_cards")
    invited_leaders: str = ""
    expected_participants: int | None = Field(None, ge=0)

    def to_input(self) -> SiteInput:
        return SiteInput(
            unit_code=self.unit,
            date=self.date,
            start_time=self.start_time,
            end_time=self.end_time,
            name=self.name,
            venue=self.venue,
            latitude=self.latitude,
            longitude=self.longitude,
            pilot_tier=self.pilot_tier,
            programme=self.programme,
            invited_leaders=self.invited_leaders,
            expected_participants=self.expected_participants,
        )


class SiteCreateIn(SiteIn):
    plan: int = Field(..., description="Id of the plan in force the site belongs to")


class SiteUpdateIn(SiteIn):
    version: int = Field(..., description="The version you loaded; a stale one gets 409")


class SiteBulkIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    plan: int
    dry_run: bool = False
    sites: list[SiteIn]


class SiteTransitionIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    version: int
    state: str = Field(..., description="planned, confirmed, held, reported or cancelled")
    reason: str = Field("", description="Required when cancelling")


class SiteOut(Schema):
    id: int
    plan: PlanRef
    unit: UnitRef
    province: UnitRef | None
    commune: UnitRef | None
    year: int
    name: str
    pilot_tier: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    venue: str
    latitude: float | None
    longitude: float | None
    invited_leaders: str
    expected_participants: int | None
    programme: list[str]
    state: str
    cancel_reason: str
    version: int

    @staticmethod
    def resolve_plan(obj: FestivalSite) -> PlanRef:
        return PlanRef(id=obj.plan.pk, reference=obj.plan.reference, title=obj.plan.title)

    @staticmethod
    def resolve_unit(obj: FestivalSite) -> UnitRef:
        return UnitRef(code=obj.unit.code, name=obj.unit.name)

    @staticmethod
    def resolve_province(obj: FestivalSite) -> UnitRef | None:
        return UnitRef(code=obj.province.code, name=obj.province.name) if obj.province else None

    @staticmethod
    def resolve_commune(obj: FestivalSite) -> UnitRef | None:
        return UnitRef(code=obj.commune.code, name=obj.commune.name) if obj.commune else None

    @staticmethod
    def resolve_starts_at(obj: FestivalSite) -> dt.datetime:
        return timezone.localtime(obj.starts_at)

    @staticmethod
    def resolve_programme(obj: FestivalSite) -> list[str]:
        return sorted(p.item for p in obj.programme.all())


class RowProblemOut(Schema):
    row: int
    field: str
    message: str


class BulkResultOut(Schema):
    rows: int
    dry_run: bool
    ok: bool
    created: int
    site_ids: list[int]
    problems: list[RowProblemOut]

    @classmethod
    def of(cls, result: BulkResult) -> BulkResultOut:
        return cls(
            rows=result.rows,
            dry_run=result.dry_run,
            ok=result.ok,
            created=len(result.created),
            site_ids=[s.pk for s in result.created],
            problems=[RowProblemOut(row=p.row, field=p.field, message=p.message) for p in result.problems],
        )


class SiteFilterIn(InputSchema):
    year: int | None = Field(None, ge=2000, le=2100)
    plan: int | None = None
    unit: str = Field("", description="Unit code: the unit and everything below it")
    pilot_tier: str | None = Field(None, description="'', 'ministry' or 'province'; omit for any")
    state: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str = ""

    def to_filter(self) -> SiteFilter:
        return SiteFilter(
            year=self.year,
            plan_id=self.plan,
            unit_code=self.unit,
            pilot_tier=self.pilot_tier,
            state=self.state,
            date_from=self.date_from,
            date_to=self.date_to,
            query=self.q,
        )
