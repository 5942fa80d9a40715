from __future__ import annotations

import datetime as dt

from django.utils import timezone
from ninja import Field, Schema
from pydantic import ConfigDict

from antq.core.schemas import InputSchema
from antq.festivals.models import FestivalSite
from antq.registry.pledges.selectors import PledgeFilter
from antq.registry.pledges.services import PledgeInput
from antq.units.schemas import UnitRef


class PledgeIn(InputSchema):
    """A pledge as entered. Lengths and ranges are checked by the service, with messages naming the
    field."""

    model_config = ConfigDict(extra="forbid")

    unit: str = Field(..., description="Code of the unit whose area signs the pledge (usually the commune)")
    signed_on: dt.date = Field(..., description="Date of signing (not in the future; the site's day when at a site)")
    title: str = Field(..., description="At most 300 characters")
    content: str = Field(..., description="What the parties pledge")
    parties: str = Field("", description="Other signing parties, in words (Mặt trận, Hội Cựu chiến binh, ...)")
    party_units: list[str] = Field(
        [], description="Codes of signing units below the pledge's unit (villages, residential groups, organisations)"
    )
    households: int | None = Field(None, description="Households pledging (0 to 500.000)")
    festival_site: int | None = Field(None, description="Id of the festival site where it was signed, if any")

    def to_input(self) -> PledgeInput:
        return PledgeInput(
            unit_code=self.unit,
            signed_on=self.signed_on,
            title=self.title,
            content=self.content,
            parties=self.parties,
            party_unit_codes=tuple(self.party_units),
            households=self.households,
            festival_site_id=self.festival_site,
        )


class PledgeUpdateIn(PledgeIn):
    version: int = Field(..., description="The version you loaded; a stale one gets 409")


class SiteChoice(Schema):
    id: int
    name: str
    date: dt.date
    venue: str
    state: str

    @staticmethod
    def resolve_date(obj: FestivalSite) -> dt.date:
        return timezone.localtime(obj.starts_at).date()


class PledgeOut(Schema):
    id: int
    unit: UnitRef
    province: UnitRef | None
    commune: UnitRef | None
    signed_on: dt.date
    title: str
    content: str
    parties: str
    party_units: list[UnitRef]
    households: int | None
    festival_site: SiteChoice | None
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime


class PledgeChoicesOut(Schema):
    unit: UnitRef
    party_units: list[UnitRef] = Field(..., description="Units that can sign a pledge of this unit")
    festival_sites: list[SiteChoice] = Field(..., description="Sites of its area a pledge may be signed at")


class PledgeFilterIn(InputSchema):
    year: int | None = Field(None, ge=2000, le=2100)
    unit: str = Field("", description="Unit code: the unit and everything below it")
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    festival_site: int | None = None
    q: str = Field("", description="Title, or the name of the unit or a signing unit (diacritics ignored)")

    def to_filter(self) -> PledgeFilter:
        return PledgeFilter(
            year=self.year,
            unit_code=self.unit,
            date_from=self.date_from,
            date_to=self.date_to,
            festival_site_id=self.festival_site,
            query=self.q,
        )
