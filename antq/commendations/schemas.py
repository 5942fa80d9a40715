from __future__ import annotations

import datetime as dt

from ninja import Field, Schema
from pydantic import ConfigDict

from antq.commendations.models import CommendationDecision, CommendationNominee, CommendationProposal, ProposalEvent
from antq.commendations.selectors import AwardCounts
from antq.commendations.services import DecisionInput, NomineeInput, ProposalInput
from antq.units.schemas import UnitRef


class NomineeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: str = Field(..., description="collective or individual")
    name: str = Field(..., max_length=300, description="Full name of the person or collective")
    position: str = Field("", max_length=300, description="Position (chức vụ), for individuals")
    organisation: str = Field("", max_length=300, description="Unit or organisation (đơn vị công tác)")
    achievement: str = Field(..., max_length=4000, description="Summary of achievements (tóm tắt thành tích)")
    award_form: str = Field(
        ..., description="certificate_of_commendation, certificate_of_merit, medal or emulation_flag"
    )

    def to_input(self) -> NomineeInput:
        return NomineeInput(
            kind=self.kind,
            name=self.name,
            position=self.position,
            organisation=self.organisation,
            achievement=self.achievement,
            award_form=self.award_form,
        )


class ProposalContentIn(Schema):
    """A proposal's content. Header fields omitted take the unit's usual lines (create) or keep
    their value (update); the list of nominees is always sent whole."""

    model_config = ConfigDict(extra="forbid")

    year: int = Field(..., description="Year of the achievements")
    authority_level: str = Field(..., description="commune, province, ministry or government")
    title: str = Field("", max_length=500, description="Default: the usual title with the year")
    festival_site: int | None = Field(None, description="Id of the festival site where awards are handed over")
    reasons: str = Field("", description="Reasons and overall achievements (body of the memo)")
    memo_number: str = Field("", max_length=16)
    memo_symbol: str | None = Field(None, max_length=32, description="e.g. TTr-CAX")
    parent_body: str | None = Field(None, max_length=200)
    issuing_body: str | None = Field(None, max_length=200)
    place: str | None = Field(None, max_length=100)
    signer_authority: str | None = Field(None, max_length=100)
    signer_title: str | None = Field(None, max_length=100)
    signer_name: str = Field("", max_length=150)
    recipients: str | None = Field(None, description="One per line")
    nominees: list[NomineeIn] = Field(..., description="The proposal list (danh sách trích ngang), in order")

    def to_input(self) -> ProposalInput:
        return ProposalInput(
            year=self.year,
            authority_level=self.authority_level,
            title=self.title,
            festival_site_id=self.festival_site,
            reasons=self.reasons,
            memo_number=self.memo_number,
            memo_symbol=self.memo_symbol,
            parent_body=self.parent_body,
            issuing_body=self.issuing_body,
            place=self.place,
            signer_authority=self.signer_authority,
            signer_title=self.signer_title,
            signer_name=self.signer_name,
            recipients=self.recipients,
            nominees=[n.to_input() for n in self.nominees],
        )


class ProposalCreateIn(ProposalContentIn):
    unit: str = Field(..., description="Code of the proposing unit: a commune or a province")


class ProposalUpdateIn(ProposalContentIn):
    version: int = Field(..., description="The version you loaded; a stale one gets 409")


class VersionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    version: int


class SubmitIn(VersionIn):
    submitted_on: dt.date | None = Field(None, description="Date of the signed memo; default today")
    memo_number: str | None = Field(None, max_length=16, description="The memo's number, if not entered before")


class ForwardIn(VersionIn):
    note: str = Field("", max_length=2000)


class ReasonIn(VersionIn):
    reason: str = Field(..., description="Why; the proposing unit sees it")


class WithdrawIn(VersionIn):
    reason: str = ""


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
        return DecisionInput(
            number=self.number,
            decided_on=self.decided_on,
            signer_name=self.signer_name,
            symbol=self.symbol,
            signer_title=self.signer_title,
            signer_authority=self.signer_authority,
            parent_body=self.parent_body,
            issuing_body=self.issuing_body,
            place=self.place,
            basis=self.basis,
            reward=self.reward,
            recipients=self.recipients,
            festival_site_id=self.festival_site,
            awarded_ids=self.awarded,
        )


