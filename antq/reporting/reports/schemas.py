"""Input and output of the reports API (/api/reporting): periods, completeness, a report with its
figures and the actions on it; and the dashboard's body (built by antq.dashboards)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from ninja import Field, Schema

from antq.core.schemas import InputSchema
from antq.reporting.reports.services import PeriodDates, ReportText


class PeriodOut(Schema):
    form: str
    key: str
    label: str
    starts_on: dt.date
    ends_on: dt.date
    cutoff_on: dt.date
    commune_deadline: dt.date
    province_deadline: dt.date
    closes_on: dt.date
    version: int


class PeriodUpdateIn(InputSchema):
    version: int
    cutoff_on: dt.date | None = None
    commune_deadline: dt.date | None = None
    province_deadline: dt.date | None = None
    closes_on: dt.date | None = None

    def to_input(self, current: PeriodDates) -> PeriodDates:
        """The dates as they will be: those sent over those stored."""
        return replace(current, **{k: v for k, v in self.dict(exclude={"version"}).items() if v is not None})


class CompletenessOut(Schema):
    expected: int
    submitted: int
    on_time: int
    approved: int
    returned: int
    late: int


class ChildOut(Schema):
    unit: str
    name: str
    state: str
    report_id: int | None
    submitted_at: dt.datetime | None
    on_time: bool | None
    completeness: CompletenessOut | None


class OverviewOut(Schema):
    period: PeriodOut
    unit: str
    completeness: CompletenessOut
    children: list[ChildOut]


class ValueOut(Schema):
    field: str
    name: str
    value: float | int | None
    prefilled: float | int | None
    overridden: bool
    note: str
    records_now: float | int | None


class ReportOut(Schema):
    id: int
    form: str
    period: str
    unit: str
    unit_name: str
    state: str
    version: int
    note: str
    submitted_at: dt.datetime | None
    on_time: bool | None
    return_reason: str
    missing_units: list[dict[str, Any]]
    values: list[ValueOut]


class ReportOpenIn(InputSchema):
    unit: str


class ValuesIn(InputSchema):
    version: int
    values: dict[str, str | int | float | None] = Field(
        ..., description='Field -> number, e.g. {"participants": 1250, "items_surrendered.explosives": "2,5"}'
    )
    notes: dict[str, str] = {}
    note: str | None = None


class SubmitIn(InputSchema):
    """Send a report up. A province's report goes up once every commune report below is approved,
    or names in `missing` the communes it is sent without (they are listed in the report)."""

    version: int = Field(..., description="The version you loaded; a stale one gets 409")
    fill_zero: bool = Field(False, description="Write 0 into every figure still empty before submitting")
    missing: list[str] = Field(
        [],
        description="Province reports only: codes of the communes whose reports are not approved yet and "
        'that this report is sent without, e.g. ["22453"]. The 422 answer lists them when any is unnamed.',
    )


class ReturnIn(InputSchema):
    version: int
    reason: str


class DashboardFigure(Schema):
    field: str
    name: str
    measure: str
    total: float | int
    approved: float | int


class DashboardChild(Schema):
    unit: str
    name: str
    state: str
    completeness: CompletenessOut | None
    values: dict[str, float | int]


class DashboardOut(Schema):
    form: str
    period: str
    period_label: str
    unit: str
    unit_name: str
    level: int
    figures: list[DashboardFigure]
    completeness: CompletenessOut
    children: list[DashboardChild]
    series: dict[str, dict[str, float | int]]


class NarrativeIn(InputSchema):
    version: int
    situation: str | None = Field(None, max_length=20000)
    results: str | None = Field(None, max_length=20000)
    strengths: str | None = Field(None, max_length=20000)
    shortcomings: str | None = Field(None, max_length=20000)
    proposals: str | None = Field(None, max_length=20000)
    doc_number: str | None = Field(
        None, max_length=20, description="Document number in digits, e.g. 125; empty = draft"
    )
    doc_date: dt.date | None = None
    signer_authority: str | None = Field(None, max_length=100)
    signer_title: str | None = Field(None, max_length=100)
    signer_name: str | None = Field(None, max_length=100)
    recipients: str | None = Field(None, max_length=2000, description="One recipient per line")

    def to_input(self, current: ReportText) -> ReportText:
        """The text as it will be: what was sent over what is stored (null empties a text)."""
        sent: dict[str, Any] = self.dict(exclude_unset=True, exclude={"version"})
        changes: dict[str, Any] = {k: "" if v is None and k != "doc_date" else v for k, v in sent.items()}
        return replace(current, **changes)
