"""The API's shapes of decisions: the decision recorded, and the decision as a proposal shows it."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from antq.commendations.decisions.models import CommendationDecision
from antq.commendations.decisions.services import DecisionInput
from antq.commendations.schemas import SiteRef
from antq.core.schemas import VersionIn
from antq.units.schemas import UnitRef


class DecideIn(VersionIn):
    number: str = Field(..., description="The decision's number, e.g. 3125")
    decided_on: dt.date
    signer_name: str = Field(..., max_length=150)
    symbol: str | None = Field(None, max_length=32, description="Default by level, e.g. QĐ-BCA")
    signer_title: str | None = Field(None, max_length=100)
    signer_authority: str | None = Field(None, max_length=100)
    parent_body: str | None = Field(None, max_length=200)
    issuing_body: str | None = Field(None, max_length=200)
    place: str | None = Field(None, max_length=100)
    basis: str | None = Field(None, description="Căn cứ lines, one per line; default by level")
    reward: str = Field("", description="Article 2: the reward that goes with the award, if any")
    recipients: str | None = None
    festival_site: int | None = Field(None, description="Where awards are handed over; default the proposal's")
    awarded: list[int] | None = Field(None, description="Ids of the nominees awarded; default all")

    def to_input(self) -> DecisionInput:
        sent = self.dict(exclude={"version", "festival_site", "awarded"})
        return DecisionInput(**sent, festival_site_id=self.festival_site, awarded_ids=self.awarded)


class DecisionOut(Schema):
    id: int
    reference: str
    number: str
    symbol: str
    decided_on: dt.date
    unit: UnitRef
    issuing_body: str
    signer_authority: str
    signer_title: str
    signer_name: str
    festival_site: SiteRef | None
    version: int

    @staticmethod
    def resolve_unit(obj: CommendationDecision) -> UnitRef:
        return UnitRef(code=obj.unit.code, name=obj.unit.name)

    @staticmethod
    def resolve_festival_site(obj: CommendationDecision) -> SiteRef | None:
        site = obj.festival_site
        return SiteRef(id=site.pk, name=site.name) if site else None