class NomineeOut(Schema):
    id: int
    row: int
    kind: str
    name: str
    position: str
    organisation: str
    achievement: str
    award_form: str
    awarded: bool


class SiteRef(Schema):
    id: int
    name: str


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


class EventOut(Schema):
    action: str
    state: str
    unit: UnitRef | None
    actor: str
    note: str
    at: dt.datetime

    @staticmethod
    def resolve_unit(obj: ProposalEvent) -> UnitRef | None:
        return UnitRef(code=obj.unit.code, name=obj.unit.name) if obj.unit else None

    @staticmethod
    def resolve_actor(obj: ProposalEvent) -> str:
        return obj.actor_label


class ProposalSummaryOut(Schema):
    id: int
    unit: UnitRef
    year: int
    title: str
    authority_level: str
    state: str
    memo_reference: str
    submitted_on: dt.date | None
    collectives: int
    individuals: int
    awarded: int
    version: int

    @staticmethod
    def resolve_unit(obj: CommendationProposal) -> UnitRef:
        return UnitRef(code=obj.unit.code, name=obj.unit.name)

    @staticmethod
    def resolve_collectives(obj: CommendationProposal) -> int:
        return int(getattr(obj, "collectives", 0))

    @staticmethod
    def resolve_individuals(obj: CommendationProposal) -> int:
        return int(getattr(obj, "individuals", 0))

    @staticmethod
    def resolve_awarded(obj: CommendationProposal) -> int:
        return int(getattr(obj, "awarded_count", 0))


class ProposalOut(Schema):
    id: int
    unit: UnitRef
    province: UnitRef | None
    commune: UnitRef | None
    year: int
    title: str
    authority_level: str
    festival_site: SiteRef | None
    reasons: str
    memo_number: str
    memo_symbol: str
    memo_reference: str
    parent_body: str
    issuing_body: str
    place: str
    signer_authority: str
    signer_title: str
    signer_name: str
    recipients: str
    state: str
    submitted_on: dt.date | None
    return_reason: str
    nominees: list[NomineeOut]
    decision: DecisionOut | None
    events: list[EventOut]
    actions: list[str] = Field([], description="What you may do with it now")
    version: int

    @staticmethod
    def resolve_unit(obj: CommendationProposal) -> UnitRef:
        return UnitRef(code=obj.unit.code, name=obj.unit.name)

    @staticmethod
    def resolve_province(obj: CommendationProposal) -> UnitRef | None:
        return UnitRef(code=obj.province.code, name=obj.province.name) if obj.province else None

    @staticmethod
    def resolve_commune(obj: CommendationProposal) -> UnitRef | None:
        return UnitRef(code=obj.commune.code, name=obj.commune.name) if obj.commune else None

    @staticmethod
    def resolve_festival_site(obj: CommendationProposal) -> SiteRef | None:
        site = obj.festival_site
        return SiteRef(id=site.pk, name=site.name) if site else None

    @staticmethod
    def resolve_nominees(obj: CommendationProposal) -> list[CommendationNominee]:
        return list(obj.nominees.all())

    @staticmethod
    def resolve_decision(obj: CommendationProposal) -> CommendationDecision | None:
        decisions = list(obj.decisions.all())
        return decisions[0] if decisions else None

    @staticmethod
    def resolve_events(obj: CommendationProposal) -> list[ProposalEvent]:
        # The rows themselves: EventOut's own resolvers run when the outer schema validates them.
        return list(obj.events.all())

    @staticmethod
    def resolve_actions(obj: CommendationProposal) -> list[str]:
        return list(getattr(obj, "actions", []))


class ProposalFilterIn(Schema):
    year: int | None = None
    state: str = ""
    unit: str = Field("", description="Unit code: the unit and everything below it")
    award_form: str = ""
    kind: str = Field("", description="collective or individual")
    q: str = Field("", description="A nominee's name or the title; diacritics ignored")


class CountsFilterIn(Schema):
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


class CountsOut(Schema):
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
    def of(counts: AwardCounts) -> CountsOut:
        return CountsOut(
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
