from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from django.db import models
from ninja import Field, Schema
from pydantic import ConfigDict

from antq.core.schemas import InputSchema
from antq.plans.models import Plan, PlanRevision, PlanTask
from antq.plans.selectors import Board, PlanFilter
from antq.plans.services import PlanInput, TaskInput
from antq.units.schemas import UnitRef

# Text fields of a plan: null sent for one of them empties it (the stored value is a string).
TEXT_FIELDS = frozenset(f.name for f in Plan._meta.get_fields() if isinstance(f, (models.CharField, models.TextField)))


class PlanRef(Schema):
    id: int
    reference: str
    title: str


class PlanContent(InputSchema):
    """Fields of a plan's content; all optional on input, so PATCH-like use sets what it sends."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(None, max_length=500)
    parent_body: str | None = Field(None, max_length=200, description="Top-left line, e.g. UBND TỈNH KHÁNH HÒA")
    issuing_body: str | None = Field(None, max_length=200, description="e.g. BAN CHỈ ĐẠO 138")
    place: str | None = Field(None, max_length=100)
    signer_authority: str | None = Field(None, max_length=100, description="e.g. TM. BAN CHỈ ĐẠO")
    signer_title: str | None = Field(None, max_length=100)
    signer_name: str | None = Field(None, max_length=150)
    basis_documents: str | None = Field(None, description="Other documents cited, one per line")
    window_start: dt.date | None = None
    window_end: dt.date | None = None
    purposes: str | None = None
    requirements: str | None = None
    contents: str | None = None
    organisation: str | None = None
    target_sites: int | None = Field(None, ge=0)
    target_sites_per_commune: int | None = Field(None, ge=0, le=1000)
    target_pilot_sites: int | None = Field(None, ge=0)
    lower_plan_due_on: dt.date | None = None
    site_registration_due_on: dt.date | None = None
    recipients: str | None = Field(None, description="One recipient per line")

    def sent(self, *skip: str) -> dict[str, Any]:
        """The fields the caller sent, as a plan's input: null text is empty, `parent_plan` is the
        parent's id; a header line not sent takes the issuer's usual one."""
        values = self.dict(exclude_unset=True)
        changes = {
            key: "" if value is None and key in TEXT_FIELDS else value
            for key, value in values.items()
            if key not in skip and key != "parent_plan"
        }
        if "parent_plan" in values:
            changes["parent_plan_id"] = values["parent_plan"]
        return changes


class PlanCreateIn(PlanContent):
    issuer: str = Field(..., description="Code of the issuing unit: VN, a province or a commune")
    parent_plan: int | None = Field(None, description="Id of the plan this one implements")
    year: int = Field(..., ge=2005, le=2100)
    symbol: str = Field("KH-BCĐ", max_length=32)
    title: str = Field(..., max_length=500)  # type: ignore[assignment]
    window_start: dt.date  # type: ignore[assignment]
    window_end: dt.date  # type: ignore[assignment]

    def to_input(self) -> PlanInput:
        return PlanInput(**self.sent("issuer"))


class PlanUpdateIn(PlanContent):
    version: int = Field(..., description="The version you loaded; a stale one gets 409")
    parent_plan: int | None = None
    symbol: str | None = Field(None, max_length=32)

    def to_input(self, plan: Plan) -> PlanInput:
        return replace(PlanInput.of(plan), **self.sent("version"))


class PlanIssueIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    version: int
    number: str = Field(..., description="The number from the records office, e.g. 4955")
    issued_on: dt.date
    signer_name: str = ""


class PlanAmendIn(PlanContent):
    version: int
    reason: str = Field(..., description="Why the plan is amended; kept in the history")
    reference: str = Field("", max_length=64, description="Number of the amending document, if any")
    effective_on: dt.date | None = None

    def to_input(self, plan: Plan) -> PlanInput:
        return replace(PlanInput.of(plan), **self.sent("version", "reason", "reference", "effective_on"))


class TaskIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(..., description="The plan's version")
    description: str
    due_on: dt.date
    assignee: str | None = Field(None, description="Unit code; empty = every unit one level below")
    reason: str = Field("", description="Required when the plan is in force (the addition is an amendment)")

    def to_input(self) -> TaskInput:
        return TaskInput(description=self.description, due_on=self.due_on, assignee_code=self.assignee)


class TaskCompleteIn(InputSchema):
    model_config = ConfigDict(extra="forbid")

    unit: str = Field(..., description="Code of the unit that did its part")
    done_on: dt.date | None = None
    note: str = ""


class TaskOut(Schema):
    id: int
    description: str
    due_on: dt.date
    assignee: UnitRef | None
    completions: int

    @staticmethod
    def resolve_assignee(obj: PlanTask) -> UnitRef | None:
        return UnitRef(code=obj.assignee.code, name=obj.assignee.name) if obj.assignee else None

    @staticmethod
    def resolve_completions(obj: PlanTask) -> int:
        return getattr(obj, "done", None) or obj.completions.count()


class PlanOut(Schema):
    id: int
    issuer: UnitRef
    parent_plan: PlanRef | None
    year: int
    number: str
    symbol: str
    reference: str
    title: str
    parent_body: str
    issuing_body: str
    place: str
    issued_on: dt.date | None
    signer_authority: str
    signer_title: str
    signer_name: str
    basis_documents: str
    window_start: dt.date
    window_end: dt.date
    purposes: str
    requirements: str
    contents: str
    organisation: str
    target_sites: int | None
    target_sites_per_commune: int | None
    target_pilot_sites: int | None
    lower_plan_due_on: dt.date | None
    site_registration_due_on: dt.date | None
    recipients: str
    has_attachment: bool
    state: str
    version: int

    @staticmethod
    def resolve_issuer(obj: Plan) -> UnitRef:
        return UnitRef(code=obj.issuer.code, name=obj.issuer.name)

    @staticmethod
    def resolve_parent_plan(obj: Plan) -> PlanRef | None:
        parent = obj.parent_plan
        return PlanRef(id=parent.pk, reference=parent.reference, title=parent.title) if parent else None

    @staticmethod
    def resolve_has_attachment(obj: Plan) -> bool:
        return bool(obj.attachment)


class PlanRevisionOut(Schema):
    revision: int
    effective_on: dt.date
    reference: str
    reason: str
    snapshot: dict[str, object]

    @staticmethod
    def resolve_snapshot(obj: PlanRevision) -> dict[str, object]:
        return dict(obj.snapshot)


class PlanFilterIn(InputSchema):
    year: int | None = Field(None, ge=2000, le=2100)
    state: str | None = None
    issuer: str | None = Field(None, description="Issuing unit code")
    level: str | None = Field(None, description="nation, province or commune")
    q: str = Field("", description="Number or title; diacritics ignored")

    def to_filter(self) -> PlanFilter:
        return PlanFilter(
            year=self.year,
            state=self.state or "",
            issuer_code=self.issuer or "",
            level=self.level or "",
            query=self.q,
        )


class BoardRowOut(Schema):
    code: str
    name: str
    own_plan_id: int | None
    own_plan_reference: str
    own_plan_state: str
    communes_total: int
    communes_with_plan: int
    communes_late: int
    sites_registered: int
    sites_held: int
    sites_reported: int
    sites_cancelled: int
    pilot_sites: int
    tasks_total: int
    tasks_done: int
    tasks_overdue: int
    late: bool
    late_reasons: list[str]


class BoardOut(Schema):
    plan: PlanRef
    today: dt.date
    units: int
    units_with_plan: int
    units_late: int
    totals: BoardRowOut
    rows: list[BoardRowOut]

    @classmethod
    def of(cls, board: Board) -> BoardOut:
        plan = board.plan
        return cls(
            plan=PlanRef(id=plan.pk, reference=plan.reference, title=plan.title),
            today=board.today,
            units=len(board.rows),
            units_with_plan=board.units_with_plan,
            units_late=board.units_late,
            totals=BoardRowOut.from_orm(board.totals),
            rows=[BoardRowOut.from_orm(row) for row in board.rows],
        )
