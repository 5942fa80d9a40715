"""The API's shapes of proposals: the content sent (the list always whole), the actions, and the
proposal returned with its list, decision, history and what the caller may do next."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ninja import Field, Schema
from pydantic import ConfigDict

from antq.commendations.decisions.models import CommendationDecision
from antq.commendations.decisions.schemas import DecisionOut
from antq.commendations.proposals.checks import HEADER_FIELDS
from antq.commendations.proposals.models import CommendationNominee, CommendationProposal, ProposalEvent
from antq.commendations.proposals.selectors import ProposalFilter
from antq.commendations.proposals.services import NomineeInput, ProposalInput
from antq.commendations.schemas import SiteRef
from antq.core.schemas import InputSchema, VersionIn
from antq.units.schemas import UnitRef


class NomineeIn(InputSchema):
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
        return NomineeInput(**self.dict())


class ProposalContentIn(InputSchema):
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

    def to_input(self, current: ProposalInput | None = None) -> ProposalInput:
        """The content sent; on an update (`current`: the proposal as stored) header lines left
        out or null keep their stored value."""
        sent = ProposalInput(
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
            nominees=tuple(n.to_input() for n in self.nominees),
        )
        if current is None:
            return sent
        return replace(sent, **{name: getattr(current, name) for name in HEADER_FIELDS if getattr(sent, name) is None})


class ProposalCreateIn(ProposalContentIn):
    unit: str = Field(..., description="Code of the proposing unit: a commune or a province")


class ProposalUpdateIn(ProposalContentIn):
    version: int = Field(..., description="The version you loaded; a stale one gets 409")


class SubmitIn(VersionIn):
    submitted_on: dt.date | None = Field(None, description="Date of the signed memo; default today")
    memo_number: str | None = Field(None, max_length=16, description="The memo's number, if not entered before")


class ForwardIn(VersionIn):
    note: str = Field("", max_length=2000)


class ReasonIn(VersionIn):
    reason: str = Field(..., description="Why; the proposing unit sees it")


class WithdrawIn(VersionIn):
    reason: str = ""


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


class ProposalFilterIn(InputSchema):
    year: int | None = Field(None, ge=2000, le=2100)
    state: str = ""
    unit: str = Field("", description="Unit code: the unit and everything below it")
    award_form: str = ""
    kind: str = Field("", description="collective or individual")
    q: str = Field("", description="A nominee's name or the title; diacritics ignored")

    def to_filter(self) -> ProposalFilter:
        return ProposalFilter(**self.dict(exclude={"unit", "q"}), unit_code=self.unit, query=self.q)
